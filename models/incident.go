package models

import (
	"strings"
	"time"
	"unicode/utf8"

	"firebreak/internal/apperr"
)

// Input limits: generous for real use, small enough to keep rows sane.
const (
	MaxTitleLength   = 200
	MaxSummaryLength = 10_000
	MaxBodyLength    = 20_000
	// detectedAt may be slightly in the future to allow for clock skew.
	detectedAtSkew = 5 * time.Minute
)

// NormalizeTitle trims a title and checks its length.
func NormalizeTitle(title string) (string, error) {
	title = strings.TrimSpace(title)
	switch n := utf8.RuneCountInString(title); {
	case n == 0:
		return "", apperr.BadInput("title", "title must not be empty")
	case n > MaxTitleLength:
		return "", apperr.BadInput("title", "title must be at most %d characters, got %d", MaxTitleLength, n)
	}
	return title, nil
}

// NormalizeSummary trims a summary and checks its length.
func NormalizeSummary(summary string) (string, error) {
	summary = strings.TrimSpace(summary)
	if n := utf8.RuneCountInString(summary); n > MaxSummaryLength {
		return "", apperr.BadInput("summary", "summary must be at most %d characters, got %d", MaxSummaryLength, n)
	}
	return summary, nil
}

// NormalizeUpdateBody trims an update's body and checks its length.
func NormalizeUpdateBody(body string) (string, error) {
	body = strings.TrimSpace(body)
	switch n := utf8.RuneCountInString(body); {
	case n == 0:
		return "", apperr.BadInput("body", "body must not be empty")
	case n > MaxBodyLength:
		return "", apperr.BadInput("body", "body must be at most %d characters, got %d", MaxBodyLength, n)
	}
	return body, nil
}

// MaxNoteLength bounds a timeline note.
const MaxNoteLength = 5_000

// NormalizeNote trims a timeline note and checks its length.
func NormalizeNote(message string) (string, error) {
	message = strings.TrimSpace(message)
	switch n := utf8.RuneCountInString(message); {
	case n == 0:
		return "", apperr.BadInput("message", "message must not be empty")
	case n > MaxNoteLength:
		return "", apperr.BadInput("message", "message must be at most %d characters, got %d", MaxNoteLength, n)
	}
	return message, nil
}

// CheckNotInFuture refuses times in the future (beyond clock skew).
func CheckNotInFuture(field string, at, now time.Time) error {
	if at.After(now.Add(detectedAtSkew)) {
		return apperr.BadInput(field, "%s must not be in the future", field)
	}
	return nil
}

// CheckDetectedAt refuses detection times in the future.
func CheckDetectedAt(detectedAt, now time.Time) error {
	return CheckNotInFuture("detectedAt", detectedAt, now)
}

// IsFinal reports whether nothing more may happen to the incident.
func (i *Incident) IsFinal() bool {
	return i.Status == StatusClosed || i.Status == StatusCanceled
}

// ApplyStatus moves the incident to a new status at the given time, keeping
// the lifecycle timestamps consistent. It refuses illegal moves.
func (i *Incident) ApplyStatus(to IncidentStatus, at time.Time) error {
	if err := CheckTransition(i.Status, to); err != nil {
		return err
	}
	from := i.Status
	i.Status = to
	switch to {
	case StatusMonitoring:
		if i.MitigatedAt == nil {
			i.MitigatedAt = &at
		}
	case StatusResolved:
		if i.MitigatedAt == nil {
			i.MitigatedAt = &at
		}
		i.ResolvedAt = &at
		i.NextUpdateDueAt = nil
	case StatusClosed, StatusCanceled:
		i.ClosedAt = &at
		i.NextUpdateDueAt = nil
	case StatusInvestigating:
		if from == StatusResolved { // reopened
			i.ResolvedAt = nil
		}
	}
	return nil
}

// MarkUpdated records that a status update was posted.
func (i *Incident) MarkUpdated(at time.Time) {
	i.LastUpdateAt = &at
	if i.AcknowledgedAt == nil {
		i.AcknowledgedAt = &at
	}
}

// ExpectUpdate sets when the next status update is due: every after from
// while the incident is open, and never once service is restored.
func (i *Incident) ExpectUpdate(from time.Time, every time.Duration) {
	if !i.Status.IsOpen() {
		i.NextUpdateDueAt = nil
		return
	}
	due := from.Add(every)
	i.NextUpdateDueAt = &due
}

// LastHeardAt is when responders last told the world something: the latest
// status update, or the declaration.
func (i *Incident) LastHeardAt() time.Time {
	if i.LastUpdateAt != nil {
		return *i.LastUpdateAt
	}
	return i.DeclaredAt
}

// UpdateReminderDue reports whether a reminder for the given due time should
// go out at now: the incident is open, still expects its update at exactly
// that time (an update, snooze or severity change since moves it), and the
// time has come.
func (i *Incident) UpdateReminderDue(due, now time.Time) bool {
	return i.Status.IsOpen() && i.NextUpdateDueAt != nil && i.NextUpdateDueAt.Equal(due) && !due.After(now)
}

// RequireRole returns FORBIDDEN unless the user has at least the given role.
func (u *User) RequireRole(role UserRole) error {
	ok := false
	switch role {
	case RoleViewer:
		ok = u.Role.IsValid()
	case RoleResponder:
		ok = u.CanRespond()
	case RoleAdmin:
		ok = u.IsAdmin()
	}
	if !ok {
		return apperr.New(apperr.Forbidden, "this needs the %s role", role)
	}
	return nil
}
