package smoke_test

import (
	"strings"
	"testing"
	"time"

	"firebreak/internal/httpapi"
	"firebreak/internal/testenv"
)

// The edges hold trickled bodies no longer than /graphql does: an alert
// post without a source token, and a Slack request without Slack's
// signature headers, are refused from the headers and the connection
// closed; with a token, the body has the edge's own deadline, far below
// the server's read timeout.
func TestSlowBodiesAreNotHeldAtTheEdges(t *testing.T) {
	t.Parallel()
	env, _ := newSlackEnvWithOptions(t, testenv.Options{Timeouts: httpapi.Timeouts{Read: 30 * time.Second, EdgeBody: time.Second}})
	_, token, _ := createAlertSource(t, env, "prod Alertmanager", "ALERTMANAGER")
	const bound = 10 * time.Second
	for _, c := range []struct{ what, path, headers, want string }{
		{"an alert post without a token", "/ingest/alertmanager", "", "401"},
		{"an event without a routing key", "/ingest/events", "", ""},
		{"an alert post with a token", "/ingest/alertmanager", "Authorization: Bearer " + token + "\r\n", ""},
		{"a Slack command without Slack's headers", "/slack/commands", "", "401"},
	} {
		status, after := testenv.DribbleBody(t, env.Server.URL, c.path, c.headers, bound)
		if after >= 5*time.Second || !strings.Contains(status, c.want) {
			t.Errorf("%s: %q, connection held %s (edge body deadline 1 s, read timeout 30 s)", c.what, status, after)
		}
	}
}
