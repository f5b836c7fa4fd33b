package smoke_test

import (
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"firebreak/internal/testenv"
)

// The status page in headless Chromium, at a desktop and a phone width:
// the rollup, the components and the public update are there, the internal
// one is not, and nothing overflows the phone's width. UPDATE_SCREENSHOT=1
// writes docs/images/status-desktop.png and status-phone.png.
func TestStatusPageInABrowser(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	checkout := createComponent(t, env, map[string]any{"name": "Checkout", "public": true, "position": 1})
	createComponent(t, env, map[string]any{"name": "Search", "public": true, "position": 2, "group": "Core services"})
	createComponent(t, env, map[string]any{"name": "Accounts", "public": true, "position": 3, "group": "Core services"})
	createComponent(t, env, map[string]any{"name": "Developer API", "public": true, "position": 4})
	inc := env.Declare(t, map[string]any{"title": "Payments DB primary lost", "severityLevel": 2, "productIds": []string{checkout}})
	postPublicUpdate(t, env, inc.ID, "Some card payments fail at checkout. We have identified the cause and are rolling out a fix.", true)
	postPublicUpdate(t, env, inc.ID, "pg-prod-7 failover stuck", false)
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { publishIncident(input: {incidentId: $id, publicTitle: "Card payments failing at checkout"}) { incident { id } } }`,
		map[string]any{"id": inc.ID}, nil)
	waitForStatus(t, env, "/status", func(body string) bool { return strings.Contains(body, "Card payments failing") })

	for _, width := range []struct {
		name          string
		width, height int64
		mobile        bool
	}{{"desktop", 1280, 900, false}, {"phone", 390, 844, true}} {
		ctx := testenv.Browser(t)
		opts := []chromedp.EmulateViewportOption{}
		if width.mobile {
			opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateScale(2))
		}
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width.width, width.height, opts...), chromedp.Navigate(env.Server.URL+"/status")); err != nil {
			t.Fatal(err)
		}
		text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"Partial System Outage", "Card payments failing at checkout", "rolling out a fix", "Checkout", "Partial outage", "Core services", "Accounts", "Operational"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the page does not show %q:\n%s", width.name, want, text)
			}
		}
		if strings.Contains(text, "pg-prod-7") || strings.Contains(text, "Payments DB") {
			t.Errorf("%s: internal words on the public page:\n%s", width.name, text)
		}
		overflow, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
		if err != nil || overflow {
			t.Errorf("%s: the page is wider than the screen (%v)", width.name, err)
		}
		if os.Getenv("UPDATE_SCREENSHOT") != "" {
			shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // quality 100: PNG
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile("../../docs/images/status-"+width.name+".png", shot, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
