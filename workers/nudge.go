package workers

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"

	"firebreak/internal/reminder"
)

// TypeNudge nudges the owner of an unpublished retrospective or an
// unfinished follow-up: a day before it is due, on the day, and daily after.
const TypeNudge = "followup:nudge"

// NudgePayload names the nudge's subject and the nudge time it is for.
type NudgePayload struct {
	Kind reminder.NudgeKind `json:"kind"`
	ID   int64              `json:"id"`
	At   time.Time          `json:"at"`
}

// NewNudgeTask schedules a nudge to run in delay; its TaskID is derived from
// subject and time, like a reminder's.
func NewNudgeTask(p NudgePayload, delay time.Duration) (*asynq.Task, error) {
	payload, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	return asynq.NewTask(TypeNudge, payload,
		asynq.TaskID(nudgeTaskID(p)),
		asynq.ProcessIn(max(delay, 0)),
		asynq.MaxRetry(20),
		asynq.Timeout(30*time.Second),
	), nil
}

func nudgeTaskID(p NudgePayload) string {
	return fmt.Sprintf("nudge:%s:%d:%d", p.Kind, p.ID, p.At.UnixMicro())
}

func (w *Worker) sendNudge(ctx context.Context, t *asynq.Task) error {
	var p NudgePayload
	if err := json.Unmarshal(t.Payload(), &p); err != nil || p.ID <= 0 || p.At.IsZero() ||
		(p.Kind != reminder.NudgeRetrospective && p.Kind != reminder.NudgeActionItem) {
		return fmt.Errorf("bad %s payload %q: %w", TypeNudge, t.Payload(), asynq.SkipRetry)
	}
	sent, err := w.reminders.SendNudge(ctx, p.Kind, p.ID, p.At)
	if err != nil || sent == nil {
		return err
	}
	slog.Info("nudge sent", "kind", p.Kind, "id", p.ID, "owner", sent.OwnerID, "next_at", sent.NextAt)
	if sent.NextAt != nil {
		if err := w.scheduleNudge(ctx, NudgePayload{Kind: p.Kind, ID: p.ID, At: *sent.NextAt}); err != nil {
			slog.Warn("could not schedule the next nudge", "kind", p.Kind, "id", p.ID, "error", err)
		}
	}
	return nil
}

func (w *Worker) scheduleNudge(ctx context.Context, p NudgePayload) error {
	task, err := NewNudgeTask(p, p.At.Sub(w.now()))
	if err != nil {
		return err
	}
	_, err = w.client.EnqueueContext(ctx, task)
	return err
}
