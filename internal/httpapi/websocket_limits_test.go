package httpapi_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/go-redis/redis_rate/v10"

	"firebreak/graph"
	"firebreak/internal/auth"
	"firebreak/internal/testenv"
	"firebreak/models"
)

// closeStatus reads until the server closes the socket and returns its code
// and reason.
func TestWebsocketAuthFailuresCloseWith4401(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	for name, key := range map[string]string{"missing": "", "unknown": "fbk_not_a_real_key_at_all_000000000000", "garbage": "hello"} {
		c, first, err := testenv.TryDialWS(env.Server.URL, key)
		if err == nil {
			// gqlgen may say why before closing; the close code is what
			// graphql-ws acts on.
			if first.Type == "connection_ack" {
				t.Fatalf("%s key: acknowledged", name)
			}
			code, _ := c.CloseStatus(t, 5*time.Second)
			if code != 4401 {
				t.Errorf("%s key: close %d, want 4401", name, code)
			}
			continue
		}
		if code := websocket.CloseStatus(err); code != 4401 {
			t.Errorf("%s key: %v (close %d), want 4401", name, err, code)
		}
	}
}

func TestRevokedKeyEndsItsOpenSockets(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	key := env.NewKey(t, "Soon revoked", models.RoleResponder)
	c := testenv.DialWS(t, env.Server.URL, key)
	c.Subscribe("1", `subscription { incidentChanges { title } }`, nil)
	other := testenv.DialWS(t, env.Server.URL, env.ViewerKey)
	other.Subscribe("1", `subscription { incidentChanges { title } }`, nil)

	revokedAt := time.Now()
	if err := auth.NewService(env.DB).RevokeKey(context.Background(), key); err != nil {
		t.Fatal(err)
	}
	code, reason := c.CloseStatus(t, 5*time.Second)
	if code != 4401 {
		t.Fatalf("close %d %q, want 4401", code, reason)
	}
	t.Logf("closed %s after revocation: %q", time.Since(revokedAt).Round(time.Millisecond), reason)

	// Other keys' sockets go on: a canary incident reaches the viewer.
	env.Declare(t, map[string]any{"title": "Canary", "severityLevel": 3})
	if m := other.Read(10 * time.Second); m.Type != "next" {
		t.Fatalf("viewer's socket: %s %s", m.Type, m.Payload)
	}
}

func TestWebsocketOperationsSpendTheRateBudget(t *testing.T) {
	t.Parallel()
	env := testenv.NewWithOptions(t, testenv.Options{RateLimit: redis_rate.Limit{Rate: 5, Burst: 5, Period: time.Minute}})
	c := testenv.DialWS(t, env.Server.URL, env.ViewerKey)
	limited := 0
	for i := 0; i < 10; i++ {
		id := fmt.Sprint(i)
		c.Subscribe(id, `{ me { id } }`, nil)
		for {
			m := c.Read(5 * time.Second)
			if m.Type == "complete" {
				break
			}
			if m.Type == "next" && hasCode(m.Payload, "RATE_LIMITED") {
				limited++
			}
		}
	}
	if limited != 5 {
		t.Errorf("%d of 10 operations refused, want 5 (budget 5/min)", limited)
	}
}

func TestWebsocketCapsOperationsAndSockets(t *testing.T) {
	t.Parallel()
	env := testenv.NewWithOptions(t, testenv.Options{SocketLimits: graph.SocketLimits{PerKey: 2, Operations: 3}})
	c := testenv.DialWS(t, env.Server.URL, env.ViewerKey)
	for i := 1; i <= 3; i++ {
		c.Subscribe(fmt.Sprint(i), `subscription { incidentChanges { title } }`, nil)
	}
	c.Subscribe("4", `subscription { incidentChanges { title } }`, nil)
	// The four start concurrently: exactly one is refused.
	var refused string
	for refused == "" {
		m := c.Read(5 * time.Second)
		if m.Type == "next" && hasCode(m.Payload, "RATE_LIMITED") {
			refused = m.ID
		} else if m.Type != "complete" {
			t.Fatalf("%s %s %s", m.ID, m.Type, m.Payload)
		}
	}
	running := map[string]bool{"1": true, "2": true, "3": true, "4": true}
	delete(running, refused)
	// Ending one makes room for another.
	for id := range running {
		stop(t, c, id)
		delete(running, id)
		break
	}
	// The stopped one's slot is freed as its context ends, asynchronously:
	// a client that starts another at once may be refused and try again,
	// as this one does. An event tells whether the new one is live.
	admitted, refusedIDs := "", map[string]bool{}
	for attempt := 0; admitted == "" && attempt < 10; attempt++ {
		id := fmt.Sprint("new", attempt)
		c.Subscribe(id, `subscription { incidentChanges { title } }`, nil)
		env.Declare(t, map[string]any{"title": "Room again", "severityLevel": 3})
		for admitted == "" && !refusedIDs[id] {
			m := c.Read(10 * time.Second)
			switch {
			case hasCode(m.Payload, "RATE_LIMITED"):
				refusedIDs[m.ID] = true
			case m.Type == "next" && !running[m.ID] && !refusedIDs[m.ID]:
				admitted = m.ID
			case m.Type == "next" && running[m.ID], m.Type == "complete":
			default:
				t.Fatalf("%s %s %s (running %v)", m.ID, m.Type, m.Payload, running)
			}
		}
	}
	if admitted == "" {
		t.Fatal("no room after a subscription ended")
	}

	// Two sockets per key: a third is closed with 4429.
	testenv.DialWS(t, env.Server.URL, env.ViewerKey)
	third, first, err := testenv.TryDialWS(env.Server.URL, env.ViewerKey)
	if err != nil {
		if code := websocket.CloseStatus(err); code != 4429 {
			t.Fatalf("third socket: %v", err)
		}
	} else {
		if first.Type == "connection_ack" {
			t.Fatal("third socket acknowledged")
		}
		if code, _ := third.CloseStatus(t, 5*time.Second); code != 4429 {
			t.Errorf("third socket: close %d, want 4429", code)
		}
	}
	// Another key is not affected.
	testenv.DialWS(t, env.Server.URL, env.ResponderKey)
}

func stop(t *testing.T, c *testenv.WSClient, id string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	raw, _ := json.Marshal(map[string]string{"type": "complete", "id": id})
	if err := c.Conn.Write(ctx, websocket.MessageText, raw); err != nil {
		t.Fatal(err)
	}
}

func hasCode(payload json.RawMessage, code string) bool {
	var errs []struct {
		Extensions struct{ Code string }
	}
	var wrapped struct {
		Errors []struct {
			Extensions struct{ Code string }
		}
	}
	if json.Unmarshal(payload, &errs) == nil {
		for _, e := range errs {
			if e.Extensions.Code == code {
				return true
			}
		}
	}
	if json.Unmarshal(payload, &wrapped) == nil {
		for _, e := range wrapped.Errors {
			if e.Extensions.Code == code {
				return true
			}
		}
	}
	return false
}

// A page on an origin that is not allowed gets its socket closed with 4403
// and a reason (graphql-ws backs off on it), not a failed upgrade that
// clients see as 1006 and retry at once.
func TestWebsocketFromAForeignOriginClosesWith4403(t *testing.T) {
	t.Parallel()
	env := testenv.NewWithOptions(t, testenv.Options{AllowedOrigins: []string{"app.example.com"}})
	dial := func(origin string) (websocket.StatusCode, string) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		conn, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(env.Server.URL, "http")+"/graphql",
			&websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}, HTTPHeader: http.Header{"Origin": {origin}}})
		if err != nil {
			t.Fatalf("%s: upgrade refused: %v", origin, err)
		}
		defer conn.CloseNow()
		init, _ := json.Marshal(map[string]any{"type": "connection_init", "payload": map[string]string{"Authorization": "Bearer " + env.ViewerKey}})
		if err := conn.Write(ctx, websocket.MessageText, init); err != nil {
			t.Fatal(err)
		}
		for {
			_, msg, err := conn.Read(ctx)
			if err != nil {
				var ce websocket.CloseError
				if errors.As(err, &ce) {
					return ce.Code, ce.Reason
				}
				t.Fatalf("%s: %v", origin, err)
			}
			if strings.Contains(string(msg), "connection_ack") {
				return -1, "acknowledged"
			}
		}
	}
	if code, reason := dial("http://evil.test"); code != 4403 || !strings.Contains(reason, "evil.test") {
		t.Errorf("foreign origin: %d %q", code, reason)
	}
	if code, reason := dial("https://app.example.com"); code != -1 {
		t.Errorf("allowed origin: %d %q", code, reason)
	}
	if code, reason := dial(env.Server.URL); code != -1 {
		t.Errorf("the API's own origin: %d %q", code, reason)
	}
}
