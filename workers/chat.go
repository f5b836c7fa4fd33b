package workers

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/hibiken/asynq"

	"firebreak/internal/chat"
)

// TypeChatSync brings an incident's Slack channel and headline up to date.
const TypeChatSync = "chat:sync"

// ChatSyncMaxRetry retries a sync Slack refused for about 40 minutes (the
// default backoff); the reconciler then runs it again while the incident is
// still behind, so a long Slack outage loses nothing.
const ChatSyncMaxRetry = 8

// NewChatSyncTask makes the sync for one change of an incident; its id
// names the incident and the change, so each change is queued once.
func NewChatSyncTask(w chat.Wanted) (*asynq.Task, error) {
	payload, err := json.Marshal(w)
	if err != nil {
		return nil, err
	}
	return asynq.NewTask(TypeChatSync, payload, asynq.TaskID(chatSyncTaskID(w)),
		asynq.MaxRetry(ChatSyncMaxRetry), asynq.Timeout(time.Minute)), nil
}

func chatSyncTaskID(w chat.Wanted) string {
	return fmt.Sprintf("chat-sync:%d:%d", w.IncidentID, w.Version)
}

// EnqueueChatSyncs hands the relay's chat syncs to the workers.
func (e *Enqueuer) EnqueueChatSyncs(ctx context.Context, wanted []chat.Wanted) error {
	_, err := enqueueEach(ctx, e.client, wanted, NewChatSyncTask)
	return err
}

// WithChat makes the worker run the Slack bot's syncs.
func (w *Worker) WithChat(bot *chat.Bot) *Worker {
	w.chat = bot
	return w
}

// syncChat runs one sync; Slack's refusals are retried (after Retry-After
// when it rate-limits, see retryDelay).
func (w *Worker) syncChat(ctx context.Context, t *asynq.Task) error {
	var p chat.Wanted
	if err := json.Unmarshal(t.Payload(), &p); err != nil || p.IncidentID <= 0 {
		return fmt.Errorf("bad %s payload %q: %w", TypeChatSync, t.Payload(), asynq.SkipRetry)
	}
	if w.chat == nil {
		return fmt.Errorf("the Slack bot is not configured on this worker (FIREBREAK_SLACK_BOT_TOKEN)")
	}
	return w.chat.Sync(ctx, p.IncidentID)
}

// reconcileChat queues the syncs of incidents Slack is behind on, and runs
// again those whose retries ran out.
func (w *Worker) reconcileChat(ctx context.Context) error {
	if w.chat == nil {
		return nil
	}
	behind, err := w.chat.Behind(ctx, reconcileBatch)
	if err != nil {
		return err
	}
	queued, err := enqueueEach(ctx, w.client, behind, NewChatSyncTask)
	ids := make([]string, len(queued))
	for i, q := range queued {
		ids[i] = chatSyncTaskID(q)
	}
	w.rerunArchived(ids)
	return err
}
