package testenv

import (
	"net"
	"testing"
	"time"
)

// FreePort returns a loopback port nobody listens on right now.
func FreePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// WaitForHTTP waits until url answers 200.
func WaitForHTTP(t testing.TB, url string) {
	t.Helper()
	Eventually(t, 20*time.Second, url+" did not become ready", func() bool {
		res, err := httpGet(url)
		return err == nil && res == 200
	})
}
