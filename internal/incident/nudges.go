package incident

import (
	"context"
	"fmt"
	"time"

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
	var sent *SentNudge
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		now := s.now()
		var (
			owner        *int64
			due          *time.Time
			incidentID   int64
			what         string
			noteKind     models.NotificationKind
			scheduleNext func() *time.Time
			save         func() error
		)
		switch kind {
		case NudgeRetrospective:
			r := new(models.Retrospective)
			if err := tx.NewSelect().Model(r).Where("id = ?", id).For("UPDATE").Scan(ctx); err != nil {
				return ignoreMissing(err)
			}
			if r.NextNudgeAt == nil || !r.NextNudgeAt.Equal(at) || r.Status == models.RetrospectivePublished {
				return nil
			}
			owner, due, incidentID, noteKind = r.OwnerID, r.DueAt, r.IncidentID, models.NotificationRetrospectiveNudge
			what = "The retrospective"
			scheduleNext = func() *time.Time { r.ScheduleNudge(now); return r.NextNudgeAt }
			save = func() error {
				_, err := tx.NewUpdate().Model(r).Column("next_nudge_at").WherePK().Exec(ctx)
				return err
			}
		case NudgeActionItem:
			a := new(models.ActionItem)
			if err := tx.NewSelect().Model(a).Where("id = ?", id).For("UPDATE").Scan(ctx); err != nil {
				return ignoreMissing(err)
			}
			if a.NextNudgeAt == nil || !a.NextNudgeAt.Equal(at) || a.Status.IsFinished() {
				return nil
			}
			owner, due, incidentID, noteKind = a.OwnerID, a.DueAt, a.IncidentID, models.NotificationActionItemNudge
			what = fmt.Sprintf("The follow-up %q", a.Title)
			scheduleNext = func() *time.Time { a.ScheduleNudge(now); return a.NextNudgeAt }
			save = func() error {
				_, err := tx.NewUpdate().Model(a).Column("next_nudge_at").WherePK().Exec(ctx)
				return err
			}
		default:
			return fmt.Errorf("unknown nudge kind %q", kind)
		}
		if at.After(now) || owner == nil || due == nil {
			return nil
		}
		var number int64
		if err := tx.NewSelect().Model((*models.Incident)(nil)).Column("number").Where("id = ?", incidentID).Scan(ctx, &number); err != nil {
			return err
		}
		note := &models.Notification{UserID: *owner, IncidentID: &incidentID, Kind: noteKind,
			Message: fmt.Sprintf("%s for INC-%d %s.", what, number, dueWording(*due, now))}
		// The owner may have lost sight of a private incident since (a role
		// ended): the nudge then names neither it nor what was asked.
		ownerUser, err := userForRole(ctx, tx, *owner, "ownerId")
		if err != nil {
			return err
		}
		if visible, err := canSee(ctx, tx, incidentID, ownerUser); err != nil {
			return err
		} else if !visible {
			note.IncidentID = nil
			note.Message = fmt.Sprintf("Something you own on an incident you can no longer see %s: ask its responders.", dueWording(*due, now))
		}
		if err := inbox.Insert(ctx, tx, []*models.Notification{note}); err != nil {
			return err
		}
		nextAt := scheduleNext()
		if err := save(); err != nil {
			return err
		}
		sent = &SentNudge{OwnerID: *owner, NextAt: nextAt}
		return nil
	})
	return sent, err
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
		return fmt.Sprintf("%d hours", max(1, int(d/time.Hour)))
	}
	n := int((d + day/2) / day)
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}

func ignoreMissing(err error) error {
	if database.IsNoRows(err) {
		return nil
	}
	return err
}
