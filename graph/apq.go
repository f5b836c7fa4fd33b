package graph

import (
	"context"
	"encoding/hex"
	"log/slog"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"firebreak/internal/auth"
)

// persistedQueryNotFound is the APQ protocol's error code.
const persistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND"

// apqTTL is how long a registered query is remembered after its last
// registration; clients re-register transparently after it expires.
const apqTTL = 24 * time.Hour

// RedisQueryCache keeps automatic persisted queries in Redis, so a query
// registered on one replica is known to all.
type RedisQueryCache struct {
	Client redis.UniversalClient
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

// registrationsPerHour bounds the new queries one API key registers: with
// maxPersistedQueryBytes each, kept apqTTL, it bounds the Redis memory a key
// can claim. A registration refused for it is harmless: the client is asked
// for the full text again, as after expiry.
const registrationsPerHour = 100

func (c RedisQueryCache) Add(ctx context.Context, hash, query string) {
	// Known already: registering again only extends its life.
	if known, err := c.Client.Expire(ctx, apqPrefix+hash, apqTTL).Result(); err == nil && known {
		return
	}
	if budget, ok := auth.RateKeyFrom(ctx); ok { // the API key's, or the signed-in person's
		res, err := redis_rate.NewLimiter(c.Client).Allow(ctx, apqPrefix+"budget:"+hex.EncodeToString(budget[:12]), redis_rate.PerHour(registrationsPerHour))
		if err == nil && res.Allowed == 0 {
			slog.WarnContext(ctx, "persisted query not saved: this key's or person's registrations for this hour are spent")
			return
		}
	}
	if err := c.Client.Set(ctx, apqPrefix+hash, query, apqTTL).Err(); err != nil {
		slog.WarnContext(ctx, "persisted query not saved", "error", err.Error())
	}
}

// maxPersistedQueryBytes is the largest query text remembered for APQ.
const maxPersistedQueryBytes = maxCachedQueryBytes

// lookupOnly is the cache gqlgen's APQ extension sees: it finds registered
// queries but registers none, because the extension would store any text
// before it is parsed. registerPersistedQueries stores it once it is valid.
type lookupOnly struct{ graphql.Cache[string] }

func (lookupOnly) Add(context.Context, string, string) {}

// registerPersistedQueries remembers a query sent with its hash once it has
// parsed and validated (and passed the shape limit); the APQ extension has
// already refused a text that does not match its hash.
type registerPersistedQueries struct{ cache graphql.Cache[string] }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = registerPersistedQueries{}

func (registerPersistedQueries) ExtensionName() string                          { return "RegisterPersistedQueries" }
func (registerPersistedQueries) Validate(schema graphql.ExecutableSchema) error { return nil }

func (r registerPersistedQueries) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	stats := extension.GetApqStats(ctx)
	if stats == nil || !stats.SentQuery || len(oc.RawQuery) > maxPersistedQueryBytes {
		return nil
	}
	r.cache.Add(ctx, stats.Hash, oc.RawQuery)
	return nil
}
