package smoke_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"firebreak/internal/testenv"
)

const eventsSubscription = `subscription($id: ID!, $after: String) {
	incidentEvents(incidentId: $id, after: $after) { id cursor sequence kind message actor { name } data } }`

type liveEvent struct {
	Cursor   string
	Sequence int
	Kind     string
	Message  string
	Actor    *struct{ Name string }
	Data     map[string]any
}

// nextEvent reads the next event of operation id, failing on anything else.
func nextEvent(t *testing.T, c *testenv.WSClient, id string) liveEvent {
	t.Helper()
	m := c.Read(15 * time.Second)
	if m.Type != "next" || m.ID != id {
		t.Fatalf("want next for %s, got %s %s %s", id, m.Type, m.ID, m.Payload)
	}
	var p struct {
		Data   struct{ IncidentEvents liveEvent }
		Errors []testenv.GraphQLError
	}
	if err := json.Unmarshal(m.Payload, &p); err != nil || len(p.Errors) > 0 {
		t.Fatalf("bad next payload %s: %v", m.Payload, err)
	}
	return p.Data.IncidentEvents
}

func postUpdate(t testing.TB, env *testenv.Env, id, body string) {
	t.Helper()
	env.Query(t, env.ResponderKey, `mutation($id: ID!, $b: String!) { postIncidentUpdate(input: {incidentId: $id, body: $b}) { update { id } } }`,
		map[string]any{"id": id, "b": body}, nil)
}

func lastSequence(t *testing.T, env *testenv.Env, id string) (int, string) {
	t.Helper()
	var out struct {
		Incident struct {
			Timeline struct {
				TotalCount int
				Nodes      []struct{ Cursor string }
			}
		}
	}
	env.Query(t, env.AdminKey, `query($id: ID) { incident(id: $id) { timeline(first: 100) { totalCount nodes { cursor } } } }`,
		map[string]any{"id": id}, &out)
	nodes := out.Incident.Timeline.Nodes
	return out.Incident.Timeline.TotalCount, nodes[len(nodes)-1].Cursor
}

// Replay from a cursor, then live — while events are being committed during
// the replay — delivers every event once, in sequence order.
func TestReplayThenLiveHasNoGapAndNoDuplicate(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	inc := env.Declare(t, map[string]any{"title": "Live incident", "severityLevel": 1})
	for i := 0; i < 20; i++ {
		postUpdate(t, env, inc.ID, fmt.Sprintf("before %d", i))
	}
	var early struct {
		Incident struct {
			Timeline struct{ Nodes []struct{ Cursor string } }
		}
	}
	env.Query(t, env.ViewerKey, `query($id: ID) { incident(id: $id) { timeline(first: 5) { nodes { cursor } } } }`,
		map[string]any{"id": inc.ID}, &early)
	after := early.Incident.Timeline.Nodes[4].Cursor // resume after sequence 5

	// Keep committing while the subscriber replays.
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 40; i++ {
			postUpdate(t, env, inc.ID, fmt.Sprintf("during %d", i))
		}
	}()
	c := testenv.DialWS(t, env.Server.URL, env.ViewerKey)
	c.Subscribe("1", eventsSubscription, map[string]any{"id": inc.ID, "after": after})
	wg.Wait()
	total, _ := lastSequence(t, env, inc.ID)

	want := 6
	for want <= total {
		ev := nextEvent(t, c, "1")
		if ev.Sequence != want {
			t.Fatalf("got sequence %d, want %d (gap or duplicate)", ev.Sequence, want)
		}
		want++
	}
	// And it stays live.
	postUpdate(t, env, inc.ID, "after the burst")
	if ev := nextEvent(t, c, "1"); ev.Sequence != total+1 || ev.Kind != "UPDATE_POSTED" || ev.Actor == nil || ev.Actor.Name != "Test responder" {
		t.Fatalf("live event = %+v", ev)
	}
	if m, err := c.TryRead(300 * time.Millisecond); err == nil {
		t.Fatalf("unexpected extra message %s %s", m.Type, m.Payload)
	}
}

// A subscriber that stops reading is cut off with an error saying where to
// resume, while another subscriber keeps receiving everything.
func TestSlowSubscriberIsCutOffOthersKeepReceiving(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	inc := env.Declare(t, map[string]any{"title": "Firehose", "severityLevel": 2})
	_, start := lastSequence(t, env, inc.ID)
	fast := testenv.DialWS(t, env.Server.URL, env.ViewerKey)
	slow := testenv.DialWS(t, env.Server.URL, env.ViewerKey)
	fast.Subscribe("f", eventsSubscription, map[string]any{"id": inc.ID, "after": start})
	slow.Subscribe("s", eventsSubscription, map[string]any{"id": inc.ID, "after": start})

	// Large updates fill the slow client's socket buffers quickly.
	body := strings.Repeat("x", 19_000)
	const n = 400
	received := make(chan int, 1)
	go func() {
		count := 0
		for count < n {
			m, err := fast.TryRead(30 * time.Second)
			if err != nil || m.Type != "next" {
				break
			}
			count++
		}
		received <- count
	}()
	for i := 0; i < n; i++ {
		postUpdate(t, env, inc.ID, fmt.Sprintf("%d %s", i, body))
	}
	if got := <-received; got != n {
		t.Fatalf("the reading subscriber got %d of %d events", got, n)
	}

	// The slow one reads now: some events, then an error telling it where to
	// resume; resuming from there delivers the rest exactly once.
	seen := map[int]bool{}
	var resume string
	for resume == "" {
		m := slow.Read(30 * time.Second)
		switch m.Type {
		case "next":
			var p struct {
				Data struct{ IncidentEvents liveEvent }
			}
			json.Unmarshal(m.Payload, &p)
			seen[p.Data.IncidentEvents.Sequence] = true
		case "error":
			var errs []testenv.GraphQLError
			json.Unmarshal(m.Payload, &errs)
			if len(errs) != 1 || errs[0].Code() != "RESUBSCRIBE" {
				t.Fatalf("error = %s", m.Payload)
			}
			resume, _ = errs[0].Extensions["resumeAfter"].(string)
			if resume == "" {
				t.Fatalf("no resumeAfter: %s", m.Payload)
			}
		default:
			t.Fatalf("unexpected %s %s", m.Type, m.Payload)
		}
	}
	if len(seen) >= n {
		t.Fatalf("the slow subscriber was never cut off (%d events)", len(seen))
	}
	slow.Subscribe("s2", eventsSubscription, map[string]any{"id": inc.ID, "after": resume})
	for len(seen) < n {
		ev := nextEvent(t, slow, "s2")
		if seen[ev.Sequence] {
			t.Fatalf("sequence %d delivered twice", ev.Sequence)
		}
		seen[ev.Sequence] = true
	}
}

// A private incident's events reach only those allowed to see it.
func TestPrivateIncidentEventsNeverReachOutsiders(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	private := env.Declare(t, map[string]any{"title": "Breach", "severityLevel": 1, "visibility": "PRIVATE"})
	public := env.Declare(t, map[string]any{"title": "Visible", "severityLevel": 3})

	viewer := testenv.DialWS(t, env.Server.URL, env.ViewerKey)
	viewer.Subscribe("p", eventsSubscription, map[string]any{"id": private.ID})
	sawNotFound := false
	for {
		m := viewer.Read(10 * time.Second)
		if m.ID != "p" {
			t.Fatalf("unexpected %s %s", m.Type, m.Payload)
		}
		sawNotFound = sawNotFound || strings.Contains(string(m.Payload), "NOT_FOUND")
		if m.Type == "complete" || m.Type == "error" {
			break
		}
	}
	if !sawNotFound {
		t.Fatal("a viewer subscribing to a private incident must get NOT_FOUND")
	}
	const changes = `subscription { incidentChanges { title visibility status latestUpdate { body author { name } } commander { name } } }`
	viewer.Subscribe("c", changes, nil)
	admin := testenv.DialWS(t, env.Server.URL, env.AdminKey)
	admin.Subscribe("c", changes, nil)
	env.WaitForSubscriptions(t, 2)

	postUpdate(t, env, private.ID, "rotating credentials")
	postUpdate(t, env, public.ID, "all good")

	type change struct {
		Data struct {
			IncidentChanges struct {
				Title, Visibility string
				LatestUpdate      *struct {
					Body   string
					Author struct{ Name string }
				}
				Commander struct{ Name string }
			}
		}
	}
	// readUntil reads changes until one carries the given latest update.
	readUntil := func(c *testenv.WSClient, body string) []change {
		var seen []change
		for {
			m := c.Read(10 * time.Second)
			var ch change
			if m.Type != "next" || json.Unmarshal(m.Payload, &ch) != nil {
				t.Fatalf("unexpected %s %s", m.Type, m.Payload)
			}
			seen = append(seen, ch)
			if lu := ch.Data.IncidentChanges.LatestUpdate; lu != nil && lu.Body == body {
				return seen
			}
		}
	}
	for _, ch := range readUntil(viewer, "all good") {
		if ch.Data.IncidentChanges.Title == "Breach" {
			t.Fatal("a private incident's change reached a viewer")
		}
	}
	if m, err := viewer.TryRead(500 * time.Millisecond); err == nil {
		t.Fatalf("the viewer received more: %s %s", m.Type, m.Payload)
	}
	seen := readUntil(admin, "rotating credentials")
	last := seen[len(seen)-1].Data.IncidentChanges
	if last.Title != "Breach" || last.LatestUpdate.Author.Name != "Test responder" || last.Commander.Name != "Test responder" {
		t.Fatalf("the admin sees the private change with its people: %+v", last)
	}

	// Losing access ends the stream.
	holderKey := env.NewKey(t, "Holder", "RESPONDER")
	env.Query(t, env.ResponderKey, `mutation($id: ID!, $u: ID!) { assignIncidentRole(input: {incidentId: $id, role: SCRIBE, userId: $u}) { incident { id } } }`,
		map[string]any{"id": private.ID, "u": userID(t, env, holderKey)}, nil)
	holder := testenv.DialWS(t, env.Server.URL, holderKey)
	before := env.Hub.Subscriptions()
	holder.Subscribe("h", eventsSubscription, map[string]any{"id": private.ID})
	env.WaitForSubscriptions(t, before+1)
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { unassignIncidentRole(input: {incidentId: $id, role: SCRIBE}) { incident { id } } }`,
		map[string]any{"id": private.ID}, nil)
	postUpdate(t, env, private.ID, "after the holder left")
	for {
		m := holder.Read(10 * time.Second)
		if m.Type == "next" {
			if strings.Contains(string(m.Payload), "after the holder left") {
				t.Fatal("an event reached someone who lost access")
			}
			continue
		}
		if m.Type != "error" || !strings.Contains(string(m.Payload), "NOT_FOUND") {
			t.Fatalf("want the stream to end with NOT_FOUND, got %s %s", m.Type, m.Payload)
		}
		break
	}
}

func TestWebsocketsNeedAKey(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	// A good key is acknowledged, so refusals below are about the key.
	c, first, err := testenv.TryDialWS(env.Server.URL, env.ViewerKey)
	if err != nil || first.Type != "connection_ack" {
		t.Fatalf("a valid key was not acknowledged: %v %s %s", err, first.Type, first.Payload)
	}
	c.Conn.CloseNow()
	for _, key := range []string{"", "fbk_WRONGWRONGWRONGWRONGWRONGWRONG"} {
		c, first, err := testenv.TryDialWS(env.Server.URL, key)
		if err == nil && first.Type == "connection_ack" {
			t.Errorf("key %q: connection acknowledged", key)
		}
		if c != nil {
			c.Conn.CloseNow()
		}
	}
}

// Fields a live message does not carry are loaded fresh for every event, not
// from a cache as old as the socket.
func TestSubscriptionsDoNotServeStaleData(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	product := env.CreateProduct(t, "Payments")
	c := testenv.DialWS(t, env.Server.URL, env.ViewerKey)
	c.Subscribe("1", `subscription { incidentChanges { title products { name openIncidents } } }`, nil)
	env.WaitForSubscriptions(t, 1)

	counts := map[string]int{}
	for _, title := range []string{"First", "Second"} {
		env.Declare(t, map[string]any{"title": title, "severityLevel": 3, "productIds": []string{product}})
		for {
			m := c.Read(10 * time.Second)
			var p struct {
				Data struct {
					IncidentChanges struct {
						Title    string
						Products []struct{ OpenIncidents int }
					}
				}
			}
			if m.Type != "next" || json.Unmarshal(m.Payload, &p) != nil {
				t.Fatalf("unexpected %s %s", m.Type, m.Payload)
			}
			if ch := p.Data.IncidentChanges; ch.Title == title {
				counts[title] = ch.Products[0].OpenIncidents
				break
			}
		}
	}
	// Both events' counts are read after their commit: never the first one again.
	if counts["First"] < 1 || counts["Second"] != 2 {
		t.Errorf("openIncidents seen live = %v, want Second = 2", counts)
	}
}

// A dashboard filtered by text gets the changes the incident list's search
// would show, stemming and exclusions included, and nothing else: the one
// that does not match is declared first, so the first event proves it was
// skipped.
func TestTextFilteredChangesMatchTheListSearch(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	c := testenv.DialWS(t, env.Server.URL, env.ViewerKey)
	c.Subscribe("1", `subscription { incidentChanges(filter: {query: "decline -refund"}) { title } }`, nil)
	other := testenv.DialWS(t, env.Server.URL, env.ViewerKey)
	other.Subscribe("2", `subscription { incidentChanges(filter: {query: "search"}) { title } }`, nil)
	env.WaitForSubscriptions(t, 2)
	env.Declare(t, map[string]any{"title": "Refunds declined", "severityLevel": 2})
	env.Declare(t, map[string]any{"title": "Slow search", "severityLevel": 3})
	env.Declare(t, map[string]any{"title": "Payments declined", "severityLevel": 1})
	for _, tc := range []struct {
		c    *testenv.WSClient
		want string
	}{{c, "Payments declined"}, {other, "Slow search"}} {
		m := tc.c.Read(10 * time.Second)
		if m.Type != "next" || !strings.Contains(string(m.Payload), tc.want) {
			t.Errorf("first change: %s %s, want %q", m.Type, m.Payload, tc.want)
		}
	}
}

// "My open roles": incidents(filter: {roleHolderId}) lists the incidents
// where that person holds a role now, and incidentChanges with the same
// filter streams only those.
func TestIncidentsWhereAPersonHoldsARole(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	var me struct{ Me struct{ ID string } }
	env.Query(t, env.ViewerKey, `{ me { id } }`, nil, &me)
	mine := env.Declare(t, map[string]any{"title": "Scribed by the viewer", "severityLevel": 3})
	other := env.Declare(t, map[string]any{"title": "Nobody asked the viewer", "severityLevel": 3})
	env.Query(t, env.ResponderKey, `mutation($id: ID!, $user: ID!) { assignIncidentRole(input: {incidentId: $id, role: SCRIBE, userId: $user}) { incident { id } } }`,
		map[string]any{"id": mine.ID, "user": me.Me.ID}, nil)

	var list struct {
		Incidents struct {
			TotalCount int
			Nodes      []struct{ Title string }
		}
	}
	env.Query(t, env.ViewerKey, `query($who: ID!) { incidents(filter: {roleHolderId: $who, statuses: [INVESTIGATING]}) { totalCount nodes { title } } }`,
		map[string]any{"who": me.Me.ID}, &list)
	if list.Incidents.TotalCount != 1 || len(list.Incidents.Nodes) != 1 || list.Incidents.Nodes[0].Title != "Scribed by the viewer" {
		t.Fatalf("the viewer's open roles: %+v", list.Incidents)
	}
	env.MustFail(t, env.ViewerKey, `{ incidents(filter: {roleHolderId: "not-an-id"}) { totalCount } }`, nil, "BAD_USER_INPUT")

	c := testenv.DialWS(t, env.Server.URL, env.ViewerKey)
	c.Subscribe("1", `subscription($who: ID!) { incidentChanges(filter: {roleHolderId: $who}) { title } }`, map[string]any{"who": me.Me.ID})
	env.WaitForSubscriptions(t, 1)
	postUpdate(t, env, other.ID, "not the viewer's")
	postUpdate(t, env, mine.ID, "the viewer's")
	m := c.Read(10 * time.Second)
	if m.Type != "next" || !strings.Contains(string(m.Payload), "Scribed by the viewer") {
		t.Fatalf("the first change streamed: %s %s", m.Type, m.Payload)
	}
}
