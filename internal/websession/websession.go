// Package websession is the console's way in: the browser session cookie
// and its CSRF token, one-time sign-in links, and the OpenID Connect
// authorization-code sign-in with PKCE run by the server (package signin
// redeems the code), as the IETF's OAuth 2.0 for Browser-Based
// Applications recommends: no token ever reaches page scripts.
package websession

import (
	"crypto/subtle"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"firebreak/internal/addrlimit"
	"firebreak/internal/apperr"
	"firebreak/internal/auth"
	"firebreak/internal/httperr"
	"firebreak/internal/signin"
)

// Sessions answers /auth/* and authenticates requests by their cookie.
type Sessions struct {
	keys *auth.Service
	db   *bun.DB
	// flow is the identity provider's sign-in; nil: links only.
	flow *signin.CodeFlow
	// secure marks cookies Secure: the public URL is https.
	secure bool
	now    func() time.Time
	// attempts budgets sign-in attempts per address: anonymous clients
	// reach these endpoints, and each start writes a row.
	attempts *addrlimit.PerAddress
}

// SignInLimit is each address's budget of sign-in attempts (links
// redeemed, provider sign-ins started or finished): a person needs a
// handful; an office behind one address, a few dozen at once.
var SignInLimit = addrlimit.Limit{Rate: 1, Burst: 30}

// New returns the browser sign-in over keys' sessions; flow may be nil.
func New(keys *auth.Service, db *bun.DB, flow *signin.CodeFlow, publicURL string) *Sessions {
	u, _ := url.Parse(publicURL)
	return &Sessions{keys: keys, db: db, flow: flow, secure: u != nil && u.Scheme == "https", now: time.Now,
		attempts: addrlimit.New(SignInLimit, "sign-in attempts")}
}

// Mount adds the sign-in endpoints to mux.
func (s *Sessions) Mount(mux *http.ServeMux) {
	mux.HandleFunc("GET /auth/session", s.describe)
	mux.Handle("POST /auth/link", s.limited(s.redeemLink, httperr.JSON))
	mux.HandleFunc("POST /auth/signout", s.signOut)
	if s.flow != nil {
		mux.Handle("GET /auth/oidc/start", s.limited(s.startCodeFlow, httperr.Text))
		mux.Handle("GET /auth/oidc/callback", s.limited(s.finishCodeFlow, httperr.Text))
	}
}

// limited spends one of the address's sign-in attempts on each request.
func (s *Sessions) limited(h http.HandlerFunc, body httperr.Body) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.attempts.Limited(w, r, body) {
			return
		}
		h(w, r)
	})
}

var (
	errCrossSite = apperr.New(apperr.Forbidden, "a browser session works only from Firebreak's own pages")
	errNoCSRF    = apperr.New(apperr.Forbidden, "the request lacks the session's CSRF token ("+auth.CSRFHeader+"): reload the page")
)

// Authenticate returns the credential of the request's session cookie;
// nil and no error when it has none (or when the request comes from a page
// on another site, which may not use it). A request that may change
// something must come from Firebreak's own origin and carry the session's
// CSRF token.
func (s *Sessions) Authenticate(r *http.Request) (*auth.Credential, error) {
	c, err := r.Cookie(auth.SessionCookie)
	if err != nil || c.Value == "" || r.Header.Get("Sec-Fetch-Site") == "cross-site" {
		return nil, nil
	}
	cred, err := s.keys.AuthenticateSession(r.Context(), c.Value)
	if err != nil {
		return nil, err
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		if !SameOrigin(r) {
			return nil, errCrossSite
		}
		if !TokenMatches(r.Header.Get(auth.CSRFHeader), cred.CSRFToken) {
			return nil, errNoCSRF
		}
	}
	return cred, nil
}

// TokenMatches compares a CSRF token in constant time.
func TokenMatches(got, want string) bool {
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// SameOrigin reports whether a browser says the request comes from a page
// of the host it is sent to: the Origin header, or Fetch Metadata. A
// request with neither (no browser sends a cookie-bearing POST without
// Origin) must still carry the CSRF token.
func SameOrigin(r *http.Request) bool {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		return false
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	return err == nil && u.Host != "" && strings.EqualFold(u.Host, r.Host)
}

// setSessionCookie hands the browser its session: HttpOnly (page scripts
// cannot read it), SameSite=Strict (no other site's page or link sends
// it), Secure behind https, for the whole origin.
func (s *Sessions) setSessionCookie(w http.ResponseWriter, r *http.Request, secret string, expires time.Time) {
	http.SetCookie(w, &http.Cookie{
		Name: auth.SessionCookie, Value: secret, Path: "/", Expires: expires,
		HttpOnly: true, Secure: s.secureFor(r), SameSite: http.SameSiteStrictMode,
	})
}

func (s *Sessions) clearSessionCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: auth.SessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.secureFor(r), SameSite: http.SameSiteStrictMode})
}

// secureFor says whether r's cookies are Secure: when the public URL is
// https, except for a plain-http request to a loopback address (a
// developer's machine, a test), where a Secure cookie would be dropped.
func (s *Sessions) secureFor(r *http.Request) bool {
	if !s.secure || r.TLS != nil {
		return s.secure || r.TLS != nil
	}
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	ip := net.ParseIP(host)
	return !(host == "localhost" || (ip != nil && ip.IsLoopback()))
}

// sessionAnswer is GET /auth/session's body: whether the browser is
// signed in, the CSRF token its requests carry, and how it may sign in.
type sessionAnswer struct {
	SignedIn  bool       `json:"signedIn"`
	CSRFToken string     `json:"csrfToken,omitempty"`
	ExpiresAt *time.Time `json:"expiresAt,omitempty"`
	// Provider names the identity provider ("Sign in with …"); empty
	// without one.
	Provider string `json:"provider,omitempty"`
}

func (s *Sessions) describe(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	ans := sessionAnswer{}
	if s.flow != nil {
		ans.Provider = providerName(s.flow.Issuer())
	}
	if c, err := r.Cookie(auth.SessionCookie); err == nil && c.Value != "" {
		cred, err := s.keys.AuthenticateSession(r.Context(), c.Value)
		switch {
		case err == nil:
			ans.SignedIn, ans.CSRFToken, ans.ExpiresAt = true, cred.CSRFToken, &cred.Expires
		case apperr.CodeOf(err) == apperr.Unauthenticated:
			s.clearSessionCookie(w, r)
		default:
			writeError(w, r, err)
			return
		}
	}
	writeJSON(w, http.StatusOK, ans)
}

// providerName is the provider's host, for "Sign in with …".
func providerName(issuer string) string {
	if u, err := url.Parse(issuer); err == nil && u.Host != "" {
		return u.Hostname()
	}
	return issuer
}

// linkBodyBytes bounds POST /auth/link's body: one token.
const linkBodyBytes = 4 << 10

func (s *Sessions) redeemLink(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	// Signing a victim's browser in as the attacker ("login CSRF") needs a
	// cross-site POST: refused, and a JSON body needs a preflight anyway.
	if !SameOrigin(r) {
		writeError(w, r, errCrossSite)
		return
	}
	var body struct {
		Token string `json:"token"`
	}
	if err := decodeJSON(w, r, linkBodyBytes, &body); err != nil {
		writeError(w, r, err)
		return
	}
	started, err := s.keys.RedeemSignInLink(r.Context(), strings.TrimSpace(body.Token))
	if err != nil {
		writeError(w, r, err)
		return
	}
	s.setSessionCookie(w, r, started.Secret, started.ExpiresAt)
	writeJSON(w, http.StatusOK, sessionAnswer{SignedIn: true, CSRFToken: started.CSRFToken, ExpiresAt: &started.ExpiresAt})
}

func (s *Sessions) signOut(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	c, err := r.Cookie(auth.SessionCookie)
	if err != nil || c.Value == "" {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	// Signing someone out is a change too: only the console may.
	if _, err := s.Authenticate(r); err != nil && apperr.CodeOf(err) == apperr.Forbidden {
		writeError(w, r, err)
		return
	}
	if err := s.keys.EndSession(r.Context(), c.Value); err != nil {
		writeError(w, r, err)
		return
	}
	s.clearSessionCookie(w, r)
	w.WriteHeader(http.StatusNoContent)
}

// SafeReturn is next when it is a path on this origin, and "/" otherwise:
// a sign-in never sends the browser to another site.
func SafeReturn(next string) string {
	if next == "" || len(next) > 2000 || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n\t") {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return "/"
	}
	return u.RequestURI()
}

var errBadBody = apperr.New(apperr.BadUserInput, `send {"token": "…"} as Content-Type: application/json`)

func decodeJSON(w http.ResponseWriter, r *http.Request, limit int64, into any) error {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		return errBadBody
	}
	dec := jsonDecoder(http.MaxBytesReader(w, r.Body, limit))
	if err := dec.Decode(into); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return apperr.New(apperr.BadUserInput, "the request body is too large")
		}
		return errBadBody
	}
	return nil
}
