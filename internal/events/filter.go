package events

import (
	"context"
	"slices"

	"firebreak/internal/incident"
	"firebreak/models"
)

// TextSearch returns which of queries an incident matches, with the
// incident list's full-text search (PostgreSQL's websearch_to_tsquery with
// English stemming), which Go cannot reproduce: the hub asks it once per
// message for all the queries of its streams.
type TextSearch func(ctx context.Context, incidentID int64, queries []string) ([]string, error)

// Matches applies the incident list's filter to a live message. A `query`
// needs the message's answer to it (AnswerSearches); without one it does
// not match.
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
	if f.RoleHolderID != nil && !slices.ContainsFunc(m.Roles, func(r *models.RoleAssignment) bool { return r.UserID == *f.RoleHolderID }) {
		return false
	}
	return f.Query == "" || m.textMatches[f.Query]
}

// AnswerSearches records which of queries the message's incident matches.
// Call it before the message is shared: Matches reads the answers without
// a lock.
func (m *Message) AnswerSearches(ctx context.Context, queries []string, search TextSearch) error {
	matching, err := search(ctx, m.Incident.ID, queries)
	if err != nil {
		return err
	}
	m.textMatches = make(map[string]bool, len(matching))
	for _, q := range matching {
		m.textMatches[q] = true
	}
	return nil
}
