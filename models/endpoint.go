package models

import (
	"slices"
	"time"

	"github.com/uptrace/bun"
)

// EndpointKind is how an endpoint wants its messages.
type EndpointKind string

const (
	// EndpointWebhook gets signed JSON.
	EndpointWebhook EndpointKind = "WEBHOOK"
	// EndpointSlack is a Slack incoming webhook and gets Block Kit messages.
	EndpointSlack EndpointKind = "SLACK"
	// EndpointStatusWebhook subscribes to the public status page: signed
	// JSON of published incidents' public updates and status changes only.
	EndpointStatusWebhook EndpointKind = "STATUS_WEBHOOK"
)

func (k EndpointKind) IsValid() bool {
	return k == EndpointWebhook || k == EndpointSlack || k == EndpointStatusWebhook
}

// Signed reports whether its bodies carry the HMAC signature.
func (k EndpointKind) Signed() bool { return k == EndpointWebhook || k == EndpointStatusWebhook }

// NotificationEndpoint is where incident events are delivered.
type NotificationEndpoint struct {
	bun.BaseModel `bun:"table:notification_endpoints,alias:ep"`

	ID   int64        `bun:"id,pk,autoincrement"`
	Name string       `bun:"name"`
	Kind EndpointKind `bun:"kind"`
	URL  string       `bun:"url"`
	// Secret signs webhook bodies; it is shown once, when it is created.
	Secret string `bun:"secret"`
	// MinSeverityLevel, when set, limits deliveries to incidents of this
	// level or worse (SEV-1 is level 1).
	MinSeverityLevel *int                `bun:"min_severity_level"`
	ProductIDs       []int64             `bun:"product_ids,array"`
	EventKinds       []TimelineEventKind `bun:"event_kinds,array"`
	IncludePrivate   bool                `bun:"include_private"`
	Enabled          bool                `bun:"enabled"`
	CreatedByID      *int64              `bun:"created_by_id"`
	CreatedAt        time.Time           `bun:"created_at,nullzero,default:now()"`
	UpdatedAt        time.Time           `bun:"updated_at,nullzero,default:now()"`
}

// Wants reports whether an event of this kind about an incident of this
// severity, products and visibility passes the endpoint's filters.
func (e *NotificationEndpoint) Wants(kind TimelineEventKind, severityLevel int, productIDs []int64, visibility Visibility) bool {
	if !e.Enabled {
		return false
	}
	if visibility == VisibilityPrivate && !e.IncludePrivate {
		return false
	}
	if e.MinSeverityLevel != nil && severityLevel > *e.MinSeverityLevel {
		return false
	}
	if len(e.EventKinds) > 0 && !slices.Contains(e.EventKinds, kind) {
		return false
	}
	if len(e.ProductIDs) > 0 {
		for _, p := range productIDs {
			if slices.Contains(e.ProductIDs, p) {
				return true
			}
		}
		return false
	}
	return true
}

// DeliveryStatus is where a delivery stands.
type DeliveryStatus string

const (
	DeliveryPending   DeliveryStatus = "PENDING"
	DeliveryDelivered DeliveryStatus = "DELIVERED"
	// DeliveryFailed: every attempt failed; it stays visible.
	DeliveryFailed DeliveryStatus = "FAILED"
)

func (s DeliveryStatus) IsValid() bool {
	return s == DeliveryPending || s == DeliveryDelivered || s == DeliveryFailed
}

// Delivery is one event (or test message) for one endpoint.
type Delivery struct {
	bun.BaseModel `bun:"table:deliveries,alias:d"`

	ID          int64          `bun:"id,pk,autoincrement"`
	EndpointID  int64          `bun:"endpoint_id"`
	EventID     *int64         `bun:"event_id"`
	IncidentID  *int64         `bun:"incident_id"`
	Status      DeliveryStatus `bun:"status"`
	Body        []byte         `bun:"body"`
	Attempts    int            `bun:"attempts"`
	CreatedAt   time.Time      `bun:"created_at,nullzero,default:now()"`
	DeliveredAt *time.Time     `bun:"delivered_at"`
	FailedAt    *time.Time     `bun:"failed_at"`
}

// DeliveryAttempt is one HTTP request of a delivery.
type DeliveryAttempt struct {
	bun.BaseModel `bun:"table:delivery_attempts,alias:da"`

	ID         int64     `bun:"id,pk,autoincrement"`
	DeliveryID int64     `bun:"delivery_id"`
	Number     int       `bun:"number"`
	StartedAt  time.Time `bun:"started_at"`
	DurationMS float64   `bun:"duration_ms"`
	StatusCode *int      `bun:"status_code"`
	Error      *string   `bun:"error"`
}

// Succeeded reports whether the receiver accepted it (any 2xx).
func (a *DeliveryAttempt) Succeeded() bool {
	return a.StatusCode != nil && *a.StatusCode >= 200 && *a.StatusCode < 300
}
