package smoke_test

import (
	"strings"
	"testing"
	"time"

	"firebreak/internal/testenv"
	"firebreak/internal/testenv/standin"
)

// A real Prometheus Alertmanager whose receiver posts every notification to
// two API replicas at once: alerts posted to its API become one incident
// with the route's product and severity; two more in the same group
// attach; one of three resolving is an event and the incident stays open;
// its repeat notifications add nothing; all resolving tells the commander
// once, and the incident still stays open.
func TestWithARealAlertmanager(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	replica := env.Replica(t)
	_, token, _ := createAlertSource(t, env, "prod Alertmanager", "ALERTMANAGER")
	checkout := env.CreateProduct(t, "Checkout")
	env.Query(t, env.AdminKey, `mutation($p: ID!) { createAlertRoute(input: {matchers: "alertname=\"CheckoutErrors\"", productIds: [$p], severityLevel: 2,
		titleTemplate: "{{ .Labels.alertname }} on {{ .Labels.service }}"}) { route { id } } }`, map[string]any{"p": checkout}, nil)
	am := standin.StartAlertmanager(t, standin.AlertmanagerTiming{GroupWait: 100 * time.Millisecond, GroupInterval: 500 * time.Millisecond, RepeatInterval: time.Second},
		standin.Webhook{URL: env.Server.URL + "/ingest/alertmanager", Token: token},
		standin.Webhook{URL: replica.URL + "/ingest/alertmanager", Token: token})

	alert := func(instance string, resolved bool) standin.PostedAlert {
		a := standin.PostedAlert{Labels: map[string]string{"alertname": "CheckoutErrors", "service": "checkout", "instance": instance},
			Annotations: map[string]string{"summary": "5xx above 5% on " + instance}}
		if resolved {
			a.EndsAt = time.Now().Add(-time.Second)
		}
		return a
	}
	type amIncident struct {
		ID, Title, Status string
		Severity          struct{ Level int }
		Products          []struct{ Name string }
		Alerts            struct {
			Nodes []struct{ Status string }
		}
		Timeline struct {
			Nodes []struct{ Kind, Message string }
		}
	}
	incidents := func() []amIncident {
		var out struct {
			Incidents struct{ Nodes []amIncident }
		}
		env.Query(t, env.ViewerKey, `{ incidents(first: 5) { nodes { id title status severity { level } products { name }
			alerts { nodes { status } } timeline(first: 100) { nodes { kind message } } } } }`, nil, &out)
		return out.Incidents.Nodes
	}
	events := func(inc amIncident, kind string) int {
		n := 0
		for _, e := range inc.Timeline.Nodes {
			if e.Kind == kind {
				n++
			}
		}
		return n
	}
	// payloads is how many notifications reached either replica: a
	// barrier for "Alertmanager has sent again".
	payloads := func() int { return countRows(t, env, "alert_payloads") }
	until := func(what string, ok func([]amIncident) bool) []amIncident {
		t.Helper()
		var got []amIncident
		waitFor(t, what, func() bool { got = incidents(); return ok(got) })
		return got
	}

	am.Post(t, alert("a1", false))
	got := until("the alert is an incident", func(got []amIncident) bool { return len(got) > 0 })
	waitFor(t, "both replicas have the notification", func() bool { return payloads() >= 2 })
	got = incidents()
	if len(got) != 1 || got[0].Title != "CheckoutErrors on checkout" || got[0].Severity.Level != 2 || len(got[0].Products) != 1 || got[0].Products[0].Name != "Checkout" {
		t.Fatalf("one group, two replicas: %+v", got)
	}

	am.Post(t, alert("a1", false), alert("a2", false), alert("a3", false))
	got = until("three alerts attached", func(got []amIncident) bool { return len(got[0].Alerts.Nodes) == 3 })
	if len(got) != 1 {
		t.Fatalf("more alerts of the group declared another incident: %d incidents", len(got))
	}

	am.Post(t, alert("a1", true), alert("a2", false), alert("a3", false))
	got = until("a1's resolution on the timeline", func(got []amIncident) bool { return events(got[0], "ALERT_RESOLVED") == 1 })
	if got[0].Status != "INVESTIGATING" {
		t.Fatalf("one of three resolved, the incident is %s", got[0].Status)
	}

	// Alertmanager repeats the group's notification every repeat_interval
	// (to each replica): nothing new.
	seen := payloads()
	waitFor(t, "Alertmanager's repeat notifications", func() bool { return payloads() >= seen+4 })
	got = incidents()
	if len(got) != 1 || events(got[0], "ALERT_FIRING") != 3 || events(got[0], "ALERT_RESOLVED") != 1 {
		t.Fatalf("after repeats: %d incidents, %d firing and %d resolved events", len(got), events(got[0], "ALERT_FIRING"), events(got[0], "ALERT_RESOLVED"))
	}

	var me struct{ Me struct{ ID string } }
	env.Query(t, env.ResponderKey, `{ me { id } }`, nil, &me)
	env.Query(t, env.ResponderKey, `mutation($i: ID!, $u: ID!) { assignIncidentRole(input: {incidentId: $i, role: COMMANDER, userId: $u}) { incident { id } } }`,
		map[string]any{"i": got[0].ID, "u": me.Me.ID}, nil)
	am.Post(t, alert("a1", true), alert("a2", true), alert("a3", true))
	got = until("all resolved on the timeline", func(got []amIncident) bool {
		for _, e := range got[0].Timeline.Nodes {
			if strings.Contains(e.Message, "All 3 alerts of the group have resolved") {
				return true
			}
		}
		return false
	})
	waitFor(t, "the resolution reaches both replicas", func() bool {
		var n int
		err := env.DB.NewRaw("SELECT count(*) FROM alert_payloads WHERE body->>'status' = 'resolved'").Scan(t.Context(), &n)
		return err == nil && n >= 2
	})
	told := 0
	notes, _ := notifications(t, env, env.ResponderKey, true)
	for _, n := range notes {
		if n.Kind == "ALERTS_RESOLVED" && n.Incident != nil && n.Incident.ID == got[0].ID {
			told++
		}
	}
	if got = incidents(); told != 1 || got[0].Status != "INVESTIGATING" || len(got) != 1 {
		t.Fatalf("all resolved: the commander told %d times, the incident %s, %d incidents", told, got[0].Status, len(got))
	}
}
