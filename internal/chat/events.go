package chat

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"
	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
	"firebreak/internal/database"
	"firebreak/internal/httperr"
	"firebreak/internal/incident"
	"firebreak/models"
)

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
		httperr.Write(w, r, "slack event", apperr.BadInput("body", "not an Events API payload"), httperr.Text)
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
	err := b.conn(ctx).NewRaw(`SELECT n.event_id, e.actor_id FROM chat_notes n JOIN timeline_events e ON e.id = n.event_id
		WHERE n.channel_id = ? AND n.message_ts = ?`, channel, ts).Scan(ctx, &pinned)
	if err != nil {
		return // not a pinned message
	}
	actor := new(models.User)
	if err := b.conn(ctx).NewSelect().Model(actor).Where("id = ?", pinned.ActorID).Scan(ctx); err != nil {
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
	if err := b.conn(ctx).NewRaw(`SELECT EXISTS (SELECT 1 FROM chat_notes WHERE channel_id = ? AND message_ts = ?)`, channel, ts).Scan(ctx, &already); err != nil || already {
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
	// The note and the record that the message is on the timeline are one
	// transaction: the incident's AddNote joins it.
	return database.RunInTx(ctx, b.db, func(ctx context.Context, tx bun.Tx) error {
		ev, _, err := b.incidents.AddNote(ctx, actor, incident.NoteInput{IncidentID: inc.ID, Message: note, OccurredAt: &at,
			IdempotencyKey: "slack-note:" + channel + ":" + ts})
		if err != nil {
			return err
		}
		_, err = tx.NewRaw(`INSERT INTO chat_notes (channel_id, message_ts, event_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, channel, ts, ev.ID).Exec(ctx)
		return err
	})
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
