package chat

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"

	"github.com/slack-go/slack"
	"github.com/uptrace/bun"

	"firebreak/internal/database"
	"firebreak/internal/incident"
	"firebreak/models"
)

// Wanted is an incident whose Slack state is behind its record: the sync
// task for it is named by both, so each change gets its own task.
type Wanted struct {
	IncidentID int64 `json:"incidentId"`
	Version    int64 `json:"version"`
}

// Want records, in the relay's transaction, that incidents changed up to
// the given event sequences; it returns what to queue a sync for.
func Want(ctx context.Context, tx bun.IDB, versions map[int64]int64) ([]Wanted, error) {
	var out []Wanted
	for id, v := range versions {
		_, err := tx.NewRaw(`INSERT INTO chat_channels (incident_id, wanted) VALUES (?, ?)
			ON CONFLICT (incident_id) DO UPDATE SET wanted = GREATEST(chat_channels.wanted, EXCLUDED.wanted)`, id, v).Exec(ctx)
		if err != nil {
			return nil, fmt.Errorf("want chat sync: %w", err)
		}
		out = append(out, Wanted{IncidentID: id, Version: v})
	}
	return out, nil
}

// Behind returns incidents whose Slack state is behind, for the reconciler.
func (b *Bot) Behind(ctx context.Context, limit int) ([]Wanted, error) {
	var out []Wanted
	err := b.conn(ctx).NewRaw(`SELECT incident_id, wanted AS version FROM chat_channels WHERE wanted > synced ORDER BY incident_id LIMIT ?`, limit).Scan(ctx, &out)
	return out, err
}

type channelRow struct {
	bun.BaseModel `bun:"table:chat_channels"`

	IncidentID      int64   `bun:"incident_id,pk"`
	ChannelID       *string `bun:"channel_id"`
	ChannelName     *string `bun:"channel_name"`
	Wanted          int64   `bun:"wanted"`
	Synced          int64   `bun:"synced"`
	RemindedEventID int64   `bun:"reminded_event_id"`
}

type headlineRow struct {
	bun.BaseModel `bun:"table:chat_headlines"`

	IncidentID int64  `bun:"incident_id,pk"`
	ChannelID  string `bun:"channel_id,pk"`
	TS         string `bun:"ts"`
	Version    int64  `bun:"version"`
	Digest     []byte `bun:"digest"`
}

// chatLockClass namespaces the advisory locks that serialise the syncs of
// one incident.
const chatLockClass = 16016

// Sync brings Slack up to date with the incident's record: its response
// channel (created, topic set, people invited), its headline in that
// channel and in the announcements channel, and due-update reminders. It
// renders the record as it is now, under a per-incident lock, and a
// headline is replaced only by a rendering of a newer version, so Slack
// never goes back to an older state whatever order tasks run in. Every
// Slack object is recorded the moment it exists, so a retry continues
// instead of creating it again.
func (b *Bot) Sync(ctx context.Context, incidentID int64) error {
	// The sync runs on one connection of its own, holding a session lock
	// on the incident: every statement (the domain's reads included) uses
	// that connection, so a sync never waits for a second one while it
	// holds the first, and each Slack object is recorded (committed) the
	// moment it exists, so a retry continues instead of creating it again.
	conn, err := b.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(?, ?)", chatLockClass, int32(incidentID%(1<<31))); err != nil {
		// Cut off while waiting, the lock may yet have been granted: the
		// connection goes, and the lock with it.
		_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		return fmt.Errorf("lock incident %d for chat: %w", incidentID, err)
	}
	defer func() {
		_, err := conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock(?, ?)", chatLockClass, int32(incidentID%(1<<31)))
		if err != nil {
			// A lock that could not be given back leaves with its
			// connection, which is closed instead of returning to the pool.
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	ctx = database.WithConn(ctx, conn)

	row := &channelRow{IncidentID: incidentID}
	if _, err := b.conn(ctx).NewInsert().Model(row).On("CONFLICT (incident_id) DO NOTHING").Exec(ctx); err != nil {
		return err
	}
	if err := b.conn(ctx).NewSelect().Model(row).WherePK().Scan(ctx); err != nil {
		return err
	}
	target := row.Wanted
	h, err := b.headline(ctx, incidentID)
	if errors.Is(err, errGone) {
		return nil
	}
	if err != nil {
		return err
	}
	if row.ChannelID == nil {
		if err := b.createChannel(ctx, row, h); err != nil {
			return err
		}
	}
	h.ChannelID = *row.ChannelID
	channels := []string{*row.ChannelID}
	if h.Incident.Visibility == models.VisibilityPublic && b.cfg.AnnounceChannel != "" {
		channels = append(channels, b.cfg.AnnounceChannel)
	}
	for _, channel := range channels {
		if err := b.showHeadline(ctx, h, channel); err != nil {
			return err
		}
	}
	if err := b.postReminders(ctx, row, h); err != nil {
		return err
	}
	_, err = b.conn(ctx).NewUpdate().Model(row).Set("synced = GREATEST(synced, ?)", target).WherePK().Exec(ctx)
	return err
}

var errGone = errors.New("incident gone")

// headline loads what the headline shows, as the record has it now.
func (b *Bot) headline(ctx context.Context, incidentID int64) (Headline, error) {
	inc := new(models.Incident)
	err := b.conn(ctx).NewSelect().Model(inc).Where("i.id = ?", incidentID).Scan(ctx)
	if database.IsNoRows(err) {
		return Headline{}, errGone
	}
	if err != nil {
		return Headline{}, err
	}
	ids := []int64{incidentID}
	sevs, err := b.catalog.SeveritiesByID(ctx, []int64{inc.SeverityID})
	if err != nil {
		return Headline{}, err
	}
	products, err := b.incidents.ProductsOf(ctx, ids)
	if err != nil {
		return Headline{}, err
	}
	latest, err := b.incidents.LatestUpdates(ctx, ids)
	if err != nil {
		return Headline{}, err
	}
	h := Headline{Incident: inc, Severity: sevs[inc.SeverityID], Products: products[incidentID], Latest: latest[incidentID]}
	if h.Severity == nil {
		return Headline{}, fmt.Errorf("incident %d: severity %d missing", incidentID, inc.SeverityID)
	}
	if commander, err := b.roleHolder(ctx, incidentID, models.RoleCommander); err != nil {
		return Headline{}, err
	} else {
		h.Commander = commander
	}
	return h, nil
}

// roleHolder returns who holds role on the incident, or nil.
func (b *Bot) roleHolder(ctx context.Context, incidentID int64, role models.IncidentRole) (*models.User, error) {
	id, ok, err := incident.RoleHolderID(ctx, b.conn(ctx), incidentID, role)
	if err != nil || !ok {
		return nil, err
	}
	u := new(models.User)
	return u, b.conn(ctx).NewSelect().Model(u).Where("id = ?", id).Scan(ctx)
}

// createChannel makes the response channel — named from the handle, with a
// suffix while the name is taken; private for a private incident — sets its
// topic and invites the declarer and the commander.
func (b *Bot) createChannel(ctx context.Context, row *channelRow, h Headline) error {
	inc := h.Incident
	base := inc.Handle + "-incident"
	var ch *slack.Channel
	for attempt := 1; ; attempt++ {
		name := base
		if attempt > 1 {
			name = fmt.Sprintf("%s-%d", base, attempt)
		}
		var err error
		ch, err = b.api.CreateConversationContext(ctx, slack.CreateConversationParams{ChannelName: name, IsPrivate: inc.Visibility == models.VisibilityPrivate})
		if err != nil && err.Error() == "name_taken" && attempt < 10 {
			continue
		}
		if err != nil {
			return fmt.Errorf("create channel %s: %w", name, err)
		}
		break
	}
	row.ChannelID, row.ChannelName = &ch.ID, &ch.Name
	if _, err := b.conn(ctx).NewUpdate().Model(row).Column("channel_id", "channel_name").WherePK().Exec(ctx); err != nil {
		return err
	}
	topic := clip(fmt.Sprintf("%s · INC-%d: %s", h.Severity.Name, inc.Number, inc.Title), 250)
	if _, err := b.api.SetTopicOfConversationContext(ctx, ch.ID, topic); err != nil {
		slog.WarnContext(ctx, "chat: could not set the channel topic", "channel", ch.ID, "error", err.Error())
	}
	invite := []int64{inc.CreatedByID}
	if h.Commander != nil && h.Commander.ID != inc.CreatedByID {
		invite = append(invite, h.Commander.ID)
	}
	var slackIDs []string
	for _, id := range invite {
		if sid := b.slackUserOf(ctx, id); sid != "" {
			slackIDs = append(slackIDs, sid)
		}
	}
	if len(slackIDs) > 0 {
		if _, err := b.api.InviteUsersToConversationContext(ctx, ch.ID, slackIDs...); err != nil && err.Error() != "already_in_channel" {
			slog.WarnContext(ctx, "chat: could not invite people to the response channel", "channel", ch.ID, "error", err.Error())
		}
	}
	return nil
}

// slackUserOf returns the Slack user with the person's email, or "".
func (b *Bot) slackUserOf(ctx context.Context, userID int64) string {
	u := new(models.User)
	if err := b.conn(ctx).NewSelect().Model(u).Where("id = ?", userID).Scan(ctx); err != nil || u.Email == nil {
		return ""
	}
	su, err := b.api.GetUserByEmailContext(ctx, *u.Email)
	if err != nil {
		return ""
	}
	return su.ID
}

// showHeadline posts the headline in channel, or edits the one there when
// this rendering is of a newer version and shows something else.
func (b *Bot) showHeadline(ctx context.Context, h Headline, channel string) error {
	blocks := HeadlineBlocks(h, b.links)
	rendered, err := json.Marshal(blocks)
	if err != nil {
		return err
	}
	digest := sha256.Sum256(rendered)
	version := int64(h.Incident.LastEventSequence)
	msg := []slack.MsgOption{slack.MsgOptionText(HeadlineText(h), false), slack.MsgOptionBlocks(blocks...)}
	row := &headlineRow{IncidentID: h.Incident.ID, ChannelID: channel}
	err = b.conn(ctx).NewSelect().Model(row).WherePK().Scan(ctx)
	switch {
	case database.IsNoRows(err):
		_, ts, err := b.api.PostMessageContext(ctx, channel, msg...)
		if err != nil {
			return fmt.Errorf("post headline in %s: %w", channel, err)
		}
		row.TS, row.Version, row.Digest = ts, version, digest[:]
		_, err = b.conn(ctx).NewInsert().Model(row).Exec(ctx)
		return err
	case err != nil:
		return err
	case row.Version >= version || bytes.Equal(row.Digest, digest[:]):
		return nil // Slack shows this version or a newer one already
	}
	if _, _, _, err := b.api.UpdateMessageContext(ctx, channel, row.TS, msg...); err != nil {
		return fmt.Errorf("update headline in %s: %w", channel, err)
	}
	_, err = b.conn(ctx).NewUpdate().Model(row).Set("version = ?", version).Set("digest = ?", digest[:]).
		WherePK().Where("version < ?", version).Exec(ctx)
	return err
}

// postReminders posts each status-update reminder sent since the last one
// posted, mentioning the commander and the communications lead.
func (b *Bot) postReminders(ctx context.Context, row *channelRow, h Headline) error {
	var reminders []*models.TimelineEvent
	err := b.conn(ctx).NewSelect().Model(&reminders).Where("incident_id = ? AND kind = ? AND id > ?", row.IncidentID, models.EventReminderSent, row.RemindedEventID).
		OrderExpr("id").Limit(10).Scan(ctx)
	if err != nil || len(reminders) == 0 {
		return err
	}
	var mentions, names []string
	for _, role := range []models.IncidentRole{models.RoleCommander, models.RoleCommunications} {
		holder, err := b.roleHolder(ctx, row.IncidentID, role)
		if err != nil {
			return err
		}
		if holder == nil {
			continue
		}
		if sid := b.slackUserOf(ctx, holder.ID); sid != "" {
			if !slices.Contains(mentions, sid) {
				mentions = append(mentions, sid)
			}
		} else {
			names = append(names, holder.Name)
		}
	}
	last := reminders[len(reminders)-1]
	if open(h.Incident.Status) { // one message for however many piled up while Slack was away
		blocks := ReminderBlocks(h.Incident, mentions, names)
		if _, _, err := b.api.PostMessageContext(ctx, *row.ChannelID, slack.MsgOptionText(fmt.Sprintf("INC-%d is due a status update", h.Incident.Number), false), slack.MsgOptionBlocks(blocks...)); err != nil {
			return fmt.Errorf("post reminder: %w", err)
		}
	}
	row.RemindedEventID = last.ID
	_, err = b.conn(ctx).NewUpdate().Model(row).Column("reminded_event_id").WherePK().Exec(ctx)
	return err
}
