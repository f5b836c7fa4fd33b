package smoke_test

import (
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"firebreak/internal/testenv"
)

func TestMetricsExposeTheNamedSeries(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	env.StartWorker(t)
	hook := newReceiver(t)
	createEndpoint(t, env, map[string]any{"name": "Metrics", "kind": "WEBHOOK", "url": hook.URL, "eventKinds": []string{"DECLARED"}})
	var out struct {
		DeclareIncident struct{ Incident struct{ ID string } }
	}
	env.Query(t, env.ResponderKey, `mutation Declare { declareIncident(input: {title: "Measured", severityLevel: 1}) { incident { id } } }`, nil, &out)
	env.MustFail(t, env.ResponderKey, `query Missing { incident(number: 999) { id } }`, nil, "NOT_FOUND")
	c := testenv.DialWS(t, env.Server.URL, env.ViewerKey)
	c.Subscribe("1", eventsSubscription, map[string]any{"id": out.DeclareIncident.Incident.ID})
	env.Clock.Advance(31 * time.Minute)
	waitForReminders(t, env, out.DeclareIncident.Incident.ID, 1)
	waitFor(t, "the webhook delivery", func() bool { return len(hook.received()) == 1 })

	var body string
	waitFor(t, "every series", func() bool {
		body = env.Scrape(t)
		for _, want := range []string{
			`firebreak_http_requests_total{code="200",route="/graphql"}`,
			`firebreak_http_request_duration_seconds_bucket{route="/graphql",le="+Inf"}`,
			`firebreak_graphql_operations_total{operation="Declare",outcome="ok"} 1`,
			`firebreak_graphql_operations_total{operation="Missing",outcome="error"} 1`,
			`firebreak_graphql_operation_duration_seconds_count{operation="Declare"} 1`,
			`firebreak_websocket_subscriptions_active 1`,
			`firebreak_outbox_lag_seconds `,
			`firebreak_reminders_sent_total 1`,
			`firebreak_delivery_attempts_total{kind="WEBHOOK",result="success"} 1`,
			`firebreak_tasks_total{outcome="ok",type="incident:update_reminder"}`,
			`asynq_queue_size{`,
			`asynq_tasks{queue="default",state="pending"}`,
			`go_sql_open_connections{db_name="firebreak"}`,
		} {
			if !strings.Contains(body, want) {
				return false
			}
		}
		return true
	})
	// Routes are the mux's patterns, never raw paths (whose values are
	// unbounded): scrapes and unknown paths each count under one label.
	http.Get(env.Server.URL + "/no/such/page/42")
	body = env.Scrape(t)
	for _, want := range []string{`firebreak_http_requests_total{code="200",route="GET /metrics"}`, `firebreak_http_requests_total{code="404",route="unmatched"}`} {
		if !strings.Contains(body, want) {
			t.Errorf("missing %s", want)
		}
	}
	if strings.Contains(body, "/no/such/page") {
		t.Error("a raw path became a label value")
	}
	checkWithPromtool(t, body)
}

// checkWithPromtool runs `promtool check metrics` (Prometheus' own lint of
// an exposition: names, types, units, help) on a scrape. make check and
// make test provide promtool (FIREBREAK_NEED_PROMTOOL).
func checkWithPromtool(t *testing.T, exposition string) {
	t.Helper()
	path, err := exec.LookPath("promtool")
	if err != nil {
		if os.Getenv("FIREBREAK_NEED_PROMTOOL") != "" {
			t.Fatal("promtool is not installed: run the tests with `make test`")
		}
		t.Log("promtool is not installed; the metrics lint is left to make check")
		return
	}
	cmd := exec.Command(path, "check", "metrics")
	cmd.Stdin = strings.NewReader(exposition)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("promtool check metrics: %v\n%s", err, out)
	}
}
