package standin

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// SlackStandIn is a local stand-in for the parts of Slack's Web API the
// bot uses, answering as Slack does (ok/error JSON, 429 with Retry-After),
// and recording every call. The real slack-go client talks to it
// (FIREBREAK_SLACK_API_URL).
type SlackStandIn struct {
	Server *httptest.Server
	URL    string // what FIREBREAK_SLACK_API_URL is set to

	mu       sync.Mutex
	changed  chan struct{} // closed and replaced on every call
	calls    []SlackCall
	users    map[string]SlackUser
	channels map[string]string // name → id
	messages map[string][]SlackMessage
	nextTS   int64
	limited  map[string]int // method → 429s still to answer
	down     bool
}

// SlackCall is one request the bot made.
type SlackCall struct {
	Method string
	Params map[string]string
	// Status is what the stand-in answered: 200, 429 or 0 (connection cut).
	Status int
}

// SlackUser is a member of the workspace.
type SlackUser struct{ ID, Email, Name string }

// SlackMessage is a message in a channel.
type SlackMessage struct {
	TS, User, Text string
	Blocks         string
}

// StartSlack starts the stand-in; it stops with the test.
func StartSlack(t testing.TB) *SlackStandIn {
	s := &SlackStandIn{changed: make(chan struct{}), users: map[string]SlackUser{}, channels: map[string]string{},
		messages: map[string][]SlackMessage{}, nextTS: time.Now().Unix() * 1_000_000, limited: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.Server.URL + "/api/"
	t.Cleanup(s.Server.Close)
	return s
}

// AddUser adds a workspace member.
func (s *SlackStandIn) AddUser(u SlackUser) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users[u.ID] = u
}

// AddMessage puts a message in a channel, as if a person wrote it; it
// returns its ts.
func (s *SlackStandIn) AddMessage(channel, user, text string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	ts := s.ts()
	s.messages[channel] = append(s.messages[channel], SlackMessage{TS: ts, User: user, Text: text})
	return ts
}

// RateLimit makes the next n calls of method answer 429 (Retry-After: 1).
func (s *SlackStandIn) RateLimit(method string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limited[method] = n
}

// SetDown makes every call fail as if Slack were unreachable (the
// connection is cut without an answer), or brings Slack back.
func (s *SlackStandIn) SetDown(down bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.down = down
}

// Calls returns the calls so far.
func (s *SlackStandIn) Calls() []SlackCall {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]SlackCall(nil), s.calls...)
}

// WaitFor waits until ready holds for the calls so far, woken by each new
// call; it fails the test after within.
func (s *SlackStandIn) WaitFor(t testing.TB, within time.Duration, what string, ready func([]SlackCall) bool) []SlackCall {
	t.Helper()
	deadline := time.After(within)
	for {
		s.mu.Lock()
		calls, changed := append([]SlackCall(nil), s.calls...), s.changed
		s.mu.Unlock()
		if ready(calls) {
			return calls
		}
		select {
		case <-changed:
		case <-deadline:
			t.Fatalf("Slack stand-in: %s did not happen within %s; calls: %s", what, within, summarize(calls))
			return nil
		}
	}
}

func summarize(calls []SlackCall) string {
	var b strings.Builder
	for _, c := range calls {
		fmt.Fprintf(&b, "\n  %s %d %v", c.Method, c.Status, c.Params)
	}
	return b.String()
}

func (s *SlackStandIn) ts() string {
	s.nextTS++
	return fmt.Sprintf("%d.%06d", s.nextTS/1_000_000, s.nextTS%1_000_000)
}

func (s *SlackStandIn) serve(w http.ResponseWriter, r *http.Request) {
	method := strings.TrimPrefix(r.URL.Path, "/api/")
	params := map[string]string{}
	body, _ := io.ReadAll(r.Body)
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		var m map[string]any
		_ = json.Unmarshal(body, &m)
		for k, v := range m {
			if str, ok := v.(string); ok {
				params[k] = str
			} else {
				raw, _ := json.Marshal(v)
				params[k] = string(raw)
			}
		}
	} else {
		values, _ := url.ParseQuery(string(body))
		for k := range values {
			params[k] = values.Get(k)
		}
	}
	s.mu.Lock()
	defer func() {
		close(s.changed)
		s.changed = make(chan struct{})
		s.mu.Unlock()
	}()
	call := SlackCall{Method: method, Params: params, Status: http.StatusOK}
	if s.down {
		call.Status = 0
		s.calls = append(s.calls, call)
		if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
			conn.Close()
		}
		return
	}
	if s.limited[method] > 0 {
		s.limited[method]--
		call.Status = http.StatusTooManyRequests
		s.calls = append(s.calls, call)
		w.Header().Set("Retry-After", "1")
		w.WriteHeader(http.StatusTooManyRequests)
		return
	}
	s.calls = append(s.calls, call)
	answer := s.answer(method, params)
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(answer)
}

// answer is Slack's reply to one Web API call.
func (s *SlackStandIn) answer(method string, p map[string]string) map[string]any {
	fail := func(code string) map[string]any { return map[string]any{"ok": false, "error": code} }
	ok := func(kv ...any) map[string]any {
		m := map[string]any{"ok": true}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}
	user := func(u SlackUser) map[string]any {
		return map[string]any{"id": u.ID, "name": strings.ToLower(strings.Fields(u.Name)[0]), "real_name": u.Name,
			"profile": map[string]any{"email": u.Email, "real_name": u.Name}}
	}
	switch method {
	case "conversations.create":
		name := p["name"]
		if _, taken := s.channels[name]; taken {
			return fail("name_taken")
		}
		id := "C" + strconv.Itoa(len(s.channels)+100)
		s.channels[name] = id
		return ok("channel", map[string]any{"id": id, "name": name, "is_private": p["is_private"] == "true"})
	case "conversations.setTopic", "conversations.invite":
		return ok("channel", map[string]any{"id": p["channel"]})
	case "users.lookupByEmail":
		for _, u := range s.users {
			if strings.EqualFold(u.Email, p["email"]) {
				return ok("user", user(u))
			}
		}
		return fail("users_not_found")
	case "users.info":
		if u, found := s.users[p["user"]]; found {
			return ok("user", user(u))
		}
		return fail("user_not_found")
	case "chat.postMessage":
		ts := s.ts()
		s.messages[p["channel"]] = append(s.messages[p["channel"]], SlackMessage{TS: ts, Text: p["text"], Blocks: p["blocks"]})
		return ok("channel", p["channel"], "ts", ts)
	case "chat.update":
		for i, m := range s.messages[p["channel"]] {
			if m.TS == p["ts"] {
				s.messages[p["channel"]][i].Text, s.messages[p["channel"]][i].Blocks = p["text"], p["blocks"]
				return ok("channel", p["channel"], "ts", m.TS, "text", p["text"])
			}
		}
		return fail("message_not_found")
	case "chat.postEphemeral":
		return ok("message_ts", s.ts())
	case "views.open":
		return ok("view", map[string]any{"id": "V1"})
	case "conversations.history":
		for _, m := range s.messages[p["channel"]] {
			if m.TS == p["latest"] {
				return ok("messages", []map[string]any{{"type": "message", "ts": m.TS, "user": m.User, "text": m.Text}})
			}
		}
		return ok("messages", []any{})
	}
	return fail("unknown_method")
}

// Message returns the message with ts in channel, as it reads now.
func (s *SlackStandIn) Message(channel, ts string) (SlackMessage, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, m := range s.messages[channel] {
		if m.TS == ts {
			return m, true
		}
	}
	return SlackMessage{}, false
}

// SignSlackRequest signs body as Slack signs its requests to an app: v0,
// HMAC-SHA256 of "v0:<timestamp>:<body>" with the signing secret.
func SignSlackRequest(r *http.Request, secret string, body []byte, at time.Time) {
	ts := strconv.FormatInt(at.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "v0:%s:%s", ts, body)
	r.Header.Set("X-Slack-Request-Timestamp", ts)
	r.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
}
