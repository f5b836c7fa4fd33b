package httpapi

import (
	"net/http"
	"time"

	"firebreak/internal/apperr"
	"firebreak/internal/audit"
	"firebreak/internal/auth"
	"firebreak/models"
)

// auditExport serves GET /admin/audit.jsonl to admins: the audit log as
// JSON lines, oldest first, streamed in batches. Query parameters narrow it
// as auditLog's filter does: actorId (a User's global id), kind, from, to
// (RFC 3339). The server's write timeout would cut a long export off at a
// line boundary, where a client cannot tell it from the end, so each line
// moves the deadline on instead: an export ends only when it is complete
// or the client stops reading for that long.
func auditExport(log *audit.Service, writeTimeout time.Duration) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		viewer, err := auth.UserFrom(r.Context())
		if err != nil {
			writeDocumentError(w, r, "audit export", err)
			return
		}
		if !viewer.IsAdmin() {
			writeDocumentError(w, r, "audit export", apperr.New(apperr.Forbidden, "the audit log is for admins"))
			return
		}
		f, problem := auditFilter(r)
		if problem != "" {
			writeDocumentError(w, r, "audit export", apperr.New(apperr.BadUserInput, "%s", problem))
			return
		}
		w.Header().Set("Content-Type", "application/jsonl; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="firebreak-audit.jsonl"`)
		w.Header().Set("Cache-Control", "no-store")
		out := &movingDeadline{w: w, rc: http.NewResponseController(w), timeout: writeTimeout}
		if err := log.Export(r.Context(), viewer, f, out); err != nil {
			// Headers are gone once a line was written: the cut-off body
			// (no final newline) tells the client, the log tells us.
			writeDocumentError(w, r, "audit export", err)
		}
	}
}

func auditFilter(r *http.Request) (audit.Filter, string) {
	q := r.URL.Query()
	f := audit.Filter{Kind: q.Get("kind")}
	if gid := q.Get("actorId"); gid != "" {
		typ, id, ok := models.ParseGlobalID(gid)
		if !ok || typ != models.TypeUser {
			return f, "actorId is not a User id"
		}
		f.ActorID = &id
	}
	for name, dst := range map[string]**time.Time{"from": &f.From, "to": &f.To} {
		if v := q.Get(name); v != "" {
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				return f, name + " must be an RFC 3339 time"
			}
			*dst = &t
		}
	}
	return f, ""
}

// movingDeadline gives each write the whole write timeout.
type movingDeadline struct {
	w       http.ResponseWriter
	rc      *http.ResponseController
	timeout time.Duration
}

func (m *movingDeadline) Write(p []byte) (int, error) {
	_ = m.rc.SetWriteDeadline(time.Now().Add(m.timeout)) // not every writer has deadlines
	return m.w.Write(p)
}
