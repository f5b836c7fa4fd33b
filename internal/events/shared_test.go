package events

import (
	"sync"
	"sync/atomic"
	"testing"
)

func TestSharedWorkRunsOncePerKey(t *testing.T) {
	var s Shared
	var runs atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	results := make([]any, 50)
	reusedCount := atomic.Int32{}
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, reused := s.Do("doc", func() (any, bool) {
				runs.Add(1)
				<-release
				return "rendered", true
			})
			results[i] = r
			if reused {
				reusedCount.Add(1)
			}
		}()
	}
	close(release)
	wg.Wait()
	if runs.Load() != 1 || reusedCount.Load() != 49 {
		t.Fatalf("work ran %d times, %d callers reused it; want 1 and 49", runs.Load(), reusedCount.Load())
	}
	for _, r := range results {
		if r != "rendered" {
			t.Fatalf("a caller got %v", r)
		}
	}
	if r, _ := s.Do("other", func() (any, bool) { return "other", true }); r != "other" {
		t.Fatalf("another key got %v", r)
	}
}

// A result that must not be shared (an error about its caller) is not:
// every caller does its own work, and a later caller tries again.
func TestSharedWorkNotSharedWhenRefused(t *testing.T) {
	var s Shared
	var runs atomic.Int32
	for range 3 {
		r, reused := s.Do("doc", func() (any, bool) { return runs.Add(1), false })
		if reused {
			t.Fatalf("refused result %v was reused", r)
		}
	}
	if runs.Load() != 3 {
		t.Fatalf("work ran %d times, want 3", runs.Load())
	}
}

// Work that panics releases those waiting for it.
func TestSharedWorkPanicReleasesWaiters(t *testing.T) {
	var s Shared
	func() {
		defer func() { _ = recover() }()
		s.Do("doc", func() (any, bool) { panic("boom") })
	}()
	if r, reused := s.Do("doc", func() (any, bool) { return "again", true }); r != "again" || reused {
		t.Fatalf("after a panic: %v, reused %v", r, reused)
	}
}

// A message holds at most MaxSharedKeys results; callers with further keys
// do their own work, every time.
func TestSharedHoldsBoundedResults(t *testing.T) {
	var s Shared
	for i := range MaxSharedKeys {
		s.Do(string(rune('a'+i)), func() (any, bool) { return i, true })
	}
	runs := 0
	for range 3 {
		if r, reused := s.Do("one too many", func() (any, bool) { runs++; return "own", true }); r != "own" || reused {
			t.Fatalf("past the bound: %v, reused %v", r, reused)
		}
	}
	if runs != 3 || len(s.calls) != MaxSharedKeys {
		t.Fatalf("work ran %d times (want 3), %d results held (want %d)", runs, len(s.calls), MaxSharedKeys)
	}
	if r, reused := s.Do("a", func() (any, bool) { return "again", true }); r != 0 || !reused {
		t.Fatalf("a held key: %v, reused %v", r, reused)
	}
}
