package smoke_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"firebreak/internal/auth"
	"firebreak/internal/signin"
	"firebreak/internal/testenv"
	"firebreak/internal/testenv/standin"
	"firebreak/internal/websession"
	"firebreak/models"
)

// browser is what a browser does with Firebreak's cookies: a cookie jar,
// and the Origin header its pages' requests carry.
type browser struct {
	t      *testing.T
	base   string
	client *http.Client
	// origin is the page the requests come from (default: Firebreak's).
	origin string
	csrf   string
}

func newBrowser(t *testing.T, base string) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, base: base, origin: base, client: &http.Client{Jar: jar, Timeout: 20 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (b *browser) do(method, path string, body any, header map[string]string) (int, http.Header, string) {
	b.t.Helper()
	var r io.Reader
	if body != nil {
		raw, _ := json.Marshal(body)
		r = bytes.NewReader(raw)
	}
	u := path
	if strings.HasPrefix(path, "/") {
		u = b.base + path
	}
	req, _ := http.NewRequest(method, u, r)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if method != http.MethodGet && b.origin != "" {
		req.Header.Set("Origin", b.origin)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	out, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header, string(out)
}

// graphql posts a query as the console does: the cookie, and the CSRF
// token in its header.
func (b *browser) graphql(query string, vars map[string]any) (int, string) {
	b.t.Helper()
	status, _, body := b.do(http.MethodPost, "/graphql", map[string]any{"query": query, "variables": vars}, map[string]string{auth.CSRFHeader: b.csrf})
	return status, body
}

func (b *browser) session() (signedIn bool, csrf string) {
	b.t.Helper()
	status, _, body := b.do(http.MethodGet, "/auth/session", nil, nil)
	var s struct {
		SignedIn  bool
		CSRFToken string
	}
	if status != http.StatusOK || json.Unmarshal([]byte(body), &s) != nil {
		b.t.Fatalf("GET /auth/session: %d %s", status, body)
	}
	return s.SignedIn, s.CSRFToken
}

func (b *browser) cookie(name string) *http.Cookie {
	u, _ := url.Parse(b.base)
	for _, c := range b.client.Jar.Cookies(u) {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// signInWithLink redeems a fresh link for email as the console's
// /signin/link page does.
func (b *browser) signInWithLink(env *testenv.Env, email string) *http.Response {
	b.t.Helper()
	token, _, err := auth.NewService(env.DB).IssueSignInLink(context.Background(), email)
	if err != nil {
		b.t.Fatal(err)
	}
	status, header, body := b.do(http.MethodPost, "/auth/link", map[string]string{"token": token}, nil)
	if status != http.StatusOK {
		b.t.Fatalf("POST /auth/link: %d %s", status, body)
	}
	var s struct{ CSRFToken string }
	_ = json.Unmarshal([]byte(body), &s)
	b.csrf = s.CSRFToken
	return &http.Response{StatusCode: status, Header: header}
}

func sessionCount(t *testing.T, env *testenv.Env) int {
	n, err := env.DB.NewSelect().Table("browser_sessions").Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

// A one-time link signs a person in: the browser gets an HttpOnly,
// SameSite=Strict cookie and the page a CSRF token; the cookie works for
// GraphQL only with that token and from Firebreak's own origin; the link
// works once; signing out ends the session on the server.
func TestBrowserSessionFromASignInLink(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	b := newBrowser(t, env.Server.URL)
	if in, _ := b.session(); in {
		t.Fatal("signed in before signing in")
	}
	token, _, err := auth.NewService(env.DB).IssueSignInLink(context.Background(), "Responder@Test.Example")
	if err != nil {
		t.Fatal(err)
	}
	status, header, body := b.do(http.MethodPost, "/auth/link", map[string]string{"token": token}, nil)
	if status != http.StatusOK {
		t.Fatalf("redeem: %d %s", status, body)
	}
	set := header.Get("Set-Cookie")
	for _, want := range []string{auth.SessionCookie + "=fbs_", "HttpOnly", "SameSite=Strict", "Path=/"} {
		if !strings.Contains(set, want) {
			t.Errorf("Set-Cookie %q lacks %q", set, want)
		}
	}
	if strings.Contains(body, "fbs_") {
		t.Errorf("the session's secret is in the body page scripts read: %s", body)
	}
	in, csrf := b.session()
	if !in || csrf == "" {
		t.Fatalf("after the link: signed in %v, csrf %q", in, csrf)
	}
	b.csrf = csrf

	// The link is spent: a second browser gets nothing from it.
	other := newBrowser(t, env.Server.URL)
	if status, _, body := other.do(http.MethodPost, "/auth/link", map[string]string{"token": token}, nil); status != http.StatusUnauthorized || !strings.Contains(body, "UNAUTHENTICATED") {
		t.Errorf("the link used again: %d %s", status, body)
	}
	if n := sessionCount(t, env); n != 1 {
		t.Errorf("%d sessions, want 1", n)
	}

	status, body = b.graphql(`{ me { email role } }`, nil)
	if status != http.StatusOK || !strings.Contains(body, `"email":"responder@test.example"`) || !strings.Contains(body, "RESPONDER") {
		t.Fatalf("me with the cookie: %d %s", status, body)
	}
	// A mutation through the cookie needs the CSRF token…
	declare := `mutation { declareIncident(input: {title: "From the console", severityLevel: 3}) { incident { number } } }`
	b.csrf = ""
	if status, body := b.graphql(declare, nil); status != http.StatusForbidden || !strings.Contains(body, "FORBIDDEN") || !strings.Contains(body, "CSRF") {
		t.Errorf("without the CSRF token: %d %s", status, body)
	}
	b.csrf = "not-the-token"
	if status, body := b.graphql(declare, nil); status != http.StatusForbidden {
		t.Errorf("with a wrong CSRF token: %d %s", status, body)
	}
	// …and a page on another site cannot send one, even with the token.
	b.csrf, b.origin = csrf, "https://evil.example"
	if status, body := b.graphql(declare, nil); status != http.StatusForbidden {
		t.Errorf("cross-site POST: %d %s", status, body)
	}
	var count struct{ Incidents struct{ TotalCount int } }
	env.Query(t, env.AdminKey, `{ incidents { totalCount } }`, nil, &count)
	if count.Incidents.TotalCount != 0 {
		t.Fatalf("a refused request declared %d incidents", count.Incidents.TotalCount)
	}
	b.origin = env.Server.URL
	if status, body := b.graphql(declare, nil); status != http.StatusOK || !strings.Contains(body, `"number":1`) {
		t.Fatalf("declare through the console: %d %s", status, body)
	}
	// The Markdown documents open in the browser with the cookie alone.
	if status, _, md := b.do(http.MethodGet, "/incidents/1/factsheet.md", nil, nil); status != http.StatusOK || !strings.Contains(md, "From the console") {
		t.Errorf("factsheet.md in the browser: %d %s", status, md)
	}

	// Signing out needs the token too, then ends the session everywhere.
	b.csrf = ""
	if status, _, _ := b.do(http.MethodPost, "/auth/signout", nil, map[string]string{auth.CSRFHeader: ""}); status != http.StatusForbidden {
		t.Errorf("sign-out without the CSRF token: %d", status)
	}
	stolen := b.cookie(auth.SessionCookie)
	if status, _, _ := b.do(http.MethodPost, "/auth/signout", nil, map[string]string{auth.CSRFHeader: csrf}); status != http.StatusNoContent {
		t.Fatalf("sign-out: %d", status)
	}
	if in, _ := b.session(); in {
		t.Error("still signed in after signing out")
	}
	// The old cookie, replayed, is refused: the session ended on the server.
	replay := newBrowser(t, env.Server.URL)
	u, _ := url.Parse(env.Server.URL)
	replay.client.Jar.SetCookies(u, []*http.Cookie{{Name: auth.SessionCookie, Value: stolen.Value}})
	replay.csrf = csrf
	if status, body := replay.graphql(`{ me { id } }`, nil); status != http.StatusUnauthorized || !strings.Contains(body, "UNAUTHENTICATED") {
		t.Errorf("the signed-out cookie: %d %s", status, body)
	}
}

// Another site cannot sign a visitor's browser in as someone else ("login
// CSRF"): a cross-site POST /auth/link is refused and spends nothing. An
// e-mail without an active person gets no link.
func TestSignInLinksRefuseCrossSiteAndStrangers(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	keys := auth.NewService(env.DB)
	token, _, err := keys.IssueSignInLink(context.Background(), "viewer@test.example")
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, env.Server.URL)
	b.origin = "https://evil.example"
	if status, _, body := b.do(http.MethodPost, "/auth/link", map[string]string{"token": token}, nil); status != http.StatusForbidden {
		t.Errorf("cross-site redeem: %d %s", status, body)
	}
	if status, _, body := b.do(http.MethodPost, "/auth/link", map[string]string{"token": token}, map[string]string{"Origin": "", "Sec-Fetch-Site": "cross-site"}); status != http.StatusForbidden {
		t.Errorf("cross-site redeem by Fetch Metadata: %d %s", status, body)
	}
	if n := sessionCount(t, env); n != 0 {
		t.Fatalf("%d sessions after refused redemptions", n)
	}
	b.origin = env.Server.URL
	if status, _, body := b.do(http.MethodPost, "/auth/link", map[string]string{"token": token}, nil); status != http.StatusOK {
		t.Errorf("the link, still unspent: %d %s", status, body)
	}
	if _, _, err := keys.IssueSignInLink(context.Background(), "nobody@test.example"); err == nil || !strings.Contains(err.Error(), "no active person") {
		t.Errorf("a link for nobody: %v", err)
	}
	for _, bad := range []any{map[string]string{"token": "fbl_nope"}, map[string]int{"token": 1}, "x"} {
		if status, _, body := b.do(http.MethodPost, "/auth/link", bad, nil); status < 400 || status >= 500 || !strings.Contains(body, `"code"`) {
			t.Errorf("redeem %v: %d %s", bad, status, body)
		}
	}
}

// A session ends when its person is deactivated or given another role:
// its requests are refused and its websocket closes with 4401.
func TestBrowserSessionEndsWithDeactivationOrRoleChange(t *testing.T) {
	t.Parallel()
	env := testenv.NewWithOptions(t, testenv.Options{})
	_, person, err := auth.NewService(env.DB).CreateKey(context.Background(), auth.CreateKeyParams{Name: "Pat", Email: "pat@test.example", Role: models.RoleResponder})
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, env.Server.URL)
	b.signInWithLink(env, "pat@test.example")
	sock := dialWithCookie(t, env.Server.URL, b)
	if status, body := b.graphql(`{ me { name } }`, nil); status != http.StatusOK || !strings.Contains(body, "Pat") {
		t.Fatalf("me: %d %s", status, body)
	}

	patID := person.GlobalID()
	var out map[string]any
	env.Query(t, env.AdminKey, `mutation($id: ID!) { updateUser(input: {userId: $id, role: VIEWER}) { user { role } } }`, map[string]any{"id": patID}, &out)
	if status, body := b.graphql(`{ me { name } }`, nil); status != http.StatusUnauthorized || !strings.Contains(body, "session has ended") {
		t.Errorf("after a role change: %d %s", status, body)
	}
	if code, reason := sock.CloseStatus(t, 20*time.Second); code != 4401 || !strings.Contains(reason, "session has ended") {
		t.Errorf("the socket after a role change: %d %q", code, reason)
	}

	// A new session has the new role; deactivation ends it too.
	b.signInWithLink(env, "pat@test.example")
	if _, body := b.graphql(`{ me { role } }`, nil); !strings.Contains(body, "VIEWER") {
		t.Errorf("the new session: %s", body)
	}
	env.Query(t, env.AdminKey, `mutation($id: ID!) { deactivateUser(input: {userId: $id}) { user { id } } }`, map[string]any{"id": patID}, &out)
	if status, _ := b.graphql(`{ me { role } }`, nil); status != http.StatusUnauthorized {
		t.Errorf("after deactivation: %d", status)
	}
	if _, _, err := auth.NewService(env.DB).IssueSignInLink(context.Background(), "pat@test.example"); err == nil {
		t.Error("a deactivated person got a sign-in link")
	}
}

// dialWithCookie opens the console's websocket: the session cookie, the
// page's own Origin, and the CSRF token in connection_init.
func dialWithCookie(t *testing.T, base string, b *browser) *testenv.WSClient {
	t.Helper()
	u, _ := url.Parse(base)
	var cookies []string
	for _, c := range b.client.Jar.Cookies(u) {
		cookies = append(cookies, c.Name+"="+c.Value)
	}
	c, ack, err := testenv.TryDialWSWith(base, http.Header{"Cookie": {strings.Join(cookies, "; ")}, "Origin": {base}},
		map[string]any{"csrfToken": b.csrf})
	if err != nil || ack.Type != "connection_ack" {
		t.Fatalf("the console's websocket: %v %s %s", err, ack.Type, ack.Payload)
	}
	t.Cleanup(func() { c.Conn.CloseNow() })
	return c
}

// A page on another site cannot open a websocket with the visitor's
// cookie, and the console's own socket needs the CSRF token.
func TestBrowserSessionSocketsNeedTheOriginAndToken(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	b := newBrowser(t, env.Server.URL)
	b.signInWithLink(env, "viewer@test.example")
	cookie := auth.SessionCookie + "=" + b.cookie(auth.SessionCookie).Value
	for name, tc := range map[string]struct {
		origin string
		init   map[string]any
	}{
		"another site's page": {"https://evil.example", map[string]any{"csrfToken": b.csrf}},
		"no CSRF token":       {env.Server.URL, map[string]any{}},
		"a wrong CSRF token":  {env.Server.URL, map[string]any{"csrfToken": "guess"}},
	} {
		c, first, err := testenv.TryDialWSWith(env.Server.URL, http.Header{"Cookie": {cookie}, "Origin": {tc.origin}}, tc.init)
		if err == nil && first.Type == "connection_ack" {
			t.Errorf("%s: the socket was accepted", name)
		}
		if c != nil {
			c.Conn.CloseNow()
		}
	}
}

// Sign in with the identity provider through the browser: authorization
// code + PKCE run by Firebreak, the state bound to the browser by a
// cookie. A forged state, a replayed callback and a code issued to
// another application are each refused and start no session.
func TestBrowserSignInWithTheIdentityProvider(t *testing.T) {
	t.Parallel()
	addr := fmt.Sprintf("127.0.0.1:%d", testenv.FreePort(t))
	base := "http://" + addr
	callback := base + "/auth/oidc/callback"
	provider := standin.StartOIDCProvider(t, standin.OIDCSettings{
		Clients: []standin.OIDCClient{
			{ID: "firebreak-console", Secret: "console-secret", RedirectURIs: []string{callback}},
			{ID: "other-app", RedirectURIs: []string{callback, "http://127.0.0.1/callback"}},
		},
		Accounts: signInAccounts,
	})
	env := testenv.NewWithOptions(t, testenv.Options{Addr: addr, SignIn: &signin.Config{
		Issuer: provider.Issuer, Audiences: []string{"firebreak-console", "other-app"}, DefaultRole: models.RoleViewer,
		RoleClaim: "groups", Roles: map[string]models.UserRole{"sre": models.RoleResponder},
		ClientID: "firebreak-console", ClientSecret: "console-secret", RedirectURL: callback, Scopes: []string{"openid", "email", "profile", "groups"},
	}})

	b := newBrowser(t, env.Server.URL)
	signInAt := func(b *browser, next string) (callbackURL string) {
		t.Helper()
		status, header, body := b.do(http.MethodGet, "/auth/oidc/start?next="+url.QueryEscape(next), nil, nil)
		if status != http.StatusFound {
			t.Fatalf("start: %d %s", status, body)
		}
		authURL, _ := url.Parse(header.Get("Location"))
		q := authURL.Query()
		if q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "" || q.Get("nonce") == "" || q.Get("state") == "" || q.Get("client_id") != "firebreak-console" {
			t.Fatalf("the authorization request: %s", authURL)
		}
		if c := b.cookie("firebreak_oidc_state"); c != nil {
			t.Fatal("the state cookie is sent outside /auth/oidc")
		}
		q.Set("login_hint", "alice")
		authURL.RawQuery = q.Encode()
		// At the provider, follow its redirects until it sends the browser back.
		next = authURL.String()
		for range 10 {
			_, h, _ := b.do(http.MethodGet, next, nil, nil)
			loc := h.Get("Location")
			if loc == "" {
				t.Fatalf("the provider stopped at %s", next)
			}
			if strings.HasPrefix(loc, "/") {
				loc = provider.URL + loc
			}
			if strings.HasPrefix(loc, callback) {
				return loc
			}
			next = loc
		}
		t.Fatal("the provider never sent the browser back")
		return ""
	}

	back := signInAt(b, "/incidents/7")
	// A forged state (another attempt's, or made up) is refused.
	forged, _ := url.Parse(back)
	fq := forged.Query()
	fq.Set("state", "forged-state")
	forged.RawQuery = fq.Encode()
	status, header, _ := b.do(http.MethodGet, forged.String(), nil, nil)
	if status != http.StatusSeeOther || !strings.Contains(header.Get("Location"), "error=STATE") {
		t.Errorf("forged state: %d %s", status, header.Get("Location"))
	}
	if in, _ := b.session(); in {
		t.Fatal("a forged state signed the browser in")
	}

	// The real answer, in a fresh attempt (the forged one cleared the cookie).
	back = signInAt(b, "/incidents/7")
	status, header, _ = b.do(http.MethodGet, back, nil, nil)
	if status != http.StatusSeeOther || header.Get("Location") != "/incidents/7" {
		t.Fatalf("callback: %d %s", status, header.Get("Location"))
	}
	if set := strings.Join(header.Values("Set-Cookie"), "\n"); !strings.Contains(set, "HttpOnly") || !strings.Contains(set, "SameSite=Strict") {
		t.Errorf("session cookie: %s", set)
	}
	in, csrf := b.session()
	if !in {
		t.Fatal("not signed in after the callback")
	}
	b.csrf = csrf
	if _, body := b.graphql(`{ me { email role } }`, nil); !strings.Contains(body, "alice@example.test") || !strings.Contains(body, "RESPONDER") {
		t.Errorf("me after signing in: %s", body)
	}

	// Replayed: the same callback again, even with its state cookie back.
	replayer := newBrowser(t, env.Server.URL)
	u, _ := url.Parse(back)
	replayer.client.Jar.SetCookies(&url.URL{Scheme: "http", Host: addr, Path: "/auth/oidc"}, []*http.Cookie{{Name: "firebreak_oidc_state", Value: u.Query().Get("state"), Path: "/auth/oidc"}})
	status, header, _ = replayer.do(http.MethodGet, back, nil, nil)
	if status != http.StatusSeeOther || !strings.Contains(header.Get("Location"), "error=STATE") {
		t.Errorf("replayed callback: %d %s", status, header.Get("Location"))
	}

	// A code issued to another application, slipped into a real attempt:
	// Firebreak's client cannot redeem it, and nothing signs in.
	victim := newBrowser(t, env.Server.URL)
	attempt, _ := url.Parse(signInAt(victim, "/"))
	foreignCode := codeFor(t, victim, provider.URL, "other-app", callback, "alice")
	aq := attempt.Query()
	aq.Set("code", foreignCode)
	attempt.RawQuery = aq.Encode()
	status, header, _ = victim.do(http.MethodGet, attempt.String(), nil, nil)
	if status != http.StatusSeeOther || !strings.Contains(header.Get("Location"), "error=REFUSED") {
		t.Errorf("another client's code: %d %s", status, header.Get("Location"))
	}
	if in, _ := victim.session(); in {
		t.Error("another client's code signed the browser in")
	}
	// The next path never leaves the origin.
	status, _, _ = newBrowser(t, env.Server.URL).do(http.MethodGet, "/auth/oidc/start?next="+url.QueryEscape("//evil.example/x"), nil, nil)
	if status != http.StatusFound {
		t.Errorf("start with a foreign next: %d", status)
	}
	var returnTo string
	if err := env.DB.NewRaw("SELECT return_to FROM oidc_signin_attempts ORDER BY created_at DESC LIMIT 1").Scan(context.Background(), &returnTo); err != nil || returnTo != "/" {
		t.Errorf("a foreign next is kept as %q (%v), want /", returnTo, err)
	}
}

// codeFor runs the provider's authorization for another client (a public
// one, with PKCE) and returns the code it issues.
func codeFor(t *testing.T, b *browser, providerURL, clientID, redirect, login string) string {
	t.Helper()
	app := oauth2.Config{ClientID: clientID, RedirectURL: redirect, Scopes: []string{"openid", "email"},
		Endpoint: oauth2.Endpoint{AuthURL: providerURL + "/auth", TokenURL: providerURL + "/token"}}
	next := app.AuthCodeURL("theirs", oauth2.S256ChallengeOption(oauth2.GenerateVerifier()), oauth2.SetAuthURLParam("login_hint", login), oauth2.SetAuthURLParam("nonce", "n"))
	for range 10 {
		_, h, _ := b.do(http.MethodGet, next, nil, nil)
		loc := h.Get("Location")
		if strings.HasPrefix(loc, "/") {
			loc = providerURL + loc
		}
		if strings.HasPrefix(loc, redirect) {
			u, _ := url.Parse(loc)
			return u.Query().Get("code")
		}
		if loc == "" {
			break
		}
		next = loc
	}
	t.Fatal("no code for " + clientID)
	return ""
}

// One address cannot hammer the sign-in endpoints (guessing links,
// starting provider sign-ins that each write a row): past its budget of
// attempts it gets 429 RATE_LIMITED with Retry-After.
func TestSignInAttemptsHaveABudgetPerAddress(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	b := newBrowser(t, env.Server.URL)
	var limited int
	for range websession.SignInLimit.Burst + 10 {
		status, header, body := b.do(http.MethodPost, "/auth/link", map[string]string{"token": "fbl_GUESS"}, nil)
		if status == http.StatusTooManyRequests {
			limited++
			if header.Get("Retry-After") == "" || !strings.Contains(body, "RATE_LIMITED") {
				t.Fatalf("a refusal without its wait: %v %s", header, body)
			}
		}
	}
	if limited < 10 {
		t.Errorf("%d of %d guesses were refused, want at least 10", limited, websession.SignInLimit.Burst+10)
	}
}
