package delivery

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
	"firebreak/internal/database"
	"firebreak/models"
)

// CreateDeliveries records, in the caller's transaction, one delivery per
// occurrence and endpoint that wants it, with its body rendered, and returns
// the new deliveries' ids. Occurrences already delivered to an endpoint are
// skipped, so a repeated batch creates nothing.
func (s *Service) CreateDeliveries(ctx context.Context, tx bun.IDB, occs []Occurrence) ([]int64, error) {
	if len(occs) == 0 {
		return nil, nil
	}
	var eps []*models.NotificationEndpoint
	if err := tx.NewSelect().Model(&eps).Where("enabled").Scan(ctx); err != nil || len(eps) == 0 {
		return nil, err
	}
	var ds []*models.Delivery
	for _, o := range occs {
		for _, ep := range eps {
			if !ep.Wants(o.Event.Kind, o.Severity.Level, o.productIDs(), o.Incident.Visibility) {
				continue
			}
			if ep.Kind == models.EndpointStatusWebhook && !o.public() {
				continue
			}
			body, err := Render(ep.Kind, o, s.links)
			if err != nil {
				return nil, err
			}
			ds = append(ds, &models.Delivery{EndpointID: ep.ID, EventID: &o.Event.ID, IncidentID: &o.Incident.ID,
				Status: models.DeliveryPending, Body: body})
		}
	}
	if len(ds) == 0 {
		return nil, nil
	}
	var ids []int64
	_, err := tx.NewInsert().Model(&ds).On("CONFLICT (endpoint_id, event_id) DO NOTHING").Returning("id").Exec(ctx, &ids)
	return ids, err
}

// PendingDelivery returns a delivery still to be made and its endpoint, or
// nils when there is nothing to do (delivered, failed, or gone).
func (s *Service) PendingDelivery(ctx context.Context, id int64) (*models.Delivery, *models.NotificationEndpoint, error) {
	d := new(models.Delivery)
	err := s.db.NewSelect().Model(d).Where("id = ?", id).Scan(ctx)
	if database.IsNoRows(err) || (err == nil && d.Status != models.DeliveryPending) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	ep := new(models.NotificationEndpoint)
	if err := s.db.NewSelect().Model(ep).Where("id = ?", d.EndpointID).Scan(ctx); err != nil {
		return nil, nil, err
	}
	return d, ep, nil
}

// InterruptedAttempt is what an attempt says from the moment it starts
// until its outcome is recorded: if the process dies while the request is in
// flight, that is what stays, and the next attempt gets the next number.
const InterruptedAttempt = "interrupted: the worker stopped before this attempt finished; the receiver may or may not have it"

// startAttempt records, before anything is sent, that an attempt at a
// delivery begins, and numbers it.
func (s *Service) startAttempt(ctx context.Context, deliveryID int64, startedAt time.Time) (*models.DeliveryAttempt, error) {
	interrupted := InterruptedAttempt
	a := &models.DeliveryAttempt{DeliveryID: deliveryID, StartedAt: startedAt, Error: &interrupted}
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		d := new(models.Delivery)
		if err := tx.NewSelect().Model(d).Where("id = ?", deliveryID).For("UPDATE").Scan(ctx); err != nil {
			return err
		}
		d.Attempts++
		a.Number = d.Attempts
		if _, err := tx.NewInsert().Model(a).Returning("id").Exec(ctx); err != nil {
			return err
		}
		_, err := tx.NewUpdate().Model(d).Column("attempts").WherePK().Exec(ctx)
		return err
	})
	return a, err
}

// recordAttempt stores the outcome of a started attempt and what it means
// for the delivery: DELIVERED on success, FAILED when it was the last
// attempt, else still PENDING. An attempt for a delivery that is no longer
// pending (a duplicate task raced this one) is kept and changes nothing.
func (s *Service) recordAttempt(ctx context.Context, a *models.DeliveryAttempt, last bool) (*models.Delivery, error) {
	d := new(models.Delivery)
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := tx.NewSelect().Model(d).Where("id = ?", a.DeliveryID).For("UPDATE").Scan(ctx); err != nil {
			return err
		}
		if _, err := tx.NewUpdate().Model(a).Column("duration_ms", "status_code", "error").WherePK().Exec(ctx); err != nil {
			return err
		}
		if d.Status == models.DeliveryPending {
			end := a.StartedAt.Add(time.Duration(a.DurationMS * float64(time.Millisecond)))
			switch {
			case a.Succeeded():
				d.Status, d.DeliveredAt = models.DeliveryDelivered, &end
			case last:
				d.Status, d.FailedAt = models.DeliveryFailed, &end
			}
		}
		_, err := tx.NewUpdate().Model(d).Column("status", "delivered_at", "failed_at").WherePK().Exec(ctx)
		return err
	})
	return d, err
}

// PendingDeliveryIDs lists deliveries not yet made, oldest first.
func (s *Service) PendingDeliveryIDs(ctx context.Context, limit int) ([]int64, error) {
	var ids []int64
	err := s.db.NewSelect().Model((*models.Delivery)(nil)).Column("id").
		Where("status = ?", models.DeliveryPending).Order("id").Limit(int64(limit)).Scan(ctx, &ids)
	return ids, err
}

// Deliveries lists an endpoint's deliveries newest first, optionally of one
// status, after the given delivery id.
func (s *Service) Deliveries(ctx context.Context, endpointID int64, status *models.DeliveryStatus, w database.Window) (database.Page[*models.Delivery], error) {
	return database.NewestFirst[*models.Delivery](ctx, s.deliveryQuery(endpointID, status), "d.id", w)
}

// CountDeliveries counts an endpoint's deliveries, optionally of one status.
func (s *Service) CountDeliveries(ctx context.Context, endpointID int64, status *models.DeliveryStatus) (int64, error) {
	n, err := s.deliveryQuery(endpointID, status).Model((*models.Delivery)(nil)).Count(ctx)
	return int64(n), err
}

func (s *Service) deliveryQuery(endpointID int64, status *models.DeliveryStatus) *bun.SelectQuery {
	q := s.db.NewSelect().Where("d.endpoint_id = ?", endpointID)
	if status != nil {
		q.Where("d.status = ?", *status)
	}
	return q
}

// Attempts lists a delivery's attempts in order.
func (s *Service) Attempts(ctx context.Context, deliveryID int64) ([]*models.DeliveryAttempt, error) {
	var as []*models.DeliveryAttempt
	err := s.db.NewSelect().Model(&as).Where("delivery_id = ?", deliveryID).Order("number").Scan(ctx)
	return as, err
}

// TestEndpoint sends a sample message to an endpoint now, once, and returns
// the delivery with its attempt recorded (ADMIN).
func (s *Service) TestEndpoint(ctx context.Context, actor *models.User, id int64, now time.Time) (*models.Delivery, error) {
	ep, err := s.Endpoint(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	sev := new(models.Severity)
	if err := s.db.NewSelect().Model(sev).Order("level").Limit(1).Scan(ctx); err != nil {
		return nil, err
	}
	sample := Occurrence{
		Event: &models.TimelineEvent{Kind: "TEST", OccurredAt: now, Sequence: 1,
			Message: "A test message from Firebreak: this endpoint is reachable."},
		Incident: &models.Incident{Handle: "sample-incident", Title: "Sample incident (test message)",
			Summary: "Sent by testEndpoint.", Status: models.StatusInvestigating, Visibility: models.VisibilityPublic, DeclaredAt: now},
		Severity: sev,
		Actor:    actor,
	}
	body, err := Render(ep.Kind, sample, s.links)
	if err != nil {
		return nil, err
	}
	d := &models.Delivery{EndpointID: ep.ID, Status: models.DeliveryPending, Body: body}
	if _, err := s.db.NewInsert().Model(d).Returning("id, created_at").Exec(ctx); err != nil {
		return nil, err
	}
	d, _, err = s.Attempt(ctx, ep, d, now, true)
	return d, err
}

// Delivery returns one delivery (ADMIN).
func (s *Service) Delivery(ctx context.Context, actor *models.User, id int64) (*models.Delivery, error) {
	if err := actor.RequireRole(models.RoleAdmin); err != nil {
		return nil, err
	}
	d := new(models.Delivery)
	err := s.db.NewSelect().Model(d).Where("id = ?", id).Scan(ctx)
	if database.IsNoRows(err) {
		return nil, apperr.NotFoundf("delivery not found")
	}
	return d, err
}

// Attempt makes one recorded attempt at a pending delivery (the delivery
// worker's job); last marks the delivery FAILED if it fails.
func (s *Service) Attempt(ctx context.Context, ep *models.NotificationEndpoint, d *models.Delivery, now time.Time, last bool) (*models.Delivery, *models.DeliveryAttempt, error) {
	started, err := s.startAttempt(ctx, d.ID, now)
	if err != nil {
		return nil, nil, err
	}
	outcome := s.sender.Send(ctx, ep, d, now)
	started.DurationMS, started.StatusCode, started.Error = outcome.DurationMS, outcome.StatusCode, outcome.Error
	d, err = s.recordAttempt(ctx, started, last)
	return d, started, err
}
