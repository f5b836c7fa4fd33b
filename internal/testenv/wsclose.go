package testenv

import (
	"errors"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// CloseStatus reads until the server closes the socket and returns the
// close frame's code and reason (failing the test after within).
func (c *WSClient) CloseStatus(t testing.TB, within time.Duration) (websocket.StatusCode, string) {
	t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		_, err := c.TryRead(time.Until(deadline))
		if err == nil {
			continue
		}
		var ce websocket.CloseError
		if ok := errors.As(err, &ce); ok {
			return ce.Code, ce.Reason
		}
		t.Fatalf("socket ended without a close frame: %v", err)
	}
	t.Fatalf("socket still open after %s", within)
	return 0, ""
}
