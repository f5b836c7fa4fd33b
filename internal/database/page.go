package database

import (
	"context"
	"slices"
	"strings"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
)

// Page is one page of a keyset-paginated list, in the list's order.
type Page[T any] struct {
	Items       []T
	HasNext     bool
	HasPrevious bool
}

// MaxPageSize bounds every list.
const MaxPageSize = 100

// Window is the part of a list a client asks for, as Relay connections do:
// the first N items after a position, or the last N before one (both
// bounds may be given). A position is the values of the list's order
// columns at an item.
type Window struct {
	First, Last   *int
	After, Before []any
	// Default is the page size when neither First nor Last is given.
	Default int
}

func (w Window) check() error {
	if w.First != nil && w.Last != nil {
		return apperr.BadInput("last", "ask for first or last, not both")
	}
	for field, n := range map[string]*int{"first": w.First, "last": w.Last} {
		if n != nil && (*n < 0 || *n > MaxPageSize) {
			return apperr.BadInput(field, "%s must be between 0 and %d", field, MaxPageSize)
		}
	}
	return nil
}

// size is how many items the window holds.
func (w Window) size() int {
	switch {
	case w.Last != nil:
		return *w.Last
	case w.First != nil:
		return *w.First
	}
	return w.Default
}

// Keyset reads window w of q, a list ordered by columns (all ascending, or
// all descending when desc). After and before are row comparisons on those
// columns, so any page costs an index range scan, never an OFFSET. The last
// N are read in reverse order and turned around.
func Keyset[T any](ctx context.Context, q *bun.SelectQuery, columns []string, desc bool, w Window) (Page[T], error) {
	if err := w.check(); err != nil {
		return Page[T]{}, err
	}
	row := "(" + strings.Join(columns, ", ") + ")"
	later, earlier := " > ", " < " // further along the list's order, and back
	if desc {
		later, earlier = earlier, later
	}
	if w.After != nil {
		q.Where(row+later+"(?)", bun.In(w.After))
	}
	if w.Before != nil {
		q.Where(row+earlier+"(?)", bun.In(w.Before))
	}
	backward := w.Last != nil
	direction := " ASC"
	if desc != backward {
		direction = " DESC"
	}
	order := make([]string, len(columns))
	for i, c := range columns {
		order[i] = c + direction
	}
	n := w.size()
	var rows []T
	if err := q.Model(&rows).OrderExpr(strings.Join(order, ", ")).Limit(int64(n + 1)).Scan(ctx); err != nil {
		return Page[T]{}, err
	}
	more := len(rows) > n
	if more {
		rows = rows[:n]
	}
	if backward {
		slices.Reverse(rows)
		return Page[T]{Items: rows, HasPrevious: more, HasNext: w.Before != nil}, nil
	}
	return Page[T]{Items: rows, HasNext: more, HasPrevious: w.After != nil}, nil
}

// NewestFirst reads window w of q in descending order of the id column.
func NewestFirst[T any](ctx context.Context, q *bun.SelectQuery, idColumn string, w Window) (Page[T], error) {
	return Keyset[T](ctx, q, []string{idColumn}, true, w)
}
