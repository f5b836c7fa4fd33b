package database

import (
	"context"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
)

// Page is one page of a keyset-paginated list.
type Page[T any] struct {
	Items   []T
	HasNext bool
}

// MaxPageSize bounds every list.
const MaxPageSize = 100

// CheckPageSize validates a `first` argument.
func CheckPageSize(first int) error {
	if first < 0 || first > MaxPageSize {
		return apperr.BadInput("first", "first must be between 0 and %d", MaxPageSize)
	}
	return nil
}

// Trim turns first+1 rows, read to learn whether more follow, into a page.
func Trim[T any](rows []T, first int) Page[T] {
	if len(rows) > first {
		return Page[T]{Items: rows[:first], HasNext: true}
	}
	return Page[T]{Items: rows}
}

// NewestFirst reads one page of q in descending order of the id column,
// after the id afterID (0: from the newest).
func NewestFirst[T any](ctx context.Context, q *bun.SelectQuery, idColumn string, first int, afterID int64) (Page[T], error) {
	if err := CheckPageSize(first); err != nil {
		return Page[T]{}, err
	}
	var rows []T
	q.Model(&rows).OrderExpr(idColumn + " DESC").Limit(int64(first + 1))
	if afterID > 0 {
		q.Where(idColumn+" < ?", afterID)
	}
	if err := q.Scan(ctx); err != nil {
		return Page[T]{}, err
	}
	return Trim(rows, first), nil
}
