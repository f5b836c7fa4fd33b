package graph

import (
	"context"

	"firebreak/internal/apperr"
	"firebreak/internal/auth"
	"firebreak/models"
)

// parseGlobalID decodes any global id into its type and database id. Ids
// are opaque to clients: base64url("Incident:42"), made by models.GlobalID
// and the models' GlobalID methods, with the type names models.Type*.
func parseGlobalID(field, gid string) (string, int64, error) {
	typ, id, ok := models.ParseGlobalID(gid)
	if !ok {
		return "", 0, apperr.BadInput(field, "%q is not a valid id", gid)
	}
	return typ, id, nil
}

// parseID decodes a global id that must be of the given type.
func parseID(field, typ, gid string) (int64, error) {
	got, id, err := parseGlobalID(field, gid)
	if err != nil {
		return 0, err
	}
	if got != typ {
		return 0, apperr.BadInput(field, "%q is not the id of a %s", gid, typ)
	}
	return id, nil
}

func parseIDs(field, typ string, gids []string) ([]int64, error) {
	ids := make([]int64, 0, len(gids))
	for _, g := range gids {
		id, err := parseID(field, typ, g)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// actorAndIncident starts every incident mutation: who is asking, and which
// incident (from the input's incidentId).
func actorAndIncident(ctx context.Context, incidentID string) (*models.User, int64, error) {
	return actorAndID(ctx, "incidentId", models.TypeIncident, incidentID)
}

// actorAndID returns who is asking and the database id behind a global id
// input field.
func actorAndID(ctx context.Context, field, typ, gid string) (*models.User, int64, error) {
	actor, err := auth.UserFrom(ctx)
	if err != nil {
		return nil, 0, err
	}
	id, err := parseID(field, typ, gid)
	return actor, id, err
}

// optionalID decodes a global id input field that may be absent.
func optionalID(field, typ string, gid *string) (*int64, error) {
	if gid == nil {
		return nil, nil
	}
	id, err := parseID(field, typ, *gid)
	if err != nil {
		return nil, err
	}
	return &id, nil
}
