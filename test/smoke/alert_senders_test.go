package smoke_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-redis/redis_rate/v10"

	"firebreak/internal/alerting"
	"firebreak/internal/testenv"
)

// oneAlert is an Alertmanager notification of a group with one firing
// alert carrying these labels.
func oneAlert(groupKey string, labels map[string]string) []byte {
	body, _ := json.Marshal(map[string]any{"version": "4", "groupKey": groupKey, "status": "firing", "receiver": "firebreak",
		"groupLabels": map[string]string{}, "commonLabels": map[string]string{}, "commonAnnotations": map[string]string{},
		"alerts": []map[string]any{{"status": "firing", "fingerprint": "fp-" + groupKey, "labels": labels,
			"annotations": map[string]string{}, "startsAt": "2026-12-07T10:00:00Z", "endsAt": "0001-01-01T00:00:00Z"}}})
	return body
}

// A route's title template runs inside the request of whoever holds an
// alert token, on labels they chose, so it has a budget: templates that
// could loop or call out are refused when saved (BAD_USER_INPUT naming
// titleTemplate), and what is over the budget at run time — a printf
// width from a label, a template saved before the budget — gives the
// incident a plain fallback title at once. Labels' control characters
// never reach a title; a NUL in a label is a 400 naming it, not a 500
// the sender retries forever.
func TestTitleTemplatesHaveABudget(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	_, token, _ := createAlertSource(t, env, "prod Alertmanager", "ALERTMANAGER")
	createRoute := `mutation($m: String!, $t: String) { createAlertRoute(input: {matchers: $m, severityLevel: 3, titleTemplate: $t}) { route { id } } }`
	for _, hostile := range []string{
		`{{range 20000000}}{{end}}`,
		`{{define "x"}}{{template "x"}}{{end}}{{template "x"}}`,
		`{{ printf "%999999d" 1 }}`,
		`{{ printf "%.2000000f" 1.0 }}`,
		`{{ call .Labels.f }}`,
		`{{ html .Labels.x }}`,
	} {
		e := env.MustFail(t, env.AdminKey, createRoute, map[string]any{"m": `case="saved"`, "t": hostile}, "BAD_USER_INPUT")
		if e.Field() != "titleTemplate" {
			t.Errorf("%s refused naming %q, want titleTemplate", hostile, e.Field())
		}
	}
	if n := countRows(t, env, "alert_routes"); n != 0 {
		t.Fatalf("%d refused routes were saved", n)
	}

	env.Query(t, env.AdminKey, createRoute, map[string]any{"m": `case="width"`, "t": `{{ printf .Labels.format 1 }} {{ toUpper .Labels.alertname }}`}, nil)
	env.Query(t, env.AdminKey, createRoute, map[string]any{"m": `case="fine"`, "t": `{{ .Labels.alertname }} on {{ printf "%.8s" .Labels.host }}`}, nil)
	// A route saved before templates had a budget.
	if _, err := env.DB.NewRaw(`INSERT INTO alert_routes (matchers, severity_level, title_template) VALUES ('case="legacy"', 3, '{{range 20000000}}{{end}}{{ .Labels.alertname }}')`).Exec(t.Context()); err != nil {
		t.Fatal(err)
	}

	for group, labels := range map[string]map[string]string{
		"width":   {"alertname": "DiskFull", "case": "width", "format": "%999999d"},
		"fine":    {"alertname": "DiskFull", "case": "fine", "host": "db-primary-1.example"},
		"legacy":  {"alertname": "QueueStuck", "case": "legacy"},
		"control": {"alertname": "Disk\x1b[31mFull\x07\u009b!", "case": "fine", "host": "a\x1bb"},
	} {
		if status, a := ingest(t, env, "/ingest/alertmanager", token, oneAlert(group, labels)); status != 200 || a.New != 1 {
			t.Fatalf("group %s: %d %+v", group, status, a)
		}
	}
	var out struct {
		Incidents struct{ Nodes []struct{ Title string } }
	}
	env.Query(t, env.ViewerKey, `{ incidents(first: 10) { nodes { title } } }`, nil, &out)
	titles := map[string]bool{}
	for _, n := range out.Incidents.Nodes {
		titles[n.Title] = true
	}
	for _, want := range []string{"Alert: DiskFull", "DiskFull on db-prima", "QueueStuck", "Disk[31mFull! on ab"} {
		if !titles[want] {
			t.Errorf("no incident titled %q; titles: %v", want, titles)
		}
	}

	nul := oneAlert("nul", map[string]string{"alertname": "Bad\x00Label", "case": "fine"})
	if status, a := ingest(t, env, "/ingest/alertmanager", token, nul); status != 400 || !strings.HasPrefix(a.Field, "alerts[0].labels") {
		t.Fatalf("a NUL in a label: %d %+v, want 400 naming alerts[0].labels", status, a)
	}
	_, events, _ := createAlertSource(t, env, "generic", "GENERIC")
	nulEvent := []byte(`{"event_action":"trigger","payload":{"summary":"x\u0000y","source":"s","severity":"info"}}`)
	if status, a := ingest(t, env, "/ingest/events", events, nulEvent); status != 400 || a.Field != "payload.summary" {
		t.Fatalf("a NUL in an event's summary: %d %+v", status, a)
	}
}

// Grafana's webhook contact point posts its own payload — version "1",
// as grafana/alerting's receivers/webhook marshals it (testdata, field by
// field from its source) — and it opens an incident like Alertmanager's;
// the Alertmanager endpoint still takes only Alertmanager's version 4.
func TestGrafanasOwnNotificationOpensAnIncident(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	_, token, _ := createAlertSource(t, env, "Grafana", "GRAFANA")
	_, am, _ := createAlertSource(t, env, "prod Alertmanager", "ALERTMANAGER")
	env.Query(t, env.AdminKey, `mutation { createAlertRoute(input: {matchers: "team=\"blue\"", severityLevel: 2}) { route { id } } }`, nil, nil)
	body, err := os.ReadFile("testdata/grafana_webhook.json")
	if err != nil {
		t.Fatal(err)
	}
	if status, a := ingest(t, env, "/ingest/alertmanager", am, body); status != 400 || a.Field != "version" {
		t.Fatalf("Grafana's payload at the Alertmanager endpoint: %d %+v", status, a)
	}
	if status, a := ingest(t, env, "/ingest/grafana", token, body); status != 200 || a.New != 1 {
		t.Fatalf("Grafana's own notification: %d %+v", status, a)
	}
	var out struct {
		Incidents struct {
			Nodes []struct {
				Title    string
				Severity struct{ Level int }
			}
		}
	}
	env.Query(t, env.ViewerKey, `{ incidents(first: 5) { nodes { title severity { level } } } }`, nil, &out)
	if len(out.Incidents.Nodes) != 1 || out.Incidents.Nodes[0].Title != "High memory usage: This alert fires when a node has high memory usage" || out.Incidents.Nodes[0].Severity.Level != 2 {
		t.Fatalf("incidents from Grafana: %+v", out.Incidents.Nodes)
	}
}

// A storm of 100 distinct alert groups from one source at once opens no
// more than the storm limit of incidents — the last of them the storm
// incident, named as such — and attaches every other group to it; every
// alert is still recorded.
func TestAnAlertStormOpensAtMostTheLimit(t *testing.T) {
	t.Parallel()
	env := testenv.NewWithOptions(t, testenv.Options{AlertStorm: alerting.Storm{Limit: 5, Window: 10 * time.Minute}})
	_, token, _ := createAlertSource(t, env, "prod Alertmanager", "ALERTMANAGER")
	env.Query(t, env.AdminKey, `mutation { createAlertRoute(input: {matchers: "service=\"storm\"", severityLevel: 2}) { route { id } } }`, nil, nil)
	const groups = 100
	work := make(chan int)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				body := oneAlert(fmt.Sprintf("storm-%d", i), map[string]string{"alertname": fmt.Sprintf("Err%d", i), "service": "storm"})
				if status, _, raw := env.PostJSON(t, token, "/ingest/alertmanager", body); status != 200 {
					t.Errorf("group %d: %d %s", i, status, raw)
				}
			}
		}()
	}
	for i := range groups {
		work <- i
	}
	close(work)
	wg.Wait()

	var out struct {
		Incidents struct {
			TotalCount int
			Nodes      []struct {
				Title       string
				AlertGroups []struct{ GroupKey string }
			}
		}
	}
	env.Query(t, env.ViewerKey, `{ incidents(first: 100) { totalCount nodes { title alertGroups { groupKey } } } }`, nil, &out)
	if out.Incidents.TotalCount != 5 {
		t.Fatalf("%d incidents from a storm of %d groups, want the limit of 5", out.Incidents.TotalCount, groups)
	}
	storms, attached := 0, 0
	for _, n := range out.Incidents.Nodes {
		attached += len(n.AlertGroups)
		if strings.HasPrefix(n.Title, "Alert storm: prod Alertmanager") {
			storms++
			if len(n.AlertGroups) != groups-4 {
				t.Errorf("the storm incident has %d groups, want %d", len(n.AlertGroups), groups-4)
			}
		}
	}
	if storms != 1 || attached != groups {
		t.Fatalf("%d storm incidents, %d groups attached: %+v", storms, attached, out.Incidents.Nodes)
	}
	if n := countRows(t, env, "alerts"); n != groups {
		t.Fatalf("%d alerts recorded, want %d", n, groups)
	}
}

// Each alert source has its own request budget, shared by the replicas:
// past it a post gets 429 with Retry-After (which senders retry), and
// other sources go on.
func TestAlertSourcesHaveABudget(t *testing.T) {
	t.Parallel()
	env := testenv.NewWithOptions(t, testenv.Options{AlertRateLimit: redis_rate.Limit{Rate: 3, Burst: 3, Period: time.Hour}})
	_, token, _ := createAlertSource(t, env, "chatty", "ALERTMANAGER")
	_, other, _ := createAlertSource(t, env, "quiet", "ALERTMANAGER")
	_, events, _ := createAlertSource(t, env, "pager", "GENERIC")
	for i := range 3 {
		if status, a := ingest(t, env, "/ingest/alertmanager", token, oneAlert(fmt.Sprintf("g%d", i), map[string]string{"alertname": "X"})); status != 200 {
			t.Fatalf("post %d within the budget: %d %+v", i, status, a)
		}
	}
	status, header, raw := env.PostJSON(t, token, "/ingest/alertmanager", oneAlert("g3", map[string]string{"alertname": "X"}))
	if status != http.StatusTooManyRequests || header.Get("Retry-After") == "" || !strings.Contains(raw, "RATE_LIMITED") {
		t.Fatalf("past the budget: %d %v %s", status, header, raw)
	}
	if status, _ := ingest(t, env, "/ingest/alertmanager", other, oneAlert("q", map[string]string{"alertname": "X"})); status != 200 {
		t.Fatalf("another source: %d", status)
	}
	event := func() int {
		body := []byte(fmt.Sprintf(`{"routing_key":%q,"event_action":"trigger","payload":{"summary":"s","source":"x","severity":"info"}}`, events))
		status, _, _ := env.PostJSON(t, "", "/ingest/events/v2/enqueue", body)
		return status
	}
	for range 3 {
		if status := event(); status != http.StatusAccepted {
			t.Fatalf("an event within the budget: %d", status)
		}
	}
	if status := event(); status != http.StatusTooManyRequests {
		t.Fatalf("an event past the budget: %d", status)
	}
}

// BenchmarkNotificationToAGrowingGroup: one more notification of 1,000
// new alerts to a group that already holds 29,000 (attached to its
// incident). Its cost should follow the notification, not the group.
func BenchmarkNotificationToAGrowingGroup(b *testing.B) {
	env := testenv.New(b)
	_, token, _ := createAlertSource(b, env, "prod Alertmanager", "ALERTMANAGER")
	env.Query(b, env.AdminKey, `mutation { createAlertRoute(input: {matchers: "service=\"big\"", severityLevel: 3}) { route { id } } }`, nil, nil)
	batch := 0
	post := func() {
		alerts := make([]map[string]any, 1000)
		for i := range alerts {
			alerts[i] = map[string]any{"status": "firing", "fingerprint": fmt.Sprintf("b%d-%d", batch, i),
				"labels": map[string]string{"alertname": "Big", "service": "big", "n": fmt.Sprint(batch*1000 + i)}, "annotations": map[string]string{},
				"startsAt": "2026-12-07T10:00:00Z", "endsAt": "0001-01-01T00:00:00Z"}
		}
		batch++
		body, _ := json.Marshal(map[string]any{"version": "4", "groupKey": "big", "status": "firing", "receiver": "firebreak",
			"groupLabels": map[string]string{"service": "big"}, "commonLabels": map[string]string{}, "commonAnnotations": map[string]string{}, "alerts": alerts})
		if status, _, raw := env.PostJSON(b, token, "/ingest/alertmanager", body); status != 200 {
			b.Fatalf("%d %s", status, raw)
		}
	}
	for range 29 {
		post()
	}
	b.ResetTimer()
	for range b.N {
		post()
	}
}
