package main

import (
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/spf13/cobra"
	"github.com/uptrace/bun"

	"firebreak/internal/config"
	"firebreak/internal/telemetry"
	"firebreak/workers"
)

func newWorkerCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "worker",
		Short: "Run background tasks: update reminders, nudges, webhook and Slack deliveries, the reconciler (run any number)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			svc, err := connect(cmd.Context())
			if err != nil {
				return err
			}
			defer svc.Close()
			tel := telemetry.New()
			tel.WatchDatabase(svc.db.DB)
			metrics := &http.Server{Addr: svc.cfg.WorkerMetricsAddr, Handler: tel.Handler(), ReadHeaderTimeout: 10 * time.Second}
			go func() {
				if err := metrics.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
					slog.Error("worker metrics server stopped", "addr", svc.cfg.WorkerMetricsAddr, "error", err)
				}
			}()
			defer metrics.Close()
			return newWorker(svc.db, svc.rdb, svc.cfg, tel).Run(cmd.Context())
		},
	}
}

func newWorker(db *bun.DB, rdb *redis.Client, cfg config.Config, tel *telemetry.Telemetry) *workers.Worker {
	return workers.New(db, rdb, workers.Config{
		Concurrency:          cfg.WorkerConcurrency,
		ReconcileEvery:       cfg.ReconcileEvery,
		PublicURL:            cfg.PublicURL,
		AllowPrivateWebhooks: cfg.AllowPrivateWebhooks,
		Telemetry:            tel,
	})
}
