package workers

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"

	"github.com/hibiken/asynq"
)

// sendUpdateReminder sends the reminder if the incident still expects its
// update at the payload's due time, then schedules the next one.
func (w *Worker) sendUpdateReminder(ctx context.Context, t *asynq.Task) error {
	var p UpdateReminderPayload
	if err := json.Unmarshal(t.Payload(), &p); err != nil || p.IncidentID <= 0 || p.DueAt.IsZero() {
		return fmt.Errorf("bad %s payload %q: %w", TypeUpdateReminder, t.Payload(), asynq.SkipRetry)
	}
	sent, err := w.reminders.Send(ctx, p.IncidentID, p.DueAt)
	if err != nil || sent == nil {
		return err
	}
	w.cfg.Telemetry.ReminderSent()
	slog.Info("update reminder sent", "incident", sent.Incident.Number, "recipients", sent.Recipients, "next_due_at", sent.NextDueAt)
	// If this enqueue fails, the reconciler schedules the next reminder.
	if err := w.scheduleReminder(ctx, p.IncidentID, sent.NextDueAt); err != nil {
		slog.Warn("could not schedule the next update reminder", "incident", sent.Incident.Number, "error", err)
	}
	return nil
}
