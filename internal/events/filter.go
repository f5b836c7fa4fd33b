package events

import (
	"slices"
	"strings"

	"firebreak/internal/incident"
	"firebreak/models"
)

// Matches applies the incident list's filter to a live message. Full-text
// `query` is approximated: every word must appear (case-insensitively) in
// the title, summary or latest update.
func Matches(f incident.ListFilter, m *Message) bool {
	inc := &m.Incident
	if len(f.Statuses) > 0 && !slices.Contains(f.Statuses, inc.Status) {
		return false
	}
	if len(f.SeverityLevels) > 0 && !slices.Contains(f.SeverityLevels, m.Severity.Level) {
		return false
	}
	if len(f.ProductIDs) > 0 && !slices.ContainsFunc(m.Products, func(p *models.Product) bool { return slices.Contains(f.ProductIDs, p.ID) }) {
		return false
	}
	if f.Visibility != nil && inc.Visibility != *f.Visibility {
		return false
	}
	if f.DeclaredAfter != nil && inc.DeclaredAt.Before(*f.DeclaredAfter) {
		return false
	}
	if f.DeclaredBefore != nil && !inc.DeclaredAt.Before(*f.DeclaredBefore) {
		return false
	}
	if f.Query != "" {
		text := strings.ToLower(inc.Title + " " + inc.Summary)
		if m.LatestUpdate != nil {
			text += " " + strings.ToLower(m.LatestUpdate.Body)
		}
		for _, w := range strings.Fields(strings.ToLower(f.Query)) {
			if !strings.Contains(text, strings.Trim(w, `"-`)) {
				return false
			}
		}
	}
	return true
}
