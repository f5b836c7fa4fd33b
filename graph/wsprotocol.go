package graph

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql/handler/transport"
)

// graphql-transport-ws (graphql-ws's PROTOCOL.md) says how a server ends a
// session that breaks the protocol, and graphql-ws acts on those codes:
// 4400 for a malformed message, 4401 for a subscribe before the connection
// is acknowledged, 4408 when no acceptable connection_init came in time,
// 4409 for a second subscribe with an id still running, 4429 for a second
// connection_init; ping and pong are allowed at any time; after the client
// completes an id, nothing more of that operation is sent and the id may
// be used again. gqlgen answers
// these with its own codes — 1002 (which graphql-ws treats as fatal, so a
// client whose token refresh took 10 s never came back), 1000
// "terminated" (which graphql-ws reads as a clean close and reconnects
// in a loop) — runs both operations of a duplicate id, and left a socket
// whose connection_init payload was a string open indefinitely; and an id
// reused after the client completed it got the old operation's complete
// (and gqlgen's bookkeeping of the old one dropped the new one's). This
// wrapper reads each frame before gqlgen does and enforces the protocol,
// and gives gqlgen an id of its own for every subscribe, so that an id the
// client reuses is a new operation to gqlgen.
const (
	closeBadRequest        = 4400
	closeInitTimeout       = 4408
	closeSubscriberExists  = 4409
	closeTooManyInitialise = 4429
)

// protocolSubprotocol is the only subprotocol the wrapper speaks for.
const protocolSubprotocol = "graphql-transport-ws"

// protocolConn enforces graphql-transport-ws on one socket.
type protocolConn struct {
	*trackedConn

	mu sync.Mutex
	// initialised: a connection_init was passed on; acked: the server
	// acknowledged it.
	initialised, acked bool
	// running maps the client's ids of operations not completed to the
	// ids gqlgen knows them by; clientIDs maps back (to "" once the
	// client completed it: what gqlgen still sends of it is dropped).
	running   map[string]string
	clientIDs map[string]string
	next      int
	// closed: the wrapper ended the session; gqlgen's later closes are moot.
	closed    bool
	initTimer *time.Timer
}

func newProtocolConn(c *trackedConn, initTimeout time.Duration) transport.WebsocketConn {
	if c.Subprotocol() != protocolSubprotocol {
		return c // the legacy graphql-ws protocol has no such codes
	}
	p := &protocolConn{trackedConn: c, running: map[string]string{}, clientIDs: map[string]string{}}
	p.initTimer = time.AfterFunc(initTimeout, func() {
		p.mu.Lock()
		acked := p.acked
		p.mu.Unlock()
		if !acked {
			p.end(closeInitTimeout, "Connection initialisation timeout")
		}
	})
	return p
}

// clientMessage is what the wrapper reads of an incoming frame.
type clientMessage struct {
	Type    string          `json:"type"`
	ID      *string         `json:"id"`
	Payload json.RawMessage `json:"payload"`
}

// NextReader hands gqlgen the next frame that keeps to the protocol,
// answering pings before the connection is acknowledged itself (gqlgen
// would close) and ending the session on a violation.
func (p *protocolConn) NextReader() (int, io.Reader, error) {
	for {
		kind, r, err := p.trackedConn.NextReader()
		if err != nil {
			return kind, r, err
		}
		frame, err := io.ReadAll(r)
		if err != nil {
			return kind, nil, err
		}
		var m clientMessage
		if json.Unmarshal(frame, &m) != nil || m.Type == "" {
			return p.violation(closeBadRequest, "Invalid message received")
		}
		p.mu.Lock()
		initialised, acked := p.initialised, p.acked
		p.mu.Unlock()
		switch m.Type {
		case "connection_init":
			if initialised {
				return p.violation(closeTooManyInitialise, "Too many initialisation requests")
			}
			if !objectOrNull(m.Payload) {
				return p.violation(closeBadRequest, "Invalid connection_init payload: an object or null")
			}
			p.mu.Lock()
			p.initialised = true
			p.mu.Unlock()
		case "ping":
			if !acked {
				if err := p.trackedConn.WriteJSON(map[string]string{"type": "pong"}); err != nil {
					return kind, nil, err
				}
				continue
			}
		case "pong":
			if !acked {
				continue
			}
		case "subscribe":
			if !acked {
				return p.violation(closeUnauthorized, "Unauthorized")
			}
			if m.ID == nil || *m.ID == "" || !objectOrNull(m.Payload) || len(m.Payload) == 0 {
				return p.violation(closeBadRequest, "Invalid subscribe message: an id and a payload are required")
			}
			p.mu.Lock()
			_, exists := p.running[*m.ID]
			var internal string
			if !exists {
				p.next++
				internal = fmt.Sprintf("%d:%s", p.next, *m.ID)
				p.running[*m.ID], p.clientIDs[internal] = internal, *m.ID
			}
			p.mu.Unlock()
			if exists {
				return p.violation(closeSubscriberExists, closeReason(errString("Subscriber for "+*m.ID+" already exists")))
			}
			frame = withID(frame, internal)
		case "complete":
			if !acked {
				return p.violation(closeUnauthorized, "Unauthorized")
			}
			if m.ID == nil {
				return p.violation(closeBadRequest, "Invalid complete message: an id is required")
			}
			p.mu.Lock()
			internal, ok := p.running[*m.ID]
			delete(p.running, *m.ID)
			if ok {
				p.clientIDs[internal] = ""
			}
			p.mu.Unlock()
			if !ok {
				continue // completed already: nothing to stop
			}
			frame = withID(frame, internal)
		default:
			return p.violation(closeBadRequest, "Invalid message type "+closeReason(errString(m.Type)))
		}
		return kind, bytes.NewReader(frame), nil
	}
}

// withID is a client frame with its id replaced.
func withID(frame []byte, id string) []byte {
	var fields map[string]json.RawMessage
	if json.Unmarshal(frame, &fields) != nil {
		return frame
	}
	fields["id"], _ = json.Marshal(id)
	out, err := json.Marshal(fields)
	if err != nil {
		return frame
	}
	return out
}

type errString string

func (e errString) Error() string { return string(e) }

// objectOrNull reports whether a payload is absent, null or an object.
func objectOrNull(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) == 0 || bytes.Equal(raw, []byte("null")) || raw[0] == '{'
}

// violation ends the session with code and makes gqlgen's read loop stop.
func (p *protocolConn) violation(code int, reason string) (int, io.Reader, error) {
	p.end(code, reason)
	return 0, nil, transport.ErrWebsocketClosed
}

func (p *protocolConn) end(code int, reason string) {
	p.mu.Lock()
	already := p.closed
	p.closed = true
	p.mu.Unlock()
	if !already {
		_ = p.trackedConn.WriteClose(code, reason)
	}
}

// WriteJSON notes the acknowledgement and gives an operation's messages
// the client's id back, dropping those of operations the client completed
// (gqlgen's message struct: its Type and ID fields).
func (p *protocolConn) WriteJSON(v any) error {
	rv := reflect.Indirect(reflect.ValueOf(v))
	if rv.Kind() != reflect.Struct {
		return p.trackedConn.WriteJSON(v)
	}
	kind, id := rv.FieldByName("Type"), rv.FieldByName("ID")
	if kind.IsValid() && kind.Kind() == reflect.String && kind.String() == "connection_ack" {
		p.mu.Lock()
		p.acked = true
		p.mu.Unlock()
		p.initTimer.Stop()
	}
	if !id.IsValid() || id.Kind() != reflect.String || id.String() == "" || !id.CanSet() {
		return p.trackedConn.WriteJSON(v)
	}
	internal := id.String()
	final := kind.String() == "complete" || kind.String() == "error"
	p.mu.Lock()
	clientID, known := p.clientIDs[internal]
	if final {
		delete(p.clientIDs, internal)
		if clientID != "" && p.running[clientID] == internal {
			delete(p.running, clientID)
		}
	}
	p.mu.Unlock()
	if !known || clientID == "" {
		return nil // the client completed it: nothing more of it is sent
	}
	id.SetString(clientID)
	return p.trackedConn.WriteJSON(v)
}

// WriteClose is gqlgen's close, unless the wrapper already closed.
func (p *protocolConn) WriteClose(code int, message string) error {
	p.mu.Lock()
	already := p.closed
	p.closed = true
	p.mu.Unlock()
	if already {
		return nil
	}
	return p.trackedConn.WriteClose(code, message)
}

func (p *protocolConn) Close() error {
	p.initTimer.Stop()
	return p.trackedConn.Close()
}
