package testenv

import (
	"bufio"
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// NodeClient runs one of the real clients installed in clients/ (pinned in
// its package-lock.json; `make test` runs npm ci there).
func NodeClient(t testing.TB, script string, args ...string) *exec.Cmd {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatal("node is not installed: run the tests with `make test`")
	}
	cmd := exec.Command("node", append([]string{script}, args...)...)
	cmd.Dir = "../../clients"
	return cmd
}

// ConnectGraphQLWS runs graphql-ws subscribed to incidentChanges with
// bearer (a key or a sign-in token) until the test ends, and returns its
// output after it reported being connected.
func ConnectGraphQLWS(t testing.TB, serverURL, bearer string) *bufio.Scanner {
	t.Helper()
	return ConnectGraphQLWSWith(t, serverURL, bearer)
}

// ConnectGraphQLWSWith is ConnectGraphQLWS with settings of the script's
// in its environment (NAME=value).
func ConnectGraphQLWSWith(t testing.TB, serverURL, bearer string, settings ...string) *bufio.Scanner {
	t.Helper()
	cmd := NodeClient(t, "graphql-ws.mjs", serverURL, bearer)
	cmd.Env = append(cmd.Environ(), settings...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	lines := bufio.NewScanner(stdout)
	if !lines.Scan() || !strings.Contains(lines.Text(), `"connected":true`) {
		t.Fatalf("graphql-ws not connected: %q", lines.Text())
	}
	return lines
}

// WSOutcome is what clients/graphql-ws.mjs reports.
type WSOutcome struct {
	Attempts  int
	Connected bool
	Timeout   bool
	Next      json.RawMessage
	Error     *struct {
		Code            int
		Reason, Message string
	}
}

// AwaitGraphQLWSEvent declares incidents until graphql-ws reports one: the
// protocol does not acknowledge a subscription.
func (env *Env) AwaitGraphQLWSEvent(t testing.TB, lines *bufio.Scanner) {
	t.Helper()
	done := make(chan string, 1)
	go func() {
		if lines.Scan() {
			done <- lines.Text()
		}
		close(done)
	}()
	for i := 0; ; i++ {
		env.Declare(t, map[string]any{"title": "Seen by graphql-ws", "severityLevel": 3})
		select {
		case line := <-done:
			var got WSOutcome
			if err := json.Unmarshal([]byte(line), &got); err != nil || !strings.Contains(string(got.Next), "Seen by graphql-ws") || got.Attempts != 1 {
				t.Fatalf("graphql-ws: %s (%v)", line, err)
			}
			return
		case <-time.After(500 * time.Millisecond):
			if i > 40 {
				t.Fatal("no event reached graphql-ws")
			}
		}
	}
}
