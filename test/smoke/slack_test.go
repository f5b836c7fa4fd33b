package smoke_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"firebreak/internal/delivery"
	"firebreak/internal/testenv"
)

func TestSlackEndpointGetsTheBotMessage(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	env.StartWorker(t)
	slack := newReceiver(t)
	ep := createEndpoint(t, env, map[string]any{"name": "#incidents", "kind": "SLACK", "url": slack.URL,
		"eventKinds": []string{"STATUS_CHANGED"}})
	if ep.Secret != nil {
		t.Errorf("a Slack endpoint has no signing secret: %q", *ep.Secret)
	}
	inc := env.Declare(t, map[string]any{"title": "Audio option missing", "severityLevel": 3})
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { postIncidentUpdate(input: {incidentId: $id, status: MONITORING,
		body: "Error rates have declined after removing faulty instances."}) { update { id } } }`, map[string]any{"id": inc.ID}, nil)

	d := waitForDeliveries(t, env, ep.ID, "DELIVERED", 1)[0]
	reqs := slack.received()
	if len(reqs) != 1 || string(reqs[0].Body) != d.Body || reqs[0].Header.Get(delivery.SignatureHeader) != "" {
		t.Fatalf("slack got %d requests", len(reqs))
	}
	var msg struct {
		Text   string
		Blocks []struct {
			Type   string
			Text   *struct{ Text string }
			Fields []struct{ Text string }
		}
	}
	if err := json.Unmarshal(reqs[0].Body, &msg); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, b := range msg.Blocks {
		if b.Text != nil {
			lines = append(lines, b.Text.Text)
		}
		for _, f := range b.Fields {
			lines = append(lines, f.Text)
		}
	}
	want := []string{
		"*Issue:* Audio option missing",
		"*Latest Update:* Error rates have declined after removing faulty instances.",
		"*Status:* Monitoring",
		"*Severity:* SEV-3 (<https://firebreak.test/severities#sev-3|what's this?>)",
		"*Affected products:* None listed",
		"*Response channel:* " + inc.ResponseChannel,
		fmt.Sprintf("*Fact sheet:* <https://firebreak.test/incidents/%d|previous updates, etc.>", inc.Number),
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("slack lines:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

func TestSeverityDefinitionsBehindWhatsThis(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	get := func(key string) (int, string) {
		status, _, body := env.Get(t, key, "/severities.md")
		return status, body
	}
	code, md := get(env.ViewerKey)
	if code != http.StatusOK || !strings.Contains(md, "\n## SEV-1\n") || !strings.Contains(md, "Status updates every 30 minutes") ||
		!strings.Contains(md, "## SEV-3\n") || !strings.Contains(md, "Retrospective optional") {
		t.Errorf("HTTP %d:\n%s", code, md)
	}
	if code, _ := get(""); code != http.StatusUnauthorized {
		t.Errorf("without a key: HTTP %d", code)
	}
}
