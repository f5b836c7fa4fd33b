// Package catalog manages the reference data incidents point at: severity
// levels and the affected-products catalog.
package catalog

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
	"firebreak/internal/database"
	"firebreak/models"
)

// Service reads and edits severities and products.
type Service struct{ db *bun.DB }

func NewService(db *bun.DB) *Service { return &Service{db: db} }

// Severities returns every level, worst first.
func (s *Service) Severities(ctx context.Context) ([]*models.Severity, error) {
	var out []*models.Severity
	err := s.db.NewSelect().Model(&out).Order("level").Scan(ctx)
	return out, err
}

// SeveritiesByID loads severities by id (for dataloaders).
func (s *Service) SeveritiesByID(ctx context.Context, ids []int64) (map[int64]*models.Severity, error) {
	var rows []*models.Severity
	if err := s.db.NewSelect().Model(&rows).Where("id IN (?)", bun.In(ids)).Scan(ctx); err != nil {
		return nil, err
	}
	out := make(map[int64]*models.Severity, len(rows))
	for _, r := range rows {
		out[r.ID] = r
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
	err := s.db.NewSelect().Model(&out).Where("archived_at IS NULL").OrderExpr("lower(name), id").Scan(ctx)
	return out, err
}

// ProductsByID loads products by id.
func (s *Service) ProductsByID(ctx context.Context, ids []int64) (map[int64]*models.Product, error) {
	var rows []*models.Product
	if err := s.db.NewSelect().Model(&rows).Where("id IN (?)", bun.In(ids)).Scan(ctx); err != nil {
		return nil, err
	}
	out := make(map[int64]*models.Product, len(rows))
	for _, r := range rows {
		out[r.ID] = r
	}
	return out, nil
}

// CreateProductInput is a new catalog entry.
type CreateProductInput struct {
	Name        string
	Slug        string
	Description string
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
	p := &models.Product{
		Name:        strings.TrimSpace(in.Name),
		Slug:        strings.TrimSpace(in.Slug),
		Description: strings.TrimSpace(in.Description),
	}
	if p.Name == "" {
		return nil, apperr.BadInput("name", "name must not be empty")
	}
	if utf8.RuneCountInString(p.Name) > 100 {
		return nil, apperr.BadInput("name", "name must be at most 100 characters")
	}
	if p.Slug == "" {
		p.Slug = Slugify(p.Name)
	}
	if !slugPattern.MatchString(p.Slug) || len(p.Slug) > 100 {
		return nil, apperr.BadInput("slug", "slug must be lower-case letters and digits separated by single dashes")
	}
	if utf8.RuneCountInString(p.Description) > 2000 {
		return nil, apperr.BadInput("description", "description must be at most 2000 characters")
	}
	_, err := s.db.NewInsert().Model(p).Returning("*").Exec(ctx)
	if constraint, ok := database.UniqueViolation(err); ok {
		if constraint == "products_slug_key" {
			return nil, apperr.BadInput("slug", "a product with slug %q already exists", p.Slug)
		}
		return nil, apperr.BadInput("name", "a product named %q already exists", p.Name)
	}
	if err != nil {
		return nil, fmt.Errorf("create product: %w", err)
	}
	return p, nil
}
