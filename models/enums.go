package models

import (
	"fmt"
	"io"
	"strconv"
)

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

func (s *IncidentStatus) UnmarshalGQL(v any) error { return unmarshalEnum(v, s, "IncidentStatus") }
func (s IncidentStatus) MarshalGQL(w io.Writer)    { io.WriteString(w, strconv.Quote(string(s))) }

// Visibility controls who may see an incident.
type Visibility string

const (
	VisibilityPublic  Visibility = "PUBLIC"
	VisibilityPrivate Visibility = "PRIVATE"
)

func (v Visibility) IsValid() bool { return v == VisibilityPublic || v == VisibilityPrivate }

func (v *Visibility) UnmarshalGQL(x any) error { return unmarshalEnum(x, v, "Visibility") }
func (v Visibility) MarshalGQL(w io.Writer)    { io.WriteString(w, strconv.Quote(string(v))) }

// UserRole is what a user may do.
type UserRole string

const (
	RoleViewer    UserRole = "VIEWER"
	RoleResponder UserRole = "RESPONDER"
	RoleAdmin     UserRole = "ADMIN"
)

func (r UserRole) IsValid() bool { return r == RoleViewer || r == RoleResponder || r == RoleAdmin }

func (r *UserRole) UnmarshalGQL(v any) error { return unmarshalEnum(v, r, "UserRole") }
func (r UserRole) MarshalGQL(w io.Writer)    { io.WriteString(w, strconv.Quote(string(r))) }

type validatable interface{ IsValid() bool }

func unmarshalEnum[T ~string](v any, dst *T, name string) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("%s must be a string", name)
	}
	*dst = T(s)
	if !any(*dst).(validatable).IsValid() {
		return fmt.Errorf("%q is not a valid %s", s, name)
	}
	return nil
}
