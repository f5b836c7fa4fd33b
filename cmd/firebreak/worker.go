package main

import (
	"github.com/redis/go-redis/v9"
	"github.com/spf13/cobra"

	"firebreak/internal/app"
	"firebreak/internal/config"
	"firebreak/internal/redisconn"
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
			defer serveMetrics(svc.cfg.WorkerMetricsAddr, tel)()
			opts := app.OptionsFrom(svc.cfg)
			opts.SignIn = nil // workers verify no sign-in tokens
			services := app.NewServices(svc.db, opts)
			return newWorker(services, svc.rdb, svc.redis, svc.cfg, tel).Run(cmd.Context())
		},
	}
}

func newWorker(services *app.Services, rdb redis.UniversalClient, target *redisconn.Target, cfg config.Config, tel *telemetry.Telemetry) *workers.Worker {
	return services.Worker(rdb, workers.Config{
		Redis:                 target,
		Concurrency:           cfg.WorkerConcurrency,
		ReconcileEvery:        cfg.ReconcileEvery,
		AlertPayloadRetention: cfg.AlertPayloadRetention,
		Telemetry:             tel,
	})
}
