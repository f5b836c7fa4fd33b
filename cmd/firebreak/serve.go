package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"sync/atomic"
	"time"

	"github.com/go-redis/redis_rate/v10"
	"github.com/spf13/cobra"
	"github.com/uptrace/bun"

	"firebreak/graph"
	"firebreak/internal/app"
	"firebreak/internal/auth"
	"firebreak/internal/database"
	"firebreak/internal/httpapi"
	"firebreak/internal/links"
	"firebreak/internal/telemetry"
	"firebreak/migrations"
)

// shutdownGrace is how long in-flight requests get to finish on SIGTERM.
const shutdownGrace = 20 * time.Second

func newServeCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "serve",
		Short: "Serve the GraphQL API",
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runServer(cmd.Context(), false, false)
		},
	}
}

func newAllCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "all",
		Short: "Development default: apply migrations, make sure an admin exists, and serve the API with workers",
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runServer(cmd.Context(), true, true)
		},
	}
}

func runServer(ctx context.Context, bootstrap, withWorker bool) error {
	collectGarbageLessOften()
	svc, err := connect(ctx)
	if err != nil {
		return err
	}
	defer svc.Close()
	cfg, db, rdb := svc.cfg, svc.db, svc.rdb

	if bootstrap {
		applied, err := migrations.Up(ctx, db)
		if err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		if len(applied) > 0 {
			slog.Info("applied migrations", "migrations", applied)
		}
		key, err := auth.NewService(db).EnsureInitialAdmin(ctx)
		if err != nil {
			return fmt.Errorf("create initial admin: %w", err)
		}
		if key != "" {
			fmt.Printf("\nFirebreak created an admin user. Its API key is shown only this once:\n\n    %s\n\n"+
				"Use it as: Authorization: Bearer %s\n\n", key, key)
		}
		// A person signs in to the console with a one-time link.
		token, email, err := auth.NewService(db).IssueFirstAdminLink(ctx)
		if err != nil {
			return fmt.Errorf("sign-in link: %w", err)
		}
		if token != "" {
			fmt.Printf("\nSign in to the console as %s (one use, within %s):\n\n    %s\n\n"+
				"Another link: firebreak signin-link --email %s\n\n", email, auth.SignInLinkLifetime, links.Links{BaseURL: cfg.PublicURL}.SignInLink(token), email)
		}
	}

	tel := telemetry.New()
	var draining atomic.Bool
	if _, set := os.LookupEnv("FIREBREAK_DRAIN_DELAY"); bootstrap && !set {
		cfg.DrainDelay = 0 // `all` is for development: Ctrl-C stops at once
	}

	// Live events: this process's hub, and the relay (one process at a time
	// leads it; the others stand by).
	liveCtx, stopLive := context.WithCancel(context.WithoutCancel(ctx))
	defer stopLive()
	var readDB *bun.DB
	if cfg.DatabaseReadURL != "" {
		// Not pinged: an unreachable replica sends reads to the primary.
		if readDB, err = database.Open(cfg.DatabaseReadURL, cfg.DBMaxConns); err != nil {
			return fmt.Errorf("FIREBREAK_DATABASE_READ_URL: %w", err)
		}
		defer readDB.Close()
	}
	opts := app.OptionsFrom(cfg)
	opts.ReadDB = readDB
	services := app.NewServices(db, opts)
	hub := services.Hub(rdb, cfg.EventsChannel)
	go hub.Run(liveCtx)
	go services.Relay(rdb, cfg.DatabaseURL, cfg.EventsChannel).Run(liveCtx)
	// Keys, people and severities are cached while this listens.
	go services.ListenForChanges(liveCtx, cfg.DatabaseURL, nil)

	// Websockets outlive Shutdown (they are hijacked): sockets closes them
	// with 1001 "going away", and cancelling their base context ends their
	// goroutines.
	base, closeSockets := context.WithCancel(context.Background())
	defer closeSockets()
	sockets := new(graph.Sockets)
	timeouts := httpapi.Timeouts{Read: cfg.ReadTimeout, Write: cfg.WriteTimeout, Request: cfg.RequestTimeout}
	srv := &http.Server{
		Addr: cfg.Addr,
		Handler: httpapi.New(services, httpapi.Deps{
			Redis: rdb, Queues: svc.redis, Hub: hub, Sockets: sockets, Telemetry: tel, Draining: draining.Load,
			SessionSecret:  cfg.SessionSecret,
			RateLimit:      redis_rate.Limit{Rate: cfg.RateLimit.Rate, Burst: cfg.RateLimit.Rate, Period: cfg.RateLimit.Period},
			AlertRateLimit: redis_rate.Limit{Rate: cfg.AlertRateLimit.Rate, Burst: cfg.AlertRateLimit.Rate, Period: cfg.AlertRateLimit.Period},
			Limits: graph.QueryLimits{Tokens: cfg.QueryTokens, Depth: cfg.QueryDepth, Selections: cfg.QuerySelections, SameName: cfg.QuerySameName,
				Cost: cfg.ComplexityLimit},
			Introspection:    cfg.Introspection,
			AllowedOrigins:   cfg.AllowedOrigins,
			Timeouts:         timeouts,
			SocketLimits:     graph.SocketLimits{PerKey: cfg.SocketsPerKey, Operations: cfg.OperationsPerSocket},
			MetricsElsewhere: cfg.MetricsAddr != "",
		}),
		BaseContext: func(net.Listener) context.Context { return base },
	}
	timeouts.Apply(srv)
	if cfg.MetricsAddr != "" {
		// Metrics name routes and operations: keep them off the public port.
		defer serveMetrics(cfg.MetricsAddr, tel)()
	}
	if cfg.PprofAddr != "" {
		// A separate listener, so profiles are never exposed with the API.
		go func() {
			slog.Warn("pprof server stopped", "error", http.ListenAndServe(cfg.PprofAddr, pprofMux()).Error())
		}()
	}
	errc := make(chan error, 2)
	workerCtx, stopWorker := context.WithCancel(context.WithoutCancel(ctx))
	defer stopWorker()
	workerDone := make(chan struct{})
	if withWorker {
		w := newWorker(services, rdb, svc.redis, cfg, tel)
		go func() {
			defer close(workerDone)
			if err := w.Run(workerCtx); err != nil {
				errc <- fmt.Errorf("worker: %w", err)
			}
		}()
	} else {
		close(workerDone)
	}
	go func() { errc <- srv.ListenAndServe() }()
	slog.Info("serving the console and GraphQL", "addr", cfg.Addr, "console", "http://localhost"+portOf(cfg.Addr)+"/", "graphiql", "http://localhost"+portOf(cfg.Addr)+"/graphiql")

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Unready first, so load balancers stop sending requests, then stop
	// accepting and let in-flight requests finish.
	draining.Store(true)
	slog.Info("shutting down: draining", "delay", cfg.DrainDelay)
	time.Sleep(cfg.DrainDelay)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	// Stop accepting and finish in-flight requests, then close live sockets
	// (telling clients to resubscribe elsewhere) and wait for them.
	err = srv.Shutdown(shutdownCtx)
	sockets.ShutDown()
	sockets.Wait(shutdownCtx)
	closeSockets()
	// Then let running tasks finish (asynq's shutdown timeout).
	stopWorker()
	<-workerDone
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func portOf(addr string) string {
	for i := len(addr) - 1; i >= 0; i-- {
		if addr[i] == ':' {
			return addr[i:]
		}
	}
	return ""
}

// collectGarbageLessOften runs the collector at twice Go's default heap
// growth (GOGC=200) unless GOGC is set. An API's live heap is small and
// each request allocates a lot of short-lived objects, so the default
// spends a tenth of the CPU collecting: BenchmarkServeListPage went from
// 5.36 to 4.88 ms of CPU per page. Under a container memory limit, set
// GOMEMLIMIT too (docs/operations.md).
func collectGarbageLessOften() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(200)
	}
}
