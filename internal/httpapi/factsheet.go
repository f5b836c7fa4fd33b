package httpapi

import (
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"firebreak/internal/apperr"
	"firebreak/internal/auth"
	"firebreak/internal/catalog"
	"firebreak/internal/document"
	"firebreak/internal/incident"
	"firebreak/internal/requestid"
	"firebreak/internal/retrospective"
	"firebreak/models"
)

// incidentFromPath reads {number} ("42" or "INC-42") and loads that
// incident for the authenticated viewer, answering the request itself when
// it cannot.
func incidentFromPath(w http.ResponseWriter, r *http.Request, incidents *incident.Service) (*models.User, *models.Incident, bool) {
	viewer, err := auth.UserFrom(r.Context())
	if err != nil {
		http.Error(w, "unauthenticated", http.StatusUnauthorized)
		return nil, nil, false
	}
	number, err := strconv.ParseInt(strings.TrimPrefix(strings.ToUpper(r.PathValue("number")), "INC-"), 10, 64)
	if err != nil {
		http.Error(w, "incident number must look like 42 or INC-42", http.StatusBadRequest)
		return nil, nil, false
	}
	inc, err := incidents.GetByNumber(r.Context(), viewer, number)
	if err != nil {
		writeDocumentError(w, r, "incident", err)
		return nil, nil, false
	}
	return viewer, inc, true
}

// factSheet serves GET /incidents/{number}/factsheet.md as Markdown to an
// authenticated client allowed to see the incident.
func factSheet(incidents *incident.Service, docs *document.Service) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		viewer, inc, ok := incidentFromPath(w, r, incidents)
		if !ok {
			return
		}
		md, err := docs.FactSheet(r.Context(), viewer, inc)
		if err != nil {
			writeDocumentError(w, r, "fact sheet", err)
			return
		}
		writeMarkdown(w, md)
	}
}

// retrospectiveDocument serves GET /incidents/{number}/retrospective.md:
// the incident's retrospective as a complete Markdown document.
func retrospectiveDocument(incidents *incident.Service, retrospectives *retrospective.Service, docs *document.Service) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		viewer, inc, ok := incidentFromPath(w, r, incidents)
		if !ok {
			return
		}
		retros, err := retrospectives.Of(r.Context(), []int64{inc.ID})
		var md string
		switch {
		case err != nil:
		case retros[inc.ID] == nil:
			err = apperr.NotFoundf("the incident has no retrospective")
		default:
			md, err = docs.RetrospectiveMarkdown(r.Context(), viewer, retros[inc.ID])
		}
		if err != nil {
			writeDocumentError(w, r, "retrospective", err)
			return
		}
		writeMarkdown(w, md)
	}
}

// severityDefinitions serves GET /severities.md: what each severity means
// and the cadence it sets, the target of "what's this?" in Slack messages.
// Each level is a heading, so #sev-1 links to it.
func severityDefinitions(cat *catalog.Service) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if _, err := auth.UserFrom(r.Context()); err != nil {
			http.Error(w, "unauthenticated", http.StatusUnauthorized)
			return
		}
		sevs, err := cat.Severities(r.Context())
		if err != nil {
			internalError(w, r, "severity definitions", err)
			return
		}
		var b strings.Builder
		b.WriteString("# Severity levels\n\nSeverity levels describe scope and guide the immediacy of the response; they are not a popularity contest.\n")
		for _, s := range sevs {
			fmt.Fprintf(&b, "\n## %s\n\n%s\n\n- Status updates every %d minutes while open\n", s.Name, s.Description, s.UpdateIntervalMinutes)
			if s.RetrospectiveRequired {
				fmt.Fprintf(&b, "- Retrospective required, due %d days after resolution\n", s.RetrospectiveDueDays)
			} else {
				b.WriteString("- Retrospective optional\n")
			}
		}
		writeMarkdown(w, b.String())
	}
}

func writeMarkdown(w http.ResponseWriter, md string) {
	w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
	w.Write([]byte(md))
}

// writeDocumentError answers NOT_FOUND as 404 and anything else as an
// internal error.
func writeDocumentError(w http.ResponseWriter, r *http.Request, what string, err error) {
	if apperr.CodeOf(err) == apperr.NotFound {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	internalError(w, r, what, err)
}

// internalError logs err with the request id and shows the client only the id.
func internalError(w http.ResponseWriter, r *http.Request, what string, err error) {
	id := requestid.From(r.Context())
	slog.ErrorContext(r.Context(), what, "request_id", id, "error", err.Error())
	http.Error(w, "internal error (request id "+id+")", http.StatusInternalServerError)
}
