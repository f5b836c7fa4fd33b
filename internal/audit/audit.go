// Package audit reads the audit log: every change to settings and people
// (severities, products and so status components, endpoints, users, API
// keys, contributing-factor categories, alert sources and routes,
// maintenance windows), with who made it, when, and the row before and
// after.
//
// PostgreSQL writes it: triggers on those tables insert an entry in the
// changing transaction, whoever the writer (migration 20261130000012), so
// no change can skip it and no entry exists for a change that rolled back.
// A transaction names the person acting by running in InTx; secrets (key hashes,
// webhook secrets) never reach the log.
package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"firebreak/internal/database"
	"firebreak/models"
)

// actAs names the person making the changes of transaction tx, for the
// entries its statements write. Every settings change through the API runs
// in InTx; changes without it (the command line, plain SQL) or with a nil
// actor (Firebreak itself, such as a first sign-in) have no actor.
func actAs(ctx context.Context, tx bun.IDB, actor *models.User) error {
	if actor == nil {
		return nil
	}
	_, err := tx.ExecContext(ctx, "SELECT set_config('firebreak.actor_id', ?, true)", strconv.FormatInt(actor.ID, 10))
	return err
}

// InTx runs change in a transaction whose audit entries name actor (the
// caller's, when its context carries one).
func InTx(ctx context.Context, db *bun.DB, actor *models.User, change func(ctx context.Context, tx bun.Tx) error) error {
	return database.RunInTx(ctx, db, func(ctx context.Context, tx bun.Tx) error {
		if err := actAs(ctx, tx, actor); err != nil {
			return err
		}
		return change(ctx, tx)
	})
}

// Entry is one change.
type Entry struct {
	bun.BaseModel `bun:"table:audit_log,alias:a"`

	ID          int64           `bun:"id,pk,autoincrement" json:"id"`
	OccurredAt  time.Time       `bun:"occurred_at" json:"occurredAt"`
	ActorID     *int64          `bun:"actor_id" json:"actorId"`
	Kind        string          `bun:"kind" json:"kind"`
	SubjectType string          `bun:"subject_type" json:"subjectType"`
	SubjectID   int64           `bun:"subject_id" json:"subjectId"`
	Before      json.RawMessage `bun:"before,type:jsonb" json:"before"`
	After       json.RawMessage `bun:"after,type:jsonb" json:"after"`
}

// GlobalID is the entry's id in the API.
func (e *Entry) GlobalID() string { return models.GlobalID(models.TypeAuditEntry, e.ID) }

// subjectTypes maps the log's subject names to the API's type names.
var subjectTypes = map[string]string{
	"severity": models.TypeSeverity, "product": models.TypeProduct, "endpoint": models.TypeNotificationEndpoint,
	"user": models.TypeUser, "api_key": models.TypeAPIKey, "category": models.TypeContributingFactorCategory,
	"alert_source": models.TypeAlertSource, "alert_route": models.TypeAlertRoute, "maintenance": models.TypeMaintenance,
}

// SubjectGlobalID is the changed record's id in the API.
func (e *Entry) SubjectGlobalID() string {
	return models.GlobalID(subjectTypes[e.SubjectType], e.SubjectID)
}

// Filter narrows the log; zero fields match everything.
type Filter struct {
	ActorID  *int64
	Kind     string
	From, To *time.Time
}

func (f Filter) apply(q *bun.SelectQuery) *bun.SelectQuery {
	if f.ActorID != nil {
		q.Where("a.actor_id = ?", *f.ActorID)
	}
	if f.Kind != "" {
		q.Where("a.kind = ?", f.Kind)
	}
	if f.From != nil {
		q.Where("a.occurred_at >= ?", *f.From)
	}
	if f.To != nil {
		q.Where("a.occurred_at < ?", *f.To)
	}
	return q
}

// Service reads the log (ADMIN only).
type Service struct{ db *bun.DB }

func NewService(db *bun.DB) *Service { return &Service{db: db} }

// List returns a page of entries, oldest first.
func (s *Service) List(ctx context.Context, viewer *models.User, f Filter, w database.Window) (database.Page[*Entry], error) {
	if err := viewer.RequireRole(models.RoleAdmin); err != nil {
		return database.Page[*Entry]{}, err
	}
	return database.Keyset[*Entry](ctx, f.apply(s.db.NewSelect().Model((*Entry)(nil))), []string{"a.occurred_at", "a.id"}, false, w)
}

// Count counts the entries the filter matches.
func (s *Service) Count(ctx context.Context, viewer *models.User, f Filter) (int64, error) {
	if err := viewer.RequireRole(models.RoleAdmin); err != nil {
		return 0, err
	}
	n, err := f.apply(s.db.NewSelect().Model((*Entry)(nil))).Count(ctx)
	return int64(n), err
}

// exportBatch bounds the rows an export holds in memory at once.
const exportBatch = database.MaxPageSize

// Export writes every matching entry as JSON lines, oldest first, in
// batches, so a log of any length streams in bounded memory.
func (s *Service) Export(ctx context.Context, viewer *models.User, f Filter, out io.Writer) error {
	if err := viewer.RequireRole(models.RoleAdmin); err != nil {
		return err
	}
	enc := json.NewEncoder(out)
	var after []any
	for {
		size := exportBatch
		page, err := database.Keyset[*Entry](ctx, f.apply(s.db.NewSelect().Model((*Entry)(nil))), []string{"a.occurred_at", "a.id"}, false,
			database.Window{First: &size, After: after})
		if err != nil {
			return fmt.Errorf("export audit log: %w", err)
		}
		for _, e := range page.Items {
			if err := enc.Encode(e); err != nil {
				return err
			}
		}
		if !page.HasNext || len(page.Items) == 0 {
			return nil
		}
		last := page.Items[len(page.Items)-1]
		after = []any{last.OccurredAt, last.ID}
	}
}
