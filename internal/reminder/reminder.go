// Package reminder keeps people on time: it reminds an open incident's
// commander and communications lead when a status update falls due at the
// severity's cadence, and nudges the owners of retrospectives and
// follow-ups until they are done. The workers decide when to call it; it
// decides whether anything is still due, so a late or repeated call is
// harmless.
package reminder

import (
	"context"
	"fmt"
	"time"

	"firebreak/internal/incident"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
	"firebreak/internal/database"
	"firebreak/internal/inbox"
	"firebreak/models"
)

// Service sends reminders and nudges and snoozes them.
type Service struct {
	db        *bun.DB
	incidents *incident.Service
}

func NewService(db *bun.DB, incidents *incident.Service) *Service {
	return &Service{db: db, incidents: incidents}
}

// MaxSnoozeMinutes bounds a snooze: a day at most, so an open incident is
// never silently forgotten.
const MaxSnoozeMinutes = 24 * 60

// Snooze moves the next update reminder minutes from now.
func (s *Service) Snooze(ctx context.Context, actor *models.User, id int64, minutes int) (*models.Incident, error) {
	if err := actor.RequireRole(models.RoleResponder); err != nil {
		return nil, err
	}
	if minutes < 1 || minutes > MaxSnoozeMinutes {
		return nil, apperr.BadInput("minutes", "minutes must be between 1 and %d, got %d", MaxSnoozeMinutes, minutes)
	}
	var snoozed *models.Incident
	err := s.incidents.OnLocked(ctx, actor, id, incident.Locked{IncidentChanged: true}, func(ctx context.Context, tx bun.Tx, inc *models.Incident) error {
		snoozed = inc
		if !inc.Status.IsOpen() {
			return &apperr.Error{Code: apperr.InvalidTransition, Field: "incidentId",
				Message: "the incident is " + string(inc.Status) + "; it expects no more status updates"}
		}
		now := s.incidents.Now()
		inc.ExpectUpdate(now, time.Duration(minutes)*time.Minute)
		_, err := incident.RecordEvent(ctx, tx, inc, actor, models.EventReminderSnoozed, now,
			fmt.Sprintf("%s snoozed the update reminder for %d minutes", actor.Name, minutes),
			map[string]any{"minutes": minutes, "nextUpdateDueAt": inc.NextUpdateDueAt})
		return err
	})
	if err != nil {
		return nil, err
	}
	return snoozed, nil
}

// Due is an incident whose next status update falls due at DueAt.
type Due struct {
	IncidentID int64     `bun:"id"`
	DueAt      time.Time `bun:"next_update_due_at"`
}

// Due lists open incidents whose next update falls due
// before the given time, soonest first.
func (s *Service) Due(ctx context.Context, before time.Time, limit int) ([]Due, error) {
	var due []Due
	err := s.db.NewSelect().Model((*models.Incident)(nil)).Column("id", "next_update_due_at").
		Where("next_update_due_at < ?", before).
		Where("status IN (?)", bun.In([]models.IncidentStatus{models.StatusInvestigating, models.StatusIdentified, models.StatusMonitoring})).
		Order("next_update_due_at").Limit(int64(limit)).Scan(ctx, &due)
	return due, err
}

// Sent is a reminder that went out.
type Sent struct {
	Incident   *models.Incident
	Event      *models.TimelineEvent
	Recipients []int64
	// NextDueAt is when the following reminder falls due if nobody posts.
	NextDueAt time.Time
}

// Send reminds the incident's commander and communications
// lead that a status update is overdue, records it on the timeline and
// expects the next update one interval later. It does nothing (nil, nil)
// unless the incident still expects its update at exactly due and due has
// come, so a repeated, late or superseded task is harmless; the row lock
// makes concurrent workers send it once.
func (s *Service) Send(ctx context.Context, incidentID int64, due time.Time) (*Sent, error) {
	var sent *Sent
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		inc := new(models.Incident)
		err := tx.NewSelect().Model(inc).Where("i.id = ?", incidentID).For("UPDATE OF i").Scan(ctx)
		if database.IsNoRows(err) {
			return nil
		}
		if err != nil {
			return err
		}
		now := s.incidents.Now()
		if !inc.UpdateReminderDue(due, now) {
			return nil
		}
		sev := new(models.Severity)
		if err := tx.NewSelect().Model(sev).Where("id = ?", inc.SeverityID).Scan(ctx); err != nil {
			return err
		}
		var recipients []int64
		err = tx.NewSelect().Model((*models.RoleAssignment)(nil)).ColumnExpr("DISTINCT user_id").
			Where("incident_id = ?", inc.ID).Where("unassigned_at IS NULL").
			Where("role IN (?)", bun.In([]models.IncidentRole{models.RoleCommander, models.RoleCommunications})).
			Scan(ctx, &recipients)
		if err != nil {
			return err
		}
		if len(recipients) == 0 { // nobody holds the roles: the declarer is asked
			recipients = []int64{inc.CreatedByID}
		}
		message := fmt.Sprintf("INC-%d needs a status update: the last was %s ago, and %s expects one every %s.",
			inc.Number, now.Sub(inc.LastHeardAt()).Round(time.Minute), sev.Name, sev.UpdateInterval())
		ev, err := incident.RecordEvent(ctx, tx, inc, nil, models.EventReminderSent, now, message,
			map[string]any{"dueAt": due, "recipientIds": recipients})
		if err != nil {
			return err
		}
		notes := make([]*models.Notification, len(recipients))
		for i, userID := range recipients {
			notes[i] = &models.Notification{UserID: userID, IncidentID: &inc.ID, EventID: &ev.ID,
				Kind: models.NotificationUpdateReminder, Message: message}
		}
		if err := inbox.Insert(ctx, tx, notes); err != nil {
			return err
		}
		inc.ExpectUpdate(now, sev.UpdateInterval())
		// Not a change by people: the version, which guards their edits, stays.
		if _, err := tx.NewUpdate().Model(inc).Column("next_update_due_at", "last_event_sequence").
			Set("updated_at = now()").WherePK().Exec(ctx); err != nil {
			return err
		}
		sent = &Sent{Incident: inc, Event: ev, Recipients: recipients, NextDueAt: *inc.NextUpdateDueAt}
		return nil
	})
	return sent, err
}
