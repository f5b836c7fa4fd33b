package models

import "strings"

// IncidentStatus is where an incident is in its lifecycle.
type IncidentStatus string

const (
	StatusInvestigating IncidentStatus = "INVESTIGATING"
	StatusIdentified    IncidentStatus = "IDENTIFIED"
	StatusMonitoring    IncidentStatus = "MONITORING"
	StatusResolved      IncidentStatus = "RESOLVED"
	StatusClosed        IncidentStatus = "CLOSED"
	StatusCanceled      IncidentStatus = "CANCELED"
)

// AllIncidentStatuses lists every status in lifecycle order.
var AllIncidentStatuses = []IncidentStatus{
	StatusInvestigating, StatusIdentified, StatusMonitoring, StatusResolved, StatusClosed, StatusCanceled,
}

// StatuspageName is the status as Atlassian Statuspage names it, for the
// public status page: investigating, identified, monitoring, resolved.
func (s IncidentStatus) StatuspageName() string {
	if s == StatusResolved || s == StatusClosed {
		return "resolved"
	}
	return strings.ToLower(string(s))
}

// StatuspageImpact is a severity level's impact on the status page.
func StatuspageImpact(level int) string {
	switch level {
	case 1:
		return "critical"
	case 2:
		return "major"
	}
	return "minor"
}

// Label is the status as people read it: MONITORING is Monitoring.
func (s IncidentStatus) Label() string {
	lower := strings.ToLower(string(s))
	if lower == "" {
		return ""
	}
	return strings.ToUpper(lower[:1]) + lower[1:]
}

func (s IncidentStatus) IsValid() bool {
	for _, v := range AllIncidentStatuses {
		if s == v {
			return true
		}
	}
	return false
}

// IsOpen reports whether service is still being restored.
func (s IncidentStatus) IsOpen() bool {
	return s == StatusInvestigating || s == StatusIdentified || s == StatusMonitoring
}

// Visibility controls who may see an incident.
type Visibility string

const (
	VisibilityPublic  Visibility = "PUBLIC"
	VisibilityPrivate Visibility = "PRIVATE"
)

func (v Visibility) IsValid() bool { return v == VisibilityPublic || v == VisibilityPrivate }

// UserRole is what a user may do.
type UserRole string

const (
	RoleViewer    UserRole = "VIEWER"
	RoleResponder UserRole = "RESPONDER"
	RoleAdmin     UserRole = "ADMIN"
)

func (r UserRole) IsValid() bool { return r == RoleViewer || r == RoleResponder || r == RoleAdmin }

// Rank orders roles by what they allow: VIEWER 1, RESPONDER 2, ADMIN 3 (0:
// not a role).
func (r UserRole) Rank() int {
	switch r {
	case RoleViewer:
		return 1
	case RoleResponder:
		return 2
	case RoleAdmin:
		return 3
	}
	return 0
}
