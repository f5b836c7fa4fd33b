package graph

import (
	"cmp"
	"context"
	"crypto/subtle"
	"log/slog"
	"maps"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"firebreak/internal/apperr"
	"firebreak/internal/auth"
)

// Close codes of graphql-transport-ws that clients (graphql-ws) treat as
// final instead of reconnecting at once.
const (
	closeUnauthorized    = 4401
	closeForbidden       = 4403
	closeTooManyRequests = 4429
)

// SocketLimits bound what one API key (or one person signed in with
// tokens) can hold open over websockets.
type SocketLimits struct {
	// PerKey caps the sockets one API key, or one person's sign-in tokens,
	// have open on this process.
	PerKey int
	// Operations caps the operations (subscriptions) running at once on one
	// socket.
	Operations int
	// Recheck is how often the keys of open sockets are checked again: a
	// revoked or expired key's sockets, an expired sign-in token's and a
	// deactivated person's close within about this long.
	Recheck time.Duration
	// InitTimeout is how long a socket may take to send an acceptable
	// connection_init (then it closes with 4408).
	InitTimeout time.Duration
}

// DefaultSocketLimits are documented in docs/operations.md.
var DefaultSocketLimits = SocketLimits{PerKey: 20, Operations: 50, Recheck: 2 * time.Second, InitTimeout: 10 * time.Second}

func (l SocketLimits) withDefaults() SocketLimits {
	d := DefaultSocketLimits
	return SocketLimits{PerKey: cmp.Or(l.PerKey, d.PerKey), Operations: cmp.Or(l.Operations, d.Operations), Recheck: cmp.Or(l.Recheck, d.Recheck),
		InitTimeout: cmp.Or(l.InitTimeout, d.InitTimeout)}
}

// OperationLimiter spends one unit of an API key's rate budget (the same
// budget HTTP requests spend); it returns a RATE_LIMITED error when none is
// left. budget names the API key's budget, or the signed-in person's.
type OperationLimiter func(ctx context.Context, budget []byte) *apperr.Error

// socket is one authenticated websocket.
type socket struct {
	conn *trackedConn
	// holder is what the per-key cap counts (auth.Credential.Holder).
	holder string
	// keyID is the API key's id; 0 for a sign-in token, whose person and
	// expiry are checked instead, or a browser session (sessionID).
	keyID     int64
	sessionID int64
	userID    int64
	expires   time.Time
	rateKey   []byte
	running   atomic.Int32
}

type socketKey struct{}

// socketSlot carries a websocket's connection from Accept to InitFunc,
// which gqlgen calls with the request's context, and whether its page's
// origin may use the API.
type socketSlot struct {
	conn          *trackedConn
	foreignOrigin string
	// session is the console's session cookie, when the socket was opened
	// by a page of this origin (a session never works from another).
	session string
}

type slotKey struct{}

// slottedWebsocket puts a slot in the request's context for Accept to fill,
// noting an origin that is neither the API's own nor allowed. Such a socket
// is accepted and then closed with 4403 and a reason: refused at the
// upgrade, a browser client sees only 1006 and retries forever.
type slottedWebsocket struct {
	transport.Websocket
	origins []string
}

func (t slottedWebsocket) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	slot := &socketSlot{}
	origin := r.Header.Get("Origin")
	if origin != "" && !sameHost(origin, r.Host) && !OriginAllowed(t.origins, origin) {
		slot.foreignOrigin = origin
	}
	if c, err := r.Cookie(auth.SessionCookie); err == nil && origin != "" && sameHost(origin, r.Host) {
		slot.session = c.Value
	}
	t.Websocket.Do(w, r.WithContext(context.WithValue(r.Context(), slotKey{}, slot)), exec)
}

func sameHost(origin, host string) bool {
	u, err := url.Parse(origin)
	return err == nil && strings.EqualFold(u.Host, host)
}

// OriginAllowed matches a browser Origin against FIREBREAK_ALLOWED_ORIGINS
// patterns as coder/websocket does: path.Match on the origin's host, or on
// scheme://host for patterns that name a scheme. The CORS answers use it too.
func OriginAllowed(patterns []string, origin string) bool {
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" {
		return false
	}
	for _, p := range patterns {
		target := u.Host
		if strings.Contains(p, "://") {
			target = u.Scheme + "://" + u.Host
		}
		if ok, _ := path.Match(strings.ToLower(p), strings.ToLower(target)); ok {
			return true
		}
	}
	return false
}

// guard admits sockets and their operations.
type guard struct {
	keys    *auth.Service
	sockets *Sockets
	limits  SocketLimits
	limiter OperationLimiter
}

// init authenticates a websocket from its connection_init payload
// ({"Authorization": "Bearer <key>"}). Failures close the socket with 4401
// (or 4429 past the per-key cap), codes graphql-ws does not retry blindly.
func (g guard) init(ctx context.Context, payload transport.InitPayload) (context.Context, *transport.InitPayload, error) {
	refuse := func(code int, err error) (context.Context, *transport.InitPayload, error) {
		ctx = transport.WithWebsocketCloseCode(ctx, code)
		return transport.AppendCloseReason(ctx, closeReason(err)), nil, err
	}
	if slot, _ := ctx.Value(slotKey{}).(*socketSlot); slot != nil && slot.foreignOrigin != "" {
		return refuse(closeForbidden, apperr.New(apperr.Forbidden, "pages on %s may not use this API: see FIREBREAK_ALLOWED_ORIGINS", slot.foreignOrigin))
	}
	cred, err := g.authenticate(ctx, payload)
	if err != nil {
		if apperr.CodeOf(err) != apperr.Unauthenticated {
			slog.ErrorContext(ctx, "websocket authentication", "error", err.Error())
			err = apperr.New(apperr.Internal, "could not check the API key or token; try again")
			return refuse(1011, err)
		}
		return refuse(closeUnauthorized, err)
	}
	s := &socket{holder: cred.Holder(), keyID: cred.KeyID, sessionID: cred.SessionID, userID: cred.User.ID, expires: cred.Expires, rateKey: cred.RateKey}
	if slot, _ := ctx.Value(slotKey{}).(*socketSlot); slot != nil && slot.conn != nil {
		s.conn = slot.conn
		if !g.sockets.admit(s, g.limits.PerKey) {
			return refuse(closeTooManyRequests, apperr.New(apperr.RateLimited, "too many open websockets for this API key"))
		}
		g.sockets.watchKeys(g.keys, g.limits.Recheck)
	}
	ctx = context.WithValue(auth.WithCredential(ctx, cred), socketKey{}, s)
	return ctx, nil, nil
}

// authenticate reads the socket's credential: the connection_init
// payload's Authorization, or else the console's session cookie, which
// also needs the session's CSRF token in the payload ({"csrfToken": …}).
func (g guard) authenticate(ctx context.Context, payload transport.InitPayload) (*auth.Credential, error) {
	if token, ok := auth.BearerToken(payload.Authorization()); ok {
		return g.keys.AuthenticateBearer(ctx, token)
	}
	slot, _ := ctx.Value(slotKey{}).(*socketSlot)
	if slot == nil || slot.session == "" {
		return nil, errUnauthenticated
	}
	cred, err := g.keys.AuthenticateSession(ctx, slot.session)
	if err != nil {
		return nil, err
	}
	if got := payload.GetString("csrfToken"); got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(cred.CSRFToken)) != 1 {
		return nil, apperr.New(apperr.Unauthenticated, "the socket lacks the session's CSRF token (connection_init {\"csrfToken\": …}): reload the page")
	}
	return cred, nil
}

// closeReason fits an error into a close frame (at most 123 bytes).
func closeReason(err error) string {
	msg := err.Error()
	if len(msg) > 120 {
		msg = msg[:120]
	}
	return msg
}

// operations spends the key's rate budget on every operation sent over a
// socket and caps how many run at once.
func (g guard) operations(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	s, _ := ctx.Value(socketKey{}).(*socket)
	if s == nil {
		// HTTP, limited by the HTTP middleware. A subscription there would
		// answer with its first event and end, silently.
		if oc := graphql.GetOperationContext(ctx); oc.Operation != nil && oc.Operation.Operation == ast.Subscription {
			return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{{
				Message:    "subscriptions run over a websocket: open /graphql with the graphql-transport-ws protocol (graphql-ws)",
				Extensions: map[string]any{"code": string(apperr.BadUserInput), "reason": "TRANSPORT_NOT_SUPPORTED"},
			}}})
		}
		return next(ctx)
	}
	if g.limiter != nil {
		if err := g.limiter(ctx, s.rateKey); err != nil {
			return refuseOperation(err)
		}
	}
	if s.running.Add(1) > int32(g.limits.Operations) {
		s.running.Add(-1)
		return refuseOperation(apperr.New(apperr.RateLimited, "at most %d operations may run at once on one websocket", g.limits.Operations))
	}
	var once sync.Once
	release := func() { once.Do(func() { s.running.Add(-1) }) }
	context.AfterFunc(ctx, release)
	respond := next(ctx)
	return func(ctx context.Context) *graphql.Response {
		resp := respond(ctx)
		if resp == nil {
			release()
		}
		return resp
	}
}

func refuseOperation(err *apperr.Error) graphql.ResponseHandler {
	gqlErr := &gqlerror.Error{Message: err.Message, Extensions: map[string]any{"code": string(err.Code)}}
	return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{gqlErr}})
}

// admit registers s unless its holder already has perKey sockets open here.
func (s *Sockets) admit(sock *socket, perKey int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.perKey == nil {
		s.perKey = map[string]int{}
	}
	if s.perKey[sock.holder] >= perKey {
		return false
	}
	s.perKey[sock.holder]++
	sock.conn.socket = sock
	return true
}

// release forgets a closed socket's key.
func (s *Sockets) release(sock *socket) {
	if sock == nil {
		return
	}
	if s.perKey[sock.holder]--; s.perKey[sock.holder] <= 0 {
		delete(s.perKey, sock.holder)
	}
}

// watchKeys makes sure one loop re-checks the keys of open sockets; it ends
// when the last socket closes and starts again with the next one.
func (s *Sockets) watchKeys(keys *auth.Service, every time.Duration) {
	if !s.watching.CompareAndSwap(false, true) {
		return
	}
	go func() {
		tick := time.NewTicker(every)
		defer tick.Stop()
		for range tick.C {
			if !s.closeUnusable(keys) {
				return
			}
		}
	}()
}

// closeUnusable closes the sockets whose key no longer authenticates, whose
// sign-in token expired or whose person was deactivated; it reports
// whether any socket is still open. The loop stops (watching turns false)
// under the same lock admit takes, so a socket admitted at that moment
// starts a new loop rather than finding this one about to end.
func (s *Sockets) closeUnusable(keys *auth.Service) bool {
	s.mu.Lock()
	if len(s.perKey) == 0 {
		s.watching.Store(false)
		s.mu.Unlock()
		return false
	}
	keyIDs, sessionIDs, people := map[int64]bool{}, map[int64]bool{}, map[int64]bool{}
	for c := range s.conns {
		switch {
		case c.socket == nil:
		case c.socket.keyID != 0:
			keyIDs[c.socket.keyID] = true
		case c.socket.sessionID != 0:
			sessionIDs[c.socket.sessionID] = true
		default:
			people[c.socket.userID] = true
		}
	}
	s.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	goneKeys, err := keys.UnusableKeys(ctx, slices.Collect(maps.Keys(keyIDs)))
	if err != nil {
		slog.Warn("websocket key check failed; will retry", "error", err.Error())
		return true
	}
	gonePeople, err := keys.InactivePeople(ctx, slices.Collect(maps.Keys(people)))
	if err != nil {
		slog.Warn("websocket sign-in check failed; will retry", "error", err.Error())
		return true
	}
	endedSessions, err := keys.EndedSessions(ctx, slices.Collect(maps.Keys(sessionIDs)))
	if err != nil {
		slog.Warn("websocket session check failed; will retry", "error", err.Error())
		return true
	}
	revoked, deactivated, ended := setOf(goneKeys), setOf(gonePeople), setOf(endedSessions)
	now := time.Now()
	type closing struct {
		conn   *trackedConn
		reason string
	}
	var closes []closing
	s.mu.Lock()
	for c := range s.conns {
		switch sock := c.socket; {
		case sock == nil:
		case sock.keyID != 0 && revoked[sock.keyID]:
			closes = append(closes, closing{c, "the API key was revoked or has expired"})
		case sock.sessionID != 0 && ended[sock.sessionID]:
			closes = append(closes, closing{c, "the browser session has ended: sign in again"})
		case sock.sessionID != 0:
		case sock.keyID == 0 && deactivated[sock.userID]:
			closes = append(closes, closing{c, "this person has been deactivated in Firebreak"})
		case sock.keyID == 0 && !sock.expires.After(now):
			closes = append(closes, closing{c, "the sign-in token has expired: sign in again"})
		}
	}
	s.mu.Unlock()
	for _, c := range closes {
		_ = c.conn.WriteClose(closeUnauthorized, c.reason)
	}
	return true
}

func setOf(ids []int64) map[int64]bool {
	set := make(map[int64]bool, len(ids))
	for _, id := range ids {
		set[id] = true
	}
	return set
}
