package incident

import (
	"context"
	"slices"

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

// moveTo changes status, through a status update when a body is given.
// onlyFrom narrows the statuses the move is allowed from (reopen is a move to
// INVESTIGATING from RESOLVED only).
func (s *Service) moveTo(ctx context.Context, actor *models.User, in LifecycleInput, to models.IncidentStatus, onlyFrom []models.IncidentStatus) (*models.Incident, error) {
	if len(onlyFrom) > 0 {
		current, err := s.Get(ctx, actor, in.IncidentID)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(onlyFrom, current.Status) {
			return nil, &apperr.Error{Code: apperr.InvalidTransition, Field: "incidentId",
				Message: "only a RESOLVED incident can be reopened; this one is " + string(current.Status)}
		}
	}
	if in.Body == "" {
		return s.ChangeStatus(ctx, actor, in.IncidentID, to, nil)
	}
	_, inc, err := s.PostUpdate(ctx, actor, PostUpdateInput{IncidentID: in.IncidentID, Body: in.Body, Status: &to})
	return inc, err
}
