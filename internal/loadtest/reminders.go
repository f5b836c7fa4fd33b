package loadtest

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"
	"github.com/uptrace/bun"

	"firebreak/internal/app"
	"firebreak/internal/seed"
	"firebreak/workers"
)

// ReminderConfig describes a reminder burst: Incidents open incidents whose
// status updates all fall due at the same instant, and one worker.
type ReminderConfig struct {
	Incidents   int
	Concurrency int
	Timeout     time.Duration
}

// ReminderReport is what the burst measured.
type ReminderReport struct {
	Incidents, Sent int
	// Elapsed runs from the due time to the last reminder's commit.
	Elapsed                   time.Duration
	PerSecond                 float64
	LateP50, LateP99, LateMax time.Duration
}

func (r ReminderReport) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "reminders:       %d of %d sent in %s (%.0f per second)\n", r.Sent, r.Incidents, r.Elapsed.Round(time.Millisecond), r.PerSecond)
	fmt.Fprintf(&b, "lateness:        p50 %s, p99 %s, last %s (reminder's commit − due time)\n",
		r.LateP50.Round(time.Millisecond), r.LateP99.Round(time.Millisecond), r.LateMax.Round(time.Millisecond))
	return b.String()
}

// RunReminders seeds the incidents (adding to the database), makes them all
// due now, runs one worker as `firebreak worker` does, and waits until every
// reminder is sent.
func RunReminders(ctx context.Context, db *bun.DB, rdb redis.UniversalClient, target asynq.RedisConnOpt, cfg ReminderConfig) (ReminderReport, error) {
	rep := ReminderReport{Incidents: cfg.Incidents}
	var after int64
	if err := db.NewRaw("SELECT coalesce(max(id), 0) FROM incidents").Scan(ctx, &after); err != nil {
		return rep, err
	}
	if _, err := seed.Run(ctx, db, seed.Options{Incidents: cfg.Incidents, Years: 1}, nil); err != nil {
		return rep, fmt.Errorf("seed: %w", err)
	}
	var due time.Time
	err := db.NewRaw(`UPDATE incidents SET status = 'INVESTIGATING', resolved_at = NULL, closed_at = NULL,
		next_update_due_at = date_trunc('milliseconds', now()) WHERE id > ? RETURNING next_update_due_at`, after).Scan(ctx, &due)
	if err != nil {
		return rep, err
	}

	w := app.NewServices(db, app.Options{}).Worker(rdb, workers.Config{Concurrency: cfg.Concurrency, Redis: target})
	wctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- w.Run(wctx) }()
	defer func() { stop(); <-done }()

	deadline := time.Now().Add(cfg.Timeout)
	for {
		if err := db.NewRaw(`SELECT count(*) FROM timeline_events WHERE kind = 'REMINDER_SENT' AND incident_id > ?`, after).
			Scan(ctx, &rep.Sent); err != nil {
			return rep, err
		}
		if rep.Sent >= cfg.Incidents || time.Now().After(deadline) {
			break
		}
		select {
		case err := <-done:
			return rep, fmt.Errorf("worker stopped: %v", err)
		case <-time.After(100 * time.Millisecond):
		}
	}
	var late struct {
		P50, P99, Max float64
	}
	err = db.NewRaw(`SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY s) AS p50,
			percentile_cont(0.99) WITHIN GROUP (ORDER BY s) AS p99, max(s) AS max
		FROM (SELECT extract(epoch FROM created_at - ?::timestamptz) AS s FROM timeline_events
		      WHERE kind = 'REMINDER_SENT' AND incident_id > ?) t`, due, after).Scan(ctx, &late)
	if err != nil {
		return rep, err
	}
	seconds := func(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }
	rep.LateP50, rep.LateP99, rep.LateMax = seconds(late.P50), seconds(late.P99), seconds(late.Max)
	rep.Elapsed = rep.LateMax
	if rep.Elapsed > 0 {
		rep.PerSecond = float64(rep.Sent) / rep.Elapsed.Seconds()
	}
	if rep.Sent < cfg.Incidents {
		return rep, fmt.Errorf("only %d of %d reminders within %s", rep.Sent, cfg.Incidents, cfg.Timeout)
	}
	return rep, nil
}
