// Package incident holds the incident use cases: declaring, posting updates,
// moving status and severity, and reading incidents back. Every mutation is
// one transaction containing the change and its timeline events.
package incident

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
	"firebreak/internal/catalog"
	"firebreak/internal/database"
	"firebreak/internal/idempotency"
	"firebreak/models"
)

// Service runs incident use cases against PostgreSQL.
type Service struct {
	db        *bun.DB
	now       func() time.Time
	lifecycle Lifecycle
	// cachedSeverities, when set, answers severity lookups from the
	// catalog's cache when it holds them, instead of a statement in the
	// change's transaction.
	cachedSeverities func() ([]*models.Severity, bool)
}

// NewService returns the incident service; lifecycle (nil: none) acts on
// status moves for the packages that hang off an incident.
func NewService(db *bun.DB, lifecycle Lifecycle) *Service {
	if lifecycle == nil {
		lifecycle = noLifecycle{}
	}
	return &Service{db: db, lifecycle: lifecycle, now: func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }}
}

// WithClock returns the service reading the time from now instead of the
// system clock: tests move time forward to make updates fall due.
func (s *Service) WithClock(now func() time.Time) *Service {
	if now == nil {
		return s
	}
	copied := *s
	copied.now = func() time.Time { return now().UTC().Truncate(time.Microsecond) }
	return &copied
}

// WithSeverities makes the service look severities up in cached (the
// catalog's cache) before reading them in the change's transaction.
func (s *Service) WithSeverities(cached func() ([]*models.Severity, bool)) *Service {
	copied := *s
	copied.cachedSeverities = cached
	return &copied
}

// severity returns the severity with the given id: from the cache, or
// read in tx — never through the pool, whose connections may all be held by
// transactions waiting for this one's incident lock.
func (s *Service) severity(ctx context.Context, tx bun.Tx, id int64) (*models.Severity, error) {
	if s.cachedSeverities != nil {
		if all, ok := s.cachedSeverities(); ok {
			for _, sev := range all {
				if sev.ID == id {
					return sev, nil
				}
			}
		}
	}
	sev := new(models.Severity)
	err := tx.NewSelect().Model(sev).Where("id = ?", id).Scan(ctx)
	return sev, err
}

// Now is the service's clock, which the packages that hang off an incident
// share so that tests move one clock.
func (s *Service) Now() time.Time { return s.now() }

// conn is what the service runs statements on: the caller's transaction
// when its context carries one (so a read sees what that transaction
// wrote, and never waits for a second connection), else the pool.
func (s *Service) conn(ctx context.Context) bun.IDB { return database.Handle(ctx, s.db) }

// DeclareInput is what a responder knows when declaring an incident.
type DeclareInput struct {
	Title         string
	Summary       string
	SeverityLevel int
	ProductIDs    []int64
	DetectedAt    *time.Time
	Visibility    models.Visibility
	// CommanderID defaults to the declarer.
	CommanderID    *int64
	IdempotencyKey string
}

// headlineVector indexes a title (weighted above) and a summary for search;
// update bodies are appended to it as they are posted.
const headlineVector = "setweight(to_tsvector('english', ?), 'A') || setweight(to_tsvector('english', ?), 'B')"

// maxHandleAttempts bounds retries when two declarations pick the same handle.
const maxHandleAttempts = 5

// Declare opens a new incident in INVESTIGATING.
func (s *Service) Declare(ctx context.Context, actor *models.User, in DeclareInput) (*models.Incident, error) {
	if err := actor.RequireRole(models.RoleResponder); err != nil {
		return nil, err
	}
	title, err := models.NormalizeTitle(in.Title)
	if err != nil {
		return nil, err
	}
	summary, err := models.NormalizeSummary(in.Summary)
	if err != nil {
		return nil, err
	}
	now := s.now()
	detectedAt := now
	if in.DetectedAt != nil {
		if err := models.CheckDetectedAt(*in.DetectedAt, now); err != nil {
			return nil, err
		}
		detectedAt = in.DetectedAt.UTC()
	}
	if in.Visibility == "" {
		in.Visibility = models.VisibilityPublic
	}
	if !in.Visibility.IsValid() {
		return nil, apperr.BadInput("visibility", "unknown visibility %q", in.Visibility)
	}
	// What the client asked is the key's fingerprint; detectedAt defaults
	// to now, which differs on every retry.
	asked := in
	in.Title, in.Summary, in.DetectedAt, in.ProductIDs = title, summary, &detectedAt, dedupe(in.ProductIDs)

	for attempt := 1; ; attempt++ {
		inc, err := s.declareOnce(ctx, actor, in, asked, now)
		if constraint, ok := database.UniqueViolation(err); ok && constraint == "incidents_handle_key" && attempt < maxHandleAttempts {
			continue // another declaration took the same handle a moment ago
		}
		if resultID, ok := idempotency.Replayed(err); ok {
			return s.Get(ctx, actor, resultID)
		}
		return inc, err
	}
}

func (s *Service) declareOnce(ctx context.Context, actor *models.User, in, asked DeclareInput, now time.Time) (*models.Incident, error) {
	inc := &models.Incident{
		Title:       in.Title,
		Summary:     in.Summary,
		Status:      models.StatusInvestigating,
		Visibility:  in.Visibility,
		CreatedByID: actor.ID,
		DetectedAt:  *in.DetectedAt,
		DeclaredAt:  now,
		Version:     1,
	}
	err := database.RunInTx(ctx, s.db, func(ctx context.Context, tx bun.Tx) error {
		if err := idempotency.Claim(ctx, tx, actor, in.IdempotencyKey, "declareIncident", asked); err != nil {
			return err
		}
		sev, err := catalog.SeverityByLevel(ctx, tx, in.SeverityLevel, "severityLevel")
		if err != nil {
			return err
		}
		commander := actor
		if in.CommanderID != nil && *in.CommanderID != actor.ID {
			if commander, err = assignableUser(ctx, tx, *in.CommanderID, "commanderId"); err != nil {
				return err
			}
		}
		inc.SeverityID = sev.ID
		inc.ExpectUpdate(now, sev.UpdateInterval())
		if err := catalog.CheckProducts(ctx, tx, in.ProductIDs); err != nil {
			return err
		}
		if inc.Handle, err = pickHandle(ctx, tx); err != nil {
			return err
		}
		if _, err := tx.NewInsert().Model(inc).
			Value("search_vector", headlineVector, inc.Title, inc.Summary).
			Returning("id, number, created_at, updated_at").Exec(ctx); err != nil {
			return err
		}
		if err := idempotency.Record(ctx, tx, actor, in.IdempotencyKey, inc.ID); err != nil {
			return err
		}
		if err := linkProducts(ctx, tx, inc.ID, in.ProductIDs); err != nil {
			return err
		}
		_, err = RecordEvent(ctx, tx, inc, actor, models.EventDeclared, now,
			fmt.Sprintf("%s declared %s: %s", actor.Name, sev.Name, inc.Title),
			map[string]any{"title": inc.Title, "severity": sev.Name, "status": inc.Status, "visibility": inc.Visibility})
		if err != nil {
			return err
		}
		if err := assignRole(ctx, tx, inc, actor, models.RoleCommander, commander, now); err != nil {
			return err
		}
		_, err = tx.NewUpdate().Model(inc).Column("last_event_sequence", "acknowledged_at").WherePK().Exec(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	return inc, nil
}

// pickHandle returns an adjective-animal handle no incident uses yet. Once
// most pairs are taken it appends a number.
func pickHandle(ctx context.Context, tx bun.Tx) (string, error) {
	for round := 0; round < 4; round++ {
		candidates := make([]string, 8)
		for i := range candidates {
			candidates[i] = models.RandomHandle()
			if round > 1 {
				candidates[i] += "-" + strconv.Itoa(2+rand.IntN(9998))
			}
		}
		var taken []string
		err := tx.NewSelect().Model((*models.Incident)(nil)).Column("handle").
			Where("handle IN (?)", bun.In(candidates)).Scan(ctx, &taken)
		if err != nil {
			return "", err
		}
		for _, c := range candidates {
			if !slices.Contains(taken, c) {
				return c, nil
			}
		}
	}
	return "", fmt.Errorf("no free incident handle after several attempts")
}

// dedupe drops repeated ids (an incident lists each product once).
func dedupe(ids []int64) []int64 {
	var out []int64
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}
