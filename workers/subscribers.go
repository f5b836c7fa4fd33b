package workers

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/hibiken/asynq"

	"firebreak/internal/subscribers"
)

// TypeSubscriberMail mails one status page subscriber.
const TypeSubscriberMail = "status:mail"

// SubscriberMailMaxRetry retries an SMTP refusal for about 40 minutes.
const SubscriberMailMaxRetry = 8

type subscriberMailPayload struct {
	MessageID int64 `json:"messageId"`
}

// NewSubscriberMailTask is the task for one message; its id is the
// message's, so it is queued once.
func NewSubscriberMailTask(messageID int64) (*asynq.Task, error) {
	payload, err := json.Marshal(subscriberMailPayload{MessageID: messageID})
	if err != nil {
		return nil, err
	}
	return asynq.NewTask(TypeSubscriberMail, payload, asynq.TaskID(subscriberMailTaskID(messageID)),
		asynq.MaxRetry(SubscriberMailMaxRetry), asynq.Timeout(time.Minute)), nil
}

func subscriberMailTaskID(id int64) string { return fmt.Sprintf("status-mail:%d", id) }

// EnqueueSubscriberMails hands the relay's (and the subscribe form's)
// mails to the workers.
func (e *Enqueuer) EnqueueSubscriberMails(ctx context.Context, ids []int64) error {
	_, err := enqueueEach(ctx, e.client, ids, NewSubscriberMailTask)
	return err
}

// WithSubscribers makes the worker mail status page subscribers.
func (w *Worker) WithSubscribers(s *subscribers.Service) *Worker {
	w.subscribers = s
	return w
}

func (w *Worker) mailSubscriber(ctx context.Context, t *asynq.Task) error {
	var p subscriberMailPayload
	if err := json.Unmarshal(t.Payload(), &p); err != nil || p.MessageID <= 0 {
		return fmt.Errorf("bad %s payload %q: %w", TypeSubscriberMail, t.Payload(), asynq.SkipRetry)
	}
	if w.subscribers == nil {
		return fmt.Errorf("subscriptions are not configured on this worker (FIREBREAK_SMTP_URL)")
	}
	retried, _ := asynq.GetRetryCount(ctx)
	maxRetry, ok := asynq.GetMaxRetry(ctx)
	return w.subscribers.Send(ctx, p.MessageID, ok && retried >= maxRetry)
}

// reconcileSubscriberMails queues mails left pending, and re-runs those
// whose retries ran out while still pending.
func (w *Worker) reconcileSubscriberMails(ctx context.Context) error {
	if w.subscribers == nil {
		return nil
	}
	pending, err := w.subscribers.Pending(ctx, reconcileBatch)
	if err != nil {
		return err
	}
	queued, err := enqueueEach(ctx, w.client, pending, NewSubscriberMailTask)
	ids := make([]string, len(queued))
	for i, id := range queued {
		ids[i] = subscriberMailTaskID(id)
	}
	w.rerunArchived(ids)
	return err
}
