// Package subscribers keeps the status page's e-mail subscribers — double
// opt-in, a choice of components, one-click unsubscribe — and mails them
// the public updates of published incidents. The event relay records one
// message per subscriber and update in the transaction that publishes the
// update (Notify); a worker task sends each one over SMTP (wneessen/go-mail)
// with retries, and the reconciler re-queues any left pending.
package subscribers

import (
	"context"
	"crypto/rand"
	"net"
	"net/mail"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"firebreak/internal/apperr"
	"firebreak/internal/catalog"
	"firebreak/internal/database"
	"firebreak/internal/incident"
	"firebreak/models"
)

// Config is the FIREBREAK_SMTP_* settings; no SMTPURL: no subscriptions.
type Config struct {
	// SMTPURL is smtp://user:pass@host:port (STARTTLS when offered) or
	// smtps://… (TLS from the start).
	SMTPURL string
	// From is the sender, e.g. "Acme status <status@acme.example>".
	From string
	// PageURL is the status page's address (links in mails).
	PageURL string
	// PageName names the page in mails.
	PageName string
}

// resendAfter spaces confirmation mails to one address: subscribing
// someone else's address again and again sends them one mail an hour.
const resendAfter = time.Hour

// Service keeps subscribers.
type Service struct {
	cfg Config
	db  *bun.DB
	now func() time.Time
}

// New returns the service, or nil without an SMTP server.
func New(cfg Config, db *bun.DB) *Service {
	if cfg.SMTPURL == "" {
		return nil
	}
	if cfg.PageName == "" {
		cfg.PageName = "Status"
	}
	cfg.PageURL = strings.TrimRight(cfg.PageURL, "/")
	return &Service{cfg: cfg, db: db, now: time.Now}
}

// Subscriber is one subscription.
type Subscriber struct {
	bun.BaseModel `bun:"table:status_subscribers,alias:s"`

	ID                 int64      `bun:"id,pk,autoincrement"`
	Email              string     `bun:"email"`
	Components         []int64    `bun:"components,array"`
	Token              string     `bun:"token"`
	ConfirmedAt        *time.Time `bun:"confirmed_at"`
	UnsubscribedAt     *time.Time `bun:"unsubscribed_at"`
	ConfirmationSentAt *time.Time `bun:"confirmation_sent_at"`
	CreatedAt          time.Time  `bun:"created_at,nullzero,default:now()"`

	// FailedMails counts the mails to them given up on (List fills it and
	// LastMailError, the reason the newest failed).
	FailedMails   int     `bun:"failed_mails,scanonly"`
	LastMailError *string `bun:"last_mail_error,scanonly"`
}

// GlobalID is the subscriber's id in the API.
func (s *Subscriber) GlobalID() string { return models.GlobalID(models.TypeStatusSubscriber, s.ID) }

// List returns subscribers, newest first (ADMIN: their addresses are
// personal data).
func (s *Service) List(ctx context.Context, viewer *models.User, first int) ([]*Subscriber, error) {
	if err := viewer.RequireRole(models.RoleAdmin); err != nil {
		return nil, err
	}
	if first < 1 || first > 500 {
		return nil, apperr.BadInput("first", "first must be 1 to 500")
	}
	var out []*Subscriber
	err := s.db.NewSelect().Model(&out).ColumnExpr("s.*").
		ColumnExpr("(SELECT count(*) FROM subscriber_messages m WHERE m.subscriber_id = s.id AND m.status = 'FAILED') AS failed_mails").
		ColumnExpr("(SELECT m.last_error FROM subscriber_messages m WHERE m.subscriber_id = s.id AND m.status = 'FAILED' ORDER BY m.id DESC LIMIT 1) AS last_mail_error").
		OrderExpr("id DESC").Limit(int64(first)).Scan(ctx)
	return out, err
}

// deliverable checks that an address is one every mail server takes: a
// dot-atom local part (no quoted strings: `"a b"@example.com` parses, and
// servers refuse it) at a host name (not an IP literal, which would let
// the form send mail to any machine).
func deliverable(addr string) bool {
	local, domain, ok := strings.Cut(addr, "@")
	if !ok || local == "" || len(local) > 64 || strings.HasPrefix(local, ".") || strings.HasSuffix(local, ".") || strings.Contains(local, "..") {
		return false
	}
	for _, r := range local {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || strings.ContainsRune("!#$%&'*+/=?^_`{|}~-", r)) {
			return false
		}
	}
	labels := strings.Split(strings.TrimSuffix(domain, "."), ".")
	if len(labels) < 2 || net.ParseIP(domain) != nil {
		return false
	}
	for i, l := range labels {
		if l == "" || len(l) > 63 || strings.HasPrefix(l, "-") || strings.HasSuffix(l, "-") {
			return false
		}
		digits := true
		for _, r := range l {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r > 127) {
				return false
			}
			digits = digits && r >= '0' && r <= '9'
		}
		if i == len(labels)-1 && digits {
			return false // 10.0.0.1 as a name
		}
	}
	return true
}

// Subscribe asks an address to confirm a subscription to the given
// components (slugs of public products; none: all). It answers the same
// whether or not the address is subscribed already, so the page tells no
// one who is; it returns the messages to send (none when a confirmation
// went out within the hour, or the address is confirmed already).
func (s *Service) Subscribe(ctx context.Context, email string, componentSlugs []string) ([]int64, error) {
	addr, err := mail.ParseAddress(strings.TrimSpace(email))
	if err != nil || len(addr.Address) > 320 || addr.Name != "" || strings.ContainsAny(addr.Address, "\r\n") || !deliverable(addr.Address) {
		return nil, apperr.BadInput("email", "%q is not an e-mail address mail can be sent to", email)
	}
	slugs := slices.Compact(slices.Sorted(slices.Values(componentSlugs)))
	if len(slugs) > 200 {
		return nil, apperr.BadInput("components", "too many components")
	}
	var components []int64
	if len(slugs) > 0 {
		if err := s.db.NewRaw("SELECT id FROM products WHERE slug IN (?) AND "+catalog.PublicProductSQL("")+" ORDER BY id", bun.In(slugs)).Scan(ctx, &components); err != nil {
			return nil, err
		}
		if len(components) != len(slugs) {
			return nil, apperr.BadInput("components", "choose components from the status page")
		}
	}
	if components == nil {
		components = []int64{} // all components
	}
	var messages []int64
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		sub := new(Subscriber)
		err := tx.NewSelect().Model(sub).Where("lower(email) = lower(?) AND unsubscribed_at IS NULL", addr.Address).For("UPDATE").Scan(ctx)
		switch {
		case database.IsNoRows(err):
			sub = &Subscriber{Email: addr.Address, Components: components, Token: rand.Text() + rand.Text()}
			if sub.Components == nil {
				sub.Components = []int64{}
			}
			if _, err := tx.NewInsert().Model(sub).Returning("*").Exec(ctx); err != nil {
				return err
			}
		case err != nil:
			return err
		case sub.ConfirmedAt != nil:
			return nil // already subscribed: nothing to send, nothing to tell
		case sub.ConfirmationSentAt != nil && s.now().Sub(*sub.ConfirmationSentAt) < resendAfter:
			return nil
		}
		now := s.now()
		if _, err := tx.NewUpdate().Model(sub).Set("confirmation_sent_at = ?", now).Set("components = ?", pgdialect.Array(components)).WherePK().Exec(ctx); err != nil {
			return err
		}
		var id int64
		if err := tx.NewRaw("INSERT INTO subscriber_messages (subscriber_id, kind) VALUES (?, 'CONFIRMATION') RETURNING id", sub.ID).Scan(ctx, &id); err != nil {
			return err
		}
		messages = append(messages, id)
		return nil
	})
	return messages, err
}

// Confirm completes the double opt-in of the subscription with token.
func (s *Service) Confirm(ctx context.Context, token string) error {
	res, err := s.db.NewRaw("UPDATE status_subscribers SET confirmed_at = coalesce(confirmed_at, ?) WHERE token = ? AND unsubscribed_at IS NULL", s.now(), token).Exec(ctx)
	return found(res, err)
}

// Unsubscribe ends the subscription with token (one click, no questions).
func (s *Service) Unsubscribe(ctx context.Context, token string) error {
	res, err := s.db.NewRaw("UPDATE status_subscribers SET unsubscribed_at = coalesce(unsubscribed_at, ?) WHERE token = ?", s.now(), token).Exec(ctx)
	return found(res, err)
}

func found(res interface{ RowsAffected() (int64, error) }, err error) error {
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.NotFoundf("this link is not valid (any more)")
	}
	return nil
}

// Change is a public update the relay saw: UpdateID, or 0 when the
// incident was just published (its latest public update goes out).
type Change struct {
	IncidentID int64
	UpdateID   int64
}

// Notify records, in the relay's transaction, a message for every
// confirmed subscriber of the components each public update of a
// published incident affects; it returns the messages to send.
func Notify(ctx context.Context, tx bun.IDB, changes []Change) ([]int64, error) {
	var ids []int64
	for _, c := range changes {
		var update int64
		err := tx.NewRaw(`SELECT u.id FROM incident_updates u JOIN incidents i ON i.id = u.incident_id
			WHERE i.id = ? AND (? = 0 OR u.id = ?) AND u.public AND `+incident.PublicSQL("i")+`
			ORDER BY u.created_at DESC, u.id DESC LIMIT 1`, c.IncidentID, c.UpdateID, c.UpdateID).Scan(ctx, &update)
		if database.IsNoRows(err) {
			continue // internal, unpublished or private: nobody outside hears of it
		}
		if err != nil {
			return nil, err
		}
		var created []int64
		err = tx.NewRaw(`INSERT INTO subscriber_messages (subscriber_id, kind, incident_update_id)
			SELECT s.id, 'INCIDENT_UPDATE', ? FROM status_subscribers s
			WHERE s.confirmed_at IS NOT NULL AND s.unsubscribed_at IS NULL
			  AND (s.components = '{}' OR s.components && (SELECT coalesce(array_agg(ip.product_id), '{}') FROM incident_products ip
			       JOIN products p ON p.id = ip.product_id AND `+catalog.PublicProductSQL("p")+` WHERE ip.incident_id = ?))
			ON CONFLICT (subscriber_id, incident_update_id) DO NOTHING RETURNING id`, update, c.IncidentID).Scan(ctx, &created)
		if err != nil && !database.IsNoRows(err) {
			return nil, err
		}
		ids = append(ids, created...)
	}
	return ids, nil
}

// Pending returns messages still to send, for the reconciler.
func (s *Service) Pending(ctx context.Context, limit int) ([]int64, error) {
	var ids []int64
	err := s.db.NewRaw("SELECT id FROM subscriber_messages WHERE status = 'PENDING' AND created_at < ? ORDER BY id LIMIT ?", s.now().Add(-time.Minute), limit).Scan(ctx, &ids)
	return ids, err
}
