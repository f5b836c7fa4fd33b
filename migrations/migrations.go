// Package migrations holds the database schema as SQL files, embedded in the
// binary and applied by bun/migrate.
package migrations

import (
	"context"
	"embed"
	"fmt"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/migrate"
)

// Files holds the SQL migrations.
//
//go:embed *.sql
var Files embed.FS

// Migrations is every migration in this folder, in file-name order.
var Migrations = migrate.NewMigrations()

func init() {
	if err := Migrations.Discover(Files); err != nil {
		panic(err)
	}
}

// advisoryLockKey serialises migrations across processes. bun's own lock is a
// table row that survives a crash (bun #758); a session advisory lock cannot.
const advisoryLockKey = 7_246_118_001

// NewMigrator returns a migrator that marks a migration applied only once it
// has succeeded (otherwise a failed migration is recorded as done: bun #474).
func NewMigrator(db *bun.DB) *migrate.Migrator {
	return migrate.NewMigrator(db, Migrations, migrate.WithMarkAppliedOnSuccess(true))
}

// WithLock runs fn while holding the migration advisory lock.
func WithLock(ctx context.Context, db *bun.DB, fn func(*migrate.Migrator) error) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("migrations: connect: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(?)", advisoryLockKey); err != nil {
		return fmt.Errorf("migrations: take lock: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock(?)", advisoryLockKey) //nolint:errcheck // closing the session releases it anyway

	m := NewMigrator(db)
	if err := m.Init(ctx); err != nil {
		return fmt.Errorf("migrations: init: %w", err)
	}
	return fn(m)
}

// Up applies every pending migration and returns the names applied.
func Up(ctx context.Context, db *bun.DB) ([]string, error) {
	var applied []string
	err := WithLock(ctx, db, func(m *migrate.Migrator) error {
		group, err := m.Migrate(ctx)
		if err != nil {
			return err
		}
		for _, mig := range group.Migrations {
			applied = append(applied, mig.Name)
		}
		return nil
	})
	return applied, err
}
