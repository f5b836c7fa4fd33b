package statuspage_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"firebreak/internal/catalog"
	"firebreak/internal/database"
	"firebreak/internal/maintenance"
	"firebreak/internal/statuspage"
	"firebreak/internal/testenv"
)

// With PostgreSQL unreachable, the page keeps answering from its last
// snapshot, even once that is stale and every rebuild fails.
func TestPageServesTheLastSnapshotWithoutPostgreSQL(t *testing.T) {
	db, err := database.Open(testenv.NewDatabase(t), 2)
	if err != nil {
		t.Fatal(err)
	}
	page := statuspage.New(statuspage.Config{URL: "https://example.test/status"}, db, catalog.NewService(db), maintenance.NewService(db, nil), nil)
	mux := http.NewServeMux()
	page.Routes(mux)
	get := func(path string) int {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		return rec.Code
	}
	if code := get("/api/v2/summary.json"); code != http.StatusOK {
		t.Fatalf("with PostgreSQL: %d", code)
	}
	db.Close() // as good as unreachable
	page.Stale()
	for range 3 {
		for _, path := range []string{"/api/v2/summary.json", "/status", "/status/feed.atom"} {
			if code := get(path); code != http.StatusOK {
				t.Fatalf("%s without PostgreSQL: %d", path, code)
			}
		}
	}
}

// A page that never had a snapshot says so instead of answering empty.
func TestPageWithoutAnySnapshotAsksToRetry(t *testing.T) {
	db, err := database.Open(testenv.NewDatabase(t), 2)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	page := statuspage.New(statuspage.Config{URL: "https://example.test/status"}, db, catalog.NewService(db), maintenance.NewService(db, nil), nil)
	mux := http.NewServeMux()
	page.Routes(mux)
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v2/summary.json", nil))
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" {
		t.Fatalf("no snapshot, no PostgreSQL: %d %v", rec.Code, rec.Header())
	}
}

// One address over its budget gets 429 with Retry-After; another address
// is not affected.
func TestPageLimitsEachAddress(t *testing.T) {
	db, err := database.Open(testenv.NewDatabase(t), 2)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	page := statuspage.New(statuspage.Config{URL: "https://example.test/status", Limit: statuspage.Limit{Rate: 0.01, Burst: 3}},
		db, catalog.NewService(db), maintenance.NewService(db, nil), nil)
	mux := http.NewServeMux()
	page.Routes(mux)
	get := func(addr string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "/api/v2/status.json", nil)
		req.RemoteAddr = addr
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		return rec
	}
	for i := range 3 {
		if rec := get("198.51.100.7:4000"); rec.Code != http.StatusOK {
			t.Fatalf("request %d within the burst: %d", i+1, rec.Code)
		}
	}
	rec := get("198.51.100.7:4001")
	if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") == "" {
		t.Fatalf("over the budget: %d %v", rec.Code, rec.Header())
	}
	if rec := get("203.0.113.9:5000"); rec.Code != http.StatusOK {
		t.Fatalf("another address: %d", rec.Code)
	}
}
