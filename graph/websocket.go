package graph

import (
	"net/http"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql/handler/transport"
)

// ShutdownReason is the close frame's text when the server stops.
const ShutdownReason = "server shutting down: reconnect and resubscribe from your last cursor"

// closeCodeGoingAway is the websocket close code for a server going down.
const closeCodeGoingAway = 1001

// shutdownAwareWebsockets wraps the websocket implementation so that sockets
// closed because the server is stopping say so — 1001 "going away" with a
// reason — instead of gqlgen's plain 1000 "terminated", which clients may take
// as "done" rather than "reconnect".
type shutdownAwareWebsockets struct {
	inner        transport.WebsocketImplementation
	shuttingDown *atomic.Bool
}

func (s shutdownAwareWebsockets) Accept(w http.ResponseWriter, r *http.Request, o transport.WebsocketAcceptOptions) (transport.WebsocketConn, error) {
	conn, err := s.inner.Accept(w, r, o)
	if err != nil {
		return nil, err
	}
	return &shutdownAwareConn{WebsocketConn: conn, shuttingDown: s.shuttingDown}, nil
}

type shutdownAwareConn struct {
	transport.WebsocketConn
	shuttingDown *atomic.Bool
}

func (c *shutdownAwareConn) WriteClose(code int, message string) error {
	if c.shuttingDown.Load() {
		code, message = closeCodeGoingAway, ShutdownReason
	}
	return c.WebsocketConn.WriteClose(code, message)
}

// The optional capabilities of the wrapped connection stay available.

func (c *shutdownAwareConn) SetReadLimit(limit int64) {
	if l, ok := c.WebsocketConn.(transport.WebsocketReadLimiter); ok {
		l.SetReadLimit(limit)
	}
}

func (c *shutdownAwareConn) SetReadDeadline(t time.Time) error {
	if d, ok := c.WebsocketConn.(transport.WebsocketReadDeadliner); ok {
		return d.SetReadDeadline(t)
	}
	return nil
}
