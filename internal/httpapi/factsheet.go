package httpapi

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"firebreak/internal/apperr"
	"firebreak/internal/auth"
	"firebreak/internal/catalog"
	"firebreak/internal/document"
	"firebreak/internal/httperr"
	"firebreak/internal/incident"
	"firebreak/internal/retrospective"
	"firebreak/models"
)

// incidentFromPath reads {number} ("42" or "INC-42") and loads that
// incident for the authenticated viewer, answering the request itself when
// it cannot.
func incidentFromPath(w http.ResponseWriter, r *http.Request, incidents *incident.Service) (*models.User, *models.Incident, bool) {
	viewer, err := auth.UserFrom(r.Context())
	if err != nil {
		writeDocumentError(w, r, "incident", err)
		return nil, nil, false
	}
	number, err := strconv.ParseInt(strings.TrimPrefix(strings.ToUpper(r.PathValue("number")), "INC-"), 10, 64)
	if err != nil {
		writeDocumentError(w, r, "incident", apperr.BadInput("number", "incident number must look like 42 or INC-42"))
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
			writeDocumentError(w, r, "severity definitions", err)
			return
		}
		sevs, err := cat.Severities(r.Context())
		if err != nil {
			writeDocumentError(w, r, "severity definitions", err)
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

// writeDocumentError answers a document request's error through the one
// error writer: 404 for what does not exist or is hidden, 503 with
// Retry-After while PostgreSQL is out of reach, INTERNAL with its request
// id.
func writeDocumentError(w http.ResponseWriter, r *http.Request, what string, err error) {
	httperr.Write(w, r, what, err, httperr.Text)
}

// notFound answers a route that exists for another method or for CORS
// preflights only.
var notFound = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	writeDocumentError(w, r, "not found", apperr.NotFoundf("404 page not found"))
})
