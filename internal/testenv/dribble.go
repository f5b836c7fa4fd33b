package testenv

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// DribbleBody opens a connection to path, sends headers announcing a large
// body, then one byte at a time, and returns what the server answered and
// when the connection ended (or bound ran out): a slow-body attacker.
func DribbleBody(t testing.TB, serverURL, path, authorization string, bound time.Duration) (status string, closedAfter time.Duration) {
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
