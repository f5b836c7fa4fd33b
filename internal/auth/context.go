package auth

import (
	"context"
	"strings"

	"firebreak/internal/apperr"
	"firebreak/models"
)

type userKey struct{}

// WithUser returns a context carrying the authenticated user.
func WithUser(ctx context.Context, u *models.User) context.Context {
	return context.WithValue(ctx, userKey{}, u)
}

type keyIDKey struct{}

type rateKey struct{}

// WithCredential returns a context carrying what the request authenticated
// with: its person, its API key's id (keys only) and its rate budget.
func WithCredential(ctx context.Context, c *Credential) context.Context {
	ctx = context.WithValue(ctx, rateKey{}, c.RateKey)
	if c.KeyID != 0 {
		ctx = context.WithValue(ctx, keyIDKey{}, c.KeyID)
	}
	return WithUser(ctx, c.User)
}

// RateKeyFrom returns the name of the request's rate budget.
func RateKeyFrom(ctx context.Context) ([]byte, bool) {
	k, ok := ctx.Value(rateKey{}).([]byte)
	return k, ok
}

// KeyIDFrom returns the id of the API key the request authenticated with.
func KeyIDFrom(ctx context.Context) (int64, bool) {
	id, ok := ctx.Value(keyIDKey{}).(int64)
	return id, ok
}

// UserFrom returns the authenticated user, or UNAUTHENTICATED.
func UserFrom(ctx context.Context) (*models.User, error) {
	if u, ok := ctx.Value(userKey{}).(*models.User); ok && u != nil {
		return u, nil
	}
	return nil, apperr.New(apperr.Unauthenticated, "an API key or sign-in token is required: Authorization: Bearer <key or token>")
}

// BearerToken extracts the key from an "Authorization: Bearer <key>" value.
func BearerToken(header string) (string, bool) {
	const prefix = "Bearer "
	if len(header) <= len(prefix) || !strings.EqualFold(header[:len(prefix)], prefix) {
		return "", false
	}
	return strings.TrimSpace(header[len(prefix):]), true
}
