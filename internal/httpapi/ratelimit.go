package httpapi

import (
	"context"
	"encoding/hex"
	"log/slog"
	"math"
	"net/http"
	"strconv"

	"github.com/go-redis/redis_rate/v10"

	"firebreak/graph"
	"firebreak/internal/apperr"
	"firebreak/internal/auth"
	"firebreak/internal/httperr"
	"firebreak/internal/requestid"
)

// limitRate allows each API key limit's rate (GCRA in Redis, shared by every
// replica) and answers the rest with 429, RATE_LIMITED and Retry-After. It
// runs after authentication, so only valid keys have a budget. If Redis is
// unreachable requests go through: the limiter protects the service, it is
// not worth refusing everyone over.
func limitRate(limiter *redis_rate.Limiter, limit redis_rate.Limit, next http.Handler) http.Handler {
	if limiter == nil || limit.IsZero() {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		budget, ok := auth.RateKeyFrom(r.Context())
		if !ok { // websocket upgrades authenticate later, in connection_init
			next.ServeHTTP(w, r)
			return
		}
		res, err := limiter.Allow(r.Context(), rateKey(budget), limit)
		if err != nil {
			slog.WarnContext(r.Context(), "rate limiter unavailable; request allowed", "request_id", requestid.From(r.Context()), "error", err.Error())
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set("RateLimit-Limit", strconv.Itoa(limit.Rate))
		w.Header().Set("RateLimit-Remaining", strconv.Itoa(res.Remaining))
		if res.Allowed == 0 {
			w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(res.RetryAfter.Seconds()))))
			httperr.Write(w, r, "rate limit", apperr.New(apperr.RateLimited,
				"too many requests for this API key: retry after %s", res.RetryAfter.Round(1e6)), graphqlBody)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// rateKey names an API key's budget in Redis.
func rateKey(keyHash []byte) string { return "firebreak:rate:" + hex.EncodeToString(keyHash[:12]) }

// limitOperations spends the same budget for operations sent over a
// websocket, where there is no HTTP request per operation.
func limitOperations(limiter *redis_rate.Limiter, limit redis_rate.Limit) graph.OperationLimiter {
	if limiter == nil || limit.IsZero() {
		return nil
	}
	return func(ctx context.Context, keyHash []byte) *apperr.Error {
		res, err := limiter.Allow(ctx, rateKey(keyHash), limit)
		if err != nil {
			slog.WarnContext(ctx, "rate limiter unavailable; operation allowed", "error", err.Error())
			return nil
		}
		if res.Allowed == 0 {
			return apperr.New(apperr.RateLimited, "too many requests for this API key: retry after %s", res.RetryAfter.Round(1e6))
		}
		return nil
	}
}
