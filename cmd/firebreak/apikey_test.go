package main

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"firebreak/internal/testenv"
)

func runCLI(t *testing.T, env map[string]string, args ...string) (string, error) {
	t.Helper()
	for k, v := range env {
		t.Setenv(k, v)
	}
	var out bytes.Buffer
	cmd := newRootCommand()
	cmd.SetOut(&out)
	cmd.SetErr(&bytes.Buffer{})
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(context.Background())
	return out.String(), err
}

// Not parallel: the CLI reads its settings from the process environment.
func TestAPIKeyCreatePrintsOneWorkingKeyAndReusesUsersByEmail(t *testing.T) {
	env := testenv.New(t)
	vars := map[string]string{"DATABASE_URL": env.DatabaseURL}

	out, err := runCLI(t, vars, "apikey", "create", "--name", "Alice", "--role", "responder", "--email", "alice@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(out, "\n") != 1 || !strings.HasPrefix(out, "fbk_") {
		t.Fatalf("stdout must be exactly the key on one line, got %q", out)
	}
	first := strings.TrimSpace(out)

	out, err = runCLI(t, vars, "apikey", "create", "--name", "Alice again", "--role", "RESPONDER", "--email", "ALICE@example.com")
	if err != nil {
		t.Fatal(err)
	}
	second := strings.TrimSpace(out)
	if second == first {
		t.Fatal("each call must print a new key")
	}

	// Both keys work, for the same user.
	var a, b struct {
		Me struct{ ID, Name, Role string }
	}
	env.Query(t, first, `{ me { id name role } }`, nil, &a)
	env.Query(t, second, `{ me { id name role } }`, nil, &b)
	if a.Me.ID != b.Me.ID || a.Me.Name != "Alice" || a.Me.Role != "RESPONDER" {
		t.Errorf("keys belong to %+v and %+v, want the same RESPONDER Alice", a.Me, b.Me)
	}

	// Revoking one leaves the other working.
	if _, err := runCLI(t, vars, "apikey", "revoke", first); err != nil {
		t.Fatal(err)
	}
	// The API caches keys; the revocation reaches it as PostgreSQL's
	// notification of the change, milliseconds after the command commits
	// (well before the cache's 10 s expiry).
	testenv.Eventually(t, 3*time.Second, "the revoked key still works 3 s later", func() bool {
		return env.Post(t, first, `{ me { id } }`, nil).Status == http.StatusUnauthorized
	})
	env.Query(t, second, `{ me { id } }`, nil, nil)

	if _, err := runCLI(t, vars, "apikey", "create", "--name", "Bob", "--role", "SUPERUSER"); err == nil {
		t.Error("an unknown role must be refused")
	}
}

func TestMigrateUpDownStatus(t *testing.T) {
	vars := map[string]string{"DATABASE_URL": testenv.NewEmptyDatabase(t)}

	out, err := runCLI(t, vars, "migrate", "status")
	if err != nil || strings.Contains(out, "applied") || !strings.Contains(out, "pending") {
		t.Fatalf("status on an empty database: %v %q", err, out)
	}
	if out, err = runCLI(t, vars, "migrate", "up"); err != nil || !strings.Contains(out, "applied") {
		t.Fatalf("up: %v %q", err, out)
	}
	if out, err = runCLI(t, vars, "migrate", "up"); err != nil || !strings.Contains(out, "up to date") {
		t.Fatalf("second up: %v %q", err, out)
	}
	if out, err = runCLI(t, vars, "migrate", "status"); err != nil || strings.Contains(out, "pending") {
		t.Fatalf("status after up: %v %q", err, out)
	}
	if out, err = runCLI(t, vars, "migrate", "down"); err != nil || !strings.Contains(out, "rolled back") {
		t.Fatalf("down: %v %q", err, out)
	}
	if out, err = runCLI(t, vars, "migrate", "status"); err != nil || strings.Contains(out, "applied") {
		t.Fatalf("status after down: %v %q", err, out)
	}
	if out, err = runCLI(t, vars, "migrate", "up"); err != nil || !strings.Contains(out, "applied") {
		t.Fatalf("up after down: %v %q", err, out)
	}
}
