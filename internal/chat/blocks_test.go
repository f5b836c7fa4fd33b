package chat

import (
	"bytes"
	"encoding/json"
	"flag"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"firebreak/internal/golden"
	"firebreak/internal/links"
	"firebreak/models"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var linksTo = links.Links{BaseURL: "https://firebreak.example.com"}

// sample is the incident of the design's bot message.
func sample() Headline {
	at := time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC)
	return Headline{
		Incident: &models.Incident{ID: 42, Number: 42, Handle: "serious-badger", Title: "Science assessments Audio option is not appearing",
			Status: models.StatusMonitoring, Visibility: models.VisibilityPublic, DeclaredAt: at.Add(-time.Hour), LastEventSequence: 5},
		Severity: &models.Severity{ID: 3, Level: 3, Name: "SEV-3", Description: "Degraded functionality: users cannot complete typical tasks"},
		Products: []*models.Product{{ID: 1, Name: "Amplify Science"}},
		Latest: &models.IncidentUpdate{Body: "Error rates have declined after removing possibly faulty server instances. " +
			"We do not know the root cause, but users should now be able to access audio.", CreatedAt: at},
		Commander: &models.User{ID: 7, Name: "Dana Responder"},
		ChannelID: "C0SERIOUS",
	}
}

func message(t *testing.T, text string, blocks []slack.Block) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // Slack's <url|text> stays readable
	if err := enc.Encode(map[string]any{"text": text, "blocks": blocks}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestHeadlineMatchesGolden(t *testing.T) {
	h := sample()
	golden.JSON(t, "testdata/headline.golden.json", message(t, HeadlineText(h), HeadlineBlocks(h, linksTo)), *update)
}

// A resolved incident's headline has no buttons; a private one says so.
func TestResolvedPrivateHeadlineMatchesGolden(t *testing.T) {
	h := sample()
	h.Incident.Status, h.Incident.Visibility, h.Latest, h.Products, h.Commander = models.StatusResolved, models.VisibilityPrivate, nil, nil, nil
	golden.JSON(t, "testdata/headline_resolved_private.golden.json", message(t, HeadlineText(h), HeadlineBlocks(h, linksTo)), *update)
}

func TestReminderMatchesGolden(t *testing.T) {
	blocks := ReminderBlocks(sample().Incident, []string{"U0DANA"}, []string{"Sam <Comms>"})
	golden.JSON(t, "testdata/reminder.golden.json", message(t, "INC-42 is due a status update", blocks), *update)
}

func TestSeveritiesModalMatchesGolden(t *testing.T) {
	b, err := json.Marshal(SeveritiesModal([]*models.Severity{{Level: 1, Name: "SEV-1", Description: "Total loss of availability (outage) for all customers, or a PII data breach.", UpdateIntervalMinutes: 30, RetrospectiveRequired: true}}))
	if err != nil {
		t.Fatal(err)
	}
	golden.JSON(t, "testdata/severities_modal.golden.json", b, *update)
}

func TestDeclareModalMatchesGolden(t *testing.T) {
	severities := []*models.Severity{
		{Level: 1, Name: "SEV-1", Description: "Total loss of availability (outage) for all customers, or a PII data breach."},
		{Level: 2, Name: "SEV-2", Description: "Disruption of normal usage with no workaround; or loss of availability to a significant fraction of the user base."},
		{Level: 3, Name: "SEV-3", Description: "Work can be completed and users have their data, but degraded functionality prevents users from completing typical tasks."},
	}
	products := []*models.Product{{ID: 1, Name: "Amplify Science"}, {ID: 2, Name: "Checkout"}}
	b, err := json.Marshal(DeclareModal(severities, products, "C0GENERAL"))
	if err != nil {
		t.Fatal(err)
	}
	golden.JSON(t, "testdata/declare_modal.golden.json", b, *update)
}

// A published incident's headline links to its public page.
func TestPublishedHeadlineLinksToTheStatusPage(t *testing.T) {
	h := sample()
	at := time.Now()
	public := "Audio missing in Science"
	h.Incident.PublishedAt, h.Incident.PublicTitle = &at, &public
	b := string(message(t, HeadlineText(h), HeadlineBlocks(h, linksTo)))
	if !strings.Contains(b, "https://firebreak.example.com/status/incidents/serious-badger|Audio missing in Science") {
		t.Fatalf("published headline: %s", b)
	}
}

// Text from people stays text: Slack markup in a title or update cannot
// mention @channel or forge links.
func TestHeadlineEscapesPeoplesText(t *testing.T) {
	h := sample()
	h.Incident.Title = "<!channel> pay <https://evil.example|here> & go"
	b := message(t, HeadlineText(h), HeadlineBlocks(h, linksTo))
	var decoded struct{ Blocks []map[string]any }
	if err := json.Unmarshal(b, &decoded); err != nil {
		t.Fatal(err)
	}
	issue := decoded.Blocks[1]["text"].(map[string]any)["text"].(string)
	if issue != "*Issue:* &lt;!channel&gt; pay &lt;https://evil.example|here&gt; &amp; go" {
		t.Fatalf("issue line %q", issue)
	}
}
