package incident

import (
	"github.com/uptrace/bun"

	"firebreak/models"
)

// visibleTo restricts a query on incidents (aliased i) to those the viewer
// may see: every public incident; private ones only for admins, their
// declarer and the people currently holding a role on them. Everyone else
// is told NOT_FOUND, so a private incident's existence never leaks.
func visibleTo(q *bun.SelectQuery, viewer *models.User) *bun.SelectQuery {
	if viewer.IsAdmin() {
		return q
	}
	return q.Where(`(i.visibility = 'PUBLIC' OR i.created_by_id = ? OR EXISTS (
		SELECT 1 FROM incident_role_assignments AS ra
		WHERE ra.incident_id = i.id AND ra.user_id = ? AND ra.unassigned_at IS NULL))`, viewer.ID, viewer.ID)
}
