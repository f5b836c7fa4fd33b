package models

import (
	"time"

	"github.com/uptrace/bun"
)

// NotificationKind says what a notification asks of its reader.
type NotificationKind string

const (
	// NotificationUpdateReminder: an open incident's status update is overdue.
	NotificationUpdateReminder NotificationKind = "UPDATE_REMINDER"
	// NotificationRetrospectiveNudge: a retrospective the user owns is due
	// soon or overdue.
	NotificationRetrospectiveNudge NotificationKind = "RETROSPECTIVE_NUDGE"
	// NotificationActionItemNudge: a follow-up the user owns is due soon or
	// overdue.
	NotificationActionItemNudge NotificationKind = "ACTION_ITEM_NUDGE"
	// NotificationAlertsResolved: every alert of an incident's alert group
	// has resolved; the incident is still open.
	NotificationAlertsResolved NotificationKind = "ALERTS_RESOLVED"
)

// Notification is an in-app message to one user.
type Notification struct {
	bun.BaseModel `bun:"table:notifications,alias:n"`

	ID         int64            `bun:"id,pk,autoincrement"`
	UserID     int64            `bun:"user_id"`
	IncidentID *int64           `bun:"incident_id"`
	EventID    *int64           `bun:"event_id"`
	Kind       NotificationKind `bun:"kind"`
	Message    string           `bun:"message"`
	CreatedAt  time.Time        `bun:"created_at,nullzero,default:now()"`
	ReadAt     *time.Time       `bun:"read_at"`
}
