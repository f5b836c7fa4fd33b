package alerting

import (
	"log/slog"
	"net/http"
	"strings"

	"firebreak/internal/apperr"
	"firebreak/internal/httperr"
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
			answerError(w, r, apperr.New(apperr.Unavailable, "stored, but the incident work failed: send it again"))
			return
		}
		httperr.WriteJSON(w, http.StatusOK, map[string]any{"status": "accepted", "new": len(applied.New), "fired": len(applied.Fired), "resolved": len(applied.Resolved)})
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

// answerError answers in Firebreak's JSON error shape.
func answerError(w http.ResponseWriter, r *http.Request, err error) {
	httperr.Write(w, r, "alert ingest", err, httperr.JSON)
}
