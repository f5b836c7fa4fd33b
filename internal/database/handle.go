package database

import (
	"context"

	"github.com/uptrace/bun"
)

// A change's transaction travels in its context, so that the domain calls
// it makes join it instead of committing on connections of their own (as
// GoAlert's graphqlapp/tx.go does): an alert that declares an incident,
// links its group and writes its timeline is one transaction on one
// connection, and either all of it happened or none did.
type handleKey struct{}

// WithTx returns ctx carrying tx: RunInTx and Handle called with it join tx.
func WithTx(ctx context.Context, tx bun.Tx) context.Context {
	return context.WithValue(ctx, handleKey{}, bun.IDB(tx))
}

// WithConn returns ctx carrying one reserved connection: work done with it
// (queries, transactions) runs on conn and never waits for another from
// the pool while holding it.
func WithConn(ctx context.Context, conn bun.Conn) context.Context {
	return context.WithValue(ctx, handleKey{}, bun.IDB(conn))
}

// Handle is what to run statements on: the transaction or connection ctx
// carries, else db.
func Handle(ctx context.Context, db bun.IDB) bun.IDB {
	if h, ok := ctx.Value(handleKey{}).(bun.IDB); ok {
		return h
	}
	return db
}

// RunInTx runs fn in a transaction whose context carries it: inside the
// transaction ctx carries, a savepoint (so a retry such as a handle
// collision rolls back only its own part); else a transaction of its own,
// on the connection ctx carries if any. It commits only when it began the
// transaction.
func RunInTx(ctx context.Context, db bun.IDB, fn func(ctx context.Context, tx bun.Tx) error) error {
	return Handle(ctx, db).RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		return fn(WithTx(ctx, tx), tx)
	})
}
