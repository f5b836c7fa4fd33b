package httpapi_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"firebreak/internal/httpapi"
	"firebreak/internal/testenv"
	"firebreak/internal/testenv/faults"
)

// dribble opens a connection, sends headers announcing a large body, then
// one byte at a time, and returns what the server answered and when the
// connection ended (or the test's own bound ran out).
func dribble(t *testing.T, serverURL, authorization string, bound time.Duration) (status string, closedAfter time.Duration) {
	t.Helper()
	return testenv.DribbleBody(t, serverURL, "/graphql", authorization, bound)
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
	for _, page := range []string{"/", "/graphiql"} {
		res, err := http.Get(env.Server.URL + page)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "connect-src 'self'") ||
			!strings.Contains(csp, "script-src 'self'") {
			t.Errorf("%s policy: %q", page, csp)
		}
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
	faults.StartProcess(t, []string{"DATABASE_URL=" + env.DatabaseURL, "REDIS_URL=" + env.RedisURL,
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
