package smoke_test

import (
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"firebreak/internal/httpapi"
	"firebreak/internal/testenv"
	"firebreak/models"
)

// amNotification is Alertmanager's webhook for a group whose alerts share
// labels and differ by instance (the fingerprint), each firing or
// resolved.
func amNotification(groupKey string, labels map[string]string, alerts map[string]string) []byte {
	status := "resolved"
	var list []map[string]any
	for _, fp := range slices.Sorted(maps.Keys(alerts)) { // in a sender's order, first to last
		st := alerts[fp]
		if st == "firing" {
			status = "firing"
		}
		ls := map[string]string{"instance": fp}
		for k, v := range labels {
			ls[k] = v
		}
		list = append(list, map[string]any{"status": st, "fingerprint": fp, "labels": ls,
			"annotations": map[string]string{"summary": labels["alertname"] + " on " + fp}, "startsAt": "2026-11-30T10:00:00Z"})
	}
	body, _ := json.Marshal(map[string]any{"version": "4", "groupKey": groupKey, "status": status, "receiver": "firebreak",
		"groupLabels": map[string]string{"alertname": labels["alertname"]}, "commonLabels": labels, "alerts": list})
	return body
}

type alertedIncident struct {
	ID, Title, Status string
	AlertGroups       []struct{ ID string }
	Updates           struct{ Nodes []struct{ Body string } }
	Timeline          struct {
		Nodes []struct{ Kind, Message string }
	}
}

const alertedIncidentFields = `id title status alertGroups { id } updates(first: 5) { nodes { body } } timeline(first: 50) { nodes { kind message } }`

// incidentsTitled returns the incidents (newest first) whose title starts
// with prefix.
func incidentsTitled(t *testing.T, env *testenv.Env, key, prefix string) []alertedIncident {
	t.Helper()
	var out struct {
		Incidents struct{ Nodes []alertedIncident }
	}
	env.Query(t, key, `{ incidents(first: 10) { nodes { `+alertedIncidentFields+` } } }`, nil, &out)
	var got []alertedIncident
	for _, inc := range out.Incidents.Nodes {
		if strings.HasPrefix(inc.Title, prefix) {
			got = append(got, inc)
		}
	}
	return got
}

func (inc alertedIncident) said(kind, text string) int {
	n := 0
	for _, e := range inc.Timeline.Nodes {
		if e.Kind == kind && strings.Contains(e.Message, text) {
			n++
		}
	}
	return n
}

// A group that fires again after its incident was resolved reopens it as a
// regression; after it was closed, it declares a new incident (once, even
// when repeated). A route that says so resolves its incident when every
// alert has resolved — not while one still fires.
func TestAlertGroupRegressions(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	_, token, _ := createAlertSource(t, env, "prod Alertmanager", "ALERTMANAGER")
	env.Query(t, env.AdminKey, `mutation { a: createAlertRoute(input: {matchers: "alertname=\"QueueBacklog\"", severityLevel: 3}) { route { id } }
		b: createAlertRoute(input: {matchers: "alertname=\"DiskFull\"", severityLevel: 3, autoResolve: true}) { route { id } } }`, nil, nil)
	post := func(body []byte) {
		t.Helper()
		if status, a := ingest(t, env, "/ingest/alertmanager", token, body); status != 200 {
			t.Fatalf("ingest: %d %+v", status, a)
		}
	}
	backlog := map[string]string{"alertname": "QueueBacklog"}
	post(amNotification("backlog", backlog, map[string]string{"q1": "firing"}))
	post(amNotification("backlog", backlog, map[string]string{"q1": "resolved"}))
	first := incidentsTitled(t, env, env.ViewerKey, "QueueBacklog")
	if len(first) != 1 || first[0].Status != "INVESTIGATING" {
		t.Fatalf("declared: %+v", first)
	}
	lifecycle(t, env, "resolveIncident", first[0].ID, "")

	post(amNotification("backlog", backlog, map[string]string{"q1": "firing"}))
	post(amNotification("backlog", backlog, map[string]string{"q1": "firing"})) // Alertmanager's repeat
	again := incidentsTitled(t, env, env.ViewerKey, "QueueBacklog")
	if len(again) != 1 || again[0].Status != "INVESTIGATING" || again[0].said("ALERT_FIRING", "firing again") != 1 ||
		len(again[0].Updates.Nodes) == 0 || !strings.HasPrefix(again[0].Updates.Nodes[0].Body, "Regression: QueueBacklog is firing again") {
		t.Fatalf("after a regression: %+v", again)
	}

	post(amNotification("backlog", backlog, map[string]string{"q1": "resolved"}))
	lifecycle(t, env, "resolveIncident", first[0].ID, "")
	lifecycle(t, env, "closeIncident", first[0].ID, "")
	post(amNotification("backlog", backlog, map[string]string{"q1": "firing"}))
	post(amNotification("backlog", backlog, map[string]string{"q1": "firing"}))
	both := incidentsTitled(t, env, env.ViewerKey, "QueueBacklog")
	if len(both) != 2 || both[0].Status != "INVESTIGATING" || both[1].Status != "CLOSED" || len(both[0].AlertGroups) != 1 || len(both[1].AlertGroups) != 0 {
		t.Fatalf("after its incident was closed, the group fired again: %+v", both)
	}

	disk := map[string]string{"alertname": "DiskFull"}
	post(amNotification("disk", disk, map[string]string{"d1": "firing", "d2": "firing"}))
	post(amNotification("disk", disk, map[string]string{"d1": "resolved", "d2": "firing"}))
	if inc := incidentsTitled(t, env, env.ViewerKey, "DiskFull"); len(inc) != 1 || inc[0].Status != "INVESTIGATING" {
		t.Fatalf("one of two resolved, the route resolved it anyway: %+v", inc)
	}
	post(amNotification("disk", disk, map[string]string{"d1": "resolved", "d2": "resolved"}))
	inc := incidentsTitled(t, env, env.ViewerKey, "DiskFull")
	if len(inc) != 1 || inc[0].Status != "RESOLVED" || inc[0].said("ALERT_RESOLVED", "its alert route resolves the incident") != 1 {
		t.Fatalf("all resolved under an auto-resolving route: %+v", inc)
	}
}

type alertGroupJSON struct {
	ID, SourceName, GroupKey, Status string
	AlertCount, FiringCount          int
	Incident                         *struct{ ID string }
	Alerts                           struct {
		Nodes []struct{ Fingerprint, Status string }
	}
}

const alertGroupFields = `id sourceName groupKey status alertCount firingCount incident { id } alerts { nodes { fingerprint status } }`

func alertGroups(t *testing.T, env *testenv.Env, key string, attached *bool) []alertGroupJSON {
	t.Helper()
	var out struct {
		AlertGroups struct{ Nodes []alertGroupJSON }
	}
	env.Query(t, key, `query($a: Boolean) { alertGroups(attached: $a) { nodes { `+alertGroupFields+` } } }`, map[string]any{"a": attached}, &out)
	return out.AlertGroups.Nodes
}

// Responders act on groups an attach-only route left to them: they see
// them listed, declare an incident from one (once — a second is a
// CONFLICT), attach another to it, and the groups' later changes follow.
// A group on a private incident is as private as the incident.
func TestRespondersActOnAlertGroups(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	_, token, _ := createAlertSource(t, env, "prod Alertmanager", "ALERTMANAGER")
	env.Query(t, env.AdminKey, `mutation { createAlertRoute(input: {matchers: "severity=\"warning\"", severityLevel: 3, autoDeclare: false}) { route { id } } }`, nil, nil)
	warn := func(name string) map[string]string {
		return map[string]string{"alertname": name, "severity": "warning"}
	}
	ingest(t, env, "/ingest/alertmanager", token, amNotification("latency", warn("SlowCheckout"), map[string]string{"l1": "firing", "l2": "firing"}))
	ingest(t, env, "/ingest/alertmanager", token, amNotification("cache", warn("CacheMisses"), map[string]string{"c1": "firing"}))
	ingest(t, env, "/ingest/alertmanager", token, amNotification("secret", warn("AuthProbe"), map[string]string{"s1": "firing"}))
	if n := len(incidentsTitled(t, env, env.ViewerKey, "")); n != 0 {
		t.Fatalf("attach-only groups declared %d incidents", n)
	}
	unattached := false
	groups := alertGroups(t, env, env.ViewerKey, &unattached)
	byKey := map[string]alertGroupJSON{}
	for _, g := range groups {
		byKey[g.GroupKey] = g
	}
	latency, cache, secret := byKey["latency"], byKey["cache"], byKey["secret"]
	if len(groups) != 3 || latency.FiringCount != 2 || latency.AlertCount != 2 || latency.Status != "FIRING" || latency.Incident != nil ||
		latency.SourceName != "prod Alertmanager" || len(latency.Alerts.Nodes) != 2 {
		t.Fatalf("groups waiting for a responder: %+v", groups)
	}

	const declareFrom = `mutation($g: ID!, $v: Visibility) { declareFromAlertGroup(input: {alertGroupId: $g, severityLevel: 2, visibility: $v}) {
		incident { id title } alertGroup { incident { id } } } }`
	env.MustFail(t, env.ViewerKey, declareFrom, map[string]any{"g": latency.ID}, "FORBIDDEN")
	var declared struct {
		DeclareFromAlertGroup struct {
			Incident   struct{ ID, Title string }
			AlertGroup struct{ Incident struct{ ID string } }
		}
	}
	env.Query(t, env.ResponderKey, declareFrom, map[string]any{"g": latency.ID}, &declared)
	inc := declared.DeclareFromAlertGroup.Incident
	if inc.Title != "SlowCheckout: SlowCheckout on l1" || declared.DeclareFromAlertGroup.AlertGroup.Incident.ID != inc.ID {
		t.Fatalf("declared from the group: %+v", declared)
	}
	env.MustFail(t, env.ResponderKey, declareFrom, map[string]any{"g": latency.ID}, "CONFLICT")

	const attach = `mutation($g: ID!, $i: ID!) { attachAlertGroup(input: {alertGroupId: $g, incidentId: $i}) { alertGroup { incident { id } } } }`
	for range 2 { // the second changes nothing
		env.Query(t, env.ResponderKey, attach, map[string]any{"g": cache.ID, "i": inc.ID}, nil)
	}
	env.MustFail(t, env.ResponderKey, attach, map[string]any{"g": cache.ID, "i": models.GlobalID(models.TypeIncident, 99999)}, "NOT_FOUND")
	ingest(t, env, "/ingest/alertmanager", token, amNotification("latency", warn("SlowCheckout"), map[string]string{"l1": "resolved", "l2": "firing"}))
	got := incidentsTitled(t, env, env.ViewerKey, "SlowCheckout")
	if len(got) != 1 || len(got[0].AlertGroups) != 2 || got[0].said("ALERT_FIRING", "attached an alert group") != 2 ||
		got[0].said("ALERT_RESOLVED", "SlowCheckout resolved") != 1 || got[0].said("ALERT_FIRING", "CacheMisses firing") != 1 {
		t.Fatalf("the incident with two groups: %+v", got)
	}

	// A private incident's group: only those who see the incident see it.
	var private struct {
		DeclareFromAlertGroup struct{ Incident struct{ ID string } }
	}
	env.Query(t, env.AdminKey, declareFrom, map[string]any{"g": secret.ID, "v": "PRIVATE"}, &private)
	for _, g := range alertGroups(t, env, env.ResponderKey, nil) {
		if g.GroupKey == "secret" {
			t.Fatalf("a responder without a role sees the private incident's group: %+v", g)
		}
	}
	env.MustFail(t, env.ResponderKey, attach, map[string]any{"g": secret.ID, "i": inc.ID}, "NOT_FOUND")
	if len(alertGroups(t, env, env.AdminKey, nil)) != 3 {
		t.Fatalf("the admin does not see the three groups")
	}
	// The source's later changes reach the private incident, on which its
	// person has no role.
	if status, a := ingest(t, env, "/ingest/alertmanager", token, amNotification("secret", warn("AuthProbe"), map[string]string{"s1": "resolved"})); status != 200 {
		t.Fatalf("a change of the private incident's group: %d %+v", status, a)
	}
	if hidden := incidentsTitled(t, env, env.AdminKey, "AuthProbe"); len(hidden) != 1 || hidden[0].said("ALERT_RESOLVED", "AuthProbe resolved") != 1 {
		t.Fatalf("the private incident: %+v", hidden)
	}
}

// A notification stored whose incident work failed (here: the incident
// row held by someone else past the request timeout, so the sender got
// 503) and whose retry changes nothing is announced by the workers'
// reconciler — once, however often it runs or the sender repeats.
func TestUnannouncedAlertsAreAnnouncedByTheReconciler(t *testing.T) {
	t.Parallel()
	env := testenv.NewWithOptions(t, testenv.Options{Timeouts: httpapi.Timeouts{Request: time.Second}})
	_, token, _ := createAlertSource(t, env, "prod Alertmanager", "ALERTMANAGER")
	env.Query(t, env.AdminKey, `mutation { createAlertRoute(input: {matchers: "alertname=\"Latency\"", severityLevel: 3}) { route { id } } }`, nil, nil)
	latency := map[string]string{"alertname": "Latency"}
	ingest(t, env, "/ingest/alertmanager", token, amNotification("latency", latency, map[string]string{"l1": "firing"}))

	tx, err := env.DB.BeginTx(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("SELECT id FROM incidents WHERE title LIKE 'Latency%' FOR UPDATE"); err != nil {
		t.Fatal(err)
	}
	both := amNotification("latency", latency, map[string]string{"l1": "firing", "l2": "firing"})
	status, _ := ingest(t, env, "/ingest/alertmanager", token, both)
	tx.Rollback()
	if status != http.StatusServiceUnavailable {
		t.Fatalf("with the incident held, the notification was answered %d, want 503", status)
	}
	if status, a := ingest(t, env, "/ingest/alertmanager", token, both); status != 200 || a.New+a.Fired+a.Resolved != 0 {
		t.Fatalf("Alertmanager's retry: %d %+v", status, a)
	}
	announced := func() int {
		return incidentsTitled(t, env, env.ViewerKey, "Latency")[0].said("ALERT_FIRING", "Latency firing: Latency on l2")
	}
	if n := announced(); n != 0 {
		t.Fatalf("before the reconciler: l2 announced %d times", n)
	}
	worker := env.StartWorker(t)
	for range 2 {
		if err := worker.ReconcileNow(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	ingest(t, env, "/ingest/alertmanager", token, both) // a repeat
	if n := announced(); n != 1 {
		t.Fatalf("l2 was announced %d times, want once", n)
	}
}
