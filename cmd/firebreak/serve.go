package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"firebreak/internal/auth"
	"firebreak/internal/config"
	"firebreak/internal/httpapi"
	"firebreak/migrations"
)

// shutdownGrace is how long in-flight requests get to finish on SIGTERM.
const shutdownGrace = 20 * time.Second

func newServeCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "serve",
		Short: "Serve the GraphQL API",
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runServer(cmd.Context(), false)
		},
	}
}

func newAllCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "all",
		Short: "Development default: apply migrations, make sure an admin exists, and serve",
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runServer(cmd.Context(), true)
		},
	}
}

func runServer(ctx context.Context, bootstrap bool) error {
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
	}

	srv := &http.Server{
		Addr: cfg.Addr,
		Handler: httpapi.New(httpapi.Deps{
			DB: db, Redis: rdb,
			ComplexityLimit: cfg.ComplexityLimit,
			Introspection:   cfg.Introspection,
			AllowedOrigins:  cfg.AllowedOrigins,
		}),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	slog.Info("serving GraphQL", "addr", cfg.Addr, "graphiql", "http://localhost"+portOf(cfg.Addr)+"/")

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	slog.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
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
