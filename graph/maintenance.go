package graph

import (
	"context"

	"firebreak/internal/maintenance"
	"firebreak/models"
)

// moveMaintenance is every mutation that moves a window.
func (r *mutationResolver) moveMaintenance(ctx context.Context, input MoveMaintenanceInput, to maintenance.Status) (*MaintenancePayload, error) {
	actor, id, err := actorAndID(ctx, "maintenanceId", models.TypeMaintenance, input.MaintenanceID)
	if err != nil {
		return nil, err
	}
	m, err := r.MaintenanceService.Move(ctx, actor, id, to, deref(input.Body), input.ExpectedVersion)
	if err != nil {
		return nil, err
	}
	return &MaintenancePayload{Maintenance: m}, nil
}

// maintenanceProducts loads the products of windows, batched.
func (r *Resolver) maintenanceProducts(ctx context.Context, ids []int64) (map[int64][]*models.Product, error) {
	byWindow, err := r.MaintenanceService.ProductsOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	var productIDs []int64
	for _, ps := range byWindow {
		productIDs = append(productIDs, ps...)
	}
	products, err := r.CatalogService.ProductsByID(ctx, productIDs)
	if err != nil {
		return nil, err
	}
	out := make(map[int64][]*models.Product, len(byWindow))
	for id, ps := range byWindow {
		for _, pid := range ps {
			if p := products[pid]; p != nil {
				out[id] = append(out[id], p)
			}
		}
	}
	return out, nil
}
