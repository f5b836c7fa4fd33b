package events

import (
	"context"

	"github.com/uptrace/bun"
)

// Consumer is one integration hanging off the outbox: delivery to
// endpoints, the Slack bot, the status page's subscribers, and the next
// one (paging) beside them. The relay knows none of them by name; the
// list is put together in internal/app.
type Consumer interface {
	// Consume records, in the transaction that takes batch off the outbox,
	// the work the consumer will do for it (so the work exists exactly
	// when the events left the outbox), and returns what hands that work
	// to the workers once the transaction has committed: nil when there is
	// nothing to hand over. A hand-over that fails is logged and left to
	// the workers' reconciler, which finds the recorded work by itself.
	Consume(ctx context.Context, tx bun.Tx, batch []*Message) (handOver func(context.Context) error, err error)
}
