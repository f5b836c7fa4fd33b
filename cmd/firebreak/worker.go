package main

import (
	"github.com/redis/go-redis/v9"
	"github.com/spf13/cobra"
	"github.com/uptrace/bun"

	"firebreak/internal/config"
	"firebreak/workers"
)

func newWorkerCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "worker",
		Short: "Run background tasks: status-update reminders and the reconciler (run any number)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			cfg, err := config.Load()
			if err != nil {
				return err
			}
			setupLogging(cfg.LogLevel)
			db, err := openDatabase(ctx, cfg)
			if err != nil {
				return err
			}
			defer db.Close()
			rdb, err := openRedis(ctx, cfg)
			if err != nil {
				return err
			}
			defer rdb.Close()
			return newWorker(db, rdb, cfg).Run(ctx)
		},
	}
}

func newWorker(db *bun.DB, rdb *redis.Client, cfg config.Config) *workers.Worker {
	return workers.New(db, rdb, workers.Config{
		Concurrency:          cfg.WorkerConcurrency,
		ReconcileEvery:       cfg.ReconcileEvery,
		PublicURL:            cfg.PublicURL,
		AllowPrivateWebhooks: cfg.AllowPrivateWebhooks,
	})
}
