package httpapi_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"firebreak/internal/testenv"
	"firebreak/internal/testenv/faults"
)

// The Markdown documents and the audit export answer through the one error
// writer: 401 without a key, 400 for a malformed number, 404 for an
// incident that does not exist or is hidden (the same answer: nothing is
// told of private incidents), 403 for the admins' export, and 503 with
// Retry-After while PostgreSQL is out of reach — not 500 "internal error",
// which a responder reads as a bug during a failover.
func TestDocumentsAnswerWithTheirErrorCodes(t *testing.T) {
	t.Parallel()
	db := faults.NewCutOffDatabase(t)
	// The caches listen on a connection of their own, so the admin's key
	// stays known after the cut and requests reach the handlers.
	env := testenv.NewWithOptions(t, testenv.Options{DatabaseURL: db.URL, ListenURL: db.Direct})
	var private struct {
		DeclareIncident struct{ Incident struct{ Number int } }
	}
	env.Query(t, env.AdminKey, `mutation { declareIncident(input: {title: "Leaked tokens", severityLevel: 1, visibility: PRIVATE}) { incident { number } } }`, nil, &private)
	hidden := "/incidents/" + strconv.Itoa(private.DeclareIncident.Incident.Number) + "/factsheet.md"

	for _, c := range []struct {
		name, key, path string
		status          int
	}{
		{"the admin reads it", env.AdminKey, hidden, http.StatusOK},
		{"no key", "", hidden, http.StatusUnauthorized},
		{"a malformed number", env.ViewerKey, "/incidents/forty-two/factsheet.md", http.StatusBadRequest},
		{"a viewer, private incident", env.ViewerKey, hidden, http.StatusNotFound},
		{"no such incident", env.ViewerKey, "/incidents/999/factsheet.md", http.StatusNotFound},
		{"no retrospective yet", env.AdminKey, strings.Replace(hidden, "factsheet", "retrospective", 1), http.StatusNotFound},
		{"a viewer, the audit export", env.ViewerKey, "/admin/audit.jsonl", http.StatusForbidden},
	} {
		status, _, body := env.Get(t, c.key, c.path)
		if status != c.status {
			t.Errorf("%s: GET %s answered %d %q, want %d", c.name, c.path, status, body, c.status)
		}
		if strings.Contains(body, "Leaked") && c.status != http.StatusOK {
			t.Errorf("%s: the refusal tells the private title: %q", c.name, body)
		}
	}

	// PostgreSQL out of reach (every connection dropped, new ones refused).
	db.Cut()
	for _, path := range []string{hidden, "/admin/audit.jsonl"} {
		status, header, body := env.Get(t, env.AdminKey, path)
		if status != http.StatusServiceUnavailable || header.Get("Retry-After") == "" {
			t.Errorf("GET %s with PostgreSQL out of reach: %d (Retry-After %q) %q, want 503 with Retry-After", path, status, header.Get("Retry-After"), body)
		}
		if strings.Contains(body, "dial") || strings.Contains(body, "127.0.0.1") || strings.Contains(body, "{") {
			t.Errorf("GET %s tells the client the driver's error, or answers as GraphQL: %q", path, body)
		}
	}
}
