// Package followup keeps an incident's follow-ups (action items): what must
// be done so it does not happen again, by whom and by when.
package followup

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"firebreak/internal/idempotency"
	"firebreak/internal/incident"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
	"firebreak/internal/database"
	"firebreak/models"
)

const (
	maxActionItemTitle       = 200
	maxActionItemDescription = 10_000
	maxExternalURL           = 2_000
)

// Service runs the follow-up use cases; every change goes through the
// incident's lock (incident.OnLocked) and lands on its timeline.
type Service struct {
	db        *bun.DB
	incidents *incident.Service
}

func NewService(db *bun.DB, incidents *incident.Service) *Service {
	return &Service{db: db, incidents: incidents}
}

// Input creates or edits a follow-up; nil fields of an edit stay.
type Input struct {
	Title       *string
	Description *string
	OwnerID     *int64
	DueAt       *time.Time
	Priority    *models.Priority
	Status      *models.ActionItemStatus
	ExternalURL *string
}

// normalize trims and checks the input's fields.
func (in *Input) normalize() error {
	if in.Title != nil {
		t := strings.TrimSpace(*in.Title)
		if n := utf8.RuneCountInString(t); n == 0 || n > maxActionItemTitle {
			return apperr.BadInput("title", "title must be 1 to %d characters", maxActionItemTitle)
		}
		in.Title = &t
	}
	if in.Description != nil {
		d := strings.TrimSpace(*in.Description)
		if utf8.RuneCountInString(d) > maxActionItemDescription {
			return apperr.BadInput("description", "description must be at most %d characters", maxActionItemDescription)
		}
		in.Description = &d
	}
	if in.Priority != nil && !in.Priority.IsValid() {
		return apperr.BadInput("priority", "unknown priority %q", *in.Priority)
	}
	if in.Status != nil && !in.Status.IsValid() {
		return apperr.BadInput("status", "unknown status %q", *in.Status)
	}
	if in.ExternalURL != nil {
		raw := strings.TrimSpace(*in.ExternalURL)
		if raw != "" {
			u, err := url.Parse(raw)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(raw) > maxExternalURL {
				return apperr.BadInput("externalUrl", "externalUrl must be an http or https URL")
			}
		}
		in.ExternalURL = &raw
	}
	return nil
}

// apply copies the input onto the item at now.
func (in *Input) apply(a *models.ActionItem, now time.Time) []string {
	var changed []string
	if in.Title != nil && *in.Title != a.Title {
		a.Title, changed = *in.Title, append(changed, "title")
	}
	if in.Description != nil && *in.Description != a.Description {
		a.Description, changed = *in.Description, append(changed, "description")
	}
	if in.OwnerID != nil && (a.OwnerID == nil || *a.OwnerID != *in.OwnerID) {
		a.OwnerID, changed = in.OwnerID, append(changed, "owner")
	}
	if in.DueAt != nil && (a.DueAt == nil || !a.DueAt.Equal(*in.DueAt)) {
		due := in.DueAt.UTC()
		a.DueAt, changed = &due, append(changed, "dueAt")
	}
	if in.Priority != nil && *in.Priority != a.Priority {
		a.Priority, changed = *in.Priority, append(changed, "priority")
	}
	if in.ExternalURL != nil && (a.ExternalURL == nil || *a.ExternalURL != *in.ExternalURL) {
		a.ExternalURL, changed = in.ExternalURL, append(changed, "externalUrl")
		if *in.ExternalURL == "" {
			a.ExternalURL = nil
		}
	}
	if in.Status != nil && *in.Status != a.Status {
		a.SetStatus(*in.Status, now)
		changed = append(changed, "status")
	} else {
		a.ScheduleNudge(now)
	}
	return changed
}

// Create adds a follow-up to an incident (RESPONDER), linked to
// its retrospective when it has one.
func (s *Service) Create(ctx context.Context, actor *models.User, incidentID int64, in Input, idempotencyKey string) (*models.ActionItem, error) {
	asked := struct {
		IncidentID int64
		Input      Input
	}{incidentID, in}
	if err := actor.RequireRole(models.RoleResponder); err != nil {
		return nil, err
	}
	if in.Title == nil {
		return nil, apperr.BadInput("title", "title must not be empty")
	}
	if err := in.normalize(); err != nil {
		return nil, err
	}
	item := &models.ActionItem{IncidentID: incidentID, Status: models.ActionItemOpen, Priority: models.PriorityP3,
		CreatedByID: actor.ID, Version: 1}
	err := s.incidents.OnLocked(ctx, actor, incidentID, incident.Locked{}, func(ctx context.Context, tx bun.Tx, inc *models.Incident) error {
		if err := idempotency.Claim(ctx, tx, actor, idempotencyKey, "createActionItem", asked); err != nil {
			return err
		}
		if in.OwnerID != nil {
			if _, err := incident.OwnerFor(ctx, tx, inc, *in.OwnerID); err != nil {
				return err
			}
		}
		now := s.incidents.Now()
		in.apply(item, now)
		var retro []int64
		if err := tx.NewSelect().Model((*models.Retrospective)(nil)).Column("id").Where("incident_id = ?", inc.ID).Scan(ctx, &retro); err != nil {
			return err
		}
		if len(retro) > 0 {
			item.RetrospectiveID = &retro[0]
		}
		if _, err := tx.NewInsert().Model(item).Returning("id, created_at, updated_at").Exec(ctx); err != nil {
			return err
		}
		if err := idempotency.Record(ctx, tx, actor, idempotencyKey, item.ID); err != nil {
			return err
		}
		_, err := incident.RecordEvent(ctx, tx, inc, actor, models.EventActionItemCreated, now,
			fmt.Sprintf("%s added a follow-up: %s", actor.Name, item.Title),
			map[string]any{"actionItemId": item.ID, "title": item.Title, "priority": item.Priority, "dueAt": item.DueAt})
		return err
	})
	if resultID, ok := idempotency.Replayed(err); ok {
		return s.Get(ctx, actor, resultID)
	}
	return item, err
}

// Update edits a follow-up (RESPONDER).
func (s *Service) Update(ctx context.Context, actor *models.User, id int64, expectedVersion *int, in Input) (*models.ActionItem, error) {
	if err := actor.RequireRole(models.RoleResponder); err != nil {
		return nil, err
	}
	if err := in.normalize(); err != nil {
		return nil, err
	}
	item, err := incident.UpdatePart(ctx, s.incidents, actor, "action item", id, expectedVersion,
		func(ctx context.Context, tx bun.Tx, inc *models.Incident, item *models.ActionItem) error {
			if in.OwnerID != nil {
				if _, err := incident.OwnerFor(ctx, tx, inc, *in.OwnerID); err != nil {
					return err
				}
			}
			from := item.Status
			now := s.incidents.Now()
			changed := in.apply(item, now)
			if len(changed) == 0 {
				return incident.ErrUnchanged
			}
			message := fmt.Sprintf("%s updated the follow-up %q (%s)", actor.Name, item.Title, strings.Join(changed, ", "))
			if from != item.Status {
				message = fmt.Sprintf("%s moved the follow-up %q from %s to %s", actor.Name, item.Title, from, item.Status)
			}
			_, err := incident.RecordEvent(ctx, tx, inc, actor, models.EventActionItemUpdated, now, message,
				map[string]any{"actionItemId": item.ID, "fields": changed, "status": item.Status})
			return err
		})
	if errors.Is(err, incident.ErrUnchanged) {
		return s.Get(ctx, actor, id)
	}
	return item, err
}

// Get returns a follow-up the viewer may see.
func (s *Service) Get(ctx context.Context, viewer *models.User, id int64) (*models.ActionItem, error) {
	item := new(models.ActionItem)
	err := s.db.NewSelect().Model(item).Where("ai.id = ?", id).
		Where("ai.incident_id IN (?)", s.incidents.VisibleIncidentIDs(viewer)).Scan(ctx)
	if database.IsNoRows(err) {
		return nil, apperr.NotFoundf("action item not found")
	}
	return item, err
}

// Filter narrows the follow-ups list.
type Filter struct {
	OwnerID    *int64
	Statuses   []models.ActionItemStatus
	IncidentID *int64
	// Overdue: past due and not finished.
	Overdue bool
}

// List lists follow-ups the viewer may see, newest first.
func (s *Service) List(ctx context.Context, viewer *models.User, f Filter, w database.Window) (database.Page[*models.ActionItem], error) {
	return database.NewestFirst[*models.ActionItem](ctx, s.query(viewer, f), "ai.id", w)
}

// Count counts what List lists.
func (s *Service) Count(ctx context.Context, viewer *models.User, f Filter) (int64, error) {
	n, err := s.query(viewer, f).Model((*models.ActionItem)(nil)).Count(ctx)
	return int64(n), err
}

func (s *Service) query(viewer *models.User, f Filter) *bun.SelectQuery {
	q := s.db.NewSelect().
		Where("ai.incident_id IN (?)", s.incidents.VisibleIncidentIDs(viewer))
	if f.OwnerID != nil {
		q.Where("ai.owner_id = ?", *f.OwnerID)
	}
	if len(f.Statuses) > 0 {
		q.Where("ai.status IN (?)", bun.In(f.Statuses))
	}
	if f.IncidentID != nil {
		q.Where("ai.incident_id = ?", *f.IncidentID)
	}
	if f.Overdue {
		q.Where("ai.due_at < ?", s.incidents.Now()).Where("ai.status IN (?)", bun.In([]models.ActionItemStatus{models.ActionItemOpen, models.ActionItemInProgress}))
	}
	return q
}

// Of loads the follow-ups of several incidents the caller has
// already been allowed to see, oldest first.
func (s *Service) Of(ctx context.Context, incidentIDs []int64) (map[int64][]*models.ActionItem, error) {
	return database.Grouped(ctx, s.db.NewSelect().Where("incident_id IN (?)", bun.In(incidentIDs)).Order("id"), incidentIDs,
		func(a *models.ActionItem) int64 { return a.IncidentID })
}
