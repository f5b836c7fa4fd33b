package httpapi_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"firebreak/internal/testenv"
)

// browser starts headless Chromium (Debian's chromium package, which `make
// test` installs when it is missing).
// signIn trades an API key for the admin session cookie from inside the
// page, as a small admin login page would, and reports the HTTP status.
func signIn(ctx context.Context, key string) (int, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[int](
		`fetch("/admin/session", {method: "POST", headers: {Authorization: "Bearer `+key+`"}}).then(r => r.status)`,
		chromedp.EvalAwaitPromise))
}

// page opens url and returns the text of its body.
func page(t *testing.T, ctx context.Context, url string) string {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
	if err != nil {
		t.Fatal(err)
	}
	return text
}

func TestQueueDashboardInABrowserIsForAdminsOnly(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	ctx := testenv.Browser(t)
	queues := env.Server.URL + "/admin/queues/"

	// Without a session: refused, with how to sign in.
	if text := page(t, ctx, queues); !strings.Contains(text, "Sign in first") {
		t.Fatalf("without a session the dashboard showed: %q", text)
	}
	// A viewer's key gets no session.
	if status, err := signIn(ctx, env.ViewerKey); err != nil || status != 403 {
		t.Fatalf("viewer sign-in: %d %v", status, err)
	}
	if text := page(t, ctx, queues); !strings.Contains(text, "Sign in first") {
		t.Fatalf("a viewer reached the dashboard: %q", text)
	}

	// An admin's key does; asynqmon's app renders its queues page.
	if status, err := signIn(ctx, env.AdminKey); err != nil || status != 200 {
		t.Fatalf("admin sign-in: %d %v", status, err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(queues), chromedp.WaitVisible(chromedp.Search(`//*[contains(text(), "Queues")]`))); err != nil {
		t.Fatalf("the dashboard did not render for an admin: %v", err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
	if err != nil || strings.Contains(text, "Sign in first") {
		t.Fatalf("admin refused: %q %v", text, err)
	}
	if os.Getenv("UPDATE_SCREENSHOT") != "" {
		shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("../../docs/images/queue-dashboard.png", shot, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
