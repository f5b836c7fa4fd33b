package models

import (
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
)

// RetrospectiveStatus is where a retrospective is on its way to publication.
type RetrospectiveStatus string

const (
	RetrospectiveDraft     RetrospectiveStatus = "DRAFT"
	RetrospectiveInReview  RetrospectiveStatus = "IN_REVIEW"
	RetrospectivePublished RetrospectiveStatus = "PUBLISHED"
)

func (s RetrospectiveStatus) IsValid() bool {
	return s == RetrospectiveDraft || s == RetrospectiveInReview || s == RetrospectivePublished
}

// ContributingFactor is one cause that made the incident possible or worse.
type ContributingFactor struct {
	CategoryID  int64  `json:"categoryId"`
	Description string `json:"description"`
}

// Retrospective is what the team learned from an incident.
type Retrospective struct {
	bun.BaseModel `bun:"table:retrospectives,alias:r"`

	ID                  int64                `bun:"id,pk,autoincrement"`
	IncidentID          int64                `bun:"incident_id"`
	OwnerID             *int64               `bun:"owner_id"`
	Status              RetrospectiveStatus  `bun:"status"`
	DueAt               *time.Time           `bun:"due_at"`
	Summary             string               `bun:"summary"`
	Impact              string               `bun:"impact"`
	RootCause           string               `bun:"root_cause"`
	ContributingFactors []ContributingFactor `bun:"contributing_factors,type:jsonb"`
	WhatWentWell        string               `bun:"what_went_well"`
	WhatWentPoorly      string               `bun:"what_went_poorly"`
	LessonsLearned      string               `bun:"lessons_learned"`
	Version             int                  `bun:"version"`
	PublishedAt         *time.Time           `bun:"published_at"`
	NextNudgeAt         *time.Time           `bun:"next_nudge_at"`
	CreatedAt           time.Time            `bun:"created_at,nullzero,default:now()"`
	UpdatedAt           time.Time            `bun:"updated_at,nullzero,default:now()"`
}

// MaxRetrospectiveText bounds each prose field of a retrospective.
const MaxRetrospectiveText = 50_000

// CheckPublishable names the first field a retrospective needs before it
// can be published: summary, impact and root cause.
func (r *Retrospective) CheckPublishable() error {
	for _, f := range []struct{ name, value string }{
		{"summary", r.Summary}, {"impact", r.Impact}, {"rootCause", r.RootCause},
	} {
		if f.value == "" {
			return apperr.BadInput(f.name, "a retrospective needs a %s before it is published", f.name)
		}
	}
	return nil
}

// MoveTo changes the retrospective's status: DRAFT → IN_REVIEW → PUBLISHED,
// and back from review to draft. Publishing needs the required fields.
func (r *Retrospective) MoveTo(to RetrospectiveStatus, at time.Time) error {
	allowed := (r.Status == RetrospectiveDraft && to == RetrospectiveInReview) ||
		(r.Status == RetrospectiveInReview && (to == RetrospectiveDraft || to == RetrospectivePublished))
	if !allowed {
		return &apperr.Error{Code: apperr.InvalidTransition, Field: "retrospectiveId",
			Message: "a " + string(r.Status) + " retrospective cannot move to " + string(to)}
	}
	if to == RetrospectivePublished {
		if err := r.CheckPublishable(); err != nil {
			return err
		}
		r.PublishedAt, r.NextNudgeAt = &at, nil
	}
	r.Status = to
	return nil
}

// NudgeAfter is the first nudge strictly after t for work due at due: a day
// before, on the day, then every day it stays overdue.
func NudgeAfter(due, t time.Time) time.Time {
	const day = 24 * time.Hour
	switch {
	case t.Before(due.Add(-day)):
		return due.Add(-day)
	case t.Before(due):
		return due
	default:
		return due.Add(day * (t.Sub(due)/day + 1))
	}
}

// ActionItemStatus is where a follow-up stands.
type ActionItemStatus string

const (
	ActionItemOpen       ActionItemStatus = "OPEN"
	ActionItemInProgress ActionItemStatus = "IN_PROGRESS"
	ActionItemDone       ActionItemStatus = "DONE"
	ActionItemWontDo     ActionItemStatus = "WONT_DO"
)

func (s ActionItemStatus) IsValid() bool {
	return s == ActionItemOpen || s == ActionItemInProgress || s == ActionItemDone || s == ActionItemWontDo
}

// IsFinished reports whether nothing more is expected of the item.
func (s ActionItemStatus) IsFinished() bool { return s == ActionItemDone || s == ActionItemWontDo }

// Priority orders follow-ups: P1 first.
type Priority string

const (
	PriorityP1 Priority = "P1"
	PriorityP2 Priority = "P2"
	PriorityP3 Priority = "P3"
	PriorityP4 Priority = "P4"
)

func (p Priority) IsValid() bool {
	return p == PriorityP1 || p == PriorityP2 || p == PriorityP3 || p == PriorityP4
}

// ActionItem is a follow-up: work that keeps the incident from happening
// again, or makes the next one easier.
type ActionItem struct {
	bun.BaseModel `bun:"table:action_items,alias:ai"`

	ID              int64            `bun:"id,pk,autoincrement"`
	IncidentID      int64            `bun:"incident_id"`
	RetrospectiveID *int64           `bun:"retrospective_id"`
	Title           string           `bun:"title"`
	Description     string           `bun:"description"`
	OwnerID         *int64           `bun:"owner_id"`
	DueAt           *time.Time       `bun:"due_at"`
	Priority        Priority         `bun:"priority"`
	Status          ActionItemStatus `bun:"status"`
	CompletedAt     *time.Time       `bun:"completed_at"`
	ExternalURL     *string          `bun:"external_url"`
	CreatedByID     int64            `bun:"created_by_id"`
	Version         int              `bun:"version"`
	NextNudgeAt     *time.Time       `bun:"next_nudge_at"`
	CreatedAt       time.Time        `bun:"created_at,nullzero,default:now()"`
	UpdatedAt       time.Time        `bun:"updated_at,nullzero,default:now()"`
}

// SetStatus moves the item, keeping completedAt and the nudges consistent.
func (a *ActionItem) SetStatus(to ActionItemStatus, at time.Time) {
	a.Status = to
	if to.IsFinished() {
		if a.CompletedAt == nil {
			a.CompletedAt = &at
		}
	} else {
		a.CompletedAt = nil
	}
	a.ScheduleNudge(at)
}

// ScheduleNudge sets the owner's next nudge after t: none once finished,
// without an owner or without a due date.
func (a *ActionItem) ScheduleNudge(t time.Time) {
	if a.Status.IsFinished() || a.OwnerID == nil || a.DueAt == nil {
		a.NextNudgeAt = nil
		return
	}
	next := NudgeAfter(*a.DueAt, t)
	a.NextNudgeAt = &next
}

// ScheduleNudge sets the owner's next nudge after t: none once published,
// without an owner or without a due date.
func (r *Retrospective) ScheduleNudge(t time.Time) {
	if r.Status == RetrospectivePublished || r.OwnerID == nil || r.DueAt == nil {
		r.NextNudgeAt = nil
		return
	}
	next := NudgeAfter(*r.DueAt, t)
	r.NextNudgeAt = &next
}

// ContributingFactorCategory is one entry of the editable list of causes.
type ContributingFactorCategory struct {
	bun.BaseModel `bun:"table:contributing_factor_categories,alias:cfc"`

	ID         int64      `bun:"id,pk,autoincrement"`
	Name       string     `bun:"name"`
	ArchivedAt *time.Time `bun:"archived_at"`
	CreatedAt  time.Time  `bun:"created_at,nullzero,default:now()"`
}

// VersionRef points at the retrospective's version, which edits check and
// bump.
func (r *Retrospective) VersionRef() *int { return &r.Version }

// FixedColumns are the columns an edit never writes.
func (r *Retrospective) FixedColumns() []string {
	return []string{"id", "incident_id", "created_at", "updated_at"}
}

// VersionRef points at the follow-up's version, which edits check and bump.
func (a *ActionItem) VersionRef() *int { return &a.Version }

// FixedColumns are the columns an edit never writes.
func (a *ActionItem) FixedColumns() []string {
	return []string{"id", "incident_id", "created_by_id", "created_at", "updated_at"}
}

// Nudged is what a nudge to the owner of a retrospective or follow-up
// reads.
type Nudged struct {
	IncidentID int64
	OwnerID    *int64
	DueAt      *time.Time
	NextAt     *time.Time
	// Done: published or finished; nobody is nudged about it.
	Done bool
	// What names it in the nudge ("The retrospective").
	What string
	Kind NotificationKind
}

// Nudged says what a nudge about the retrospective reads.
func (r *Retrospective) Nudged() Nudged {
	return Nudged{IncidentID: r.IncidentID, OwnerID: r.OwnerID, DueAt: r.DueAt, NextAt: r.NextNudgeAt,
		Done: r.Status == RetrospectivePublished, What: "The retrospective", Kind: NotificationRetrospectiveNudge}
}

// Nudged says what a nudge about the follow-up reads.
func (a *ActionItem) Nudged() Nudged {
	return Nudged{IncidentID: a.IncidentID, OwnerID: a.OwnerID, DueAt: a.DueAt, NextAt: a.NextNudgeAt,
		Done: a.Status.IsFinished(), What: fmt.Sprintf("The follow-up %q", a.Title), Kind: NotificationActionItemNudge}
}
