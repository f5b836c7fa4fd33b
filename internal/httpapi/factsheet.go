package httpapi

import (
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"firebreak/internal/apperr"
	"firebreak/internal/auth"
	"firebreak/internal/incident"
	"firebreak/internal/requestid"
)

// factSheet serves GET /incidents/{number}/factsheet.md ("42" or "INC-42")
// as Markdown to an authenticated client allowed to see the incident.
func factSheet(incidents *incident.Service) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		viewer, err := auth.UserFrom(r.Context())
		if err != nil {
			http.Error(w, "unauthenticated", http.StatusUnauthorized)
			return
		}
		number, err := strconv.ParseInt(strings.TrimPrefix(strings.ToUpper(r.PathValue("number")), "INC-"), 10, 64)
		if err != nil {
			http.Error(w, "incident number must look like 42 or INC-42", http.StatusBadRequest)
			return
		}
		inc, err := incidents.GetByNumber(r.Context(), viewer, number)
		var md string
		if err == nil {
			md, err = incidents.FactSheet(r.Context(), viewer, inc)
		}
		if apperr.CodeOf(err) == apperr.NotFound {
			http.Error(w, "incident not found", http.StatusNotFound)
			return
		}
		if err != nil {
			id := requestid.From(r.Context())
			slog.ErrorContext(r.Context(), "fact sheet", "request_id", id, "error", err.Error())
			http.Error(w, "internal error (request id "+id+")", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
		w.Write([]byte(md))
	}
}
