package workers

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"
)

// reconcileBatch bounds the reminders one reconcile enqueues; a larger
// backlog is taken up by the next run.
const reconcileBatch = 20_000

// reconcile derives from PostgreSQL every reminder due before the next run
// and enqueues what Redis lacks. Deterministic task ids make the already
// enqueued ones no-ops, so a flushed or restarted Redis loses nothing.
func (w *Worker) reconcile(ctx context.Context, _ *asynq.Task) error {
	due, err := w.reminders.Due(ctx, w.now().Add(w.lookahead()), reconcileBatch)
	if err != nil {
		return err
	}
	added, now := 0, w.now()
	for _, d := range due {
		err := w.scheduleReminder(ctx, d.IncidentID, d.DueAt)
		switch {
		case err == nil:
			added++
		case errors.Is(err, asynq.ErrTaskIDConflict):
			if !d.DueAt.After(now) {
				w.runTaskNow(reminderTaskID(UpdateReminderPayload{IncidentID: d.IncidentID, DueAt: d.DueAt}))
			}
		default:
			return err
		}
	}
	if added > 0 {
		slog.Info("reconciler enqueued update reminders", "enqueued", added, "due", len(due))
	}
	nudges, err := w.reminders.DueNudges(ctx, w.now().Add(w.lookahead()), reconcileBatch)
	if err != nil {
		return err
	}
	for _, n := range nudges {
		p := NudgePayload{Kind: n.Kind, ID: n.ID, At: n.At}
		err := w.scheduleNudge(ctx, p)
		if errors.Is(err, asynq.ErrTaskIDConflict) && !n.At.After(now) {
			w.runTaskNow(nudgeTaskID(p))
		} else if err != nil && !errors.Is(err, asynq.ErrTaskIDConflict) {
			return err
		}
	}
	// Deliveries the relay recorded but could not hand over (or that a
	// flush lost). Queued and retrying ones keep their backoff; one archived
	// while still PENDING (its last attempt could not be recorded) gets
	// another attempt.
	pending, err := w.notify.PendingDeliveryIDs(ctx, reconcileBatch)
	if err != nil {
		return err
	}
	queued, err := enqueueNewDeliveries(ctx, w.client, pending)
	ids := make([]string, len(queued))
	for i, id := range queued {
		ids[i] = deliveryTaskID(id)
	}
	w.rerunArchived(ids)
	if err != nil {
		return err
	}
	if err := w.reconcileSubscriberMails(ctx); err != nil {
		return err
	}
	if err := w.announceAlertLeftovers(ctx); err != nil {
		return err
	}
	if err := w.pruneAlertPayloads(ctx); err != nil {
		return err
	}
	// Incidents whose Slack channel and headline are behind their record.
	return w.reconcileChat(ctx)
}

// scheduleReminder enqueues the reminder for one due time, to run when it
// falls due by this worker's clock.
func (w *Worker) scheduleReminder(ctx context.Context, incidentID int64, due time.Time) error {
	task, err := NewUpdateReminderTask(UpdateReminderPayload{IncidentID: incidentID, DueAt: due}, due.Sub(w.now()))
	if err != nil {
		return err
	}
	_, err = w.client.EnqueueContext(ctx, task)
	return err
}

// runTaskNow makes a due task that is already queued run at once: one
// scheduled for later by another clock, waiting out a retry backoff, or
// archived after its last retry (its id would otherwise block the work for
// good, asynq #492). A pending or running task is left alone.
func (w *Worker) runTaskNow(id string) {
	if err := w.inspector.RunTask(defaultQueue, id); err == nil {
		slog.Info("reconciler ran a due task early", "task", id)
	}
}

// ReconcileNow runs one reconciliation at once, as the periodic task does:
// for operators' tools and for tests that need to know it has run (a
// barrier, where waiting a period would only make it likely).
func (w *Worker) ReconcileNow(ctx context.Context) error { return w.reconcile(ctx, nil) }
