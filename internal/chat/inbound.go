package chat

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"firebreak/internal/apperr"
	"firebreak/internal/incident"
	"firebreak/internal/people"
	"firebreak/models"
)

// maxRequestBytes bounds a request from Slack (its payloads are a few KiB).
const maxRequestBytes = 1 << 20

// verified reads a request's body and checks that Slack sent it: the v0
// signature over the timestamp and body (slack-go: HMAC-SHA256 with the
// signing secret, compared in constant time), a timestamp within five
// minutes, and a signature not seen before (a replay). Anything else is
// answered 401 and logged.
func (b *Bot) verified(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequestBytes))
	if err != nil {
		http.Error(w, "request too large", http.StatusRequestEntityTooLarge)
		return nil, false
	}
	refuse := func(why string) ([]byte, bool) {
		slog.WarnContext(r.Context(), "slack request refused", "path", r.URL.Path, "why", why, "remote", r.RemoteAddr)
		http.Error(w, "unverified request: "+why, http.StatusUnauthorized)
		return nil, false
	}
	sv, err := slack.NewSecretsVerifier(r.Header, b.cfg.SigningSecret)
	if err != nil {
		return refuse(err.Error())
	}
	_, _ = sv.Write(body)
	if err := sv.Ensure(); err != nil {
		return refuse(err.Error())
	}
	res, err := b.db.NewRaw(`INSERT INTO chat_requests (signature) VALUES (?) ON CONFLICT DO NOTHING`, r.Header.Get("X-Slack-Signature")).Exec(r.Context())
	if err != nil {
		slog.ErrorContext(r.Context(), "slack request: recording its signature", "error", err.Error())
		http.Error(w, "try again", http.StatusServiceUnavailable)
		return nil, false
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return refuse("replayed: this signature was already used")
	}
	// Signatures older than the accepted window cannot come back.
	_, _ = b.db.NewRaw(`DELETE FROM chat_requests WHERE received_at < now() - interval '10 minutes'`).Exec(r.Context())
	r.Body = io.NopCloser(bytes.NewReader(body))
	return body, true
}

// ephemeral answers a slash command or interaction with a message only its
// sender sees.
func ephemeral(w http.ResponseWriter, text string) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]string{"response_type": "ephemeral", "text": text})
}

// said turns an error into the words the API uses for it.
func said(ctx context.Context, err error) string {
	if e, ok := apperr.As(err); ok {
		return e.Message
	}
	slog.ErrorContext(ctx, "slack: request failed", "error", err.Error())
	return "Something went wrong on Firebreak's side; try again in a moment."
}

// person returns the Firebreak person a Slack user is: the one with their
// Slack email; someone new with UnknownRole when that is set.
func (b *Bot) person(ctx context.Context, slackUserID string) (*models.User, error) {
	su, err := b.api.GetUserInfoContext(ctx, slackUserID)
	if err != nil {
		return nil, fmt.Errorf("look up Slack user %s: %w", slackUserID, err)
	}
	email := su.Profile.Email
	if email == "" {
		return nil, apperr.New(apperr.Forbidden, "Firebreak cannot see your Slack email address, so it cannot tell who you are")
	}
	u, err := b.people.ByEmail(ctx, email)
	if err != nil {
		return nil, err
	}
	if u == nil {
		if b.cfg.UnknownRole == "" {
			return nil, apperr.New(apperr.Forbidden, "no Firebreak person has the email %s: ask an admin to add you", email)
		}
		name := su.RealName
		if name == "" {
			name = su.Name
		}
		if u, err = b.people.SignedIn(ctx, people.SignIn{Email: email, Name: name, DefaultRole: b.cfg.UnknownRole}); err != nil {
			return nil, err
		}
	}
	if !u.Active() {
		return nil, apperr.New(apperr.Forbidden, "your Firebreak account has been deactivated")
	}
	return u, nil
}

// incidentIn returns the incident whose response channel this is, or nil.
func (b *Bot) incidentIn(ctx context.Context, channelID string) (*models.Incident, error) {
	var id int64
	err := b.db.NewRaw(`SELECT incident_id FROM chat_channels WHERE channel_id = ?`, channelID).Scan(ctx, &id)
	if err != nil {
		return nil, nil
	}
	inc := new(models.Incident)
	if err := b.db.NewSelect().Model(inc).Where("i.id = ?", id).Scan(ctx); err != nil {
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
		http.Error(w, "not a slash command", http.StatusBadRequest)
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

// Interactions answers POST /slack/interactions: modal submissions, the
// headline's buttons and the "Add to timeline" message shortcut.
func (b *Bot) Interactions(w http.ResponseWriter, r *http.Request) {
	if _, ok := b.verified(w, r); !ok {
		return
	}
	var cb slack.InteractionCallback
	if err := json.Unmarshal([]byte(r.PostFormValue("payload")), &cb); err != nil {
		http.Error(w, "not an interaction payload", http.StatusBadRequest)
		return
	}
	ctx := r.Context()
	actor, err := b.person(ctx, cb.User.ID)
	switch cb.Type {
	case slack.InteractionTypeViewSubmission:
		if err == nil {
			err = b.submitted(ctx, actor, cb.View)
		}
		if err != nil {
			field := "title"
			if e, ok := apperr.As(err); ok {
				field = blockOf(e.Field)
			}
			w.Header().Set("Content-Type", "application/json")
			_ = json.NewEncoder(w).Encode(map[string]any{"response_action": "errors", "errors": map[string]string{field: said(ctx, err)}})
			return
		}
		w.WriteHeader(http.StatusOK)
	case slack.InteractionTypeBlockActions:
		if err == nil && len(cb.ActionCallback.BlockActions) > 0 {
			err = b.clicked(ctx, actor, cb, cb.ActionCallback.BlockActions[0])
		}
		if err != nil {
			b.tell(ctx, cb.Channel.ID, cb.User.ID, said(ctx, err))
		}
		w.WriteHeader(http.StatusOK)
	case slack.InteractionTypeMessageAction:
		if err == nil && cb.CallbackID == callbackPinToNote {
			err = b.addToTimeline(ctx, actor, cb.Channel.ID, cb.Message.Timestamp, cb.Message.User, cb.Message.Text)
		}
		if err != nil {
			b.tell(ctx, cb.Channel.ID, cb.User.ID, said(ctx, err))
		}
		w.WriteHeader(http.StatusOK)
	default:
		w.WriteHeader(http.StatusOK)
	}
}

// blockOf names the modal block that shows an API field's error.
func blockOf(field string) string {
	switch field {
	case "severityLevel":
		return "severity"
	case "productIds":
		return "products"
	case "body":
		return "body"
	}
	return "title"
}

// tell shows a message only user sees, in channel.
func (b *Bot) tell(ctx context.Context, channel, user, text string) {
	if channel == "" {
		return
	}
	if _, err := b.api.PostEphemeralContext(ctx, channel, user, slack.MsgOptionText(text, false)); err != nil {
		slog.WarnContext(ctx, "slack: could not answer privately", "channel", channel, "error", err.Error())
	}
}

// submitted handles a modal's submission.
func (b *Bot) submitted(ctx context.Context, actor *models.User, view slack.View) error {
	if view.State == nil {
		return apperr.BadInput("title", "the form came without its values")
	}
	value := func(block string) slack.BlockAction { return view.State.Values[block]["value"] }
	switch view.CallbackID {
	case CallbackDeclare:
		level, err := strconv.Atoi(value("severity").SelectedOption.Value)
		if err != nil {
			return apperr.BadInput("severityLevel", "choose a severity")
		}
		in := incident.DeclareInput{Title: value("title").Value, SeverityLevel: level}
		for _, o := range value("products").SelectedOptions {
			if id, err := strconv.ParseInt(o.Value, 10, 64); err == nil {
				in.ProductIDs = append(in.ProductIDs, id)
			}
		}
		if len(value("private").SelectedOptions) > 0 {
			in.Visibility = models.VisibilityPrivate
		}
		// A submission Slack sends again (a slow answer) declares once.
		in.IdempotencyKey = "slack:" + view.ID + ":" + view.Hash
		_, err = b.incidents.Declare(ctx, actor, in)
		return err
	case callbackUpdate:
		id, err := strconv.ParseInt(view.PrivateMetadata, 10, 64)
		if err != nil {
			return apperr.BadInput("body", "this form does not name an incident")
		}
		_, _, err = b.incidents.PostUpdate(ctx, actor, incident.PostUpdateInput{IncidentID: id, Body: value("body").Value,
			IdempotencyKey: "slack:" + view.ID + ":" + view.Hash})
		return err
	}
	return apperr.BadInput("title", "unknown form %q", view.CallbackID)
}

// clicked handles the headline's buttons.
func (b *Bot) clicked(ctx context.Context, actor *models.User, cb slack.InteractionCallback, action *slack.BlockAction) error {
	if action.ActionID == actionSeverities {
		severities, err := b.catalog.Severities(ctx)
		if err != nil {
			return err
		}
		_, err = b.api.OpenViewContext(ctx, cb.TriggerID, SeveritiesModal(severities))
		return err
	}
	id, err := strconv.ParseInt(action.Value, 10, 64)
	if err != nil {
		return apperr.BadInput("incidentId", "this button does not name an incident")
	}
	switch action.ActionID {
	case actionPostUpdate:
		if err := actor.RequireRole(models.RoleResponder); err != nil {
			return err
		}
		inc, err := b.incidents.Get(ctx, actor, id)
		if err != nil {
			return err
		}
		_, err = b.api.OpenViewContext(ctx, cb.TriggerID, UpdateModal(inc))
		return err
	case actionResolve:
		_, err := b.incidents.Resolve(ctx, actor, incident.LifecycleInput{IncidentID: id})
		return err
	}
	return nil
}

// Events answers POST /slack/events: the URL check, and the pinning
// reaction.
func (b *Bot) Events(w http.ResponseWriter, r *http.Request) {
	body, ok := b.verified(w, r)
	if !ok {
		return
	}
	var outer struct {
		Type      string          `json:"type"`
		Challenge string          `json:"challenge"`
		Event     json.RawMessage `json:"event"`
	}
	if err := json.Unmarshal(body, &outer); err != nil {
		http.Error(w, "not an Events API payload", http.StatusBadRequest)
		return
	}
	if outer.Type == "url_verification" {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, outer.Challenge)
		return
	}
	var ev struct {
		Type     string `json:"type"`
		Subtype  string `json:"subtype"`
		User     string `json:"user"`
		Reaction string `json:"reaction"`
		Channel  string `json:"channel"`
		Item     struct {
			Type    string `json:"type"`
			Channel string `json:"channel"`
			TS      string `json:"ts"`
		} `json:"item"`
		Message *struct {
			TS   string `json:"ts"`
			User string `json:"user"`
			Text string `json:"text"`
		} `json:"message"`
		DeletedTS string `json:"deleted_ts"`
		EventTS   string `json:"event_ts"`
	}
	_ = json.Unmarshal(outer.Event, &ev)
	w.WriteHeader(http.StatusOK)
	ctx := r.Context()
	switch {
	case ev.Type == "reaction_added" && ev.Reaction == b.cfg.PinReaction && ev.Item.Type == "message":
		if err := b.pinned(ctx, ev.User, ev.Item.Channel, ev.Item.TS); err != nil {
			b.tell(ctx, ev.Item.Channel, ev.User, said(ctx, err))
		}
	case ev.Type == "message" && ev.Subtype == "message_changed" && ev.Message != nil:
		b.revised(ctx, ev.Channel, ev.Message.TS, ev.EventTS, ev.Message.User, ev.Message.Text, false)
	case ev.Type == "message" && ev.Subtype == "message_deleted" && ev.DeletedTS != "":
		b.revised(ctx, ev.Channel, ev.DeletedTS, ev.EventTS, "", "", true)
	}
}

// revised follows an edit or deletion of a message on the timeline: the
// note stays as it was (the timeline keeps what was said), and a note
// after it gives the new text, or says the message was withdrawn. It is
// added as the person who pinned the message, once per Slack event (its
// retries add nothing).
func (b *Bot) revised(ctx context.Context, channel, ts, eventTS, author, text string, deleted bool) {
	var pinned struct {
		EventID int64 `bun:"event_id"`
		ActorID int64 `bun:"actor_id"`
	}
	err := b.db.NewRaw(`SELECT n.event_id, e.actor_id FROM chat_notes n JOIN timeline_events e ON e.id = n.event_id
		WHERE n.channel_id = ? AND n.message_ts = ?`, channel, ts).Scan(ctx, &pinned)
	if err != nil {
		return // not a pinned message
	}
	actor := new(models.User)
	if err := b.db.NewSelect().Model(actor).Where("id = ?", pinned.ActorID).Scan(ctx); err != nil {
		return
	}
	inc, err := b.incidentIn(ctx, channel)
	if err != nil || inc == nil {
		return
	}
	note := "The pinned Slack message above was deleted: it is withdrawn."
	if !deleted {
		note = fmt.Sprintf("%s edited the pinned Slack message above; it now reads: %s", b.nameOf(ctx, author), b.readable(ctx, text))
	}
	_, _, err = b.incidents.AddNote(ctx, actor, incident.NoteInput{IncidentID: inc.ID, Message: note,
		IdempotencyKey: "slack-note-revision:" + channel + ":" + ts + ":" + eventTS})
	if err != nil {
		slog.WarnContext(ctx, "slack: could not record a pinned message's revision", "channel", channel, "ts", ts, "error", err.Error())
	}
}

// pinned adds the message a person reacted to to the timeline.
func (b *Bot) pinned(ctx context.Context, reactor, channel, ts string) error {
	history, err := b.api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{
		ChannelID: channel, Latest: ts, Oldest: ts, Inclusive: true, Limit: 1})
	if err != nil {
		return fmt.Errorf("read the pinned message: %w", err)
	}
	if len(history.Messages) == 0 {
		return apperr.NotFoundf("the message is gone")
	}
	msg := history.Messages[0]
	actor, err := b.person(ctx, reactor)
	if err != nil {
		return err
	}
	return b.addToTimeline(ctx, actor, channel, msg.Timestamp, msg.User, msg.Text)
}

// addToTimeline adds a chat message to its channel's incident as a note,
// as written by its author at the time they wrote it; pinning it again adds
// nothing.
func (b *Bot) addToTimeline(ctx context.Context, actor *models.User, channel, ts, author, text string) error {
	inc, err := b.incidentIn(ctx, channel)
	if err != nil || inc == nil {
		return err
	}
	var already bool
	if err := b.db.NewRaw(`SELECT EXISTS (SELECT 1 FROM chat_notes WHERE channel_id = ? AND message_ts = ?)`, channel, ts).Scan(ctx, &already); err != nil || already {
		return err // someone pinned it before
	}
	at, err := slackTime(ts)
	if err != nil {
		return apperr.BadInput("occurredAt", "the message's time %q cannot be read", ts)
	}
	if now := b.incidents.Now(); at.After(now) {
		at = now // Slack's clock a little ahead of ours
	}
	authorName := b.nameOf(ctx, author)
	note := fmt.Sprintf("%s in Slack: %s", authorName, b.readable(ctx, text))
	ev, _, err := b.incidents.AddNote(ctx, actor, incident.NoteInput{IncidentID: inc.ID, Message: note, OccurredAt: &at,
		IdempotencyKey: "slack-note:" + channel + ":" + ts})
	if err != nil {
		return err
	}
	_, err = b.db.NewRaw(`INSERT INTO chat_notes (channel_id, message_ts, event_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, channel, ts, ev.ID).Exec(ctx)
	return err
}

// slackTime reads a message timestamp ("1733000000.123456").
func slackTime(ts string) (time.Time, error) {
	sec, frac, _ := strings.Cut(ts, ".")
	s, err := strconv.ParseInt(sec, 10, 64)
	if err != nil {
		return time.Time{}, err
	}
	var micros int64
	if frac != "" {
		if micros, err = strconv.ParseInt((frac + "000000")[:6], 10, 64); err != nil {
			return time.Time{}, err
		}
	}
	return time.Unix(s, micros*1000).UTC(), nil
}

// nameOf is a Slack user's name as Firebreak knows them, else as Slack does.
func (b *Bot) nameOf(ctx context.Context, slackUserID string) string {
	su, err := b.api.GetUserInfoContext(ctx, slackUserID)
	if err != nil {
		return "Someone"
	}
	if su.Profile.Email != "" {
		if u, err := b.people.ByEmail(ctx, su.Profile.Email); err == nil && u != nil {
			return u.Name
		}
	}
	if su.RealName != "" {
		return su.RealName
	}
	return su.Name
}

// slackMarkup matches Slack's <…> references: people, channels, links.
var slackMarkup = regexp.MustCompile(`<([@#!])?([^|>]+)(?:\|([^>]*))?>`)

// readable turns a message's markup into plain text with names: never a
// raw Slack id on the timeline.
func (b *Bot) readable(ctx context.Context, text string) string {
	lookups := 0
	out := slackMarkup.ReplaceAllStringFunc(text, func(ref string) string {
		m := slackMarkup.FindStringSubmatch(ref)
		switch {
		case m[1] == "@" && lookups < 20:
			lookups++
			return "@" + b.nameOf(ctx, m[2])
		case m[3] != "":
			return strings.TrimPrefix(m[3], "#")
		case m[1] == "":
			return m[2]
		}
		return ""
	})
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(out)
}
