package incident

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
	"firebreak/internal/catalog"
	"firebreak/internal/database"
	"firebreak/internal/idempotency"
	"firebreak/models"
)

// lockIncident loads an incident for change. Every incident mutation takes
// this row lock first, which orders concurrent mutations of one incident and
// keeps its timeline sequence strictly increasing.
//
// Someone who may not see a private incident gets NOT_FOUND, as for reads.
func lockIncident(ctx context.Context, tx bun.Tx, actor *models.User, id int64) (*models.Incident, error) {
	inc := new(models.Incident)
	// NO KEY UPDATE is what an UPDATE that keeps the key takes: changes
	// still take turns, but rows that merely reference the incident (an
	// alert group linking to it, in another transaction) do not wait.
	err := VisibleTo(tx.NewSelect().Model(inc).Where("i.id = ?", id), actor).For("NO KEY UPDATE OF i").Scan(ctx)
	if database.IsNoRows(err) {
		return nil, apperr.NotFoundf("incident not found")
	}
	return inc, err
}

// checkStale refuses an edit made against an older version of a thing
// (incident, retrospective, follow-up): optimistic concurrency.
func checkStale(thing string, expected *int, current int) error {
	if expected != nil && *expected != current {
		return &apperr.Error{Code: apperr.Conflict, Field: "expectedVersion",
			Message: fmt.Sprintf("the %s changed since you read it (version %d, now %d): reload and retry", thing, *expected, current)}
	}
	return nil
}

// save writes the incident's mutable columns and bumps its version.
func save(ctx context.Context, tx bun.Tx, inc *models.Incident) error {
	inc.Version++
	_, err := tx.NewUpdate().Model(inc).
		Column("status", "severity_id", "acknowledged_at", "mitigated_at", "resolved_at", "closed_at",
			"last_update_at", "next_update_due_at", "version", "last_event_sequence").
		Set("updated_at = now()").
		WherePK().Returning("updated_at").Exec(ctx)
	return err
}

// PostUpdateInput is a status update, optionally moving status and severity.
type PostUpdateInput struct {
	IncidentID    int64
	Body          string
	Status        *models.IncidentStatus
	SeverityLevel *int
	// Public shows the update on the status page once the incident is
	// published.
	Public         bool
	IdempotencyKey string
}

// PostUpdate posts a status update. Naming the incident's current status or
// severity is not a change and is accepted.
func (s *Service) PostUpdate(ctx context.Context, actor *models.User, in PostUpdateInput) (*models.IncidentUpdate, *models.Incident, error) {
	if err := actor.RequireRole(models.RoleResponder); err != nil {
		return nil, nil, err
	}
	body, err := models.NormalizeUpdateBody(in.Body)
	if err != nil {
		return nil, nil, err
	}
	var update *models.IncidentUpdate
	inc, err := s.Mutate(ctx, actor, in.IncidentID, nil, func(ctx context.Context, tx bun.Tx, inc *models.Incident) error {
		if err := idempotency.Claim(ctx, tx, actor, in.IdempotencyKey, "postIncidentUpdate", in); err != nil {
			return err
		}
		var err error
		if update, err = s.postUpdate(ctx, tx, inc, actor, body, in.Status, in.SeverityLevel, in.Public); err != nil {
			return err
		}
		return idempotency.Record(ctx, tx, actor, in.IdempotencyKey, update.ID)
	})
	if resultID, ok := idempotency.Replayed(err); ok {
		if update, err = s.GetUpdate(ctx, actor, resultID); err != nil {
			return nil, nil, err
		}
		inc, err = s.Get(ctx, actor, update.IncidentID)
		return update, inc, err
	}
	if err != nil {
		return nil, nil, err
	}
	return update, inc, nil
}

// postUpdate writes a status update, and the status and severity changes it
// carries, to the locked incident; the caller saves the incident.
func (s *Service) postUpdate(ctx context.Context, tx bun.Tx, inc *models.Incident, actor *models.User,
	body string, status *models.IncidentStatus, severityLevel *int, public bool,
) (*models.IncidentUpdate, error) {
	if inc.IsFinal() {
		return nil, &apperr.Error{Code: apperr.InvalidTransition, Field: "incidentId",
			Message: "the incident is " + string(inc.Status) + "; reopen it before posting updates"}
	}
	var newSev *models.Severity
	if severityLevel != nil {
		var err error
		if newSev, err = catalog.SeverityByLevel(ctx, tx, *severityLevel, "severityLevel"); err != nil {
			return nil, err
		}
	}
	now := s.now()
	update := &models.IncidentUpdate{IncidentID: inc.ID, AuthorID: actor.ID, Body: body, CreatedAt: now, Public: public}
	changesStatus := status != nil && *status != inc.Status
	changesSeverity := newSev != nil && newSev.ID != inc.SeverityID
	if changesStatus {
		// Checked before anything is written so a refused move leaves no update behind.
		if err := models.CheckTransition(inc.Status, *status); err != nil {
			return nil, err
		}
		update.Status = status
	}
	if changesSeverity {
		update.SeverityID = &newSev.ID
	}
	// One statement: the update, and its body added to the incident's
	// search text.
	err := tx.NewSelect().
		With("u", tx.NewInsert().Model(update).Returning("id")).
		With("searchable", tx.NewRaw("UPDATE incidents SET search_vector = search_vector || to_tsvector('english', ?) WHERE id = ?", body, inc.ID)).
		TableExpr("u").ColumnExpr("u.id").Scan(ctx, &update.ID)
	if err != nil {
		return nil, err
	}
	inc.MarkUpdated(now)
	data := map[string]any{"updateId": update.ID, "body": body, "public": public}
	if changesStatus {
		data["status"] = *status
	}
	if changesSeverity {
		data["severity"] = newSev.Name
	}
	if _, err := RecordEvent(ctx, tx, inc, actor, models.EventUpdatePosted, now, actor.Name+" posted an update", data); err != nil {
		return nil, err
	}
	if changesStatus {
		if err := s.changeStatus(ctx, tx, inc, actor, *status, now); err != nil {
			return nil, err
		}
	}
	if changesSeverity {
		if err := s.changeSeverity(ctx, tx, inc, actor, newSev, now); err != nil {
			return nil, err
		}
	}
	if err := s.expectNextUpdate(ctx, tx, inc, now, newSev); err != nil {
		return nil, err
	}
	return update, nil
}

// ChangeStatus moves an incident to another status.
func (s *Service) ChangeStatus(ctx context.Context, actor *models.User, id int64, to models.IncidentStatus, expectedVersion *int) (*models.Incident, error) {
	if err := actor.RequireRole(models.RoleResponder); err != nil {
		return nil, err
	}
	if !to.IsValid() {
		return nil, apperr.BadInput("status", "unknown status %q", to)
	}
	return s.Mutate(ctx, actor, id, expectedVersion, func(ctx context.Context, tx bun.Tx, inc *models.Incident) error {
		return s.changeStatus(ctx, tx, inc, actor, to, s.now())
	})
}

// ChangeSeverity sets an incident's severity.
func (s *Service) ChangeSeverity(ctx context.Context, actor *models.User, id int64, level int, expectedVersion *int) (*models.Incident, error) {
	if err := actor.RequireRole(models.RoleResponder); err != nil {
		return nil, err
	}
	return s.Mutate(ctx, actor, id, expectedVersion, func(ctx context.Context, tx bun.Tx, inc *models.Incident) error {
		sev, err := catalog.SeverityByLevel(ctx, tx, level, "severityLevel")
		if err != nil {
			return err
		}
		if sev.ID == inc.SeverityID {
			return apperr.BadInput("severityLevel", "the incident is already %s", sev.Name)
		}
		if inc.IsFinal() {
			return &apperr.Error{Code: apperr.InvalidTransition, Field: "incidentId",
				Message: "the incident is " + string(inc.Status) + "; its severity can no longer change"}
		}
		return s.changeSeverity(ctx, tx, inc, actor, sev, s.now())
	})
}

// Mutate runs change on the locked incident in one transaction and saves it
// (a change returning ErrUnchanged answers the incident as it is): the
// incident's own changes and those its parts make, such as publishing.
func (s *Service) Mutate(ctx context.Context, actor *models.User, id int64, expectedVersion *int,
	change func(context.Context, bun.Tx, *models.Incident) error,
) (*models.Incident, error) {
	var inc *models.Incident
	err := s.OnLocked(ctx, actor, id, Locked{ExpectedVersion: expectedVersion, IncidentChanged: true},
		func(ctx context.Context, tx bun.Tx, locked *models.Incident) error {
			inc = locked
			return change(ctx, tx, locked)
		})
	if errors.Is(err, ErrUnchanged) {
		return s.Get(ctx, actor, id)
	}
	if err != nil {
		return nil, err
	}
	return inc, nil
}

// ErrUnchanged, returned by a change, rolls it back; the caller answers
// with the incident (or part) as it was: nothing happened, so nothing is
// recorded.
var ErrUnchanged = errors.New("nothing to change")

func (s *Service) changeStatus(ctx context.Context, tx bun.Tx, inc *models.Incident, actor *models.User, to models.IncidentStatus, now time.Time) error {
	from := inc.Status
	if err := models.CheckTransition(from, to); err != nil {
		return err
	}
	if to == models.StatusClosed {
		if err := s.lifecycle.Closing(ctx, tx, inc); err != nil {
			return err
		}
	}
	if err := inc.ApplyStatus(to, now); err != nil {
		return err
	}
	if !from.IsOpen() && to.IsOpen() { // reopened: updates are expected again
		if err := s.expectNextUpdate(ctx, tx, inc, now, nil); err != nil {
			return err
		}
	}
	_, err := RecordEvent(ctx, tx, inc, actor, models.EventStatusChanged, now,
		fmt.Sprintf("%s changed the status from %s to %s", actor.Name, from, to),
		map[string]any{"from": from, "to": to})
	if err == nil && to == models.StatusResolved {
		err = s.lifecycle.Resolved(ctx, tx, inc, actor, now)
	}
	return err
}

// expectNextUpdate sets when the incident's next status update is due,
// counting from the given time at its severity's cadence. sev, when known,
// saves looking the severity up.
func (s *Service) expectNextUpdate(ctx context.Context, tx bun.Tx, inc *models.Incident, from time.Time, sev *models.Severity) error {
	if !inc.Status.IsOpen() {
		inc.NextUpdateDueAt = nil
		return nil
	}
	if sev == nil || sev.ID != inc.SeverityID {
		var err error
		if sev, err = s.severity(ctx, tx, inc.SeverityID); err != nil {
			return err
		}
	}
	inc.ExpectUpdate(from, sev.UpdateInterval())
	return nil
}

func (s *Service) changeSeverity(ctx context.Context, tx bun.Tx, inc *models.Incident, actor *models.User, to *models.Severity, now time.Time) error {
	from, err := s.severity(ctx, tx, inc.SeverityID)
	if err != nil {
		return err
	}
	inc.SeverityID = to.ID
	// A new cadence counts from when responders were last heard from, so a
	// raised severity can make an update due at once.
	inc.ExpectUpdate(inc.LastHeardAt(), to.UpdateInterval())
	_, err = RecordEvent(ctx, tx, inc, actor, models.EventSeverityChanged, now,
		fmt.Sprintf("%s changed the severity from %s to %s", actor.Name, from.Name, to.Name),
		map[string]any{"from": from.Name, "to": to.Name})
	return err
}
