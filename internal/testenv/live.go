package testenv

import (
	"context"
	"fmt"
	"net/url"
	"path"
	"testing"
	"time"

	"firebreak/internal/app"
	"firebreak/internal/database"
)

// startLive runs this test's event relay and hub, and waits until the hub
// receives the feed.
func (e *Env) startLive(t testing.TB) {
	t.Helper()
	u, err := url.Parse(e.DatabaseURL)
	if err != nil {
		t.Fatal(err)
	}
	e.Channel = "firebreak:test:" + path.Base(u.Path)
	ctx, cancel := context.WithCancel(context.Background())
	// The relay and the hub have a pool of their own, so CountQueries sees
	// only the API's.
	relayDB, err := database.Open(e.DatabaseURL, 4)
	if err != nil {
		t.Fatal(err)
	}
	live := app.NewServices(relayDB, e.appOptions())
	e.Hub = live.Hub(e.Redis, e.Channel)
	relay := live.Relay(e.Redis, e.DatabaseURL, e.Channel)
	relay.Poll = 200 * time.Millisecond
	done := make(chan struct{}, 2)
	go func() { e.Hub.Run(ctx); done <- struct{}{} }()
	go func() { relay.Run(ctx); done <- struct{}{} }()
	t.Cleanup(func() {
		cancel()
		<-done
		<-done
		relayDB.Close()
	})
	Eventually(t, 10*time.Second, "the event hub did not connect to Redis", e.Hub.Live)
}

// WaitForSubscriptions waits until this test's API serves at least n live
// subscriptions: the protocol does not acknowledge a subscription, and an
// event published before it registers is (rightly) not replayed to it.
func (e *Env) WaitForSubscriptions(t testing.TB, n int) {
	t.Helper()
	Eventually(t, 10*time.Second, fmt.Sprintf("fewer than %d live subscriptions after 10 s", n), func() bool {
		return e.Hub.Subscriptions() >= n
	})
}
