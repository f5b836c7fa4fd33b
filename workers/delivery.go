package workers

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"

	"github.com/hibiken/asynq"

	"firebreak/models"
)

// deliver makes one attempt at a delivery and records it. A failed attempt
// returns an error, so asynq retries it with backoff; the last one marks
// the delivery FAILED, where it stays visible.
func (w *Worker) deliver(ctx context.Context, t *asynq.Task) error {
	var p DeliveryPayload
	if err := json.Unmarshal(t.Payload(), &p); err != nil || p.DeliveryID <= 0 {
		return fmt.Errorf("bad %s payload %q: %w", TypeDelivery, t.Payload(), asynq.SkipRetry)
	}
	d, ep, err := w.notify.PendingDelivery(ctx, p.DeliveryID)
	if err != nil || d == nil {
		return err
	}
	retried, _ := asynq.GetRetryCount(ctx)
	maxRetry, ok := asynq.GetMaxRetry(ctx)
	last := ok && retried >= maxRetry
	d, attempt, err := w.notify.Attempt(ctx, ep, d, w.now(), last)
	if err != nil {
		return err
	}
	w.cfg.Telemetry.DeliveryAttempt(string(ep.Kind), attempt.Succeeded(), d.Status == models.DeliveryFailed)
	if attempt.Succeeded() {
		return nil
	}
	if last {
		slog.Warn("delivery failed for good", "delivery", d.ID, "endpoint", ep.Name, "attempts", d.Attempts, "error", *attempt.Error)
	}
	return fmt.Errorf("delivery %d to %q, attempt %d: %s", d.ID, ep.Name, d.Attempts, *attempt.Error)
}
