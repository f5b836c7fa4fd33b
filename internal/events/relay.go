package events

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/redis/go-redis/v9"
	"github.com/uptrace/bun"

	"firebreak/internal/auth"
	"firebreak/internal/catalog"
	"firebreak/internal/incident"
	"firebreak/models"
)

// relayLockKey makes one process the relay at a time, so events of an
// incident are published in the order they were committed.
const relayLockKey = 7_246_118_004

// Relay publishes committed outbox events to Redis.
type Relay struct {
	DB        *bun.DB
	Redis     redis.UniversalClient
	Incidents *incident.Service
	Users     *auth.Service
	Catalog   *catalog.Service
	// DatabaseURL opens the relay's own connection, which holds the leader
	// lock and listens for outbox notifications.
	DatabaseURL string
	// Poll is how long to wait for a notification before looking anyway.
	Poll time.Duration
	// BatchSize bounds the events published per transaction.
	BatchSize int
	// Channel is the pub/sub channel ("" for DefaultChannel).
	Channel string
	// Consumers record their work for each batch in its transaction and
	// hand it to the workers after it commits, in this order.
	Consumers []Consumer
}

// Run relays until ctx ends. Several processes may run it: one leads, the
// others wait to take over if its connection drops.
func (r *Relay) Run(ctx context.Context) {
	if r.Poll <= 0 {
		r.Poll = time.Second
	}
	if r.BatchSize <= 0 {
		r.BatchSize = 500
	}
	if r.Channel == "" {
		r.Channel = DefaultChannel
	}
	for ctx.Err() == nil {
		err := r.lead(ctx)
		if ctx.Err() != nil {
			return
		}
		slog.Warn("event relay: restarting", "error", err.Error())
		sleep(ctx, time.Second)
	}
}

func (r *Relay) lead(ctx context.Context) error {
	conn, err := pgx.Connect(ctx, r.DatabaseURL)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	for {
		var leader bool
		if err := conn.QueryRow(ctx, "SELECT pg_try_advisory_lock($1)", relayLockKey).Scan(&leader); err != nil {
			return fmt.Errorf("leader lock: %w", err)
		}
		if leader {
			break
		}
		if !sleep(ctx, 2*time.Second) {
			return ctx.Err()
		}
	}
	if _, err := conn.Exec(ctx, "LISTEN "+incident.OutboxChannel); err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	backoff := 100 * time.Millisecond
	for {
		if err := r.drain(ctx); err != nil {
			// Typically Redis is down: the events stay in the outbox and
			// mutations keep committing. Keep the lead and retry.
			slog.Warn("event relay: publish failed, will retry", "error", err.Error())
			if !sleep(ctx, backoff) {
				return ctx.Err()
			}
			backoff = min(2*backoff, 5*time.Second)
			continue
		}
		backoff = 100 * time.Millisecond
		wctx, cancel := context.WithTimeout(ctx, r.Poll)
		err := conn.PgConn().WaitForNotification(wctx)
		cancel()
		if err != nil && ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil && !pgconn.Timeout(err) {
			return fmt.Errorf("wait for notification: %w", err)
		}
	}
}

// drain publishes the outbox, a batch per transaction, until it is empty.
// A batch leaves the outbox only once Redis has accepted all of it.
func (r *Relay) drain(ctx context.Context) error {
	for {
		n, err := r.publishBatch(ctx)
		if err != nil || n < r.BatchSize {
			return err
		}
	}
}

func (r *Relay) publishBatch(ctx context.Context) (int, error) {
	var (
		published int
		handOvers []handOver
	)
	err := r.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var rows []struct {
			ID      int64 `bun:"id"`
			EventID int64 `bun:"event_id"`
		}
		err := tx.NewRaw(`DELETE FROM event_outbox WHERE id IN (
			SELECT id FROM event_outbox ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING id, event_id`, r.BatchSize).
			Scan(ctx, &rows)
		if err != nil || len(rows) == 0 {
			return err
		}
		sort.Slice(rows, func(i, j int) bool { return rows[i].ID < rows[j].ID })
		ids := make([]int64, len(rows))
		for i, row := range rows {
			ids[i] = row.EventID
		}
		msgs, err := r.build(ctx, tx, ids)
		if err != nil {
			return err
		}
		for _, c := range r.Consumers {
			after, err := c.Consume(ctx, tx, msgs)
			if err != nil {
				return fmt.Errorf("%T: %w", c, err)
			}
			if after != nil {
				handOvers = append(handOvers, handOver{c, after})
			}
		}
		pipe := r.Redis.Pipeline()
		for _, m := range msgs {
			b, err := json.Marshal(m)
			if err != nil {
				return err
			}
			pipe.Publish(ctx, r.Channel, b)
		}
		if _, err := pipe.Exec(ctx); err != nil {
			return fmt.Errorf("publish: %w", err)
		}
		published = len(rows)
		return nil
	})
	if err != nil {
		return 0, err
	}
	for _, h := range handOvers {
		if qerr := h.run(ctx); qerr != nil {
			slog.Warn("event relay: work left for the reconciler", "consumer", fmt.Sprintf("%T", h.consumer), "error", qerr.Error())
		}
	}
	return published, nil
}

// handOver is a consumer's work of a committed batch, to give the workers.
type handOver struct {
	consumer Consumer
	run      func(context.Context) error
}

// build turns event ids into messages, in the given order, with a handful of
// queries per batch.
func (r *Relay) build(ctx context.Context, db bun.IDB, eventIDs []int64) ([]*Message, error) {
	var evs []*models.TimelineEvent
	if err := db.NewSelect().Model(&evs).Where("id IN (?)", bun.In(eventIDs)).Scan(ctx); err != nil {
		return nil, err
	}
	byID := make(map[int64]*models.TimelineEvent, len(evs))
	var incidentIDs []int64
	for _, e := range evs {
		byID[e.ID] = e
		incidentIDs = append(incidentIDs, e.IncidentID)
	}
	var incs []*models.Incident
	if err := db.NewSelect().Model(&incs).Where("i.id IN (?)", bun.In(incidentIDs)).Scan(ctx); err != nil {
		return nil, err
	}
	incByID := make(map[int64]*models.Incident, len(incs))
	var severityIDs []int64
	for _, inc := range incs {
		incByID[inc.ID] = inc
		severityIDs = append(severityIDs, inc.SeverityID)
	}
	sevByID, err := r.Catalog.SeveritiesByID(ctx, severityIDs)
	if err != nil {
		return nil, err
	}
	products, err := r.Incidents.ProductsOf(ctx, incidentIDs)
	if err != nil {
		return nil, err
	}
	roles, err := r.Incidents.RolesOf(ctx, incidentIDs)
	if err != nil {
		return nil, err
	}
	latest, err := r.Incidents.LatestUpdates(ctx, incidentIDs)
	if err != nil {
		return nil, err
	}
	var userIDs []int64
	for _, e := range evs {
		if e.ActorID != nil {
			userIDs = append(userIDs, *e.ActorID)
		}
	}
	for _, id := range incidentIDs {
		userIDs = append(userIDs, incByID[id].CreatedByID)
		for _, ra := range roles[id] {
			userIDs = append(userIDs, ra.UserID)
		}
		if u := latest[id]; u != nil {
			userIDs = append(userIDs, u.AuthorID)
		}
	}
	users, err := r.Users.UsersByID(ctx, userIDs)
	if err != nil {
		return nil, err
	}

	msgs := make([]*Message, 0, len(eventIDs))
	for _, id := range eventIDs {
		e := byID[id]
		if e == nil {
			continue // its incident was deleted
		}
		inc := incByID[e.IncidentID]
		m := &Message{Event: *e, Incident: *inc, Severity: *sevByID[inc.SeverityID],
			Products: products[inc.ID], Roles: roles[inc.ID], LatestUpdate: latest[inc.ID]}
		if e.ActorID != nil {
			m.Actor = users[*e.ActorID]
		}
		related := []int64{inc.CreatedByID}
		for _, ra := range m.Roles {
			related = append(related, ra.UserID)
		}
		if m.LatestUpdate != nil {
			related = append(related, m.LatestUpdate.AuthorID)
		}
		for _, uid := range related {
			if u := users[uid]; u != nil && !slices.ContainsFunc(m.Users, func(x *models.User) bool { return x.ID == uid }) {
				m.Users = append(m.Users, u)
			}
		}
		if inc.Visibility == models.VisibilityPrivate {
			m.Allowed = append(m.Allowed, inc.CreatedByID)
			for _, ra := range m.Roles {
				m.Allowed = append(m.Allowed, ra.UserID)
			}
		}
		msgs = append(msgs, m)
	}
	return msgs, nil
}

// sleep waits for d or until ctx ends, reporting whether it slept fully.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

var errFeedLost = errors.New("the live event feed was interrupted")

// Messages builds the live messages of committed events as the relay
// publishes them (for tools and tests that hold the Go rules up against
// the SQL ones).
func (r *Relay) Messages(ctx context.Context, eventIDs []int64) ([]*Message, error) {
	return r.build(ctx, r.DB, eventIDs)
}
