package database

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/uptrace/bun"
)

// Reads sends heavy reads that tolerate a moment's replication lag
// (aggregates over many incidents) to a read replica
// (FIREBREAK_DATABASE_READ_URL), and to the primary when there is none or
// while the replica cannot be reached.
type Reads struct {
	primary, replica *bun.DB
	// downUntil (unix nanoseconds) is when to try the replica again after
	// it failed for want of a connection.
	downUntil atomic.Int64
}

// replicaPause is how long reads stay on the primary after the replica
// could not be reached.
const replicaPause = 10 * time.Second

// NewReads routes reads over replica (nil: none) and primary.
func NewReads(primary, replica *bun.DB) *Reads {
	r := &Reads{primary: primary, replica: replica}
	if replica != nil {
		replica.AddQueryHook(replicaWatch{r})
	}
	return r
}

// DB is where the next heavy read goes.
func (r *Reads) DB() *bun.DB {
	if r.replica == nil || time.Now().UnixNano() < r.downUntil.Load() {
		return r.primary
	}
	return r.replica
}

// replicaWatch moves reads to the primary for a while when a query on the
// replica finds it unreachable (the query itself fails; a query's fields
// are retried, so the retry lands on the primary).
type replicaWatch struct{ r *Reads }

func (w replicaWatch) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context { return ctx }

func (w replicaWatch) AfterQuery(_ context.Context, e *bun.QueryEvent) {
	if IsUnavailable(e.Err) {
		w.r.downUntil.Store(time.Now().Add(replicaPause).UnixNano())
	}
}
