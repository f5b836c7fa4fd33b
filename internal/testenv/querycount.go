package testenv

import (
	"context"
	"sync/atomic"

	"github.com/uptrace/bun"
)

// queryCounter is a bun query hook counting the SQL statements the API runs.
type queryCounter struct{ n atomic.Int64 }

func (c *queryCounter) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context {
	c.n.Add(1)
	return ctx
}

func (c *queryCounter) AfterQuery(context.Context, *bun.QueryEvent) {}

// CountQueries returns how many SQL statements fn made the API run.
func (e *Env) CountQueries(fn func()) int {
	before := e.queries.n.Load()
	fn()
	return int(e.queries.n.Load() - before)
}
