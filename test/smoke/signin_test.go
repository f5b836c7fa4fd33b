package smoke_test

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-redis/redis_rate/v10"

	"firebreak/internal/signin"
	"firebreak/internal/testenv"
	"firebreak/internal/testenv/standin"
	"firebreak/models"
)

// The identity provider of these tests: the frontend (firebreak-web), a
// mobile app with three-second ID tokens, and an application that is not
// Firebreak's; access tokens are JWTs for Firebreak's API.
const apiResource = "https://firebreak.test/api"

var signInAccounts = map[string]standin.OIDCAccount{
	"alice": {Email: "alice@example.test", EmailVerified: standin.Verified, Name: "Alice Oncall", Groups: []string{"staff", "sre"}},
	"bob":   {Email: "bob@example.test", EmailVerified: standin.Verified, Name: "Bob Boss", Groups: []string{"firebreak-admins"}},
	"carol": {Email: "carol@example.test", EmailVerified: standin.Verified, Name: "Carol Curious"},
	"dave":  {Email: "dave@example.test", EmailVerified: standin.Unverified, Name: "Dave Unverified"},
	"erin":  {Email: "erin@example.test", EmailVerified: standin.Verified, Name: "Erin Elsewhere"},
}

func signInSettings(issuer string) standin.OIDCSettings {
	return standin.OIDCSettings{
		Issuer:   issuer,
		Clients:  []standin.OIDCClient{{ID: "firebreak-web"}, {ID: "firebreak-mobile", IDTokenTTL: 3}, {ID: "other-app"}},
		Accounts: signInAccounts,
		Resource: apiResource,
	}
}

func newSignInEnv(t *testing.T) (*testenv.Env, *standin.OIDCProvider) {
	t.Helper()
	provider := standin.StartOIDCProvider(t, signInSettings(""))
	env := testenv.NewWithOptions(t, testenv.Options{SignIn: &signin.Config{
		Issuer:      provider.Issuer,
		Audiences:   []string{"firebreak-web", "firebreak-mobile", apiResource},
		DefaultRole: models.RoleViewer,
		RoleClaim:   "groups",
		Roles:       map[string]models.UserRole{"sre": models.RoleResponder, "firebreak-admins": models.RoleAdmin},
	}})
	return env, provider
}

type meJSON struct{ ID, Name, Email, Role string }

func me(t *testing.T, env *testenv.Env, token string) meJSON {
	t.Helper()
	var out struct{ Me meJSON }
	env.Query(t, token, `{ me { id name email role } }`, nil, &out)
	return out.Me
}

func peopleNamed(t *testing.T, env *testenv.Env, query string) int {
	t.Helper()
	var out struct{ Users struct{ TotalCount int } }
	env.Query(t, env.AdminKey, `query($q: String) { users(filter: {query: $q}) { totalCount } }`, map[string]any{"q": query}, &out)
	return out.Users.TotalCount
}

// A person signs in to the frontend with the company's identity provider
// (authorization code + PKCE) and calls Firebreak with the ID token or the
// access token: the first sign-in creates them with the role their groups
// map to (or the default), the role's rules apply, websockets accept the
// token, and deactivating them locks the token out at once.
func TestSignInWithTheCompanysIdentityProvider(t *testing.T) {
	t.Parallel()
	env, provider := newSignInEnv(t)

	if n := peopleNamed(t, env, "alice@example.test"); n != 0 {
		t.Fatalf("alice exists before signing in (%d)", n)
	}
	aliceID, aliceAccess := provider.SignIn(t, "firebreak-web", "alice")
	alice := me(t, env, aliceID)
	if alice.Name != "Alice Oncall" || alice.Email != "alice@example.test" || alice.Role != "RESPONDER" {
		t.Fatalf("alice's first sign-in: %+v, want a RESPONDER (group sre)", alice)
	}
	if again := me(t, env, aliceAccess); again.ID != alice.ID {
		t.Fatalf("alice's access token is %+v, not the person her ID token made (%s)", again, alice.ID)
	}
	if n := peopleNamed(t, env, "alice@example.test"); n != 1 {
		t.Fatalf("alice was created %d times", n)
	}
	var created []string
	for _, entry := range auditLog(t, env, map[string]any{"kind": "user.created"}) {
		if entry.After["email"] == "alice@example.test" {
			created = append(created, entry.Kind)
		}
	}
	if len(created) != 1 {
		t.Fatalf("audit entries for alice's first sign-in: %v", created)
	}
	var declared struct {
		DeclareIncident struct{ Incident struct{ ID string } }
	}
	env.Query(t, aliceID, `mutation { declareIncident(input: {title: "Signed-in declare", severityLevel: 2}) { incident { id } } }`, nil, &declared)

	carolID, _ := provider.SignIn(t, "firebreak-web", "carol")
	if carol := me(t, env, carolID); carol.Role != "VIEWER" {
		t.Fatalf("carol (no mapped group) is %s, want the default VIEWER", carol.Role)
	}
	env.MustFail(t, carolID, `mutation { declareIncident(input: {title: "Viewer declare", severityLevel: 3}) { incident { id } } }`, nil, "FORBIDDEN")
	bobID, _ := provider.SignIn(t, "firebreak-web", "bob")
	if bob := me(t, env, bobID); bob.Role != "ADMIN" {
		t.Fatalf("bob (group firebreak-admins) is %s", bob.Role)
	}

	// graphql-ws, as a browser app runs it, with the token in connection_init.
	env.AwaitGraphQLWSEvent(t, testenv.ConnectGraphQLWS(t, env.Server.URL, aliceID))

	socket := testenv.DialWS(t, env.Server.URL, aliceAccess)
	socket.Subscribe("1", `subscription { incidentChanges { title } }`, nil)
	env.Query(t, bobID, `mutation($id: ID!) { deactivateUser(input: {userId: $id}) { user { active } } }`, map[string]any{"id": alice.ID}, nil)
	if e := env.MustFail(t, aliceID, `{ me { name } }`, nil, "UNAUTHENTICATED"); !strings.Contains(e.Message, "deactivated") {
		t.Fatalf("deactivated alice's token: %q", e.Message)
	}
	if code, reason := socket.CloseStatus(t, 10*time.Second); code != 4401 || !strings.Contains(reason, "deactivated") {
		t.Fatalf("deactivated alice's socket closed %d %q, want 4401", code, reason)
	}
	// Signing in again does not bring her back.
	againID, _ := provider.SignIn(t, "firebreak-web", "alice")
	env.MustFail(t, againID, `{ me { name } }`, nil, "UNAUTHENTICATED")
}

// Tokens Firebreak cannot trust are refused with UNAUTHENTICATED, and none
// of them creates anyone: another application's, one signed by a provider
// posing as the issuer, alg none, an unverified email, and an expired one
// (whose open websocket ends when it expires).
func TestSignInRefusesTokensItCannotTrust(t *testing.T) {
	t.Parallel()
	env, provider := newSignInEnv(t)
	impostor := standin.StartOIDCProvider(t, signInSettings(provider.Issuer))

	refused := func(what, token, want string) {
		t.Helper()
		res := env.Post(t, token, `{ me { name } }`, nil)
		if res.Status != 401 || len(res.Errors) != 1 || res.Errors[0].Code() != "UNAUTHENTICATED" || !strings.Contains(res.Errors[0].Message, want) {
			t.Errorf("%s: %d %s, want 401 UNAUTHENTICATED %q", what, res.Status, res.Raw, want)
		}
	}
	erin, _ := provider.SignIn(t, "other-app", "erin")
	refused("another application's token", erin, "another application")
	forged, _ := impostor.SignIn(t, "firebreak-web", "erin")
	refused("a token signed by another key", forged, "not valid")
	refused("alg none", algNone(t, erin), "not valid")
	dave, _ := provider.SignIn(t, "firebreak-web", "dave")
	refused("an unverified email", dave, "not verified")
	refused("not a token", "abc.def.ghi", "not valid")
	for _, who := range []string{"erin", "dave"} {
		if n := peopleNamed(t, env, who); n != 0 {
			t.Errorf("a refused token created %s", who)
		}
	}

	short, _ := provider.SignIn(t, "firebreak-mobile", "carol")
	if carol := me(t, env, short); carol.Role != "VIEWER" {
		t.Fatalf("carol before her token expires: %+v", carol)
	}
	socket := testenv.DialWS(t, env.Server.URL, short)
	socket.Subscribe("1", `subscription { incidentChanges { title } }`, nil)
	if code, reason := socket.CloseStatus(t, 15*time.Second); code != 4401 || !strings.Contains(reason, "expired") {
		t.Fatalf("socket of an expired token closed %d %q, want 4401", code, reason)
	}
	refused("an expired token", short, "expired")
}

// algNone rewrites a real token as an unsigned one ({"alg":"none"}).
func algNone(t *testing.T, token string) string {
	t.Helper()
	parts := strings.Split(token, ".")
	header, err := json.Marshal(map[string]string{"alg": "none", "typ": "JWT"})
	if err != nil {
		t.Fatal(err)
	}
	return base64.RawURLEncoding.EncodeToString(header) + "." + parts[1] + "."
}

// The identity provider's groups decide the role of people they map:
// an admin's change to it lasts until their next sign-in; people whose
// groups map to nothing keep what admins gave them. Both changes are in
// the audit log, the provider's without an actor.
func TestSignInRolesFollowTheProvidersGroups(t *testing.T) {
	t.Parallel()
	env, provider := newSignInEnv(t)
	setRole := `mutation($id: ID!, $r: UserRole!) { updateUser(input: {userId: $id, role: $r}) { user { role } } }`

	aliceToken, _ := provider.SignIn(t, "firebreak-web", "alice")
	alice := me(t, env, aliceToken)
	env.Query(t, env.AdminKey, setRole, map[string]any{"id": alice.ID, "r": "ADMIN"}, nil)
	aliceToken, _ = provider.SignIn(t, "firebreak-web", "alice")
	if got := me(t, env, aliceToken); got.Role != "RESPONDER" {
		t.Fatalf("alice after signing in again is %s; her group sre says RESPONDER", got.Role)
	}

	carolToken, _ := provider.SignIn(t, "firebreak-web", "carol")
	carol := me(t, env, carolToken)
	env.Query(t, env.AdminKey, setRole, map[string]any{"id": carol.ID, "r": "RESPONDER"}, nil)
	carolToken, _ = provider.SignIn(t, "firebreak-web", "carol")
	if got := me(t, env, carolToken); got.Role != "RESPONDER" {
		t.Fatalf("carol (no mapped group) lost the role an admin gave her: %s", got.Role)
	}

	var changes []string
	for _, entry := range auditLog(t, env, map[string]any{"kind": "user.updated"}) {
		if entry.After["email"] == "alice@example.test" {
			actor := "provider"
			if entry.Actor != nil {
				actor = entry.Actor.Name
			}
			changes = append(changes, fmt.Sprintf("%v by %s", entry.After["role"], actor))
		}
	}
	if got := strings.Join(changes, ", "); got != "ADMIN by Test admin, RESPONDER by provider" && got != "RESPONDER by provider, ADMIN by Test admin" {
		t.Fatalf("audit of alice's role: %s", got)
	}
}

// While the identity provider cannot be reached, tokens get 503 naming it
// (not 401: the person need not sign in again) and API keys keep working.
func TestSignInWhileTheProviderIsDown(t *testing.T) {
	t.Parallel()
	provider := standin.StartOIDCProvider(t, signInSettings(""))
	token, _ := provider.SignIn(t, "firebreak-web", "alice")
	env := testenv.NewWithOptions(t, testenv.Options{SignIn: &signin.Config{
		Issuer: "http://127.0.0.1:1", Audiences: []string{"firebreak-web"}, DefaultRole: models.RoleViewer,
	}})
	res := env.Post(t, token, `{ me { name } }`, nil)
	if res.Status != 503 || len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, "http://127.0.0.1:1") {
		t.Fatalf("token while the provider is down: %d %s", res.Status, res.Raw)
	}
	env.Query(t, env.ViewerKey, `{ me { name } }`, nil, nil)
}

// A person's tokens share one rate budget: signing in again (or switching
// between ID and access token) does not buy more requests.
func TestSignInTokensShareThePersonsRateBudget(t *testing.T) {
	t.Parallel()
	provider := standin.StartOIDCProvider(t, signInSettings(""))
	env := testenv.NewWithOptions(t, testenv.Options{
		RateLimit: redis_rate.Limit{Rate: 2, Burst: 2, Period: time.Hour},
		SignIn:    &signin.Config{Issuer: provider.Issuer, Audiences: []string{"firebreak-web", apiResource}, DefaultRole: models.RoleViewer},
	})
	idToken, accessToken := provider.SignIn(t, "firebreak-web", "carol")
	again, _ := provider.SignIn(t, "firebreak-web", "carol")
	me(t, env, idToken)
	me(t, env, accessToken)
	if res := env.Post(t, again, `{ me { name } }`, nil); res.Status != 429 || res.Errors[0].Code() != "RATE_LIMITED" {
		t.Fatalf("third request of one person with a third token: %d %s", res.Status, res.Raw)
	}
	env.Query(t, env.ViewerKey, `{ me { name } }`, nil, nil) // API keys keep their own budgets
}

// A first sign-in arriving on several requests at once (a frontend loading
// its page) creates the person once.
func TestFirstSignInAtOnceCreatesOnePerson(t *testing.T) {
	t.Parallel()
	env, provider := newSignInEnv(t)
	const tabs = 8
	tokens := make([]string, tabs)
	for i := range tokens {
		tokens[i], _ = provider.SignIn(t, "firebreak-web", "alice")
	}
	ids := make(chan string, tabs)
	var start sync.WaitGroup
	start.Add(1)
	var done sync.WaitGroup
	for _, token := range tokens {
		done.Add(1)
		go func() {
			defer done.Done()
			start.Wait()
			res := env.Post(t, token, `{ me { id } }`, nil)
			var out struct{ Me struct{ ID string } }
			if res.Status != 200 || json.Unmarshal(res.Data, &out) != nil {
				t.Errorf("first sign-in: %d %s", res.Status, res.Raw)
			}
			ids <- out.Me.ID
		}()
	}
	start.Done()
	done.Wait()
	close(ids)
	seen := map[string]bool{}
	for id := range ids {
		seen[id] = true
	}
	if len(seen) != 1 || peopleNamed(t, env, "alice@example.test") != 1 {
		t.Fatalf("%d tabs signing in at once made people %v", tabs, seen)
	}
}

// The provider rotates its signing key: tokens signed with the new key are
// accepted without restarting Firebreak (the new key id makes it fetch the
// JWKS again).
func TestSignInFollowsTheProvidersKeyRotation(t *testing.T) {
	t.Parallel()
	env, before := newSignInEnv(t)
	old, _ := before.SignIn(t, "firebreak-web", "carol")
	me(t, env, old)
	before.Stop()
	settings := signInSettings("")
	settings.Port = before.Port
	after := standin.StartOIDCProvider(t, settings)
	rotated, _ := after.SignIn(t, "firebreak-web", "carol")
	if carol := me(t, env, rotated); carol.Email != "carol@example.test" {
		t.Fatalf("after the rotation: %+v", carol)
	}
}

// People are their identity at the provider, not an e-mail address they
// may be able to write there: a validly signed token that names an
// admin's address (in any case) without the provider saying it verified
// it does not sign in as that admin; a person whose address changes at the
// provider stays the same person; and a new account at the provider
// claiming a linked person's address does not take them over.
func TestSignInIsByTheProvidersIdentityNotByEmail(t *testing.T) {
	t.Parallel()
	settings := signInSettings("")
	settings.Accounts = map[string]standin.OIDCAccount{
		"alice":   signInAccounts["alice"],
		"mallory": {Email: "ROOT@example.test", Name: "Mallory"}, // no email_verified claim
	}
	provider := standin.StartOIDCProvider(t, settings)
	env := testenv.NewWithOptions(t, testenv.Options{SignIn: &signin.Config{
		Issuer: provider.Issuer, Audiences: []string{"firebreak-web", apiResource}, DefaultRole: models.RoleViewer,
		RoleClaim: "groups", Roles: map[string]models.UserRole{"sre": models.RoleResponder},
	}})
	var root struct{ CreateUser struct{ User meJSON } }
	env.Query(t, env.AdminKey, `mutation { createUser(input: {name: "Root", email: "root@example.test", role: ADMIN}) { user { id name email role } } }`, nil, &root)

	mallory, _ := provider.SignIn(t, "firebreak-web", "mallory")
	res := env.Post(t, mallory, `{ me { id role } }`, nil)
	if res.Status != 401 || len(res.Errors) != 1 || res.Errors[0].Code() != "UNAUTHENTICATED" || !strings.Contains(res.Errors[0].Message, "not verified") {
		t.Fatalf("a token naming an admin's e-mail without email_verified: %d %s, want 401 UNAUTHENTICATED", res.Status, res.Raw)
	}
	if n := peopleNamed(t, env, "root@example.test"); n != 1 {
		t.Fatalf("%d people with root's address after mallory's token", n)
	}

	aliceToken, _ := provider.SignIn(t, "firebreak-web", "alice")
	alice := me(t, env, aliceToken)
	changed := signInAccounts["alice"]
	changed.Email = "alice.renamed@example.test"
	provider.SetAccount(t, "alice", changed)
	renamed, renamedAccess := provider.SignIn(t, "firebreak-web", "alice")
	if again := me(t, env, renamed); again.ID != alice.ID {
		t.Fatalf("alice with a changed e-mail at the provider is %+v, not %+v", again, alice)
	}
	// Access tokens carry no email_verified claim: the subject is enough.
	if again := me(t, env, renamedAccess); again.ID != alice.ID {
		t.Fatalf("alice's access token after the change is %+v", again)
	}
	if n := peopleNamed(t, env, "alice.renamed@example.test"); n != 0 {
		t.Fatalf("the changed address made %d new people", n)
	}

	// Someone opens an account at the provider with alice's old address,
	// even a verified one: alice is linked to her own subject.
	provider.SetAccount(t, "eve", standin.OIDCAccount{Email: "Alice@Example.test", EmailVerified: standin.Verified, Name: "Eve"})
	eve, _ := provider.SignIn(t, "firebreak-web", "eve")
	if res := env.Post(t, eve, `{ me { id } }`, nil); res.Status != 401 || !strings.Contains(res.Raw, "linked to another identity") {
		t.Fatalf("a second subject claiming alice's address: %d %s", res.Status, res.Raw)
	}
}

// Forged tokens cannot make Firebreak flood the identity provider with key
// set fetches: 50 signed by another key but naming the provider's real key
// id make none (the key is held; its signature fails), and 50 naming key
// ids the provider never published make at most one per hold-off —
// counted at the provider itself.
func TestForgedTokensCannotFloodTheProvidersKeySet(t *testing.T) {
	t.Parallel()
	env, provider := newSignInEnv(t)
	genuine, _ := provider.SignIn(t, "firebreak-web", "carol")
	me(t, env, genuine)
	before := provider.KeySetFetches(t)
	parsed, err := jose.ParseSigned(genuine, []jose.SignatureAlgorithm{jose.RS256})
	if err != nil {
		t.Fatal(err)
	}
	realKid := parsed.Signatures[0].Header.KeyID
	forger, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	forge := func(kid string) string {
		signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: jose.JSONWebKey{Key: forger, KeyID: kid}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		claims, _ := json.Marshal(map[string]any{"iss": provider.Issuer, "aud": "firebreak-web", "sub": "carol", "email": "carol@example.test",
			"email_verified": true, "iat": time.Now().Unix(), "exp": time.Now().Add(time.Hour).Unix()})
		signed, err := signer.Sign(claims)
		if err != nil {
			t.Fatal(err)
		}
		token, _ := signed.CompactSerialize()
		return token
	}
	flood := func(kid func(i int) string) {
		var wg sync.WaitGroup
		for i := range 50 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if res := env.Post(t, forge(kid(i)), `{ me { id } }`, nil); res.Status != 401 {
					t.Errorf("a forged token: %d %s", res.Status, res.Raw)
				}
			}()
		}
		wg.Wait()
	}
	flood(func(int) string { return realKid })
	if n := provider.KeySetFetches(t) - before; n != 0 {
		t.Fatalf("50 forged tokens naming the real key id made %d key set fetches", n)
	}
	started := time.Now()
	flood(func(i int) string { return fmt.Sprintf("invented-%d", i) })
	allowed := 1 + int(time.Since(started)/(10*time.Second))
	if n := provider.KeySetFetches(t) - before; n > allowed {
		t.Fatalf("50 forged tokens with invented key ids made %d key set fetches in %s, at most %d allowed", n, time.Since(started), allowed)
	}
	if me(t, env, genuine).Email != "carol@example.test" {
		t.Fatal("the genuine token stopped working")
	}
	if _, _, metrics := env.Get(t, "", "/metrics"); !strings.Contains(metrics, `firebreak_oidc_key_set_fetches_total{result="fetched"}`) {
		t.Fatal("/metrics has no firebreak_oidc_key_set_fetches_total")
	}
}
