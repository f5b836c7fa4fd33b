// Package requestid tags each HTTP request with an id that appears in its
// logs and in INTERNAL errors, so a user's report can be matched to a log line.
package requestid

import (
	"context"
	"crypto/rand"
	"net/http"
	"regexp"
)

// Header carries the id in requests (from a proxy) and responses.
const Header = "X-Request-Id"

type key struct{}

var acceptable = regexp.MustCompile(`^[A-Za-z0-9._-]{8,64}$`)

// Middleware reuses a well-formed incoming id or makes a new one.
func Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(Header)
		if !acceptable.MatchString(id) {
			id = rand.Text()[:16]
		}
		w.Header().Set(Header, id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), key{}, id)))
	})
}

// From returns the request's id, or "" outside a request.
func From(ctx context.Context) string {
	id, _ := ctx.Value(key{}).(string)
	return id
}
