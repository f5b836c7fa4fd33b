package statuspage

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
	"firebreak/internal/catalog"
	"firebreak/internal/incident"
	"firebreak/models"
)

// The status page owns what is published on it: an incident's publication
// under a public title and what it does to each component. Both change the
// incident in its one locked transaction (incident.Service.Mutate), as the
// retrospective package's changes do.

// Publishing lets the page publish incidents and set their components.
func (p *Page) Publishing(incidents *incident.Service) *Page {
	p.incidents = incidents
	return p
}

// ComponentStatus is what an incident does to a status page component.
type ComponentStatus string

const (
	ComponentOperational         ComponentStatus = "OPERATIONAL"
	ComponentDegradedPerformance ComponentStatus = "DEGRADED_PERFORMANCE"
	ComponentPartialOutage       ComponentStatus = "PARTIAL_OUTAGE"
	ComponentMajorOutage         ComponentStatus = "MAJOR_OUTAGE"
	ComponentUnderMaintenance    ComponentStatus = "UNDER_MAINTENANCE"
)

// IsValid reports whether s is one of the statuses.
func (s ComponentStatus) IsValid() bool {
	switch s {
	case ComponentOperational, ComponentDegradedPerformance, ComponentPartialOutage, ComponentMajorOutage, ComponentUnderMaintenance:
		return true
	}
	return false
}

// Publish puts an incident on the public status page under publicTitle
// (empty: keep the current public title, or its title) — RESPONDER. Only
// its updates marked public appear there. A private incident cannot be
// published.
func (p *Page) Publish(ctx context.Context, actor *models.User, id int64, publicTitle string) (*models.Incident, error) {
	if err := actor.RequireRole(models.RoleResponder); err != nil {
		return nil, err
	}
	var title *string
	if publicTitle != "" {
		t, err := models.NormalizeTitle(publicTitle)
		if e, ok := apperr.As(err); ok {
			return nil, apperr.BadInput("publicTitle", "public %s", e.Message)
		}
		title = &t
	}
	return p.incidents.Mutate(ctx, actor, id, nil, func(ctx context.Context, tx bun.Tx, inc *models.Incident) error {
		if inc.Visibility == models.VisibilityPrivate {
			return apperr.BadInput("incidentId", "a private incident cannot be published: it never appears on the status page")
		}
		if inc.PublishedAt != nil && (title == nil || (inc.PublicTitle != nil && *inc.PublicTitle == *title)) {
			return incident.ErrUnchanged
		}
		now := p.incidents.Now()
		if inc.PublishedAt == nil {
			inc.PublishedAt = &now
		}
		if title != nil {
			inc.PublicTitle = title
		}
		if _, err := tx.NewUpdate().Model(inc).Column("published_at", "public_title").WherePK().Exec(ctx); err != nil {
			return err
		}
		shown := inc.PublicName()
		_, err := incident.RecordEvent(ctx, tx, inc, actor, models.EventDetailsChanged, now,
			fmt.Sprintf("%s published the incident on the status page as %q", actor.Name, shown),
			map[string]any{"published": true, "publicTitle": shown})
		return err
	})
}

// SetComponentStatus overrides what an open incident does to a public
// component (nil: back to what its severity implies) — RESPONDER.
func (p *Page) SetComponentStatus(ctx context.Context, actor *models.User, id, productID int64, status *ComponentStatus) (*models.Incident, error) {
	if err := actor.RequireRole(models.RoleResponder); err != nil {
		return nil, err
	}
	if status != nil && !status.IsValid() {
		return nil, apperr.BadInput("status", "unknown component status %q", *status)
	}
	return p.incidents.Mutate(ctx, actor, id, nil, func(ctx context.Context, tx bun.Tx, inc *models.Incident) error {
		if inc.IsFinal() {
			return &apperr.Error{Code: apperr.InvalidTransition, Field: "incidentId", Message: "the incident is " + string(inc.Status) + "; its components are back to normal"}
		}
		product := new(models.Product)
		err := tx.NewSelect().Model(product).Where("id = ? AND "+catalog.PublicProductSQL(""), productID).Scan(ctx)
		if err != nil {
			return apperr.BadInput("productId", "no public product has that id")
		}
		var affected bool
		if err := tx.NewRaw(`SELECT EXISTS (SELECT 1 FROM incident_products WHERE incident_id = ? AND product_id = ?)`, inc.ID, productID).Scan(ctx, &affected); err != nil {
			return err
		}
		if !affected {
			return apperr.BadInput("productId", "the incident does not affect %s: add it to the incident's products first", product.Name)
		}
		now := p.incidents.Now()
		message := fmt.Sprintf("%s set %s back to what the severity implies on the status page", actor.Name, product.Name)
		if status == nil {
			_, err = tx.NewDelete().Table("component_overrides").Where("incident_id = ? AND product_id = ?", inc.ID, productID).Exec(ctx)
		} else {
			message = fmt.Sprintf("%s set %s to %s on the status page", actor.Name, product.Name, *status)
			_, err = tx.NewRaw(`INSERT INTO component_overrides (incident_id, product_id, status, set_by_id, set_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (incident_id, product_id) DO UPDATE SET status = EXCLUDED.status, set_by_id = EXCLUDED.set_by_id, set_at = EXCLUDED.set_at`,
				inc.ID, productID, *status, actor.ID, now).Exec(ctx)
		}
		if err != nil {
			return err
		}
		_, err = incident.RecordEvent(ctx, tx, inc, actor, models.EventDetailsChanged, now, message, map[string]any{"productId": productID, "componentStatus": status})
		return err
	})
}
