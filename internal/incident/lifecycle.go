package incident

import (
	"context"
	"slices"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
	"firebreak/models"
)

// LifecycleInput moves an incident along its lifecycle, optionally with a
// status update explaining why.
type LifecycleInput struct {
	IncidentID int64
	Body       string
}

// Resolve marks service restored.
func (s *Service) Resolve(ctx context.Context, actor *models.User, in LifecycleInput) (*models.Incident, error) {
	return s.moveTo(ctx, actor, in, models.StatusResolved, nil)
}

// Reopen takes a resolved incident back to INVESTIGATING.
func (s *Service) Reopen(ctx context.Context, actor *models.User, in LifecycleInput) (*models.Incident, error) {
	return s.moveTo(ctx, actor, in, models.StatusInvestigating, []models.IncidentStatus{models.StatusResolved})
}

// Close ends the incident for good.
func (s *Service) Close(ctx context.Context, actor *models.User, in LifecycleInput) (*models.Incident, error) {
	return s.moveTo(ctx, actor, in, models.StatusClosed, nil)
}

// Cancel marks an open incident as a false alarm.
func (s *Service) Cancel(ctx context.Context, actor *models.User, in LifecycleInput) (*models.Incident, error) {
	return s.moveTo(ctx, actor, in, models.StatusCanceled, nil)
}

// moveTo changes status, with a status update when a body is given, in one
// transaction. onlyFrom narrows the statuses the move is allowed from (reopen
// is a move to INVESTIGATING from RESOLVED only); it is checked under the
// incident's lock, so a concurrent change cannot slip in between.
func (s *Service) moveTo(ctx context.Context, actor *models.User, in LifecycleInput, to models.IncidentStatus, onlyFrom []models.IncidentStatus) (*models.Incident, error) {
	if err := actor.RequireRole(models.RoleResponder); err != nil {
		return nil, err
	}
	var body string
	if in.Body != "" {
		var err error
		if body, err = models.NormalizeUpdateBody(in.Body); err != nil {
			return nil, err
		}
	}
	return s.Mutate(ctx, actor, in.IncidentID, nil, func(ctx context.Context, tx bun.Tx, inc *models.Incident) error {
		if len(onlyFrom) > 0 && !slices.Contains(onlyFrom, inc.Status) {
			return &apperr.Error{Code: apperr.InvalidTransition, Field: "incidentId",
				Message: "only a RESOLVED incident can be reopened; this one is " + string(inc.Status)}
		}
		if body == "" {
			return s.changeStatus(ctx, tx, inc, actor, to, s.now())
		}
		_, err := s.postUpdate(ctx, tx, inc, actor, body, &to, nil, false)
		return err
	})
}
