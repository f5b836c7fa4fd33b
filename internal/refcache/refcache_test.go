package refcache

import (
	"testing"
	"time"
)

// The rules that keep a cache from serving what changed: nothing is kept
// while nobody listens, a change drops everything filled before it, and a
// value loaded across a change is never kept.
func TestCacheNeverServesWhatChanged(t *testing.T) {
	epoch := new(Epoch)
	c := New[string, int](epoch, time.Minute, 2)

	c.Put("a", 1, c.Epoch())
	if _, ok := c.Get("a"); ok {
		t.Fatal("cached while nobody listens")
	}

	epoch.listen(true)
	c.Put("a", 1, c.Epoch())
	if v, ok := c.Get("a"); !ok || v != 1 {
		t.Fatalf("listening: got %v %v, want 1", v, ok)
	}

	epoch.Changed()
	if _, ok := c.Get("a"); ok {
		t.Error("served a value filled before a change")
	}

	loadedAt := c.Epoch()
	epoch.Changed() // committed while the value was being read
	c.Put("a", 1, loadedAt)
	if _, ok := c.Get("a"); ok {
		t.Error("kept a value loaded across a change")
	}

	c.Put("a", 2, c.Epoch())
	epoch.listen(false)
	epoch.listen(true) // reconnected: what changed meanwhile was not heard
	if _, ok := c.Get("a"); ok {
		t.Error("served a value from before a reconnection")
	}

	for i, k := range []string{"x", "y", "z"} {
		c.Put(k, i, c.Epoch())
	}
	if _, ok := c.Get("z"); !ok {
		t.Error("a full cache must start over, keeping the newest")
	}
	if _, ok := c.Get("x"); ok {
		t.Error("a full cache kept growing")
	}
}

func TestExpiredValuesAreDropped(t *testing.T) {
	epoch := new(Epoch)
	epoch.listen(true)
	c := New[string, int](epoch, -time.Second, 10)
	c.Put("a", 1, c.Epoch())
	if _, ok := c.Get("a"); ok {
		t.Error("served an expired value")
	}
}
