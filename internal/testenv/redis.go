package testenv

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"

	"github.com/redis/go-redis/v9"
)

// NewRedis hands the test a Redis logical database of its own, flushed
// before and after. The local server runs with many databases; each test
// takes the next one round-robin.
func NewRedis(t testing.TB) (*redis.Client, string) {
	t.Helper()
	ctx := context.Background()
	base := os.Getenv("REDIS_URL")
	if base == "" {
		t.Fatal("REDIS_URL is not set: run the tests with `make test`, which starts PostgreSQL and Redis")
	}
	opts, err := redis.ParseURL(base)
	if err != nil {
		t.Fatal(err)
	}
	control := redis.NewClient(opts)
	defer control.Close()
	count := 16
	if cfg, err := control.ConfigGet(ctx, "databases").Result(); err == nil {
		if n, err := strconv.Atoi(cfg["databases"]); err == nil && n > 1 {
			count = n
		}
	}
	next, err := control.Incr(ctx, "firebreak:test:next-db").Result()
	if err != nil {
		t.Fatalf("redis: %v", err)
	}
	db := 1 + int(next%int64(count-1)) // database 0 keeps the counter
	opts.DB = db
	client := redis.NewClient(opts)
	if err := client.FlushDB(ctx).Err(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		client.FlushDB(context.Background())
		client.Close()
	})
	return client, fmt.Sprintf("redis://%s/%d", opts.Addr, db)
}
