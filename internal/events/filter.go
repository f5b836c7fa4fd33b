package events

import (
	"context"
	"slices"

	"firebreak/internal/incident"
	"firebreak/models"
)

// TextSearch reports whether an incident matches a full-text query exactly
// as the incident list's filter does (PostgreSQL's websearch_to_tsquery with
// English stemming): Go cannot reproduce it, so live filters ask the
// database, once per event and distinct query.
type TextSearch func(ctx context.Context, incidentID int64, query string) (bool, error)

// Matches applies the incident list's filter to a live message; a `query`
// is matched by search (nil: a message never matches a text query).
func Matches(ctx context.Context, f incident.ListFilter, m *Message, search TextSearch) (bool, error) {
	inc := &m.Incident
	if len(f.Statuses) > 0 && !slices.Contains(f.Statuses, inc.Status) {
		return false, nil
	}
	if len(f.SeverityLevels) > 0 && !slices.Contains(f.SeverityLevels, m.Severity.Level) {
		return false, nil
	}
	if len(f.ProductIDs) > 0 && !slices.ContainsFunc(m.Products, func(p *models.Product) bool { return slices.Contains(f.ProductIDs, p.ID) }) {
		return false, nil
	}
	if f.Visibility != nil && inc.Visibility != *f.Visibility {
		return false, nil
	}
	if f.DeclaredAfter != nil && inc.DeclaredAt.Before(*f.DeclaredAfter) {
		return false, nil
	}
	if f.DeclaredBefore != nil && !inc.DeclaredAt.Before(*f.DeclaredBefore) {
		return false, nil
	}
	if f.Query == "" {
		return true, nil
	}
	if search == nil {
		return false, nil
	}
	return m.matchesText(ctx, f.Query, search)
}

// matchesText asks search once per message and query: every subscriber with
// the same search shares the answer.
func (m *Message) matchesText(ctx context.Context, query string, search TextSearch) (bool, error) {
	if v, ok := m.textMatches.Load(query); ok {
		return v.(bool), nil
	}
	ok, err := search(ctx, m.Incident.ID, query)
	if err != nil {
		return false, err
	}
	m.textMatches.Store(query, ok)
	return ok, nil
}
