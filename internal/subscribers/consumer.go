package subscribers

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/uptrace/bun"

	"firebreak/internal/events"
	"firebreak/models"
)

// OutboxConsumer records a mail per subscriber for each public update of a
// published incident in an outbox batch, in the batch's transaction, and
// hands the mails to the workers after it commits.
type OutboxConsumer struct {
	// Enqueue queues the mails; what it misses, the reconciler does.
	Enqueue func(ctx context.Context, messageIDs []int64) error
}

// Consume implements events.Consumer.
func (c OutboxConsumer) Consume(ctx context.Context, tx bun.Tx, batch []*events.Message) (func(context.Context) error, error) {
	mails, err := Notify(ctx, tx, publicChanges(batch))
	if err != nil {
		return nil, fmt.Errorf("record subscriber mails: %w", err)
	}
	if len(mails) == 0 {
		return nil, nil
	}
	return func(ctx context.Context) error { return c.Enqueue(ctx, mails) }, nil
}

// publicChanges are the events subscribers may hear of: public updates,
// and incidents just published (Notify checks the rest).
func publicChanges(msgs []*events.Message) []Change {
	var out []Change
	for _, m := range msgs {
		var data struct {
			Public    bool  `json:"public"`
			UpdateID  int64 `json:"updateId"`
			Published bool  `json:"published"`
		}
		_ = json.Unmarshal(m.Event.Data, &data)
		switch {
		case m.Event.Kind == models.EventUpdatePosted && data.Public && data.UpdateID > 0:
			out = append(out, Change{IncidentID: m.Incident.ID, UpdateID: data.UpdateID})
		case m.Event.Kind == models.EventDetailsChanged && data.Published:
			out = append(out, Change{IncidentID: m.Incident.ID})
		}
	}
	return out
}
