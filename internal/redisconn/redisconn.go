// Package redisconn opens the Redis that REDIS_URL names: one server, the
// primary a set of Redis Sentinels elect (followed through failovers), or a
// Redis Cluster.
//
// All three are go-redis's own URL formats:
//
//	redis://[user:password@]host:6379/0
//	redis://[sentinel-user:sentinel-password@]sentinel1:26379/0?master_name=mymaster&addr=sentinel2:26379&addr=sentinel3:26379[&password=...]
//	redis://[user:password@]node1:6379?addr=node2:6379&addr=node3:6379
//
// The second (redis.ParseFailoverURL) is chosen by its master_name
// parameter, the primary's own password being its password parameter; the
// third (redis.ParseClusterURL) by addr parameters without master_name.
package redisconn

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/redis/go-redis/v9"
)

// Target is a parsed REDIS_URL. It is also an asynq.RedisConnOpt, for the
// asynq parts that open (and close) connections of their own: each gets a
// client of its own that follows failovers like the main one.
type Target struct {
	single   *redis.Options
	failover *redis.FailoverOptions
	cluster  *redis.ClusterOptions
}

// Parse reads a REDIS_URL.
func Parse(rawURL string) (*Target, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("REDIS_URL: %w", err)
	}
	if u.Query().Has("master_name") {
		fo, err := redis.ParseFailoverURL(rawURL)
		if err != nil {
			return nil, fmt.Errorf("REDIS_URL (Sentinel): %w", err)
		}
		if fo.MasterName == "" {
			return nil, fmt.Errorf("REDIS_URL (Sentinel): master_name must name the primary the Sentinels monitor")
		}
		return &Target{failover: fo}, nil
	}
	if u.Query().Has("addr") {
		co, err := redis.ParseClusterURL(rawURL)
		if err != nil {
			return nil, fmt.Errorf("REDIS_URL (Cluster): %w", err)
		}
		return &Target{cluster: co}, nil
	}
	o, err := redis.ParseURL(rawURL)
	if err != nil {
		return nil, fmt.Errorf("REDIS_URL: %w", err)
	}
	return &Target{single: o}, nil
}

// Client opens a client of the target. Over Sentinel it asks the
// Sentinels for the primary, and on a failover closes its connections to
// the old one and reconnects to the new; over a Cluster it routes each key
// to the node that owns its slot and follows slot moves and failovers.
func (t *Target) Client() redis.UniversalClient {
	if t.cluster != nil {
		co := *t.cluster
		co.Addrs = append([]string(nil), t.cluster.Addrs...)
		return redis.NewClusterClient(&co)
	}
	if t.failover != nil {
		fo := *t.failover
		fo.SentinelAddrs = append([]string(nil), t.failover.SentinelAddrs...)
		return redis.NewFailoverClient(&fo)
	}
	o := *t.single
	return redis.NewClient(&o)
}

// MakeRedisClient implements asynq.RedisConnOpt.
func (t *Target) MakeRedisClient() any { return t.Client() }

// String names the target for logs, without credentials.
func (t *Target) String() string {
	if t.cluster != nil {
		return "Redis Cluster " + strings.Join(t.cluster.Addrs, ",")
	}
	if t.failover != nil {
		return fmt.Sprintf("primary %q of Sentinels %s, database %d", t.failover.MasterName, strings.Join(t.failover.SentinelAddrs, ","), t.failover.DB)
	}
	return fmt.Sprintf("%s, database %d", t.single.Addr, t.single.DB)
}
