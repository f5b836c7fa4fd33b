package alerting_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"firebreak/internal/testenv"
)

// refuseLinks makes PostgreSQL fail every statement that attaches an alert
// group to an incident — the last step of declaring from a group — until
// the returned function lifts it.
func refuseLinks(t *testing.T, env *testenv.Env) (lift func()) {
	t.Helper()
	for _, stmt := range []string{
		`CREATE OR REPLACE FUNCTION refuse_group_links() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			IF NEW.incident_id IS NOT NULL AND OLD.incident_id IS DISTINCT FROM NEW.incident_id THEN
				RAISE EXCEPTION 'linking alert groups is refused by the test';
			END IF;
			RETURN NEW;
		END $$`,
		`CREATE TRIGGER refuse_group_links BEFORE UPDATE ON alert_groups FOR EACH ROW EXECUTE FUNCTION refuse_group_links()`,
	} {
		if _, err := env.DB.ExecContext(t.Context(), stmt); err != nil {
			t.Fatal(err)
		}
	}
	return func() {
		if _, err := env.DB.ExecContext(t.Context(), "DROP TRIGGER refuse_group_links ON alert_groups"); err != nil {
			t.Fatal(err)
		}
	}
}

func firingNotification(groupKey, alertname string) []byte {
	body, _ := json.Marshal(map[string]any{"version": "4", "groupKey": groupKey, "status": "firing", "receiver": "firebreak",
		"groupLabels": map[string]string{"alertname": alertname}, "commonLabels": map[string]string{"alertname": alertname},
		"commonAnnotations": map[string]string{}, "externalURL": "http://alertmanager.local",
		"alerts": []map[string]any{{"status": "firing", "fingerprint": groupKey + "-1",
			"labels":      map[string]string{"alertname": alertname, "service": "checkout"},
			"annotations": map[string]string{"summary": alertname + " on checkout"}, "startsAt": "2026-11-30T10:00:00Z",
			"endsAt": "0001-01-01T00:00:00Z"}}})
	return body
}

// postNotification sends a notification as Alertmanager does; a client
// timeout turns work that waits forever into a failure.
func postNotification(t *testing.T, env *testenv.Env, token string, body []byte) int {
	t.Helper()
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, env.Server.URL+"/ingest/alertmanager", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	res, err := (&http.Client{Timeout: 30 * time.Second}).Do(req)
	if err != nil {
		t.Fatalf("the notification was not answered: %v", err)
	}
	res.Body.Close()
	return res.StatusCode
}

type groupState struct {
	ID       string
	GroupKey string
	Incident *struct {
		ID       string
		Number   int
		Timeline struct {
			Nodes []struct{ Kind string }
		}
	}
}

func groupsAndIncidents(t *testing.T, env *testenv.Env) (map[string]groupState, int) {
	t.Helper()
	var out struct {
		AlertGroups struct{ Nodes []groupState }
		Incidents   struct{ TotalCount int }
	}
	env.Query(t, env.AdminKey, `{ alertGroups(first: 10) { nodes { id groupKey incident { id number timeline(first: 20) { nodes { kind } } } } }
		incidents(first: 1) { totalCount } }`, nil, &out)
	groups := map[string]groupState{}
	for _, g := range out.AlertGroups.Nodes {
		groups[g.GroupKey] = g
	}
	return groups, out.Incidents.TotalCount
}

// An alert's incident work is one transaction on one connection: declaring
// from a group, linking the group and writing the timeline all happen or
// none does — an incident without its group (the old outcome when the link
// failed after the declaration committed on a connection of its own) never
// exists. The API runs on a pool of one connection, so work that held one
// connection while waiting for another would never be answered.
func TestAlertWorkIsOneTransaction(t *testing.T) {
	t.Parallel()
	env := testenv.NewWithOptions(t, testenv.Options{DBPool: 1})
	var src struct {
		CreateAlertSource struct{ Token string }
	}
	env.Query(t, env.AdminKey, `mutation { createAlertSource(input: {name: "prod", kind: ALERTMANAGER}) { token } }`, nil, &src)
	token := src.CreateAlertSource.Token
	env.Query(t, env.AdminKey, `mutation { createAlertRoute(input: {matchers: "alertname=\"Declares\"", severityLevel: 2}) { route { id } } }`, nil, nil)
	env.Query(t, env.AdminKey, `mutation { createAlertRoute(input: {matchers: "alertname=\"Waits\"", severityLevel: 3, autoDeclare: false}) { route { id } } }`, nil, nil)

	// A route declares; the link fails after the declaration.
	lift := refuseLinks(t, env)
	if status := postNotification(t, env, token, firingNotification("declares", "Declares")); status != http.StatusServiceUnavailable {
		t.Fatalf("a notification whose incident work failed: %d, want 503 (send it again)", status)
	}
	groups, incidents := groupsAndIncidents(t, env)
	if incidents != 0 || groups["declares"].Incident != nil {
		t.Fatalf("after the link failed: %d incidents, group's incident %+v — the declaration outlived its transaction", incidents, groups["declares"].Incident)
	}

	// A person declares from a waiting group; the link fails again.
	if status := postNotification(t, env, token, firingNotification("waits", "Waits")); status != http.StatusOK {
		t.Fatalf("an attach-only notification: %d", status)
	}
	groups, _ = groupsAndIncidents(t, env)
	waiting := groups["waits"]
	if waiting.ID == "" || waiting.Incident != nil {
		t.Fatalf("the attach-only group: %+v", waiting)
	}
	declare := `mutation($g: ID!) { declareFromAlertGroup(input: {alertGroupId: $g, severityLevel: 2}) { incident { number } } }`
	if e := env.MustFail(t, env.ResponderKey, declare, map[string]any{"g": waiting.ID}, "INTERNAL"); e.Message == "" {
		t.Fatal("declareFromAlertGroup failed without a message")
	}
	if _, incidents = groupsAndIncidents(t, env); incidents != 0 {
		t.Fatalf("declareFromAlertGroup failed at the link and left %d incidents", incidents)
	}

	// Once links work, the sender's retry and the person's retry each make
	// one incident with its group and its timeline.
	lift()
	if status := postNotification(t, env, token, firingNotification("declares", "Declares")); status != http.StatusOK {
		t.Fatalf("the sender's retry: %d", status)
	}
	env.Query(t, env.ResponderKey, declare, map[string]any{"g": waiting.ID}, nil)
	groups, incidents = groupsAndIncidents(t, env)
	if incidents != 2 {
		t.Fatalf("after both retries: %d incidents, want 2", incidents)
	}
	// The route's incident hears of the alert; the person's also that they
	// attached the group.
	for key, want := range map[string]int{"declares": 1, "waits": 2} {
		inc := groups[key].Incident
		if inc == nil {
			t.Fatalf("group %q has no incident after its retry", key)
		}
		firing := 0
		for _, e := range inc.Timeline.Nodes {
			if e.Kind == "ALERT_FIRING" {
				firing++
			}
		}
		if firing != want {
			t.Fatalf("INC-%d of group %q has %d ALERT_FIRING events, want %d: %+v", inc.Number, key, firing, want, inc.Timeline.Nodes)
		}
	}

	// Attaching is one transaction too: a failed link writes nothing on the
	// incident's timeline.
	if status := postNotification(t, env, token, firingNotification("later", "Waits")); status != http.StatusOK {
		t.Fatalf("a second attach-only notification: %d", status)
	}
	groups, _ = groupsAndIncidents(t, env)
	target := groups["declares"].Incident
	before := len(target.Timeline.Nodes)
	lift = refuseLinks(t, env)
	attach := `mutation($g: ID!, $i: ID!) { attachAlertGroup(input: {alertGroupId: $g, incidentId: $i}) { alertGroup { id } } }`
	env.MustFail(t, env.ResponderKey, attach, map[string]any{"g": groups["later"].ID, "i": target.ID}, "INTERNAL")
	groups, _ = groupsAndIncidents(t, env)
	if n := len(groups["declares"].Incident.Timeline.Nodes); n != before || groups["later"].Incident != nil {
		t.Fatalf("a failed attach: the timeline went from %d to %d events, the group's incident %+v", before, n, groups["later"].Incident)
	}
	lift()
}
