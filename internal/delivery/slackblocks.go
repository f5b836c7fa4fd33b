package delivery

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"firebreak/internal/links"
	"firebreak/models"
)

// SlackIncident is an incident as Slack messages show it: the incident
// bot's message in the design — Issue, Latest Update, Status, Severity
// (what's this?), Affected products, Response channel, Fact sheet. The
// bot's headline (internal/chat) and the incoming-webhook message are
// both laid out by SlackIncidentBlocks, with slack-go's block types, so
// the two cannot drift apart.
type SlackIncident struct {
	Incident *models.Incident
	Severity *models.Severity
	Products []*models.Product
	Latest   *models.IncidentUpdate
	// Channel is the response channel as shown ("": #<handle>-incident).
	Channel string
	// More are fields after the response channel (the bot's commander).
	More []string
	// WhatsThis, when set, explains the severity (the bot's button, which
	// opens the definitions in Slack); otherwise the field links to them.
	WhatsThis *slack.Accessory
}

// SlackIncidentBlocks lays the incident out.
func SlackIncidentBlocks(v SlackIncident, links links.Links) []slack.Block {
	inc := v.Incident
	latest := "_No update yet._"
	if v.Latest != nil {
		latest = SlackEscape(SlackClip(v.Latest.Body, 2500))
	}
	products := "None listed"
	if len(v.Products) > 0 {
		names := make([]string, len(v.Products))
		for i, p := range v.Products {
			names[i] = SlackEscape(p.Name)
		}
		products = strings.Join(names, ", ")
	}
	channel := v.Channel
	if channel == "" {
		channel = inc.ResponseChannel()
	}
	severity := "*Severity:* " + SlackEscape(v.Severity.Name)
	if v.WhatsThis == nil {
		severity = fmt.Sprintf("*Severity:* %s (<%s|what's this?>)", SlackEscape(v.Severity.Name), links.Severity(v.Severity.Name))
	}
	fields := []*slack.TextBlockObject{
		slackMarkdown("*Status:* " + inc.Status.Label()),
		slackMarkdown(severity),
		slackMarkdown("*Affected products:* " + products),
		slackMarkdown("*Response channel:* " + channel),
	}
	for _, more := range v.More {
		fields = append(fields, slackMarkdown(more))
	}
	return []slack.Block{
		slack.NewSectionBlock(slackMarkdown("*Issue:* "+SlackEscape(SlackClip(inc.Title, 500))), nil, nil),
		slack.NewSectionBlock(slackMarkdown("*Latest Update:* "+latest), nil, nil),
		slack.NewSectionBlock(nil, fields, v.WhatsThis),
		slack.NewSectionBlock(slackMarkdown(fmt.Sprintf("*Fact sheet:* <%s|previous updates, etc.>", links.FactSheet(inc.Number))), nil, nil),
	}
}

func slackMarkdown(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, s, false, false)
}

// SlackEscape escapes the three characters Slack's mrkdwn reserves, so
// people's text stays text (the bot's messages use it too).
func SlackEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// SlackClip shortens s to at most n characters (Slack rejects longer
// texts: 3,000 in a section).
func SlackClip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// slackWebhookMessage is what an incoming webhook takes: slack-go's
// WebhookMessage without its fields for replies, and with the blocks
// encoded by the caller's encoder (slack.Blocks marshals itself with
// json.Marshal, which writes < and > as \u003c and \u003e: Slack reads
// either, people reading the delivery history only one).
type slackWebhookMessage struct {
	Text   string        `json:"text"`
	Blocks []slack.Block `json:"blocks"`
}

// slackMessage is the incoming-webhook message of an occurrence.
func slackMessage(o Occurrence, links links.Links) slackWebhookMessage {
	inc := o.Incident
	blocks := SlackIncidentBlocks(SlackIncident{Incident: inc, Severity: o.Severity, Products: o.Products, Latest: o.LatestUpdate}, links)
	blocks = append(blocks, slack.NewContextBlock("", slackMarkdown(fmt.Sprintf("INC-%d · %s", inc.Number, SlackEscape(SlackClip(o.Event.Message, 2000))))))
	return slackWebhookMessage{
		Text: SlackClip(fmt.Sprintf("INC-%d [%s · %s] %s: %s", inc.Number, o.Severity.Name, inc.Status.Label(),
			SlackEscape(inc.Title), SlackEscape(o.Event.Message)), 3000),
		Blocks: blocks,
	}
}
