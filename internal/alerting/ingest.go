package alerting

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"firebreak/internal/apperr"
)

// maxPayloadBytes bounds one notification (1,000 alerts with labels and
// annotations fit well within it).
const maxPayloadBytes = 4 << 20

// IngestURL is where a source of kind posts, under the public URL.
func (s *Service) IngestURL(kind Kind) string { return s.publicURL + kind.Path() }

// Webhooks answers POST /ingest/alertmanager (and /ingest/grafana, the
// same format): the source's bearer token, a well-formed payload stored
// before the answer, 400 naming the problem and nothing stored otherwise.
func (s *Service) Webhooks(kind Kind) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		src, body, ok := s.received(w, r, kind, maxPayloadBytes, "lower max_alerts on the receiver", answerError)
		if !ok {
			return
		}
		hook, err := ParseWebhook(kind, body)
		if err != nil {
			answerError(w, r, err)
			return
		}
		applied, err := s.IngestWebhook(r.Context(), src, body, hook)
		if err != nil {
			answerError(w, r, err)
			return
		}
		// Stored; if the incident work fails, a 5xx makes the sender send
		// it again, which is safe: applying is idempotent and declaring is
		// keyed by the group.
		if err := s.react(r.Context(), src, applied); err != nil {
			slog.ErrorContext(r.Context(), "alert ingest: incident work failed; asking the sender to retry", "group", applied.GroupID, "error", err.Error())
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": "stored, but the incident work failed: send it again"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"status": "accepted", "new": len(applied.New), "fired": len(applied.Fired), "resolved": len(applied.Resolved)})
	})
}

// received authenticates a request with its source's bearer token and
// then reads its body (at most limit bytes); false: it has been answered
// (by answer).
func (s *Service) received(w http.ResponseWriter, r *http.Request, kind Kind, limit int64, advice string, answer func(http.ResponseWriter, *http.Request, error)) (*Source, []byte, bool) {
	token, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	src, err := s.Authenticate(r.Context(), strings.TrimSpace(token), kind)
	if err != nil {
		answer(w, r, err)
		return nil, nil, false
	}
	if s.overBudget(w, r, src, answer) {
		return nil, nil, false
	}
	body, ok := readBody(w, r, limit, advice, answer)
	return src, body, ok
}

// errorStatus is an error's HTTP status and what the sender is told; an
// error that is not Firebreak's own is logged and told as internal.
func errorStatus(r *http.Request, err error) (int, *apperr.Error) {
	var tooLarge payloadTooLarge
	if errors.As(err, &tooLarge) {
		return http.StatusRequestEntityTooLarge, tooLarge.err
	}
	e, ok := apperr.As(err)
	if !ok {
		slog.ErrorContext(r.Context(), "alert ingest", "error", err.Error())
		return http.StatusInternalServerError, apperr.New(apperr.Internal, "internal error: the notification may not have been processed; send it again")
	}
	switch e.Code {
	case apperr.Unauthenticated:
		return http.StatusUnauthorized, e
	case apperr.Forbidden:
		return http.StatusForbidden, e
	case apperr.RateLimited:
		return http.StatusTooManyRequests, e
	}
	return http.StatusBadRequest, e
}

func answerError(w http.ResponseWriter, r *http.Request, err error) {
	status, e := errorStatus(r, err)
	writeJSON(w, status, map[string]string{"error": e.Message, "field": e.Field, "code": string(e.Code)})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
