package graph

import (
	"firebreak/internal/incident"
	"firebreak/models"
)

// listFilter converts the GraphQL filter to the domain's.
func listFilter(f *IncidentFilter) (incident.ListFilter, error) {
	if f == nil {
		return incident.ListFilter{}, nil
	}
	products, err := parseIDs("productIds", models.TypeProduct, f.ProductIds)
	if err != nil {
		return incident.ListFilter{}, err
	}
	var holder *int64
	if f.RoleHolderID != nil {
		id, err := parseID("roleHolderId", models.TypeUser, *f.RoleHolderID)
		if err != nil {
			return incident.ListFilter{}, err
		}
		holder = &id
	}
	return incident.ListFilter{
		Statuses:       f.Statuses,
		SeverityLevels: f.SeverityLevels,
		ProductIDs:     products,
		Visibility:     f.Visibility,
		DeclaredAfter:  f.DeclaredAfter,
		DeclaredBefore: f.DeclaredBefore,
		Query:          deref(f.Query),
		RoleHolderID:   holder,
	}, nil
}
