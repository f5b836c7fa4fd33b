package smoke_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"firebreak/internal/delivery"
	"firebreak/internal/testenv"
	"firebreak/internal/testenv/faults"
)

// A worker killed while its request is at the receiver leaves the attempt
// on record as interrupted: the receiver may have it, and the endpoint's
// history says so instead of showing nothing.
func TestAttemptCutOffByACrashIsRecorded(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	arrived := make(chan struct{}, 1)
	release := make(chan struct{})
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case arrived <- struct{}{}:
		default:
		}
		select { // hold the request until the test ends or the worker dies
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(hook.Close)
	t.Cleanup(func() { close(release) })
	ep := createEndpoint(t, env, map[string]any{"name": "Slow receiver", "kind": "WEBHOOK", "url": hook.URL, "eventKinds": []string{"DECLARED"}})

	worker := faults.StartProcess(t, []string{"DATABASE_URL=" + env.DatabaseURL, "REDIS_URL=" + env.RedisURL,
		"FIREBREAK_ALLOW_PRIVATE_WEBHOOKS=true", "FIREBREAK_LOG_LEVEL=warn"}, "worker")
	env.Declare(t, map[string]any{"title": "Cut off", "severityLevel": 2})
	select {
	case <-arrived:
	case <-time.After(30 * time.Second):
		t.Fatal("the delivery never reached the receiver")
	}
	if err := worker.Process.Kill(); err != nil {
		t.Fatal(err)
	}

	ds := deliveries(t, env, ep.ID, "PENDING")
	if len(ds) != 1 || len(ds[0].Attempts) != 1 {
		t.Fatalf("deliveries: %+v", ds)
	}
	a := ds[0].Attempts[0]
	if a.Number != 1 || a.StatusCode != nil || a.Error == nil || *a.Error != delivery.InterruptedAttempt {
		t.Errorf("attempt: number %d, status %v, error %v", a.Number, a.StatusCode, a.Error)
	}
	if !strings.Contains(*a.Error, "interrupted") {
		t.Errorf("error %q", *a.Error)
	}
}
