package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
	"firebreak/models"
)

// Browser sessions are the third way in, beside API keys and sign-in
// tokens: a person signed in to the console holds an opaque secret in an
// HttpOnly cookie that page scripts cannot read (the IETF's OAuth 2.0 for
// Browser-Based Applications, "backend for frontend"). Only its hash is
// stored. Every request the cookie authenticates that changes something
// also carries the session's CSRF token in a header, which a page on
// another site cannot learn.
const (
	// SessionCookie names the cookie holding the session's secret.
	SessionCookie = "firebreak_session"
	// CSRFHeader carries the session's CSRF token.
	CSRFHeader = "X-Firebreak-CSRF"

	sessionPrefix = "fbs_"
	linkPrefix    = "fbl_"
)

// Session lifetimes (docs/security.md): a session ends SessionLifetime
// after it started whatever its use, and after SessionIdle without a
// request. last_seen_at is written at most once a minute.
const (
	SessionLifetime    = 12 * time.Hour
	SessionIdle        = 2 * time.Hour
	SignInLinkLifetime = 30 * time.Minute
	lastSeenPrecision  = time.Minute
)

// sessionIsLive is the condition (given now and now - SessionIdle) under
// which a session, joined with its "user", still authenticates.
const sessionIsLive = `browser_session.ended_at IS NULL AND browser_session.expires_at > ? AND browser_session.last_seen_at > ?
	AND "user".deactivated_at IS NULL AND "user".role = browser_session.role_at_start`

// SessionMethod is how a browser session began.
type SessionMethod string

const (
	SessionByLink SessionMethod = "LINK"
	SessionByOIDC SessionMethod = "OIDC"
)

type browserSession struct {
	bun.BaseModel `bun:"table:browser_sessions,alias:browser_session"`

	ID          int64           `bun:"id,pk,autoincrement"`
	SecretHash  []byte          `bun:"secret_hash"`
	CSRFToken   string          `bun:"csrf_token"`
	UserID      int64           `bun:"user_id"`
	RoleAtStart models.UserRole `bun:"role_at_start"`
	Method      SessionMethod   `bun:"method"`
	LastSeenAt  time.Time       `bun:"last_seen_at"`
	ExpiresAt   time.Time       `bun:"expires_at"`
	User        *models.User    `bun:"rel:belongs-to,join:user_id=id"`
}

// NewSession is a session just started: its secret goes into the cookie,
// once; the CSRF token is handed to the console (GET /auth/session).
type NewSession struct {
	Secret    string
	CSRFToken string
	ExpiresAt time.Time
	User      *models.User
}

var (
	errNoSession   = apperr.New(apperr.Unauthenticated, "the browser session has ended: sign in again")
	errBadLink     = apperr.New(apperr.Unauthenticated, "this sign-in link is unknown, used or expired: ask for a new one (firebreak signin-link)")
	errLinkForNone = apperr.New(apperr.NotFound, "no active person has that e-mail address")
)

// StartSession starts a browser session for an active person, in db (a
// transaction of the caller's, such as a sign-in link's redemption).
func (s *Service) StartSession(ctx context.Context, db bun.IDB, user *models.User, method SessionMethod) (*NewSession, error) {
	if !user.Active() {
		return nil, apperr.New(apperr.Unauthenticated, "this person has been deactivated in Firebreak")
	}
	now := s.now()
	n := &NewSession{Secret: sessionPrefix + rand.Text() + rand.Text(), CSRFToken: rand.Text(), ExpiresAt: now.Add(SessionLifetime), User: user}
	_, err := db.NewInsert().Model(&browserSession{
		SecretHash: HashKey(n.Secret), CSRFToken: n.CSRFToken, UserID: user.ID, RoleAtStart: user.Role,
		Method: method, LastSeenAt: now, ExpiresAt: n.ExpiresAt,
	}).Exec(ctx)
	if err != nil {
		return nil, fmt.Errorf("start browser session: %w", err)
	}
	return n, nil
}

// AuthenticateSession returns the credential of a session cookie's
// secret: its person (with their role now, which is the role the session
// began with — a changed role ends it), the session's id and CSRF token.
func (s *Service) AuthenticateSession(ctx context.Context, secret string) (*Credential, error) {
	if !strings.HasPrefix(secret, sessionPrefix) {
		return nil, errNoSession
	}
	now := s.now()
	sess := new(browserSession)
	err := s.db.NewSelect().Model(sess).Relation("User").Where("browser_session.secret_hash = ?", HashKey(secret)).
		Where(sessionIsLive, now, now.Add(-SessionIdle)).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoSession
	}
	if err != nil {
		return nil, fmt.Errorf("look up browser session: %w", err)
	}
	if now.Sub(sess.LastSeenAt) > lastSeenPrecision {
		// Best effort, like an API key's last use.
		_, _ = s.db.NewUpdate().Model((*browserSession)(nil)).Set("last_seen_at = ?", now).Where("id = ?", sess.ID).Exec(ctx)
	}
	return &Credential{User: sess.User, SessionID: sess.ID, CSRFToken: sess.CSRFToken, Expires: sess.ExpiresAt, RateKey: personRateKey(sess.UserID)}, nil
}

func personRateKey(userID int64) []byte {
	sum := sha256.Sum256([]byte("person:" + strconv.FormatInt(userID, 10)))
	return sum[:]
}

// EndSession ends the session of a cookie's secret (signing out); ending
// one already ended is not an error.
func (s *Service) EndSession(ctx context.Context, secret string) error {
	_, err := s.db.NewUpdate().Model((*browserSession)(nil)).Set("ended_at = ?", s.now()).
		Where("secret_hash = ?", HashKey(secret)).Where("ended_at IS NULL").Exec(ctx)
	if err != nil {
		return fmt.Errorf("end browser session: %w", err)
	}
	return nil
}

// EndedSessions returns those of ids that no longer authenticate: signed
// out, expired, idle too long, their person deactivated or given another
// role. One statement for any number of sessions.
func (s *Service) EndedSessions(ctx context.Context, ids []int64) ([]int64, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	now := s.now()
	var live []int64
	err := s.db.NewSelect().Model((*browserSession)(nil)).Column("browser_session.id").
		Join(`JOIN users AS "user" ON "user".id = browser_session.user_id`).
		Where("browser_session.id IN (?)", bun.In(ids)).Where(sessionIsLive, now, now.Add(-SessionIdle)).Scan(ctx, &live)
	if err != nil {
		return nil, fmt.Errorf("check browser sessions: %w", err)
	}
	return missing(ids, live), nil
}

// missing returns those of ids not in found.
func missing(ids, found []int64) []int64 {
	ok := make(map[int64]bool, len(found))
	for _, id := range found {
		ok[id] = true
	}
	var out []int64
	for _, id := range ids {
		if !ok[id] {
			out = append(out, id)
		}
	}
	return out
}

// IssueSignInLink returns a one-time sign-in token for the active person
// with that e-mail address (firebreak signin-link): it starts one browser
// session within SignInLinkLifetime.
func (s *Service) IssueSignInLink(ctx context.Context, email string) (string, *models.User, error) {
	email = strings.TrimSpace(email)
	if !strings.Contains(email, "@") {
		return "", nil, apperr.BadInput("email", "email is not an email address")
	}
	user := new(models.User)
	err := s.db.NewSelect().Model(user).Where("lower(email) = lower(?)", email).Where("deactivated_at IS NULL").Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil, errLinkForNone
	}
	if err != nil {
		return "", nil, fmt.Errorf("find person: %w", err)
	}
	token := linkPrefix + rand.Text() + rand.Text()
	_, err = s.db.NewRaw("INSERT INTO signin_links (token_hash, user_id, expires_at) VALUES (?, ?, ?)",
		HashKey(token), user.ID, s.now().Add(SignInLinkLifetime)).Exec(ctx)
	if err != nil {
		return "", nil, fmt.Errorf("issue sign-in link: %w", err)
	}
	return token, user, nil
}

// RedeemSignInLink uses a sign-in link's token, once, and starts its
// person's session in the same transaction: two redemptions of one link
// start one session.
func (s *Service) RedeemSignInLink(ctx context.Context, token string) (*NewSession, error) {
	if !strings.HasPrefix(token, linkPrefix) {
		return nil, errBadLink
	}
	var started *NewSession
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		now := s.now()
		var userID int64
		err := tx.NewRaw(`UPDATE signin_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING user_id`,
			now, HashKey(token), now).Scan(ctx, &userID)
		if errors.Is(err, sql.ErrNoRows) {
			return errBadLink
		}
		if err != nil {
			return err
		}
		user := new(models.User)
		if err := tx.NewSelect().Model(user).Where("id = ?", userID).For("SHARE").Scan(ctx); err != nil {
			return err
		}
		started, err = s.StartSession(ctx, tx, user, SessionByLink)
		return err
	})
	if err != nil {
		if _, ok := apperr.As(err); ok {
			return nil, err
		}
		return nil, fmt.Errorf("redeem sign-in link: %w", err)
	}
	return started, nil
}

// IssueFirstAdminLink returns a sign-in link's token for the first active
// admin with an e-mail address (make run prints it), and that address;
// "" when there is none.
func (s *Service) IssueFirstAdminLink(ctx context.Context) (token, email string, err error) {
	err = s.db.NewSelect().Model((*models.User)(nil)).Column("email").Where("role = ?", models.RoleAdmin).
		Where("deactivated_at IS NULL").Where("email IS NOT NULL").OrderExpr("id").Limit(1).Scan(ctx, &email)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", nil
	}
	if err != nil {
		return "", "", fmt.Errorf("find the first admin: %w", err)
	}
	token, _, err = s.IssueSignInLink(ctx, email)
	return token, email, err
}
