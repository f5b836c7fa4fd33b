// Package auth issues and checks API keys and carries the authenticated user
// through a request's context.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
	"firebreak/internal/database"
	"firebreak/internal/refcache"
	"firebreak/models"
)

// keyPrefix marks Firebreak keys so secret scanners and people recognise them.
const keyPrefix = "fbk_"

// lastUsedPrecision limits last_used_at writes to one per key per minute.
const lastUsedPrecision = time.Minute

// Service manages users' API keys.
type Service struct {
	db  *bun.DB
	now func() time.Time
	// keys holds keys that authenticated, by hash, with their user; nil:
	// every request reads PostgreSQL.
	keys *refcache.Cache[string, models.APIKey]
	// tokens checks sign-in tokens; nil: API keys only.
	tokens TokenAuthenticator
}

func NewService(db *bun.DB) *Service { return &Service{db: db, now: time.Now} }

// Cached keys are kept this long at most; a change drops them at once.
const (
	keyCacheTTL  = 10 * time.Second
	keyCacheSize = 10_000
)

// CacheKeys makes the service remember keys that authenticated (and their
// users) until epoch says keys or people changed: a request then costs no
// statement to authenticate.
func (s *Service) CacheKeys(epoch *refcache.Epoch) *Service {
	s.keys = refcache.New[string, models.APIKey](epoch, keyCacheTTL, keyCacheSize)
	return s
}

// HashKey is what is stored of a key (SHA-256): it also names the key where
// the key itself must not appear, such as rate-limit counters in Redis.
func HashKey(key string) []byte {
	sum := sha256.Sum256([]byte(key))
	return sum[:]
}

func generateKey() string {
	return keyPrefix + rand.Text() + rand.Text()[:6]
}

// CreateKeyParams describes the user a key is for.
type CreateKeyParams struct {
	Name  string
	Email string
	Role  models.UserRole
	// KeyName labels the key itself (defaults to "cli").
	KeyName   string
	ExpiresAt *time.Time
}

// CreateKey creates the user (or reuses the one with that email) and a new
// key for them. The plaintext key is returned once and never stored.
func (s *Service) CreateKey(ctx context.Context, p CreateKeyParams) (string, *models.User, error) {
	p.Name = strings.TrimSpace(p.Name)
	p.Email = strings.TrimSpace(p.Email)
	if p.Name == "" {
		return "", nil, apperr.BadInput("name", "name must not be empty")
	}
	if !p.Role.IsValid() {
		return "", nil, apperr.BadInput("role", "role must be VIEWER, RESPONDER or ADMIN")
	}
	if p.Email != "" && !strings.Contains(p.Email, "@") {
		return "", nil, apperr.BadInput("email", "email is not an email address")
	}
	if p.KeyName == "" {
		p.KeyName = "cli"
	}
	key := generateKey()
	user := new(models.User)
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		found := false
		if p.Email != "" {
			err := tx.NewSelect().Model(user).Where("lower(email) = lower(?)", p.Email).For("UPDATE").Scan(ctx)
			switch {
			case err == nil:
				found = true
			case !errors.Is(err, sql.ErrNoRows):
				return err
			}
		}
		if !found {
			user.Name, user.Role = p.Name, p.Role
			if p.Email != "" {
				user.Email = &p.Email
			}
			if _, err := tx.NewInsert().Model(user).Returning("*").Exec(ctx); err != nil {
				return err
			}
		}
		_, err := tx.NewInsert().Model(&models.APIKey{
			UserID:    user.ID,
			Name:      p.KeyName,
			KeyHash:   HashKey(key),
			Prefix:    key[:len(keyPrefix)+6],
			ExpiresAt: p.ExpiresAt,
		}).Exec(ctx)
		return err
	})
	if err != nil {
		return "", nil, fmt.Errorf("create api key: %w", err)
	}
	return key, user, nil
}

var (
	errBadKey      = apperr.New(apperr.Unauthenticated, "the API key is unknown, expired or revoked")
	errDeactivated = apperr.New(apperr.Unauthenticated, "the person this API key belongs to has been deactivated")
)

// Authenticate returns the user a key belongs to, or UNAUTHENTICATED.
func (s *Service) Authenticate(ctx context.Context, key string) (*models.User, error) {
	k, err := s.AuthenticateKey(ctx, key)
	if err != nil {
		return nil, err
	}
	return k.User, nil
}

// AuthenticateKey is Authenticate returning the key itself (with its User),
// for holders that must notice its revocation later (sockets, sessions).
func (s *Service) AuthenticateKey(ctx context.Context, key string) (*models.APIKey, error) {
	if !strings.HasPrefix(key, keyPrefix) {
		return nil, errBadKey
	}
	hash := HashKey(key)
	k, err := s.lookUpKey(ctx, hash)
	if err != nil {
		return nil, err
	}
	now := s.now()
	if k.RevokedAt != nil || (k.ExpiresAt != nil && !k.ExpiresAt.After(now)) {
		return nil, errBadKey
	}
	if !k.User.Active() {
		return nil, errDeactivated
	}
	k.User.Role = k.EffectiveRole(k.User.Role)
	if k.LastUsedAt == nil || now.Sub(*k.LastUsedAt) > lastUsedPrecision {
		// Best effort: a failed bookkeeping write must not fail the request.
		_, _ = s.db.NewUpdate().Model((*models.APIKey)(nil)).Set("last_used_at = ?", now).Where("id = ?", k.ID).Exec(ctx)
		s.keys.Update(string(hash), func(cached models.APIKey) models.APIKey { cached.LastUsedAt = &now; return cached })
	}
	return k, nil
}

// lookUpKey returns the key with the given hash and its user: a copy of
// the cached one, which callers may not share, or one read now.
func (s *Service) lookUpKey(ctx context.Context, hash []byte) (*models.APIKey, error) {
	if cached, ok := s.keys.Get(string(hash)); ok {
		user := *cached.User
		cached.User = &user
		return &cached, nil
	}
	epoch := s.keys.Epoch()
	k := new(models.APIKey)
	err := s.db.NewSelect().Model(k).Relation("User").Where("key_hash = ?", hash).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errBadKey
	}
	if err != nil {
		return nil, fmt.Errorf("look up api key: %w", err)
	}
	cached, user := *k, *k.User
	cached.User = &user
	s.keys.Put(string(hash), cached, epoch)
	return k, nil
}

// KeyUser returns the user of a key that still authenticates (not revoked,
// not expired), or nil: one statement, for holders of a key's id such as
// admin sessions.
func (s *Service) KeyUser(ctx context.Context, keyID int64) (*models.User, error) {
	k := new(models.APIKey)
	err := s.db.NewSelect().Model(k).Relation("User").Where("api_key.id = ?", keyID).
		Where("api_key.revoked_at IS NULL").Where("api_key.expires_at IS NULL OR api_key.expires_at > ?", s.now()).
		Where(`"user".deactivated_at IS NULL`).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("look up api key: %w", err)
	}
	k.User.Role = k.EffectiveRole(k.User.Role)
	return k.User, nil
}

// UnusableKeys returns those of ids that no longer authenticate: revoked,
// expired, gone, or their person deactivated. One statement for any number
// of keys.
func (s *Service) UnusableKeys(ctx context.Context, ids []int64) ([]int64, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var usable []int64
	err := s.db.NewSelect().Model((*models.APIKey)(nil)).Column("api_key.id").
		Join(`JOIN users AS "user" ON "user".id = api_key.user_id`).
		Where("api_key.id IN (?)", bun.In(ids)).Where("api_key.revoked_at IS NULL").
		Where("api_key.expires_at IS NULL OR api_key.expires_at > ?", s.now()).
		Where(`"user".deactivated_at IS NULL`).Scan(ctx, &usable)
	if err != nil {
		return nil, fmt.Errorf("check api keys: %w", err)
	}
	return missing(ids, usable), nil
}

// RevokeKey revokes the key with the given plaintext or prefix.
func (s *Service) RevokeKey(ctx context.Context, keyOrPrefix string) error {
	q := s.db.NewUpdate().Model((*models.APIKey)(nil)).Set("revoked_at = ?", s.now()).Where("revoked_at IS NULL")
	if len(keyOrPrefix) > len(keyPrefix)+6 {
		q = q.Where("key_hash = ?", HashKey(keyOrPrefix))
	} else {
		q = q.Where("prefix = ?", keyOrPrefix)
	}
	res, err := q.Exec(ctx)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.NotFoundf("no active API key matches")
	}
	return nil
}

// initialAdminEmail identifies the admin created by `firebreak all` on an
// empty database.
const initialAdminEmail = "admin@firebreak.local"

// EnsureInitialAdmin creates an admin user and key when no admin exists yet,
// and returns the key ("" when an admin already existed).
func (s *Service) EnsureInitialAdmin(ctx context.Context) (string, error) {
	var key string
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		// Two processes starting at once must not both create one.
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(7246118002)"); err != nil {
			return err
		}
		exists, err := tx.NewSelect().Model((*models.User)(nil)).Where("role = ?", models.RoleAdmin).Exists(ctx)
		if err != nil || exists {
			return err
		}
		email := initialAdminEmail
		user := &models.User{Name: "Admin", Email: &email, Role: models.RoleAdmin}
		if _, err := tx.NewInsert().Model(user).Returning("*").Exec(ctx); err != nil {
			return err
		}
		key = generateKey()
		_, err = tx.NewInsert().Model(&models.APIKey{
			UserID: user.ID, Name: "initial admin", KeyHash: HashKey(key), Prefix: key[:len(keyPrefix)+6],
		}).Exec(ctx)
		return err
	})
	return key, err
}

// UsersByID loads people by id (authors, role holders, owners), for the
// loaders, documents and live events.
func (s *Service) UsersByID(ctx context.Context, ids []int64) (map[int64]*models.User, error) {
	return database.Keyed(ctx, s.db.NewSelect().Where("id IN (?)", bun.In(ids)), func(r *models.User) int64 { return r.ID })
}

// InactivePeople returns those of ids who are deactivated or gone: their
// sign-in tokens stop working. One statement for any number of people.
func (s *Service) InactivePeople(ctx context.Context, ids []int64) ([]int64, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var active []int64
	err := s.db.NewSelect().Model((*models.User)(nil)).Column("id").
		Where("id IN (?)", bun.In(ids)).Where("deactivated_at IS NULL").Scan(ctx, &active)
	if err != nil {
		return nil, fmt.Errorf("check people: %w", err)
	}
	return missing(ids, active), nil
}
