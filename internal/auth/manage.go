package auth

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
	"firebreak/internal/audit"
	"firebreak/internal/database"
	"firebreak/models"
)

const (
	maxKeyName = 100
	// maxKeysPerPerson bounds the working keys one person may hold: each
	// is a row and a way in.
	maxKeysPerPerson = 100
)

// NewKeyInput is an API key asked for through the API.
type NewKeyInput struct {
	Name string
	// UserID is whose key it is: nil for the caller's own; only admins may
	// make keys for others.
	UserID *int64
	// Role narrows the key below its owner's role (nil: the owner's role).
	Role      *models.UserRole
	ExpiresAt *time.Time
}

// IssueKey creates an API key and returns its secret, shown this once and
// stored only as a hash, in one transaction with its audit entry.
func (s *Service) IssueKey(ctx context.Context, actor *models.User, in NewKeyInput) (string, *models.APIKey, error) {
	name := strings.TrimSpace(in.Name)
	if n := utf8.RuneCountInString(name); n == 0 || n > maxKeyName {
		return "", nil, apperr.BadInput("name", "name must be 1 to %d characters", maxKeyName)
	}
	ownerID := actor.ID
	if in.UserID != nil && *in.UserID != actor.ID {
		if err := actor.RequireRole(models.RoleAdmin); err != nil {
			return "", nil, err
		}
		ownerID = *in.UserID
	}
	if in.Role != nil && !in.Role.IsValid() {
		return "", nil, apperr.BadInput("role", "role must be VIEWER, RESPONDER or ADMIN")
	}
	if in.ExpiresAt != nil && !in.ExpiresAt.After(s.now()) {
		return "", nil, apperr.BadInput("expiresAt", "expiresAt must be in the future")
	}
	secret := generateKey()
	k := &models.APIKey{Name: name, KeyHash: HashKey(secret), Prefix: secret[:len(keyPrefix)+6], Role: in.Role, ExpiresAt: in.ExpiresAt}
	err := audit.InTx(ctx, s.db, actor, func(ctx context.Context, tx bun.Tx) error {
		// The owner's row lock makes concurrent requests count keys in turn.
		owner := new(models.User)
		err := tx.NewSelect().Model(owner).Where("id = ?", ownerID).For("UPDATE").Scan(ctx)
		if database.IsNoRows(err) {
			return apperr.BadInput("userId", "no such user")
		}
		if err != nil {
			return err
		}
		if !owner.Active() {
			return apperr.BadInput("userId", "%s is deactivated", owner.Name)
		}
		// A key never does more than its owner may, nor more than the key
		// that made it (a narrowed key must not mint a broader one for its
		// owner). A role asked for beyond that is refused, not narrowed.
		limit := owner.Role
		if actor.Role.Rank() < limit.Rank() {
			limit = actor.Role
		}
		switch {
		case in.Role == nil && limit != owner.Role:
			k.Role = &limit
		case in.Role != nil && in.Role.Rank() > limit.Rank():
			return apperr.BadInput("role", "this key may do at most what %s may", limit)
		}
		// Nor does it outlive the key that made it: a key that expires in
		// an hour must not mint one that never does. (A sign-in token's
		// short life is the session's, not a bound on the person: the
		// provider vouches for them again at every sign-in.)
		if maker, ok := KeyIDFrom(ctx); ok {
			var makerExpires *time.Time
			if err := tx.NewRaw("SELECT expires_at FROM api_keys WHERE id = ?", maker).Scan(ctx, &makerExpires); err != nil {
				return err
			}
			switch {
			case makerExpires == nil:
			case k.ExpiresAt == nil:
				k.ExpiresAt = makerExpires
			case k.ExpiresAt.After(*makerExpires):
				return apperr.BadInput("expiresAt", "a key made with a key that expires at %s cannot outlive it", makerExpires.UTC().Format(time.RFC3339))
			}
		}
		active, err := tx.NewSelect().Model((*models.APIKey)(nil)).Where("user_id = ?", owner.ID).
			Where("revoked_at IS NULL").Where("expires_at IS NULL OR expires_at > ?", s.now()).Count(ctx)
		if err != nil {
			return err
		}
		if active >= maxKeysPerPerson {
			return apperr.New(apperr.Conflict, "%s already has %d working API keys: revoke some first", owner.Name, active)
		}
		k.UserID, k.User = owner.ID, owner
		_, err = tx.NewInsert().Model(k).Returning("id, created_at").Exec(ctx)
		return err
	})
	if err != nil {
		return "", nil, fmt.Errorf("create api key: %w", err)
	}
	return secret, k, nil
}

// Keys lists API keys, newest first: every key for admins, one's own for
// everyone else. Secrets are never readable.
func (s *Service) Keys(ctx context.Context, viewer *models.User, w database.Window) (database.Page[*models.APIKey], error) {
	return database.Keyset[*models.APIKey](ctx, s.visibleKeys(viewer), []string{"api_key.created_at", "api_key.id"}, true, w)
}

// CountKeys counts the keys Keys would list.
func (s *Service) CountKeys(ctx context.Context, viewer *models.User) (int64, error) {
	n, err := s.visibleKeys(viewer).Count(ctx)
	return int64(n), err
}

func (s *Service) visibleKeys(viewer *models.User) *bun.SelectQuery {
	q := s.db.NewSelect().Model((*models.APIKey)(nil)).ExcludeColumn("key_hash")
	if !viewer.IsAdmin() {
		q.Where("api_key.user_id = ?", viewer.ID)
	}
	return q
}

// RevokeKeyByID revokes a key: one's own, or anyone's for admins. It stops
// working on this process at once and on every other as soon as the
// database's notification reaches it. Revoking a revoked key changes
// nothing.
func (s *Service) RevokeKeyByID(ctx context.Context, actor *models.User, id int64) (*models.APIKey, error) {
	k := new(models.APIKey)
	err := audit.InTx(ctx, s.db, actor, func(ctx context.Context, tx bun.Tx) error {
		err := tx.NewSelect().Model(k).ExcludeColumn("key_hash").Where("id = ?", id).For("UPDATE").Scan(ctx)
		if database.IsNoRows(err) || (err == nil && k.UserID != actor.ID && !actor.IsAdmin()) {
			return apperr.NotFoundf("API key not found") // others' keys are not even confirmed to exist
		}
		if err != nil || k.RevokedAt != nil {
			return err
		}
		now := s.now()
		k.RevokedAt = &now
		_, err = tx.NewUpdate().Model(k).Column("revoked_at").WherePK().Exec(ctx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("revoke api key: %w", err)
	}
	s.keys.Changed()
	return k, nil
}
