// Package signin lets people sign in with their company's identity
// provider: Firebreak accepts OpenID Connect ID tokens and JWT access tokens
// from one configured issuer besides API keys. Tokens are verified by
// coreos/go-oidc against the issuer's published keys (discovery, and the
// JWKS fetched again — boundedly — when a token names a key not held), with issuer,
// audience and expiry enforced; the person is found by their identity at
// the provider (issuer and subject), linked on first sign-in by a verified
// email, or created then (package people).
package signin

import (
	"cmp"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/go-jose/go-jose/v4"
	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/oauth2"

	"firebreak/internal/apperr"
	"firebreak/internal/people"
	"firebreak/internal/refcache"
	"firebreak/models"
)

// Config is the FIREBREAK_OIDC_* settings (docs/operations.md).
type Config struct {
	// Issuer is the provider's issuer URL, exactly as its discovery
	// document states it.
	Issuer string
	// Audiences are the token audiences accepted: the frontend's client id
	// (ID tokens) and/or the API's resource identifier (access tokens).
	Audiences []string
	// DefaultRole is a new person's role when no group maps to one.
	DefaultRole models.UserRole
	// RoleClaim names the claim holding the person's groups (dots walk
	// into objects, e.g. realm_access.roles); Roles maps its values to roles,
	// the highest match winning.
	RoleClaim string
	Roles     map[string]models.UserRole
	// TrustUnverifiedEmail links a first sign-in by an e-mail the token
	// does not say is verified (no email_verified claim: Entra ID, many
	// access tokens). Only for a provider where people cannot choose
	// their own address: anyone who can is then anyone with that address.
	// An email_verified claim of false is refused even so.
	TrustUnverifiedEmail bool
	// KeysHoldOff is how long after a fetch of the provider's keys that
	// did not bring a token's key no other token makes them fetched
	// (default 10 s): at most one fetch per hold-off, however many forged
	// tokens arrive.
	KeysHoldOff time.Duration
	// ClientID is the console's OAuth client at the provider (browser
	// sign-in); ClientSecret is its secret, empty for a public client.
	ClientID     string
	ClientSecret string
	// RedirectURL is the callback registered with the provider (default:
	// FIREBREAK_PUBLIC_URL + /auth/oidc/callback).
	RedirectURL string
	// Scopes are what the browser sign-in asks for (default openid,
	// profile, email; add the one that brings RoleClaim, e.g. groups).
	Scopes []string
}

// ParseRoles reads "group=ROLE,other=ROLE" (FIREBREAK_OIDC_ROLES).
func ParseRoles(v string) (map[string]models.UserRole, error) {
	roles := map[string]models.UserRole{}
	for _, pair := range strings.Split(v, ",") {
		if strings.TrimSpace(pair) == "" {
			continue
		}
		group, role, ok := strings.Cut(pair, "=")
		r := models.UserRole(strings.ToUpper(strings.TrimSpace(role)))
		if !ok || strings.TrimSpace(group) == "" || !r.IsValid() {
			return nil, fmt.Errorf("%q is not group=VIEWER|RESPONDER|ADMIN", pair)
		}
		roles[strings.TrimSpace(group)] = r
	}
	return roles, nil
}

// Validate reports settings that cannot work.
func (c Config) Validate() error {
	switch {
	case c.Issuer == "":
		return errors.New("FIREBREAK_OIDC_ISSUER is empty")
	case len(c.Audiences) == 0:
		return errors.New("FIREBREAK_OIDC_AUDIENCE is required with FIREBREAK_OIDC_ISSUER: the frontend's client id or the API's resource identifier")
	case !c.DefaultRole.IsValid():
		return fmt.Errorf("FIREBREAK_OIDC_DEFAULT_ROLE %q is not VIEWER, RESPONDER or ADMIN", c.DefaultRole)
	}
	return nil
}

// Tokens longer than this are refused unread: a signed JWT from a provider
// is a few KiB at most, and parsing costs grow with it.
const maxTokenBytes = 16 << 10

// Verified sign-ins are remembered this long at most (and never past the
// token's expiry); a change to people drops them at once, so a
// deactivation takes effect on the next request.
const (
	cacheTTL  = time.Minute
	cacheSize = 10_000
)

// discoveryRetry spaces attempts to reach a provider that did not answer.
const discoveryRetry = 5 * time.Second

// defaultKeysHoldOff is Config.KeysHoldOff's default.
const defaultKeysHoldOff = 10 * time.Second

// Verifier checks sign-in tokens.
type Verifier struct {
	cfg    Config
	people *people.Service
	client *http.Client
	now    func() time.Time
	cache  *refcache.Cache[string, session]

	// keyFetches counts fetches of the provider's keys, by result.
	keyFetches *prometheus.CounterVec

	mu       sync.Mutex
	verifier *oidc.IDTokenVerifier
	// endpoint is the provider's authorization and token endpoints (the
	// browser's code flow).
	endpoint     oauth2.Endpoint
	algorithms   []jose.SignatureAlgorithm
	lastDiscover time.Time
}

type session struct {
	user    models.User
	expires time.Time
}

// New returns a Verifier; it reaches the provider on the first token, so
// Firebreak starts (and API keys work) while the provider is down.
func New(cfg Config, people *people.Service, epoch *refcache.Epoch) *Verifier {
	return &Verifier{
		cfg: cfg, people: people, now: time.Now,
		client: &http.Client{Timeout: 10 * time.Second},
		cache:  refcache.New[string, session](epoch, cacheTTL, cacheSize),
		keyFetches: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "firebreak_oidc_key_set_fetches_total",
			Help: "Fetches of the identity provider's signing keys (JWKS), by result: fetched or failed. At most one per FIREBREAK_OIDC_KEYS_HOLD_OFF when tokens name keys the provider does not publish.",
		}, []string{"result"}),
	}
}

// Collector is the verifier's metrics, for the process's registry.
func (v *Verifier) Collector() prometheus.Collector { return v.keyFetches }

// LooksLikeToken tells a JWT (three base64url parts) from an API key.
func LooksLikeToken(s string) bool { return strings.Count(s, ".") == 2 }

var (
	errUnverified  = apperr.New(apperr.Unauthenticated, "the sign-in token is not valid: sign in again")
	errExpired     = apperr.New(apperr.Unauthenticated, "the sign-in token has expired: sign in again")
	errDeactivated = apperr.New(apperr.Unauthenticated, "this person has been deactivated in Firebreak")
)

// Authenticate returns the person a token signs in, and when the token
// expires; UNAUTHENTICATED for any token that does not verify.
func (v *Verifier) Authenticate(ctx context.Context, token string) (*models.User, time.Time, error) {
	if len(token) > maxTokenBytes || !LooksLikeToken(token) {
		return nil, time.Time{}, errUnverified
	}
	sum := sha256.Sum256([]byte(token))
	key := string(sum[:])
	if s, ok := v.cache.Get(key); ok {
		if !s.expires.After(v.now()) {
			return nil, time.Time{}, errExpired
		}
		user := s.user
		return &user, s.expires, nil
	}
	epoch := v.cache.Epoch()
	claims, expires, err := v.verify(ctx, token)
	if err != nil {
		return nil, time.Time{}, err
	}
	user, err := v.signIn(ctx, claims)
	if err != nil {
		return nil, time.Time{}, err
	}
	v.cache.Put(key, session{user: *user, expires: expires}, epoch)
	return user, expires, nil
}

// signIn finds (or links, or creates) the active person verified claims
// name.
func (v *Verifier) signIn(ctx context.Context, claims map[string]any) (*models.User, error) {
	in, err := v.identity(claims)
	if err != nil {
		return nil, err
	}
	user, err := v.people.SignedIn(ctx, in)
	if err != nil {
		return nil, err
	}
	if !user.Active() {
		return nil, errDeactivated
	}
	return user, nil
}

// verify checks the token's signature, issuer, audience and expiry and
// returns its claims.
func (v *Verifier) verify(ctx context.Context, token string) (map[string]any, time.Time, error) {
	verifier, algs, err := v.tokenVerifier(ctx)
	if err != nil {
		return nil, time.Time{}, err
	}
	jws, err := jose.ParseSigned(token, algs)
	if err != nil || len(jws.Signatures) != 1 {
		return nil, time.Time{}, errUnverified // alg none, or an algorithm the provider does not use
	}
	idToken, err := verifier.Verify(ctx, token)
	var expired *oidc.TokenExpiredError
	switch {
	case errors.As(err, &expired):
		return nil, time.Time{}, errExpired
	case err != nil:
		slog.DebugContext(ctx, "sign-in token refused", "error", err.Error())
		return nil, time.Time{}, errUnverified
	}
	if !slices.ContainsFunc(idToken.Audience, func(aud string) bool { return slices.Contains(v.cfg.Audiences, aud) }) {
		return nil, time.Time{}, apperr.New(apperr.Unauthenticated, "the sign-in token is for another application (audience %q)", strings.Join(idToken.Audience, " "))
	}
	var claims map[string]any
	if err := idToken.Claims(&claims); err != nil {
		return nil, time.Time{}, errUnverified
	}
	return claims, idToken.Expiry, nil
}

// tokenVerifier discovers the provider on first use (and again after a
// failure, at most every discoveryRetry).
func (v *Verifier) tokenVerifier(ctx context.Context) (*oidc.IDTokenVerifier, []jose.SignatureAlgorithm, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.verifier != nil {
		return v.verifier, v.algorithms, nil
	}
	unavailable := apperr.New(apperr.Internal, "the identity provider %s cannot be reached; try again shortly", v.cfg.Issuer)
	if now := v.now(); now.Sub(v.lastDiscover) < discoveryRetry {
		return nil, nil, unavailable
	}
	v.lastDiscover = v.now()
	dctx, cancel := context.WithTimeout(oidc.ClientContext(ctx, v.client), 10*time.Second)
	defer cancel()
	provider, err := oidc.NewProvider(dctx, v.cfg.Issuer)
	if err != nil {
		slog.ErrorContext(ctx, "sign-in: OpenID Connect discovery failed", "issuer", v.cfg.Issuer, "error", err.Error())
		return nil, nil, unavailable
	}
	var meta struct {
		Algorithms []string `json:"id_token_signing_alg_values_supported"`
		KeysURL    string   `json:"jwks_uri"`
	}
	if err := provider.Claims(&meta); err != nil || meta.KeysURL == "" {
		slog.ErrorContext(ctx, "sign-in: the provider's discovery document names no jwks_uri", "issuer", v.cfg.Issuer)
		return nil, nil, unavailable
	}
	algs := meta.Algorithms
	if len(algs) == 0 {
		algs = []string{oidc.RS256}
	}
	algs = slices.DeleteFunc(slices.Clone(algs), func(a string) bool { return strings.EqualFold(a, "none") || strings.HasPrefix(a, "HS") })
	v.algorithms = make([]jose.SignatureAlgorithm, len(algs))
	for i, a := range algs {
		v.algorithms[i] = jose.SignatureAlgorithm(a)
	}
	keys := &keySet{url: meta.KeysURL, client: v.client, algs: v.algorithms, holdOff: cmp.Or(v.cfg.KeysHoldOff, defaultKeysHoldOff),
		maxAge: keySetMaxAge, now: v.now, fetches: v.keyFetches}
	v.endpoint = provider.Endpoint()
	v.verifier = oidc.NewVerifier(v.cfg.Issuer, keys, &oidc.Config{SkipClientIDCheck: true, SupportedSigningAlgs: algs, Now: v.now})
	return v.verifier, v.algorithms, nil
}

// identity reads who the token names and what their groups make them.
func (v *Verifier) identity(claims map[string]any) (people.SignIn, error) {
	email, _ := claims["email"].(string)
	subject, _ := claims["sub"].(string)
	issuer, _ := claims["iss"].(string)
	verified, present := claims["email_verified"]
	if present && verified != true {
		return people.SignIn{}, apperr.New(apperr.Unauthenticated, "the identity provider has not verified this email address")
	}
	name, _ := claims["name"].(string)
	in := people.SignIn{
		Issuer: issuer, Subject: subject, Email: strings.TrimSpace(email), Name: name, DefaultRole: v.cfg.DefaultRole,
		EmailVerified: verified == true || (!present && v.cfg.TrustUnverifiedEmail),
	}
	for _, group := range claimValues(claims, v.cfg.RoleClaim) {
		if role, ok := v.cfg.Roles[group]; ok && (in.Role == nil || role.Rank() > in.Role.Rank()) {
			in.Role = &role
		}
	}
	return in, nil
}

// claimValues returns the strings at path (dots walk into objects): one
// string, or a list of them.
func claimValues(claims map[string]any, path string) []string {
	if path == "" {
		return nil
	}
	var value any = claims
	for _, part := range strings.Split(path, ".") {
		obj, ok := value.(map[string]any)
		if !ok {
			return nil
		}
		value = obj[part]
	}
	switch val := value.(type) {
	case string:
		return []string{val}
	case []any:
		out := make([]string, 0, len(val))
		for _, item := range val {
			if s, ok := item.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
