package auth

import (
	"context"
	"strconv"
	"strings"
	"time"

	"firebreak/models"
)

// TokenAuthenticator checks sign-in tokens from the company's identity
// provider (package signin): the person, and when the token expires.
type TokenAuthenticator interface {
	Authenticate(ctx context.Context, token string) (*models.User, time.Time, error)
}

// WithSignIn makes the service accept sign-in tokens besides API keys.
func (s *Service) WithSignIn(tokens TokenAuthenticator) *Service {
	s.tokens = tokens
	return s
}

// Credential is what a request authenticated with: an API key, a sign-in
// token or a browser session.
type Credential struct {
	User *models.User
	// KeyID is the API key's id; 0 for a sign-in token or session.
	KeyID int64
	// SessionID is the browser session's id; 0 otherwise. CSRFToken is
	// the session's, which requests that change something must carry.
	SessionID int64
	CSRFToken string
	// Expires is when a sign-in token or session stops working (zero for
	// API keys, whose expiry and revocation live in PostgreSQL).
	Expires time.Time
	// RateKey names the credential's rate budget: an API key's hash, or
	// the person's for sign-in tokens, so that every token of one person
	// shares one budget.
	RateKey []byte
}

// Holder names what per-credential limits count: the key, or the person
// signed in with tokens or in browsers.
func (c *Credential) Holder() string {
	if c.KeyID != 0 {
		return "key:" + strconv.FormatInt(c.KeyID, 10)
	}
	return "person:" + strconv.FormatInt(c.User.ID, 10)
}

// AuthenticateBearer checks the token of "Authorization: Bearer <token>":
// an API key, or (with WithSignIn) an OpenID Connect token.
func (s *Service) AuthenticateBearer(ctx context.Context, token string) (*Credential, error) {
	if s.tokens != nil && !strings.HasPrefix(token, keyPrefix) {
		user, expires, err := s.tokens.Authenticate(ctx, token)
		if err != nil {
			return nil, err
		}
		return &Credential{User: user, Expires: expires, RateKey: personRateKey(user.ID)}, nil
	}
	k, err := s.AuthenticateKey(ctx, token)
	if err != nil {
		return nil, err
	}
	return &Credential{User: k.User, KeyID: k.ID, RateKey: HashKey(token)}, nil
}
