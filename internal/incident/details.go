package incident

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
	"firebreak/internal/catalog"
	"firebreak/internal/idempotency"
	"firebreak/models"
)

// UpdateDetailsInput edits an incident's descriptive fields; nil fields stay.
type UpdateDetailsInput struct {
	IncidentID      int64
	ExpectedVersion *int
	Title           *string
	Summary         *string
	ProductIDs      *[]int64
	DetectedAt      *time.Time
}

// UpdateDetails edits title, summary, products and detection time.
func (s *Service) UpdateDetails(ctx context.Context, actor *models.User, in UpdateDetailsInput) (*models.Incident, error) {
	if err := actor.RequireRole(models.RoleResponder); err != nil {
		return nil, err
	}
	if in.Title != nil {
		t, err := models.NormalizeTitle(*in.Title)
		if err != nil {
			return nil, err
		}
		in.Title = &t
	}
	if in.Summary != nil {
		sum, err := models.NormalizeSummary(*in.Summary)
		if err != nil {
			return nil, err
		}
		in.Summary = &sum
	}
	now := s.now()
	if in.DetectedAt != nil {
		if err := models.CheckDetectedAt(*in.DetectedAt, now); err != nil {
			return nil, err
		}
	}
	return s.Mutate(ctx, actor, in.IncidentID, in.ExpectedVersion, func(ctx context.Context, tx bun.Tx, inc *models.Incident) error {
		changes := map[string]any{}
		if in.Title != nil && *in.Title != inc.Title {
			changes["title"] = map[string]any{"from": inc.Title, "to": *in.Title}
			inc.Title = *in.Title
		}
		if in.Summary != nil && *in.Summary != inc.Summary {
			changes["summary"] = map[string]any{"from": inc.Summary, "to": *in.Summary}
			inc.Summary = *in.Summary
		}
		if in.DetectedAt != nil && !in.DetectedAt.Equal(inc.DetectedAt) {
			if in.DetectedAt.After(inc.DeclaredAt) {
				return apperr.BadInput("detectedAt", "detectedAt must not be after the incident was declared")
			}
			changes["detectedAt"] = map[string]any{"from": inc.DetectedAt, "to": in.DetectedAt.UTC()}
			inc.DetectedAt = in.DetectedAt.UTC()
		}
		if len(changes) > 0 {
			_, err := tx.NewUpdate().Model(inc).Column("title", "summary", "detected_at").WherePK().
				Set("search_vector = "+headlineVector+` ||
					coalesce((SELECT to_tsvector('english', string_agg(u.body, ' ')) FROM incident_updates u WHERE u.incident_id = ?), ''::tsvector)`,
					inc.Title, inc.Summary, inc.ID).Exec(ctx)
			if err != nil {
				return err
			}
			if _, err := RecordEvent(ctx, tx, inc, actor, models.EventDetailsChanged, now,
				actor.Name+" edited the incident", changes); err != nil {
				return err
			}
		}
		if in.ProductIDs != nil {
			if err := setProducts(ctx, tx, inc, actor, dedupe(*in.ProductIDs), now); err != nil {
				return err
			}
		}
		return nil
	})
}

// setProducts replaces the incident's affected products.
func setProducts(ctx context.Context, tx bun.Tx, inc *models.Incident, actor *models.User, ids []int64, now time.Time) error {
	if err := catalog.CheckProducts(ctx, tx, ids); err != nil {
		return err
	}
	var current []int64
	if err := tx.NewSelect().Model((*models.IncidentProduct)(nil)).Column("product_id").
		Where("incident_id = ?", inc.ID).Scan(ctx, &current); err != nil {
		return err
	}
	var added, removed []int64
	for _, id := range ids {
		if !slices.Contains(current, id) {
			added = append(added, id)
		}
	}
	for _, id := range current {
		if !slices.Contains(ids, id) {
			removed = append(removed, id)
		}
	}
	if len(added) == 0 && len(removed) == 0 {
		return nil
	}
	if len(removed) > 0 {
		if _, err := tx.NewDelete().Model((*models.IncidentProduct)(nil)).
			Where("incident_id = ? AND product_id IN (?)", inc.ID, bun.In(removed)).Exec(ctx); err != nil {
			return err
		}
	}
	if err := linkProducts(ctx, tx, inc.ID, added); err != nil {
		return err
	}
	_, err := RecordEvent(ctx, tx, inc, actor, models.EventProductsChanged, now,
		fmt.Sprintf("%s changed the affected products (%d added, %d removed)", actor.Name, len(added), len(removed)),
		map[string]any{"added": added, "removed": removed})
	return err
}

// NoteInput is a free-form timeline entry, possibly about the past.
type NoteInput struct {
	IncidentID     int64
	Message        string
	OccurredAt     *time.Time
	IdempotencyKey string
}

// AddNote appends a note to the timeline. A note may be backfilled with an
// earlier occurredAt; the timeline orders by occurredAt, then sequence.
func (s *Service) AddNote(ctx context.Context, actor *models.User, in NoteInput) (*models.TimelineEvent, *models.Incident, error) {
	asked := in
	if err := actor.RequireRole(models.RoleResponder); err != nil {
		return nil, nil, err
	}
	message, err := models.NormalizeNote(in.Message)
	if err != nil {
		return nil, nil, err
	}
	now := s.now()
	occurredAt := now
	if in.OccurredAt != nil {
		if err := models.CheckNotInFuture("occurredAt", *in.OccurredAt, now); err != nil {
			return nil, nil, err
		}
		occurredAt = in.OccurredAt.UTC()
	}
	var ev *models.TimelineEvent
	inc, err := s.Mutate(ctx, actor, in.IncidentID, nil, func(ctx context.Context, tx bun.Tx, inc *models.Incident) error {
		if err := idempotency.Claim(ctx, tx, actor, in.IdempotencyKey, "addTimelineNote", asked); err != nil {
			return err
		}
		var err error
		data := map[string]any{}
		if in.OccurredAt != nil {
			data["backfilled"] = true
		}
		if ev, err = RecordEvent(ctx, tx, inc, actor, models.EventNote, occurredAt, message, data); err != nil {
			return err
		}
		return idempotency.Record(ctx, tx, actor, in.IdempotencyKey, ev.ID)
	})
	if resultID, ok := idempotency.Replayed(err); ok {
		if ev, err = s.GetEvent(ctx, actor, resultID); err != nil {
			return nil, nil, err
		}
		inc, err = s.Get(ctx, actor, ev.IncidentID)
		return ev, inc, err
	}
	if err != nil {
		return nil, nil, err
	}
	return ev, inc, nil
}

// linkProducts marks products as affected by an incident.
func linkProducts(ctx context.Context, tx bun.Tx, incidentID int64, productIDs []int64) error {
	if len(productIDs) == 0 {
		return nil
	}
	links := make([]models.IncidentProduct, len(productIDs))
	for i, id := range productIDs {
		links[i] = models.IncidentProduct{IncidentID: incidentID, ProductID: id}
	}
	_, err := tx.NewInsert().Model(&links).Exec(ctx)
	return err
}
