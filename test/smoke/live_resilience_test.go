package smoke_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/coder/websocket"

	"firebreak/internal/testenv"
	"firebreak/internal/testenv/faults"
)

// collect reads incidentEvents of operation id until it has every sequence
// up to last, resubscribing from extensions.resumeAfter whenever the server
// says so, and fails on any duplicate or out-of-order event.
func collect(t *testing.T, c *testenv.WSClient, incidentID, after string, from, last int) {
	t.Helper()
	collectUntil(t, c, incidentID, after, from, func() int { return last }, nil)
}

// collectUntil is collect while the last sequence is still growing (last
// returns the highest sequence to wait for so far); received, when set, is
// told each sequence as it arrives.
func collectUntil(t *testing.T, c *testenv.WSClient, incidentID, after string, from int, last func() int, received func(sequence int)) {
	t.Helper()
	want := from
	op := 0
	subscribe := func() {
		op++
		c.Subscribe(strconv.Itoa(op), eventsSubscription, map[string]any{"id": incidentID, "after": after})
	}
	subscribe()
	deadline := time.Now().Add(60 * time.Second)
	for want <= last() {
		if time.Now().After(deadline) {
			t.Fatalf("still waiting for sequence %d", want)
		}
		m := c.Read(30 * time.Second)
		if m.ID != strconv.Itoa(op) {
			continue // the tail of an ended operation
		}
		switch m.Type {
		case "next":
			var p struct {
				Data   struct{ IncidentEvents *liveEvent }
				Errors []testenv.GraphQLError
			}
			json.Unmarshal(m.Payload, &p)
			if len(p.Errors) > 0 && p.Errors[0].Code() == "RESUBSCRIBE" {
				time.Sleep(200 * time.Millisecond) // the feed is reconnecting
				subscribe()
				continue
			}
			ev := p.Data.IncidentEvents
			if ev == nil {
				t.Fatalf("unexpected payload %s", m.Payload)
			}
			if ev.Sequence != want {
				t.Fatalf("got sequence %d, want %d (gap or duplicate)", ev.Sequence, want)
			}
			after = ev.Cursor
			if received != nil {
				received(ev.Sequence)
			}
			want++
		case "error":
			var errs []testenv.GraphQLError
			json.Unmarshal(m.Payload, &errs)
			if len(errs) != 1 || errs[0].Code() != "RESUBSCRIBE" {
				t.Fatalf("error %s", m.Payload)
			}
			if r, _ := errs[0].Extensions["resumeAfter"].(string); r != after && after != "" {
				t.Fatalf("resumeAfter %s, but the last event received was %s", r, after)
			}
			subscribe()
		case "complete":
			subscribe()
		}
	}
}

// Two serve processes share one Redis: a subscriber connected to one sees a
// mutation made through the other.
func TestSubscriberOnOneServeProcessSeesMutationsOnAnother(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	common := []string{"DATABASE_URL=" + env.DatabaseURL, "REDIS_URL=" + env.RedisURL,
		"FIREBREAK_EVENTS_CHANNEL=" + env.Channel, "FIREBREAK_LOG_LEVEL=warn", "FIREBREAK_DRAIN_DELAY=0s"}
	var urls []string
	for i := 0; i < 2; i++ {
		addr := fmt.Sprintf("127.0.0.1:%d", testenv.FreePort(t))
		faults.StartProcess(t, append(common, "FIREBREAK_ADDR="+addr), "serve")
		urls = append(urls, "http://"+addr)
	}
	for _, u := range urls {
		testenv.WaitForHTTP(t, u+"/readyz")
	}
	inc := env.Declare(t, map[string]any{"title": "Across replicas", "severityLevel": 2})
	_, after := lastSequence(t, env, inc.ID)

	sub := testenv.DialWS(t, urls[0], env.ViewerKey)
	sub.Subscribe("1", eventsSubscription, map[string]any{"id": inc.ID, "after": after})
	res := testenv.PostTo(t, urls[1], env.ResponderKey,
		`mutation($id: ID!) { postIncidentUpdate(input: {incidentId: $id, body: "posted on replica B"}) { update { id } } }`,
		map[string]any{"id": inc.ID})
	if len(res.Errors) > 0 {
		t.Fatal(res.Raw)
	}
	ev := nextEvent(t, sub, "1")
	if ev.Kind != "UPDATE_POSTED" || ev.Data["body"] != "posted on replica B" {
		t.Fatalf("replica A's subscriber got %+v", ev)
	}
}

// Redis stops while mutations commit: they all succeed, and once Redis is
// back a subscriber resuming from its cursor gets every event exactly once.
func TestRedisOutageLosesNoEvents(t *testing.T) {
	t.Parallel()
	redisServer := faults.StartRedis(t)
	env := testenv.NewWithOptions(t, testenv.Options{RedisURL: redisServer.URL})
	inc := env.Declare(t, map[string]any{"title": "Through an outage", "severityLevel": 1})
	first, after := lastSequence(t, env, inc.ID)

	c := testenv.DialWS(t, env.Server.URL, env.ViewerKey)
	c.Subscribe("live", eventsSubscription, map[string]any{"id": inc.ID, "after": after})
	postUpdate(t, env, inc.ID, "before the outage")
	if ev := nextEvent(t, c, "live"); ev.Sequence != first+1 {
		t.Fatalf("got %+v", ev)
	}

	redisServer.Stop()
	for i := 0; i < 5; i++ {
		postUpdate(t, env, inc.ID, fmt.Sprintf("during the outage %d", i)) // must succeed without Redis
	}
	redisServer.Start()
	postUpdate(t, env, inc.ID, "after the outage")
	total, _ := lastSequence(t, env, inc.ID)
	if total != first+7 {
		t.Fatalf("%d events, want %d", total, first+7)
	}

	// The stream is cut (its feed was interrupted); resuming from the last
	// cursor it received delivers the rest exactly once.
	var resume string
	for resume == "" {
		m := c.Read(60 * time.Second)
		if m.Type == "next" {
			t.Fatalf("no live event can arrive before the cut: %s", m.Payload)
		}
		var errs []testenv.GraphQLError
		json.Unmarshal(m.Payload, &errs)
		if m.Type != "error" || len(errs) != 1 || errs[0].Code() != "RESUBSCRIBE" {
			t.Fatalf("want RESUBSCRIBE, got %s %s", m.Type, m.Payload)
		}
		resume, _ = errs[0].Extensions["resumeAfter"].(string)
	}
	collect(t, c, inc.ID, resume, first+2, total)
}

// SIGTERM closes live sockets with a normal close code and a reason telling
// clients to resubscribe, and the process exits cleanly.
func TestShutdownClosesSocketsCleanly(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	addr := fmt.Sprintf("127.0.0.1:%d", testenv.FreePort(t))
	cmd := faults.StartProcess(t, []string{"DATABASE_URL=" + env.DatabaseURL, "REDIS_URL=" + env.RedisURL,
		"FIREBREAK_EVENTS_CHANNEL=" + env.Channel, "FIREBREAK_LOG_LEVEL=warn", "FIREBREAK_ADDR=" + addr,
		"FIREBREAK_DRAIN_DELAY=100ms"}, "serve")
	testenv.WaitForHTTP(t, "http://"+addr+"/readyz")
	inc := env.Declare(t, map[string]any{"title": "Shutdown", "severityLevel": 3})
	c := testenv.DialWS(t, "http://"+addr, env.ViewerKey)
	c.Subscribe("1", eventsSubscription, map[string]any{"id": inc.ID})
	// The subscription is live once the process's gauge counts it.
	waitFor(t, "the subscription to register", func() bool {
		res, err := http.Get("http://" + addr + "/metrics")
		if err != nil {
			return false
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return strings.Contains(string(body), "firebreak_websocket_subscriptions_active 1")
	})

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	for {
		_, err := c.TryRead(15 * time.Second)
		if err == nil {
			continue
		}
		var closed websocket.CloseError
		if !errors.As(err, &closed) || closed.Code != websocket.StatusGoingAway || !strings.Contains(closed.Reason, "resubscribe") {
			t.Fatalf("socket ended with %v, want 1001 going away telling clients to resubscribe", err)
		}
		break
	}
	faults.WaitForExit(t, cmd, 25*time.Second)
}
