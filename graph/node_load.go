package graph

import (
	"context"

	"firebreak/internal/apperr"
)

// loadNode fetches the object behind a global id.
func (r *Resolver) loadNode(ctx context.Context, typ string, id int64) (Node, error) {
	l := loadersFrom(ctx)
	notFound := apperr.NotFoundf("nothing has that id")
	var (
		node Node
		err  error
	)
	switch typ {
	case typeIncident:
		return r.IncidentService.Get(ctx, id)
	case typeSeverity:
		node, err = l.Severity.Load(ctx, id)
	case typeUser:
		node, err = l.User.Load(ctx, id)
	case typeProduct:
		p, e := r.CatalogService.ProductsByID(ctx, []int64{id})
		if e != nil {
			return nil, e
		}
		if p[id] == nil {
			return nil, notFound
		}
		return p[id], nil
	case typeIncidentUpdate:
		return r.IncidentService.GetUpdate(ctx, id)
	case typeTimelineEvent:
		return r.IncidentService.GetEvent(ctx, id)
	default:
		return nil, notFound
	}
	if isNotFound(err) {
		return nil, notFound
	}
	return node, err
}
