package httpapi_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"firebreak/internal/testenv"
	"firebreak/models"
)

// eventually waits until ok holds, well inside the caches' 10-second expiry:
// a change reaches the other processes as a PostgreSQL notification, a few
// milliseconds after it commits.
func eventually(t *testing.T, what string, ok func() bool) {
	t.Helper()
	testenv.Eventually(t, 3*time.Second, what+" did not happen within 3 s (the caches expire after 10 s: the change notification was not heard)", ok)
}

// A key that authenticated is remembered: the next request costs no
// statement to authenticate, and severities are not read again either.
func TestAuthenticatedKeysAndSeveritiesAreCached(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	query := `{ me { name } severities { name } }`
	env.Query(t, env.ViewerKey, query, nil, nil)
	if n := env.CountQueries(func() { env.Query(t, env.ViewerKey, query, nil, nil) }); n != 0 {
		t.Errorf("a second request with the same key ran %d statements, want 0", n)
	}
}

// A revocation, a role change or a renamed severity made anywhere — here in
// plain SQL, as an operator would — reaches every replica's cache at once.
func TestChangesReachEveryReplicasCache(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	replica := env.Replica(t)
	key := env.NewKey(t, "Cached", models.RoleResponder)
	servers := map[string]string{"first": env.Server.URL, "second": replica.URL}
	role := func(url string) string {
		res := testenv.PostTo(t, url, key, `{ me { role } severities { name } }`, nil)
		if res.Status != http.StatusOK {
			return res.Raw
		}
		return string(res.Data)
	}
	for name, url := range servers {
		if got := role(url); got != `{"me":{"role":"RESPONDER"},"severities":[{"name":"SEV-1"},{"name":"SEV-2"},{"name":"SEV-3"}]}` {
			t.Fatalf("%s replica: %s", name, got)
		}
	}

	exec := func(sql string, args ...any) {
		if _, err := env.DB.ExecContext(context.Background(), sql, args...); err != nil {
			t.Fatal(err)
		}
	}
	exec(`UPDATE users SET role = 'VIEWER' WHERE name = 'Cached'`)
	exec(`UPDATE severities SET name = 'Critical' WHERE level = 1`)
	for name, url := range servers {
		eventually(t, name+" replica seeing the new role and severity name", func() bool {
			return role(url) == `{"me":{"role":"VIEWER"},"severities":[{"name":"Critical"},{"name":"SEV-2"},{"name":"SEV-3"}]}`
		})
	}

	exec(`UPDATE api_keys SET revoked_at = now() WHERE user_id = (SELECT id FROM users WHERE name = 'Cached')`)
	for name, url := range servers {
		eventually(t, name+" replica refusing the revoked key", func() bool {
			return testenv.PostTo(t, url, key, `{ me { id } }`, nil).Status == http.StatusUnauthorized
		})
	}
}
