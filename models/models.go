// Package models holds Firebreak's domain types as bun models, their
// validation and the incident state machine. Everything here is pure: no
// database access, no transport.
package models

import (
	"encoding/json"
	"time"

	"github.com/uptrace/bun"
)

// Severity describes how bad an incident is and how often it needs updates.
type Severity struct {
	bun.BaseModel `bun:"table:severities"`

	ID                    int64     `bun:"id,pk,autoincrement"`
	Level                 int       `bun:"level"`
	Name                  string    `bun:"name"`
	Description           string    `bun:"description"`
	Color                 string    `bun:"color"`
	UpdateIntervalMinutes int       `bun:"update_interval_minutes"`
	RetrospectiveRequired bool      `bun:"retrospective_required"`
	RetrospectiveDueDays  int       `bun:"retrospective_due_days"`
	Version               int       `bun:"version,nullzero,default:1"`
	CreatedAt             time.Time `bun:"created_at,nullzero,default:now()"`
	UpdatedAt             time.Time `bun:"updated_at,nullzero,default:now()"`
}

// UpdateInterval is how often an open incident of this severity needs a
// status update.
func (s *Severity) UpdateInterval() time.Duration {
	return time.Duration(s.UpdateIntervalMinutes) * time.Minute
}

// Product is an entry of the affected-products catalog.
type Product struct {
	bun.BaseModel `bun:"table:products"`

	ID          int64  `bun:"id,pk,autoincrement"`
	Name        string `bun:"name"`
	Slug        string `bun:"slug"`
	Description string `bun:"description"`
	// Public makes the product a component of the status page, at Position
	// within Group ("" for none).
	Public     bool       `bun:"public"`
	Position   int        `bun:"position"`
	Group      string     `bun:"group_name"`
	ArchivedAt *time.Time `bun:"archived_at"`
	CreatedAt  time.Time  `bun:"created_at,nullzero,default:now()"`
	UpdatedAt  time.Time  `bun:"updated_at,nullzero,default:now()"`
}

// User is a person (or bot) acting through the API.
type User struct {
	bun.BaseModel `bun:"table:users"`

	ID    int64    `bun:"id,pk,autoincrement"`
	Name  string   `bun:"name"`
	Email *string  `bun:"email"`
	Role  UserRole `bun:"role"`
	// DeactivatedAt is set while the person may not sign in: their keys
	// stop working, their history stays theirs.
	DeactivatedAt *time.Time `bun:"deactivated_at"`
	CreatedAt     time.Time  `bun:"created_at,nullzero,default:now()"`
	UpdatedAt     time.Time  `bun:"updated_at,nullzero,default:now()"`
}

// Active reports whether the person may act.
func (u *User) Active() bool { return u.DeactivatedAt == nil }

// CanRespond reports whether the user may run incident mutations.
func (u *User) CanRespond() bool { return u.Role == RoleResponder || u.Role == RoleAdmin }

// IsAdmin reports whether the user may do everything.
func (u *User) IsAdmin() bool { return u.Role == RoleAdmin }

// APIKey authenticates a user. Only the key's hash is stored.
type APIKey struct {
	bun.BaseModel `bun:"table:api_keys"`

	ID      int64  `bun:"id,pk,autoincrement"`
	UserID  int64  `bun:"user_id"`
	Name    string `bun:"name"`
	KeyHash []byte `bun:"key_hash"`
	Prefix  string `bun:"prefix"`
	// Role narrows what the key may do below its owner's role (nil: the
	// owner's role).
	Role       *UserRole  `bun:"role"`
	ExpiresAt  *time.Time `bun:"expires_at"`
	RevokedAt  *time.Time `bun:"revoked_at"`
	LastUsedAt *time.Time `bun:"last_used_at"`
	CreatedAt  time.Time  `bun:"created_at,nullzero,default:now()"`

	User *User `bun:"rel:belongs-to,join:user_id=id"`
}

// EffectiveRole is what the key may do: its own role if narrower than its
// owner's, else the owner's.
func (k *APIKey) EffectiveRole(owner UserRole) UserRole {
	if k.Role != nil && k.Role.Rank() < owner.Rank() {
		return *k.Role
	}
	return owner
}

// Incident is an interruption of normal service.
type Incident struct {
	bun.BaseModel `bun:"table:incidents,alias:i"`

	ID              int64          `bun:"id,pk,autoincrement"`
	Number          int64          `bun:"number,nullzero,default:nextval('incident_number_seq')"`
	Handle          string         `bun:"handle"`
	Title           string         `bun:"title"`
	Summary         string         `bun:"summary"`
	Status          IncidentStatus `bun:"status"`
	SeverityID      int64          `bun:"severity_id"`
	Visibility      Visibility     `bun:"visibility"`
	CreatedByID     int64          `bun:"created_by_id"`
	DetectedAt      time.Time      `bun:"detected_at"`
	DeclaredAt      time.Time      `bun:"declared_at"`
	AcknowledgedAt  *time.Time     `bun:"acknowledged_at"`
	MitigatedAt     *time.Time     `bun:"mitigated_at"`
	ResolvedAt      *time.Time     `bun:"resolved_at"`
	ClosedAt        *time.Time     `bun:"closed_at"`
	LastUpdateAt    *time.Time     `bun:"last_update_at"`
	NextUpdateDueAt *time.Time     `bun:"next_update_due_at"`
	Version         int            `bun:"version"`
	// PublishedAt is when a responder put the incident on the status page,
	// under PublicTitle (nil: its title).
	PublishedAt       *time.Time `bun:"published_at"`
	PublicTitle       *string    `bun:"public_title"`
	LastEventSequence int        `bun:"last_event_sequence"`
	CreatedAt         time.Time  `bun:"created_at,nullzero,default:now()"`
	UpdatedAt         time.Time  `bun:"updated_at,nullzero,default:now()"`

	// Related, when set, holds the incident's related objects as they were
	// delivered with it (by a live event), so rendering needs no query.
	Related *IncidentRelated `bun:"-" json:"-"`
}

// IncidentRelated is what an incident points at, loaded together.
type IncidentRelated struct {
	Severity     *Severity
	Products     []*Product
	Roles        []*RoleAssignment
	LatestUpdate *IncidentUpdate
	Users        map[int64]*User
}

// ResponseChannel is the chat channel where the response happens.
func (i *Incident) ResponseChannel() string { return ResponseChannelFor(i.Handle) }

// ResponseChannelFor derives the channel from a handle: serious-badger →
// #serious-badger-incident.
func ResponseChannelFor(handle string) string { return "#" + handle + "-incident" }

// IncidentProduct links an incident to an affected product.
type IncidentProduct struct {
	bun.BaseModel `bun:"table:incident_products"`

	IncidentID int64 `bun:"incident_id,pk"`
	ProductID  int64 `bun:"product_id,pk"`
}

// IncidentUpdate is a status update posted to everyone following an incident.
type IncidentUpdate struct {
	bun.BaseModel `bun:"table:incident_updates"`

	ID         int64           `bun:"id,pk,autoincrement"`
	IncidentID int64           `bun:"incident_id"`
	AuthorID   int64           `bun:"author_id"`
	Body       string          `bun:"body"`
	Status     *IncidentStatus `bun:"status"`
	SeverityID *int64          `bun:"severity_id"`
	// Public updates appear on the status page (once the incident is
	// published); others never do.
	Public    bool      `bun:"public"`
	CreatedAt time.Time `bun:"created_at,nullzero,default:now()"`

	// Author, when set, is the author delivered with the update.
	Author *User `bun:"-" json:"-"`
}

// TimelineEventKind says what happened.
type TimelineEventKind string

const (
	EventDeclared        TimelineEventKind = "DECLARED"
	EventUpdatePosted    TimelineEventKind = "UPDATE_POSTED"
	EventStatusChanged   TimelineEventKind = "STATUS_CHANGED"
	EventSeverityChanged TimelineEventKind = "SEVERITY_CHANGED"
	EventRoleAssigned    TimelineEventKind = "ROLE_ASSIGNED"
	EventRoleUnassigned  TimelineEventKind = "ROLE_UNASSIGNED"
	EventDetailsChanged  TimelineEventKind = "DETAILS_CHANGED"
	EventProductsChanged TimelineEventKind = "PRODUCTS_CHANGED"
	EventNote            TimelineEventKind = "NOTE"
	EventReminderSent    TimelineEventKind = "REMINDER_SENT"
	EventReminderSnoozed TimelineEventKind = "REMINDER_SNOOZED"

	EventRetrospectiveCreated   TimelineEventKind = "RETROSPECTIVE_CREATED"
	EventRetrospectiveUpdated   TimelineEventKind = "RETROSPECTIVE_UPDATED"
	EventRetrospectiveStatus    TimelineEventKind = "RETROSPECTIVE_STATUS_CHANGED"
	EventRetrospectivePublished TimelineEventKind = "RETROSPECTIVE_PUBLISHED"
	EventActionItemCreated      TimelineEventKind = "ACTION_ITEM_CREATED"
	EventActionItemUpdated      TimelineEventKind = "ACTION_ITEM_UPDATED"

	EventAlertFiring   TimelineEventKind = "ALERT_FIRING"
	EventAlertResolved TimelineEventKind = "ALERT_RESOLVED"
)

// TimelineEvent is one entry of an incident's audit trail.
type TimelineEvent struct {
	bun.BaseModel `bun:"table:timeline_events"`

	// ID is global and increasing: the cursor for live subscriptions.
	ID         int64             `bun:"id,pk,autoincrement"`
	IncidentID int64             `bun:"incident_id"`
	Sequence   int               `bun:"sequence"`
	Kind       TimelineEventKind `bun:"kind"`
	ActorID    *int64            `bun:"actor_id"`
	OccurredAt time.Time         `bun:"occurred_at"`
	Message    string            `bun:"message"`
	Data       json.RawMessage   `bun:"data,type:jsonb"`
	CreatedAt  time.Time         `bun:"created_at,nullzero,default:now()"`

	// Actor, when set, is the actor delivered with the event.
	Actor *User `bun:"-" json:"-"`
}

// PublicName is what the public calls an incident: the public title it
// was published under, else its title.
func (inc *Incident) PublicName() string {
	if inc.PublicTitle != nil {
		return *inc.PublicTitle
	}
	return inc.Title
}
