package testenv

import (
	"testing"
	"time"
)

// Eventually waits until ok reports true, checking every 10 ms, and fails
// the test with complaint after within: the one way tests wait for a
// condition (never sleep-then-count).
func Eventually(t testing.TB, within time.Duration, complaint string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatal(complaint)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
