package httpapi_test

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"firebreak/internal/testenv"
	"firebreak/internal/testenv/faults"
)

// On SIGTERM the server turns unready, stops accepting, and still finishes
// a request already under way: here one whose client is slow to send its
// body.
func TestSIGTERMFinishesTheRequestInFlightAndRefusesNewOnes(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	addr := fmt.Sprintf("127.0.0.1:%d", testenv.FreePort(t))
	cmd := faults.StartProcess(t, []string{"DATABASE_URL=" + env.DatabaseURL, "REDIS_URL=" + env.RedisURL,
		"FIREBREAK_EVENTS_CHANNEL=" + env.Channel, "FIREBREAK_LOG_LEVEL=warn", "FIREBREAK_ADDR=" + addr,
		"FIREBREAK_DRAIN_DELAY=1s"}, "serve")
	testenv.WaitForHTTP(t, "http://"+addr+"/readyz")

	// A declaration whose body arrives in two halves, SIGTERM in between.
	body := `{"query":"mutation { declareIncident(input: {title: \"Declared during shutdown\", severityLevel: 3}) { incident { title } } }"}`
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /graphql HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
		addr, env.ResponderKey, len(body), body[:len(body)/2])
	// The request is in flight once the server counts it (the scrape that
	// asks is the other one).
	testenv.Eventually(t, 20*time.Second, "the half-sent declaration never reached the server", func() bool {
		res, err := http.Get("http://" + addr + "/metrics")
		if err != nil {
			return false
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return strings.Contains(string(b), "\nfirebreak_http_requests_in_flight 2\n")
	})
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}

	// Unready first, while it still accepts connections.
	testenv.Eventually(t, 20*time.Second, "timed out waiting until /readyz to answer 503", func() bool {
		res, err := http.Get("http://" + addr + "/readyz")
		if err != nil {
			return false
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode == http.StatusServiceUnavailable && strings.Contains(string(b), "draining")
	})
	// Then new connections are refused.
	testenv.Eventually(t, 20*time.Second, "timed out waiting until new connections to be refused", func() bool {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			return true
		}
		c.Close()
		return false
	})

	// The request under way completes.
	if _, err := io.WriteString(conn, body[len(body)/2:]); err != nil {
		t.Fatal(err)
	}
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("the request in flight got no answer: %v", err)
	}
	answer, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK || !strings.Contains(string(answer), `"title":"Declared during shutdown"`) {
		t.Fatalf("the request in flight: HTTP %d %s", res.StatusCode, answer)
	}
	faults.WaitForExit(t, cmd, 25*time.Second)
	var count struct{ Incidents struct{ TotalCount int } }
	env.Query(t, env.ViewerKey, `{ incidents { totalCount } }`, nil, &count)
	if count.Incidents.TotalCount != 1 {
		t.Errorf("%d incidents, want the one declared during shutdown", count.Incidents.TotalCount)
	}
}

// With PostgreSQL and Redis both gone, SIGTERM still ends `firebreak all`
// promptly: nothing in the shutdown waits on a store that cannot answer
// (it took ~24 s, past what an orchestrator grants before SIGKILL).
func TestSIGTERMEndsPromptlyWhenTheStoresAreGone(t *testing.T) {
	t.Parallel()
	pg := faults.StartPostgresPair(t, false)
	rdb := faults.StartRedis(t)
	addr := fmt.Sprintf("127.0.0.1:%d", testenv.FreePort(t))
	cmd := faults.StartProcess(t, []string{"DATABASE_URL=" + pg.URL, "REDIS_URL=" + rdb.URL,
		"FIREBREAK_LOG_LEVEL=error", "FIREBREAK_ADDR=" + addr, "FIREBREAK_DRAIN_DELAY=0s"}, "all")
	testenv.WaitForHTTP(t, "http://"+addr+"/readyz")
	create := exec.Command(faults.Binary(t), "apikey", "create", "--name", "Watcher", "--role", "VIEWER")
	create.Env = append(os.Environ(), "DATABASE_URL="+pg.URL)
	out, err := create.Output()
	if err != nil {
		t.Fatalf("apikey create: %v", err)
	}
	key := strings.TrimSpace(string(out))
	socket := testenv.DialWS(t, "http://"+addr, key)
	socket.Subscribe("1", `subscription { incidentChanges { title } }`, nil)
	go func() {
		for {
			if _, err := socket.TryRead(time.Minute); err != nil {
				return
			}
		}
	}()
	pg.StopStandby(t)
	pg.StopPrimary(t)
	rdb.Stop()
	testenv.Eventually(t, 20*time.Second, "timed out waiting until /readyz to see the stores gone", func() bool {
		res, err := http.Get("http://" + addr + "/readyz")
		if err != nil {
			return false
		}
		res.Body.Close()
		return res.StatusCode == http.StatusServiceUnavailable
	})
	start := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	faults.WaitForExit(t, cmd, 12*time.Second)
	t.Logf("exited %s after SIGTERM", time.Since(start).Round(10*time.Millisecond))
}
