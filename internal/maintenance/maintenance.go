// Package maintenance keeps scheduled maintenance windows: planned work on
// public components, announced on the status page with its own updates.
package maintenance

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
	"firebreak/internal/audit"
	"firebreak/internal/catalog"
	"firebreak/internal/database"
	"firebreak/models"
)

// Status is where a window is.
type Status string

const (
	Scheduled  Status = "SCHEDULED"
	InProgress Status = "IN_PROGRESS"
	Verifying  Status = "VERIFYING"
	Completed  Status = "COMPLETED"
	Canceled   Status = "CANCELED"
)

// moves are the allowed transitions.
var moves = map[Status][]Status{
	Scheduled:  {InProgress, Canceled},
	InProgress: {Verifying, Completed, Canceled},
	Verifying:  {InProgress, Completed},
}

// Open reports whether the window is still ahead or under way.
func (s Status) Open() bool { return s == Scheduled || s == InProgress || s == Verifying }

// Maintenance is one window.
type Maintenance struct {
	bun.BaseModel `bun:"table:maintenances,alias:m"`

	ID             int64      `bun:"id,pk,autoincrement"`
	Title          string     `bun:"title"`
	Status         Status     `bun:"status"`
	ScheduledFor   time.Time  `bun:"scheduled_for"`
	ScheduledUntil time.Time  `bun:"scheduled_until"`
	StartedAt      *time.Time `bun:"started_at"`
	CompletedAt    *time.Time `bun:"completed_at"`
	CreatedByID    int64      `bun:"created_by_id"`
	Version        int        `bun:"version"`
	CreatedAt      time.Time  `bun:"created_at,nullzero,default:now()"`
	UpdatedAt      time.Time  `bun:"updated_at,nullzero,default:now()"`
}

// GlobalID is its id in the API.
func (m *Maintenance) GlobalID() string { return models.GlobalID(models.TypeMaintenance, m.ID) }

// Update is one of its announcements.
type Update struct {
	bun.BaseModel `bun:"table:maintenance_updates,alias:mu"`

	ID            int64     `bun:"id,pk,autoincrement"`
	MaintenanceID int64     `bun:"maintenance_id"`
	Status        Status    `bun:"status"`
	Body          string    `bun:"body"`
	AuthorID      int64     `bun:"author_id"`
	CreatedAt     time.Time `bun:"created_at,nullzero,default:now()"`
}

// Service keeps the windows.
type Service struct {
	db  *bun.DB
	now func() time.Time
}

func NewService(db *bun.DB, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{db: db, now: now}
}

// ScheduleInput is a new window.
type ScheduleInput struct {
	Title                        string
	ProductIDs                   []int64
	ScheduledFor, ScheduledUntil time.Time
	// Body is its first announcement (default: a sentence with the window).
	Body string
}

const (
	maxTitle = 200
	maxBody  = 10000
	// maxAhead bounds how far ahead a window may be scheduled.
	maxAhead = 366 * 24 * time.Hour
)

// Schedule announces a window on public components (RESPONDER).
func (s *Service) Schedule(ctx context.Context, actor *models.User, in ScheduleInput) (*Maintenance, error) {
	if err := actor.RequireRole(models.RoleResponder); err != nil {
		return nil, err
	}
	title := strings.TrimSpace(in.Title)
	if n := utf8.RuneCountInString(title); n == 0 || n > maxTitle {
		return nil, apperr.BadInput("title", "title must be 1 to %d characters", maxTitle)
	}
	now := s.now()
	switch {
	case !in.ScheduledUntil.After(in.ScheduledFor):
		return nil, apperr.BadInput("scheduledUntil", "scheduledUntil must be after scheduledFor")
	case in.ScheduledUntil.Before(now):
		return nil, apperr.BadInput("scheduledUntil", "the window is over already")
	case in.ScheduledFor.After(now.Add(maxAhead)):
		return nil, apperr.BadInput("scheduledFor", "a window may be scheduled at most a year ahead")
	case len(in.ProductIDs) == 0:
		return nil, apperr.BadInput("productIds", "name at least one public product the work affects")
	case len(in.ProductIDs) > 100:
		return nil, apperr.BadInput("productIds", "at most 100 products")
	}
	body := strings.TrimSpace(in.Body)
	if body == "" {
		body = fmt.Sprintf("Maintenance is scheduled from %s to %s (UTC).", in.ScheduledFor.UTC().Format("Jan 2 15:04"), in.ScheduledUntil.UTC().Format("Jan 2 15:04"))
	}
	if utf8.RuneCountInString(body) > maxBody {
		return nil, apperr.BadInput("body", "body must be at most %d characters", maxBody)
	}
	ids := slices.Compact(slices.Sorted(slices.Values(in.ProductIDs)))
	m := &Maintenance{Title: title, Status: Scheduled, ScheduledFor: in.ScheduledFor.UTC(), ScheduledUntil: in.ScheduledUntil.UTC(), CreatedByID: actor.ID}
	err := audit.InTx(ctx, s.db, actor, func(ctx context.Context, tx bun.Tx) error {
		var public int
		if err := tx.NewRaw("SELECT count(*) FROM products WHERE id IN (?) AND "+catalog.PublicProductSQL(""), bun.In(ids)).Scan(ctx, &public); err != nil {
			return err
		}
		if public != len(ids) {
			return apperr.BadInput("productIds", "every product must be public (a status page component) and not archived")
		}
		if _, err := tx.NewInsert().Model(m).Returning("*").Exec(ctx); err != nil {
			return err
		}
		for _, id := range ids {
			if _, err := tx.NewRaw("INSERT INTO maintenance_components (maintenance_id, product_id) VALUES (?, ?)", m.ID, id).Exec(ctx); err != nil {
				return err
			}
		}
		_, err := tx.NewInsert().Model(&Update{MaintenanceID: m.ID, Status: Scheduled, Body: body, AuthorID: actor.ID}).Exec(ctx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("schedule maintenance: %w", err)
	}
	return m, nil
}

// defaultBodies announce each move when no words are given.
var defaultBodies = map[Status]string{
	InProgress: "The scheduled maintenance is in progress.",
	Verifying:  "The work is done; we are verifying that everything works.",
	Completed:  "The scheduled maintenance has been completed.",
	Canceled:   "The scheduled maintenance has been canceled.",
}

// Move takes a window to another status with an announcement (RESPONDER).
func (s *Service) Move(ctx context.Context, actor *models.User, id int64, to Status, body string, expectedVersion *int) (*Maintenance, error) {
	if err := actor.RequireRole(models.RoleResponder); err != nil {
		return nil, err
	}
	body = strings.TrimSpace(body)
	if body == "" {
		body = defaultBodies[to]
	}
	if utf8.RuneCountInString(body) > maxBody {
		return nil, apperr.BadInput("body", "body must be at most %d characters", maxBody)
	}
	m := new(Maintenance)
	err := audit.InTx(ctx, s.db, actor, func(ctx context.Context, tx bun.Tx) error {
		err := tx.NewSelect().Model(m).Where("id = ?", id).For("UPDATE").Scan(ctx)
		if database.IsNoRows(err) {
			return apperr.NotFoundf("maintenance not found")
		}
		if err != nil {
			return err
		}
		if expectedVersion != nil && *expectedVersion != m.Version {
			return apperr.New(apperr.Conflict, "the maintenance changed since version %d (it is at %d): reload it", *expectedVersion, m.Version)
		}
		if !slices.Contains(moves[m.Status], to) {
			return &apperr.Error{Code: apperr.InvalidTransition, Field: "maintenanceId", Message: fmt.Sprintf("a %s maintenance cannot become %s", m.Status, to)}
		}
		now := s.now()
		switch to {
		case InProgress:
			if m.StartedAt == nil {
				m.StartedAt = &now
			}
		case Completed, Canceled:
			m.CompletedAt = &now
		}
		m.Status = to
		m.Version++
		if _, err := tx.NewUpdate().Model(m).Column("status", "started_at", "completed_at", "version").Set("updated_at = now()").WherePK().Returning("*").Exec(ctx); err != nil {
			return err
		}
		_, err = tx.NewInsert().Model(&Update{MaintenanceID: m.ID, Status: to, Body: body, AuthorID: actor.ID}).Exec(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// List returns the open windows (and, with finished, the last 100 others),
// soonest first. Everyone may read them: they are public anyway.
func (s *Service) List(ctx context.Context, finished bool) ([]*Maintenance, error) {
	var out []*Maintenance
	q := s.db.NewSelect().Model(&out).OrderExpr("scheduled_for DESC").Limit(100)
	if !finished {
		q = q.Where("status IN (?)", bun.In([]Status{Scheduled, InProgress, Verifying}))
	}
	err := q.Scan(ctx)
	slices.Reverse(out)
	return out, err
}

// Recent returns what the status page shows: open windows, and those
// finished within the last days.
func (s *Service) Recent(ctx context.Context, db bun.IDB, days int) ([]*Maintenance, map[int64][]*Update, map[int64][]int64, error) {
	var ms []*Maintenance
	err := db.NewSelect().Model(&ms).
		Where("status IN (?) OR (status = ? AND completed_at > ?)", bun.In([]Status{Scheduled, InProgress, Verifying}), Completed, s.now().AddDate(0, 0, -days)).
		OrderExpr("scheduled_for DESC").Limit(100).Scan(ctx)
	if err != nil || len(ms) == 0 {
		return ms, nil, nil, err
	}
	ids := make([]int64, len(ms))
	for i, m := range ms {
		ids[i] = m.ID
	}
	updates, err := s.UpdatesOf(ctx, ids)
	if err != nil {
		return nil, nil, nil, err
	}
	products, err := s.ProductsOf(ctx, ids)
	return ms, updates, products, err
}

// UpdatesOf returns the windows' updates, newest first.
func (s *Service) UpdatesOf(ctx context.Context, ids []int64) (map[int64][]*Update, error) {
	var ups []*Update
	if err := s.db.NewSelect().Model(&ups).Where("maintenance_id IN (?)", bun.In(ids)).OrderExpr("created_at DESC, id DESC").Scan(ctx); err != nil {
		return nil, err
	}
	out := map[int64][]*Update{}
	for _, u := range ups {
		out[u.MaintenanceID] = append(out[u.MaintenanceID], u)
	}
	return out, nil
}

// ProductsOf returns the windows' product ids.
func (s *Service) ProductsOf(ctx context.Context, ids []int64) (map[int64][]int64, error) {
	var rows []struct {
		MaintenanceID int64 `bun:"maintenance_id"`
		ProductID     int64 `bun:"product_id"`
	}
	if err := s.db.NewSelect().Table("maintenance_components").Column("maintenance_id", "product_id").Where("maintenance_id IN (?)", bun.In(ids)).Scan(ctx, &rows); err != nil {
		return nil, err
	}
	out := map[int64][]int64{}
	for _, r := range rows {
		out[r.MaintenanceID] = append(out[r.MaintenanceID], r.ProductID)
	}
	return out, nil
}
