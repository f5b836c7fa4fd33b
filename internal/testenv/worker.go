package testenv

import (
	"context"
	"sync"
	"testing"
	"time"

	"firebreak/internal/app"
	"firebreak/internal/database"
	"firebreak/internal/links"
	"firebreak/workers"
)

// Clock is the test's time: the system clock moved forward by Advance. The
// API and the test's workers share it, so a test can make a status update
// fall due without waiting for it.
type Clock struct {
	mu     sync.Mutex
	offset time.Duration
	frozen *time.Time
}

// Now is the system time plus everything advanced so far, or the frozen
// time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.frozen != nil {
		return *c.frozen
	}
	return time.Now().Add(c.offset)
}

// Advance moves the clock forward.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.frozen != nil {
		t := c.frozen.Add(d)
		c.frozen = &t
		return
	}
	c.offset += d
}

// Freeze stops the clock at t: it moves only when advanced, so a test can
// produce exact timestamps and durations.
func (c *Clock) Freeze(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	t = t.UTC()
	c.frozen = &t
}

// Links are the URLs test messages point at.
var Links = links.Links{BaseURL: "https://firebreak.test"}

// StartWorker runs a worker process's tasks (reminders, reconciler) on this
// test's database and Redis, with the test's clock and short intervals, until
// the test ends. Call it twice for two workers.
func (e *Env) StartWorker(t testing.TB) *workers.Worker {
	t.Helper()
	db, err := database.Open(e.DatabaseURL, 8)
	if err != nil {
		t.Fatal(err)
	}
	services := app.NewServices(db, e.appOptions())
	w := services.Worker(e.Redis, workers.Config{
		Redis:           e.RedisTarget,
		Concurrency:     8,
		ReconcileEvery:  time.Second,
		PollInterval:    100 * time.Millisecond,
		ShutdownTimeout: 5 * time.Second,
		Now:             e.Clock.Now,
		// Deliveries go to receivers on loopback, and retry quickly.
		RetryBase: 20 * time.Millisecond,
		Telemetry: e.Telemetry,
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("worker: %v", err)
		}
		db.Close()
	})
	return w
}
