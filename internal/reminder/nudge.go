package reminder

import (
	"context"
	"fmt"
	"time"

	"firebreak/internal/incident"

	"github.com/uptrace/bun"

	"firebreak/internal/database"
	"firebreak/internal/inbox"
	"firebreak/models"
)

// NudgeKind says what a nudge is about.
type NudgeKind string

const (
	NudgeRetrospective NudgeKind = "retrospective"
	NudgeActionItem    NudgeKind = "action_item"
)

// DueNudge is a retrospective or follow-up whose owner is due a nudge at At.
type DueNudge struct {
	Kind NudgeKind `bun:"kind"`
	ID   int64     `bun:"id"`
	At   time.Time `bun:"next_nudge_at"`
}

// DueNudges lists nudges due before the given time, soonest first.
func (s *Service) DueNudges(ctx context.Context, before time.Time, limit int) ([]DueNudge, error) {
	var due []DueNudge
	err := s.db.NewRaw(`
		(SELECT 'retrospective' AS kind, id, next_nudge_at FROM retrospectives WHERE next_nudge_at < ?0)
		UNION ALL
		(SELECT 'action_item', id, next_nudge_at FROM action_items WHERE next_nudge_at < ?0)
		ORDER BY next_nudge_at LIMIT ?1`, before, limit).Scan(ctx, &due)
	return due, err
}

// SentNudge is a nudge that went out.
type SentNudge struct {
	OwnerID int64
	NextAt  *time.Time
}

// SendNudge nudges the owner of a retrospective not yet published, or of a
// follow-up not yet finished, if it is still due a nudge at exactly at and
// that time has come; then schedules the next. Like reminders, anything
// else is a no-op (nil, nil), so duplicates and retries are harmless.
func (s *Service) SendNudge(ctx context.Context, kind NudgeKind, id int64, at time.Time) (*SentNudge, error) {
	var subject interface {
		Nudged() models.Nudged
		ScheduleNudge(time.Time)
	}
	switch kind {
	case NudgeRetrospective:
		subject = new(models.Retrospective)
	case NudgeActionItem:
		subject = new(models.ActionItem)
	default:
		return nil, fmt.Errorf("unknown nudge kind %q", kind)
	}
	var sent *SentNudge
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		now := s.incidents.Now()
		err := tx.NewSelect().Model(subject).Where("id = ?", id).For("UPDATE").Scan(ctx)
		if database.IsNoRows(err) {
			return nil
		}
		if err != nil {
			return err
		}
		n := subject.Nudged()
		if !NudgeDue(n, at, now) {
			return nil
		}
		var number int64
		if err := tx.NewSelect().Model((*models.Incident)(nil)).Column("number").Where("id = ?", n.IncidentID).Scan(ctx, &number); err != nil {
			return err
		}
		note := &models.Notification{UserID: *n.OwnerID, IncidentID: &n.IncidentID, Kind: n.Kind,
			Message: fmt.Sprintf("%s for INC-%d %s.", n.What, number, dueWording(*n.DueAt, now))}
		// The owner may have lost sight of a private incident since (a role
		// ended): the nudge then names neither it nor what was asked.
		owner := new(models.User)
		if err := tx.NewSelect().Model(owner).Where("id = ?", *n.OwnerID).Scan(ctx); err != nil {
			return err
		}
		if visible, err := incident.CanSee(ctx, tx, n.IncidentID, owner); err != nil {
			return err
		} else if !visible {
			note.IncidentID = nil
			note.Message = fmt.Sprintf("Something you own on an incident you can no longer see %s: ask its responders.", dueWording(*n.DueAt, now))
		}
		if err := inbox.Insert(ctx, tx, []*models.Notification{note}); err != nil {
			return err
		}
		subject.ScheduleNudge(now)
		if _, err := tx.NewUpdate().Model(subject).Column("next_nudge_at").WherePK().Exec(ctx); err != nil {
			return err
		}
		sent = &SentNudge{OwnerID: *n.OwnerID, NextAt: subject.Nudged().NextAt}
		return nil
	})
	return sent, err
}

// NudgeDue reports whether a nudge scheduled at is still due at now: it is
// the one scheduled (not one since moved), its time has come, and there is
// an owner, a due date and something left to do.
func NudgeDue(n models.Nudged, at, now time.Time) bool {
	return n.NextAt != nil && n.NextAt.Equal(at) && !n.Done && !at.After(now) && n.OwnerID != nil && n.DueAt != nil
}

// dueWording says when something is due, relative to now, in days.
func dueWording(due, now time.Time) string {
	const day = 24 * time.Hour
	switch d := due.Sub(now); {
	case d > 0:
		return fmt.Sprintf("is due in %s", roundDays(d))
	case d > -day:
		return "is due today"
	default:
		return fmt.Sprintf("is overdue by %s", roundDays(-d))
	}
}

func roundDays(d time.Duration) string {
	const day = 24 * time.Hour
	if d < day {
		if h := int(d / time.Hour); h > 1 {
			return fmt.Sprintf("%d hours", h)
		}
		return "1 hour"
	}
	n := int((d + day/2) / day)
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}
