// Package database opens the PostgreSQL connection pool and recognises the
// Postgres errors that callers turn into client errors.
package database

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// Open connects to the database at url (postgres://…).
func Open(url string, maxConns int) (*bun.DB, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("DATABASE_URL: %w", err)
	}
	// JIT compilation pays off for long analytical queries, not for an API's
	// short ones: it added ~190 ms to counting 100k incidents.
	if _, set := cfg.RuntimeParams["jit"]; !set {
		cfg.RuntimeParams["jit"] = "off"
	}
	sqldb := stdlib.OpenDB(*cfg)
	if maxConns <= 0 {
		maxConns = 20
	}
	sqldb.SetMaxOpenConns(maxConns)
	sqldb.SetMaxIdleConns(maxConns)
	sqldb.SetConnMaxIdleTime(5 * time.Minute)
	return bun.NewDB(sqldb, pgdialect.New()), nil
}

// UniqueViolation returns the constraint name if err is a unique violation.
func UniqueViolation(err error) (string, bool) {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		return pgErr.ConstraintName, true
	}
	return "", false
}

// IsUnavailable reports whether err means PostgreSQL could not be reached
// or stopped serving this session — the server is down, restarting or
// failing over, or the connection went to a server that no longer takes
// writes — rather than that the statement was wrong. A failover surfaces
// as one of these for a moment; the work is worth retrying.
func IsUnavailable(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false // the request's own end, not the server's
	}
	var (
		pgErr      *pgconn.PgError
		connectErr *pgconn.ConnectError
		netErr     net.Error
	)
	switch {
	case errors.As(err, &pgErr):
		// 08: connection exception; 57P01-03: shut down, crashed, starting;
		// 25006: a read-only transaction (a demoted primary).
		return strings.HasPrefix(pgErr.Code, "08") || pgErr.Code == "57P01" || pgErr.Code == "57P02" || pgErr.Code == "57P03" || pgErr.Code == "25006"
	case errors.As(err, &connectErr), errors.As(err, &netErr):
		return true
	case errors.Is(err, driver.ErrBadConn), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return true
	}
	return pgconn.SafeToRetry(err)
}

// UnavailableBudget is how long a safe-to-repeat read keeps retrying while
// PostgreSQL is unavailable: long enough to ride out a promotion, short
// enough that a real outage is reported quickly.
const UnavailableBudget = 3 * time.Second

// RetryUnavailable runs read, and runs it again (backing off from 50 ms)
// while it fails because PostgreSQL is unavailable, for up to budget or
// until ctx ends. Only for work that changes nothing: a write must not be
// repeated when its first attempt's fate is unknown.
func RetryUnavailable(ctx context.Context, budget time.Duration, read func() error) error {
	deadline := time.Now().Add(budget)
	wait := 50 * time.Millisecond
	for {
		err := read()
		if !IsUnavailable(err) || time.Now().Add(wait).After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
		wait = min(2*wait, 500*time.Millisecond)
	}
}

// IsNoRows reports whether err means the row was not there.
func IsNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// Keyed runs q, a select of T rows, and maps each row by key: the shape a
// dataloader asks for when it loads many ids at once.
func Keyed[T any](ctx context.Context, q *bun.SelectQuery, key func(*T) int64) (map[int64]*T, error) {
	var rows []*T
	if err := q.Model(&rows).Scan(ctx); err != nil {
		return nil, err
	}
	out := make(map[int64]*T, len(rows))
	for _, r := range rows {
		out[key(r)] = r
	}
	return out, nil
}

// Grouped runs q, a select of T rows, and groups them by key in q's order;
// every id in ids gets an entry, empty when it has no rows.
func Grouped[T any](ctx context.Context, q *bun.SelectQuery, ids []int64, key func(*T) int64) (map[int64][]*T, error) {
	var rows []*T
	if err := q.Model(&rows).Scan(ctx); err != nil {
		return nil, err
	}
	out := make(map[int64][]*T, len(ids))
	for _, id := range ids {
		out[id] = []*T{}
	}
	for _, r := range rows {
		out[key(r)] = append(out[key(r)], r)
	}
	return out, nil
}
