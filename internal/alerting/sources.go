// Package alerting takes alerts in — from Prometheus Alertmanager, Grafana
// and a generic events format — and keeps them grouped as their sender
// grouped them, each alert with its own firing/resolved state. Every
// accepted payload is stored before it is answered (PostgreSQL is the
// truth), and applying it is idempotent: a repeated notification changes
// nothing.
package alerting

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
	"firebreak/internal/audit"
	"firebreak/internal/auth"
	"firebreak/internal/database"
	"firebreak/internal/incident"
	"firebreak/models"
)

// Kind is the format a source posts.
type Kind string

const (
	KindAlertmanager Kind = "ALERTMANAGER"
	KindGrafana      Kind = "GRAFANA"
	KindGeneric      Kind = "GENERIC"
)

// Source may post alerts with its token.
type Source struct {
	bun.BaseModel `bun:"table:alert_sources,alias:src"`

	ID          int64  `bun:"id,pk,autoincrement"`
	Name        string `bun:"name"`
	Kind        Kind   `bun:"kind"`
	TokenHash   []byte `bun:"token_hash"`
	TokenPrefix string `bun:"token_prefix"`
	CreatedByID *int64 `bun:"created_by_id"`
	// UserID is the person the source acts as on timelines.
	UserID    *int64     `bun:"user_id"`
	CreatedAt time.Time  `bun:"created_at,nullzero,default:now()"`
	RevokedAt *time.Time `bun:"revoked_at"`
}

// GlobalID is its id in the API.
func (s *Source) GlobalID() string { return models.GlobalID(models.TypeAlertSource, s.ID) }

// tokenPrefix marks alert source tokens for people and secret scanners.
const tokenPrefix = "fba_"

// Service keeps sources and alerts.
type Service struct {
	db        *bun.DB
	now       func() time.Time
	publicURL string
	incidents *incident.Service
	storm     Storm
	// limitSource spends one of a source's requests (nil: unlimited).
	limitSource SourceLimiter
}

// SourceLimiter spends one request of a source's budget and says how long
// to wait when none is left (0: go ahead).
type SourceLimiter func(ctx context.Context, sourceID int64) time.Duration

// WithSourceLimit gives every source a request budget.
func (s *Service) WithSourceLimit(limit SourceLimiter) *Service {
	s.limitSource = limit
	return s
}

// overBudget answers a request past its source's budget: 429 with
// Retry-After, which Alertmanager, Grafana and PagerDuty senders retry.
func (s *Service) overBudget(w http.ResponseWriter, r *http.Request, src *Source, answer func(http.ResponseWriter, *http.Request, error)) bool {
	if s.limitSource == nil {
		return false
	}
	wait := s.limitSource(r.Context(), src.ID)
	if wait <= 0 {
		return false
	}
	w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
	answer(w, r, apperr.New(apperr.RateLimited, "this source posts faster than its budget: retry after %s", wait.Round(time.Millisecond)))
	return true
}

// NewService keeps alerts in db; publicURL starts the ingest URLs.
func NewService(db *bun.DB, publicURL string) *Service {
	return &Service{db: db, now: time.Now, publicURL: strings.TrimRight(publicURL, "/"), storm: DefaultStorm}
}

// CreateSource adds a source (ADMIN) and returns its token, shown once.
func (s *Service) CreateSource(ctx context.Context, actor *models.User, name string, kind Kind) (*Source, string, error) {
	if err := actor.RequireRole(models.RoleAdmin); err != nil {
		return nil, "", err
	}
	name = strings.TrimSpace(name)
	if n := utf8.RuneCountInString(name); n == 0 || n > 100 {
		return nil, "", apperr.BadInput("name", "name must be 1 to 100 characters")
	}
	if !kind.IsValid() {
		return nil, "", apperr.BadInput("kind", "kind must be ALERTMANAGER, GRAFANA or GENERIC")
	}
	token := tokenPrefix + rand.Text() + rand.Text()
	src := &Source{Name: name, Kind: kind, TokenHash: auth.HashKey(token), TokenPrefix: token[:10], CreatedByID: &actor.ID}
	err := audit.InTx(ctx, s.db, actor, func(ctx context.Context, tx bun.Tx) error {
		// The source declares and annotates incidents as a person of its
		// own, so timelines say who: "prod Alertmanager".
		bot := &models.User{Name: clipName(name + " (alerts)"), Role: models.RoleResponder}
		if _, err := tx.NewInsert().Model(bot).Returning("id").Exec(ctx); err != nil {
			return err
		}
		src.UserID = &bot.ID
		_, err := tx.NewInsert().Model(src).Returning("*").Exec(ctx)
		return err
	})
	if err != nil {
		return nil, "", fmt.Errorf("create alert source: %w", err)
	}
	return src, token, nil
}

// RevokeSource stops a source's token (ADMIN).
func (s *Service) RevokeSource(ctx context.Context, actor *models.User, id int64) (*Source, error) {
	if err := actor.RequireRole(models.RoleAdmin); err != nil {
		return nil, err
	}
	src := new(Source)
	err := audit.InTx(ctx, s.db, actor, func(ctx context.Context, tx bun.Tx) error {
		return tx.NewUpdate().Model(src).Set("revoked_at = coalesce(revoked_at, ?)", s.now()).Where("id = ?", id).Returning("*").Scan(ctx)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.NotFoundf("alert source not found")
	}
	return src, err
}

// Sources lists the sources (ADMIN).
func (s *Service) Sources(ctx context.Context, actor *models.User) ([]*Source, error) {
	if err := actor.RequireRole(models.RoleAdmin); err != nil {
		return nil, err
	}
	var out []*Source
	err := s.conn(ctx).NewSelect().Model(&out).Order("id").Limit(500).Scan(ctx)
	return out, err
}

var errBadToken = apperr.New(apperr.Unauthenticated, "the alert source token is unknown or revoked")

// Authenticate returns the source a token belongs to, if it may post to
// kind's endpoint (Grafana may also post Alertmanager's format).
func (s *Service) Authenticate(ctx context.Context, token string, kind Kind) (*Source, error) {
	if !strings.HasPrefix(token, tokenPrefix) {
		return nil, errBadToken
	}
	src := new(Source)
	err := s.conn(ctx).NewSelect().Model(src).Where("token_hash = ? AND revoked_at IS NULL", auth.HashKey(token)).Scan(ctx)
	if database.IsNoRows(err) {
		return nil, errBadToken
	}
	if err != nil {
		return nil, err
	}
	if src.Kind != kind {
		return nil, apperr.New(apperr.Forbidden, "this token is for %s, which posts to %s", src.Kind, src.Kind.Path())
	}
	return src, nil
}

func clipName(s string) string {
	if utf8.RuneCountInString(s) <= 100 {
		return s
	}
	return string([]rune(s)[:100])
}

// conn is what the service runs statements on: the caller's transaction
// when its context carries one, else the pool.
func (s *Service) conn(ctx context.Context) bun.IDB { return database.Handle(ctx, s.db) }
