package smoke_test

import (
	"context"
	"fmt"
	"math"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"firebreak/internal/redisconn"
	"firebreak/internal/testenv"
	"firebreak/internal/testenv/faults"
)

// Redis behind Sentinel: under a steady load of status updates, a live
// subscription, due reminders and webhook deliveries, the primary is
// killed and the Sentinels promote the replica. Every update that got a
// success is in PostgreSQL, the subscriber (resuming from its cursor when
// told to) has every event exactly once, every due reminder is sent
// exactly once, and every webhook delivery arrives. The time Redis was
// unavailable is logged (docs/operations.md).
func TestRedisSentinelFailoverLosesNothing(t *testing.T) {
	t.Parallel()
	set := faults.StartRedisSentinelSet(t)
	env := testenv.NewWithOptions(t, testenv.Options{RedisURL: set.URL})
	worker := env.StartWorker(t)
	hook := newReceiver(t)
	ep := createEndpoint(t, env, map[string]any{"name": "Everything", "kind": "WEBHOOK", "url": hook.URL})
	// SEV-3 (a 4-hour cadence) takes the updates, so no reminder of its
	// own interleaves with them; three SEV-1 incidents fall due mid-failover.
	inc := env.Declare(t, map[string]any{"title": "Through a Redis failover", "severityLevel": 3})
	var due []string
	for i := range 3 {
		due = append(due, env.Declare(t, map[string]any{"title": fmt.Sprintf("Due during the failover %d", i), "severityLevel": 1}).ID)
	}
	first, after := lastSequence(t, env, inc.ID)

	poster := &updatePoster{env: env, incidentID: inc.ID}
	var (
		last     atomic.Int64
		redisGap time.Duration
	)
	last.Store(math.MaxInt64)

	c := testenv.DialWS(t, env.Server.URL, env.ViewerKey)
	loadDone := make(chan struct{})
	go func() {
		defer close(loadDone)
		stop := make(chan struct{})
		var posting sync.WaitGroup
		posting.Add(1)
		go func() { defer posting.Done(); poster.every(20*time.Millisecond, stop) }()
		time.Sleep(500 * time.Millisecond) // load before the fault
		env.Clock.Advance(31 * time.Minute)
		probe := failoverClient(t, set.URL)
		killed := time.Now()
		set.KillPrimary(t)
		// Until the promoted primary takes a write.
		testenv.Within(time.Minute, func() bool {
			return probe.Set(context.Background(), "failover-probe", killed.String(), 0).Err() == nil
		})
		redisGap = time.Since(killed)
		time.Sleep(time.Second) // load after the promotion
		close(stop)
		posting.Wait()
		// The end: one more update, the last event the subscriber waits for.
		last.Store(int64(first + poster.count() + 1))
		poster.post("the end")
	}()
	collectUntil(t, c, inc.ID, after, first+1, func() int { return int(last.Load()) }, nil)
	<-loadDone
	t.Logf("Redis writable again %s after the primary was killed; %d updates succeeded, %d failed", redisGap.Round(time.Millisecond), len(poster.succeeded), len(poster.failures))
	if len(poster.failures) > 0 {
		t.Errorf("updates failed during the failover (they need only PostgreSQL): %v", poster.failures)
	}

	var stored int
	if err := env.DB.NewRaw("SELECT count(*) FROM incident_updates WHERE incident_id = (SELECT id FROM incidents WHERE title = 'Through a Redis failover')").Scan(t.Context(), &stored); err != nil {
		t.Fatal(err)
	}
	if stored != len(poster.succeeded) {
		t.Fatalf("%d updates reported a success, %d are in PostgreSQL", len(poster.succeeded), stored)
	}

	// Each due incident gets its reminder once, even after the reconciler
	// looks again on the new primary.
	for _, id := range due {
		waitForReminders(t, env, id, 1)
	}
	if err := worker.ReconcileNow(t.Context()); err != nil {
		t.Fatal(err)
	}
	for _, id := range due {
		if n := len(reminders(t, env, id).Reminders); n != 1 {
			t.Errorf("incident %s: %d reminders after the failover, want 1", id, n)
		}
	}

	// Every delivery arrives.
	var delivered int
	waitFor(t, "every webhook delivery to arrive", func() bool {
		total := deliveryCount(t, env, ep.ID)
		delivered = deliveriesIn(t, env, ep.ID, "DELIVERED")
		return total > len(poster.succeeded) && delivered == total
	})
	if got := len(hook.byEvent()); got < delivered {
		t.Fatalf("%d deliveries are DELIVERED but the receiver got %d events", delivered, got)
	}
}

// failoverClient is a client of REDIS_URL of its own (go-redis's failover
// client when it names Sentinels).
func failoverClient(t *testing.T, url string) redis.UniversalClient {
	t.Helper()
	target, err := redisconn.Parse(url)
	if err != nil {
		t.Fatal(err)
	}
	client := target.Client()
	t.Cleanup(func() { client.Close() })
	return client
}

// deliveriesIn counts an endpoint's deliveries in a status.
func deliveriesIn(t *testing.T, env *testenv.Env, endpointID, status string) int {
	t.Helper()
	var out struct {
		Node struct{ Deliveries struct{ TotalCount int } }
	}
	env.Query(t, env.AdminKey, `query($id: ID!, $s: DeliveryStatus) { node(id: $id) { ... on NotificationEndpoint { deliveries(status: $s) { totalCount } } } }`,
		map[string]any{"id": endpointID, "s": status}, &out)
	return out.Node.Deliveries.TotalCount
}
