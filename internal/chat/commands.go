package chat

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"firebreak/internal/apperr"
	"firebreak/internal/database"
	"firebreak/internal/httperr"
	"firebreak/internal/incident"
	"firebreak/models"
)

// incidentIn returns the incident whose response channel this is, or nil
// when it is none (a database error is an error, not "no incident").
func (b *Bot) incidentIn(ctx context.Context, channelID string) (*models.Incident, error) {
	var id int64
	err := b.conn(ctx).NewRaw(`SELECT incident_id FROM chat_channels WHERE channel_id = ?`, channelID).Scan(ctx, &id)
	if database.IsNoRows(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	inc := new(models.Incident)
	if err := b.conn(ctx).NewSelect().Model(inc).Where("i.id = ?", id).Scan(ctx); err != nil {
		return nil, err
	}
	return inc, nil
}

const commandHelp = "*/incident* commands:\n" +
	"• `/incident declare` — declare an incident (opens a form)\n" +
	"In an incident's channel:\n" +
	"• `/incident update <text>` — post a status update\n" +
	"• `/incident status <investigating|identified|monitoring>` — change the status\n" +
	"• `/incident severity <1|2|3>` — change the severity\n" +
	"• `/incident role <commander|communications|operations|scribe> @person` — give someone a role\n" +
	"• `/incident resolve [text]` — service is restored\n" +
	"• `/incident note <text>` — add a note to the timeline\n" +
	"React with :%s: to a message to add it to the timeline."

// Commands answers POST /slack/commands (/incident).
func (b *Bot) Commands(w http.ResponseWriter, r *http.Request) {
	if _, ok := b.verified(w, r); !ok {
		return
	}
	cmd, err := slack.SlashCommandParse(r)
	if err != nil {
		httperr.Write(w, r, "slack command", apperr.BadInput("body", "not a slash command"), httperr.Text)
		return
	}
	ctx := r.Context()
	verb, rest, _ := strings.Cut(strings.TrimSpace(cmd.Text), " ")
	rest = strings.TrimSpace(rest)
	verb = strings.ToLower(verb)
	if verb == "" || verb == "help" {
		ephemeral(w, fmt.Sprintf(commandHelp, b.cfg.PinReaction))
		return
	}
	actor, err := b.person(ctx, cmd.UserID)
	if err != nil {
		ephemeral(w, said(ctx, err))
		return
	}
	if verb == "declare" {
		if err := actor.RequireRole(models.RoleResponder); err != nil {
			ephemeral(w, said(ctx, err))
			return
		}
		severities, err := b.catalog.Severities(ctx)
		if err != nil {
			ephemeral(w, said(ctx, err))
			return
		}
		products, err := b.catalog.Products(ctx)
		if err != nil {
			ephemeral(w, said(ctx, err))
			return
		}
		if _, err := b.api.OpenViewContext(ctx, cmd.TriggerID, DeclareModal(severities, products, cmd.ChannelID)); err != nil {
			ephemeral(w, said(ctx, err))
			return
		}
		w.WriteHeader(http.StatusOK)
		return
	}
	inc, err := b.incidentIn(ctx, cmd.ChannelID)
	if err != nil {
		ephemeral(w, said(ctx, err))
		return
	}
	if inc == nil {
		ephemeral(w, "This is not an incident channel: run `/incident "+verb+"` in the incident's own channel.")
		return
	}
	text, err := b.run(ctx, actor, inc, verb, rest)
	if err != nil {
		ephemeral(w, said(ctx, err))
		return
	}
	ephemeral(w, text)
}

// mention is how a slash command's text carries a person: <@U123|name>.
var mention = regexp.MustCompile(`<@([A-Z0-9]+)(?:\|[^>]*)?>`)

// run carries out an in-channel command as actor, through the same
// domain services and role checks as the API.
func (b *Bot) run(ctx context.Context, actor *models.User, inc *models.Incident, verb, rest string) (string, error) {
	switch verb {
	case "update":
		if _, _, err := b.incidents.PostUpdate(ctx, actor, incident.PostUpdateInput{IncidentID: inc.ID, Body: rest}); err != nil {
			return "", err
		}
		return "Update posted.", nil
	case "status":
		to := models.IncidentStatus(strings.ToUpper(rest))
		if !to.IsValid() {
			return "", apperr.BadInput("status", "unknown status %q: investigating, identified, monitoring, resolved", rest)
		}
		if _, err := b.incidents.ChangeStatus(ctx, actor, inc.ID, to, nil); err != nil {
			return "", err
		}
		return "Status changed to " + to.Label() + ".", nil
	case "severity":
		level, err := strconv.Atoi(strings.TrimPrefix(strings.TrimPrefix(strings.ToUpper(rest), "SEV"), "-"))
		if err != nil {
			return "", apperr.BadInput("severityLevel", "unknown severity %q: give its level, e.g. 2 or SEV-2", rest)
		}
		if _, err := b.incidents.ChangeSeverity(ctx, actor, inc.ID, level, nil); err != nil {
			return "", err
		}
		return fmt.Sprintf("Severity changed to SEV-%d.", level), nil
	case "role":
		roleName, who, _ := strings.Cut(rest, " ")
		role := models.IncidentRole(strings.ToUpper(roleName))
		m := mention.FindStringSubmatch(who)
		if m == nil {
			return "", apperr.BadInput("userId", "name the person with an @mention: /incident role commander @someone")
		}
		holder, err := b.person(ctx, m[1])
		if err != nil {
			return "", err
		}
		if _, err := b.incidents.AssignRole(ctx, actor, inc.ID, role, holder.ID); err != nil {
			return "", err
		}
		return fmt.Sprintf("%s is now %s.", holder.Name, strings.ToLower(string(role))), nil
	case "resolve":
		if _, err := b.incidents.Resolve(ctx, actor, incident.LifecycleInput{IncidentID: inc.ID, Body: rest}); err != nil {
			return "", err
		}
		return "Resolved.", nil
	case "note":
		if _, _, err := b.incidents.AddNote(ctx, actor, incident.NoteInput{IncidentID: inc.ID, Message: rest}); err != nil {
			return "", err
		}
		return "Note added to the timeline.", nil
	}
	return "", apperr.BadInput("command", "unknown command %q: try /incident help", verb)
}
