package smoke_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"firebreak/internal/testenv"
	"firebreak/models"
)

// liveResponses reads firebreak_live_responses_total from /metrics.
func liveResponses(t *testing.T, env *testenv.Env) (rendered, reused int) {
	t.Helper()
	body := env.Scrape(t)
	read := func(source string) int {
		m := regexp.MustCompile(`(?m)^firebreak_live_responses_total\{source="` + source + `"\} (\d+)$`).FindStringSubmatch(body)
		if m == nil {
			return 0
		}
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return read("rendered"), read("reused")
}

// identifySettled moves the incidents to IDENTIFIED and returns once every
// event so far has reached this process's subscribers: a probe following
// the last incident has received both events of its change, and the hub hands
// messages over in commit order. Subscriptions made afterwards see none of
// those events. The probe stays subscribed, with a document of its own.
func identifySettled(t *testing.T, env *testenv.Env, ids ...string) {
	t.Helper()
	probe := testenv.DialWS(t, env.Server.URL, env.AdminKey)
	probe.Subscribe("1", `subscription($id: ID!) { incidentEvents(incidentId: $id) { kind } }`, map[string]any{"id": ids[len(ids)-1]})
	env.WaitForSubscriptions(t, 1)
	for _, id := range ids {
		env.Query(t, env.ResponderKey, `mutation($id: ID!) { postIncidentUpdate(input: {incidentId: $id, body: "identified", status: IDENTIFIED}) { update { id } } }`,
			map[string]any{"id": id}, nil)
	}
	// The update and the status change it made: two events.
	seen := map[string]bool{}
	for !seen["UPDATE_POSTED"] || !seen["STATUS_CHANGED"] {
		m := probe.Read(15 * time.Second)
		if m.Type != "next" {
			t.Fatalf("probe got %s %s", m.Type, m.Payload)
		}
		for _, kind := range []string{"UPDATE_POSTED", "STATUS_CHANGED"} {
			seen[kind] = seen[kind] || strings.Contains(string(m.Payload), kind)
		}
	}
}

// An event is rendered once per process for all subscribers with the same
// document and variables when the document asks only for what everyone who
// may see the incident sees alike; a document with a per-person field (the
// fact sheet) is rendered for each subscriber. Everyone still gets the
// right bytes.
func TestLiveEventsAreRenderedOncePerAudience(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	inc := env.Declare(t, map[string]any{"title": "Shared rendering", "severityLevel": 2})
	otherViewer := env.NewKey(t, "Second viewer", models.RoleViewer)
	identifySettled(t, env, inc.ID)

	const changes = `subscription { incidentChanges(filter: {statuses: [IDENTIFIED]}) { id title status } }`
	const changesWithFactSheet = `subscription { incidentChanges(filter: {statuses: [IDENTIFIED]}) { id title factSheet } }`
	type socket struct {
		c            *testenv.WSClient
		query, field string
	}
	var sockets []socket
	for _, s := range []struct{ key, query string }{
		{env.ViewerKey, eventsSubscription}, {otherViewer, eventsSubscription}, {env.ResponderKey, eventsSubscription}, // 1 rendered, 2 reused
		{env.ViewerKey, changes}, {otherViewer, changes}, // 1 rendered, 1 reused
		{env.ViewerKey, changesWithFactSheet}, {otherViewer, changesWithFactSheet}, // 2 rendered
	} {
		c := testenv.DialWS(t, env.Server.URL, s.key)
		vars := map[string]any{}
		field := "incidentChanges"
		if s.query == eventsSubscription {
			vars["id"], field = inc.ID, "incidentEvents"
		}
		c.Subscribe("1", s.query, vars)
		sockets = append(sockets, socket{c, s.query, field})
	}
	env.WaitForSubscriptions(t, len(sockets)+1)
	rendered0, reused0 := liveResponses(t, env)

	postUpdate(t, env, inc.ID, "Everyone hears this once")
	payloads := map[string]string{}
	for i, s := range sockets {
		m := s.c.Read(15 * time.Second)
		var p struct {
			Data   map[string]json.RawMessage
			Errors []testenv.GraphQLError
		}
		if m.Type != "next" || json.Unmarshal(m.Payload, &p) != nil || len(p.Errors) > 0 || p.Data[s.field] == nil {
			t.Fatalf("socket %d: %s %s", i, m.Type, m.Payload)
		}
		got := string(p.Data[s.field])
		if want, seen := payloads[s.query]; seen && s.query != changesWithFactSheet && got != want {
			t.Fatalf("socket %d got %s, another subscriber to the same document got %s", i, got, want)
		}
		payloads[s.query] = got
	}
	var ev liveEvent
	if err := json.Unmarshal([]byte(payloads[eventsSubscription]), &ev); err != nil || ev.Kind != "UPDATE_POSTED" || ev.Actor == nil || ev.Actor.Name != "Test responder" {
		t.Fatalf("event = %s (%v)", payloads[eventsSubscription], err)
	}
	var snapshot struct{ ID, Title, FactSheet string }
	if err := json.Unmarshal([]byte(payloads[changesWithFactSheet]), &snapshot); err != nil || snapshot.ID != inc.ID || snapshot.FactSheet == "" {
		t.Fatalf("snapshot = %s (%v)", payloads[changesWithFactSheet], err)
	}

	// The probe renders its own document: 5 and 3.
	waitFor(t, "the sharing counts", func() bool {
		rendered, reused := liveResponses(t, env)
		return rendered-rendered0 == 5 && reused-reused0 == 3
	})
	if rendered, reused := liveResponses(t, env); rendered-rendered0 != 5 || reused-reused0 != 3 {
		t.Fatalf("for 7 subscribers and the probe: %d rendered and %d reused, want 5 and 3", rendered-rendered0, reused-reused0)
	}
}

// Subscribers with different variables never share a rendering, and a
// private incident's event reaches only those who may see it, rendered for
// them alone.
func TestLiveSharingKeepsVariablesAndPrivacyApart(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	public := env.Declare(t, map[string]any{"title": "Public one", "severityLevel": 2})
	private := env.Declare(t, map[string]any{"title": "Private one", "severityLevel": 2, "visibility": "PRIVATE"})

	identifySettled(t, env, private.ID, public.ID)

	const byStatus = `subscription($s: [IncidentStatus!]) { incidentChanges(filter: {statuses: $s}) { id title } }`
	admin := testenv.DialWS(t, env.Server.URL, env.AdminKey)
	viewer := testenv.DialWS(t, env.Server.URL, env.ViewerKey)
	otherFilter := testenv.DialWS(t, env.Server.URL, env.ViewerKey)
	admin.Subscribe("1", byStatus, map[string]any{"s": []string{"IDENTIFIED"}})
	viewer.Subscribe("1", byStatus, map[string]any{"s": []string{"IDENTIFIED"}})
	otherFilter.Subscribe("1", byStatus, map[string]any{"s": []string{"IDENTIFIED", "MONITORING"}})
	env.WaitForSubscriptions(t, 4)
	rendered0, reused0 := liveResponses(t, env)

	postUpdate(t, env, private.ID, "secret progress")
	postUpdate(t, env, public.ID, "public progress")
	title := func(c *testenv.WSClient) string {
		m := c.Read(15 * time.Second)
		var p struct {
			Data struct{ IncidentChanges struct{ ID, Title string } }
		}
		if m.Type != "next" || json.Unmarshal(m.Payload, &p) != nil {
			t.Fatalf("got %s %s", m.Type, m.Payload)
		}
		return p.Data.IncidentChanges.Title
	}
	if got := fmt.Sprint(title(admin), ", ", title(admin)); got != "Private one, Public one" {
		t.Fatalf("admin saw %s", got)
	}
	for name, c := range map[string]*testenv.WSClient{"viewer": viewer, "viewer with another filter": otherFilter} {
		if got := title(c); got != "Public one" {
			t.Fatalf("%s saw %q first: the private incident leaked", name, got)
		}
	}
	// Private: the admin alone. Public: admin and viewer share (same
	// variables), the other filter and the probe render their own.
	waitFor(t, "the sharing counts", func() bool {
		rendered, reused := liveResponses(t, env)
		return rendered-rendered0 == 4 && reused-reused0 == 1
	})
}
