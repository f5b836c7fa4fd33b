// Package refcache keeps reference data that almost never changes — API
// keys and their people, severities — in memory for a short while, and
// drops it the moment PostgreSQL says it changed.
//
// Every change to those tables, by any writer, fires a trigger that
// notifies the channel "firebreak_reference" when it commits (migration
// 20261130000010); Listen hears it on every process and advances the
// Epoch, which makes every entry filled before it a miss. While no
// connection listens — before the first one, or after one dropped — the
// caches store nothing, so a change is never missed for longer than it
// takes to reconnect; the expiry is a safety net on top.
package refcache

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Channel is the notification channel the reference-data triggers use.
const Channel = "firebreak_reference"

// Epoch counts the changes heard of, and whether anyone is listening.
type Epoch struct {
	n         atomic.Uint64
	listening atomic.Bool
}

// Now is the epoch to fill an entry with: read it before loading what the
// entry will hold, so that a change committed during the load leaves the
// entry stale. Zero while nobody listens: nothing is cached then.
func (e *Epoch) Now() uint64 {
	if !e.listening.Load() {
		return 0
	}
	return e.n.Load()
}

// Changed makes every entry filled so far a miss.
func (e *Epoch) Changed() { e.n.Add(1) }

// listen records whether a connection listens; either way, what was cached
// before is stale.
func (e *Epoch) listen(on bool) {
	e.n.Add(1)
	e.listening.Store(on)
}

// Listen keeps a connection to url listening for reference-data changes
// until ctx ends, advancing e on each. ready, when not nil, is closed once
// the first connection listens.
func Listen(ctx context.Context, url string, e *Epoch, ready chan<- struct{}) {
	for ctx.Err() == nil {
		err := listenOnce(ctx, url, e, ready)
		e.listen(false)
		ready = nil
		if ctx.Err() != nil {
			return
		}
		slog.Warn("reference cache: not listening, caching nothing until it reconnects", "error", err)
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
}

func listenOnce(ctx context.Context, url string, e *Epoch, ready chan<- struct{}) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "LISTEN "+Channel); err != nil {
		return err
	}
	e.listen(true)
	if ready != nil {
		close(ready)
	}
	for {
		// A timeout checks the connection now and then; a dead one returns
		// an error and the caches stop until a new one listens.
		wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		_, err := conn.WaitForNotification(wctx)
		cancel()
		switch {
		case err == nil:
			e.Changed()
		case ctx.Err() != nil:
			return ctx.Err()
		case pgconn.Timeout(err):
			if err := conn.Ping(ctx); err != nil {
				return err
			}
		default:
			return err
		}
	}
}

// Cache holds up to max values for at most ttl each, and none filled
// before the epoch last advanced.
type Cache[K comparable, V any] struct {
	epoch *Epoch
	ttl   time.Duration
	max   int

	mu      sync.Mutex
	entries map[K]entry[V]
}

type entry[V any] struct {
	value   V
	epoch   uint64
	expires time.Time
}

// New returns a cache over epoch.
func New[K comparable, V any](epoch *Epoch, ttl time.Duration, max int) *Cache[K, V] {
	return &Cache[K, V]{epoch: epoch, ttl: ttl, max: max, entries: make(map[K]entry[V])}
}

// Epoch is the epoch to Put a value with, read before loading it (zero for
// a nil cache: nothing is kept).
func (c *Cache[K, V]) Epoch() uint64 {
	if c == nil {
		return 0
	}
	return c.epoch.Now()
}

// Get returns the value for key if it is still good.
func (c *Cache[K, V]) Get(key K) (V, bool) {
	var zero V
	if c == nil {
		return zero, false
	}
	now := c.epoch.Now()
	if now == 0 {
		return zero, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok {
		return zero, false
	}
	if e.epoch != now || time.Now().After(e.expires) {
		delete(c.entries, key)
		return zero, false
	}
	return e.value, true
}

// Put stores value for key as loaded at epoch (Epoch.Now read before the
// load). A full cache starts over: the set of keys in use is small, and a
// flood of distinct ones must not grow memory.
func (c *Cache[K, V]) Put(key K, value V, epoch uint64) {
	if c == nil || epoch == 0 || epoch != c.epoch.Now() {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= c.max {
		clear(c.entries)
	}
	c.entries[key] = entry[V]{value: value, epoch: epoch, expires: time.Now().Add(c.ttl)}
}

// Changed drops what this process cached on the cache's epoch at once, for
// a change it just committed itself: the notification that tells every
// process follows within milliseconds, but the writer's next request must
// not see the old value even that long.
func (c *Cache[K, V]) Changed() {
	if c != nil {
		c.epoch.Changed()
	}
}

// Update changes the value held for key, if any, keeping its epoch and
// expiry.
func (c *Cache[K, V]) Update(key K, change func(V) V) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[key]; ok {
		e.value = change(e.value)
		c.entries[key] = e
	}
}
