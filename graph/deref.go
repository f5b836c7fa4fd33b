package graph

import (
	"errors"

	"github.com/vikstrous/dataloadgen"
)

// deref returns the value of an optional argument, or its zero value.
func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

func isNotFound(err error) bool { return errors.Is(err, dataloadgen.ErrNotFound) }
