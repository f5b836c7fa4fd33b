package graph

import (
	"context"

	"firebreak/internal/apperr"
	"firebreak/internal/auth"
)

// loadNode fetches the object behind a global id.
func (r *Resolver) loadNode(ctx context.Context, typ string, id int64) (Node, error) {
	l := loadersFrom(ctx)
	viewer, err := auth.UserFrom(ctx)
	if err != nil {
		return nil, err
	}
	notFound := apperr.NotFoundf("nothing has that id")
	var node Node
	switch typ {
	case typeIncident:
		return r.IncidentService.Get(ctx, viewer, id)
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
		return r.IncidentService.GetUpdate(ctx, viewer, id)
	case typeTimelineEvent:
		return r.IncidentService.GetEvent(ctx, viewer, id)
	case typeNotification:
		return r.NotificationService.Get(ctx, viewer, id)
	case typeNotificationEndpoint:
		return r.NotifyService.Endpoint(ctx, viewer, id)
	case typeDelivery:
		return r.NotifyService.Delivery(ctx, viewer, id)
	case typeRetrospective:
		return r.IncidentService.Retrospective(ctx, viewer, id)
	case typeActionItem:
		return r.IncidentService.ActionItem(ctx, viewer, id)
	case typeFactorCategory:
		c, e := r.CatalogService.ContributingFactorCategoriesByID(ctx, []int64{id})
		if e != nil {
			return nil, e
		}
		if c[id] == nil {
			return nil, notFound
		}
		return c[id], nil
	default:
		return nil, notFound
	}
	if isNotFound(err) {
		return nil, notFound
	}
	return node, err
}
