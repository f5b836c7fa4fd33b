package httpapi_test

import (
	"context"
	"net"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"firebreak/internal/testenv"
)

// offline lets the browser reach loopback addresses only, as on an
// air-gapped network: every other request fails, and is recorded.
func offline(t *testing.T, ctx context.Context) func() []string {
	t.Helper()
	var mu sync.Mutex
	var blocked []string
	paused := make(chan *fetch.EventRequestPaused, 256)
	if err := chromedp.Do(ctx); err != nil { // open the tab first
		t.Fatal(err)
	}
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*fetch.EventRequestPaused); ok {
			paused <- e
		}
	}); err != nil {
		t.Fatal(err)
	}
	go func() {
		for e := range paused {
			u, _ := url.Parse(e.Request.URL)
			host := ""
			if u != nil {
				host = u.Hostname()
			}
			loopback := host == "localhost"
			if ip := net.ParseIP(host); ip != nil {
				loopback = ip.IsLoopback()
			}
			id := e.RequestID
			_ = chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				if loopback {
					_, err := cdp.Call(ctx, tg, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: id})
					return err
				}
				mu.Lock()
				blocked = append(blocked, e.Request.URL)
				mu.Unlock()
				_, err := cdp.Call(ctx, tg, fetch.FailRequest, fetch.FailRequestParams{RequestID: id, ErrorReason: network.ErrorReasonInternetDisconnected})
				return err
			}))
		}
	}()
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, fetch.Enable, fetch.EnableParams{})
		return err
	})); err != nil {
		t.Fatal(err)
	}
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), blocked...)
	}
}

// GraphiQL at /graphiql is self-contained: with every non-loopback request of the
// browser refused it renders, takes a pasted key and runs a query with it.
func TestGraphiQLWorksOfflineWithAPastedKey(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	env.Declare(t, map[string]any{"title": "Checkout is failing", "severityLevel": 1})
	ctx := testenv.Browser(t)
	blocked := offline(t, ctx)

	if err := chromedp.Do(ctx, chromedp.Navigate(env.Server.URL+"/graphiql"),
		chromedp.WaitVisible(chromedp.CSS(".graphiql-execute-button"))); err != nil {
		t.Fatal(err)
	}
	// axe's landmark-one-main and page-has-heading-one: one main region
	// (the editor) and a first-level heading.
	landmarks, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`document.querySelectorAll("main").length + " main, h1: " + ((document.querySelector("h1") || {}).innerText || "none") + ", editor in main: " + !!document.querySelector("main .graphiql-execute-button")`))
	if err != nil || landmarks != "1 main, h1: Firebreak GraphiQL, editor in main: true" {
		t.Errorf("landmarks: %q %v", landmarks, err)
	}
	status, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#key-status")))
	if err != nil || !strings.Contains(status, "Paste an API key") {
		t.Errorf("before a key: %q %v", status, err)
	}
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#key"), env.ViewerKey),
		chromedp.Click(chromedp.CSS("#use-key")),
		chromedp.WaitVisible(chromedp.CSS(".graphiql-execute-button")),
		chromedp.Click(chromedp.CSS(".graphiql-execute-button")),
	); err != nil {
		t.Fatal(err)
	}
	// The result pane fills in when the response arrives: wait on its DOM.
	result, err := chromedp.Run(ctx, chromedp.Poll[string](
		`(t => t.includes("Checkout is failing") && t)((document.querySelector(".result-window") || {}).innerText || "")`,
		chromedp.WithPollingMutation(), chromedp.WithPollingTimeout(20*time.Second)))
	if err != nil {
		t.Fatalf("no result in the result pane: %v", err)
	}
	if !strings.Contains(result, "Checkout is failing") || !strings.Contains(result, "Test viewer") {
		t.Fatalf("the default query's result: %q", result)
	}
	if b := blocked(); len(b) > 0 {
		t.Errorf("GraphiQL asked for %d non-loopback resources: %v", len(b), b)
	}
	if os.Getenv("UPDATE_SCREENSHOT") != "" {
		shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("../../docs/images/graphiql.png", shot, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
