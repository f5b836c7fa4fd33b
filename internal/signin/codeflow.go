package signin

import (
	"context"
	"crypto/subtle"
	"errors"
	"log/slog"
	"slices"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"firebreak/internal/apperr"
	"firebreak/models"
)

// CodeFlow signs people in through the browser with the authorization
// code flow and PKCE, the server being the OAuth client (a "backend for
// frontend"): the browser only ever holds the session cookie that follows,
// never a token. golang.org/x/oauth2 builds the authorization URL and
// redeems the code; the ID token is verified like any other sign-in token
// and must also be addressed to this client and carry the attempt's nonce.
type CodeFlow struct {
	v      *Verifier
	config oauth2.Config
}

// CodeFlow returns the browser sign-in of the configured client
// (registered with the provider with redirectURL); nil without a client id.
func (v *Verifier) CodeFlow(redirectURL string) *CodeFlow {
	if v.cfg.ClientID == "" {
		return nil
	}
	scopes := v.cfg.Scopes
	if len(scopes) == 0 {
		scopes = []string{oidc.ScopeOpenID, "profile", "email"}
	}
	return &CodeFlow{v: v, config: oauth2.Config{
		ClientID: v.cfg.ClientID, ClientSecret: v.cfg.ClientSecret, RedirectURL: redirectURL,
		Scopes: scopes,
	}}
}

// Issuer is the provider's issuer URL (the console names the provider by it).
func (f *CodeFlow) Issuer() string { return f.v.cfg.Issuer }

// configured returns the client's settings with the provider's endpoints,
// discovering the provider on first use.
func (f *CodeFlow) configured(ctx context.Context) (*oauth2.Config, error) {
	if _, _, err := f.v.tokenVerifier(ctx); err != nil {
		return nil, err
	}
	f.v.mu.Lock()
	defer f.v.mu.Unlock()
	c := f.config
	c.Endpoint = f.v.endpoint
	return &c, nil
}

// AuthCodeURL is where the browser goes to sign in: state binds the
// answer to this browser, the PKCE verifier's S256 challenge binds the
// code to this server, nonce binds the ID token to this attempt.
func (f *CodeFlow) AuthCodeURL(ctx context.Context, state, verifier, nonce string) (string, error) {
	c, err := f.configured(ctx)
	if err != nil {
		return "", err
	}
	return c.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier), oidc.Nonce(nonce)), nil
}

var errCodeRefused = apperr.New(apperr.Unauthenticated, "the identity provider did not confirm this sign-in: try again")

// Exchange redeems the provider's code (with the attempt's PKCE verifier)
// and returns the person its ID token signs in.
func (f *CodeFlow) Exchange(ctx context.Context, code, verifier, nonce string) (*models.User, error) {
	c, err := f.configured(ctx)
	if err != nil {
		return nil, err
	}
	tok, err := c.Exchange(oidc.ClientContext(ctx, f.v.client), code, oauth2.VerifierOption(verifier))
	if err != nil {
		var refused *oauth2.RetrieveError
		if errors.As(err, &refused) {
			slog.InfoContext(ctx, "sign-in: the provider refused the code", "error", refused.ErrorCode)
			return nil, errCodeRefused
		}
		slog.ErrorContext(ctx, "sign-in: the provider's token endpoint cannot be reached", "error", err.Error())
		return nil, apperr.New(apperr.Unavailable, "the identity provider cannot be reached; try again shortly")
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" || len(raw) > maxTokenBytes {
		return nil, errCodeRefused
	}
	claims, _, err := f.v.verify(ctx, raw)
	if err != nil {
		return nil, err
	}
	// verify accepts any configured audience (API access tokens too); a
	// browser sign-in's ID token must be this client's.
	if !audienceIncludes(claims["aud"], c.ClientID) {
		return nil, apperr.New(apperr.Unauthenticated, "the ID token is for another application")
	}
	got, _ := claims["nonce"].(string)
	if subtle.ConstantTimeCompare([]byte(got), []byte(nonce)) != 1 {
		return nil, apperr.New(apperr.Unauthenticated, "the ID token was not issued for this sign-in attempt")
	}
	return f.v.signIn(ctx, claims)
}

func audienceIncludes(aud any, clientID string) bool {
	switch a := aud.(type) {
	case string:
		return a == clientID
	case []any:
		return slices.Contains(a, any(clientID))
	}
	return false
}
