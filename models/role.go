package models

import (
	"time"

	"github.com/uptrace/bun"
)

// IncidentRole is a responsibility during an incident.
type IncidentRole string

const (
	RoleCommander      IncidentRole = "COMMANDER"
	RoleCommunications IncidentRole = "COMMUNICATIONS"
	RoleOperations     IncidentRole = "OPERATIONS"
	RoleScribe         IncidentRole = "SCRIBE"
)

// AllIncidentRoles lists the roles in the order they are listed everywhere.
var AllIncidentRoles = []IncidentRole{RoleCommander, RoleCommunications, RoleOperations, RoleScribe}

func (r IncidentRole) IsValid() bool {
	return r == RoleCommander || r == RoleCommunications || r == RoleOperations || r == RoleScribe
}

// RoleAssignment records who held a role on an incident, and when.
type RoleAssignment struct {
	bun.BaseModel `bun:"table:incident_role_assignments,alias:ra"`

	ID           int64        `bun:"id,pk,autoincrement"`
	IncidentID   int64        `bun:"incident_id"`
	Role         IncidentRole `bun:"role"`
	UserID       int64        `bun:"user_id"`
	AssignedByID *int64       `bun:"assigned_by_id"`
	AssignedAt   time.Time    `bun:"assigned_at"`
	UnassignedAt *time.Time   `bun:"unassigned_at"`

	// User, when set, is the holder delivered with the assignment.
	User *User `bun:"-" json:"-"`
}
