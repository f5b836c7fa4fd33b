package delivery

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"firebreak/internal/events"
)

// OutboxConsumer records a delivery per event and endpoint that wants it,
// in the transaction that takes the events off the outbox, and hands the
// deliveries to the workers after it commits.
type OutboxConsumer struct {
	Deliveries *Service
	// Enqueue queues the deliveries; what it misses, the reconciler does.
	Enqueue func(ctx context.Context, deliveryIDs []int64) error
}

// Consume implements events.Consumer.
func (c OutboxConsumer) Consume(ctx context.Context, tx bun.Tx, batch []*events.Message) (func(context.Context) error, error) {
	ids, err := c.Deliveries.CreateDeliveries(ctx, tx, occurrences(batch))
	if err != nil {
		return nil, fmt.Errorf("record deliveries: %w", err)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	return func(ctx context.Context) error { return c.Enqueue(ctx, ids) }, nil
}

// occurrences views messages as what deliveries tell their receivers.
func occurrences(msgs []*events.Message) []Occurrence {
	occs := make([]Occurrence, len(msgs))
	for i, m := range msgs {
		occs[i] = Occurrence{Event: &m.Event, Incident: &m.Incident, Severity: &m.Severity,
			Products: m.Products, LatestUpdate: m.LatestUpdate, Actor: m.Actor}
	}
	return occs
}
