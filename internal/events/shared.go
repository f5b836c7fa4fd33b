package events

import "sync"

// Delivery is one item handed to a subscriber. Shared is the same for every
// subscriber of this process that receives the same message, so that work
// done for one of them (rendering the same response, say) can serve the
// others; it is nil for items read for this subscriber alone (a replay).
type Delivery[T any] struct {
	Item   T
	Shared *Shared
}

// Shared holds the results of work done once per message for a process's
// subscribers, by key. With thousands of subscribers woken by one message,
// the first caller for a key does the work, those arriving meanwhile wait
// for it, and later ones reuse the result. It lives as long as the message,
// and a subscriber that is behind keeps its messages alive: so it holds at
// most MaxSharedKeys results, and callers with other keys work for
// themselves.
type Shared struct {
	mu    sync.Mutex
	calls map[string]*sharedCall
}

// MaxSharedKeys bounds the results one message holds. Subscribers share
// when they ask the same thing, and a process's dashboards ask a few things;
// many distinct keys mean there is little to share.
const MaxSharedKeys = 16

type sharedCall struct {
	done   chan struct{}
	result any
	ok     bool
}

// Do returns the result for key. If no caller has produced one, it runs
// work; if work reports that its result must not be shared (ok false, e.g.
// it carries an error about this caller), callers that waited run work
// themselves and the next caller tries again. Do reports whether the result
// came from another caller.
func (s *Shared) Do(key string, work func() (result any, ok bool)) (result any, reused bool) {
	s.mu.Lock()
	if c, found := s.calls[key]; found {
		s.mu.Unlock()
		<-c.done
		if c.ok {
			return c.result, true
		}
		r, _ := work()
		return r, false
	}
	if len(s.calls) >= MaxSharedKeys {
		s.mu.Unlock()
		r, _ := work()
		return r, false
	}
	if s.calls == nil {
		s.calls = map[string]*sharedCall{}
	}
	c := &sharedCall{done: make(chan struct{})}
	s.calls[key] = c
	s.mu.Unlock()

	defer func() {
		if !c.ok {
			s.mu.Lock()
			delete(s.calls, key)
			s.mu.Unlock()
		}
		close(c.done) // also when work panics: nobody waits forever
	}()
	c.result, c.ok = work()
	return c.result, false
}
