package graph

import (
	"context"

	"firebreak/models"
)

// moveRetrospective runs a retrospective status change for the caller.
func (r *mutationResolver) moveRetrospective(ctx context.Context, gid string, to models.RetrospectiveStatus) (*models.Retrospective, error) {
	actor, id, err := actorAndID(ctx, "retrospectiveId", models.TypeRetrospective, gid)
	if err != nil {
		return nil, err
	}
	return r.RetrospectiveService.Move(ctx, actor, id, to)
}
