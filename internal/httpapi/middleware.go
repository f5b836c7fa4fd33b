package httpapi

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"strings"
	"time"

	"firebreak/internal/apperr"
	"firebreak/internal/auth"
	"firebreak/internal/database"
	"firebreak/internal/httperr"
	"firebreak/internal/requestid"
	"firebreak/internal/telemetry"
	"firebreak/internal/websession"
)

// graphqlError writes a GraphQL-shaped error response for failures that
// happen before GraphQL runs.
func graphqlError(w http.ResponseWriter, status int, code apperr.Code, message string) {
	writeJSON(w, status, map[string]any{
		"errors": []map[string]any{{"message": message, "extensions": map[string]any{"code": code}}},
	})
}

// graphqlBody writes an error in GraphQL's shape through the one error
// writer (clients of the API read errors there, whatever the route).
func graphqlBody(w http.ResponseWriter, status int, e *apperr.Error) {
	graphqlError(w, status, e.Code, e.Message)
}

// limitBody refuses bodies over MaxBodyBytes with 413, whether or not the
// client declared a Content-Length.
func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > MaxBodyBytes {
			graphqlError(w, http.StatusRequestEntityTooLarge, apperr.BadUserInput, "request body is larger than 1 MiB")
			return
		}
		if r.Body != nil && r.Body != http.NoBody {
			body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				graphqlError(w, http.StatusRequestEntityTooLarge, apperr.BadUserInput, "request body is larger than 1 MiB")
				return
			}
			if err != nil {
				graphqlError(w, http.StatusBadRequest, apperr.BadUserInput, "could not read the request body")
				return
			}
			// gqlgen's answer to malformed JSON quotes the whole body back.
			if isJSON(r) && !json.Valid(body) {
				graphqlError(w, http.StatusBadRequest, apperr.BadUserInput, "the request body is not valid JSON")
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		next.ServeHTTP(w, r)
	})
}

// graphQLTransports answers, with a code, what gqlgen would answer with a
// bare 400: methods and bodies /graphql does not take. It takes POST with
// JSON, websocket upgrades and CORS preflights.
func graphQLTransports(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case isWebsocketUpgrade(r), r.Method == http.MethodOptions, r.Method == http.MethodGet:
		case r.Method != http.MethodPost:
			w.Header().Set("Allow", "GET, POST, OPTIONS")
			graphqlError(w, http.StatusMethodNotAllowed, apperr.BadUserInput,
				"/graphql takes POST with a JSON body, GET for queries, or a websocket (graphql-transport-ws); GraphiQL is at /graphiql")
			return
		case !isJSON(r):
			graphqlError(w, http.StatusUnsupportedMediaType, apperr.BadUserInput,
				`send the request as Content-Type: application/json: {"query": "…", "variables": {…}}`)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func isJSON(r *http.Request) bool {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return ct == "application/json" || ct == "application/graphql-response+json"
}

// limitEdgeBody gives an edge request's body d to arrive (the server's
// read timeout is for GraphQL clients), and closes the connection of a
// refused one rather than reading what is left of its body to reuse it:
// a trickled body held /ingest and /slack for the whole read timeout.
func limitEdgeBody(d time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(d))
		next.ServeHTTP(closeWhenRefused{w}, r)
	})
}

// closeWhenRefused asks for the connection to be closed after any 4xx or
// 5xx answer.
type closeWhenRefused struct{ http.ResponseWriter }

func (c closeWhenRefused) WriteHeader(status int) {
	if status >= 400 {
		c.Header().Set("Connection", "close")
	}
	c.ResponseWriter.WriteHeader(status)
}

func (c closeWhenRefused) Unwrap() http.ResponseWriter { return c.ResponseWriter }

// limitDuration cancels a request's work after d (websockets excepted: they
// live as long as their subscriptions).
func limitDuration(d time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isWebsocketUpgrade(r) {
			next.ServeHTTP(w, r)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// refuseKey answers a request without a usable key and closes the
// connection, so that a body the client is still sending is never read.
func refuseKey(w http.ResponseWriter, r *http.Request, message string) {
	w.Header().Set("Connection", "close")
	httperr.Write(w, r, "authenticate", apperr.New(apperr.Unauthenticated, "%s", message), graphqlBody)
}

// authenticate requires a valid API key or sign-in token on every GraphQL
// request, or the console's session cookie (with its CSRF token on
// requests that change something). Websocket upgrades authenticate in
// connection_init instead (browsers cannot set headers on them).
func authenticate(keys *auth.Service, sessions *websession.Sessions, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodOptions || isWebsocketUpgrade(r) {
			next.ServeHTTP(w, r)
			return
		}
		token, bearer := auth.BearerToken(r.Header.Get("Authorization"))
		var c *auth.Credential
		err := database.RetryUnavailable(r.Context(), database.UnavailableBudget, func() (err error) {
			if bearer {
				c, err = keys.AuthenticateBearer(r.Context(), token)
			} else {
				c, err = sessions.Authenticate(r)
			}
			return err
		})
		if err == nil && c == nil {
			refuseKey(w, r, "an API key or sign-in token is required: Authorization: Bearer <key or token>, or sign in to the console")
			return
		}
		if err != nil && apperr.CodeOf(err) == apperr.Forbidden {
			httperr.Write(w, r, "authenticate", err, graphqlBody)
			return
		}
		if err != nil {
			if e, ok := apperr.As(err); ok && e.Code == apperr.Unauthenticated {
				refuseKey(w, r, e.Message)
				return
			}
			if e, ok := apperr.As(err); ok { // the identity provider cannot be reached
				err = apperr.New(apperr.Unavailable, "%s", e.Message)
			}
			httperr.Write(w, r, "authenticate", err, graphqlBody)
			return
		}
		next.ServeHTTP(w, r.WithContext(auth.WithCredential(r.Context(), c)))
	})
}

func isWebsocketUpgrade(r *http.Request) bool {
	return strings.EqualFold(r.Header.Get("Upgrade"), "websocket")
}

// logRequests writes one structured line per request.
func logRequests(tel *telemetry.Telemetry, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		defer tel.RequestStarted()()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		// The mux sets the matched pattern on the request it was given: a
		// bounded label, unlike the path.
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		tel.HTTPRequest(route, rec.status, time.Since(start))
		level := slog.LevelInfo
		if r.URL.Path == "/healthz" || r.URL.Path == "/readyz" {
			level = slog.LevelDebug
		}
		slog.Log(r.Context(), level, "http request",
			"request_id", requestid.From(r.Context()),
			"method", r.Method, "path", r.URL.Path, "status", rec.status,
			"duration_ms", float64(time.Since(start).Microseconds())/1000)
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// Hijack lets websocket upgrades through the recorder.
func (s *statusRecorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	h, ok := s.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, errors.New("hijacking not supported")
	}
	s.status = http.StatusSwitchingProtocols
	return h.Hijack()
}

func (s *statusRecorder) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}
