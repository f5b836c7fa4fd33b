package smoke_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"firebreak/internal/testenv"
)

// alertmanagerPayload is Alertmanager's webhook (version 4) for a group
// whose alerts have these fingerprints and statuses.
func alertmanagerPayload(groupKey string, alerts map[string]string) []byte {
	status := "resolved"
	var list []map[string]any
	for fp, st := range alerts {
		if st == "firing" {
			status = "firing"
		}
		list = append(list, map[string]any{"status": st, "fingerprint": fp,
			"labels":      map[string]string{"alertname": "HighErrorRate", "service": "checkout", "instance": fp},
			"annotations": map[string]string{"summary": "5xx above 5% on " + fp}, "startsAt": "2026-11-30T10:00:00Z",
			"endsAt": "0001-01-01T00:00:00Z", "generatorURL": "http://prometheus.local/graph"})
	}
	body, _ := json.Marshal(map[string]any{"version": "4", "groupKey": groupKey, "truncatedAlerts": 0, "status": status,
		"receiver": "firebreak", "groupLabels": map[string]string{"alertname": "HighErrorRate"},
		"commonLabels": map[string]string{"alertname": "HighErrorRate"}, "commonAnnotations": map[string]string{},
		"externalURL": "http://alertmanager.local", "alerts": list})
	return body
}

type ingestAnswer struct {
	Status               string
	New, Fired, Resolved int
	Error, Field, Code   string
	DedupKey             string `json:"dedup_key"`
}

func ingest(t *testing.T, env *testenv.Env, path, token string, body []byte) (int, ingestAnswer) {
	t.Helper()
	status, _, raw := env.PostJSON(t, token, path, body)
	var a ingestAnswer
	if err := json.Unmarshal([]byte(raw), &a); err != nil {
		t.Fatalf("%s answered %d %q", path, status, raw)
	}
	return status, a
}

func createAlertSource(t testing.TB, env *testenv.Env, name, kind string) (id, token, url string) {
	t.Helper()
	var out struct {
		CreateAlertSource struct {
			Source struct{ ID, IngestURL string }
			Token  string
		}
	}
	env.Query(t, env.AdminKey, `mutation($n: String!, $k: AlertSourceKind!) { createAlertSource(input: {name: $n, kind: $k}) { source { id ingestUrl } token } }`,
		map[string]any{"n": name, "k": kind}, &out)
	return out.CreateAlertSource.Source.ID, out.CreateAlertSource.Token, out.CreateAlertSource.Source.IngestURL
}

func countRows(t *testing.T, env *testenv.Env, table string) int {
	t.Helper()
	var n int
	if err := env.DB.NewRaw("SELECT count(*) FROM "+table).Scan(t.Context(), &n); err != nil {
		t.Fatal(err)
	}
	return n
}

// Alertmanager's webhook: only a source's token gets in; a malformed
// payload gets 400 naming the problem and stores nothing; a valid one is
// stored and applied once — a repeat changes nothing, a resolution is one
// change; a revoked token stops at once.
func TestAlertmanagerWebhookIngest(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	env.MustFail(t, env.ResponderKey, `mutation { createAlertSource(input: {name: "x", kind: ALERTMANAGER}) { token } }`, nil, "FORBIDDEN")
	id, token, url := createAlertSource(t, env, "prod Alertmanager", "ALERTMANAGER")
	_, grafana, _ := createAlertSource(t, env, "Grafana", "GRAFANA")
	if !strings.HasSuffix(url, "/ingest/alertmanager") || !strings.HasPrefix(token, "fba_") {
		t.Fatalf("source: %q %q", url, token)
	}
	const path = "/ingest/alertmanager"
	good := alertmanagerPayload("{}:{alertname=\"HighErrorRate\"}", map[string]string{"a1": "firing", "a2": "firing"})

	for _, c := range []struct {
		what, token string
		body        []byte
		status      int
		field       string
	}{
		{"no token", "", good, 401, ""},
		{"an unknown token", "fba_" + strings.Repeat("x", 52), good, 401, ""},
		{"Grafana's token", grafana, good, 403, ""},
		{"not JSON", token, []byte("{"), 400, "body"},
		{"another version", token, bytes.Replace(good, []byte(`"version":"4"`), []byte(`"version":"3"`), 1), 400, "version"},
		{"no fingerprint", token, bytes.Replace(good, []byte(`"fingerprint":"a1"`), []byte(`"fingerprint":""`), 1), 400, ""},
		{"no alerts", token, []byte(`{"version":"4","groupKey":"g","status":"firing","alerts":[]}`), 400, "alerts"},
	} {
		status, answer := ingest(t, env, path, c.token, c.body)
		if status != c.status || answer.Error == "" || (c.field != "" && answer.Field != c.field) {
			t.Errorf("%s: %d %+v, want %d naming %q", c.what, status, answer, c.status, c.field)
		}
	}
	if n := countRows(t, env, "alert_payloads"); n != 0 {
		t.Fatalf("refused payloads stored: %d", n)
	}

	if status, a := ingest(t, env, path, token, good); status != 200 || a.New != 2 {
		t.Fatalf("first notification: %d %+v", status, a)
	}
	if status, a := ingest(t, env, path, token, good); status != 200 || a.New+a.Fired+a.Resolved != 0 {
		t.Fatalf("Alertmanager's repeat: %d %+v", status, a)
	}
	partly := alertmanagerPayload("{}:{alertname=\"HighErrorRate\"}", map[string]string{"a1": "resolved", "a2": "firing"})
	if status, a := ingest(t, env, path, token, partly); status != 200 || a.Resolved != 1 || a.New != 0 {
		t.Fatalf("one resolved: %d %+v", status, a)
	}
	if alerts, groups, payloads := countRows(t, env, "alerts"), countRows(t, env, "alert_groups"), countRows(t, env, "alert_payloads"); alerts != 2 || groups != 1 || payloads != 3 {
		t.Fatalf("stored: %d alerts, %d groups, %d payloads", alerts, groups, payloads)
	}

	env.Query(t, env.AdminKey, `mutation($id: ID!) { revokeAlertSource(input: {alertSourceId: $id}) { source { revokedAt } } }`, map[string]any{"id": id}, nil)
	if status, _ := ingest(t, env, path, token, good); status != 401 {
		t.Fatalf("a revoked token: %d", status)
	}
}

// An alert group becomes one incident with the route's product, severity
// and title; more alerts of the group attach to it; one resolving of three
// is a timeline event and the incident stays open; all resolving says so
// and it still stays open; a repeat notification adds nothing; the same
// group posted to two replicas at once declares once.
func TestAlertGroupsBecomeIncidents(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	replica := env.Replica(t)
	_, token, _ := createAlertSource(t, env, "prod Alertmanager", "ALERTMANAGER")
	checkout := env.CreateProduct(t, "Checkout")
	env.Query(t, env.AdminKey, `mutation($p: ID!) { createAlertRoute(input: {matchers: "alertname=\"HighErrorRate\", service=~\"check.*\"", productIds: [$p], severityLevel: 2,
		titleTemplate: "{{ .Labels.service }}: {{ .Annotations.summary }}"}) { route { id } } }`, map[string]any{"p": checkout}, nil)
	env.Query(t, env.AdminKey, `mutation { createAlertRoute(input: {matchers: "severity=\"info\"", severityLevel: 3, autoDeclare: false, position: -1}) { route { id } } }`, nil, nil)
	group := "{}:{alertname=\"HighErrorRate\"}"
	first := alertmanagerPayload(group, map[string]string{"a1": "firing"})

	// The same group to two replicas at once.
	done := make(chan int, 2)
	for _, url := range []string{env.Server.URL, replica.URL} {
		go func() {
			req, _ := http.NewRequest(http.MethodPost, url+"/ingest/alertmanager", bytes.NewReader(first))
			req.Header.Set("Authorization", "Bearer "+token)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				done <- 0
				return
			}
			res.Body.Close()
			done <- res.StatusCode
		}()
	}
	if a, b := <-done, <-done; a != 200 || b != 200 {
		t.Fatalf("the two replicas answered %d and %d", a, b)
	}
	type alertIncident struct {
		ID, Title, Status string
		Severity          struct{ Level int }
		Products          []struct{ Name string }
		Alerts            struct {
			Nodes []struct{ Fingerprint, Status string }
		}
		Timeline struct {
			Nodes []struct{ Kind, Message string }
		}
	}
	incidents := func() []alertIncident {
		var out struct {
			Incidents struct{ Nodes []alertIncident }
		}
		env.Query(t, env.ViewerKey, `{ incidents(first: 10) { nodes { id title status severity { level } products { name }
			alerts { nodes { fingerprint status } } timeline(first: 50) { nodes { kind message } } } } }`, nil, &out)
		return out.Incidents.Nodes
	}
	got := incidents()
	if len(got) != 1 || got[0].Title != "checkout: 5xx above 5% on a1" || got[0].Severity.Level != 2 || len(got[0].Products) != 1 || got[0].Products[0].Name != "Checkout" {
		t.Fatalf("incidents from one group: %+v", got)
	}
	count := func(kind string) int {
		n := 0
		for _, e := range incidents()[0].Timeline.Nodes {
			if e.Kind == kind {
				n++
			}
		}
		return n
	}
	if n := count("ALERT_FIRING"); n != 1 {
		t.Fatalf("ALERT_FIRING events after the first alert: %d", n)
	}

	ingest(t, env, "/ingest/alertmanager", token, alertmanagerPayload(group, map[string]string{"a1": "firing", "a2": "firing", "a3": "firing"}))
	ingest(t, env, "/ingest/alertmanager", token, alertmanagerPayload(group, map[string]string{"a1": "firing", "a2": "firing", "a3": "firing"})) // repeat
	got = incidents()
	if len(got) != 1 || len(got[0].Alerts.Nodes) != 3 || count("ALERT_FIRING") != 3 {
		t.Fatalf("after two more alerts (and a repeat): %d incidents, %d alerts, %d firing events", len(got), len(got[0].Alerts.Nodes), count("ALERT_FIRING"))
	}
	ingest(t, env, "/ingest/alertmanager", token, alertmanagerPayload(group, map[string]string{"a1": "resolved", "a2": "firing", "a3": "firing"}))
	if got = incidents(); got[0].Status != "INVESTIGATING" || count("ALERT_RESOLVED") != 1 {
		t.Fatalf("one of three resolved: %s, %d resolved events", got[0].Status, count("ALERT_RESOLVED"))
	}
	// A responder takes command; when every alert has resolved, they are told.
	var me struct{ Me struct{ ID string } }
	env.Query(t, env.ResponderKey, `{ me { id } }`, nil, &me)
	env.Query(t, env.ResponderKey, `mutation($i: ID!, $u: ID!) { assignIncidentRole(input: {incidentId: $i, role: COMMANDER, userId: $u}) { incident { id } } }`,
		map[string]any{"i": got[0].ID, "u": me.Me.ID}, nil)
	ingest(t, env, "/ingest/alertmanager", token, alertmanagerPayload(group, map[string]string{"a1": "resolved", "a2": "resolved", "a3": "resolved"}))
	told := 0
	notes, _ := notifications(t, env, env.ResponderKey, true)
	for _, n := range notes {
		if n.Kind == "ALERTS_RESOLVED" && n.Incident != nil && n.Incident.ID == got[0].ID {
			told++
		}
	}
	if told != 1 {
		t.Fatalf("the commander was told %d times that all alerts resolved: %+v", told, notes)
	}
	got = incidents()
	all := false
	for _, e := range got[0].Timeline.Nodes {
		all = all || strings.Contains(e.Message, "All 3 alerts of the group have resolved")
	}
	if !all || got[0].Status != "INVESTIGATING" {
		t.Fatalf("all resolved: %s, said so: %v", got[0].Status, all)
	}

	// A group an attach-only route takes declares nothing.
	info := bytes.ReplaceAll(alertmanagerPayload("{}:{alertname=\"DiskSoon\"}", map[string]string{"d1": "firing"}), []byte(`"alertname":"HighErrorRate","instance"`), []byte(`"alertname":"DiskSoon","severity":"info","instance"`))
	if status, _ := ingest(t, env, "/ingest/alertmanager", token, info); status != 200 || len(incidents()) != 1 {
		t.Fatalf("an attach-only group declared an incident")
	}
}

func event(action, key string, payload map[string]any) []byte {
	body, _ := json.Marshal(map[string]any{"event_action": action, "dedup_key": key, "payload": payload})
	return body
}

// Generic events by dedup_key: a trigger opens an alert (and, through the
// routes, an incident), a repeat changes nothing, acknowledge is noted on
// the incident, resolve resolves; bad tokens get 401 and malformed events
// 400 naming the field, with nothing stored.
func TestGenericEvents(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	_, token, url := createAlertSource(t, env, "uptime monitor", "GENERIC")
	if !strings.HasSuffix(url, "/ingest/events") {
		t.Fatalf("ingest URL %q", url)
	}
	env.Query(t, env.AdminKey, `mutation { createAlertRoute(input: {matchers: "severity=\"critical\"", severityLevel: 1}) { route { id } } }`, nil, nil)
	disk := map[string]any{"summary": "Disk full on db-1", "source": "db-1", "severity": "critical", "custom_details": map[string]any{"free": "0%"}}
	const path = "/ingest/events"

	if status, _ := ingest(t, env, path, "fba_nope", event("trigger", "db-1", disk)); status != 401 {
		t.Errorf("a bad token: %d", status)
	}
	for _, c := range []struct {
		body  []byte
		field string
	}{
		{event("explode", "db-1", disk), "event_action"},
		{event("trigger", "db-1", map[string]any{"source": "db-1", "severity": "critical"}), "payload.summary"},
		{event("trigger", "db-1", map[string]any{"summary": "x", "source": "db-1", "severity": "dire"}), "payload.severity"},
		{event("resolve", "", nil), "dedup_key"},
		{event("resolve", "never-triggered", nil), "dedup_key"},
	} {
		if status, a := ingest(t, env, path, token, c.body); status != 400 || a.Field != c.field {
			t.Errorf("%s: %d %+v, want 400 naming %s", c.body, status, a, c.field)
		}
	}
	if n := countRows(t, env, "alert_payloads"); n != 0 {
		t.Fatalf("malformed events stored: %d", n)
	}

	for range 2 { // the repeat changes nothing
		if status, a := ingest(t, env, path, token, event("trigger", "db-1", disk)); status != http.StatusAccepted || a.DedupKey != "db-1" {
			t.Fatalf("trigger: %d %+v", status, a)
		}
	}
	ingest(t, env, path, token, event("acknowledge", "db-1", nil))
	ingest(t, env, path, token, event("resolve", "db-1", nil))
	var out struct {
		Incidents struct {
			Nodes []struct {
				Title    string
				Severity struct{ Level int }
				Alerts   struct {
					Nodes []struct{ Fingerprint, Status string }
				}
				Timeline struct {
					Nodes []struct{ Kind, Message string }
				}
			}
		}
	}
	env.Query(t, env.ViewerKey, `{ incidents(first: 5) { nodes { title severity { level } alerts { nodes { fingerprint status } }
		timeline(first: 50) { nodes { kind message } } } } }`, nil, &out)
	if len(out.Incidents.Nodes) != 1 {
		t.Fatalf("incidents: %+v", out.Incidents.Nodes)
	}
	inc := out.Incidents.Nodes[0]
	if inc.Title != "Disk full on db-1" || inc.Severity.Level != 1 || len(inc.Alerts.Nodes) != 1 || inc.Alerts.Nodes[0].Status != "RESOLVED" {
		t.Fatalf("the incident: %+v", inc)
	}
	var kinds []string
	for _, e := range inc.Timeline.Nodes {
		if strings.HasPrefix(e.Kind, "ALERT_") {
			kinds = append(kinds, e.Kind+" "+e.Message)
		}
	}
	want := "ALERT_FIRING Disk full on db-1 firing: Disk full on db-1 | ALERT_FIRING uptime monitor acknowledged at the source: Disk full on db-1 | " +
		"ALERT_RESOLVED Disk full on db-1 resolved: Disk full on db-1 | ALERT_RESOLVED All 1 alerts of the group have resolved; the incident stays open until a responder resolves it"
	if strings.Join(kinds, " | ") != want {
		t.Fatalf("timeline:\n%s\nwant:\n%s", strings.Join(kinds, "\n"), strings.ReplaceAll(want, " | ", "\n"))
	}

	// A trigger without a dedup_key gets one.
	slow := event("trigger", "", map[string]any{"summary": "Slow", "source": "web", "severity": "warning"})
	if status, a := ingest(t, env, path, token, slow); status != http.StatusAccepted || len(a.DedupKey) < 20 {
		t.Fatalf("a trigger without dedup_key: %d %+v", status, a)
	}
}
