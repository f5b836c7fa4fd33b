// Package telemetry holds Firebreak's Prometheus metrics: one registry per
// process (or per test), the series every part of Firebreak records into,
// and the collectors that read state when scraped. docs/operations.md
// explains each series.
package telemetry

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/hibiken/asynq"
	"github.com/hibiken/asynq/x/metrics"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Telemetry is a process's metrics. A nil *Telemetry records nothing, so
// parts built without one (unit tests, tools) need no checks.
type Telemetry struct {
	Registry *prometheus.Registry

	httpRequests     *prometheus.CounterVec
	httpDuration     *prometheus.HistogramVec
	httpInFlight     prometheus.Gauge
	graphqlOps       *prometheus.CounterVec
	graphqlDuration  *prometheus.HistogramVec
	remindersSent    prometheus.Counter
	deliveryAttempts *prometheus.CounterVec
	deliveriesFailed prometheus.Counter
	tasks            *prometheus.CounterVec
	liveRendered     prometheus.Counter
	liveReused       prometheus.Counter

	// Several workers in one process (tests) share one queue collector.
	queuesOnce sync.Once

	// operations are the operation names with series of their own.
	operationsMu sync.Mutex
	operations   map[string]bool
}

// MaxOperationNames is how many distinct operation names get series of their
// own; names first seen after that are counted as "other". Operation names
// come from clients, and every name is a series for as long as the process
// lives.
const MaxOperationNames = 100

// OtherOperation labels operations past MaxOperationNames.
const OtherOperation = "other"

// operationLabel bounds the operation label.
func (t *Telemetry) operationLabel(name string) string {
	t.operationsMu.Lock()
	defer t.operationsMu.Unlock()
	if t.operations[name] {
		return name
	}
	if len(t.operations) >= MaxOperationNames {
		return OtherOperation
	}
	if t.operations == nil {
		t.operations = map[string]bool{}
	}
	t.operations[name] = true
	return name
}

// New makes a registry with Go runtime and process metrics and Firebreak's
// own series.
func New() *Telemetry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	t := &Telemetry{
		Registry: reg,
		httpRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "firebreak_http_requests_total", Help: "HTTP requests by route pattern and status code.",
		}, []string{"route", "code"}),
		httpDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "firebreak_http_request_duration_seconds", Help: "HTTP request duration by route pattern.",
			Buckets: prometheus.DefBuckets,
		}, []string{"route"}),
		httpInFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "firebreak_http_requests_in_flight", Help: "HTTP requests being served now (websockets included while they are open).",
		}),
		graphqlOps: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "firebreak_graphql_operations_total", Help: "GraphQL operations by operation name and outcome (ok or error).",
		}, []string{"operation", "outcome"}),
		graphqlDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "firebreak_graphql_operation_duration_seconds", Help: "GraphQL operation duration by operation name.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"operation"}),
		remindersSent: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "firebreak_reminders_sent_total", Help: "Status-update reminders sent.",
		}),
		deliveryAttempts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "firebreak_delivery_attempts_total", Help: "Webhook and Slack delivery attempts by endpoint kind and result (success or failure).",
		}, []string{"kind", "result"}),
		deliveriesFailed: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "firebreak_deliveries_failed_total", Help: "Deliveries marked FAILED after their last attempt.",
		}),
		tasks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "firebreak_tasks_total", Help: "Background tasks run by type and outcome (ok, error).",
		}, []string{"type", "outcome"}),
	}
	liveResponses := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "firebreak_live_responses_total",
		Help: "Subscription responses sent, by how they were made: rendered for the subscriber, or reused from another subscriber's rendering of the same event (same document, variables and audience).",
	}, []string{"source"})
	t.liveRendered, t.liveReused = liveResponses.WithLabelValues("rendered"), liveResponses.WithLabelValues("reused")
	reg.MustRegister(t.httpRequests, t.httpDuration, t.httpInFlight, t.graphqlOps, t.graphqlDuration,
		t.remindersSent, t.deliveryAttempts, t.deliveriesFailed, t.tasks, liveResponses)
	return t
}

// Register adds a part's own collector to the registry, once.
func (t *Telemetry) Register(c prometheus.Collector) {
	if err := t.Registry.Register(c); err != nil && !errors.As(err, new(prometheus.AlreadyRegisteredError)) {
		panic(err)
	}
}

// Handler serves the registry in Prometheus' text format.
func (t *Telemetry) Handler() http.Handler {
	return promhttp.HandlerFor(t.Registry, promhttp.HandlerOpts{Registry: t.Registry})
}

// RequestStarted counts a request in flight until the returned function
// is called.
func (t *Telemetry) RequestStarted() (finished func()) {
	if t == nil {
		return func() {}
	}
	t.httpInFlight.Inc()
	return t.httpInFlight.Dec
}

// HTTPRequest records a finished HTTP request.
func (t *Telemetry) HTTPRequest(route string, code int, took time.Duration) {
	if t == nil {
		return
	}
	t.httpRequests.WithLabelValues(route, strconv.Itoa(code)).Inc()
	t.httpDuration.WithLabelValues(route).Observe(took.Seconds())
}

// GraphQLOperation records a finished GraphQL operation.
func (t *Telemetry) GraphQLOperation(name string, failed bool, took time.Duration) {
	if t == nil {
		return
	}
	outcome := "ok"
	if failed {
		outcome = "error"
	}
	name = t.operationLabel(name)
	t.graphqlOps.WithLabelValues(name, outcome).Inc()
	t.graphqlDuration.WithLabelValues(name).Observe(took.Seconds())
}

// LiveResponse counts a response sent to a subscriber; reused: rendered
// once for another subscriber and shared.
func (t *Telemetry) LiveResponse(reused bool) {
	switch {
	case t == nil:
	case reused:
		t.liveReused.Inc()
	default:
		t.liveRendered.Inc()
	}
}

// ReminderSent counts a status-update reminder.
func (t *Telemetry) ReminderSent() {
	if t != nil {
		t.remindersSent.Inc()
	}
}

// DeliveryAttempt counts one delivery attempt; failedForGood marks the
// delivery FAILED.
func (t *Telemetry) DeliveryAttempt(kind string, ok, failedForGood bool) {
	if t == nil {
		return
	}
	result := "success"
	if !ok {
		result = "failure"
	}
	t.deliveryAttempts.WithLabelValues(kind, result).Inc()
	if failedForGood {
		t.deliveriesFailed.Inc()
	}
}

// TaskMiddleware counts every task's outcome.
func (t *Telemetry) TaskMiddleware(next asynq.Handler) asynq.Handler {
	return asynq.HandlerFunc(func(ctx context.Context, task *asynq.Task) error {
		err := next.ProcessTask(ctx, task)
		if t != nil {
			outcome := "ok"
			if err != nil {
				outcome = "error"
			}
			t.tasks.WithLabelValues(task.Type(), outcome).Inc()
		}
		return err
	})
}

// WatchDatabase exports the connection pool's statistics.
func (t *Telemetry) WatchDatabase(db *sql.DB) {
	if t != nil {
		t.Registry.MustRegister(collectors.NewDBStatsCollector(db, "firebreak"))
	}
}

// WatchQueues exports asynq's queue sizes, latency and processed/failed
// counts (asynq's own collector, two of its gauges renamed).
func (t *Telemetry) WatchQueues(inspector *asynq.Inspector) {
	if t != nil {
		t.queuesOnce.Do(func() {
			t.Registry.MustRegister(renamed{inner: metrics.NewQueueMetricsCollector(inspector), renames: asynqRenames})
		})
	}
}

// WatchGauge exports a value read when scraped, e.g. the outbox lag or the
// open subscriptions.
func (t *Telemetry) WatchGauge(name, help string, read func() (float64, error)) {
	if t == nil {
		return
	}
	t.Registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, func() float64 {
		v, err := read()
		if err != nil {
			slog.Warn("metric unavailable", "metric", name, "error", err)
			return 0
		}
		return v
	}))
}
