package httperr_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"firebreak/internal/apperr"
	"firebreak/internal/httperr"
	"firebreak/internal/requestid"
)

// Every non-GraphQL edge answers an error the same way: its code's
// status, Retry-After while PostgreSQL is out of reach, and nothing of an
// internal error but the request id.
func TestOneMappingFromErrorsToHTTP(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		err        error
		status     int
		retryAfter bool
		says       string
	}{
		{apperr.New(apperr.Unauthenticated, "who are you"), 401, false, "who are you"},
		{apperr.New(apperr.Forbidden, "the audit log is for admins"), 403, false, "for admins"},
		{apperr.NotFoundf("incident not found"), 404, false, "not found"},
		{apperr.BadInput("number", "incident number must look like 42"), 400, false, "look like 42"},
		{apperr.New(apperr.Conflict, "taken"), 409, false, "taken"},
		{apperr.New(apperr.RateLimited, "slow down"), 429, false, "slow down"},
		{apperr.New(apperr.Unavailable, "stored, send it again"), 503, true, "send it again"},
		{fmt.Errorf("load incident: %w", &pgconn.PgError{Code: "57P01", Message: "terminating connection due to administrator command"}), 503, true, "unavailable"},
		{fmt.Errorf("load incident: %w", &pgconn.PgError{Code: "08006", Message: "connection failure"}), 503, true, "unavailable"},
		{httperr.TooLarge{Err: apperr.BadInput("body", "over 1024 KiB")}, 413, false, "1024 KiB"},
		{errors.New(`ERROR: relation "secret_table" does not exist`), 500, false, "request id"},
	} {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodGet, "/incidents/1/factsheet.md", nil)
		requestid.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			httperr.Write(w, r, "test", c.err, httperr.Text)
		})).ServeHTTP(rec, req)
		body := rec.Body.String()
		if rec.Code != c.status || (rec.Header().Get("Retry-After") != "") != c.retryAfter || !strings.Contains(body, c.says) {
			t.Errorf("%v: %d (Retry-After %q) %q, want %d (Retry-After: %v) saying %q", c.err, rec.Code, rec.Header().Get("Retry-After"), body, c.status, c.retryAfter, c.says)
		}
		if strings.Contains(body, "secret_table") || strings.Contains(body, "administrator command") {
			t.Errorf("%v: the client is told the driver's error: %q", c.err, body)
		}
	}
}
