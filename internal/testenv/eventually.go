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
	if !Within(within, ok) {
		t.Fatal(complaint)
	}
}

// Within is Eventually for a goroutine that must not fail the test itself
// (a load generator measuring a fault): it reports whether ok came to hold
// within the time.
func Within(within time.Duration, ok func() bool) bool {
	deadline := time.Now().Add(within)
	for !ok() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(10 * time.Millisecond)
	}
	return true
}
