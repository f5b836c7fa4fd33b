package graph

import (
	"context"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"
)

// persistedQueryNotFound is the APQ protocol's error code.
const persistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND"

// apqTTL is how long a registered query is remembered after its last
// registration; clients re-register transparently after it expires.
const apqTTL = 24 * time.Hour

// RedisQueryCache keeps automatic persisted queries in Redis, so a query
// registered on one replica is known to all.
type RedisQueryCache struct {
	Client *redis.Client
}

const apqPrefix = "firebreak:apq:"

func (c RedisQueryCache) Get(ctx context.Context, hash string) (string, bool) {
	query, err := c.Client.Get(ctx, apqPrefix+hash).Result()
	if err != nil {
		if err != redis.Nil {
			slog.WarnContext(ctx, "persisted query lookup failed", "error", err.Error())
		}
		return "", false
	}
	return query, true
}

func (c RedisQueryCache) Add(ctx context.Context, hash, query string) {
	if err := c.Client.Set(ctx, apqPrefix+hash, query, apqTTL).Err(); err != nil {
		slog.WarnContext(ctx, "persisted query not saved", "error", err.Error())
	}
}
