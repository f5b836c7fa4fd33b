package chat

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/slack-go/slack"

	"firebreak/internal/apperr"
	"firebreak/internal/httperr"
	"firebreak/internal/incident"
	"firebreak/models"
)

// Interactions answers POST /slack/interactions: modal submissions, the
// headline's buttons and the "Add to timeline" message shortcut.
func (b *Bot) Interactions(w http.ResponseWriter, r *http.Request) {
	if _, ok := b.verified(w, r); !ok {
		return
	}
	var cb slack.InteractionCallback
	if err := json.Unmarshal([]byte(r.PostFormValue("payload")), &cb); err != nil {
		httperr.Write(w, r, "slack interaction", apperr.BadInput("payload", "not an interaction payload"), httperr.Text)
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
