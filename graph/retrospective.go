package graph

import (
	"context"

	"firebreak/internal/apperr"
	"firebreak/internal/auth"

	"firebreak/models"
)

// moveRetrospective runs a retrospective status change for the caller.
func (r *mutationResolver) moveRetrospective(ctx context.Context, gid string, to models.RetrospectiveStatus) (*models.Retrospective, error) {
	actor, id, err := actorAndID(ctx, "retrospectiveId", typeRetrospective, gid)
	if err != nil {
		return nil, err
	}
	return r.IncidentService.MoveRetrospective(ctx, actor, id, to)
}

// afterIDOf reads the id position of an `after` cursor (0 for none), for
// lists ordered by id.
func afterIDOf(after *string) (int64, error) {
	cursor, err := decodeCursor(after)
	if err != nil || cursor == nil {
		return 0, err
	}
	return cursor.ID, nil
}

// incidentIfVisible loads an incident something refers to, or nil when there
// is none or the viewer may no longer see it.
func (r *Resolver) incidentIfVisible(ctx context.Context, id *int64) (*models.Incident, error) {
	if id == nil {
		return nil, nil
	}
	viewer, err := auth.UserFrom(ctx)
	if err != nil {
		return nil, err
	}
	inc, err := r.IncidentService.Get(ctx, viewer, *id)
	if apperr.CodeOf(err) == apperr.NotFound {
		return nil, nil
	}
	return inc, err
}
