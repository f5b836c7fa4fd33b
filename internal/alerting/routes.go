package alerting

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/prometheus/alertmanager/pkg/labels"
	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
	"firebreak/internal/audit"
	"firebreak/internal/catalog"
	"firebreak/models"
)

// Route sends matching alert groups to incidents: in position order, the
// first route whose matchers match a firing alert decides.
type Route struct {
	bun.BaseModel `bun:"table:alert_routes,alias:rt"`

	ID            int64     `bun:"id,pk,autoincrement"`
	Position      int       `bun:"position"`
	Matchers      string    `bun:"matchers"`
	ProductIDs    []int64   `bun:"product_ids,array"`
	SeverityLevel int       `bun:"severity_level"`
	AutoDeclare   bool      `bun:"auto_declare"`
	AutoResolve   bool      `bun:"auto_resolve"`
	TitleTemplate string    `bun:"title_template"`
	CreatedAt     time.Time `bun:"created_at,nullzero,default:now()"`

	matchers []*labels.Matcher
	title    *titleTemplate
}

// GlobalID is its id in the API.
func (r *Route) GlobalID() string { return models.GlobalID(models.TypeAlertRoute, r.ID) }

// RouteInput is a new route.
type RouteInput struct {
	Matchers      string
	ProductIDs    []int64
	SeverityLevel int
	AutoDeclare   bool
	AutoResolve   bool
	TitleTemplate string
	Position      int
}

// compile parses the route's matchers (Alertmanager's own parser, the
// syntax of its routes and silences) and title template.
func (r *Route) compile() error {
	ms, err := labels.ParseMatchers(r.Matchers)
	if err != nil {
		return apperr.BadInput("matchers", "not Alertmanager matchers (e.g. severity=\"critical\", team=~\"web|api\"): %v", err)
	}
	if len(ms) == 0 {
		return apperr.BadInput("matchers", "at least one matcher is required")
	}
	r.matchers = ms
	return r.compileTitle()
}

// matches reports whether every matcher matches the labels.
func (r *Route) matches(ls map[string]string) bool {
	for _, m := range r.matchers {
		if !m.Matches(ls[m.Name]) {
			return false
		}
	}
	return true
}

// CreateRoute adds a routing rule (ADMIN).
func (s *Service) CreateRoute(ctx context.Context, actor *models.User, in RouteInput) (*Route, error) {
	if err := actor.RequireRole(models.RoleAdmin); err != nil {
		return nil, err
	}
	r := &Route{Position: in.Position, Matchers: strings.TrimSpace(in.Matchers), ProductIDs: slices.Compact(slices.Sorted(slices.Values(in.ProductIDs))),
		SeverityLevel: in.SeverityLevel, AutoDeclare: in.AutoDeclare, AutoResolve: in.AutoResolve, TitleTemplate: in.TitleTemplate}
	if r.ProductIDs == nil {
		r.ProductIDs = []int64{}
	}
	if len(r.TitleTemplate) > 500 {
		return nil, apperr.BadInput("titleTemplate", "at most 500 characters")
	}
	if err := r.compile(); err != nil {
		return nil, err
	}
	if _, err := catalog.SeverityByLevel(ctx, s.db, r.SeverityLevel, "severityLevel"); err != nil {
		return nil, err
	}
	if len(r.ProductIDs) > 0 {
		var n int
		if err := s.conn(ctx).NewRaw("SELECT count(*) FROM products WHERE id IN (?) AND archived_at IS NULL", bun.In(r.ProductIDs)).Scan(ctx, &n); err != nil {
			return nil, err
		}
		if n != len(r.ProductIDs) {
			return nil, apperr.BadInput("productIds", "unknown or archived product")
		}
	}
	err := audit.InTx(ctx, s.db, actor, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(r).Returning("*").Exec(ctx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("create alert route: %w", err)
	}
	return r, nil
}

// routes returns the rules in order, compiled.
func (s *Service) routes(ctx context.Context, db bun.IDB) ([]*Route, error) {
	var rs []*Route
	if err := db.NewSelect().Model(&rs).Order("position", "id").Scan(ctx); err != nil {
		return nil, err
	}
	for _, r := range rs {
		if err := r.compile(); err != nil && r.matchers != nil {
			// Saved before templates had a budget: its incidents get the
			// default title rather than an ingest that fails or crawls.
			slog.WarnContext(ctx, "alert route: its title template is over the budget; using the default title", "route", r.ID, "error", err.Error())
			r.title = defaultTitleTemplate
		} else if err != nil {
			return nil, err
		}
	}
	return rs, nil
}

// Routes lists the routes in the order they are tried (ADMIN).
func (s *Service) Routes(ctx context.Context, actor *models.User) ([]*Route, error) {
	if err := actor.RequireRole(models.RoleAdmin); err != nil {
		return nil, err
	}
	var rs []*Route
	err := s.conn(ctx).NewSelect().Model(&rs).Order("position", "id").Limit(500).Scan(ctx)
	return rs, err
}
