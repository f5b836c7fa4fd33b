// Package events carries committed timeline events to live subscribers:
// the relay publishes what mutations wrote to the outbox, through Redis
// pub/sub, to a hub in every API process that fans them out. PostgreSQL stays
// the record: a subscriber that misses anything resumes from its cursor and
// replays from the database.
package events

import (
	"slices"
	"sync"

	"firebreak/models"
)

// DefaultChannel is the Redis pub/sub channel every API process listens on.
// Pub/sub ignores Redis's logical databases, so deployments (or tests)
// sharing one Redis need channels of their own.
const DefaultChannel = "firebreak:events"

// Message is one committed timeline event with the incident as it stood
// after it, and the related objects subscribers render, so that fanning it
// out to thousands of subscribers needs no database query.
type Message struct {
	Event        models.TimelineEvent
	Actor        *models.User
	Incident     models.Incident
	Severity     models.Severity
	Products     []*models.Product
	Roles        []*models.RoleAssignment
	LatestUpdate *models.IncidentUpdate
	// Users are the people Roles, LatestUpdate and Incident.CreatedByID name.
	Users []*models.User
	// Allowed lists who may see a private incident besides admins: its
	// declarer and current role holders.
	Allowed []int64

	// Rendered once per process and shared, read-only, by every subscriber.
	eventOnce, snapshotOnce sync.Once
	event                   *models.TimelineEvent
	snapshot                *models.Incident
	// Work each kind of subscriber does with the message, done once per
	// process where subscribers would do the same (see Shared).
	eventWork, snapshotWork Shared
	// textMatches are the full-text queries the incident matches, of those
	// the hub was asked (AnswerSearches).
	textMatches map[string]bool
}

// VisibleTo applies the private-incident rule to a subscriber.
func (m *Message) VisibleTo(u *models.User) bool {
	return m.Incident.Visibility == models.VisibilityPublic || u.IsAdmin() || slices.Contains(m.Allowed, u.ID)
}

// TimelineEvent returns the event ready to render, its actor attached.
// Subscribers share it and must not modify it.
func (m *Message) TimelineEvent() *models.TimelineEvent {
	m.eventOnce.Do(func() {
		ev := m.Event
		ev.Actor = m.Actor
		m.event = &ev
	})
	return m.event
}

// IncidentSnapshot returns the incident ready to render, with its related
// objects attached. Subscribers share it and must not modify it.
func (m *Message) IncidentSnapshot() *models.Incident {
	m.snapshotOnce.Do(func() { m.snapshot = m.buildSnapshot() })
	return m.snapshot
}

func (m *Message) buildSnapshot() *models.Incident {
	inc := m.Incident
	users := make(map[int64]*models.User, len(m.Users))
	for _, u := range m.Users {
		users[u.ID] = u
	}
	sev := m.Severity
	// Copies, so the message itself stays as it was decoded.
	roles := make([]*models.RoleAssignment, len(m.Roles))
	for i, r := range m.Roles {
		ra := *r
		ra.User = users[r.UserID]
		roles[i] = &ra
	}
	var latest *models.IncidentUpdate
	if m.LatestUpdate != nil {
		u := *m.LatestUpdate
		u.Author = users[u.AuthorID]
		latest = &u
	}
	inc.Related = &models.IncidentRelated{
		Severity: &sev, Products: m.Products, Roles: roles, LatestUpdate: latest, Users: users,
	}
	return &inc
}
