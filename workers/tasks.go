// Package workers holds Firebreak's asynq tasks — status-update reminders,
// retrospective and follow-up nudges, webhook and Slack deliveries, and the
// reconciler that re-derives them from PostgreSQL — and the worker process
// that runs them. Tasks carry only ids and due times: handlers
// re-read PostgreSQL, the truth, before acting, so a duplicate, retried or
// superseded task does nothing.
package workers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"
)

// Task types.
const (
	TypeUpdateReminder = "incident:update_reminder"
	TypeReconcile      = "firebreak:reconcile"
)

// UpdateReminderPayload names the due time a reminder is for: an update
// posted since moves the incident's due time, and the task becomes a no-op.
type UpdateReminderPayload struct {
	IncidentID int64     `json:"incidentId"`
	DueAt      time.Time `json:"dueAt"`
}

// NewUpdateReminderTask schedules a reminder to run in delay (at once when
// the delay is not positive). Its TaskID is derived from the incident and due
// time, so the reconciler and the previous reminder enqueueing the same one
// produce a single task.
func NewUpdateReminderTask(p UpdateReminderPayload, delay time.Duration) (*asynq.Task, error) {
	payload, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	return asynq.NewTask(TypeUpdateReminder, payload,
		asynq.TaskID(reminderTaskID(p)),
		asynq.ProcessIn(max(delay, 0)),
		// Retried with asynq's exponential backoff for about a day: a
		// reminder for a due time that old has been overtaken by the next.
		asynq.MaxRetry(20),
		asynq.Timeout(30*time.Second),
	), nil
}

func reminderTaskID(p UpdateReminderPayload) string {
	return fmt.Sprintf("update-reminder:%d:%d", p.IncidentID, p.DueAt.UnixMicro())
}

// defaultQueue is asynq's queue, the one every task goes to.
const defaultQueue = "default"

// NewReconcileTask asks a worker to enqueue everything PostgreSQL says is
// due. Several schedulers may ask at once; Unique keeps one in the queue,
// and the work is idempotent anyway.
func NewReconcileTask(every time.Duration) *asynq.Task {
	return asynq.NewTask(TypeReconcile, nil,
		asynq.Unique(every),
		asynq.MaxRetry(0), // the next tick retries
		asynq.Timeout(max(every, time.Minute)),
	)
}

// TypeDelivery sends one delivery to its endpoint.
const TypeDelivery = "notify:delivery"

// DeliveryMaxRetry is how often a failing delivery is retried before it is
// marked FAILED: with the default backoff (10 s doubling) the last attempt
// comes about 42 minutes after the first.
const DeliveryMaxRetry = 8

// DeliveryPayload names the delivery; its body and endpoint are read from
// PostgreSQL when it runs.
type DeliveryPayload struct {
	DeliveryID int64 `json:"deliveryId"`
}

// NewDeliveryTask makes the task for one delivery; its id is the
// delivery's, so the relay and the reconciler cannot queue it twice.
func NewDeliveryTask(deliveryID int64) (*asynq.Task, error) {
	payload, err := json.Marshal(DeliveryPayload{DeliveryID: deliveryID})
	if err != nil {
		return nil, err
	}
	return asynq.NewTask(TypeDelivery, payload,
		asynq.TaskID(deliveryTaskID(deliveryID)),
		asynq.MaxRetry(DeliveryMaxRetry),
		asynq.Timeout(30*time.Second),
	), nil
}

// Enqueuer hands new deliveries to the workers; the event relay uses it
// right after it records them.
type Enqueuer struct{ client *asynq.Client }

// NewEnqueuer returns an enqueuer on the given Redis.
func NewEnqueuer(rdb redis.UniversalClient) *Enqueuer {
	return &Enqueuer{client: asynq.NewClientFromRedisClient(rdb)}
}

// EnqueueDeliveries queues a task per delivery; ones already queued are
// left as they are.
func (e *Enqueuer) EnqueueDeliveries(ctx context.Context, ids []int64) error {
	_, err := enqueueNewDeliveries(ctx, e.client, ids)
	return err
}

// enqueueNewDeliveries queues a task per delivery and returns the ids of
// those whose task was already there.
func enqueueNewDeliveries(ctx context.Context, client *asynq.Client, ids []int64) (queued []int64, err error) {
	return enqueueEach(ctx, client, ids, NewDeliveryTask)
}

// enqueueEach queues the task of each item (tasks with ids of their own)
// and returns the items whose task was already there.
func enqueueEach[T any](ctx context.Context, client *asynq.Client, items []T, taskOf func(T) (*asynq.Task, error)) (queued []T, err error) {
	for _, item := range items {
		task, err := taskOf(item)
		if err != nil {
			return queued, err
		}
		_, err = client.EnqueueContext(ctx, task)
		switch {
		case errors.Is(err, asynq.ErrTaskIDConflict):
			queued = append(queued, item)
		case err != nil:
			return queued, err
		}
	}
	return queued, nil
}

// rerunArchived runs again the tasks among ids that used up their retries
// while their work is still due (the reconciler says so).
func (w *Worker) rerunArchived(ids []string) {
	for _, id := range ids {
		if info, err := w.inspector.GetTaskInfo(defaultQueue, id); err == nil && info.State == asynq.TaskStateArchived {
			w.runTaskNow(id)
		}
	}
}

func deliveryTaskID(deliveryID int64) string { return fmt.Sprintf("delivery:%d", deliveryID) }
