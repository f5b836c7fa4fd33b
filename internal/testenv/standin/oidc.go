package standin

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"golang.org/x/oauth2"
)

// OIDCProvider is a real OpenID Connect provider — panva's oidc-provider,
// run by clients/oidc-provider.mjs — on a loopback port of its own, with a
// signing key of its own.
type OIDCProvider struct {
	// Issuer is who it says it is; URL is where it listens (the same
	// unless it poses as another issuer).
	Issuer, URL string
	// Port is where it listens: a provider started later on the same port
	// with a new key is the same issuer after a key rotation.
	Port int
	cmd  *exec.Cmd
}

// OIDCSettings describe the provider's clients and accounts.
type OIDCSettings struct {
	// Issuer, when set, is the issuer the provider claims to be (a
	// provider pretending to be another); default: its own URL.
	Issuer   string                 `json:"issuer,omitempty"`
	Clients  []OIDCClient           `json:"clients"`
	Accounts map[string]OIDCAccount `json:"accounts"`
	// Resource, when set, makes access tokens JWTs for this audience.
	Resource string `json:"resource,omitempty"`
	// Port, when set, is the port to listen on.
	Port int `json:"port,omitempty"`
}

// OIDCClient is an application registered at the provider.
type OIDCClient struct {
	ID string `json:"id"`
	// IDTokenTTL is its ID tokens' lifetime in seconds (default 3600).
	IDTokenTTL int `json:"idTokenTTL,omitempty"`
	// RedirectURIs are where it may send browsers back (default
	// http://127.0.0.1/callback, which SignIn uses).
	RedirectURIs []string `json:"redirectUris,omitempty"`
	// Secret makes it a confidential client; empty: a public one.
	Secret string `json:"secret,omitempty"`
}

// OIDCAccount is a person's claims at the provider.
type OIDCAccount struct {
	Email string `json:"email,omitempty"`
	// EmailVerified is the email_verified claim; nil: the provider sends
	// none (as Entra ID and most access tokens do).
	EmailVerified *bool    `json:"email_verified,omitempty"`
	Name          string   `json:"name,omitempty"`
	Groups        []string `json:"groups,omitempty"`
}

// StartOIDCProvider starts the provider; it stops with the test.
func StartOIDCProvider(t testing.TB, s OIDCSettings) *OIDCProvider {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatal("node is not installed: run the tests with `make test`")
	}
	settings, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	_, here, _, _ := runtime.Caller(0)
	cmd := exec.Command("node", "oidc-provider.mjs", string(settings))
	cmd.Dir = filepath.Join(filepath.Dir(here), "..", "..", "..", "clients")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &OIDCProvider{cmd: cmd}
	t.Cleanup(p.Stop)
	lines := bufio.NewScanner(stdout)
	var started struct {
		Issuer string
		Port   int
	}
	if !lines.Scan() || json.Unmarshal(lines.Bytes(), &started) != nil {
		t.Fatalf("the OpenID Connect provider did not start: %q", lines.Text())
	}
	p.Issuer, p.Port, p.URL = started.Issuer, started.Port, fmt.Sprintf("http://127.0.0.1:%d", started.Port)
	return p
}

// Stop ends the provider and waits until it has exited (its port is free).
func (p *OIDCProvider) Stop() {
	if p.cmd.ProcessState == nil {
		_ = p.cmd.Process.Kill()
		_ = p.cmd.Wait()
	}
}

// Verified and Unverified are OIDCAccount.EmailVerified's two claims.
var (
	Verified   = func() *bool { v := true; return &v }()
	Unverified = func() *bool { v := false; return &v }()
)

// SetAccount replaces an account's claims at the provider: its next
// tokens say what a changes to.
func (p *OIDCProvider) SetAccount(t testing.TB, login string, a OIDCAccount) {
	t.Helper()
	body, _ := json.Marshal(a)
	resp, err := http.Post(p.URL+"/test/accounts/"+url.PathEscape(login), "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("changing account %s at the provider: %s", login, resp.Status)
	}
}

// KeySetFetches is how often the provider's JWKS has been fetched.
func (p *OIDCProvider) KeySetFetches(t testing.TB) int {
	t.Helper()
	resp, err := http.Get(p.URL + "/test/jwks-fetches")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct{ Fetches int }
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out.Fetches
}

// SignIn signs the account login in to application clientID the way a
// browser app does — authorization code with PKCE, through the provider's
// own endpoints — and returns the ID token and the access token.
func (p *OIDCProvider) SignIn(t testing.TB, clientID, login string) (idToken, accessToken string) {
	t.Helper()
	const redirectURI = "http://127.0.0.1/callback"
	app := oauth2.Config{
		ClientID: clientID, RedirectURL: redirectURI,
		Endpoint: oauth2.Endpoint{AuthURL: p.URL + "/auth", TokenURL: p.URL + "/token", AuthStyle: oauth2.AuthStyleInParams},
		Scopes:   []string{"openid", "email", "profile", "groups"},
	}
	verifier := oauth2.GenerateVerifier()
	jar, _ := cookiejar.New(nil)
	var code string
	browser := &http.Client{Jar: jar, CheckRedirect: func(req *http.Request, _ []*http.Request) error {
		if req.URL.Host == "127.0.0.1" && req.URL.Path == "/callback" { // back at the app: stop
			code = req.URL.Query().Get("code")
			if code == "" {
				t.Errorf("sign-in refused: %s", req.URL.RawQuery)
			}
			return http.ErrUseLastResponse
		}
		return nil
	}}
	authURL := app.AuthCodeURL("state-1", oauth2.S256ChallengeOption(verifier),
		oauth2.SetAuthURLParam("login_hint", login), oauth2.SetAuthURLParam("nonce", "nonce-1"))
	resp, err := browser.Get(authURL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if code == "" {
		t.Fatalf("sign-in of %s to %s ended with %s, not back at the app", login, clientID, resp.Status)
	}
	token, err := app.Exchange(context.Background(), code, oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatalf("token exchange: %v", err)
	}
	idToken, _ = token.Extra("id_token").(string)
	if idToken == "" {
		t.Fatal("the provider returned no ID token")
	}
	return idToken, token.AccessToken
}
