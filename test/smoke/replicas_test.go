package smoke_test

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"firebreak/internal/testenv"
	"firebreak/internal/testenv/faults"
	"firebreak/workers"
)

// requireFaults skips the slow fault suite unless `make faults` runs it.
func requireFaults(t *testing.T) {
	t.Helper()
	if os.Getenv("FIREBREAK_FAULTS") == "" {
		t.Skip("a slow fault test: `make faults` runs it (CI does)")
	}
}

// followEvents reads an incident's events through url until it has every
// sequence up to last(), as a client behind a load balancer does: when its
// socket dies it connects again (to whichever server the balancer picks)
// and resubscribes from the last cursor it received; RESUBSCRIBE and
// complete resubscribe too. It returns the sequences in the order they
// arrived.
func followEvents(url, key, incidentID, after string, last func() int) ([]int, error) {
	var got []int
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		c, ack, err := testenv.TryDialWS(url, key)
		if err != nil || ack.Type != "connection_ack" {
			time.Sleep(100 * time.Millisecond)
			continue
		}
		op := 0
		subscribe := func() error {
			op++
			return c.TrySubscribe(strconv.Itoa(op), eventsSubscription, map[string]any{"id": incidentID, "after": after})
		}
		err = subscribe()
		for err == nil {
			if n := len(got); n > 0 && got[n-1] >= last() {
				c.Conn.CloseNow()
				return got, nil
			}
			var m testenv.WSMessage
			if m, err = c.TryRead(5 * time.Second); err != nil || m.ID != strconv.Itoa(op) {
				continue
			}
			var p struct {
				Data   struct{ IncidentEvents *liveEvent }
				Errors []testenv.GraphQLError
			}
			switch m.Type {
			case "next":
				_ = json.Unmarshal(m.Payload, &p)
				if ev := p.Data.IncidentEvents; ev != nil {
					got, after = append(got, ev.Sequence), ev.Cursor
				} else {
					err = subscribe()
				}
			case "error", "complete":
				err = subscribe()
			}
		}
		c.Conn.CloseNow()
	}
	return got, fmt.Errorf("gave up with %d events", len(got))
}

// Three API processes and two workers behind HAProxy. Under a load of
// status updates and six live subscriptions (two on each API process), one
// API process is killed: its clients connect again through the balancer and
// resume from their cursors, each ending with every event exactly once;
// every update that got a success is stored. Then a worker is killed while
// it delivers a webhook: the delivery completes once, on the other worker.
func TestReplicasBehindHAProxy(t *testing.T) {
	requireFaults(t)
	t.Parallel()
	env := testenv.New(t)
	common := []string{"DATABASE_URL=" + env.DatabaseURL, "REDIS_URL=" + env.RedisURL, "FIREBREAK_EVENTS_CHANNEL=" + env.Channel,
		"FIREBREAK_LOG_LEVEL=error", "FIREBREAK_DRAIN_DELAY=0s", "FIREBREAK_RATE_LIMIT=off", "FIREBREAK_ALLOW_PRIVATE_WEBHOOKS=true",
		"FIREBREAK_RECONCILE_INTERVAL=1s"}
	var apis []*exec.Cmd
	var backends []string
	for range 3 {
		addr := fmt.Sprintf("127.0.0.1:%d", testenv.FreePort(t))
		apis = append(apis, faults.StartProcess(t, append(common, "FIREBREAK_ADDR="+addr), "serve"))
		backends = append(backends, addr)
	}
	for _, b := range backends {
		testenv.WaitForHTTP(t, "http://"+b+"/readyz")
	}
	var workerProcs []*exec.Cmd
	for range 2 {
		workerProcs = append(workerProcs, faults.StartProcess(t, append(common, fmt.Sprintf("FIREBREAK_WORKER_METRICS_ADDR=127.0.0.1:%d", testenv.FreePort(t))), "worker"))
	}
	lb := faults.StartHAProxy(t, backends...)

	inc := env.Declare(t, map[string]any{"title": "Behind a balancer", "severityLevel": 3})
	first, after := lastSequence(t, env, inc.ID)
	poster := &updatePoster{env: env, incidentID: inc.ID}
	poster.env = &testenv.Env{Server: &httptest.Server{URL: lb}, ResponderKey: env.ResponderKey}

	var last atomic.Int64
	last.Store(math.MaxInt64)
	results := make([][]int, 6)
	errs := make([]error, 6)
	var following sync.WaitGroup
	for i := range results {
		following.Add(1)
		go func() {
			defer following.Done()
			results[i], errs[i] = followEvents(lb, env.ViewerKey, inc.ID, after, func() int { return int(last.Load()) })
		}()
	}
	stop := make(chan struct{})
	var posting sync.WaitGroup
	posting.Add(1)
	go func() { defer posting.Done(); poster.every(20*time.Millisecond, stop) }()
	time.Sleep(time.Second)
	killed := apis[1]
	if err := killed.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second)
	close(stop)
	posting.Wait()
	last.Store(int64(first + poster.count() + 1))
	if !poster.post("the end") {
		t.Fatalf("the last update failed: %v", poster.failures)
	}
	following.Wait()
	want := make([]int, 0)
	for s := first + 1; s <= int(last.Load()); s++ {
		want = append(want, s)
	}
	for i := range results {
		if errs[i] != nil || !slices.Equal(results[i], want) {
			t.Errorf("subscriber %d: %v; %d events, want %d once each in order", i, errs[i], len(results[i]), len(want))
		}
	}
	var stored int
	if err := env.DB.NewRaw("SELECT count(*) FROM incident_updates WHERE incident_id = (SELECT id FROM incidents WHERE title = 'Behind a balancer')").Scan(t.Context(), &stored); err != nil {
		t.Fatal(err)
	}
	if stored != poster.count() {
		t.Fatalf("%d updates reported a success, %d stored", poster.count(), stored)
	}
	t.Logf("%d updates through the balancer (%d failed while a server died: %v)", poster.count(), len(poster.failures), poster.failures)

	// A worker dies holding a delivery: the receiver has the request and
	// has not answered.
	var (
		mu       sync.Mutex
		answered int
		attempts int
	)
	holding, released := make(chan struct{}), make(chan struct{})
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		attempts++
		n := attempts
		mu.Unlock()
		if n == 1 {
			close(holding)
			select { // until the worker dies (or the test ends)
			case <-r.Context().Done():
			case <-released:
			}
			return
		}
		mu.Lock()
		answered++
		mu.Unlock()
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(hook.Close)
	t.Cleanup(func() { close(released) }) // runs first: Close waits for the held request
	ep := createEndpoint(t, env, map[string]any{"name": "Slow", "kind": "WEBHOOK", "url": hook.URL, "eventKinds": []string{"UPDATE_POSTED"}})
	postUpdate(t, env, inc.ID, "delivered through a worker's death")
	select {
	case <-holding:
	case <-time.After(30 * time.Second):
		t.Fatal("no worker delivered the webhook")
	}
	inspector := asynq.NewInspector(env.RedisTarget)
	defer inspector.Close()
	var holder *exec.Cmd
	waitFor(t, "the worker holding the delivery to say so in its heartbeat", func() bool {
		servers, err := inspector.Servers()
		if err != nil {
			return false
		}
		for _, s := range servers {
			for _, w := range s.ActiveWorkers {
				if w.TaskType != workers.TypeDelivery {
					continue
				}
				for _, p := range workerProcs {
					if p.Process.Pid == s.PID {
						holder = p
					}
				}
			}
		}
		return holder != nil
	})
	if err := holder.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	killedAt := time.Now()
	testenv.Eventually(t, 4*time.Minute, "the delivery was not completed by the other worker", func() bool {
		return deliveriesIn(t, env, ep.ID, "DELIVERED") == 1
	})
	mu.Lock()
	defer mu.Unlock()
	t.Logf("the other worker completed the delivery %s after the first died holding it", time.Since(killedAt).Round(time.Second))
	if answered != 1 {
		t.Fatalf("the receiver answered %d deliveries, want exactly 1", answered)
	}
}
