// Package httperr answers errors on Firebreak's HTTP edges that are not
// GraphQL (the Markdown documents, the audit export, alert ingest, Slack,
// the status page): one mapping from the error codes to HTTP statuses and
// one writer, as WTF Dial's http.Error and GoAlert's errutil.HTTPError do.
// UNAVAILABLE is 503 with Retry-After everywhere, FORBIDDEN 403, and an
// error that is not Firebreak's own is logged with its request id and
// shown only as INTERNAL with that id.
package httperr

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"firebreak/internal/apperr"
	"firebreak/internal/database"
	"firebreak/internal/requestid"
)

// RetryAfter is what a client is told to wait when the database is
// unavailable for a moment (a failover takes a few seconds).
const RetryAfter = 5

// statusOf is the HTTP status of an error code.
func statusOf(code apperr.Code) int {
	switch code {
	case apperr.Unauthenticated:
		return http.StatusUnauthorized
	case apperr.Forbidden:
		return http.StatusForbidden
	case apperr.NotFound:
		return http.StatusNotFound
	case apperr.BadUserInput:
		return http.StatusBadRequest
	case apperr.Conflict, apperr.InvalidTransition, apperr.Resubscribe:
		return http.StatusConflict
	case apperr.RateLimited:
		return http.StatusTooManyRequests
	case apperr.Unavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// TooLarge is an error for a body over its limit (413), with advice for
// the sender.
type TooLarge struct{ Err *apperr.Error }

func (t TooLarge) Error() string { return t.Err.Error() }

// answer is what a client is told of err and with which status:
// Firebreak's own errors as they are (a body over its limit 413),
// PostgreSQL out of reach as UNAVAILABLE, and anything else as INTERNAL
// (internal: true; its text is not for clients).
func answer(err error) (e *apperr.Error, status int, internal bool) {
	var tooLarge TooLarge
	if errors.As(err, &tooLarge) {
		return tooLarge.Err, http.StatusRequestEntityTooLarge, false
	}
	if e, ok := apperr.As(err); ok {
		return e, statusOf(e.Code), false
	}
	if database.IsUnavailable(err) {
		return apperr.New(apperr.Unavailable, "the database is unavailable for a moment: retry"), http.StatusServiceUnavailable, false
	}
	return apperr.New(apperr.Internal, "internal error"), http.StatusInternalServerError, true
}

// Body writes an error's body once the status and headers are set.
type Body func(w http.ResponseWriter, status int, e *apperr.Error)

// Text answers in plain text: the message.
func Text(w http.ResponseWriter, status int, e *apperr.Error) {
	http.Error(w, e.Message, status)
}

// JSON answers {"error", "code", "field"} (field when there is one).
func JSON(w http.ResponseWriter, status int, e *apperr.Error) {
	body := map[string]string{"error": e.Message, "code": string(e.Code)}
	if e.Field != "" {
		body["field"] = e.Field
	}
	WriteJSON(w, status, body)
}

// WriteJSON answers v as JSON with status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// Write answers err with its status and body: what names the work in the
// log. UNAVAILABLE gets Retry-After (and a warning in the log); INTERNAL
// is logged with the request id, which is all the client sees.
func Write(w http.ResponseWriter, r *http.Request, what string, err error, body Body) {
	e, status, internal := answer(err)
	id := requestid.From(r.Context())
	switch {
	case internal:
		slog.ErrorContext(r.Context(), what, "request_id", id, "error", err.Error())
		e = apperr.New(apperr.Internal, "internal error (request id %s)", id)
	case e.Code == apperr.Unavailable:
		slog.WarnContext(r.Context(), what+": database unavailable", "request_id", id, "error", err.Error())
		w.Header().Set("Retry-After", strconv.Itoa(RetryAfter))
	}
	body(w, status, e)
}
