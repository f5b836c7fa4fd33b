package main

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"
	"github.com/spf13/cobra"
	"github.com/uptrace/bun"

	"firebreak/internal/config"
	"firebreak/internal/database"
	"firebreak/internal/redisconn"
)

func openDatabase(ctx context.Context, cfg config.Config) (*bun.DB, error) {
	if err := cfg.RequireDatabase(); err != nil {
		return nil, err
	}
	db, err := database.Open(cfg.DatabaseURL, cfg.DBMaxConns)
	if err != nil {
		return nil, err
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to PostgreSQL: %w", err)
	}
	return db, nil
}

func openRedis(ctx context.Context, cfg config.Config) (redis.UniversalClient, *redisconn.Target, error) {
	if err := cfg.RequireRedis(); err != nil {
		return nil, nil, err
	}
	target, err := redisconn.Parse(cfg.RedisURL)
	if err != nil {
		return nil, nil, err
	}
	rdb := target.Client()
	if err := rdb.Ping(ctx).Err(); err != nil {
		rdb.Close()
		return nil, nil, fmt.Errorf("connect to Redis (%s): %w", target, err)
	}
	return rdb, target, nil
}

// withDatabase runs an admin command's body with a database connection.
func withDatabase(cmd *cobra.Command, fn func(*bun.DB) error) error {
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	db, err := openDatabase(cmd.Context(), cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	return fn(db)
}

// services is what a long-running command works with.
type services struct {
	cfg config.Config
	db  *bun.DB
	rdb redis.UniversalClient
	// redis is what rdb connects to, for asynq parts that open their own
	// connections.
	redis *redisconn.Target
}

func (s *services) Close() {
	s.rdb.Close()
	s.db.Close()
}

// connect reads the configuration, sets up logging and opens PostgreSQL and
// Redis; the caller closes them.
func connect(ctx context.Context) (*services, error) {
	cfg, err := config.Load()
	if err != nil {
		return nil, err
	}
	setupLogging(cfg.LogLevel)
	db, err := openDatabase(ctx, cfg)
	if err != nil {
		return nil, err
	}
	rdb, target, err := openRedis(ctx, cfg)
	if err != nil {
		db.Close()
		return nil, err
	}
	return &services{cfg: cfg, db: db, rdb: rdb, redis: target}, nil
}
