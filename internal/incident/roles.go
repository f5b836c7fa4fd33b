package incident

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
	"firebreak/internal/database"
	"firebreak/models"
)

// AssignRole gives a role on an incident to a user, taking it from whoever
// held it. Assigning the current holder again changes nothing.
func (s *Service) AssignRole(ctx context.Context, actor *models.User, incidentID int64, role models.IncidentRole, userID int64) (*models.Incident, error) {
	if err := actor.RequireRole(models.RoleResponder); err != nil {
		return nil, err
	}
	if !role.IsValid() {
		return nil, apperr.BadInput("role", "unknown role %q", role)
	}
	return s.Mutate(ctx, actor, incidentID, nil, func(ctx context.Context, tx bun.Tx, inc *models.Incident) error {
		if inc.IsFinal() {
			return &apperr.Error{Code: apperr.InvalidTransition, Field: "incidentId",
				Message: "the incident is " + string(inc.Status) + "; its roles can no longer change"}
		}
		user, err := assignableUser(ctx, tx, userID, "userId")
		if err != nil {
			return err
		}
		return assignRole(ctx, tx, inc, actor, role, user, s.now())
	})
}

// UnassignRole leaves a role empty.
func (s *Service) UnassignRole(ctx context.Context, actor *models.User, incidentID int64, role models.IncidentRole) (*models.Incident, error) {
	if err := actor.RequireRole(models.RoleResponder); err != nil {
		return nil, err
	}
	if !role.IsValid() {
		return nil, apperr.BadInput("role", "unknown role %q", role)
	}
	return s.Mutate(ctx, actor, incidentID, nil, func(ctx context.Context, tx bun.Tx, inc *models.Incident) error {
		now := s.now()
		var current models.RoleAssignment
		err := tx.NewUpdate().Model(&current).
			Set("unassigned_at = ?", now).
			Where("incident_id = ? AND role = ? AND unassigned_at IS NULL", inc.ID, role).
			Returning("*").Scan(ctx)
		if database.IsNoRows(err) {
			return apperr.BadInput("role", "nobody holds %s on this incident", role)
		}
		if err != nil {
			return err
		}
		holder, err := userForRole(ctx, tx, current.UserID, "role")
		if err != nil {
			return err
		}
		_, err = RecordEvent(ctx, tx, inc, actor, models.EventRoleUnassigned, now,
			fmt.Sprintf("%s is no longer %s", holder.Name, roleName(role)),
			map[string]any{"role": role, "userId": holder.ID, "user": holder.Name})
		return err
	})
}

// assignRole ends the current holder's assignment and starts the new one.
// The first commander acknowledges the incident.
func assignRole(ctx context.Context, tx bun.Tx, inc *models.Incident, actor *models.User, role models.IncidentRole, user *models.User, now time.Time) error {
	var previous []models.RoleAssignment
	err := tx.NewUpdate().Model(&previous).
		Set("unassigned_at = ?", now).
		Where("incident_id = ? AND role = ? AND unassigned_at IS NULL", inc.ID, role).
		Returning("*").Scan(ctx)
	if err != nil && !database.IsNoRows(err) {
		return err
	}
	data := map[string]any{"role": role, "userId": user.ID, "user": user.Name}
	if len(previous) == 1 {
		if previous[0].UserID == user.ID {
			return ErrUnchanged // already theirs
		}
		data["previousUserId"] = previous[0].UserID
	}
	_, err = tx.NewInsert().Model(&models.RoleAssignment{
		IncidentID: inc.ID, Role: role, UserID: user.ID, AssignedByID: &actor.ID, AssignedAt: now,
	}).Exec(ctx)
	if err != nil {
		return err
	}
	if role == models.RoleCommander && inc.AcknowledgedAt == nil {
		inc.AcknowledgedAt = &now
	}
	_, err = RecordEvent(ctx, tx, inc, actor, models.EventRoleAssigned, now,
		fmt.Sprintf("%s is now %s", user.Name, roleName(role)), data)
	return err
}

func userForRole(ctx context.Context, db bun.IDB, id int64, field string) (*models.User, error) {
	u := new(models.User)
	err := db.NewSelect().Model(u).Where("id = ?", id).Scan(ctx)
	if database.IsNoRows(err) {
		return nil, apperr.BadInput(field, "no such user")
	}
	return u, err
}

// assignableUser is userForRole for someone about to be given a role or
// ownership: a deactivated person cannot be.
func assignableUser(ctx context.Context, db bun.IDB, id int64, field string) (*models.User, error) {
	u, err := userForRole(ctx, db, id, field)
	if err == nil && !u.Active() {
		return nil, apperr.BadInput(field, "%s is deactivated and cannot be given a role", u.Name)
	}
	return u, err
}

func roleName(r models.IncidentRole) string {
	switch r {
	case models.RoleCommander:
		return "incident commander"
	case models.RoleCommunications:
		return "communications lead"
	case models.RoleOperations:
		return "operations lead"
	default:
		return "scribe"
	}
}

// RoleHolderID returns who holds role on the incident now, read through db
// (a transaction or the pool); ok is false when nobody does.
func RoleHolderID(ctx context.Context, db bun.IDB, incidentID int64, role models.IncidentRole) (id int64, ok bool, err error) {
	var holders []int64
	err = db.NewSelect().Model((*models.RoleAssignment)(nil)).Column("user_id").
		Where("incident_id = ? AND role = ? AND unassigned_at IS NULL", incidentID, role).Scan(ctx, &holders)
	if err != nil || len(holders) == 0 {
		return 0, false, err
	}
	return holders[0], true, nil
}
