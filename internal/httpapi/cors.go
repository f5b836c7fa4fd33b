package httpapi

import (
	"net/http"

	"github.com/rs/cors"

	"firebreak/graph"
)

// allowOrigins answers cross-origin requests from browser apps on the
// origins of FIREBREAK_ALLOWED_ORIGINS — the setting that already governs
// websocket origins, matched the same way (coder/websocket's rules: a
// pattern is matched with path.Match against the origin's host, or against
// scheme://host when it names a scheme). rs/cors answers preflights (with
// the headers GraphQL clients send and a 10-minute Max-Age), echoes an
// allowed origin with Vary: Origin, and adds nothing for any other origin.
// No credentials: the API is authenticated by bearer keys, never cookies.
func allowOrigins(patterns []string) func(http.Handler) http.Handler {
	if len(patterns) == 0 {
		return func(h http.Handler) http.Handler { return h }
	}
	c := cors.New(cors.Options{
		AllowOriginFunc: func(origin string) bool { return graph.OriginAllowed(patterns, origin) },
		AllowedMethods:  []string{http.MethodGet, http.MethodPost},
		AllowedHeaders: []string{"Authorization", "Content-Type", "Accept", "X-Request-Id",
			"Apollo-Require-Preflight", "X-Apollo-Operation-Name", "Apollographql-Client-Name", "Apollographql-Client-Version"},
		ExposedHeaders: []string{"X-Request-Id", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining"},
		MaxAge:         600,
	})
	return c.Handler
}
