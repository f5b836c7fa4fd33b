package smoke_test

import (
	"math"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"firebreak/internal/database"
	"firebreak/internal/testenv"
	"firebreak/internal/testenv/faults"
	"firebreak/models"
)

// PostgreSQL with a synchronous streaming standby: under a steady load of
// status updates and a live subscription, the primary stops and the
// standby is promoted. The API serves again without a restart (its
// DATABASE_URL names both hosts, target_session_attrs=read-write); every
// update reported a success is on the new primary; the failed ones failed
// with a code; the relay resumes, so the subscriber has every event once.
func TestPostgresFailoverKeepsEveryAcknowledgedWrite(t *testing.T) {
	t.Parallel()
	pair := faults.StartPostgresPair(t, true)
	env := testenv.NewWithOptions(t, testenv.Options{DatabaseURL: pair.URL})
	inc := env.Declare(t, map[string]any{"title": "Through a PostgreSQL failover", "severityLevel": 3})
	first, after := lastSequence(t, env, inc.ID)
	poster := &updatePoster{env: env, incidentID: inc.ID}
	reader := &incidentReader{env: env, incidentID: inc.ID}
	c := testenv.DialWS(t, env.Server.URL, env.ViewerKey)

	var last atomic.Int64
	last.Store(math.MaxInt64)
	var gap, afterPromotion time.Duration
	var promoted time.Time
	loadDone := make(chan struct{})
	go func() {
		defer close(loadDone)
		stop := make(chan struct{})
		var posting sync.WaitGroup
		posting.Add(1)
		go func() { defer posting.Done(); poster.every(20*time.Millisecond, stop) }()
		posting.Add(1)
		go func() { defer posting.Done(); reader.every(20*time.Millisecond, stop) }()
		time.Sleep(500 * time.Millisecond)
		poster.mu.Lock()
		poster.mark = time.Now()
		poster.mu.Unlock()
		pair.StopPrimary(t)
		pair.PromoteStandby(t)
		promoted = time.Now()
		// Until the first update after the fault is served (or 30 s).
		testenv.Within(30*time.Second, func() bool {
			poster.mu.Lock()
			defer poster.mu.Unlock()
			return !poster.firstSuccessAfter.IsZero() || len(poster.succeeded) == 0
		})
		time.Sleep(time.Second)
		close(stop)
		posting.Wait()
		poster.mu.Lock()
		if !poster.firstSuccessAfter.IsZero() {
			gap = poster.firstSuccessAfter.Sub(poster.mark)
			afterPromotion = max(0, poster.firstSuccessAfter.Sub(promoted))
		}
		last.Store(int64(first + len(poster.succeeded) + 1))
		poster.mu.Unlock()
		poster.post("the end")
	}()
	collectUntil(t, c, inc.ID, after, first+1, func() int { return int(last.Load()) }, nil)
	<-loadDone
	t.Logf("writes succeeded again %s after the primary stopped (%s after the promotion returned); %d updates succeeded, %d failed: %v",
		gap.Round(time.Millisecond), afterPromotion.Round(time.Millisecond), len(poster.succeeded), len(poster.failures), poster.failures)
	if gap == 0 {
		t.Fatal("no update succeeded after the failover")
	}
	// Reads change nothing, so the API retries them through the switch.
	if reader.reads == 0 || len(reader.failures) > 0 {
		t.Errorf("%d reads during the failover, %d failed: %v", reader.reads, len(reader.failures), reader.failures)
	}
	for _, code := range poster.failures {
		if code != "UNAVAILABLE" {
			t.Errorf("an update failed during the failover with %q, want UNAVAILABLE (retry later)", code)
		}
	}

	// Read from the new primary alone: every acknowledged update is there.
	newPrimary, err := database.Open(pair.StandbyURL(), 1)
	if err != nil {
		t.Fatal(err)
	}
	defer newPrimary.Close()
	// An update answered UNAVAILABLE may have committed all the same (its
	// commit reached the standby, its answer never reached the API): its
	// fate is unknown, which is why the API never repeats a mutation.
	var ids []int64
	if err := newPrimary.NewRaw("SELECT id FROM incident_updates WHERE incident_id = (SELECT id FROM incidents WHERE title = 'Through a PostgreSQL failover')").Scan(t.Context(), &ids); err != nil {
		t.Fatal(err)
	}
	stored := map[string]bool{}
	for _, id := range ids {
		stored[models.GlobalID(models.TypeIncidentUpdate, id)] = true
	}
	for _, id := range poster.succeeded {
		if !stored[id] {
			t.Errorf("update %s reported a success but is not on the new primary", id)
		}
	}
	if len(ids) > len(poster.succeeded)+len(poster.failures) {
		t.Fatalf("%d updates on the new primary, more than the %d posted", len(ids), len(poster.succeeded)+len(poster.failures))
	}
}

// With FIREBREAK_DATABASE_READ_URL, response metrics are read from the
// replica (its connections are there, under their own application_name);
// when the replica goes away the next request is served by the primary.
func TestMetricsReadFromTheReplicaAndFallBack(t *testing.T) {
	t.Parallel()
	pair := faults.StartPostgresPair(t, false)
	env := testenv.NewWithOptions(t, testenv.Options{DatabaseURL: pair.URL, ReadDatabaseURL: pair.StandbyURL() + "&application_name=firebreak-reads"})
	env.Declare(t, map[string]any{"title": "Counted on the replica", "severityLevel": 2})
	const count = `{ incidentMetrics { count } }`
	waitFor(t, "the replica to count the incident (asynchronous replication)", func() bool {
		var out struct{ IncidentMetrics struct{ Count int } }
		env.Query(t, env.ViewerKey, count, nil, &out)
		return out.IncidentMetrics.Count == 1
	})
	standby, err := database.Open(pair.StandbyURL(), 1)
	if err != nil {
		t.Fatal(err)
	}
	var readers int
	err = standby.NewRaw("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'firebreak-reads'").Scan(t.Context(), &readers)
	standby.Close()
	if err != nil || readers == 0 {
		t.Fatalf("the replica has %d connections of the read pool (%v): the metrics were not read there", readers, err)
	}

	pair.StopStandby(t)
	served := false
	for attempt := 0; attempt < 3 && !served; attempt++ {
		res := env.Post(t, env.ViewerKey, count, nil)
		if len(res.Errors) == 0 {
			served = true
			break
		}
		if res.Errors[0].Code() != "UNAVAILABLE" {
			t.Fatalf("with the replica gone: %+v, want UNAVAILABLE until the primary takes over", res.Errors)
		}
	}
	if !served {
		t.Fatal("the primary did not take the metrics over from the stopped replica")
	}
}
