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
		Short: "Run background tasks: update reminders, nudges, webhook and Slack deliveries, the reconciler (run any number)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			svc, err := connect(cmd.Context())
			if err != nil {
				return err
			}
			defer svc.Close()
			return newWorker(svc.db, svc.rdb, svc.cfg).Run(cmd.Context())
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
