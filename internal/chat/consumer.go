package chat

import (
	"context"

	"github.com/uptrace/bun"

	"firebreak/internal/events"
)

// OutboxConsumer marks the incidents of each outbox batch as wanting a
// chat sync, in the batch's transaction, and hands the syncs to the
// workers after it commits.
type OutboxConsumer struct {
	// Enqueue queues the syncs; what it misses, the reconciler does.
	Enqueue func(ctx context.Context, wanted []Wanted) error
}

// Consume implements events.Consumer.
func (c OutboxConsumer) Consume(ctx context.Context, tx bun.Tx, batch []*events.Message) (func(context.Context) error, error) {
	versions := map[int64]int64{}
	for _, m := range batch {
		versions[m.Incident.ID] = max(versions[m.Incident.ID], int64(m.Event.Sequence))
	}
	wanted, err := Want(ctx, tx, versions)
	if err != nil || len(wanted) == 0 {
		return nil, err
	}
	return func(ctx context.Context) error { return c.Enqueue(ctx, wanted) }, nil
}
