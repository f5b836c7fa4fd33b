// Package retrospective keeps the write-up after an incident: opened when
// a severity requires one (on resolution, through incident.Lifecycle) or on
// demand, edited, reviewed and published; closing such an incident waits
// for publication.
package retrospective

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"firebreak/internal/incident"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
	"firebreak/internal/database"
	"firebreak/models"
)

// retrospectiveDue is when a retrospective for an incident resolved (or
// asked for) at from is due under its severity.
func retrospectiveDue(sev *models.Severity, from time.Time) time.Time {
	return from.Add(time.Duration(sev.RetrospectiveDueDays) * 24 * time.Hour)
}

// openRetrospective creates the incident's retrospective, owned by its
// commander (or the actor when nobody commands), unless it has one. It
// reports whether it created one.
func openRetrospective(ctx context.Context, tx bun.Tx, inc *models.Incident, actor *models.User, sev *models.Severity,
	ownerID *int64, now time.Time,
) (*models.Retrospective, bool, error) {
	if ownerID == nil {
		commander, ok, err := incident.RoleHolderID(ctx, tx, inc.ID, models.RoleCommander)
		if err != nil {
			return nil, false, err
		}
		ownerID = &actor.ID
		if ok {
			ownerID = &commander
		}
	}
	from := now
	if inc.ResolvedAt != nil {
		from = *inc.ResolvedAt
	}
	due := retrospectiveDue(sev, from)
	retro := &models.Retrospective{IncidentID: inc.ID, OwnerID: ownerID, Status: models.RetrospectiveDraft, DueAt: &due,
		ContributingFactors: []models.ContributingFactor{}, Version: 1}
	retro.ScheduleNudge(now)
	res, err := tx.NewInsert().Model(retro).On("CONFLICT (incident_id) DO NOTHING").Returning("id, created_at, updated_at").Exec(ctx)
	if err != nil {
		return nil, false, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		existing := new(models.Retrospective)
		err := tx.NewSelect().Model(existing).Where("incident_id = ?", inc.ID).Scan(ctx)
		return existing, false, err
	}
	_, err = incident.RecordEvent(ctx, tx, inc, actor, models.EventRetrospectiveCreated, now,
		fmt.Sprintf("Retrospective opened, due %s", due.Format("2006-01-02")),
		map[string]any{"retrospectiveId": retro.ID, "ownerId": *ownerID, "dueAt": due})
	return retro, true, err
}

// Lifecycle opens the retrospective a resolved incident's severity
// requires and holds closing such an incident until it is published.
type Lifecycle struct{}

var _ incident.Lifecycle = Lifecycle{}

// Resolved opens the retrospective a resolved incident's severity requires.
func (Lifecycle) Resolved(ctx context.Context, tx bun.Tx, inc *models.Incident, actor *models.User, now time.Time) error {
	sev, err := severityOf(ctx, tx, inc)
	if err != nil || !sev.RetrospectiveRequired {
		return err
	}
	_, _, err = openRetrospective(ctx, tx, inc, actor, sev, nil, now)
	return err
}

// Closing refuses to close an incident whose severity requires a
// retrospective until it is published.
func (Lifecycle) Closing(ctx context.Context, tx bun.Tx, inc *models.Incident) error {
	sev, err := severityOf(ctx, tx, inc)
	if err != nil || !sev.RetrospectiveRequired {
		return err
	}
	var status []models.RetrospectiveStatus
	if err := tx.NewSelect().Model((*models.Retrospective)(nil)).Column("status").
		Where("incident_id = ?", inc.ID).Scan(ctx, &status); err != nil {
		return err
	}
	if len(status) == 0 || status[0] != models.RetrospectivePublished {
		return &apperr.Error{Code: apperr.InvalidTransition, Field: "incidentId",
			Message: sev.Name + " incidents close once their retrospective is published"}
	}
	return nil
}

func severityOf(ctx context.Context, db bun.IDB, inc *models.Incident) (*models.Severity, error) {
	sev := new(models.Severity)
	err := db.NewSelect().Model(sev).Where("id = ?", inc.SeverityID).Scan(ctx)
	return sev, err
}

// Service runs the retrospective use cases; every change goes through the
// incident's lock (incident.OnLocked) and lands on its timeline.
type Service struct {
	db        *bun.DB
	incidents *incident.Service
}

func NewService(db *bun.DB, incidents *incident.Service) *Service {
	return &Service{db: db, incidents: incidents}
}

// Create opens a retrospective for any incident on demand
// (RESPONDER); one whose severity requires it opens on resolution.
func (s *Service) Create(ctx context.Context, actor *models.User, incidentID int64, ownerID *int64) (*models.Retrospective, error) {
	if err := actor.RequireRole(models.RoleResponder); err != nil {
		return nil, err
	}
	var retro *models.Retrospective
	err := s.incidents.OnLocked(ctx, actor, incidentID, incident.Locked{}, func(ctx context.Context, tx bun.Tx, inc *models.Incident) error {
		if inc.Status == models.StatusCanceled {
			return &apperr.Error{Code: apperr.InvalidTransition, Field: "incidentId", Message: "a false alarm has no retrospective"}
		}
		if ownerID != nil {
			if _, err := incident.OwnerFor(ctx, tx, inc, *ownerID); err != nil {
				return err
			}
		}
		sev, err := severityOf(ctx, tx, inc)
		if err != nil {
			return err
		}
		var created bool
		if retro, created, err = openRetrospective(ctx, tx, inc, actor, sev, ownerID, s.incidents.Now()); err == nil && !created {
			return &apperr.Error{Code: apperr.Conflict, Field: "incidentId", Message: "the incident already has a retrospective"}
		}
		return err
	})
	return retro, err
}

// UpdateInput edits a retrospective; nil fields stay.
type UpdateInput struct {
	RetrospectiveID     int64
	ExpectedVersion     *int
	OwnerID             *int64
	Summary             *string
	Impact              *string
	RootCause           *string
	ContributingFactors *[]models.ContributingFactor
	WhatWentWell        *string
	WhatWentPoorly      *string
	LessonsLearned      *string
}

// Update edits a retrospective in any status (RESPONDER).
func (s *Service) Update(ctx context.Context, actor *models.User, in UpdateInput) (*models.Retrospective, error) {
	if err := actor.RequireRole(models.RoleResponder); err != nil {
		return nil, err
	}
	texts := []struct {
		field string
		in    *string
	}{{"summary", in.Summary}, {"impact", in.Impact}, {"rootCause", in.RootCause},
		{"whatWentWell", in.WhatWentWell}, {"whatWentPoorly", in.WhatWentPoorly}, {"lessonsLearned", in.LessonsLearned}}
	for _, t := range texts {
		if t.in == nil {
			continue
		}
		*t.in = strings.TrimSpace(*t.in)
		if n := utf8.RuneCountInString(*t.in); n > models.MaxRetrospectiveText {
			return nil, apperr.BadInput(t.field, "%s must be at most %d characters, got %d", t.field, models.MaxRetrospectiveText, n)
		}
	}
	return s.update(ctx, actor, in.RetrospectiveID, in.ExpectedVersion,
		func(ctx context.Context, tx bun.Tx, inc *models.Incident, r *models.Retrospective) error {
			var changed []string
			set := func(field string, dst *string, v *string) {
				if v != nil && *v != *dst {
					*dst = *v
					changed = append(changed, field)
				}
			}
			set("summary", &r.Summary, in.Summary)
			set("impact", &r.Impact, in.Impact)
			set("rootCause", &r.RootCause, in.RootCause)
			set("whatWentWell", &r.WhatWentWell, in.WhatWentWell)
			set("whatWentPoorly", &r.WhatWentPoorly, in.WhatWentPoorly)
			set("lessonsLearned", &r.LessonsLearned, in.LessonsLearned)
			if in.OwnerID != nil && (r.OwnerID == nil || *r.OwnerID != *in.OwnerID) {
				if _, err := incident.OwnerFor(ctx, tx, inc, *in.OwnerID); err != nil {
					return err
				}
				r.OwnerID = in.OwnerID
				r.ScheduleNudge(s.incidents.Now())
				changed = append(changed, "owner")
			}
			if in.ContributingFactors != nil {
				factors, err := checkFactors(ctx, tx, *in.ContributingFactors)
				if err != nil {
					return err
				}
				if !slices.Equal(factors, r.ContributingFactors) {
					r.ContributingFactors = factors
					changed = append(changed, "contributingFactors")
				}
			}
			if len(changed) == 0 {
				return incident.ErrUnchanged
			}
			_, err := incident.RecordEvent(ctx, tx, inc, actor, models.EventRetrospectiveUpdated, s.incidents.Now(),
				fmt.Sprintf("%s edited the retrospective (%s)", actor.Name, strings.Join(changed, ", ")),
				map[string]any{"retrospectiveId": r.ID, "fields": changed})
			return err
		})
}

// Move submits a retrospective for review, returns it to
// draft, or publishes it (RESPONDER).
func (s *Service) Move(ctx context.Context, actor *models.User, id int64, to models.RetrospectiveStatus) (*models.Retrospective, error) {
	if err := actor.RequireRole(models.RoleResponder); err != nil {
		return nil, err
	}
	return s.update(ctx, actor, id, nil, func(ctx context.Context, tx bun.Tx, inc *models.Incident, r *models.Retrospective) error {
		from, now := r.Status, s.incidents.Now()
		if err := r.MoveTo(to, now); err != nil {
			return err
		}
		kind, message := models.EventRetrospectiveStatus, fmt.Sprintf("%s moved the retrospective from %s to %s", actor.Name, from, to)
		if to == models.RetrospectivePublished {
			kind, message = models.EventRetrospectivePublished, actor.Name+" published the retrospective"
		}
		_, err := incident.RecordEvent(ctx, tx, inc, actor, kind, now, message,
			map[string]any{"retrospectiveId": r.ID, "from": from, "to": to})
		return err
	})
}

// update runs change on the retrospective inside its locked incident and
// saves it with a new version; no change answers with it as it is.
func (s *Service) update(ctx context.Context, actor *models.User, id int64, expectedVersion *int,
	change func(context.Context, bun.Tx, *models.Incident, *models.Retrospective) error,
) (*models.Retrospective, error) {
	r, err := incident.UpdatePart(ctx, s.incidents, actor, "retrospective", id, expectedVersion, change)
	if errors.Is(err, incident.ErrUnchanged) {
		return s.Get(ctx, actor, id)
	}
	return r, err
}

// checkFactors trims descriptions and refuses unknown categories.
func checkFactors(ctx context.Context, db bun.IDB, factors []models.ContributingFactor) ([]models.ContributingFactor, error) {
	out := make([]models.ContributingFactor, 0, len(factors))
	var ids []int64
	for _, f := range factors {
		f.Description = strings.TrimSpace(f.Description)
		if n := utf8.RuneCountInString(f.Description); n > models.MaxNoteLength {
			return nil, apperr.BadInput("contributingFactors", "a description must be at most %d characters", models.MaxNoteLength)
		}
		out = append(out, f)
		ids = append(ids, f.CategoryID)
	}
	if len(ids) == 0 {
		return out, nil
	}
	var found []int64
	if err := db.NewSelect().Model((*models.ContributingFactorCategory)(nil)).Column("id").
		Where("id IN (?)", bun.In(ids)).Where("archived_at IS NULL").Scan(ctx, &found); err != nil {
		return nil, err
	}
	for _, id := range ids {
		if !slices.Contains(found, id) {
			return nil, apperr.BadInput("contributingFactors", "no such contributing factor category: %d", id)
		}
	}
	return out, nil
}

// Get returns a retrospective the viewer may see.
func (s *Service) Get(ctx context.Context, viewer *models.User, id int64) (*models.Retrospective, error) {
	r := new(models.Retrospective)
	err := s.db.NewSelect().Model(r).Where("r.id = ?", id).
		Where("r.incident_id IN (?)", s.incidents.VisibleIncidentIDs(viewer)).Scan(ctx)
	if database.IsNoRows(err) {
		return nil, apperr.NotFoundf("retrospective not found")
	}
	return r, err
}

// Of loads the retrospectives of several incidents the caller
// has already been allowed to see.
func (s *Service) Of(ctx context.Context, incidentIDs []int64) (map[int64]*models.Retrospective, error) {
	return database.Keyed(ctx, s.db.NewSelect().Where("incident_id IN (?)", bun.In(incidentIDs)),
		func(r *models.Retrospective) int64 { return r.IncidentID })
}

// Filter narrows the retrospectives list.
type Filter struct {
	Statuses []models.RetrospectiveStatus
	OwnerID  *int64
}

// List lists retrospectives the viewer may see, newest first.
func (s *Service) List(ctx context.Context, viewer *models.User, f Filter, w database.Window) (database.Page[*models.Retrospective], error) {
	return database.NewestFirst[*models.Retrospective](ctx, s.query(viewer, f), "r.id", w)
}

// Count counts what List lists.
func (s *Service) Count(ctx context.Context, viewer *models.User, f Filter) (int64, error) {
	n, err := s.query(viewer, f).Model((*models.Retrospective)(nil)).Count(ctx)
	return int64(n), err
}

func (s *Service) query(viewer *models.User, f Filter) *bun.SelectQuery {
	q := s.db.NewSelect().
		Where("r.incident_id IN (?)", s.incidents.VisibleIncidentIDs(viewer))
	if len(f.Statuses) > 0 {
		q.Where("r.status IN (?)", bun.In(f.Statuses))
	}
	if f.OwnerID != nil {
		q.Where("r.owner_id = ?", *f.OwnerID)
	}
	return q
}
