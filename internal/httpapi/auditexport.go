package httpapi

import (
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"time"

	"firebreak/internal/audit"
	"firebreak/internal/auth"
	"firebreak/models"
)

// auditExport serves GET /admin/audit.jsonl to admins: the audit log as
// JSON lines, oldest first, streamed in batches. Query parameters narrow it
// as auditLog's filter does: actorId (a User's global id), kind, from, to
// (RFC 3339).
func auditExport(log *audit.Service) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		viewer, err := auth.UserFrom(r.Context())
		if err != nil {
			http.Error(w, "unauthenticated", http.StatusUnauthorized)
			return
		}
		if !viewer.IsAdmin() {
			http.Error(w, "the audit log is for admins", http.StatusForbidden)
			return
		}
		f, problem := auditFilter(r)
		if problem != "" {
			http.Error(w, problem, http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/jsonl; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="firebreak-audit.jsonl"`)
		w.Header().Set("Cache-Control", "no-store")
		if err := log.Export(r.Context(), viewer, f, w); err != nil {
			// Headers are gone once a line was written: the cut-off body
			// (no final newline) tells the client, the log tells us.
			internalError(w, r, "audit export", err)
		}
	}
}

func auditFilter(r *http.Request) (audit.Filter, string) {
	q := r.URL.Query()
	f := audit.Filter{Kind: q.Get("kind")}
	if gid := q.Get("actorId"); gid != "" {
		raw, err := base64.RawURLEncoding.DecodeString(gid)
		typ, id, ok := strings.Cut(string(raw), ":")
		n, perr := strconv.ParseInt(id, 10, 64)
		if err != nil || !ok || typ != models.TypeUser || perr != nil {
			return f, "actorId is not a User id"
		}
		f.ActorID = &n
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
