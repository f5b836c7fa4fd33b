package smoke_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"firebreak/internal/delivery"
	"firebreak/internal/subscribers"
	"firebreak/internal/testenv"
	"firebreak/internal/testenv/standin"
)

// The status page is what anyone sees without a key: shapes are
// Statuspage's v2, words are only those responders chose to publish.

var statusDocs = []string{
	"/api/v2/summary.json", "/api/v2/status.json", "/api/v2/components.json", "/api/v2/incidents.json",
	"/api/v2/incidents/unresolved.json", "/api/v2/scheduled-maintenances.json",
}

func createComponent(t *testing.T, env *testenv.Env, input map[string]any) string {
	t.Helper()
	var out struct {
		CreateProduct struct{ Product struct{ ID string } }
	}
	env.Query(t, env.AdminKey, `mutation($in: CreateProductInput!) { createProduct(input: $in) { product { id } } }`, map[string]any{"in": input}, &out)
	return out.CreateProduct.Product.ID
}

func postPublicUpdate(t *testing.T, env *testenv.Env, incidentID, body string, public bool) {
	t.Helper()
	env.Query(t, env.ResponderKey, `mutation($id: ID!, $b: String!, $p: Boolean) { postIncidentUpdate(input: {incidentId: $id, body: $b, public: $p}) { update { id } } }`,
		map[string]any{"id": incidentID, "b": body, "p": public}, nil)
}

// waitForStatus fetches a status document until ready accepts it: the page
// is rebuilt when the event hub hears of the change.
func waitForStatus(t *testing.T, env *testenv.Env, path string, ready func(body string) bool) string {
	t.Helper()
	var body string
	testenv.Eventually(t, 15*time.Second, path+" never became ready", func() bool {
		var status int
		status, _, body = env.Get(t, "", path)
		return status == http.StatusOK && ready(body)
	})
	return body
}

type summaryJSON struct {
	Components []struct{ ID, Name, Status string }
	Incidents  []struct {
		ID, Name, Status, Impact string
		IncidentUpdates          []struct{ Body, Status string } `json:"incident_updates"`
	}
	Status struct{ Indicator, Description string }
}

func componentStatus(s summaryJSON, name string) string {
	for _, c := range s.Components {
		if c.Name == name {
			return c.Status
		}
	}
	return ""
}

// A public SEV-1 with two public updates and one internal one: exactly the
// public ones appear, in HTML, every JSON document and the feed; a private
// incident and an unpublished one appear nowhere; components follow the
// incident, its override and its resolution.
func TestStatusPageShowsOnlyWhatIsPublic(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	checkout := createComponent(t, env, map[string]any{"name": "Checkout", "public": true, "position": 1})
	search := createComponent(t, env, map[string]any{"name": "Search", "public": true, "position": 2, "group": "Core services"})
	internalDB := createComponent(t, env, map[string]any{"name": "Ledger database"})

	inc := env.Declare(t, map[string]any{"title": "Payments DB primary lost", "severityLevel": 1, "productIds": []string{checkout, internalDB}})
	postPublicUpdate(t, env, inc.ID, "Card payments are failing; we are on it.", true)
	postPublicUpdate(t, env, inc.ID, "Failover of pg-prod-7 stuck on replica lag", false)
	postPublicUpdate(t, env, inc.ID, "A fix is rolling out; payments recover.", true)
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { publishIncident(input: {incidentId: $id, publicTitle: "Checkout unavailable"}) { incident { published publicTitle } } }`,
		map[string]any{"id": inc.ID}, nil)

	private := env.Declare(t, map[string]any{"title": "Merger data room outage", "severityLevel": 2, "visibility": "PRIVATE", "productIds": []string{search}})
	env.MustFail(t, env.ResponderKey, `mutation($id: ID!) { publishIncident(input: {incidentId: $id}) { incident { published } } }`, map[string]any{"id": private.ID}, "BAD_USER_INPUT")
	postPublicUpdate(t, env, private.ID, "Merger room restored", true)
	unpublished := env.Declare(t, map[string]any{"title": "Search typo suggestions odd", "severityLevel": 3, "productIds": []string{search}})
	postPublicUpdate(t, env, unpublished.ID, "Suggestions look odd", true)

	body := waitForStatus(t, env, "/api/v2/summary.json", func(body string) bool {
		return strings.Contains(body, "payments recover") && strings.Contains(body, "Checkout unavailable")
	})
	var summary summaryJSON
	if err := json.Unmarshal([]byte(body), &summary); err != nil {
		t.Fatal(err)
	}
	if len(summary.Incidents) != 1 || len(summary.Incidents[0].IncidentUpdates) != 2 || summary.Incidents[0].Impact != "critical" {
		t.Fatalf("summary incidents: %+v", summary.Incidents)
	}
	if got := componentStatus(summary, "Checkout"); got != "major_outage" {
		t.Errorf("Checkout during a SEV-1: %s", got)
	}
	if got := componentStatus(summary, "Search"); got != "operational" {
		t.Errorf("Search (affected only by private and unpublished incidents): %s", got)
	}
	if summary.Status.Indicator != "critical" {
		t.Errorf("rollup %+v", summary.Status)
	}

	secrets := []string{"Payments DB primary lost", "pg-prod-7", "Merger", "Search typo", "Suggestions look odd", "Ledger database"}
	pages := append([]string{"/status", "/status/feed.atom", "/status/badge.svg", "/status/incidents/" + inc.Handle}, statusDocs...)
	for _, path := range pages {
		status, header, body := env.Get(t, "", path)
		if status != http.StatusOK {
			t.Errorf("%s: %d", path, status)
			continue
		}
		for _, secret := range secrets {
			if strings.Contains(body, secret) {
				t.Errorf("%s shows %q", path, secret)
			}
		}
		if path == "/status" || path == "/status/feed.atom" || path == "/status/incidents/"+inc.Handle {
			for _, public := range []string{"Card payments are failing", "payments recover"} {
				if !strings.Contains(body, public) {
					t.Errorf("%s lacks the public update %q", path, public)
				}
			}
		}
		if header.Get("ETag") == "" || !strings.Contains(header.Get("Cache-Control"), "max-age") {
			t.Errorf("%s headers: %v", path, header)
		}
	}
	if status, _, _ := env.Get(t, "", "/status/incidents/"+unpublished.Handle); status != http.StatusNotFound {
		t.Errorf("an unpublished incident's page: %d", status)
	}
	if status, _, _ := env.Get(t, "", "/status/incidents/"+private.Handle); status != http.StatusNotFound {
		t.Errorf("a private incident's page: %d", status)
	}

	if _, _, sheet := env.Get(t, env.ViewerKey, fmt.Sprintf("/incidents/%d/factsheet.md", inc.Number)); !strings.Contains(sheet, "**Status page:** [Checkout unavailable](https://firebreak.test/status/incidents/"+inc.Handle+")") {
		t.Errorf("the fact sheet does not link to the public page:\n%s", sheet)
	}

	// A responder's override, then resolution.
	env.Query(t, env.ResponderKey, `mutation($i: ID!, $p: ID!) { setComponentStatus(input: {incidentId: $i, productId: $p, status: DEGRADED_PERFORMANCE}) { incident { id } } }`,
		map[string]any{"i": inc.ID, "p": checkout}, nil)
	waitForStatus(t, env, "/api/v2/components.json", func(body string) bool { return strings.Contains(body, `"degraded_performance"`) })
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { resolveIncident(input: {incidentId: $id}) { incident { status } } }`, map[string]any{"id": inc.ID}, nil)
	body = waitForStatus(t, env, "/api/v2/summary.json", func(body string) bool { return strings.Contains(body, `"indicator":"none"`) })
	summary = summaryJSON{}
	_ = json.Unmarshal([]byte(body), &summary)
	if got := componentStatus(summary, "Checkout"); got != "operational" || len(summary.Incidents) != 0 {
		t.Fatalf("after resolving: Checkout %s, unresolved %d", got, len(summary.Incidents))
	}
	if _, _, all := env.Get(t, "", "/api/v2/incidents.json"); !strings.Contains(all, `"status":"resolved"`) {
		t.Fatalf("incidents.json after resolving: %s", all)
	}
}

// Every document has Statuspage's v2 shape: the fields of its documented
// example, with the same JSON types, and values from its value sets.
func TestStatusPageDocumentsHaveStatuspageShapes(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	api := createComponent(t, env, map[string]any{"name": "API", "public": true, "description": "The public REST API"})
	createComponent(t, env, map[string]any{"name": "Dashboard", "public": true, "group": "Web"})
	inc := env.Declare(t, map[string]any{"title": "Elevated API error rates", "severityLevel": 2, "productIds": []string{api}})
	postPublicUpdate(t, env, inc.ID, "The issue has been identified.", true)
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { publishIncident(input: {incidentId: $id}) { incident { id } } }`, map[string]any{"id": inc.ID}, nil)
	body := waitForStatus(t, env, "/api/v2/summary.json", func(body string) bool { return strings.Contains(body, "has been identified") })

	raw, err := os.ReadFile("testdata/statuspage_v2_summary.json")
	if err != nil {
		t.Fatal(err)
	}
	var example, ours map[string]any
	if err := json.Unmarshal(raw, &example); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(body), &ours); err != nil {
		t.Fatal(err)
	}
	sameShape(t, "summary", example, ours)
	parts := map[string][]string{
		"/api/v2/status.json": {"page", "status"}, "/api/v2/components.json": {"page", "components"},
		"/api/v2/incidents.json": {"page", "incidents"}, "/api/v2/incidents/unresolved.json": {"page", "incidents"},
		"/api/v2/scheduled-maintenances.json": {"page", "scheduled_maintenances"},
	}
	for path, keys := range parts {
		_, header, body := env.Get(t, "", path)
		var doc map[string]any
		if err := json.Unmarshal([]byte(body), &doc); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if len(doc) != len(keys) {
			t.Errorf("%s has members %v, want %v", path, doc, keys)
		}
		for _, k := range keys {
			sameShape(t, path+"."+k, example[k], doc[k])
		}
		if header.Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("%s: widgets on other sites cannot read it", path)
		}
	}
}

var statuspageValues = map[string][]string{
	"components.status":       {"operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"},
	"incidents.status":        {"investigating", "identified", "monitoring", "resolved", "postmortem"},
	"incident_updates.status": {"investigating", "identified", "monitoring", "resolved", "postmortem"},
	"incidents.impact":        {"none", "minor", "major", "critical", "maintenance"},
	"status.indicator":        {"none", "minor", "major", "critical", "maintenance"},
	"page.time_zone":          {"Etc/UTC"},
}

// nullable are the members Statuspage documents as "or null".
var nullable = map[string]bool{"description": true, "start_date": true, "group_id": true, "monitoring_at": true,
	"resolved_at": true, "custom_tweet": true, "tweet_id": true, "affected_components": true}

// sameShape checks ours against the example: every member the example has,
// with the same JSON type (null: null or a string, as Statuspage's
// optional timestamps and texts), timestamps that parse, values from the
// documented sets.
func sameShape(t *testing.T, path string, example, ours any) {
	t.Helper()
	if ours == nil && nullable[path[strings.LastIndexByte(path, '.')+1:]] {
		return
	}
	switch ex := example.(type) {
	case map[string]any:
		obj, ok := ours.(map[string]any)
		if !ok {
			t.Errorf("%s: %T, want an object", path, ours)
			return
		}
		for k, v := range ex {
			got, present := obj[k]
			if !present {
				t.Errorf("%s.%s is missing", path, k)
				continue
			}
			sameShape(t, path+"."+k, v, got)
		}
	case []any:
		arr, ok := ours.([]any)
		if !ok {
			t.Errorf("%s: %T, want an array", path, ours)
			return
		}
		if len(ex) == 0 {
			return
		}
		for i, item := range arr {
			sameShape(t, fmt.Sprintf("%s[%d]", path, i), ex[0], item)
		}
	case nil:
		if _, isString := ours.(string); ours != nil && !isString {
			t.Errorf("%s: %T, want null or a string", path, ours)
		}
	case string:
		s, ok := ours.(string)
		if !ok {
			t.Errorf("%s: %T, want a string", path, ours)
			return
		}
		if strings.HasSuffix(path, "_at") || strings.HasSuffix(path, "_for") || strings.HasSuffix(path, "_until") {
			if _, err := time.Parse(time.RFC3339, s); err != nil {
				t.Errorf("%s = %q is not a timestamp", path, s)
			}
		}
		if set, ok := statuspageValues[valuePath(path)]; ok && !slices.Contains(set, s) {
			t.Errorf("%s = %q, not one of %v", path, s, set)
		}
	case float64:
		if _, ok := ours.(float64); !ok {
			t.Errorf("%s: %T, want a number", path, ours)
		}
	case bool:
		if _, ok := ours.(bool); !ok {
			t.Errorf("%s: %T, want a boolean", path, ours)
		}
	}
}

// valuePath names a member for its value set: "summary.incidents[0].status"
// → "incidents.status".
func valuePath(path string) string {
	var parts []string
	for _, p := range strings.Split(path, ".") {
		if i := strings.IndexByte(p, '['); i >= 0 {
			p = p[:i]
		}
		if p == "summary" || strings.HasPrefix(p, "/api/v2/") {
			continue
		}
		parts = append(parts, p)
	}
	if len(parts) > 2 {
		parts = parts[len(parts)-2:]
	}
	return strings.Join(parts, ".")
}

// A client that has the page gets 304 Not Modified.
func TestStatusPageAnswersNotModified(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	_, header, _ := env.Get(t, "", "/api/v2/summary.json")
	req, _ := http.NewRequest(http.MethodGet, env.Server.URL+"/api/v2/summary.json", nil)
	req.Header.Set("If-None-Match", header.Get("ETag"))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotModified {
		t.Fatalf("with its ETag: %d", res.StatusCode)
	}
}

// A maintenance window moves through its states on the page: scheduled
// (announced), in progress (its components under maintenance), verifying,
// completed (gone from the summary, kept in scheduled-maintenances.json);
// refused moves, people and input change nothing.
func TestStatusPageMaintenanceWindows(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	api := createComponent(t, env, map[string]any{"name": "API", "public": true})
	hidden := createComponent(t, env, map[string]any{"name": "Billing batch"})
	from, until := time.Now().Add(time.Hour).UTC().Format(time.RFC3339), time.Now().Add(3*time.Hour).UTC().Format(time.RFC3339)
	schedule := `mutation($in: ScheduleMaintenanceInput!) { scheduleMaintenance(input: $in) { maintenance { id status version } } }`
	in := func(products []string, from, until string) map[string]any {
		return map[string]any{"in": map[string]any{"title": "Database upgrade", "productIds": products, "scheduledFor": from, "scheduledUntil": until}}
	}
	env.MustFail(t, env.ViewerKey, schedule, in([]string{api}, from, until), "FORBIDDEN")
	if e := env.MustFail(t, env.ResponderKey, schedule, in([]string{api}, until, from), "BAD_USER_INPUT"); e.Field() != "scheduledUntil" {
		t.Errorf("an inverted window blames %q", e.Field())
	}
	if e := env.MustFail(t, env.ResponderKey, schedule, in([]string{hidden}, from, until), "BAD_USER_INPUT"); e.Field() != "productIds" {
		t.Errorf("a private product blames %q", e.Field())
	}
	var listed struct{ Maintenances []struct{ ID string } }
	env.Query(t, env.ViewerKey, `{ maintenances(includeFinished: true) { id } }`, nil, &listed)
	if len(listed.Maintenances) != 0 {
		t.Fatalf("refused input wrote %v", listed.Maintenances)
	}

	var got struct {
		ScheduleMaintenance struct{ Maintenance struct{ ID, Status string } }
	}
	env.Query(t, env.ResponderKey, schedule, in([]string{api}, from, until), &got)
	id := got.ScheduleMaintenance.Maintenance.ID
	waitForStatus(t, env, "/api/v2/summary.json", func(body string) bool {
		return strings.Contains(body, `"scheduled_maintenances":[{`) && strings.Contains(body, `"status":"scheduled"`) && strings.Contains(body, `"impact":"maintenance"`)
	})
	move := func(name, body string) {
		t.Helper()
		env.Query(t, env.ResponderKey, `mutation($id: ID!, $b: String) { `+name+`(input: {maintenanceId: $id, body: $b}) { maintenance { status } } }`,
			map[string]any{"id": id, "b": body}, nil)
	}
	env.MustFail(t, env.ResponderKey, `mutation($id: ID!) { completeMaintenance(input: {maintenanceId: $id}) { maintenance { status } } }`, map[string]any{"id": id}, "INVALID_TRANSITION")
	move("startMaintenance", "Upgrading the primary now.")
	waitForStatus(t, env, "/api/v2/components.json", func(body string) bool { return strings.Contains(body, `"under_maintenance"`) })
	if _, _, page := env.Get(t, "", "/status"); !strings.Contains(page, "Upgrading the primary now.") || !strings.Contains(page, "Under maintenance") {
		t.Errorf("the page during the work:\n%s", page)
	}
	move("verifyMaintenance", "")
	waitForStatus(t, env, "/api/v2/summary.json", func(body string) bool { return strings.Contains(body, `"status":"verifying"`) })
	move("completeMaintenance", "All done.")
	body := waitForStatus(t, env, "/api/v2/summary.json", func(body string) bool { return strings.Contains(body, `"scheduled_maintenances":[]`) })
	if !strings.Contains(body, `"status":"operational"`) {
		t.Errorf("API after the work: %s", body)
	}
	if _, _, all := env.Get(t, "", "/api/v2/scheduled-maintenances.json"); !strings.Contains(all, `"status":"completed"`) || !strings.Contains(all, "All done.") {
		t.Errorf("scheduled-maintenances.json after completion: %s", all)
	}

	env.Query(t, env.ResponderKey, schedule, in([]string{api}, from, until), &got)
	id = got.ScheduleMaintenance.Maintenance.ID
	move("cancelMaintenance", "")
	env.Query(t, env.ViewerKey, `{ maintenances { id } }`, nil, &listed)
	if len(listed.Maintenances) != 0 {
		t.Errorf("open windows after cancel: %v", listed.Maintenances)
	}
}

var linkIn = regexp.MustCompile(`https?://\S+`)

// formPost sends a form like a browser does and returns status and body.
func formPost(t *testing.T, url string, form url.Values) (int, string) {
	t.Helper()
	res, err := http.PostForm(url, form)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

// local turns a link in a mail (to the public URL) into one to the test
// server.
func local(env *testenv.Env, link string) string {
	return strings.Replace(link, "https://firebreak.test", env.Server.URL, 1)
}

// E-mail subscribers, against a real SMTP server: the confirmation mail's
// link confirms (double opt-in); a public update of a published incident
// arrives with exactly its public words and an unsubscribe link that
// works; an internal update, a private incident and someone else's
// components send nothing.
func TestStatusPageEmailSubscribers(t *testing.T) {
	t.Parallel()
	smtp := standin.StartSMTP(t)
	env := testenv.NewWithOptions(t, testenv.Options{Subscriptions: subscribers.Config{SMTPURL: smtp.URL, From: "Acme status <status@acme.test>"}})
	env.StartWorker(t)
	createComponent(t, env, map[string]any{"name": "Checkout", "public": true, "slug": "checkout"})
	search := createComponent(t, env, map[string]any{"name": "Search", "public": true, "slug": "search"})
	checkout := createComponent(t, env, map[string]any{"name": "Payments", "public": true, "slug": "payments"})

	subscribe := func(email string, components ...string) {
		t.Helper()
		if status, body := formPost(t, env.Server.URL+"/status/subscribe", url.Values{"email": {email}, "component": components}); status != http.StatusOK || !strings.Contains(body, "Check your inbox") {
			t.Fatalf("subscribing %s: %d %s", email, status, body)
		}
	}
	subscribe("dana@customer.test")
	subscribe("sam@customer.test", "search")
	subscribe("dana@customer.test") // again within the hour: no second mail
	if status, _ := formPost(t, env.Server.URL+"/status/subscribe", url.Values{"email": {"not an address"}}); status != http.StatusBadRequest {
		t.Errorf("a bad address: %d", status)
	}
	mails := smtp.WaitFor(t, 20*time.Second, "two confirmation mails", func(m []standin.Mail) bool { return len(m) >= 2 })
	confirmLinks := map[string]string{}
	for _, m := range mails {
		if !strings.Contains(m.Subject, "Confirm your subscription") {
			t.Fatalf("first mail: %q", m.Subject)
		}
		confirmLinks[m.To[0]] = linkIn.FindString(m.Body)
	}
	for who, link := range confirmLinks {
		status, _, page := env.Get(t, "", strings.TrimPrefix(local(env, link), env.Server.URL))
		if status != http.StatusOK || !strings.Contains(page, "Confirm subscription") {
			t.Fatalf("%s's confirmation link: %d %s", who, status, page)
		}
		u, _ := url.Parse(link)
		if status, body := formPost(t, env.Server.URL+u.Path, url.Values{"token": {u.Query().Get("token")}}); status != http.StatusOK || !strings.Contains(body, "You are subscribed") {
			t.Fatalf("confirming %s: %d %s", who, status, body)
		}
	}

	inc := env.Declare(t, map[string]any{"title": "Payments DB primary lost", "severityLevel": 1, "productIds": []string{checkout}})
	postPublicUpdate(t, env, inc.ID, "Card payments are failing; we are on it.", true)
	postPublicUpdate(t, env, inc.ID, "pg-prod-7 failover stuck", false)
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { publishIncident(input: {incidentId: $id, publicTitle: "Card payments failing"}) { incident { id } } }`, map[string]any{"id": inc.ID}, nil)
	private := env.Declare(t, map[string]any{"title": "Merger room", "severityLevel": 2, "visibility": "PRIVATE", "productIds": []string{search}})
	postPublicUpdate(t, env, private.ID, "Merger room restored", true)
	postPublicUpdate(t, env, inc.ID, "A fix is rolling out.", true)

	mails = smtp.WaitFor(t, 20*time.Second, "dana's two update mails", func(m []standin.Mail) bool {
		n := 0
		for _, mail := range m {
			if mail.To[0] == "dana@customer.test" && strings.Contains(mail.Subject, "Card payments failing") {
				n++
			}
		}
		return n >= 2
	})
	var unsubscribe string
	for _, m := range mails {
		for _, secret := range []string{"Payments DB primary lost", "pg-prod-7", "Merger"} {
			if strings.Contains(m.Subject+m.Body, secret) {
				t.Errorf("a mail to %s says %q", m.To, secret)
			}
		}
		if m.To[0] == "sam@customer.test" && !strings.Contains(m.Subject, "Confirm") {
			t.Errorf("sam (Search only) got %q", m.Subject)
		}
		if m.To[0] == "dana@customer.test" && strings.Contains(m.Subject, "Card payments failing") {
			if m.Header.Get("List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" {
				t.Errorf("no one-click unsubscribe header: %v", m.Header)
			}
			unsubscribe = strings.Trim(m.Header.Get("List-Unsubscribe"), "<>")
			// Every link in the mail works: the incident's page shows the
			// update, the unsubscribe link opens its page.
			for _, link := range linkIn.FindAllString(m.Body, -1) {
				status, _, page := env.Get(t, "", strings.TrimPrefix(local(env, link), env.Server.URL))
				if status != http.StatusOK || !(strings.Contains(page, "Card payments failing") || strings.Contains(page, "Unsubscribe")) {
					t.Errorf("link %s in a mail: %d", link, status)
				}
			}
		}
	}
	// One click, as a mail client does it (RFC 8058).
	if status, body := formPost(t, local(env, unsubscribe), url.Values{"List-Unsubscribe": {"One-Click"}}); status != http.StatusOK || !strings.Contains(body, "unsubscribed") {
		t.Fatalf("one-click unsubscribe: %d %s", status, body)
	}
	before := len(smtp.Mails())
	postPublicUpdate(t, env, inc.ID, "Payments are back to normal.", true)
	sentinel := env.Declare(t, map[string]any{"title": "Search slow", "severityLevel": 3, "productIds": []string{search}})
	postPublicUpdate(t, env, sentinel.ID, "Search is slow.", true)
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { publishIncident(input: {incidentId: $id}) { incident { id } } }`, map[string]any{"id": sentinel.ID}, nil)
	mails = smtp.WaitFor(t, 20*time.Second, "sam's search mail", func(m []standin.Mail) bool {
		for _, mail := range m[before:] {
			if mail.To[0] == "sam@customer.test" {
				return true
			}
		}
		return false
	})
	for _, m := range mails[before:] {
		if m.To[0] == "dana@customer.test" {
			t.Errorf("dana got %q after unsubscribing: %s", m.Subject, m.Body)
		}
	}
	// Each mail went out once.
	seen := map[string]int{}
	for _, m := range smtp.Mails() {
		if seen[m.To[0]+"\n"+m.Body]++; seen[m.To[0]+"\n"+m.Body] > 1 {
			t.Errorf("%s got this twice:\n%s", m.To[0], m.Body)
		}
	}
	// …and is recorded as sent (the record follows the server's acceptance).
	waitFor(t, "every message recorded as sent", func() bool {
		var unsent int
		err := env.DB.NewRaw("SELECT count(*) FROM subscriber_messages WHERE status = 'PENDING'").Scan(t.Context(), &unsent)
		return err == nil && unsent == 0
	})

	// Addresses are for admins only.
	list := `{ statusSubscribers { email confirmed unsubscribedAt components { name } } }`
	env.MustFail(t, env.ResponderKey, list, nil, "FORBIDDEN")
	var subs struct {
		StatusSubscribers []struct {
			Email          string
			Confirmed      bool
			UnsubscribedAt *time.Time
			Components     []struct{ Name string }
		}
	}
	env.Query(t, env.AdminKey, list, nil, &subs)
	if len(subs.StatusSubscribers) != 2 || subs.StatusSubscribers[0].Email != "sam@customer.test" || len(subs.StatusSubscribers[0].Components) != 1 ||
		subs.StatusSubscribers[1].UnsubscribedAt == nil || !subs.StatusSubscribers[1].Confirmed {
		t.Fatalf("subscribers as an admin sees them: %+v", subs.StatusSubscribers)
	}
}

// A status page webhook subscriber gets signed JSON of exactly what the
// page shows: the publication, public updates and status changes of
// published incidents — not internal updates, not unpublished or private
// incidents — and cannot be made to include private ones.
func TestStatusPageWebhookSubscriber(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	env.StartWorker(t)
	hook := newReceiver(t)
	ep := createEndpoint(t, env, map[string]any{"name": "Partner status feed", "kind": "STATUS_WEBHOOK", "url": hook.URL})
	if ep.Secret == nil {
		t.Fatal("a status webhook gets a signing secret")
	}
	env.MustFail(t, env.AdminKey, `mutation($in: CreateNotificationEndpointInput!) { createNotificationEndpoint(input: $in) { endpoint { id } } }`,
		map[string]any{"in": map[string]any{"name": "Leaky", "kind": "STATUS_WEBHOOK", "url": hook.URL, "includePrivate": true}}, "BAD_USER_INPUT")
	product := createComponent(t, env, map[string]any{"name": "Checkout", "public": true})

	inc := env.Declare(t, map[string]any{"title": "Payments DB primary lost", "severityLevel": 1, "productIds": []string{product}})
	postPublicUpdate(t, env, inc.ID, "pg-prod-7 failover stuck", false)
	postPublicUpdate(t, env, inc.ID, "Card payments are failing.", true) // before publication: not sent
	private := env.Declare(t, map[string]any{"title": "Merger room", "severityLevel": 2, "visibility": "PRIVATE"})
	postPublicUpdate(t, env, private.ID, "Merger room restored", true)
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { publishIncident(input: {incidentId: $id, publicTitle: "Card payments failing"}) { incident { id } } }`, map[string]any{"id": inc.ID}, nil)
	postPublicUpdate(t, env, inc.ID, "A fix is rolling out.", true)
	postPublicUpdate(t, env, inc.ID, "internal: rollback plan B", false)
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { resolveIncident(input: {incidentId: $id}) { incident { status } } }`, map[string]any{"id": inc.ID}, nil)

	waitFor(t, "three status webhooks", func() bool { return len(hook.received()) >= 3 })
	var events []string
	resolved, fixShown := 0, false
	for _, req := range hook.received() {
		if err := delivery.Verify(*ep.Secret, req.Header.Get(delivery.SignatureHeader), req.Body, time.Now(), 5*time.Minute); err != nil {
			t.Errorf("unsigned status webhook: %v", err)
		}
		for _, secret := range []string{"Payments DB", "pg-prod-7", "Merger", "plan B"} {
			if strings.Contains(string(req.Body), secret) {
				t.Errorf("a status webhook says %q: %s", secret, req.Body)
			}
		}
		var body delivery.StatusWebhookBody
		if err := json.Unmarshal(req.Body, &body); err != nil {
			t.Fatal(err)
		}
		// The incident is as it stood when the event was relayed (a batch
		// may already include later updates and its resolution); its
		// updates are the public ones, whenever they were posted.
		what := body.Event
		for _, u := range body.Incident.IncidentUpdates {
			if u.Body != "Card payments are failing." && u.Body != "A fix is rolling out." {
				t.Errorf("a status webhook shows the update %q", u.Body)
			}
			if u.Body == "A fix is rolling out." {
				fixShown = true
			}
		}
		if body.Incident.Name != "Card payments failing" || body.Incident.Impact != "critical" {
			t.Errorf("the incident as the page shows it: %+v", body.Incident)
		}
		if body.Incident.Status == "resolved" {
			resolved++
		}
		events = append(events, what)
	}
	if resolved == 0 {
		t.Error("no status webhook says resolved")
	}
	if !fixShown {
		t.Error("no status webhook shows the public update posted after publication")
	}
	// Deliveries run in parallel: order is by updated_at, not by arrival.
	want := []string{"incident.published", "incident.updated", "incident.updated"}
	slices.Sort(events)
	if strings.Join(events, " | ") != strings.Join(want, " | ") {
		t.Fatalf("status webhooks:\n%s\nwant:\n%s", strings.Join(events, "\n"), strings.Join(want, "\n"))
	}
}
