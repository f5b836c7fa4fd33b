package graph

import (
	"firebreak/internal/catalog"
	"firebreak/internal/events"
	"firebreak/internal/incident"
)

// Resolver holds the dependencies of every resolver; it has no logic.
type Resolver struct {
	IncidentService *incident.Service
	CatalogService  *catalog.Service
	// Hub delivers live events to subscriptions.
	Hub *events.Hub
}
