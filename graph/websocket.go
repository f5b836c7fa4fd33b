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
	mu           sync.Mutex
	conns        map[*trackedConn]struct{}
	// perKey counts authenticated sockets by holder: API key, or person
	// signed in with tokens.
	perKey map[string]int
	// watching is set while a loop re-checks the open sockets' keys.
	watching atomic.Bool
}

// ShutDown starts closing every open socket with 1001 "going away" and a
// reason; sockets closed from now on say the same. The close handshake runs
// in the background (gqlgen's coder/websocket adapter): Wait for it before
// cancelling the sockets' context or exiting, or the peer may get a bare EOF.
func (s *Sockets) ShutDown() {
	s.shuttingDown.Store(true)
	s.CloseAll(closeCodeGoingAway, ShutdownReason)
}

// CloseAll starts closing every open socket with code and reason (clients
// that retry reconnect and resubscribe).
func (s *Sockets) CloseAll(code int, reason string) {
	s.mu.Lock()
	conns := make([]*trackedConn, 0, len(s.conns))
	for c := range s.conns {
		conns = append(conns, c)
	}
	s.mu.Unlock()
	for _, c := range conns {
		_ = c.WriteClose(code, reason)
	}
}

// Wait blocks until every socket has closed — gqlgen closes a socket once
// its read loop ends, which after ShutDown is when the peer has answered the
// close frame (or coder/websocket gave up after 5 s) — or ctx ends.
func (s *Sockets) Wait(ctx context.Context) {
	done := make(chan struct{})
	go func() { s.open.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
	}
}

// wrap makes a websocket implementation report to s, and hold its sockets
// to graphql-transport-ws (an acceptable connection_init within
// initTimeout).
func (s *Sockets) wrap(inner transport.WebsocketImplementation, initTimeout time.Duration) transport.WebsocketImplementation {
	return trackedWebsockets{inner: inner, sockets: s, initTimeout: initTimeout}
}

type trackedWebsockets struct {
	inner       transport.WebsocketImplementation
	sockets     *Sockets
	initTimeout time.Duration
}

func (t trackedWebsockets) Accept(w http.ResponseWriter, r *http.Request, o transport.WebsocketAcceptOptions) (transport.WebsocketConn, error) {
	conn, err := t.inner.Accept(w, r, o)
	if err != nil {
		return nil, err
	}
	tc := &trackedConn{WebsocketConn: conn, sockets: t.sockets}
	s := t.sockets
	s.open.Add(1)
	s.mu.Lock()
	if s.conns == nil {
		s.conns = map[*trackedConn]struct{}{}
	}
	s.conns[tc] = struct{}{}
	s.mu.Unlock()
	if slot, _ := r.Context().Value(slotKey{}).(*socketSlot); slot != nil {
		slot.conn = tc
	}
	return newProtocolConn(tc, t.initTimeout), nil
}

type trackedConn struct {
	transport.WebsocketConn
	sockets *Sockets
	closed  sync.Once
	// socket is set once the connection authenticated (under sockets.mu).
	socket *socket
}

func (c *trackedConn) WriteClose(code int, message string) error {
	if c.sockets.shuttingDown.Load() {
		code, message = closeCodeGoingAway, ShutdownReason
	}
	return c.WebsocketConn.WriteClose(code, message)
}

func (c *trackedConn) Close() error {
	err := c.WebsocketConn.Close()
	c.closed.Do(func() {
		c.sockets.mu.Lock()
		delete(c.sockets.conns, c)
		c.sockets.release(c.socket)
		c.sockets.mu.Unlock()
		c.sockets.open.Done()
	})
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
