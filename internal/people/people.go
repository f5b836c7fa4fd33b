// Package people manages the people who use Firebreak: who they are, what
// they may do, and whether they may still sign in. Every change is one
// transaction with its audit entry (package audit).
package people

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
	"firebreak/internal/refcache"
	"firebreak/models"
)

const (
	maxName  = 100
	maxEmail = 320
)

// Service reads and changes people.
type Service struct {
	db  *bun.DB
	now func() time.Time
	// changed drops this process's cached keys and people once a change
	// committed (the database's notification tells the other processes).
	changed func()
}

func NewService(db *bun.DB) *Service { return &Service{db: db, now: time.Now, changed: func() {}} }

// DropCachedOnChange makes every committed change advance epoch at once,
// so this process's next request sees it.
func (s *Service) DropCachedOnChange(epoch *refcache.Epoch) *Service {
	s.changed = epoch.Changed
	return s
}

// Filter narrows the list of people.
type Filter struct {
	// Query matches names and e-mail addresses (case-insensitive, anywhere).
	Query  string
	Role   *models.UserRole
	Active *bool
}

func (f Filter) apply(q *bun.SelectQuery) *bun.SelectQuery {
	if f.Query != "" {
		pattern := "%" + escapeLike(strings.ToLower(strings.TrimSpace(f.Query))) + "%"
		q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
			return q.Where(`lower("user".name) LIKE ?`, pattern).WhereOr(`lower("user".email) LIKE ?`, pattern)
		})
	}
	if f.Role != nil {
		q.Where(`"user".role = ?`, *f.Role)
	}
	if f.Active != nil {
		if *f.Active {
			q.Where(`"user".deactivated_at IS NULL`)
		} else {
			q.Where(`"user".deactivated_at IS NOT NULL`)
		}
	}
	return q
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// List returns a page of people in the order they joined. Everyone may list
// people: they are who incidents' roles are given to.
func (s *Service) List(ctx context.Context, f Filter, w database.Window) (database.Page[*models.User], error) {
	if utf8.RuneCountInString(f.Query) > maxName {
		return database.Page[*models.User]{}, apperr.BadInput("query", "query must be at most %d characters", maxName)
	}
	return database.Keyset[*models.User](ctx, f.apply(s.db.NewSelect().Model((*models.User)(nil))),
		[]string{`"user".created_at`, `"user".id`}, false, w)
}

// Count counts the people the filter matches.
func (s *Service) Count(ctx context.Context, f Filter) (int64, error) {
	n, err := f.apply(s.db.NewSelect().Model((*models.User)(nil))).Count(ctx)
	return int64(n), err
}

// Input creates or edits a person; nil fields of an edit stay.
type Input struct {
	Name  *string
	Email *string
	Role  *models.UserRole
}

func (in Input) apply(u *models.User) error {
	if in.Name != nil {
		name := strings.TrimSpace(*in.Name)
		if n := utf8.RuneCountInString(name); n == 0 || n > maxName {
			return apperr.BadInput("name", "name must be 1 to %d characters", maxName)
		}
		u.Name = name
	}
	if in.Email != nil {
		email := strings.TrimSpace(*in.Email)
		at := strings.IndexByte(email, '@')
		if at < 1 || at == len(email)-1 || len(email) > maxEmail || strings.ContainsAny(email, " \t\r\n") {
			return apperr.BadInput("email", "email is not an email address")
		}
		u.Email = &email
	}
	if in.Role != nil {
		if !in.Role.IsValid() {
			return apperr.BadInput("role", "role must be VIEWER, RESPONDER or ADMIN")
		}
		u.Role = *in.Role
	}
	return nil
}

// Create adds a person (ADMIN).
func (s *Service) Create(ctx context.Context, actor *models.User, in Input) (*models.User, error) {
	if err := actor.RequireRole(models.RoleAdmin); err != nil {
		return nil, err
	}
	switch {
	case in.Name == nil:
		return nil, apperr.BadInput("name", "name is required")
	case in.Email == nil:
		return nil, apperr.BadInput("email", "email is required")
	case in.Role == nil:
		return nil, apperr.BadInput("role", "role is required")
	}
	u := new(models.User)
	if err := in.apply(u); err != nil {
		return nil, err
	}
	err := audit.InTx(ctx, s.db, actor, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(u).Returning("*").Exec(ctx)
		return err
	})
	if _, dup := database.UniqueViolation(err); dup {
		return nil, apperr.BadInput("email", "someone already has the email %s", *u.Email)
	}
	if err != nil {
		return nil, fmt.Errorf("create user: %w", err)
	}
	return u, nil
}

// Update changes a person's name or role (ADMIN). The last active admin
// cannot be demoted.
func (s *Service) Update(ctx context.Context, actor *models.User, id int64, in Input) (*models.User, error) {
	return s.change(ctx, actor, id, func(u *models.User) error { return in.apply(u) })
}

// Deactivate stops a person from signing in (ADMIN): their keys stop
// working on the next request, on every process, and their open
// websockets end; their history stays theirs. The last active admin cannot
// be deactivated.
func (s *Service) Deactivate(ctx context.Context, actor *models.User, id int64) (*models.User, error) {
	return s.change(ctx, actor, id, func(u *models.User) error {
		if u.DeactivatedAt == nil {
			now := s.now()
			u.DeactivatedAt = &now
		}
		return nil
	})
}

// Reactivate lets a deactivated person sign in again (ADMIN). Keys revoked
// in the meantime stay revoked.
func (s *Service) Reactivate(ctx context.Context, actor *models.User, id int64) (*models.User, error) {
	return s.change(ctx, actor, id, func(u *models.User) error {
		u.DeactivatedAt = nil
		return nil
	})
}

// errLastAdmin keeps at least one person able to manage Firebreak.
var errLastAdmin = apperr.New(apperr.Conflict, "this is the last active admin: make someone else an admin first")

// change is every edit of a person (ADMIN): it locks the active admins and
// the person, applies edit and saves it with its audit entry. Locking every
// active admin (in id order) makes two admins demoting each other at once
// take turns, so one always remains.
func (s *Service) change(ctx context.Context, actor *models.User, id int64, edit func(*models.User) error) (*models.User, error) {
	if err := actor.RequireRole(models.RoleAdmin); err != nil {
		return nil, err
	}
	return s.save(ctx, actor, id, edit)
}

// save applies edit to person id under the last-admin rule; actor nil is
// Firebreak itself (a sign-in applying the identity provider's roles).
func (s *Service) save(ctx context.Context, actor *models.User, id int64, edit func(*models.User) error) (*models.User, error) {
	u := new(models.User)
	err := audit.InTx(ctx, s.db, actor, func(ctx context.Context, tx bun.Tx) error {
		var admins []int64
		err := tx.NewSelect().Model((*models.User)(nil)).Column("id").
			Where("role = ?", models.RoleAdmin).Where("deactivated_at IS NULL").
			Order("id").For("UPDATE").Scan(ctx, &admins)
		if err != nil {
			return err
		}
		err = tx.NewSelect().Model(u).Where("id = ?", id).For("UPDATE").Scan(ctx)
		if database.IsNoRows(err) {
			return apperr.NotFoundf("user not found")
		}
		if err != nil {
			return err
		}
		wasAdmin := u.IsAdmin() && u.Active()
		if err := edit(u); err != nil {
			return err
		}
		if wasAdmin && !(u.IsAdmin() && u.Active()) && len(admins) <= 1 {
			return errLastAdmin
		}
		_, err = tx.NewUpdate().Model(u).Column("name", "email", "role", "deactivated_at").
			Set("updated_at = now()").WherePK().Returning("*").Exec(ctx)
		return err
	})
	if _, dup := database.UniqueViolation(err); dup {
		return nil, apperr.BadInput("email", "someone already has that email")
	}
	if err != nil {
		return nil, fmt.Errorf("change user: %w", err)
	}
	s.changed()
	return u, nil
}
