package incident

import (
	"context"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
	"firebreak/models"
)

// VisibleTo restricts a query on incidents (aliased i) to those the viewer
// may see: every public incident; private ones only for admins, their
// declarer and the people currently holding a role on them. Everyone else
// is told NOT_FOUND, so a private incident's existence never leaks.
func VisibleTo(q *bun.SelectQuery, viewer *models.User) *bun.SelectQuery {
	if viewer.IsAdmin() {
		return q
	}
	return q.Where(`(i.visibility = 'PUBLIC' OR i.created_by_id = ? OR EXISTS (
		SELECT 1 FROM incident_role_assignments AS ra
		WHERE ra.incident_id = i.id AND ra.user_id = ? AND ra.unassigned_at IS NULL))`, viewer.ID, viewer.ID)
}

// CanSee reports whether user may see the incident with the given id.
func CanSee(ctx context.Context, db bun.IDB, incidentID int64, user *models.User) (bool, error) {
	return VisibleTo(db.NewSelect().Model((*models.Incident)(nil)).Where("i.id = ?", incidentID), user).Exists(ctx)
}

// OwnerFor checks that a retrospective or follow-up of inc may be given to
// the user: one who cannot see a private incident would be told about it by
// every nudge.
func OwnerFor(ctx context.Context, db bun.IDB, inc *models.Incident, userID int64) (*models.User, error) {
	owner, err := assignableUser(ctx, db, userID, "ownerId")
	if err != nil {
		return nil, err
	}
	visible, err := CanSee(ctx, db, inc.ID, owner)
	if err != nil {
		return nil, err
	}
	if !visible {
		return nil, apperr.BadInput("ownerId", "%s cannot see this private incident: give them a role on it first", owner.Name)
	}
	return owner, nil
}
