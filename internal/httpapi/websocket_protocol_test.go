package httpapi_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"firebreak/graph"
	"firebreak/internal/testenv"
)

// graphql-transport-ws as graphql-ws's PROTOCOL.md says, frame by frame:
// ping and pong at any time (before connection_init too), 4401 for a
// subscribe before the connection is acknowledged, 4429 for a second
// connection_init, 4408 when no acceptable connection_init came in time
// (a string payload is not one: 4400), 4400 for malformed or unknown
// messages, 4409 for a subscribe whose id is still running — and an id
// completed by the client may be used again.
func TestWebsocketProtocolViolationsGetTheProtocolsCloseCodes(t *testing.T) {
	t.Parallel()
	env := testenv.NewWithOptions(t, testenv.Options{SocketLimits: graph.SocketLimits{InitTimeout: 700 * time.Millisecond}})
	initFrame := fmt.Sprintf(`{"type":"connection_init","payload":{"Authorization":"Bearer %s"}}`, env.ViewerKey)
	subscribe := func(id string) string {
		return fmt.Sprintf(`{"type":"subscribe","id":%q,"payload":{"query":"subscription { incidentChanges { title } }"}}`, id)
	}
	expect := func(c *testenv.WSClient, want string) {
		t.Helper()
		m, err := c.ReadRaw(5 * time.Second)
		for err == nil && m.Type == "ping" && want != "ping" {
			m, err = c.ReadRaw(5 * time.Second)
		}
		if err != nil || m.Type != want {
			t.Fatalf("got %+v %v, want %s", m, err, want)
		}
	}

	// A ping before connection_init is answered; the session goes on.
	c := testenv.DialRawWS(t, env.Server.URL)
	c.SendRaw(`{"type":"ping"}`)
	expect(c, "pong")
	c.SendRaw(`{"type":"pong"}`)
	c.SendRaw(initFrame)
	expect(c, "connection_ack")
	c.SendRaw(`{"type":"ping","payload":{"n":1}}`)
	expect(c, "pong")

	for _, tc := range []struct {
		what   string
		frames []string
		code   int
	}{
		{"a subscribe before connection_init", []string{subscribe("1")}, 4401},
		{"a second connection_init", []string{initFrame, initFrame}, 4429},
		{"a connection_init whose payload is a string", []string{`{"type":"connection_init","payload":"Bearer x"}`}, 4400},
		{"malformed JSON", []string{`{"type":`}, 4400},
		{"an unknown message type", []string{initFrame, `{"type":"start","id":"1","payload":{}}`}, 4400},
		{"a subscribe without an id", []string{initFrame, `{"type":"subscribe","payload":{"query":"{ me { id } }"}}`}, 4400},
		{"a subscribe whose id is running", []string{initFrame, subscribe("1"), subscribe("1")}, 4409},
		{"no connection_init at all", nil, 4408},
	} {
		c := testenv.DialRawWS(t, env.Server.URL)
		for _, f := range tc.frames {
			c.SendRaw(f)
		}
		if code, reason := c.CloseStatus(t, 5*time.Second); int(code) != tc.code || reason == "" {
			t.Errorf("%s: closed %d %q, want %d with a reason", tc.what, code, reason, tc.code)
		}
	}

	// An id the client completed may be used again.
	c = testenv.DialRawWS(t, env.Server.URL)
	c.SendRaw(initFrame)
	expect(c, "connection_ack")
	c.SendRaw(subscribe("1"))
	c.SendRaw(`{"type":"complete","id":"1"}`)
	c.SendRaw(subscribe("1"))
	env.Declare(t, map[string]any{"title": "After the id came back", "severityLevel": 3})
	m, err := c.ReadRaw(5 * time.Second)
	for err == nil && m.Type == "ping" {
		m, err = c.ReadRaw(5 * time.Second)
	}
	if err != nil || m.Type != "next" || m.ID != "1" || !strings.Contains(string(m.Payload), "After the id came back") {
		t.Fatalf("the reused id: %+v %v", m, err)
	}
}

// graphql-ws whose first connection_init comes late (a token refresh that
// took longer than the init timeout) is closed with 4408, which it retries,
// and then receives events: with gqlgen's 1002 it gave up for good.
func TestGraphQLWSRetriesAnInitTimeout(t *testing.T) {
	t.Parallel()
	env := testenv.NewWithOptions(t, testenv.Options{SocketLimits: graph.SocketLimits{InitTimeout: 500 * time.Millisecond}})
	lines := testenv.ConnectGraphQLWSWith(t, env.Server.URL, env.ViewerKey, "FIRST_INIT_DELAY_MS=1500")
	done := make(chan testenv.WSOutcome, 1)
	go func() {
		var out testenv.WSOutcome
		if lines.Scan() {
			_ = json.Unmarshal(lines.Bytes(), &out)
		}
		done <- out
	}()
	for i := 0; ; i++ {
		env.Declare(t, map[string]any{"title": "Seen after a slow init", "severityLevel": 3})
		select {
		case out := <-done:
			if !strings.Contains(string(out.Next), "Seen after a slow init") || out.Attempts != 2 {
				t.Fatalf("graphql-ws after a slow first init: %+v", out)
			}
			return
		case <-time.After(500 * time.Millisecond):
			if i > 40 {
				t.Fatal("no event reached graphql-ws")
			}
		}
	}
}
