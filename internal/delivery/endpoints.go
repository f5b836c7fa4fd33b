package delivery

import (
	"context"
	"crypto/rand"
	"strings"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
	"firebreak/internal/audit"
	"firebreak/internal/catalog"
	"firebreak/internal/database"
	"firebreak/internal/links"
	"firebreak/models"
)

// Service keeps notification endpoints and their deliveries.
type Service struct {
	db     *bun.DB
	links  links.Links
	sender *Sender
	// allowPrivate lets endpoints point at private and loopback addresses
	// (local receivers, tests).
	allowPrivate bool
}

// NewService returns the service; links build the URLs in messages.
func NewService(db *bun.DB, links links.Links, allowPrivate bool) *Service {
	return &Service{db: db, links: links, sender: NewSender(allowPrivate), allowPrivate: allowPrivate}
}

// EndpointInput creates or changes an endpoint; nil fields of an update
// stay as they are.
type EndpointInput struct {
	Name             *string
	Kind             *models.EndpointKind
	URL              *string
	Secret           *string
	MinSeverityLevel *int
	ProductIDs       []int64
	EventKinds       []models.TimelineEventKind
	IncludePrivate   *bool
	Enabled          *bool
	// ClearMinSeverity removes the severity filter on update.
	ClearMinSeverity bool
}

const maxEndpointName = 100

// CreateEndpoint adds an endpoint (ADMIN). A webhook without a secret gets
// a generated one; the returned endpoint carries it this once.
func (s *Service) CreateEndpoint(ctx context.Context, actor *models.User, in EndpointInput) (*models.NotificationEndpoint, error) {
	if err := actor.RequireRole(models.RoleAdmin); err != nil {
		return nil, err
	}
	if in.Name == nil || in.Kind == nil || in.URL == nil {
		return nil, apperr.BadInput("name", "name, kind and url are required")
	}
	ep := &models.NotificationEndpoint{Enabled: true, CreatedByID: &actor.ID}
	if err := s.apply(ctx, ep, in); err != nil {
		return nil, err
	}
	if ep.Kind.Signed() && ep.Secret == "" {
		ep.Secret = "whsec_" + rand.Text()
	}
	err := audit.InTx(ctx, s.db, actor, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(ep).Returning("id, created_at, updated_at").Exec(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	return ep, nil
}

// UpdateEndpoint changes an endpoint (ADMIN).
func (s *Service) UpdateEndpoint(ctx context.Context, actor *models.User, id int64, in EndpointInput) (*models.NotificationEndpoint, error) {
	ep, err := s.Endpoint(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if err := s.apply(ctx, ep, in); err != nil {
		return nil, err
	}
	err = audit.InTx(ctx, s.db, actor, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewUpdate().Model(ep).WherePK().ExcludeColumn("id", "created_at", "created_by_id", "updated_at").
			Set("updated_at = now()").Returning("updated_at").Exec(ctx)
		return err
	})
	return ep, err
}

// DeleteEndpoint removes an endpoint and its delivery history (ADMIN).
func (s *Service) DeleteEndpoint(ctx context.Context, actor *models.User, id int64) error {
	if _, err := s.Endpoint(ctx, actor, id); err != nil {
		return err
	}
	return audit.InTx(ctx, s.db, actor, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewDelete().Model((*models.NotificationEndpoint)(nil)).Where("id = ?", id).Exec(ctx)
		return err
	})
}

// Endpoint returns one endpoint (ADMIN).
func (s *Service) Endpoint(ctx context.Context, actor *models.User, id int64) (*models.NotificationEndpoint, error) {
	if err := actor.RequireRole(models.RoleAdmin); err != nil {
		return nil, err
	}
	ep := new(models.NotificationEndpoint)
	err := s.db.NewSelect().Model(ep).Where("id = ?", id).Scan(ctx)
	if database.IsNoRows(err) {
		return nil, apperr.NotFoundf("notification endpoint not found")
	}
	return ep, err
}

// Endpoints lists every endpoint by name (ADMIN).
func (s *Service) Endpoints(ctx context.Context, actor *models.User) ([]*models.NotificationEndpoint, error) {
	if err := actor.RequireRole(models.RoleAdmin); err != nil {
		return nil, err
	}
	var eps []*models.NotificationEndpoint
	err := s.db.NewSelect().Model(&eps).Order("name", "id").Scan(ctx)
	return eps, err
}

// apply validates the input's fields and copies them onto the endpoint.
func (s *Service) apply(ctx context.Context, ep *models.NotificationEndpoint, in EndpointInput) error {
	if in.Name != nil {
		name := strings.TrimSpace(*in.Name)
		if n := utf8.RuneCountInString(name); n == 0 || n > maxEndpointName {
			return apperr.BadInput("name", "name must be 1 to %d characters", maxEndpointName)
		}
		ep.Name = name
	}
	if in.Kind != nil {
		if !in.Kind.IsValid() {
			return apperr.BadInput("kind", "unknown kind %q", *in.Kind)
		}
		ep.Kind = *in.Kind
	}
	if in.URL != nil {
		u := strings.TrimSpace(*in.URL)
		if err := CheckURL(ctx, u, s.allowPrivate); err != nil {
			return err
		}
		ep.URL = u
	}
	if in.Secret != nil {
		// An empty secret would switch signing off: rotate, never remove.
		if n := len(*in.Secret); n < 16 {
			return apperr.BadInput("secret", "a secret needs at least 16 characters (signing cannot be switched off; set a new secret to rotate it)")
		}
		ep.Secret = *in.Secret
	}
	if in.MinSeverityLevel != nil {
		if _, err := catalog.SeverityByLevel(ctx, s.db, *in.MinSeverityLevel, "minSeverityLevel"); err != nil {
			return err
		}
		ep.MinSeverityLevel = in.MinSeverityLevel
	}
	if in.ClearMinSeverity {
		ep.MinSeverityLevel = nil
	}
	if in.ProductIDs != nil {
		if err := catalog.CheckProducts(ctx, s.db, in.ProductIDs); err != nil {
			return err
		}
		ep.ProductIDs = in.ProductIDs
	}
	if in.EventKinds != nil {
		ep.EventKinds = in.EventKinds
	}
	if in.IncludePrivate != nil {
		ep.IncludePrivate = *in.IncludePrivate
	}
	if in.Enabled != nil {
		ep.Enabled = *in.Enabled
	}
	if ep.Kind == models.EndpointStatusWebhook && ep.IncludePrivate {
		return apperr.BadInput("includePrivate", "a status page webhook gets public updates only: it cannot include private incidents")
	}
	if ep.ProductIDs == nil {
		ep.ProductIDs = []int64{}
	}
	if ep.EventKinds == nil {
		ep.EventKinds = []models.TimelineEventKind{}
	}
	return nil
}
