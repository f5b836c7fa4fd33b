package workers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"
	"github.com/slack-go/slack"

	"firebreak/internal/alerting"
	"firebreak/internal/chat"
	"firebreak/internal/delivery"
	"firebreak/internal/reminder"
	"firebreak/internal/subscribers"
	"firebreak/internal/telemetry"
)

// Config tunes a worker process. Zero values take the defaults.
type Config struct {
	// Concurrency is how many tasks run at once (default 20).
	Concurrency int
	// ReconcileEvery is how often the reconciler runs (default 15 s; asynq's
	// scheduler cannot go below 1 s).
	ReconcileEvery time.Duration
	// PollInterval is how often asynq looks for scheduled and new tasks
	// (default 1 s); it bounds how late a reminder fires.
	PollInterval time.Duration
	// ShutdownTimeout is how long running tasks get to finish (default 20 s).
	ShutdownTimeout time.Duration
	// Now is the clock (default the system's); tests move it forward.
	Now func() time.Time
	// RetryBase is the first retry's delay; each later one doubles it, up to
	// an hour (default 10 s).
	RetryBase time.Duration
	// Telemetry records task outcomes, reminders and deliveries, and
	// exports asynq's queue metrics (optional).
	Telemetry *telemetry.Telemetry
	// AlertPayloadRetention is how long alert notifications are kept as
	// received (default alerting.DefaultPayloadRetention).
	AlertPayloadRetention time.Duration
	// Redis is where asynq's scheduler opens a connection of its own: the
	// Redis the worker's client talks to (redisconn.Target).
	Redis asynq.RedisConnOpt
}

func (c *Config) defaults() {
	if c.Concurrency <= 0 {
		c.Concurrency = 20
	}
	if c.ReconcileEvery <= 0 {
		c.ReconcileEvery = 15 * time.Second
	}
	c.ReconcileEvery = max(c.ReconcileEvery, time.Second)
	if c.PollInterval <= 0 {
		c.PollInterval = time.Second
	}
	if c.ShutdownTimeout <= 0 {
		c.ShutdownTimeout = 20 * time.Second
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.RetryBase <= 0 {
		c.RetryBase = 10 * time.Second
	}
}

// retryDelay doubles from RetryBase, capped at an hour, with up to 10%
// jitter so receivers that come back are not hit by every retry at once.
func (c *Config) retryDelay(n int, err error, _ *asynq.Task) time.Duration {
	var limited *slack.RateLimitedError
	if errors.As(err, &limited) { // Slack said when: not sooner
		return max(limited.RetryAfter, c.RetryBase)
	}
	d := min(c.RetryBase<<min(n, 20), time.Hour)
	return d + time.Duration(rand.Int64N(int64(d/10)+1))
}

// Worker runs Firebreak's tasks: an asynq server, and an asynq scheduler
// that starts the reconciler. Any number of workers may run; each task does
// its work once whichever worker takes it.
type Worker struct {
	cfg       Config
	redis     redis.UniversalClient
	client    *asynq.Client
	inspector *asynq.Inspector
	reminders *reminder.Service
	notify    *delivery.Service
	// chat is the Slack bot; nil when it is off.
	chat *chat.Bot
	// subscribers mails the status page's subscribers; nil: no SMTP.
	subscribers *subscribers.Service
	// alerts prunes stored alert notifications; nil: none.
	alerts *alerting.Service
}

// New builds a worker over Redis and the services it acts through
// (internal/app wires them).
func New(rdb redis.UniversalClient, reminders *reminder.Service, deliveries *delivery.Service, cfg Config) *Worker {
	cfg.defaults()
	inspector := asynq.NewInspectorFromRedisClient(rdb)
	cfg.Telemetry.WatchQueues(inspector)
	return &Worker{
		cfg:       cfg,
		redis:     rdb,
		client:    asynq.NewClientFromRedisClient(rdb),
		inspector: inspector,
		reminders: reminders,
		notify:    deliveries,
	}
}

func (w *Worker) now() time.Time { return w.cfg.Now() }

// lookahead is how far ahead the reconciler schedules: past its next run, so
// a reminder is in the queue before it falls due.
func (w *Worker) lookahead() time.Duration { return 2 * w.cfg.ReconcileEvery }

// Mux routes each task type to its handler.
func (w *Worker) Mux() *asynq.ServeMux {
	mux := asynq.NewServeMux()
	mux.Use(w.cfg.Telemetry.TaskMiddleware)
	mux.HandleFunc(TypeUpdateReminder, w.sendUpdateReminder)
	mux.HandleFunc(TypeReconcile, w.reconcile)
	mux.HandleFunc(TypeDelivery, w.deliver)
	mux.HandleFunc(TypeNudge, w.sendNudge)
	mux.HandleFunc(TypeChatSync, w.syncChat)
	mux.HandleFunc(TypeSubscriberMail, w.mailSubscriber)
	return mux
}

// Run processes tasks until ctx ends, then lets running tasks finish.
func (w *Worker) Run(ctx context.Context) error {
	srv := asynq.NewServerFromRedisClient(w.redis, asynq.Config{
		Concurrency:              w.cfg.Concurrency,
		TaskCheckInterval:        w.cfg.PollInterval,
		DelayedTaskCheckInterval: w.cfg.PollInterval,
		ShutdownTimeout:          w.cfg.ShutdownTimeout,
		RetryDelayFunc:           w.cfg.retryDelay,
		Logger:                   asynqLogger{},
		LogLevel:                 asynq.WarnLevel,
		ErrorHandler: asynq.ErrorHandlerFunc(func(_ context.Context, t *asynq.Task, err error) {
			slog.Error("task failed", "type", t.Type(), "payload", string(t.Payload()), "error", err)
		}),
	})
	if err := srv.Start(w.Mux()); err != nil {
		return fmt.Errorf("start asynq server: %w", err)
	}
	defer srv.Shutdown()

	// Every worker runs a scheduler: more than one enqueues the reconciler
	// more often, which is harmless (asynq #371 is why it must be).
	// The scheduler gets a connection of its own: it closes it on shutdown.
	sched := asynq.NewScheduler(w.cfg.Redis, &asynq.SchedulerOpts{Logger: asynqLogger{}, LogLevel: asynq.WarnLevel})
	every := w.cfg.ReconcileEvery
	if _, err := sched.Register(fmt.Sprintf("@every %s", every), NewReconcileTask(every)); err != nil {
		return err
	}
	if err := sched.Start(); err != nil {
		return fmt.Errorf("start asynq scheduler: %w", err)
	}
	defer sched.Shutdown()
	// A starting worker catches up at once rather than one period later.
	if _, err := w.client.EnqueueContext(ctx, NewReconcileTask(every)); err != nil && !errors.Is(err, asynq.ErrDuplicateTask) {
		slog.Warn("could not enqueue the first reconcile", "error", err)
	}
	<-ctx.Done()
	return nil
}

// asynqLogger sends asynq's logs to slog.
type asynqLogger struct{}

func (asynqLogger) Debug(args ...any) { slog.Debug(fmt.Sprint(args...), "component", "asynq") }
func (asynqLogger) Info(args ...any)  { slog.Info(fmt.Sprint(args...), "component", "asynq") }
func (asynqLogger) Warn(args ...any)  { slog.Warn(fmt.Sprint(args...), "component", "asynq") }
func (asynqLogger) Error(args ...any) { slog.Error(fmt.Sprint(args...), "component", "asynq") }
func (asynqLogger) Fatal(args ...any) { slog.Error(fmt.Sprint(args...), "component", "asynq") }
