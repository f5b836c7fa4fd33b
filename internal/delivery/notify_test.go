package delivery

import (
	"context"
	"encoding/json"
	"flag"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"firebreak/internal/apperr"
	"firebreak/internal/golden"
	"firebreak/internal/links"
	"firebreak/models"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// sample is the incident from the design's bot message.
func sample() Occurrence {
	at := time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC)
	status := models.StatusMonitoring
	actor := &models.User{ID: 7, Name: "Dana Responder"}
	return Occurrence{
		Event: &models.TimelineEvent{ID: 1234, IncidentID: 42, Sequence: 5, Kind: models.EventUpdatePosted, OccurredAt: at,
			Message: "Dana Responder posted an update", Data: json.RawMessage(`{"body":"Error rates have declined","status":"MONITORING"}`)},
		Incident: &models.Incident{ID: 42, Number: 42, Handle: "serious-badger", Title: "Science assessments Audio option is not appearing",
			Summary: "Students cannot hear prompts.", Status: status, Visibility: models.VisibilityPublic, DeclaredAt: at.Add(-time.Hour)},
		Severity: &models.Severity{ID: 3, Level: 3, Name: "SEV-3"},
		Products: []*models.Product{{ID: 1, Name: "Amplify Science", Slug: "amplify-science"}},
		LatestUpdate: &models.IncidentUpdate{Body: "Error rates have declined after removing possibly faulty server instances. " +
			"We do not know the root cause, but users should now be able to access audio.", CreatedAt: at, Status: &status},
		Actor: actor,
	}
}

func matchesGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.JSON(t, "testdata/"+name, got, *update)
}

func TestSlackMessageMatchesGolden(t *testing.T) {
	t.Parallel()
	body, err := Render(models.EndpointSlack, sample(), links.Links{BaseURL: "https://firebreak.example.com/"})
	if err != nil {
		t.Fatal(err)
	}
	matchesGolden(t, "slack_update_posted.golden.json", body)
}

func TestWebhookBodyMatchesGolden(t *testing.T) {
	t.Parallel()
	body, err := Render(models.EndpointWebhook, sample(), links.Links{BaseURL: "https://firebreak.example.com"})
	if err != nil {
		t.Fatal(err)
	}
	matchesGolden(t, "webhook_update_posted.golden.json", body)
}

func TestSignatureRoundTrip(t *testing.T) {
	t.Parallel()
	body := []byte(`{"id":"evt_1"}`)
	now := time.Unix(1_790_000_000, 0)
	header := Sign("whsec_0123456789abcdef", now, body)
	if !strings.HasPrefix(header, "t=1790000000,v1=") || len(header) != len("t=1790000000,v1=")+64 {
		t.Fatalf("header %q", header)
	}
	if err := Verify("whsec_0123456789abcdef", header, body, now.Add(time.Minute), 5*time.Minute); err != nil {
		t.Errorf("valid signature refused: %v", err)
	}
	for name, check := range map[string]error{
		"tampered body": Verify("whsec_0123456789abcdef", header, []byte(`{"id":"evt_2"}`), now, 5*time.Minute),
		"wrong secret":  Verify("whsec_fedcba9876543210", header, body, now, 5*time.Minute),
		"replayed late": Verify("whsec_0123456789abcdef", header, body, now.Add(time.Hour), 5*time.Minute),
		"malformed":     Verify("whsec_0123456789abcdef", "v1=abc", body, now, 5*time.Minute),
	} {
		if check == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestEndpointURLsMustBePublic(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, u := range []string{
		"http://127.0.0.1:8080/hook", "http://localhost/hook", "http://10.1.2.3/hook", "http://192.168.0.10/hook",
		"http://169.254.169.254/latest/meta-data", "http://[::1]/hook", "http://0.0.0.0/hook", "http://100.64.0.1/hook",
		"ftp://93.184.216.34/hook", "not a url", "http://user:pass@93.184.216.34/hook",
		// Special-purpose ranges the first list missed (issue 11).
		"http://[64:ff9b::a00:1]/hook", "http://[2002:7f00:1::1]/hook", "http://[::7f00:1]/hook",
		"http://[fec0::1]/hook", "http://[::ffff:127.0.0.1]/hook", "http://0.1.2.3/hook", "http://198.18.0.1/hook",
		"http://240.0.0.1/hook", "http://255.255.255.255/hook", "http://192.0.0.8/hook", "http://[fd00::1]/hook",
	} {
		err := CheckURL(ctx, u, false)
		if apperr.CodeOf(err) != apperr.BadUserInput {
			t.Errorf("%s: %v, want BAD_USER_INPUT", u, err)
		}
	}
	if err := CheckURL(ctx, "https://93.184.216.34/hook", false); err != nil {
		t.Errorf("a public address was refused: %v", err)
	}
	if err := CheckURL(ctx, "http://127.0.0.1:8080/hook", true); err != nil {
		t.Errorf("allowed private addresses were refused: %v", err)
	}
}

func TestSenderRefusesPrivateAddressesAtConnectTime(t *testing.T) {
	t.Parallel()
	hits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits++ }))
	defer srv.Close()
	ep := &models.NotificationEndpoint{Kind: models.EndpointWebhook, URL: srv.URL, Secret: "whsec_0123456789abcdef"}
	d := &models.Delivery{ID: 1, Body: []byte(`{}`)}

	a := NewSender(false).Send(context.Background(), ep, d, time.Now())
	if a.Succeeded() || a.Error == nil || !strings.Contains(*a.Error, "private or loopback") || hits != 0 {
		t.Errorf("a loopback receiver was reached: %+v (hits %d)", a, hits)
	}
	a = NewSender(true).Send(context.Background(), ep, d, time.Now())
	if !a.Succeeded() || hits != 1 {
		t.Errorf("with private addresses allowed: %+v (hits %d)", a, hits)
	}
}
