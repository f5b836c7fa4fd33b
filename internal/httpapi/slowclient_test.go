package httpapi_test

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"firebreak/internal/httpapi"
	"firebreak/internal/testenv"
)

// dribble opens a connection, sends headers announcing a large body, then
// one byte at a time, and returns what the server answered and when the
// connection ended (or the test's own bound ran out).
func dribble(t *testing.T, serverURL, authorization string, bound time.Duration) (status string, closedAfter time.Duration) {
	t.Helper()
	return dribbleTo(t, serverURL, "/graphql", authorization, bound)
}

// dribbleTo is dribble to another path.
func dribbleTo(t *testing.T, serverURL, path, authorization string, bound time.Duration) (status string, closedAfter time.Duration) {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(serverURL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	start := time.Now()
	fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n%s\r\n{", path, authorization)
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for range tick.C {
			if time.Since(start) > bound {
				return
			}
			if _, err := conn.Write([]byte(" ")); err != nil {
				return
			}
		}
	}()
	_ = conn.SetReadDeadline(start.Add(bound))
	line, _ := bufio.NewReader(conn).ReadString('\n')
	_, _ = io.Copy(io.Discard, conn) // until the server closes (or the bound)
	closedAfter = time.Since(start)
	_ = conn.Close()
	<-done
	return strings.TrimSpace(line), closedAfter
}

func TestSlowBodiesAreNotHeld(t *testing.T) {
	t.Parallel()
	env := testenv.NewWithOptions(t, testenv.Options{Timeouts: httpapi.Timeouts{Read: 2 * time.Second}})
	const bound = 10 * time.Second

	// Without a key the server answers from the headers alone and hangs up:
	// the body is never read.
	status, after := dribble(t, env.Server.URL, "", bound)
	if !strings.Contains(status, "401") || after >= bound {
		t.Errorf("no key: %q, connection held %s", status, after)
	}
	// With a key the body is read, but only until the read timeout.
	status, after = dribble(t, env.Server.URL, "Authorization: Bearer "+env.ViewerKey+"\r\n", bound)
	if after >= bound {
		t.Errorf("with a key: %q, connection held %s (read timeout 2s)", status, after)
	}
	// The server still answers others.
	env.Query(t, env.ViewerKey, `{ me { id } }`, nil, nil)
}

func TestMalformedJSONIsNotEchoed(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	secret := `{"query": "{ me { id } }", "variables": {"password": "hunter2-` + strings.Repeat("x", 2000)
	res := env.PostRaw(t, env.ViewerKey, []byte(secret))
	if res.Status != http.StatusBadRequest || len(res.Errors) != 1 || res.Errors[0].Code() != "BAD_USER_INPUT" {
		t.Fatalf("HTTP %d %s", res.Status, res.Raw)
	}
	if strings.Contains(res.Raw, "hunter2") || len(res.Raw) > 300 {
		t.Errorf("the body came back: %s", res.Raw)
	}
}

func TestEveryResponseCarriesSecurityHeaders(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	for _, path := range []string{"/", "/healthz", "/graphql", "/severities.md", "/admin/queues/"} {
		res, err := http.Get(env.Server.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		h := res.Header
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" ||
			!strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
			t.Errorf("%s: headers %v", path, h)
		}
	}
	res, err := http.Get(env.Server.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "connect-src 'self'") {
		t.Errorf("GraphiQL policy: %q", csp)
	}
}

func TestOperationNameLabelsAreBounded(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	for i := 0; i < 150; i++ {
		env.Query(t, env.ViewerKey, fmt.Sprintf(`query Op%d { me { id } }`, i), nil, nil)
	}
	res, err := http.Get(env.Server.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	series := 0
	for _, line := range strings.Split(string(body), "\n") {
		if strings.HasPrefix(line, "firebreak_graphql_operations_total{") {
			series++
		}
	}
	if series > 101 || !strings.Contains(string(body), `firebreak_graphql_operations_total{operation="other",outcome="ok"} 50`) {
		t.Errorf("%d operation series; other: %v", series, strings.Contains(string(body), `operation="other"`))
	}
}

func TestMetricsCanLeaveTheAPIPort(t *testing.T) {
	t.Parallel()
	env := testenv.NewWithOptions(t, testenv.Options{MetricsElsewhere: true})
	res, err := http.Get(env.Server.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("/metrics on the API port: HTTP %d", res.StatusCode)
	}
}

// `firebreak serve` with FIREBREAK_METRICS_ADDR serves /metrics there and
// not on the API's port.
func TestServeMovesMetricsToTheirOwnAddress(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	api := fmt.Sprintf("127.0.0.1:%d", testenv.FreePort(t))
	metrics := fmt.Sprintf("127.0.0.1:%d", testenv.FreePort(t))
	testenv.StartProcess(t, []string{"DATABASE_URL=" + env.DatabaseURL, "REDIS_URL=" + env.RedisURL,
		"FIREBREAK_EVENTS_CHANNEL=" + env.Channel, "FIREBREAK_LOG_LEVEL=warn", "FIREBREAK_ADDR=" + api,
		"FIREBREAK_METRICS_ADDR=" + metrics}, "serve")
	testenv.WaitForHTTP(t, "http://"+api+"/readyz")
	testenv.WaitForHTTP(t, "http://"+metrics+"/metrics")
	res, err := http.Get("http://" + api + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("/metrics on the API port: HTTP %d", res.StatusCode)
	}
}

// The edges hold trickled bodies no longer than /graphql does: an alert
// post without a source token, and a Slack request without Slack's
// signature headers, are refused from the headers and the connection
// closed; with a token, the body has the edge's own deadline, far below
// the server's read timeout.
func TestSlowBodiesAreNotHeldAtTheEdges(t *testing.T) {
	t.Parallel()
	env, _ := newSlackEnvWithOptions(t, testenv.Options{Timeouts: httpapi.Timeouts{Read: 30 * time.Second, EdgeBody: time.Second}})
	_, token, _ := createAlertSource(t, env, "prod Alertmanager", "ALERTMANAGER")
	const bound = 10 * time.Second
	for _, c := range []struct{ what, path, headers, want string }{
		{"an alert post without a token", "/ingest/alertmanager", "", "401"},
		{"an event without a routing key", "/ingest/events", "", ""},
		{"an alert post with a token", "/ingest/alertmanager", "Authorization: Bearer " + token + "\r\n", ""},
		{"a Slack command without Slack's headers", "/slack/commands", "", "401"},
	} {
		status, after := dribbleTo(t, env.Server.URL, c.path, c.headers, bound)
		if after >= 5*time.Second || !strings.Contains(status, c.want) {
			t.Errorf("%s: %q, connection held %s (edge body deadline 1 s, read timeout 30 s)", c.what, status, after)
		}
	}
}
