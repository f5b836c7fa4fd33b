package smoke_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/PagerDuty/go-pagerduty"

	"firebreak/internal/testenv"
	"firebreak/internal/testenv/standin"
)

// Senders configured the PagerDuty way work unchanged against the events
// endpoint: go-pagerduty with only its endpoint option set (it posts to
// <endpoint>/v2/enqueue with the integration key as routing_key, and
// decodes the answers and errors as PagerDuty's), and a real Alertmanager
// with a pagerduty_configs receiver and no Authorization header, whose
// Prometheus labels (kept only in custom_details) route the incident.
func TestPagerDutySendersAsTheySend(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	_, token, _ := createAlertSource(t, env, "PagerDuty senders", "GENERIC")
	env.Query(t, env.AdminKey, `mutation { createAlertRoute(input: {matchers: "service=\"checkout\"", severityLevel: 1}) { route { id } } }`, nil, nil)
	env.Query(t, env.AdminKey, `mutation { createAlertRoute(input: {matchers: "team=\"payments\"", severityLevel: 2}) { route { id } } }`, nil, nil)

	client := pagerduty.NewClient("", pagerduty.WithV2EventsAPIEndpoint(env.Server.URL+"/ingest/events"))
	ctx := t.Context()
	res, err := client.ManageEventWithContext(ctx, &pagerduty.V2Event{RoutingKey: token, Action: "trigger",
		Payload: &pagerduty.V2Payload{Summary: "Card payments failing", Source: "payments-api", Severity: "error", Details: map[string]any{"team": "payments"}}})
	if err != nil || res.Status != "success" || res.DedupKey == "" {
		t.Fatalf("go-pagerduty's trigger: %+v %v", res, err)
	}
	var apiErr pagerduty.APIError
	_, err = client.ManageEventWithContext(ctx, &pagerduty.V2Event{RoutingKey: token, Action: "trigger", Payload: &pagerduty.V2Payload{Summary: "x", Source: "y", Severity: "dire"}})
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 400 || strings.Contains(err.Error(), "decode failed") {
		t.Fatalf("an invalid event through go-pagerduty: %v", err)
	}
	_, err = client.ManageEventWithContext(ctx, &pagerduty.V2Event{RoutingKey: "fba_unknown", Action: "trigger", Payload: &pagerduty.V2Payload{Summary: "x", Source: "y", Severity: "info"}})
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 401 || strings.Contains(err.Error(), "decode failed") {
		t.Fatalf("an unknown routing key through go-pagerduty: %v", err)
	}
	if res, err := client.ManageEventWithContext(ctx, &pagerduty.V2Event{RoutingKey: token, Action: "resolve", DedupKey: res.DedupKey}); err != nil || res.Status != "success" {
		t.Fatalf("go-pagerduty's resolve: %+v %v", res, err)
	}

	am := standin.StartAlertmanager(t, standin.AlertmanagerTiming{GroupWait: 100 * time.Millisecond, GroupInterval: 500 * time.Millisecond, RepeatInterval: time.Hour},
		standin.Webhook{URL: env.Server.URL + "/ingest/events/v2/enqueue", Token: token, PagerDuty: true})
	am.Post(t, standin.PostedAlert{Labels: map[string]string{"alertname": "CheckoutDown", "service": "checkout", "instance": "web-1"},
		Annotations: map[string]string{"summary": "Checkout answers 5xx"}})

	type pdIncident struct {
		Title    string
		Severity struct{ Level int }
		Alerts   struct {
			Nodes []struct{ Status string }
		}
	}
	bySeverity := func() map[int]pdIncident {
		var out struct {
			Incidents struct{ Nodes []pdIncident }
		}
		env.Query(t, env.ViewerKey, `{ incidents(first: 10) { nodes { title severity { level } alerts { nodes { status } } } } }`, nil, &out)
		got := map[int]pdIncident{}
		for _, n := range out.Incidents.Nodes {
			got[n.Severity.Level] = n
		}
		return got
	}
	var got map[int]pdIncident
	waitFor(t, "Alertmanager's PagerDuty notification opens a SEV-1", func() bool { got = bySeverity(); return got[1].Title != "" })
	if !strings.Contains(got[1].Title, "CheckoutDown") {
		t.Errorf("the incident from Alertmanager's PagerDuty receiver: %+v", got[1])
	}
	if p := got[2]; !strings.HasPrefix(p.Title, "Card payments failing") || len(p.Alerts.Nodes) != 1 || p.Alerts.Nodes[0].Status != "RESOLVED" {
		t.Errorf("the incident from go-pagerduty: %+v", p)
	}
}
