package people

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
	"firebreak/internal/audit"
	"firebreak/internal/database"
	"firebreak/models"
)

// SignIn is what a verified sign-in token says about its holder.
type SignIn struct {
	Email string
	// Name is the token's name claim; empty: the email's local part.
	Name string
	// Role is what the identity provider's groups map to (nil: no mapping
	// applies); DefaultRole is a new person's role without one.
	Role        *models.UserRole
	DefaultRole models.UserRole
}

// SignedIn returns the person a sign-in token names: the one with its
// email, created on first sign-in with the mapped or default role. When
// the provider's groups map to a role, the person's role follows them, but
// never so that no active admin remains. A deactivated person is returned
// as is: the caller refuses them.
func (s *Service) SignedIn(ctx context.Context, in SignIn) (*models.User, error) {
	u, err := s.byEmail(ctx, s.db, in.Email)
	if err != nil {
		return nil, err
	}
	if u == nil {
		return s.firstSignIn(ctx, in)
	}
	if in.Role == nil || *in.Role == u.Role || !u.Active() {
		return u, nil
	}
	synced, err := s.save(ctx, nil, u.ID, func(p *models.User) error { p.Role = *in.Role; return nil })
	if apperr.CodeOf(err) == apperr.Conflict {
		slog.WarnContext(ctx, "sign-in: the identity provider's groups would demote the last active admin; role kept", "user_id", u.ID)
		return u, nil
	}
	return synced, err
}

// ByEmail returns the person with this email (any case), or nil.
func (s *Service) ByEmail(ctx context.Context, email string) (*models.User, error) {
	return s.byEmail(ctx, s.db, email)
}

func (s *Service) byEmail(ctx context.Context, db bun.IDB, email string) (*models.User, error) {
	u := new(models.User)
	err := db.NewSelect().Model(u).Where("lower(email) = lower(?)", email).Scan(ctx)
	if err != nil {
		if database.IsNoRows(err) {
			return nil, nil
		}
		return nil, fmt.Errorf("find person by email: %w", err)
	}
	return u, nil
}

// firstSignIn creates the person; two first requests at once create one.
// The audit entry has no actor: the identity provider vouched for them.
func (s *Service) firstSignIn(ctx context.Context, in SignIn) (*models.User, error) {
	role := in.DefaultRole
	if in.Role != nil {
		role = *in.Role
	}
	name := strings.TrimSpace(in.Name)
	if name == "" {
		name, _, _ = strings.Cut(in.Email, "@")
	}
	if utf8.RuneCountInString(name) > maxName {
		name = string([]rune(name)[:maxName])
	}
	email := strings.TrimSpace(in.Email)
	u := &models.User{Name: name, Email: &email, Role: role}
	if err := (Input{Name: &u.Name, Email: u.Email, Role: &u.Role}).apply(u); err != nil {
		return nil, apperr.New(apperr.Unauthenticated, "the sign-in token's email or name cannot be used: %s", err.Error())
	}
	var found *models.User
	err := audit.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(u).On("CONFLICT ((lower(email))) DO NOTHING").Returning("*").Exec(ctx)
		if err != nil {
			return err
		}
		if u.ID != 0 {
			found = u
			return nil
		}
		found, err = s.byEmail(ctx, tx, email)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("first sign-in: %w", err)
	}
	s.changed()
	return found, nil
}
