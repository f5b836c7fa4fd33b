// Package httpapi assembles Firebreak's HTTP surface: GraphQL (POST and
// websocket), GraphiQL, health checks, and the middleware every request
// passes through (request id, logging, body limit, authentication).
package httpapi

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/go-redis/redis_rate/v10"
	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"
	"github.com/uptrace/bun"

	"firebreak/graph"
	"firebreak/internal/app"
	"firebreak/internal/console"
	"firebreak/internal/events"
	"firebreak/internal/graphiql"
	"firebreak/internal/requestid"
	"firebreak/internal/telemetry"
)

// MaxBodyBytes is the largest request body accepted (HTTP 413 beyond).
const MaxBodyBytes = 1 << 20

// Deps is what the API needs besides the services: the process's other
// parts and settings.
type Deps struct {
	Redis redis.UniversalClient
	// Queues is the Redis the queue dashboard (asynqmon) opens its own
	// connection to: the one Redis is a client of (redisconn.Target).
	Queues asynq.RedisConnOpt
	// Limits bound each GraphQL document (zero values: defaults).
	Limits         graph.QueryLimits
	Introspection  bool
	AllowedOrigins []string
	// Hub delivers live events to this process's subscriptions.
	Hub *events.Hub
	// Sockets tracks websockets for a clean shutdown (optional).
	Sockets *graph.Sockets
	// SessionSecret signs admin browser sessions (share it between
	// replicas); empty: a random one per process.
	SessionSecret string
	// Draining, when it reports true, makes /readyz answer 503 so load
	// balancers stop routing here before the server stops (optional).
	Draining func() bool
	// RateLimit is each API key's budget (zero: unlimited).
	RateLimit redis_rate.Limit
	// AlertRateLimit is each alert source's budget (zero: unlimited).
	AlertRateLimit redis_rate.Limit
	// Telemetry records the API's metrics and serves them at /metrics
	// (optional).
	Telemetry *telemetry.Telemetry
	// SocketLimits bound websockets (zero values: defaults).
	SocketLimits graph.SocketLimits
	// Timeouts bound how long a client may take (zero values: defaults);
	// Apply them to the http.Server too.
	Timeouts Timeouts
	// MetricsElsewhere leaves /metrics off the API's address (it is served
	// on FIREBREAK_METRICS_ADDR instead).
	MetricsElsewhere bool
}

// New returns the HTTP handler of the whole API over the services.
func New(s *app.Services, d Deps) http.Handler {
	keys, incidents, cat := s.Keys, s.Incidents, s.Catalog
	resolver := s.API(d.Redis, d.Hub, d.AlertRateLimit)
	opts := graph.ServerOptions{
		Limits:         d.Limits,
		Introspection:  d.Introspection,
		Keys:           keys,
		AllowedOrigins: d.AllowedOrigins,
		Sockets:        d.Sockets,
		SocketLimits:   d.SocketLimits,
		Telemetry:      d.Telemetry,
	}
	if d.Redis != nil {
		opts.PersistedQueries = graph.RedisQueryCache{Client: d.Redis}
	}
	var limiter *redis_rate.Limiter
	if d.Redis != nil {
		limiter = redis_rate.NewLimiter(d.Redis)
	}
	opts.LimitOperation = limitOperations(limiter, d.RateLimit)
	gql := graph.NewHandler(resolver, opts)
	if d.Telemetry != nil {
		d.Telemetry.Register(s.StatusPage.Collector())
		if s.SignIn != nil {
			d.Telemetry.Register(s.SignIn.Collector())
		}
	}

	mux := http.NewServeMux()
	// An authenticated, rate-limited handler; health and metrics stay open.
	api := func(h http.Handler) http.Handler {
		return authenticate(keys, s.Sessions, limitRate(limiter, d.RateLimit, h))
	}
	timeouts := d.Timeouts.WithDefaults()
	// Browser apps on other origins may call these (CORS); a preflight
	// carries no key and is answered before authentication.
	crossOrigin := allowOrigins(d.AllowedOrigins)
	// The body is read only once the key is known good.
	mux.Handle("/graphql", crossOrigin(api(graphQLTransports(limitBody(limitDuration(timeouts.Request, graph.LoaderMiddleware(resolver, gql)))))))
	for pattern, h := range map[string]http.Handler{
		"/incidents/{number}/factsheet.md":     factSheet(incidents, s.Documents),
		"/incidents/{number}/retrospective.md": retrospectiveDocument(incidents, s.Retrospectives, s.Documents),
		"/severities.md":                       severityDefinitions(cat),
	} {
		mux.Handle("GET "+pattern, crossOrigin(api(h)))
		mux.Handle("OPTIONS "+pattern, crossOrigin(notFound))
	}
	mux.Handle("GET /admin/audit.jsonl", api(auditExport(s.Audit, timeouts.Write)))
	// The public status page: no key, answered from its snapshot, which
	// the event hub keeps current.
	s.StatusPage.Routes(mux)
	// Alert senders authenticate with their source's token; Slack signs
	// its requests (no API key). Their bodies must come at once.
	edge := func(h http.Handler) http.Handler {
		return limitEdgeBody(timeouts.EdgeBody, limitDuration(timeouts.Request, h))
	}
	s.Alerting.Mount(mux, edge)
	if s.Chat != nil {
		s.Chat.Mount(mux, edge)
	}
	if d.Queues != nil {
		sessions := newAdminSessions(d.SessionSecret, keys)
		mux.Handle("POST /admin/session", api(http.HandlerFunc(sessions.start)))
		mux.Handle("/admin/queues/", sessions.require(queueDashboard(d.Queues)))
		mux.Handle("/admin/queues", http.RedirectHandler("/admin/queues/", http.StatusMovedPermanently))
	}
	s.Sessions.Mount(mux)
	graphiql.Register(mux)
	console.Register(mux)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", readiness(s.DB, d.Redis, d.Hub, d.Draining))
	if d.Telemetry != nil {
		watch(d.Telemetry, s.DB, d.Hub)
		if !d.MetricsElsewhere {
			mux.Handle("GET /metrics", d.Telemetry.Handler())
		}
	}
	var handler http.Handler = mux
	if host := s.StatusPage.Host(); host != "" {
		handler = byHost(host, s.StatusPage.HostHandler(), mux)
	}
	return requestid.Middleware(logRequests(d.Telemetry, securityHeaders(handler)))
}

// byHost sends requests for host (any port) to own and the rest to others.
func byHost(host string, own, others http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := r.Host
		if h, _, err := net.SplitHostPort(r.Host); err == nil {
			name = h
		}
		if strings.EqualFold(name, host) {
			own.ServeHTTP(w, r)
			return
		}
		others.ServeHTTP(w, r)
	})
}

// watch exports what the API's state says about its health: the database
// pool, how far the outbox relay lags, and the live subscriptions served.
func watch(tel *telemetry.Telemetry, db *bun.DB, hub *events.Hub) {
	tel.WatchDatabase(db.DB)
	tel.WatchGauge("firebreak_outbox_lag_seconds", "Age of the oldest committed event not yet published to live subscribers (0 when none).",
		func() (float64, error) {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			var lag float64
			err := db.NewRaw("SELECT coalesce(date_part('epoch', now() - min(created_at)), 0) FROM event_outbox").Scan(ctx, &lag)
			return lag, err
		})
	if hub != nil {
		tel.WatchGauge("firebreak_websocket_subscriptions_active", "Live GraphQL subscriptions this process serves.",
			func() (float64, error) { return float64(hub.Subscriptions()), nil })
	}
}

// readiness reports whether Postgres and Redis answer and live events flow.
func readiness(db *bun.DB, rdb redis.UniversalClient, hub *events.Hub, draining func() bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if draining != nil && draining() {
			// Shutting down: load balancers stop sending new requests while
			// the ones in flight finish.
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "draining"})
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		checks := map[string]string{"postgres": "ok", "redis": "ok"}
		status := http.StatusOK
		if err := db.PingContext(ctx); err != nil {
			checks["postgres"], status = "unreachable", http.StatusServiceUnavailable
		}
		if err := rdb.Ping(ctx).Err(); err != nil {
			checks["redis"], status = "unreachable", http.StatusServiceUnavailable
		}
		if hub != nil {
			checks["events"] = "ok"
			if !hub.Live() {
				checks["events"], status = "connecting", http.StatusServiceUnavailable
			}
		}
		writeJSON(w, status, checks)
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
