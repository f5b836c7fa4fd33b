package incident

import (
	"context"
	"encoding/json"
	"time"

	"github.com/uptrace/bun"

	"firebreak/models"
)

// RecordEvent appends an event to the incident's timeline. The caller holds
// the incident's row lock, so sequences are gap-free and strictly increasing;
// it must save the incident afterwards to persist LastEventSequence.
func RecordEvent(ctx context.Context, tx bun.Tx, inc *models.Incident, actor *models.User,
	kind models.TimelineEventKind, at time.Time, message string, data map[string]any,
) (*models.TimelineEvent, error) {
	raw, err := json.Marshal(data)
	if err != nil {
		return nil, err
	}
	if data == nil {
		raw = []byte("{}")
	}
	inc.LastEventSequence++
	ev := &models.TimelineEvent{
		IncidentID: inc.ID,
		Sequence:   inc.LastEventSequence,
		Kind:       kind,
		OccurredAt: at,
		Message:    message,
		Data:       raw,
	}
	if actor != nil {
		ev.ActorID = &actor.ID
	}
	// One statement: the event, its outbox row and the notification that
	// wakes the relay. The last two take effect only if the transaction
	// commits; the relay publishes from the outbox.
	err = tx.NewSelect().
		With("ev", tx.NewInsert().Model(ev).Returning("id, created_at")).
		With("outbox", tx.NewRaw("INSERT INTO event_outbox (event_id) SELECT id FROM ev")).
		With("woken", tx.NewRaw("SELECT pg_notify(?, '')", OutboxChannel)).
		TableExpr("ev, woken").ColumnExpr("ev.id, ev.created_at").
		Scan(ctx, &ev.ID, &ev.CreatedAt)
	if err != nil {
		return nil, err
	}
	return ev, nil
}

// OutboxChannel is the PostgreSQL notification channel that wakes the relay.
const OutboxChannel = "firebreak_outbox"
