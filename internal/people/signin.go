package people

import (
	"cmp"
	"context"
	"errors"
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
	// Issuer and Subject identify the person at the identity provider:
	// the provider never gives a subject to anyone else.
	Issuer, Subject string
	Email           string
	// EmailVerified: the provider vouches that Email is the person's (its
	// email_verified claim is true, or the operator trusts it without).
	// Only then is an e-mail address used to find or create a person.
	EmailVerified bool
	// Name is the token's name claim; empty: the email's local part.
	Name string
	// Role is what the identity provider's groups map to (nil: no mapping
	// applies); DefaultRole is a new person's role without one.
	Role        *models.UserRole
	DefaultRole models.UserRole
}

var (
	errEmailUnverified = apperr.New(apperr.Unauthenticated, "the identity provider has not verified this email address, so it cannot be linked to a Firebreak account")
	errOtherIdentity   = apperr.New(apperr.Unauthenticated, "this email address belongs to a Firebreak account linked to another identity at this provider")
)

// SignedIn returns the person a sign-in token names: the one linked to
// its identity (issuer and subject), whatever e-mail the token says now.
// A first sign-in links the person with the token's verified e-mail, or
// creates them with the mapped or default role; an unverified e-mail
// links and creates no one, so that nobody can become a person by
// writing their address at the provider. When the provider's groups map
// to a role, the person's role follows them, but never so that no active
// admin remains. A deactivated person is returned as is: the caller
// refuses them.
func (s *Service) SignedIn(ctx context.Context, in SignIn) (*models.User, error) {
	if in.Issuer == "" || in.Subject == "" {
		return nil, apperr.New(apperr.Unauthenticated, "the sign-in token names no subject")
	}
	u, err := s.byIdentity(ctx, s.db, in.Issuer, in.Subject)
	if err != nil {
		return nil, err
	}
	if u == nil {
		if in.Email == "" {
			return nil, apperr.New(apperr.Unauthenticated, "the sign-in token has no email claim: request the email scope (or add the claim to access tokens)")
		}
		if !in.EmailVerified {
			return nil, errEmailUnverified
		}
		if u, err = s.firstSignIn(ctx, in); err != nil {
			return nil, err
		}
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

// byIdentity returns the person linked to a provider's subject, or nil.
func (s *Service) byIdentity(ctx context.Context, db bun.IDB, issuer, subject string) (*models.User, error) {
	u := new(models.User)
	err := db.NewSelect().Model(u).
		Where(`"user".id = (SELECT user_id FROM user_identities WHERE issuer = ? AND subject = ?)`, issuer, subject).Scan(ctx)
	if err != nil {
		if database.IsNoRows(err) {
			return nil, nil
		}
		return nil, fmt.Errorf("find person by identity: %w", err)
	}
	return u, nil
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

// firstSignIn links the identity to the person with its verified e-mail,
// creating them if there is none; several first requests at once link
// and create once. A person already linked to another subject of the same
// provider is not taken over by a new one claiming their address (the
// provider recycled it, or an account there was made to claim it).
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
	created := false
	err := audit.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(u).On("CONFLICT ((lower(email))) DO NOTHING").Returning("*").Exec(ctx)
		if err != nil {
			return err
		}
		if found, created = u, u.ID != 0; !created {
			if found, err = s.byEmail(ctx, tx, email); err != nil {
				return err
			}
		}
		var other bool
		err = tx.NewRaw(`SELECT EXISTS (SELECT 1 FROM user_identities WHERE user_id = ? AND issuer = ? AND subject <> ?)`,
			found.ID, in.Issuer, in.Subject).Scan(ctx, &other)
		if err != nil || other {
			return cmp.Or(err, error(errOtherIdentity))
		}
		_, err = tx.NewRaw(`INSERT INTO user_identities (issuer, subject, user_id, email) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			in.Issuer, in.Subject, found.ID, email).Exec(ctx)
		return err
	})
	if errors.Is(err, errOtherIdentity) {
		slog.WarnContext(ctx, "sign-in refused: the e-mail belongs to a person linked to another subject at this provider", "issuer", in.Issuer, "subject", in.Subject)
		return nil, errOtherIdentity
	}
	if err != nil {
		return nil, fmt.Errorf("first sign-in: %w", err)
	}
	if created {
		s.changed()
	}
	slog.InfoContext(ctx, "sign-in: identity linked", "user_id", found.ID, "issuer", in.Issuer, "subject", in.Subject, "created", created)
	return found, nil
}
