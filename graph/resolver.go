package graph

import (
	"firebreak/internal/alerting"
	"firebreak/internal/audit"
	"firebreak/internal/auth"
	"firebreak/internal/catalog"
	"firebreak/internal/chat"
	"firebreak/internal/delivery"
	"firebreak/internal/document"
	"firebreak/internal/events"
	"firebreak/internal/followup"
	"firebreak/internal/inbox"
	"firebreak/internal/incident"
	"firebreak/internal/maintenance"
	"firebreak/internal/metrics"
	"firebreak/internal/people"
	"firebreak/internal/reminder"
	"firebreak/internal/retrospective"
	"firebreak/internal/statuspage"
	"firebreak/internal/subscribers"
)

// Resolver holds the dependencies of every resolver; it has no logic.
type Resolver struct {
	IncidentService *incident.Service
	// AuthService looks people up.
	AuthService *auth.Service
	// RetrospectiveService and FollowUpService keep what is learned after
	// an incident; ReminderService snoozes update reminders.
	RetrospectiveService *retrospective.Service
	FollowUpService      *followup.Service
	ReminderService      *reminder.Service
	CatalogService       *catalog.Service
	// PeopleService manages people; AuditService reads the audit log.
	PeopleService *people.Service
	AuditService  *audit.Service
	// MetricsService measures the response over sets of incidents.
	MetricsService *metrics.Service
	// DocumentService renders fact sheets and retrospectives as Markdown.
	DocumentService *document.Service
	// InboxService keeps the viewer's in-app notifications.
	InboxService *inbox.Service
	// DeliveryService keeps notification endpoints and their deliveries.
	DeliveryService *delivery.Service
	// SubscriberService keeps the status page's e-mail subscribers (nil:
	// no SMTP server).
	SubscriberService *subscribers.Service
	// AlertingService keeps alert sources and the alerts they post.
	AlertingService *alerting.Service
	// StatusPage publishes incidents and sets what they do to components.
	StatusPage *statuspage.Page
	// MaintenanceService keeps the status page's maintenance windows.
	MaintenanceService *maintenance.Service
	// ChatChannels reads incidents' Slack channels.
	ChatChannels *chat.Channels
	// Chat is the Slack bot (nil when it is off): its settings.
	Chat *chat.Bot
	// Hub delivers live events to subscriptions.
	Hub *events.Hub
}
