// Package catalog manages the reference data incidents point at: severity
// levels and the affected-products catalog.
package catalog

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
	"firebreak/internal/audit"
	"firebreak/internal/database"
	"firebreak/internal/refcache"
	"firebreak/models"
)

// Service reads and edits severities and products.
type Service struct {
	db *bun.DB
	// severities holds every severity (the key is always struct{}{}); nil:
	// read each time. The severities are shared: callers must not change
	// them.
	severities *refcache.Cache[struct{}, []*models.Severity]
}

func NewService(db *bun.DB) *Service { return &Service{db: db} }

// conn is what the service reads with: the caller's transaction or
// connection when its context carries one, else the pool.
func (s *Service) conn(ctx context.Context) bun.IDB { return database.Handle(ctx, s.db) }

// CacheSeverities keeps the severities in memory until epoch says they
// changed: every page of incidents shows them, and they change a few times
// a year.
func (s *Service) CacheSeverities(epoch *refcache.Epoch) *Service {
	s.severities = refcache.New[struct{}, []*models.Severity](epoch, time.Minute, 1)
	return s
}

// Severities returns every level, worst first.
func (s *Service) Severities(ctx context.Context) ([]*models.Severity, error) {
	if all, ok := s.severities.Get(struct{}{}); ok {
		return all, nil
	}
	epoch := s.severities.Epoch()
	var out []*models.Severity
	if err := s.conn(ctx).NewSelect().Model(&out).Order("level").Scan(ctx); err != nil {
		return nil, err
	}
	s.severities.Put(struct{}{}, out, epoch)
	return out, nil
}

// CachedSeverities returns the severities if they are in memory, without
// reading them otherwise: for callers inside a transaction, which must not
// wait for a second connection from the pool.
func (s *Service) CachedSeverities() ([]*models.Severity, bool) {
	return s.severities.Get(struct{}{})
}

// SeveritiesByID loads severities by id (for dataloaders).
func (s *Service) SeveritiesByID(ctx context.Context, ids []int64) (map[int64]*models.Severity, error) {
	all, err := s.Severities(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]*models.Severity, len(ids))
	for _, sev := range all {
		if slices.Contains(ids, sev.ID) {
			out[sev.ID] = sev
		}
	}
	return out, nil
}

// SeverityByLevel returns the severity with that level, or BAD_USER_INPUT
// naming field.
func SeverityByLevel(ctx context.Context, db bun.IDB, level int, field string) (*models.Severity, error) {
	sev := new(models.Severity)
	err := db.NewSelect().Model(sev).Where("level = ?", level).Scan(ctx)
	if database.IsNoRows(err) {
		return nil, apperr.BadInput(field, "there is no severity level %d", level)
	}
	return sev, err
}

// Products returns the catalog (without archived products), by name.
func (s *Service) Products(ctx context.Context) ([]*models.Product, error) {
	var out []*models.Product
	err := s.conn(ctx).NewSelect().Model(&out).Where("archived_at IS NULL").OrderExpr("lower(name), id").Scan(ctx)
	return out, err
}

// ProductsByID loads products by id.
func (s *Service) ProductsByID(ctx context.Context, ids []int64) (map[int64]*models.Product, error) {
	return database.Keyed(ctx, s.conn(ctx).NewSelect().Where("id IN (?)", bun.In(ids)), func(r *models.Product) int64 { return r.ID })
}

// CreateProductInput is a new catalog entry.
type CreateProductInput struct {
	Name        string
	Slug        string
	Description string
	// Public makes it a status page component, at Position in Group.
	Public   bool
	Position int
	Group    string
}

var (
	slugPattern  = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	nonSlugChars = regexp.MustCompile(`[^a-z0-9]+`)
)

// Slugify turns a name into a slug: "Amplify Science" → "amplify-science".
func Slugify(name string) string {
	return strings.Trim(nonSlugChars.ReplaceAllString(strings.ToLower(name), "-"), "-")
}

// CreateProduct adds a product (ADMIN).
func (s *Service) CreateProduct(ctx context.Context, actor *models.User, in CreateProductInput) (*models.Product, error) {
	if err := actor.RequireRole(models.RoleAdmin); err != nil {
		return nil, err
	}
	p := &models.Product{Name: in.Name, Slug: in.Slug, Description: in.Description, Public: in.Public, Position: in.Position, Group: in.Group}
	if err := normalizeProduct(p); err != nil {
		return nil, err
	}
	err := audit.InTx(ctx, s.db, actor, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(p).Returning("*").Exec(ctx)
		return err
	})
	if err := productWriteError(err, p); err != nil {
		return nil, err
	}
	return p, nil
}

// UpdateProductInput edits a product; nil fields stay.
type UpdateProductInput struct {
	ID          int64
	Name        *string
	Slug        *string
	Description *string
	Public      *bool
	Position    *int
	Group       *string
}

// UpdateProduct edits a product (ADMIN).
func (s *Service) UpdateProduct(ctx context.Context, actor *models.User, in UpdateProductInput) (*models.Product, error) {
	if err := actor.RequireRole(models.RoleAdmin); err != nil {
		return nil, err
	}
	p, err := s.product(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	if in.Name != nil {
		p.Name = *in.Name
	}
	if in.Slug != nil {
		p.Slug = *in.Slug
	}
	if in.Description != nil {
		p.Description = *in.Description
	}
	if in.Public != nil {
		p.Public = *in.Public
	}
	if in.Position != nil {
		p.Position = *in.Position
	}
	if in.Group != nil {
		p.Group = *in.Group
	}
	if err := normalizeProduct(p); err != nil {
		return nil, err
	}
	err = audit.InTx(ctx, s.db, actor, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewUpdate().Model(p).Column("name", "slug", "description", "public", "position", "group_name").Set("updated_at = now()").
			WherePK().Returning("*").Exec(ctx)
		return err
	})
	if err := productWriteError(err, p); err != nil {
		return nil, err
	}
	return p, nil
}

// ArchiveProduct removes a product from the catalog; incidents keep it.
func (s *Service) ArchiveProduct(ctx context.Context, actor *models.User, id int64) (*models.Product, error) {
	if err := actor.RequireRole(models.RoleAdmin); err != nil {
		return nil, err
	}
	p, err := s.product(ctx, id)
	if err != nil {
		return nil, err
	}
	err = audit.InTx(ctx, s.db, actor, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewUpdate().Model(p).Set("archived_at = coalesce(archived_at, now())").Set("updated_at = now()").
			WherePK().Returning("*").Exec(ctx)
		return err
	})
	return p, err
}

func (s *Service) product(ctx context.Context, id int64) (*models.Product, error) {
	p := new(models.Product)
	err := s.conn(ctx).NewSelect().Model(p).Where("id = ?", id).Scan(ctx)
	if database.IsNoRows(err) {
		return nil, apperr.NotFoundf("product not found")
	}
	return p, err
}

func normalizeProduct(p *models.Product) error {
	p.Name, p.Slug, p.Description = strings.TrimSpace(p.Name), strings.TrimSpace(p.Slug), strings.TrimSpace(p.Description)
	p.Group = strings.TrimSpace(p.Group)
	if utf8.RuneCountInString(p.Group) > 100 {
		return apperr.BadInput("group", "group must be at most 100 characters")
	}
	if p.Position < 0 || p.Position > 10000 {
		return apperr.BadInput("position", "position must be between 0 and 10000")
	}
	if p.Name == "" {
		return apperr.BadInput("name", "name must not be empty")
	}
	if utf8.RuneCountInString(p.Name) > 100 {
		return apperr.BadInput("name", "name must be at most 100 characters")
	}
	if p.Slug == "" {
		p.Slug = Slugify(p.Name)
	}
	if !slugPattern.MatchString(p.Slug) || len(p.Slug) > 100 {
		return apperr.BadInput("slug", "slug must be lower-case letters and digits separated by single dashes")
	}
	if utf8.RuneCountInString(p.Description) > 2000 {
		return apperr.BadInput("description", "description must be at most 2000 characters")
	}
	return nil
}

// productWriteError turns unique violations into field errors.
func productWriteError(err error, p *models.Product) error {
	if constraint, ok := database.UniqueViolation(err); ok {
		if constraint == "products_slug_key" {
			return apperr.BadInput("slug", "a product with slug %q already exists", p.Slug)
		}
		return apperr.BadInput("name", "a product named %q already exists", p.Name)
	}
	if err != nil {
		return fmt.Errorf("save product: %w", err)
	}
	return nil
}

// CheckProducts refuses ids that are not active products (BAD_USER_INPUT on
// productIds).
func CheckProducts(ctx context.Context, db bun.IDB, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	var found []int64
	err := db.NewSelect().Model((*models.Product)(nil)).Column("id").
		Where("id IN (?)", bun.In(ids)).Where("archived_at IS NULL").Scan(ctx, &found)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if !slices.Contains(found, id) {
			return apperr.BadInput("productIds", "no such product: %d", id)
		}
	}
	return nil
}

// ContributingFactorCategories lists the active categories by name.
func (s *Service) ContributingFactorCategories(ctx context.Context) ([]*models.ContributingFactorCategory, error) {
	var out []*models.ContributingFactorCategory
	err := s.conn(ctx).NewSelect().Model(&out).Where("archived_at IS NULL").Order("name").Scan(ctx)
	return out, err
}

// CreateContributingFactorCategory adds a category (ADMIN).
func (s *Service) CreateContributingFactorCategory(ctx context.Context, actor *models.User, name string) (*models.ContributingFactorCategory, error) {
	if err := actor.RequireRole(models.RoleAdmin); err != nil {
		return nil, err
	}
	name = strings.TrimSpace(name)
	if n := utf8.RuneCountInString(name); n == 0 || n > 100 {
		return nil, apperr.BadInput("name", "name must be 1 to 100 characters")
	}
	c := &models.ContributingFactorCategory{Name: name}
	err := audit.InTx(ctx, s.db, actor, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(c).Returning("id, created_at").Exec(ctx)
		return err
	})
	if constraint, ok := database.UniqueViolation(err); ok && constraint == "contributing_factor_categories_name_key" {
		return nil, apperr.BadInput("name", "a category named %q exists", name)
	}
	return c, err
}

// ArchiveContributingFactorCategory takes a category off the list; factors
// already recorded keep it (ADMIN).
func (s *Service) ArchiveContributingFactorCategory(ctx context.Context, actor *models.User, id int64) (*models.ContributingFactorCategory, error) {
	if err := actor.RequireRole(models.RoleAdmin); err != nil {
		return nil, err
	}
	c := new(models.ContributingFactorCategory)
	err := audit.InTx(ctx, s.db, actor, func(ctx context.Context, tx bun.Tx) error {
		return tx.NewUpdate().Model(c).Set("archived_at = coalesce(archived_at, now())").Where("id = ?", id).Returning("*").Scan(ctx)
	})
	if database.IsNoRows(err) {
		return nil, apperr.NotFoundf("category not found")
	}
	return c, err
}

// ContributingFactorCategoriesByID loads categories, archived ones too.
func (s *Service) ContributingFactorCategoriesByID(ctx context.Context, ids []int64) (map[int64]*models.ContributingFactorCategory, error) {
	return database.Keyed(ctx, s.conn(ctx).NewSelect().Where("id IN (?)", bun.In(ids)), func(r *models.ContributingFactorCategory) int64 { return r.ID })
}
