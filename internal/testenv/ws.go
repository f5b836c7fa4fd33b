package testenv

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"
)

// WSMessage is one graphql-transport-ws message.
type WSMessage struct {
	Type    string          `json:"type"`
	ID      string          `json:"id,omitempty"`
	Payload json.RawMessage `json:"payload,omitempty"`
}

// WSClient speaks graphql-transport-ws to the test server.
type WSClient struct {
	t    testing.TB
	Conn *websocket.Conn
}

// DialWS opens a websocket to serverURL (http://…) and authenticates with key
// in connection_init. It fails the test unless the server acknowledges.
func DialWS(t testing.TB, serverURL, key string) *WSClient {
	t.Helper()
	c, ack, err := TryDialWS(serverURL, key)
	if err != nil {
		t.Fatalf("websocket: %v", err)
	}
	if ack.Type != "connection_ack" {
		t.Fatalf("websocket: got %s %s, want connection_ack", ack.Type, ack.Payload)
	}
	c.t = t
	t.Cleanup(func() { c.Conn.CloseNow() })
	return c
}

// TryDialWS is DialWS that returns the server's first answer instead of
// requiring an ack.
func TryDialWS(serverURL, key string) (*WSClient, WSMessage, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(serverURL, "http")+"/graphql",
		&websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
	if err != nil {
		return nil, WSMessage{}, err
	}
	conn.SetReadLimit(1 << 20)
	init := map[string]any{"type": "connection_init"}
	if key != "" {
		init["payload"] = map[string]string{"Authorization": "Bearer " + key}
	}
	if err := wsjson.Write(ctx, conn, init); err != nil {
		return nil, WSMessage{}, err
	}
	c := &WSClient{Conn: conn}
	var first WSMessage
	err = wsjson.Read(ctx, conn, &first)
	return c, first, err
}

// TryDialWSWith opens a websocket with the given handshake headers (a
// browser's Cookie and Origin) and connection_init payload, and returns the
// server's first answer.
func TryDialWSWith(serverURL string, header http.Header, payload map[string]any) (*WSClient, WSMessage, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(serverURL, "http")+"/graphql",
		&websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}, HTTPHeader: header})
	if err != nil {
		return nil, WSMessage{}, err
	}
	conn.SetReadLimit(1 << 20)
	if err := wsjson.Write(ctx, conn, map[string]any{"type": "connection_init", "payload": payload}); err != nil {
		return nil, WSMessage{}, err
	}
	c := &WSClient{Conn: conn}
	var first WSMessage
	err = wsjson.Read(ctx, conn, &first)
	return c, first, err
}

// Subscribe starts an operation with the given id.
func (c *WSClient) Subscribe(id, query string, vars map[string]any) {
	c.t.Helper()
	if err := c.TrySubscribe(id, query, vars); err != nil {
		c.t.Fatalf("subscribe: %v", err)
	}
}

// TrySubscribe is Subscribe that returns the error (for clients that
// reconnect).
func (c *WSClient) TrySubscribe(id, query string, vars map[string]any) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return wsjson.Write(ctx, c.Conn, map[string]any{"type": "subscribe", "id": id,
		"payload": map[string]any{"query": query, "variables": vars}})
}

// Read returns the next message, or fails the test after timeout.
func (c *WSClient) Read(timeout time.Duration) WSMessage {
	c.t.Helper()
	m, err := c.TryRead(timeout)
	if err != nil {
		c.t.Fatalf("websocket read: %v", err)
	}
	return m
}

// TryRead returns the next message or the error that prevented it.
func (c *WSClient) TryRead(timeout time.Duration) (WSMessage, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	for {
		var m WSMessage
		if err := wsjson.Read(ctx, c.Conn, &m); err != nil {
			return m, err
		}
		if m.Type == "ping" {
			_ = wsjson.Write(ctx, c.Conn, map[string]string{"type": "pong"})
			continue
		}
		if m.Type == "pong" {
			continue
		}
		return m, nil
	}
}

// DialRawWS opens a graphql-transport-ws socket and sends nothing: the
// test speaks the protocol frame by frame (SendRaw).
func DialRawWS(t testing.TB, serverURL string) *WSClient {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(serverURL, "http")+"/graphql",
		&websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
	if err != nil {
		t.Fatalf("websocket: %v", err)
	}
	conn.SetReadLimit(1 << 20)
	t.Cleanup(func() { conn.CloseNow() })
	return &WSClient{t: t, Conn: conn}
}

// SendRaw writes one text frame exactly as given.
func (c *WSClient) SendRaw(frame string) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := c.Conn.Write(ctx, websocket.MessageText, []byte(frame)); err != nil {
		c.t.Fatalf("websocket write: %v", err)
	}
}

// ReadRaw returns the next message as it came, pings included.
func (c *WSClient) ReadRaw(timeout time.Duration) (WSMessage, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	var m WSMessage
	err := wsjson.Read(ctx, c.Conn, &m)
	return m, err
}
