package httpapi

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/hibiken/asynq"
	"github.com/hibiken/asynqmon"

	"firebreak/internal/apperr"
	"firebreak/internal/auth"
	"firebreak/internal/httperr"
	"firebreak/models"
)

// AdminSessionTTL is how long a browser session for the admin pages lasts.
const AdminSessionTTL = 15 * time.Minute

const adminCookie = "firebreak_admin"

// adminSessions signs short-lived cookies for the admin pages: a browser
// cannot send a bearer header when it follows a link, so an admin trades
// their API key for a cookie at POST /admin/session. The cookie names the
// user, the key and an expiry, HMAC-signed; every request re-checks that the
// key still works and the user is still an admin, so a session ends with
// its key.
type adminSessions struct {
	secret []byte
	keys   *auth.Service
	now    func() time.Time
}

// newAdminSessions uses secret to sign (shared by replicas); an empty one
// gets a random secret, valid in this process only.
func newAdminSessions(secret string, keys *auth.Service) *adminSessions {
	key := []byte(secret)
	if len(key) == 0 {
		key = []byte(rand.Text() + rand.Text())
	}
	return &adminSessions{secret: key, keys: keys, now: time.Now}
}

func (s *adminSessions) sign(payload string) string {
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte(payload))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// start answers POST /admin/session for an authenticated admin.
func (s *adminSessions) start(w http.ResponseWriter, r *http.Request) {
	user, err := auth.UserFrom(r.Context())
	if err == nil {
		err = user.RequireRole(models.RoleAdmin)
	}
	if err != nil {
		httperr.Write(w, r, "admin session", apperr.New(apperr.Forbidden, "the admin pages need an ADMIN key"), graphqlBody)
		return
	}
	keyID, ok := auth.KeyIDFrom(r.Context())
	if !ok { // a session re-checks its key on every request; tokens have none
		httperr.Write(w, r, "admin session", apperr.New(apperr.Forbidden, "the admin pages need an ADMIN API key; sign-in tokens are not accepted here"), graphqlBody)
		return
	}
	expires := s.now().Add(AdminSessionTTL)
	payload := fmt.Sprintf("%d.%d.%d", user.ID, keyID, expires.Unix())
	http.SetCookie(w, &http.Cookie{
		Name: adminCookie, Value: payload + "." + s.sign(payload), Path: "/admin",
		Expires: expires, MaxAge: int(AdminSessionTTL.Seconds()),
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil,
	})
	writeJSON(w, http.StatusOK, map[string]any{"expiresAt": expires.UTC().Format(time.RFC3339)})
}

// require lets through requests with a valid session cookie of a user who
// is still an admin.
func (s *adminSessions) require(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.valid(r) {
			httperr.Write(w, r, "admin page", apperr.New(apperr.Unauthenticated, "Sign in first: POST /admin/session with an ADMIN API key (Authorization: Bearer <key>), then reload."), httperr.Text)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (s *adminSessions) valid(r *http.Request) bool {
	c, err := r.Cookie(adminCookie)
	if err != nil {
		return false
	}
	parts := strings.Split(c.Value, ".")
	if len(parts) != 4 || !hmac.Equal([]byte(parts[3]), []byte(s.sign(strings.Join(parts[:3], ".")))) {
		return false
	}
	id, err1 := strconv.ParseInt(parts[0], 10, 64)
	keyID, err2 := strconv.ParseInt(parts[1], 10, 64)
	expires, err3 := strconv.ParseInt(parts[2], 10, 64)
	if err1 != nil || err2 != nil || err3 != nil || s.now().Unix() >= expires {
		return false
	}
	user, err := s.keys.KeyUser(r.Context(), keyID)
	return err == nil && user != nil && user.ID == id && user.IsAdmin()
}

// queueDashboard is asynqmon, mounted at /admin/queues.
func queueDashboard(queues asynq.RedisConnOpt) http.Handler {
	return asynqmon.New(asynqmon.Options{RootPath: "/admin/queues", RedisConnOpt: queues})
}
