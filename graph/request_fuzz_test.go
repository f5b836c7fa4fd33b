package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"firebreak/internal/auth"
	"firebreak/models"
)

// The request path before any resolver touches a database: parsing, the
// shape and cost limits, validation, argument checks, error presentation.
// Resolvers here have no services, so whatever gets through them ends in a
// recovered panic (INTERNAL), which is fine: what matters is that every
// document is answered, quickly, with a bounded, well-formed response.

const (
	answerWithin = 2 * time.Second
	maxResponse  = 256 << 10
)

func newFuzzHandler() http.Handler {
	slog.SetDefault(slog.New(slog.NewTextHandler(io.Discard, nil)))
	h := NewHandler(&Resolver{}, ServerOptions{Introspection: true})
	admin := &models.User{ID: 1, Name: "Fuzz", Role: models.RoleAdmin}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r.WithContext(auth.WithUser(r.Context(), admin)))
	})
}

func post(t *testing.T, h http.Handler, query string) *httptest.ResponseRecorder {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	ctx, cancel := context.WithTimeout(req.Context(), answerWithin)
	defer cancel()
	rec := httptest.NewRecorder()
	done := make(chan struct{})
	go func() { defer close(done); h.ServeHTTP(rec, req.WithContext(ctx)) }()
	select {
	case <-done:
	case <-time.After(answerWithin + time.Second):
		t.Fatalf("no answer within %s to %.200q", answerWithin, query)
	}
	return rec
}

var hostileDocuments = []string{
	`{ me { id } }`,
	`query { me { ...F0 } } fragment F0 on User { ...F1 ...F1 } fragment F1 on User { ...F2 ...F2 } fragment F2 on User { id }`,
	`fragment A on User { ...B } fragment B on User { ...A } { me { ...A } }`,
	`{ incidents(first: 100) { nodes { timeline(first: 100) { nodes { id } } } } }`,
	`{ a: incident(number: 1) { factSheet } b: incident(number: 2) { factSheet } }`,
	`{ x: me { id } x: incident(number: 1) { id } }`,
	`{ __schema { types { fields { type { ofType { ofType { name } } } } } } }`,
	`mutation { declareIncident(input: {title: "x", severityLevel: 1, detectedAt: "0000-01-01T00:00:00Z"}) { incident { id } } }`,
	"{ incidents(filter: {query: \"\\u0000\"}) { totalCount } }",
	`subscription { incidentChanges { title } }`,
	`{ me { id ` + strings.Repeat("id ", 3000) + `} }`,
	strings.Repeat("{", 5000),
}

func TestHostileDocumentsAreAnsweredQuickly(t *testing.T) {
	h := newFuzzHandler()
	for _, q := range hostileDocuments {
		checkAnswer(t, q, post(t, h, q))
	}
}

func checkAnswer(t *testing.T, query string, rec *httptest.ResponseRecorder) {
	t.Helper()
	if rec.Body.Len() > maxResponse {
		t.Fatalf("%d-byte response to %.200q", rec.Body.Len(), query)
	}
	if rec.Code >= 500 && rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("HTTP %d to %.200q", rec.Code, query)
	}
	var resp struct {
		Errors []struct {
			Message    string
			Extensions map[string]any
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatalf("not JSON (%v): %.300s", err, rec.Body.String())
	}
	for _, e := range resp.Errors {
		if e.Extensions["code"] == nil {
			t.Fatalf("error without a code: %q for %.200q", e.Message, query)
		}
	}
}

// FuzzGraphQLRequest: any document gets a coded, bounded answer in time.
// make fuzz runs it for a bounded time in CI.
func FuzzGraphQLRequest(f *testing.F) {
	for _, q := range hostileDocuments {
		f.Add(q)
	}
	h := newFuzzHandler()
	f.Fuzz(func(t *testing.T, query string) {
		checkAnswer(t, query, post(t, h, query))
	})
}

func ExampleQueryLimits() {
	fmt.Println(DefaultQueryLimits.Tokens, DefaultQueryLimits.Depth, DefaultQueryLimits.Selections, DefaultQueryLimits.Cost)
	// Output: 10000 15 1000 10000
}
