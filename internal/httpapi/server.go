package httpapi

import (
	"cmp"
	"net/http"
	"time"
)

// Timeouts protect the server from slow and stalled clients. Websockets are
// not affected: net/http clears a connection's deadlines when it is
// hijacked, and sockets have their own pings.
type Timeouts struct {
	// ReadHeader is how long a client has to send its request headers.
	ReadHeader time.Duration
	// Read is how long it has to send the whole request, body included.
	// Bodies are read only after the key is checked; a request without a
	// valid key is answered at once and its connection closed.
	Read time.Duration
	// Write is how long, from the end of the headers, the response may take
	// to be written.
	Write time.Duration
	// Idle is how long a kept-alive connection may wait for its next request.
	Idle time.Duration
	// Request is how long one GraphQL request may run; its database work is
	// cancelled then (and as soon as the client goes away).
	Request time.Duration
	// EdgeBody is how long a sender to the edges (/ingest/*, /slack/*)
	// has for its body: Alertmanager, Grafana and Slack post at once, so a
	// trickled body is cut off well before Read.
	EdgeBody time.Duration
}

// DefaultTimeouts are documented in docs/operations.md.
var DefaultTimeouts = Timeouts{
	ReadHeader: 5 * time.Second,
	Read:       30 * time.Second,
	Write:      60 * time.Second,
	Idle:       2 * time.Minute,
	Request:    30 * time.Second,
	EdgeBody:   10 * time.Second,
}

// WithDefaults fills unset timeouts from DefaultTimeouts.
func (t Timeouts) WithDefaults() Timeouts {
	d := DefaultTimeouts
	return Timeouts{ReadHeader: cmp.Or(t.ReadHeader, d.ReadHeader), Read: cmp.Or(t.Read, d.Read),
		Write: cmp.Or(t.Write, d.Write), Idle: cmp.Or(t.Idle, d.Idle), Request: cmp.Or(t.Request, d.Request), EdgeBody: cmp.Or(t.EdgeBody, d.EdgeBody)}
}

// Apply sets the connection timeouts on s.
func (t Timeouts) Apply(s *http.Server) {
	t = t.WithDefaults()
	s.ReadHeaderTimeout, s.ReadTimeout, s.WriteTimeout, s.IdleTimeout = t.ReadHeader, t.Read, t.Write, t.Idle
}

// securityHeaders are sent with every response: nothing of Firebreak's may be
// framed by another site or sniffed into another content type.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Content-Security-Policy", "frame-ancestors 'none'")
		next.ServeHTTP(w, r)
	})
}
