package graph

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql/handler/transport"
)

// ShutdownReason is the close frame's text when the server stops.
const ShutdownReason = "server shutting down: reconnect and resubscribe from your last cursor"

// closeCodeGoingAway is the websocket close code for a server going down.
const closeCodeGoingAway = 1001

// Sockets tracks open websockets so that shutdown can close them properly:
// with 1001 "going away" and a reason, instead of gqlgen's plain 1000
// "terminated" (which clients may take as "done" rather than "reconnect"),
// and before the process exits.
type Sockets struct {
	shuttingDown atomic.Bool
	open         sync.WaitGroup
}

// ShutDown marks the server as stopping; sockets closed from now on say so.
func (s *Sockets) ShutDown() { s.shuttingDown.Store(true) }

// Wait blocks until every socket has closed, or ctx ends.
func (s *Sockets) Wait(ctx context.Context) {
	done := make(chan struct{})
	go func() { s.open.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
	}
}

// wrap makes a websocket implementation report to s.
func (s *Sockets) wrap(inner transport.WebsocketImplementation) transport.WebsocketImplementation {
	return trackedWebsockets{inner: inner, sockets: s}
}

type trackedWebsockets struct {
	inner   transport.WebsocketImplementation
	sockets *Sockets
}

func (t trackedWebsockets) Accept(w http.ResponseWriter, r *http.Request, o transport.WebsocketAcceptOptions) (transport.WebsocketConn, error) {
	conn, err := t.inner.Accept(w, r, o)
	if err != nil {
		return nil, err
	}
	t.sockets.open.Add(1)
	return &trackedConn{WebsocketConn: conn, sockets: t.sockets}, nil
}

type trackedConn struct {
	transport.WebsocketConn
	sockets *Sockets
	closed  sync.Once
}

func (c *trackedConn) WriteClose(code int, message string) error {
	if c.sockets.shuttingDown.Load() {
		code, message = closeCodeGoingAway, ShutdownReason
	}
	return c.WebsocketConn.WriteClose(code, message)
}

func (c *trackedConn) Close() error {
	err := c.WebsocketConn.Close()
	c.closed.Do(c.sockets.open.Done)
	return err
}

// The optional capabilities of the wrapped connection stay available.

func (c *trackedConn) SetReadLimit(limit int64) {
	if l, ok := c.WebsocketConn.(transport.WebsocketReadLimiter); ok {
		l.SetReadLimit(limit)
	}
}

func (c *trackedConn) SetReadDeadline(t time.Time) error {
	if d, ok := c.WebsocketConn.(transport.WebsocketReadDeadliner); ok {
		return d.SetReadDeadline(t)
	}
	return nil
}
