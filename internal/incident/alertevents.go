package incident

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"firebreak/internal/inbox"
	"firebreak/models"
)

// AlertEvent is one alert's change, for the timeline.
type AlertEvent struct {
	Kind    models.TimelineEventKind // EventAlertFiring or EventAlertResolved
	Message string
	Data    map[string]any
	// TellCommander puts it in the commander's (else the declarer's) inbox.
	TellCommander bool
}

// RecordAlertEvents puts alerts' changes on an incident's timeline, as the
// alert source's person, in one transaction.
func (s *Service) RecordAlertEvents(ctx context.Context, actor *models.User, id int64, events []AlertEvent) error {
	if len(events) == 0 {
		return nil
	}
	return s.OnLocked(ctx, actor, id, Locked{}, func(ctx context.Context, tx bun.Tx, inc *models.Incident) error {
		now := s.now()
		for _, e := range events {
			ev, err := RecordEvent(ctx, tx, inc, actor, e.Kind, now, e.Message, e.Data)
			if err != nil {
				return err
			}
			if !e.TellCommander {
				continue
			}
			to := inc.CreatedByID
			commander, ok, err := RoleHolderID(ctx, tx, inc.ID, models.RoleCommander)
			if err != nil {
				return err
			}
			if ok {
				to = commander
			}
			if err := inbox.Insert(ctx, tx, []*models.Notification{{UserID: to, IncidentID: &inc.ID, EventID: &ev.ID,
				Kind: models.NotificationAlertsResolved, Message: fmt.Sprintf("INC-%d: %s", inc.Number, e.Message)}}); err != nil {
				return err
			}
		}
		return nil
	})
}
