// Package inbox keeps users' in-app notifications: what Firebreak
// asks of them, such as an overdue status update.
package inbox

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
	"firebreak/internal/database"
	"firebreak/models"
)

// Insert adds notifications in the caller's transaction. A notification
// for the same user and event exists at most once, so retries add none.
func Insert(ctx context.Context, db bun.IDB, notes []*models.Notification) error {
	if len(notes) == 0 {
		return nil
	}
	_, err := db.NewInsert().Model(&notes).On("CONFLICT (user_id, event_id) DO NOTHING").Exec(ctx)
	return err
}

// Service reads and marks a user's notifications.
type Service struct{ db *bun.DB }

func NewService(db *bun.DB) *Service { return &Service{db: db} }

// List returns the user's notifications newest first, after the given id
// (the previous page's last), optionally only unread ones.
func (s *Service) List(ctx context.Context, user *models.User, unreadOnly bool, w database.Window) (database.Page[*models.Notification], error) {
	return database.NewestFirst[*models.Notification](ctx, s.query(user, unreadOnly), "n.id", w)
}

// Count counts the user's notifications, or only the unread ones.
func (s *Service) Count(ctx context.Context, user *models.User, unreadOnly bool) (int64, error) {
	n, err := s.query(user, unreadOnly).Model((*models.Notification)(nil)).Count(ctx)
	return int64(n), err
}

func (s *Service) query(user *models.User, unreadOnly bool) *bun.SelectQuery {
	q := s.db.NewSelect().Where("n.user_id = ?", user.ID)
	if unreadOnly {
		q.Where("n.read_at IS NULL")
	}
	return q
}

// MarkRead marks the given notifications of the user read, or all of them
// when ids is empty, and returns how many were unread before.
func (s *Service) MarkRead(ctx context.Context, user *models.User, ids []int64, at time.Time) (int, error) {
	q := s.db.NewUpdate().Model((*models.Notification)(nil)).Set("read_at = ?", at).
		Where("user_id = ?", user.ID).Where("read_at IS NULL")
	if len(ids) > 0 {
		q.Where("id IN (?)", bun.In(ids))
	}
	res, err := q.Exec(ctx)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// Get returns one of the user's notifications; anyone else's is NOT_FOUND.
func (s *Service) Get(ctx context.Context, user *models.User, id int64) (*models.Notification, error) {
	n := new(models.Notification)
	err := s.db.NewSelect().Model(n).Where("id = ?", id).Where("user_id = ?", user.ID).Scan(ctx)
	if database.IsNoRows(err) {
		return nil, apperr.NotFoundf("notification not found")
	}
	return n, err
}
