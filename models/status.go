package models

import "firebreak/internal/apperr"

// CanTransition reports whether an incident may move from one status to
// another:
//
//	INVESTIGATING ⇄ IDENTIFIED ⇄ MONITORING (any order among the three)
//	open → RESOLVED → CLOSED, RESOLVED → INVESTIGATING (reopen)
//	open → CANCELED (false alarm)
//
// Whether CLOSED is allowed also depends on the retrospective; that rule
// lives with the retrospective, not here.
func CanTransition(from, to IncidentStatus) bool {
	if !from.IsValid() || !to.IsValid() || from == to {
		return false
	}
	switch {
	case from.IsOpen():
		return to.IsOpen() || to == StatusResolved || to == StatusCanceled
	case from == StatusResolved:
		return to == StatusClosed || to == StatusInvestigating
	default: // CLOSED and CANCELED are final
		return false
	}
}

// CheckTransition returns INVALID_TRANSITION when the move is not allowed.
func CheckTransition(from, to IncidentStatus) error {
	if CanTransition(from, to) {
		return nil
	}
	if from == to {
		return &apperr.Error{Code: apperr.InvalidTransition, Field: "status",
			Message: "incident is already " + string(from)}
	}
	return &apperr.Error{Code: apperr.InvalidTransition, Field: "status",
		Message: "cannot move an incident from " + string(from) + " to " + string(to)}
}
