package faults

import (
	"firebreak/internal/testenv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// StartHAProxy runs HAProxy (Debian's package, which `make faults`
// installs) in front of the API processes at backends (host:port),
// configured as docs/operations.md recommends: round robin, /readyz health
// checks every 200 ms, websockets tunnelled, a failed connection retried on
// another server. It returns the balancer's URL; it stops with the test.
func StartHAProxy(t testing.TB, backends ...string) string {
	t.Helper()
	path, err := exec.LookPath("haproxy")
	if err != nil {
		path, err = exec.LookPath("/usr/sbin/haproxy") // not on a user's PATH
	}
	if err != nil {
		t.Fatal("HAProxy is not installed: run the fault tests with `make faults`, which installs Debian's haproxy")
	}
	port := testenv.FreePort(t)
	var servers strings.Builder
	for i, b := range backends {
		fmt.Fprintf(&servers, "    server api%d %s check\n", i, b)
	}
	config := fmt.Sprintf(`global
    maxconn 4096
defaults
    mode http
    timeout connect 1s
    timeout client 60s
    timeout server 60s
    timeout tunnel 1h
    retries 3
    option redispatch
frontend firebreak
    bind 127.0.0.1:%d
    default_backend api
backend api
    balance roundrobin
    option httpchk GET /readyz
    http-check expect status 200
    default-server inter 200ms fall 1 rise 2
%s`, port, servers.String())
	file := filepath.Join(t.TempDir(), "haproxy.cfg")
	if err := os.WriteFile(file, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(path, "-db", "-f", file)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	url := "http://127.0.0.1:" + strconv.Itoa(port)
	testenv.WaitForHTTP(t, url+"/readyz")
	return url
}
