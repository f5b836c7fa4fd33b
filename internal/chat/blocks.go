package chat

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"firebreak/internal/delivery"
	"firebreak/internal/incident"
	"firebreak/internal/links"
	"firebreak/models"
)

// Action and callback ids of the bot's buttons and modals.
const (
	actionPostUpdate = "firebreak_post_update"
	actionResolve    = "firebreak_resolve"
	actionSeverities = "firebreak_severities"
	// CallbackDeclare names the declare form (tests submit it).
	CallbackDeclare   = "firebreak_declare"
	callbackUpdate    = "firebreak_update"
	callbackPinToNote = "firebreak_add_to_timeline"
)

// Headline is what the headline message shows: the incident as the record
// has it now.
type Headline struct {
	Incident  *models.Incident
	Severity  *models.Severity
	Products  []*models.Product
	Latest    *models.IncidentUpdate
	Commander *models.User
	// ChannelID is the response channel once created.
	ChannelID string
}

func mrkdwn(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, s, false, false)
}
func plain(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, s, false, false)
}

// escape keeps people's text literal in mrkdwn.
var escape = delivery.SlackEscape

// clip shortens s to at most n characters (Slack rejects longer texts).
var clip = delivery.SlackClip

// HeadlineText is the notification text of the headline (what phones and
// screen readers show).
func HeadlineText(h Headline) string {
	inc := h.Incident
	return clip(fmt.Sprintf("INC-%d [%s · %s] %s", inc.Number, h.Severity.Name, inc.Status.Label(), inc.Title), 300)
}

// HeadlineBlocks lays the headline out as the incident bot's message in
// the design: Issue, Latest Update, Status, Severity (what's this?),
// Affected products, Response channel, Fact sheet — and the buttons to act
// on it while it is open.
func HeadlineBlocks(h Headline, links links.Links) []slack.Block {
	inc := h.Incident
	channel := ""
	if h.ChannelID != "" {
		channel = "<#" + h.ChannelID + ">"
	}
	commander := "Nobody yet"
	if h.Commander != nil {
		commander = escape(h.Commander.Name)
	}
	title := fmt.Sprintf("INC-%d · %s", inc.Number, inc.Title)
	if inc.Visibility == models.VisibilityPrivate {
		title += " (private)"
	}
	// "what's this?" opens the definitions in Slack itself: the severities
	// page needs an API key.
	whatsThis := slack.NewAccessory(slack.NewButtonBlockElement(actionSeverities, strconv.Itoa(h.Severity.Level), plain("What's "+clip(h.Severity.Name, 20)+"?")))
	blocks := append([]slack.Block{slack.NewHeaderBlock(plain(clip(title, 150)))},
		delivery.SlackIncidentBlocks(delivery.SlackIncident{Incident: inc, Severity: h.Severity, Products: h.Products, Latest: h.Latest,
			Channel: channel, More: []string{"*Commander:* " + commander}, WhatsThis: whatsThis}, links)...)
	if incident.IsPublic(inc) {
		blocks = append(blocks, slack.NewContextBlock("", mrkdwn(fmt.Sprintf(":globe_with_meridians: On the public status page: <%s|%s>",
			links.StatusPage(inc.Handle), escape(clip(inc.PublicName(), 200))))))
	}
	if open(inc.Status) {
		id := strconv.FormatInt(inc.ID, 10)
		resolve := slack.NewButtonBlockElement(actionResolve, id, plain("Resolve")).WithStyle(slack.StyleDanger).
			WithConfirm(slack.NewConfirmationBlockObject(plain("Resolve this incident?"),
				mrkdwn(fmt.Sprintf("INC-%d will be marked resolved: service is restored.", inc.Number)), plain("Resolve"), plain("Not yet")))
		blocks = append(blocks, slack.NewActionBlock("firebreak_actions",
			slack.NewButtonBlockElement(actionPostUpdate, id, plain("Post update")).WithStyle(slack.StylePrimary), resolve))
	}
	return blocks
}

// open reports whether an incident is still being worked on.
func open(s models.IncidentStatus) bool {
	switch s {
	case models.StatusResolved, models.StatusClosed, models.StatusCanceled:
		return false
	}
	return true
}

// ReminderBlocks asks the incident's commander and communications lead, in
// the response channel, for the status update that is due. mentions are
// Slack user ids; names stand in for people Slack does not know.
func ReminderBlocks(inc *models.Incident, mentions, names []string) []slack.Block {
	who := make([]string, 0, len(mentions)+len(names))
	for _, id := range mentions {
		who = append(who, "<@"+id+">")
	}
	for _, n := range names {
		who = append(who, escape(n))
	}
	if len(who) == 0 {
		who = append(who, "<!channel>")
	}
	return []slack.Block{
		slack.NewSectionBlock(mrkdwn(fmt.Sprintf(":alarm_clock: %s INC-%d is due a status update. Post one with `/incident update <what changed>` or the *Post update* button on the headline.",
			strings.Join(who, " "), inc.Number)), nil, nil),
	}
}

// SeveritiesModal answers "what's this?": every severity's definition,
// its update cadence and whether it needs a retrospective.
func SeveritiesModal(severities []*models.Severity) slack.ModalViewRequest {
	blocks := []slack.Block{slack.NewContextBlock("", mrkdwn("Severity levels are not a popularity contest: they describe scope, and guide the immediacy of the response."))}
	for _, s := range severities {
		retro := "no retrospective required"
		if s.RetrospectiveRequired {
			retro = "retrospective required"
		}
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn(clip(fmt.Sprintf("*%s*: %s\n_Status update every %d minutes; %s._",
			escape(s.Name), escape(s.Description), s.UpdateIntervalMinutes, retro), 3000)), nil, nil))
	}
	return slack.ModalViewRequest{Type: slack.VTModal, Title: plain("Severity levels"), Close: plain("Close"),
		Blocks: slack.Blocks{BlockSet: blocks}}
}

// DeclareModal is /incident declare's form: title, severity (each level's
// definition as its help), affected products, private.
func DeclareModal(severities []*models.Severity, products []*models.Product, channelID string) slack.ModalViewRequest {
	sevOptions := make([]*slack.OptionBlockObject, len(severities))
	var definitions []string
	for i, s := range severities {
		sevOptions[i] = slack.NewOptionBlockObject(strconv.Itoa(s.Level), plain(clip(s.Name, 75)), plain(clip(s.Description, 75)))
		definitions = append(definitions, fmt.Sprintf("*%s*: %s", escape(s.Name), escape(s.Description)))
	}
	title := slack.NewInputBlock("title", plain("Title"), plain("What is broken, as customers see it"),
		slack.NewPlainTextInputBlockElement(plain("Checkout fails for card payments"), "value"))
	severity := slack.NewInputBlock("severity", plain("Severity"), nil,
		slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain("Choose a severity"), "value", sevOptions...))
	blocks := []slack.Block{title, severity,
		slack.NewContextBlock("severity_definitions", mrkdwn(clip(strings.Join(definitions, "\n"), 2000)))}
	if len(products) > 0 {
		opts := make([]*slack.OptionBlockObject, 0, len(products))
		for _, p := range products {
			if len(opts) == 100 { // Slack's limit per select
				break
			}
			opts = append(opts, slack.NewOptionBlockObject(strconv.FormatInt(p.ID, 10), plain(clip(p.Name, 75)), nil))
		}
		affected := slack.NewInputBlock("products", plain("Affected products"), nil,
			slack.NewOptionsMultiSelectBlockElement(slack.MultiOptTypeStatic, plain("Choose products"), "value", opts...))
		affected.Optional = true
		blocks = append(blocks, affected)
	}
	private := slack.NewInputBlock("private", plain("Visibility"), nil,
		slack.NewCheckboxGroupsBlockElement("value", slack.NewOptionBlockObject("private", plain("Private incident"),
			plain("Only its responders and admins see it; its channel is private; nothing is announced"))))
	private.Optional = true
	blocks = append(blocks, private)
	return slack.ModalViewRequest{
		Type: slack.VTModal, CallbackID: CallbackDeclare, PrivateMetadata: channelID,
		Title: plain("Declare an incident"), Submit: plain("Declare"), Close: plain("Cancel"),
		Blocks: slack.Blocks{BlockSet: blocks},
	}
}

// UpdateModal is the headline's Post update form.
func UpdateModal(inc *models.Incident) slack.ModalViewRequest {
	body := slack.NewInputBlock("body", plain("Update"), plain("What changed, what is next"),
		slack.NewPlainTextInputBlockElement(plain("Error rates are back to normal; watching for an hour"), "value").WithMultiline(true))
	return slack.ModalViewRequest{
		Type: slack.VTModal, CallbackID: callbackUpdate, PrivateMetadata: strconv.FormatInt(inc.ID, 10),
		Title: plain(clip(fmt.Sprintf("Update INC-%d", inc.Number), 24)), Submit: plain("Post"), Close: plain("Cancel"),
		Blocks: slack.Blocks{BlockSet: []slack.Block{body}},
	}
}
