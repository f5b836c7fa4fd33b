package smoke_test

import (
	"strings"
	"testing"
	"time"

	"firebreak/internal/testenv"
	"firebreak/internal/testenv/faults"
)

// On a Redis Cluster (three primaries): live events reach a subscriber,
// a reminder falls due and is sent by a worker through asynq's queues, and
// a webhook is delivered — every use Firebreak makes of Redis, with keys
// spread over the cluster's slots.
func TestRedisClusterCarriesEverything(t *testing.T) {
	t.Parallel()
	env := testenv.NewWithOptions(t, testenv.Options{RedisURL: faults.StartRedisCluster(t)})
	env.StartWorker(t)
	hook := newReceiver(t)
	ep := createEndpoint(t, env, map[string]any{"name": "Reminders", "kind": "WEBHOOK", "url": hook.URL, "eventKinds": []string{"REMINDER_SENT"}})
	inc := env.Declare(t, map[string]any{"title": "On a cluster", "severityLevel": 1})
	first, after := lastSequence(t, env, inc.ID)

	c := testenv.DialWS(t, env.Server.URL, env.ViewerKey)
	c.Subscribe("live", eventsSubscription, map[string]any{"id": inc.ID, "after": after})
	postUpdate(t, env, inc.ID, "through the cluster")
	if ev := nextEvent(t, c, "live"); ev.Sequence != first+1 || ev.Kind != "UPDATE_POSTED" {
		t.Fatalf("live event: %+v", ev)
	}

	env.Clock.Advance(31 * time.Minute)
	waitForReminders(t, env, inc.ID, 1)
	d := waitForDeliveries(t, env, ep.ID, "DELIVERED", 1)[0]
	if !strings.Contains(d.Body, `"type":"REMINDER_SENT"`) {
		t.Fatalf("delivery: %s", d.Body)
	}
}
