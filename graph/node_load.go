package graph

import (
	"context"

	"firebreak/internal/apperr"
	"firebreak/internal/auth"
	"firebreak/models"
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
	case models.TypeIncident:
		return r.IncidentService.Get(ctx, viewer, id)
	case models.TypeSeverity:
		node, err = l.Severity.Load(ctx, id)
	case models.TypeUser:
		node, err = l.User.Load(ctx, id)
	case models.TypeProduct:
		p, e := r.CatalogService.ProductsByID(ctx, []int64{id})
		if e != nil {
			return nil, e
		}
		if p[id] == nil {
			return nil, notFound
		}
		return p[id], nil
	case models.TypeIncidentUpdate:
		return r.IncidentService.GetUpdate(ctx, viewer, id)
	case models.TypeTimelineEvent:
		return r.IncidentService.GetEvent(ctx, viewer, id)
	case models.TypeNotification:
		return r.InboxService.Get(ctx, viewer, id)
	case models.TypeNotificationEndpoint:
		return r.DeliveryService.Endpoint(ctx, viewer, id)
	case models.TypeDelivery:
		return r.DeliveryService.Delivery(ctx, viewer, id)
	case models.TypeRetrospective:
		return r.RetrospectiveService.Get(ctx, viewer, id)
	case models.TypeActionItem:
		return r.FollowUpService.Get(ctx, viewer, id)
	case models.TypeContributingFactorCategory:
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

// incidentOf loads the incident something belongs to, as the viewer may
// see it (NOT_FOUND otherwise).
func (r *Resolver) incidentOf(ctx context.Context, id int64) (*models.Incident, error) {
	viewer, err := auth.UserFrom(ctx)
	if err != nil {
		return nil, err
	}
	return r.IncidentService.Get(ctx, viewer, id)
}

// incidentIfVisible loads an incident something refers to, or nil when there
// is none or the viewer may no longer see it.
func (r *Resolver) incidentIfVisible(ctx context.Context, id *int64) (*models.Incident, error) {
	if id == nil {
		return nil, nil
	}
	inc, err := r.incidentOf(ctx, *id)
	if apperr.CodeOf(err) == apperr.NotFound {
		return nil, nil
	}
	return inc, err
}
