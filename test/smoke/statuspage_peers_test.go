package smoke_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed/atom"

	"firebreak/internal/testenv"
)

// The statuspage.io client from npm — written against Atlassian
// Statuspage — reads every document it knows from Firebreak's page,
// including the upcoming and active maintenance lists; those two hold
// exactly the windows not started and under way. Under /api/v2/ only the
// JSON documents are served (the page, feed and badge have their own
// addresses).
func TestStatuspageClientReadsEveryDocument(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	api := createComponent(t, env, map[string]any{"name": "API", "public": true})
	inc := env.Declare(t, map[string]any{"title": "Gateway errors", "severityLevel": 2, "productIds": []string{api}})
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { publishIncident(input: {incidentId: $id, publicTitle: "API errors"}) { incident { published } } }`, map[string]any{"id": inc.ID}, nil)
	schedule := func(title string, from time.Duration) string {
		var m struct {
			ScheduleMaintenance struct{ Maintenance struct{ ID string } }
		}
		env.Query(t, env.ResponderKey, `mutation($in: ScheduleMaintenanceInput!) { scheduleMaintenance(input: $in) { maintenance { id } } }`,
			map[string]any{"in": map[string]any{"title": title, "productIds": []string{api}, "scheduledFor": time.Now().Add(from).UTC().Format(time.RFC3339),
				"scheduledUntil": time.Now().Add(from + time.Hour).UTC().Format(time.RFC3339)}}, &m)
		return m.ScheduleMaintenance.Maintenance.ID
	}
	schedule("Database upgrade", 24*time.Hour)
	started := schedule("Cache migration", time.Hour)
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { startMaintenance(input: {maintenanceId: $id}) { maintenance { status } } }`, map[string]any{"id": started}, nil)
	waitForStatus(t, env, "/api/v2/scheduled-maintenances.json", func(body string) bool {
		return strings.Contains(body, "Cache migration") && strings.Contains(body, `"in_progress"`)
	})
	waitForStatus(t, env, "/api/v2/incidents.json", func(body string) bool { return strings.Contains(body, "API errors") })

	type windows struct {
		ScheduledMaintenances []struct{ Name, Status string } `json:"scheduled_maintenances"`
	}
	for path, want := range map[string]string{
		"/api/v2/scheduled-maintenances/upcoming.json": "Database upgrade scheduled",
		"/api/v2/scheduled-maintenances/active.json":   "Cache migration in_progress",
	} {
		status, _, body := env.Get(t, "", path)
		var got windows
		if status != http.StatusOK || json.Unmarshal([]byte(body), &got) != nil || len(got.ScheduledMaintenances) != 1 ||
			got.ScheduledMaintenances[0].Name+" "+got.ScheduledMaintenances[0].Status != want {
			t.Errorf("%s: %d %s, want only %s", path, status, body, want)
		}
	}

	out, err := testenv.NodeClient(t, "statuspage.mjs", env.Server.URL).Output()
	if err != nil {
		t.Fatalf("the statuspage.io client: %v", err)
	}
	var read struct {
		Summary struct {
			Page struct{ ID string }
		}
		Status struct {
			Status struct{ Indicator string }
		}
		Components struct {
			Components []struct{ Name string }
		}
		Incidents, Unresolved struct {
			Incidents []struct{ Name string }
		}
		Maintenances, Upcoming, Active windows
	}
	if err := json.Unmarshal(out, &read); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if read.Summary.Page.ID == "" || read.Status.Status.Indicator != "major" || len(read.Components.Components) != 1 ||
		len(read.Incidents.Incidents) != 1 || read.Unresolved.Incidents[0].Name != "API errors" ||
		// statuspage.io 3.3.8 asks upcoming.json for all three lists.
		len(read.Maintenances.ScheduledMaintenances) == 0 || len(read.Upcoming.ScheduledMaintenances) != 1 || len(read.Active.ScheduledMaintenances) == 0 {
		t.Fatalf("what the statuspage.io client read: %s", out)
	}

	for _, path := range []string{"/api/v2/index.html", "/api/v2/feed.atom", "/api/v2/badge.svg", "/api/v2/incidents/" + inc.ID} {
		if status, _, _ := env.Get(t, "", path); status != http.StatusNotFound {
			t.Errorf("%s: %d, want 404 (not a JSON document)", path, status)
		}
	}
}

// With FIREBREAK_STATUS_HOST the page is served alone at the root of its
// own host name — where Statuspage's widget links (the root of its src)
// and where people expect status.example.com — and links within it stay
// on that host; the API's host is unchanged.
func TestStatusPageOnItsOwnHost(t *testing.T) {
	t.Parallel()
	env := testenv.NewWithOptions(t, testenv.Options{StatusHost: "status.example.test"})
	createComponent(t, env, map[string]any{"name": "Checkout", "public": true})
	get := func(host, path string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, env.Server.URL+path, nil)
		req.Host = host
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(body)
	}
	status, page := get("status.example.test", "/")
	if status != http.StatusOK || !strings.Contains(page, "Checkout") || !strings.Contains(page, `href="https://status.example.test/feed.atom"`) {
		t.Fatalf("the status host's root: %d %s", status, page)
	}
	if status, body := get("status.example.test:443", "/api/v2/summary.json"); status != http.StatusOK || !strings.Contains(body, `"url":"https://status.example.test"`) {
		t.Fatalf("summary.json on the status host: %d %s", status, body)
	}
	if status, _ := get("STATUS.example.test", "/feed.atom"); status != http.StatusOK {
		t.Fatalf("the feed on the status host: %d", status)
	}
	if status, _ := get("status.example.test", "/graphql"); status != http.StatusNotFound {
		t.Fatalf("GraphQL on the status host: %d, want 404 (the page alone)", status)
	}
	if status, body := get("api.example.test", "/status"); status != http.StatusOK || !strings.Contains(body, "Checkout") {
		t.Fatalf("/status on the API's host: %d", status)
	}
	// Messages link a published incident to its page on the status host
	// (they linked to <public URL>/status, wherever the page was).
	inc := env.Declare(t, map[string]any{"title": "Checkout errors", "severityLevel": 3})
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { publishIncident(input: {incidentId: $id}) { incident { published } } }`, map[string]any{"id": inc.ID}, nil)
	status, _, sheet := env.Get(t, env.ViewerKey, "/incidents/"+strconv.Itoa(inc.Number)+"/factsheet.md")
	if want := "(https://status.example.test/incidents/" + inc.Handle + ")"; status != http.StatusOK || !strings.Contains(sheet, want) {
		t.Fatalf("the fact sheet's status page link: %d, want %s in\n%s", status, want, sheet)
	}
}

// The Atom feed is RFC 4287 as a feed parser reads it (gofeed's Atom
// parser): the feed has an author and a link to itself, each entry its
// id, title, time and link, and update bodies are text — a public update
// reading "<script>…" reaches readers as those characters, as the page
// shows them, not as markup.
func TestStatusFeedIsAtomWithTextBodies(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	api := createComponent(t, env, map[string]any{"name": "API", "public": true})
	inc := env.Declare(t, map[string]any{"title": "Gateway errors", "severityLevel": 3, "productIds": []string{api}})
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { publishIncident(input: {incidentId: $id, publicTitle: "API errors"}) { incident { published } } }`, map[string]any{"id": inc.ID}, nil)
	postPublicUpdate(t, env, inc.ID, `Fixed the <script>alert(1)</script> in our docs & retried`, true)
	body := waitForStatus(t, env, "/status/feed.atom", func(body string) bool { return strings.Contains(body, "retried") })

	feed, err := (&atom.Parser{}).Parse(strings.NewReader(body))
	if err != nil {
		t.Fatalf("not Atom: %v\n%s", err, body)
	}
	self := ""
	for _, l := range feed.Links {
		if l.Rel == "self" {
			self = l.Href
		}
	}
	if len(feed.Authors) == 0 || feed.Authors[0].Name == "" || self != "https://firebreak.test/status/feed.atom" || feed.ID == "" || feed.Updated == "" {
		t.Fatalf("the feed: authors %v, self %q, id %q, updated %q", feed.Authors, self, feed.ID, feed.Updated)
	}
	if len(feed.Entries) != 1 {
		t.Fatalf("%d entries", len(feed.Entries))
	}
	e := feed.Entries[0]
	if e.ID == "" || e.Title == "" || e.Updated == "" || len(e.Links) == 0 {
		t.Fatalf("the entry: %+v", e)
	}
	if e.Content == nil || e.Content.Type != "text" || e.Content.Value != `Fixed the <script>alert(1)</script> in our docs & retried` {
		t.Fatalf("the entry's body: %+v, want the update as text", e.Content)
	}
}

// Events of incidents the page cannot show — a private one is never
// published — do not rebuild it (every event rebuilt it: 434 against 46
// commits in 10 s); a published incident's change still does, at once.
func TestStatusPageIgnoresIncidentsItCannotShow(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	api := createComponent(t, env, map[string]any{"name": "API", "public": true})
	public := env.Declare(t, map[string]any{"title": "Gateway errors", "severityLevel": 3, "productIds": []string{api}})
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { publishIncident(input: {incidentId: $id, publicTitle: "API errors"}) { incident { published } } }`, map[string]any{"id": public.ID}, nil)
	private := env.Declare(t, map[string]any{"title": "Merger data room", "severityLevel": 2, "visibility": "PRIVATE", "productIds": []string{api}})
	waitForStatus(t, env, "/api/v2/summary.json", func(body string) bool { return strings.Contains(body, "API errors") })
	rebuilds := func() int {
		for _, line := range strings.Split(env.Scrape(t), "\n") {
			if v, ok := strings.CutPrefix(line, "firebreak_status_page_rebuilds_total "); ok {
				n, _ := strconv.Atoi(v)
				return n
			}
		}
		t.Fatal("/metrics has no firebreak_status_page_rebuilds_total")
		return 0
	}
	before := rebuilds()

	// Each private event has reached this process's hub (and so the page)
	// once the admin's subscription to it has it.
	watch := testenv.DialWS(t, env.Server.URL, env.AdminKey)
	watch.Subscribe("1", eventsSubscription, map[string]any{"id": private.ID})
	// Live only: an event posted before the subscription is running is
	// never sent to it.
	env.WaitForSubscriptions(t, 1)
	for i := range 10 {
		postPublicUpdate(t, env, private.ID, fmt.Sprintf("internal %d", i), true)
		if m := watch.Read(10 * time.Second); m.Type != "next" {
			t.Fatalf("the private event %d: %+v", i, m)
		}
		if status, _, _ := env.Get(t, "", "/api/v2/summary.json"); status != http.StatusOK {
			t.Fatalf("summary.json: %d", status)
		}
	}
	postPublicUpdate(t, env, public.ID, "The canary: a fix is rolling out.", true)
	waitForStatus(t, env, "/api/v2/summary.json", func(body string) bool { return strings.Contains(body, "The canary") })
	if n := rebuilds() - before; n < 1 || n > 2 {
		t.Fatalf("%d rebuilds for ten private events and one public update, want the public update's alone", n)
	}
}
