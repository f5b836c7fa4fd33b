package console_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"firebreak/internal/auth"
	"firebreak/internal/chat"
	"firebreak/internal/links"
	"firebreak/internal/signin"
	"firebreak/internal/testenv"
	"firebreak/internal/testenv/standin"
	"firebreak/models"
)

// signIn opens a fresh one-time link for email in the browser, as a person
// pasting the link make run printed; the page it lands on is returned.
func signIn(t *testing.T, ctx context.Context, env *testenv.Env, email string) {
	t.Helper()
	token, _, err := auth.NewService(env.DB).IssueSignInLink(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(links.Links{BaseURL: env.Server.URL}.SignInLink(token))); err != nil {
		t.Fatal(err)
	}
}

// waitFor polls a JavaScript condition on DOM changes; it returns the
// expression's truthy value.
// A navigation while it polls (the app redirecting) starts it again.
func waitFor(t *testing.T, ctx context.Context, what, expr string) string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	var v any
	var err error
	for time.Now().Before(deadline) {
		v, err = chromedp.Run(ctx, chromedp.Poll[any](expr, chromedp.WithPollingMutation(), chromedp.WithPollingTimeout(time.Until(deadline))))
		if err == nil || !navigated(err) {
			break
		}
	}
	if err != nil {
		page, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + "\n" + document.body.innerText`))
		t.Fatalf("%s: %v; the page:\n%s", what, err, page)
	}
	return fmt.Sprint(v)
}

// navigated tells the errors of a page that went away mid-evaluation.
func navigated(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "navigated or closed") || strings.Contains(msg, "context was destroyed") || strings.Contains(msg, "Cannot find context")
}

func text(selector string) string {
	return fmt.Sprintf(`((document.querySelector(%q) || {}).innerText || "")`, selector)
}

func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if os.Getenv("UPDATE_SCREENSHOT") == "" {
		return
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("../../docs/images/"+name, shot, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Two people in two browsers run an incident in the console: a responder
// signs in with a one-time link and declares; a viewer follows the
// incident's link, signs in and lands on its page; the responder's updates
// appear live in the viewer's timeline — also across a websocket the
// server cuts mid-stream, with "reconnecting" shown and every event once
// and in order — and the resolution reaches the viewer's headline. No
// token is readable by the page's scripts.
func TestConsoleRunsAnIncidentLiveInTwoBrowsers(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	responder := testenv.Browser(t)
	if err := chromedp.Do(responder); err != nil { // start the browser
		t.Fatal(err)
	}
	viewer, cancel := chromedp.NewContext(responder, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)

	// The responder opens the console, is sent to sign in, and comes back.
	if err := chromedp.Do(responder, chromedp.Navigate(env.Server.URL+"/incidents")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, responder, "the sign-in page", `location.pathname === "/signin" && location.search.includes("next=%2Fincidents") && `+text("h1")+` === "Sign in to Firebreak"`)
	signIn(t, responder, env, "responder@test.example")
	waitFor(t, responder, "the incident list after signing in", `location.pathname === "/incidents" && `+text("main")+`.includes("No incidents here")`)

	// Declare: title, a severity chosen by its definition, submit.
	if err := chromedp.Do(responder,
		chromedp.Click(chromedp.CSS(`a[href="/declare"].button`)),
		chromedp.WaitVisible(chromedp.CSS(`input[name="severity"]`)),
		chromedp.SendKeys(chromedp.CSS(`form input:not([type])`), "Checkout is failing for card payments"),
		chromedp.Click(chromedp.CSS(`input[name="severity"][value="2"]`)),
		chromedp.Click(chromedp.CSS(`button[type="submit"].primary`)),
	); err != nil {
		t.Fatal(err)
	}
	waitFor(t, responder, "the new incident's page", `location.pathname === "/incidents/1" && `+text("h1")+`.includes("Checkout is failing")`)
	waitFor(t, responder, "the responder's live timeline", text(`[data-testid="connection"]`)+` === "Live"`)

	// The viewer follows the incident's link (as in the Slack headline).
	if err := chromedp.Do(viewer, chromedp.Navigate(links.Links{BaseURL: env.Server.URL}.FactSheet(1))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, viewer, "sign-in first", `location.pathname === "/signin" && location.search.includes("next=%2Fincidents%2F1") && `+text("h1")+` === "Sign in to Firebreak"`)
	signIn(t, viewer, env, "viewer@test.example")
	waitFor(t, viewer, "back on the incident after signing in", `location.pathname === "/incidents/1" && `+text("h1")+`.includes("Checkout is failing")`)
	waitFor(t, viewer, "the viewer's live timeline", text(`[data-testid="connection"]`)+` === "Live"`)
	screenshot(t, viewer, "console-incident.png")

	post := func(body, status string) {
		t.Helper()
		actions := []chromedp.Action[chromedp.Void]{chromedp.SendKeys(chromedp.CSS(`.update-form textarea`), body)}
		if status != "" {
			actions = append(actions, chromedp.SetValue(chromedp.CSS(`.update-form select`), status))
		}
		actions = append(actions, chromedp.Click(chromedp.CSS(`.update-form button[type="submit"]`)))
		if err := chromedp.Do(responder, actions...); err != nil {
			t.Fatal(err)
		}
		waitFor(t, responder, "the update posted", text(`[data-testid="timeline"]`)+`.includes(`+fmt.Sprintf("%q", body)+`) && `+text(`.update-form textarea`)+` === ""`)
	}
	post("Rolled back the payment service deploy", "MONITORING")
	waitFor(t, viewer, "the update, live in the second browser", text(`[data-testid="timeline"]`)+`.includes("Rolled back the payment service deploy")`)
	waitFor(t, viewer, "the headline follows", text(`[data-testid="status"]`)+` === "Monitoring"`)

	// The server cuts every websocket (a restart); updates go on meanwhile.
	env.Sockets.CloseAll(1012, "service restart")
	waitFor(t, viewer, `"reconnecting" while the socket is down`, text(`[data-testid="connection"]`)+`.startsWith("Reconnecting")`)
	post("Card payments recovering in all regions", "")
	post("Error rates back to normal", "")
	waitFor(t, viewer, "the updates after the cut", text(`[data-testid="timeline"]`)+`.includes("Error rates back to normal") && `+text(`[data-testid="connection"]`)+` === "Live"`)

	// Resolve; the viewer's headline says so.
	if err := chromedp.Do(responder,
		chromedp.SendKeys(chromedp.CSS(`.update-form textarea`), "Resolved: the faulty deploy is rolled back"),
		chromedp.Click(chromedp.CSS(`.update-form button[type="button"]`)),
	); err != nil {
		t.Fatal(err)
	}
	waitFor(t, viewer, "resolved, in the second browser", text(`[data-testid="status"]`)+` === "Resolved"`)

	for name, ctx := range map[string]context.Context{"responder": responder, "viewer": viewer} {
		waitFor(t, ctx, name+"'s socket back", text(`[data-testid="connection"]`)+` === "Live"`)
	}

	// Every event exactly once, in order, in both browsers, as the API has them.
	var api struct {
		Incident struct {
			Timeline struct{ Nodes []struct{ Sequence int } }
		}
	}
	env.Query(t, env.AdminKey, `{ incident(number: 1) { timeline(first: 100) { nodes { sequence } } } }`, nil, &api)
	var want []string
	for _, n := range api.Incident.Timeline.Nodes {
		want = append(want, fmt.Sprint(n.Sequence))
	}
	for name, ctx := range map[string]context.Context{"responder": responder, "viewer": viewer} {
		got := waitFor(t, ctx, name+"'s timeline complete",
			`(s => s === `+fmt.Sprintf("%q", strings.Join(want, ","))+` && s)([...document.querySelectorAll("[data-sequence]")].map(e => e.dataset.sequence).join(","))`)
		if got != strings.Join(want, ",") {
			t.Errorf("%s's timeline: %s, want %s", name, got, strings.Join(want, ","))
		}
	}

	// Nothing a page script can read holds a credential.
	for name, ctx := range map[string]context.Context{"responder": responder, "viewer": viewer} {
		exposed, err := chromedp.Run(ctx, chromedp.Evaluate[string](
			`[document.cookie, JSON.stringify(localStorage), JSON.stringify(sessionStorage)].join(" | ")`))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(exposed, "fbs_") || strings.Contains(exposed, "fbl_") || strings.Contains(exposed, "firebreak_session") {
			t.Errorf("%s: a credential is readable by scripts: %s", name, exposed)
		}
	}
	screenshot(t, responder, "console-resolved.png")

	// The retrospective the resolution opened: write, review, publish.
	if err := chromedp.Do(responder, chromedp.Click(chromedp.CSS(`a[href="/incidents/1/retrospective"]`))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, responder, "the retrospective editor", text(`[data-testid="retro-status"]`)+` === "Draft"`)
	axe(t, responder, "the retrospective")
	if err := chromedp.Do(responder,
		chromedp.SendKeys(chromedp.CSS(`textarea[name="summary"]`), "A deploy broke card payments for 20 minutes."),
		chromedp.SendKeys(chromedp.CSS(`textarea[name="impact"]`), "About 4% of checkouts failed."),
		chromedp.SendKeys(chromedp.CSS(`textarea[name="rootCause"]`), "A configuration change shipped without its migration."),
		chromedp.Click(chromedp.CSS(`form.retro button[type="submit"]`)),
	); err != nil {
		t.Fatal(err)
	}
	waitFor(t, responder, "saved", text("form.retro")+`.includes("Saved at")`)
	waitFor(t, responder, "the categories", `document.querySelectorAll('form[aria-label="Add a contributing factor"] option').length > 1`)
	if err := chromedp.Do(responder,
		chooseOption(`form[aria-label="Add a contributing factor"] select`, waitFor(t, responder, "a category", `[...document.querySelectorAll('form[aria-label="Add a contributing factor"] option')].find(o => o.text === "Configuration").value`)),
		chromedp.SendKeys(chromedp.CSS(`input[name="factor"]`), "The flag defaulted to on in production"),
		chromedp.Click(chromedp.CSS(`form[aria-label="Add a contributing factor"] button`)),
	); err != nil {
		t.Fatal(err)
	}
	waitFor(t, responder, "the factor", text(".factors")+`.includes("Configuration: The flag defaulted to on in production")`)
	if err := chromedp.Do(responder, chromedp.Click(chromedp.CSS(`.workflow button`))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, responder, "in review", text(`[data-testid="retro-status"]`)+` === "In review"`)
	if err := chromedp.Do(responder, chromedp.Click(chromedp.CSS(`.workflow button.primary`))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, responder, "published", text(`[data-testid="retro-status"]`)+` === "Published"`)
	var retro struct {
		Incident struct {
			Retrospective struct{ Status, RootCause string }
		}
	}
	env.Query(t, env.AdminKey, `{ incident(number: 1) { retrospective { status rootCause } } }`, nil, &retro)
	if retro.Incident.Retrospective.Status != "PUBLISHED" || !strings.Contains(retro.Incident.Retrospective.RootCause, "without its migration") {
		t.Errorf("the retrospective in the API: %+v", retro.Incident.Retrospective)
	}

	// The numbers: this incident, its time to resolve, as figures and a chart.
	if err := chromedp.Do(responder, chromedp.Click(chromedp.CSS(`nav a[href="/numbers"]`))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, responder, "the numbers", text(`[data-testid="count"]`)+` === "1" && `+text(`[data-testid="mttr"]`)+` !== "—" && !!document.querySelector(".chart canvas")`)
	axe(t, responder, "the numbers")
	screenshot(t, responder, "console-numbers.png")
	if err := chromedp.Do(responder, chromedp.Navigate(env.Server.URL+"/")); err != nil {
		t.Fatal(err)
	}
	// Resolved, it has left the open incidents; "All" shows it.
	waitFor(t, responder, "the open list", text("main")+`.includes("0 open incidents")`)
	if err := chromedp.Do(responder, chromedp.Click(chromedp.CSS(`input[name="which"]:not(:checked)`))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, responder, "the whole list", text("table")+`.includes("Checkout is failing") && `+text("table")+`.includes("Resolved")`)
	screenshot(t, responder, "console-list.png")
}

// factSheetLink waits for the bot's headline of the incident titled title
// and returns its "Fact sheet" link.
func factSheetLink(t *testing.T, slack *standin.SlackStandIn, title string) string {
	t.Helper()
	link := regexp.MustCompile(`\*Fact sheet:\* <([^|>]+)\|previous updates, etc\.>`)
	var found string
	slack.WaitFor(t, 20*time.Second, "the headline of "+title, func(calls []standin.SlackCall) bool {
		for _, c := range calls {
			if c.Method == "chat.postMessage" && strings.Contains(c.Params["blocks"], title) {
				if m := link.FindStringSubmatch(strings.NewReplacer(`\u003c`, "<", `\u003e`, ">").Replace(c.Params["blocks"])); m != nil {
					found = strings.ReplaceAll(m[1], `\u0026`, "&")
					return true
				}
			}
		}
		return false
	})
	return found
}

// The Slack headline's "Fact sheet" link, followed in a browser that is
// not signed in, lands on that incident's page after sign-in; a viewer
// following a private incident's link sees the same "not found" as for an
// incident that does not exist.
func TestConsoleOpensTheSlackHeadlinesLinks(t *testing.T) {
	t.Parallel()
	addr := fmt.Sprintf("127.0.0.1:%d", testenv.FreePort(t))
	slack := standin.StartSlack(t)
	env := testenv.NewWithOptions(t, testenv.Options{Addr: addr, PublicURL: "http://" + addr,
		Chat: chat.Config{BotToken: "xoxb-test", SigningSecret: "slack-secret", AnnounceChannel: "CANNOUNCE", APIURL: slack.URL}})
	env.StartWorker(t)
	env.Declare(t, map[string]any{"title": "Search results are stale", "severityLevel": 2})
	env.Declare(t, map[string]any{"title": "Suspected credential leak", "severityLevel": 1, "visibility": "PRIVATE"})
	public, private := factSheetLink(t, slack, "Search results are stale"), factSheetLink(t, slack, "Suspected credential leak")
	if public != "http://"+addr+"/incidents/1" || private != "http://"+addr+"/incidents/2" {
		t.Fatalf("the headlines link to %q and %q", public, private)
	}

	ctx := testenv.Browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(public)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "sign-in first", `location.pathname === "/signin" && `+text("h1")+` === "Sign in to Firebreak"`)
	signIn(t, ctx, env, "viewer@test.example")
	waitFor(t, ctx, "the incident's page after signing in", `location.pathname === "/incidents/1" && `+text("h1")+`.includes("Search results are stale")`)
	// "what's this?" opens the severity definitions at the incident's level.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`a[href="/severities#sev-2"]`))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the severity definitions", `location.pathname === "/severities" && `+text("#sev-2")+`.includes("SEV-2")`)

	var pages []string
	for _, link := range []string{private, "http://" + addr + "/incidents/999"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(link)); err != nil {
			t.Fatal(err)
		}
		pages = append(pages, waitFor(t, ctx, "not found", `(t => t.includes("Not found") && t)(`+text("main")+`)`))
	}
	if pages[0] != pages[1] || strings.Contains(pages[0], "credential") {
		t.Errorf("private and missing differ:\n%s\n---\n%s", pages[0], pages[1])
	}
}

// axe checks the page with axe-core (web/node_modules, installed by
// scripts/console.sh) and fails the test on any serious or critical
// violation.
func axe(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	src, err := os.ReadFile("../../web/node_modules/axe-core/axe.min.js")
	if err != nil {
		t.Fatalf("axe-core is not installed (run the tests with make test, which runs scripts/console.sh check first): %v", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](string(src)+";true")); err != nil {
		t.Fatal(err)
	}
	var result struct {
		Passes     int
		Violations []struct {
			ID, Impact string
			Nodes      []string
		}
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`axe.run(document).then(r => JSON.stringify({passes: r.passes.length,
		violations: r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(" "))}))}))`, chromedp.EvalAwaitPromise))
	if err == nil {
		err = json.Unmarshal([]byte(raw), &result)
	}
	if err != nil || result.Passes == 0 {
		t.Fatalf("axe did not run on %s: %v %s", page, err, raw)
	}
	for _, v := range result.Violations {
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Errorf("axe on %s: %s %s at %v", page, v.Impact, v.ID, v.Nodes)
		} else {
			t.Logf("axe on %s (%s, allowed): %s at %v", page, v.Impact, v.ID, v.Nodes)
		}
	}
}

// chooseOption picks a select's option as a person does, so React's
// onChange sees it.
func chooseOption(selector, value string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Evaluate[any](fmt.Sprintf(`(el => {
			Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value").set.call(el, %q);
			el.dispatchEvent(new Event("change", {bubbles: true}));
			return null;
		})(document.querySelector(%q))`, value, selector))(ctx, tg)
		return err
	})
}

// clickButton clicks the button whose text is label, as a person reads it.
func clickButton(t *testing.T, ctx context.Context, label string) {
	t.Helper()
	ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`(b => !!b && (b.click(), true))([...document.querySelectorAll("button")].find(b => b.innerText.trim() === %q))`, label)))
	if err != nil || !ok {
		t.Fatalf("no button %q: %v", label, err)
	}
}

// typeValue sets an input's value as a person's typing does, so React's
// onChange sees it (for inputs SendKeys cannot fill, such as date pickers).
func typeValue(selector, value string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Evaluate[any](fmt.Sprintf(`(el => {
			Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set.call(el, %q);
			el.dispatchEvent(new Event("input", {bubbles: true}));
			return null;
		})(document.querySelector(%q))`, value, selector))(ctx, tg)
		return err
	})
}

// tabTo presses Tab until the focused element matches selector, as a
// keyboard user moves through the page.
func tabTo(t *testing.T, ctx context.Context, selector string) {
	t.Helper()
	for range 80 {
		on, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`!!document.activeElement && document.activeElement.matches(%q)`, selector)))
		if err != nil {
			t.Fatal(err)
		}
		if on {
			return
		}
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
	}
	t.Fatalf("Tab never reached %s", selector)
}

func keys(t *testing.T, ctx context.Context, k string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.KeyEvent(k)); err != nil {
		t.Fatal(err)
	}
}

// Declare, update and resolve with the keyboard alone, and axe-core on
// every page on the way reports no serious or critical violation.
func TestConsoleByKeyboardAloneWithoutAccessibilityViolations(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	ctx := testenv.Browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(env.Server.URL+"/signin")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the sign-in page", text("h1")+` === "Sign in to Firebreak"`)
	axe(t, ctx, "/signin")
	signIn(t, ctx, env, "responder@test.example")
	waitFor(t, ctx, "the list", `location.pathname === "/" && `+text("main")+`.includes("No incidents here")`)
	axe(t, ctx, "the incident list")

	tabTo(t, ctx, `a[href="/declare"].button`)
	keys(t, ctx, kb.Enter)
	waitFor(t, ctx, "the declare form", `location.pathname === "/declare" && document.querySelectorAll('input[name="severity"]').length === 3`)
	axe(t, ctx, "/declare")
	tabTo(t, ctx, `form input:not([type])`)
	keys(t, ctx, "Search is down in one region")
	tabTo(t, ctx, `input[name="severity"]`)
	keys(t, ctx, " ")          // the first level…
	keys(t, ctx, kb.ArrowDown) // …then the next one, as in any radio group
	tabTo(t, ctx, `button[type="submit"]`)
	keys(t, ctx, kb.Enter)
	waitFor(t, ctx, "the incident's page", `location.pathname === "/incidents/1" && `+text("h1")+`.includes("Search is down")`)
	if sev := waitFor(t, ctx, "its severity", text(".headline .severity")); sev != "SEV-2" {
		t.Errorf("declared with the keyboard as %q, want SEV-2", sev)
	}
	waitFor(t, ctx, "the live timeline", text(`[data-testid="connection"]`)+` === "Live"`)
	axe(t, ctx, "the incident's page")

	tabTo(t, ctx, `.update-form textarea`)
	keys(t, ctx, "Failing over to the other region")
	tabTo(t, ctx, `.update-form select`)
	keys(t, ctx, kb.ArrowDown) // Investigating (unchanged) → Identified
	tabTo(t, ctx, `.update-form button[type="submit"]`)
	keys(t, ctx, kb.Enter)
	waitFor(t, ctx, "the update", text(`[data-testid="timeline"]`)+`.includes("Failing over to the other region") && `+text(`[data-testid="status"]`)+` === "Identified"`)

	tabTo(t, ctx, `.update-form textarea`)
	keys(t, ctx, "Service restored after the failover")
	tabTo(t, ctx, `.update-form button[type="button"]`)
	keys(t, ctx, kb.Enter)
	waitFor(t, ctx, "resolved", text(`[data-testid="status"]`)+` === "Resolved"`)

	if err := chromedp.Do(ctx, chromedp.Navigate(env.Server.URL+"/severities")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the definitions", text("main")+`.includes("SEV-3")`)
	axe(t, ctx, "/severities")
	if err := chromedp.Do(ctx, chromedp.Navigate(env.Server.URL+"/incidents/404")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "not found", text("main")+`.includes("Not found")`)
	axe(t, ctx, "not found")
}

// Two people edit one retrospective at once: each sees the other's saved
// changes arrive in the fields they did not touch, a field both changed is
// shown side by side until one is chosen, and nobody's text is lost.
func TestConsoleRetrospectiveWithTwoEditors(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	inc := env.Declare(t, map[string]any{"title": "Queue backlog", "severityLevel": 2})
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { postIncidentUpdate(input: {incidentId: $id, body: "Drained.", status: RESOLVED}) { update { id } } }`,
		map[string]any{"id": inc.ID}, nil)
	first := testenv.Browser(t)
	if err := chromedp.Do(first); err != nil {
		t.Fatal(err)
	}
	second, cancel := chromedp.NewContext(first, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	for ctx, email := range map[context.Context]string{first: "responder@test.example", second: "admin@test.example"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(env.Server.URL+"/signin?next=%2Fincidents%2F1%2Fretrospective")); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "sign-in", text("h1")+` === "Sign in to Firebreak"`)
		signIn(t, ctx, env, email)
		waitFor(t, ctx, "the editor", text(`[data-testid="retro-status"]`)+` === "Draft"`)
	}
	value := func(ctx context.Context, field string) string {
		return fmt.Sprintf(`document.querySelector('textarea[name=%q]').value`, field)
	}
	save := func(ctx context.Context) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`form.retro button[type="submit"]`))); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "saved", text("form.retro")+`.includes("Saved at")`)
	}
	// Different fields: both land, each sees the other's.
	if err := chromedp.Do(first, chromedp.SendKeys(chromedp.CSS(`textarea[name="summary"]`), "Consumers stalled on a poison message.")); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(second, chromedp.SendKeys(chromedp.CSS(`textarea[name="impact"]`), "Orders were delayed by up to an hour.")); err != nil {
		t.Fatal(err)
	}
	save(first)
	waitFor(t, second, "the first editor's summary, live", value(second, "summary")+` === "Consumers stalled on a poison message." && `+value(second, "impact")+` === "Orders were delayed by up to an hour."`)
	save(second)
	waitFor(t, first, "the second editor's impact, live", value(first, "impact")+` === "Orders were delayed by up to an hour."`)

	// The same field: the second sees the clash, keeps theirs deliberately.
	if err := chromedp.Do(second, chromedp.SendKeys(chromedp.CSS(`textarea[name="rootCause"]`), "No dead-letter queue.")); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(first, chromedp.SendKeys(chromedp.CSS(`textarea[name="rootCause"]`), "A malformed message from a partner.")); err != nil {
		t.Fatal(err)
	}
	save(first)
	waitFor(t, second, "the clash shown", text(`[data-testid="theirs-rootCause"]`)+` === "A malformed message from a partner." && `+value(second, "rootCause")+` === "No dead-letter queue." && document.querySelector('form.retro button[type="submit"]').disabled`)
	if err := chromedp.Do(second, chromedp.Click(chromedp.CSS(`.conflict button:last-child`))); err != nil { // keep mine
		t.Fatal(err)
	}
	save(second)
	waitFor(t, first, "the kept text reaches the first editor", value(first, "rootCause")+` === "No dead-letter queue."`)
	var got struct {
		Incident struct {
			Retrospective struct{ Summary, Impact, RootCause string }
		}
	}
	env.Query(t, env.AdminKey, `{ incident(number: 1) { retrospective { summary impact rootCause } } }`, nil, &got)
	r := got.Incident.Retrospective
	if r.Summary != "Consumers stalled on a poison message." || r.Impact != "Orders were delayed by up to an hour." || r.RootCause != "No dead-letter queue." {
		t.Errorf("saved: %+v", r)
	}
}

// The incident room's tools: a role handed over, a note with the time it
// happened, the reminder snoozed, the incident published with a public
// title, and an edit that meets someone else's: the page shows what the
// incident reads now and applies the person's own only when they say so.
func TestConsoleIncidentRoomTools(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	inc := env.Declare(t, map[string]any{"title": "Login is slow", "severityLevel": 3})
	ctx := testenv.Browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(env.Server.URL+"/signin?next=%2Fincidents%2F1")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "sign-in", text("h1")+` === "Sign in to Firebreak"`)
	signIn(t, ctx, env, "responder@test.example")
	waitFor(t, ctx, "the incident", text("h1")+`.includes("Login is slow") && `+text(`[data-testid="connection"]`)+` === "Live"`)

	// Hand the scribe's role to the admin.
	const handOver = `form[aria-label="Hand over a role"]`
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(handOver+` label:nth-of-type(1) select`), "SCRIBE"),
		chromedp.SendKeys(chromedp.CSS(handOver+` input[type="search"]`), "admin"),
	); err != nil {
		t.Fatal(err)
	}
	adminID := waitFor(t, ctx, "the person found", `(o => o && o.value)([...document.querySelectorAll('`+handOver+` label:nth-of-type(3) select option')].find(o => o.text.startsWith("Test admin")))`)
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(handOver+` label:nth-of-type(3) select`), adminID),
		chromedp.Click(chromedp.CSS(handOver+` button[type="submit"]`)),
	); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the scribe", text(".roles")+`.includes("Scribe: Test admin")`)

	// A note of something that happened ten minutes ago.
	tenAgo := time.Now().Add(-10 * time.Minute).Truncate(time.Minute)
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`textarea[name="note"]`), "Saw the first timeouts in the gateway logs"),
		typeValue(`input[type="datetime-local"]`, tenAgo.Format("2006-01-02T15:04")),
		chromedp.Click(chromedp.CSS(`textarea[name="note"] ~ div button[type="submit"]`)),
	); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the note in the timeline", text(`[data-testid="timeline"]`)+`.includes("Saw the first timeouts")`)
	var notes struct {
		Incident struct {
			Timeline struct {
				Nodes []struct {
					Kind, Message string
					OccurredAt    time.Time
				}
			}
		}
	}
	env.Query(t, env.AdminKey, `{ incident(number: 1) { timeline(first: 50) { nodes { kind message occurredAt } } } }`, nil, &notes)
	var noted bool
	for _, e := range notes.Incident.Timeline.Nodes {
		if e.Kind == "NOTE" && strings.Contains(e.Message, "first timeouts") {
			noted = e.OccurredAt.Equal(tenAgo)
		}
	}
	if !noted {
		t.Errorf("the note's time is not %s: %+v", tenAgo, notes.Incident.Timeline.Nodes)
	}

	// Snooze the update reminder by an hour.
	before := waitFor(t, ctx, "the reminder", text(`[aria-label="Snooze the update reminder"] span`))
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`[aria-label="Snooze the update reminder"] button:last-of-type`))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "snoozed", text(`[aria-label="Snooze the update reminder"] span`)+` !== `+fmt.Sprintf("%q", before))

	// Publish with a public title.
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`input[placeholder="what customers read"]`), "Slow sign-in"),
		chromedp.Click(chromedp.CSS(`form:has(input[placeholder="what customers read"]) button`)),
	); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "published", text("main")+`.includes("On the status page as “Slow sign-in”")`)

	// An edit that meets someone else's.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`button.edit-details`))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the edit form", `!!document.querySelector('input[name="title"]')`)
	env.Query(t, env.AdminKey, `mutation($id: ID!) { updateIncident(input: {incidentId: $id, title: "Login is slow in EU"}) { incident { id } } }`, map[string]any{"id": inc.ID}, nil)
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`textarea[name="summary"]`), "Token service latency"),
		chromedp.Click(chromedp.CSS(`input[name="title"] ~ div button[type="submit"]`)),
	); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "what it reads now", text(".conflict")+`.includes("Login is slow in EU")`)
	var title struct {
		Incident struct{ Title, Summary string }
	}
	env.Query(t, env.AdminKey, `{ incident(number: 1) { title summary } }`, nil, &title)
	if title.Incident.Title != "Login is slow in EU" || title.Incident.Summary != "" {
		t.Fatalf("the conflicting edit was written: %+v", title.Incident)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.conflict button.primary`))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "applied", text("h1")+`.includes("Login is slow") && !document.querySelector(".conflict")`)
	env.Query(t, env.AdminKey, `{ incident(number: 1) { title summary } }`, nil, &title)
	if title.Incident.Title != "Login is slow" || title.Incident.Summary != "Token service latency" {
		t.Errorf("after applying mine: %+v", title.Incident)
	}
	axe(t, ctx, "the incident's page with its tools")

	// The list starts with the person's own open roles.
	if err := chromedp.Do(ctx, chromedp.Navigate(env.Server.URL+"/")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the responder's own roles", text(".my-work")+`.includes("Commander on #1 Login is slow")`)
}

// "Sign in with <provider>" in a real browser against the real OpenID
// provider the tests run (authorization code + PKCE, the provider's own
// sign-in form): back on the page that sent the person to sign in, with
// an HttpOnly, SameSite=Strict cookie and nothing a script can read.
func TestConsoleSignsInWithTheIdentityProvider(t *testing.T) {
	t.Parallel()
	addr := fmt.Sprintf("127.0.0.1:%d", testenv.FreePort(t))
	callback := "http://" + addr + "/auth/oidc/callback"
	provider := standin.StartOIDCProvider(t, standin.OIDCSettings{
		Clients: []standin.OIDCClient{{ID: "firebreak-console", Secret: "console-secret", RedirectURIs: []string{callback}}},
		Accounts: map[string]standin.OIDCAccount{
			"alice": {Email: "alice@example.test", EmailVerified: standin.Verified, Name: "Alice Oncall", Groups: []string{"sre"}},
		},
	})
	env := testenv.NewWithOptions(t, testenv.Options{Addr: addr, PublicURL: "http://" + addr, SignIn: &signin.Config{
		Issuer: provider.Issuer, Audiences: []string{"firebreak-console"}, DefaultRole: models.RoleViewer,
		RoleClaim: "groups", Roles: map[string]models.UserRole{"sre": models.RoleResponder},
		ClientID: "firebreak-console", ClientSecret: "console-secret", Scopes: []string{"openid", "email", "profile", "groups"},
	}})
	env.Declare(t, map[string]any{"title": "Webhooks are delayed", "severityLevel": 3})
	ctx := testenv.Browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(env.Server.URL+"/incidents/1")); err != nil {
		t.Fatal(err)
	}
	host := strings.TrimPrefix(provider.URL, "http://")
	waitFor(t, ctx, "the provider's button", text("main a.button")+` === "Sign in with 127.0.0.1"`)
	axe(t, ctx, "the sign-in page with a provider")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`main a.button`))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the provider's form", `location.host === `+fmt.Sprintf("%q", host)+` && !!document.querySelector('input[name="login"]')`)
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`input[name="login"]`), "alice"),
		chromedp.Click(chromedp.CSS(`button[type="submit"]`)),
	); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "back on the incident, signed in", `location.host === `+fmt.Sprintf("%q", addr)+` && location.pathname === "/incidents/1" && `+
		text("h1")+`.includes("Webhooks are delayed") && `+text(".who")+`.includes("Alice Oncall (responder)")`)
	exposed, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[document.cookie, JSON.stringify(localStorage), JSON.stringify(sessionStorage)].join(" | ")`))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(exposed, "fbs_") || strings.Contains(exposed, "firebreak_") || strings.Contains(exposed, "eyJ") {
		t.Errorf("a credential is readable by scripts: %s", exposed)
	}
	var cookies network.GetCookiesResult
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) (err error) {
		cookies, err = cdp.Call(ctx, tg, network.GetCookies, network.GetCookiesParams{URLs: []string{env.Server.URL}})
		return err
	})); err != nil {
		t.Fatal(err)
	}
	var session *network.Cookie
	for _, c := range cookies.Cookies {
		if c.Name == auth.SessionCookie {
			session = c
		}
	}
	if session == nil || !session.HTTPOnly || session.SameSite != network.CookieSameSiteStrict {
		t.Errorf("the session cookie: %+v", session)
	}
}

// An admin administers Firebreak in the console: people and their roles,
// API keys (the secret shown once, and working), a severity's cadence,
// products, and the audit log that records it all; a responder is told
// the pages are for admins.
func TestConsoleAdministration(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	ctx := testenv.Browser(t)
	open := func(path, what, cond string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(env.Server.URL+path)); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, what, cond)
	}
	open("/signin?next=%2Fmanage%2Fpeople", "sign-in", text("h1")+` === "Sign in to Firebreak"`)
	signIn(t, ctx, env, "admin@test.example")
	waitFor(t, ctx, "people", `location.pathname === "/manage/people" && `+text("main table")+`.includes("Test viewer")`)
	axe(t, ctx, "/manage/people")

	// A new person, then a new role, then deactivated.
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`form[aria-label="Add a person"] label:first-child input`), "Dana Ops"),
		chromedp.SendKeys(chromedp.CSS(`form[aria-label="Add a person"] input[type="email"]`), "dana@test.example"),
		chromedp.Click(chromedp.CSS(`form[aria-label="Add a person"] button[type="submit"]`)),
	); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "Dana listed", text("main table")+`.includes("dana@test.example")`)
	if err := chromedp.Do(ctx, chooseOption(`select[aria-label="Role of Dana Ops"]`, "VIEWER")); err != nil {
		t.Fatal(err)
	}
	var dana struct {
		Users struct {
			Nodes []struct {
				Role   string
				Active bool
			}
		}
	}
	testenv.Eventually(t, 10*time.Second, "Dana's role changed", func() bool {
		env.Query(t, env.AdminKey, `{ users(filter: {query: "dana"}) { nodes { role active } } }`, nil, &dana)
		return len(dana.Users.Nodes) == 1 && dana.Users.Nodes[0].Role == "VIEWER"
	})
	clickButton(t, ctx, "Deactivate Dana Ops")
	testenv.Eventually(t, 10*time.Second, "Dana deactivated", func() bool {
		env.Query(t, env.AdminKey, `{ users(filter: {query: "dana"}) { nodes { role active } } }`, nil, &dana)
		return len(dana.Users.Nodes) == 1 && !dana.Users.Nodes[0].Active
	})
	waitFor(t, ctx, "reactivation offered", `[...document.querySelectorAll("main button")].some(b => b.innerText === "Reactivate Dana Ops")`)

	// An API key: the secret once, and it works.
	open("/manage/keys", "keys", `!!document.querySelector('form[aria-label="Create an API key"]')`)
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`form[aria-label="Create an API key"] input`), "status bot"),
		chromedp.Click(chromedp.CSS(`form[aria-label="Create an API key"] button`)),
	); err != nil {
		t.Fatal(err)
	}
	key := waitFor(t, ctx, "the secret", `(k => k.startsWith("fbk_") && k)(`+text(`[data-testid="new-key"]`)+`)`)
	var me struct{ Me struct{ Role string } }
	env.Query(t, key, `{ me { role } }`, nil, &me)
	if me.Me.Role != "VIEWER" {
		t.Errorf("the new key's role: %q", me.Me.Role)
	}
	axe(t, ctx, "/manage/keys")
	screenshot(t, ctx, "console-admin-keys.png")

	// A cadence.
	open("/manage/severities", "severities", `document.querySelectorAll("form.severity-form").length === 3`)
	if err := chromedp.Do(ctx,
		typeValue(`form.severity-form:nth-of-type(3) input[name="updateIntervalMinutes"]`, "45"),
		chromedp.Click(chromedp.CSS(`form.severity-form:nth-of-type(3) button[type="submit"]`)),
	); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "saved", text(`form.severity-form:nth-of-type(3) [role="status"]`)+` === "Saved."`)
	var sev struct {
		Severities []struct{ Level, UpdateIntervalMinutes int }
	}
	env.Query(t, env.AdminKey, `{ severities { level updateIntervalMinutes } }`, nil, &sev)
	if sev.Severities[2].Level != 3 || sev.Severities[2].UpdateIntervalMinutes != 45 {
		t.Errorf("SEV-3 after the form: %+v", sev.Severities)
	}
	axe(t, ctx, "/manage/severities")

	// A product.
	open("/manage/products", "products", `!!document.querySelector('form[aria-label="Add a product"]')`)
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`input[name="product-name"]`), "Payments"),
		chromedp.Click(chromedp.CSS(`form[aria-label="Add a product"] button`)),
	); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the product", text("main table")+`.includes("Payments")`)
	axe(t, ctx, "/manage/products")

	// A webhook endpoint (its secret once), a test delivery and its attempt.
	received := make(chan struct{}, 10)
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		received <- struct{}{}
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(receiver.Close)
	env.StartWorker(t)
	open("/manage/endpoints", "endpoints", `!!document.querySelector('form[aria-label="Add an endpoint"]')`)
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`input[name="endpoint-name"]`), "Ops webhook"),
		chromedp.SendKeys(chromedp.CSS(`input[name="endpoint-url"]`), receiver.URL+"/hook"),
		chromedp.Click(chromedp.CSS(`form[aria-label="Add an endpoint"] button`)),
	); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the endpoint and its secret", text(`[data-testid="endpoint-secret"]`)+`.length > 10 && `+text("main")+`.includes("Ops webhook")`)
	clickButton(t, ctx, "Send a test to Ops webhook")
	select {
	case <-received:
	case <-time.After(20 * time.Second):
		t.Fatal("the test delivery never reached the receiver")
	}
	testenv.Eventually(t, 20*time.Second, "the delivery shown as delivered", func() bool {
		_ = chromedp.Do(ctx, chromedp.Navigate(env.Server.URL+"/manage/endpoints"))
		shown, _ := chromedp.Run(ctx, chromedp.Poll[bool](text(".deliveries")+`.includes("delivered")`, chromedp.WithPollingTimeout(2*time.Second)))
		return shown
	})
	axe(t, ctx, "/manage/endpoints")

	// An alert source (its token once, and it works) and a route.
	open("/manage/alerting", "alerting", `!!document.querySelector('form[aria-label="Add an alert source"]')`)
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`input[name="source-name"]`), "Prometheus"),
		chromedp.Click(chromedp.CSS(`form[aria-label="Add an alert source"] button`)),
	); err != nil {
		t.Fatal(err)
	}
	token := waitFor(t, ctx, "the source's token", `(k => k.length > 10 && k)(`+text(`[data-testid="source-token"]`)+`)`)
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`input[name="route-matchers"]`), `severity="critical"`),
		chromedp.Click(chromedp.CSS(`form[aria-label="Add an alert route"] button`)),
	); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the route", text(".routes")+`.includes("severity=\"critical\" → SEV-2, declares")`)
	ingest := waitFor(t, ctx, "the ingest URL", text("main table code"))
	ingestURL, err := url.Parse(ingest)
	if err != nil {
		t.Fatalf("the ingest URL %q: %v", ingest, err)
	}
	status, _, body := env.PostJSON(t, token, ingestURL.Path, []byte(`{"version": "4", "status": "firing", "groupKey": "g1", "alerts": [{"status": "firing", "labels": {"alertname": "HighErrorRate", "severity": "critical"}, "fingerprint": "f1", "startsAt": "2026-12-08T00:00:00Z"}]}`))
	if status >= 300 {
		t.Errorf("an alert with the new token: %d %s", status, body)
	}
	axe(t, ctx, "/manage/alerting")

	// The Slack settings, here without a bot.
	open("/manage/slack", "the Slack settings", text(`[data-testid="slack-enabled"]`)+`.startsWith("off")`)
	axe(t, ctx, "/manage/slack")

	// The audit log has it all.
	open("/manage/audit", "the audit log", text("main table")+`.includes("user.created") && `+text("main table")+`.includes("severity.updated")`)
	axe(t, ctx, "/manage/audit")

	// A responder is told it is for admins.
	other := testenv.Browser(t)
	if err := chromedp.Do(other, chromedp.Navigate(env.Server.URL+"/signin?next=%2Fmanage%2Fkeys")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, other, "sign-in", text("h1")+` === "Sign in to Firebreak"`)
	signIn(t, other, env, "responder@test.example")
	waitFor(t, other, "for admins", text("main")+`.includes("Only admins manage Firebreak")`)
}

// At phone width the pages fit the screen (no sideways scrolling), the
// follow-ups page and a spent sign-in link pass axe, and a spent link says
// so in words.
func TestConsoleAtPhoneWidth(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	inc := env.Declare(t, map[string]any{"title": "Password reset e-mails are not arriving at all for some customers", "severityLevel": 2})
	var me struct{ Me struct{ ID string } }
	env.Query(t, env.ResponderKey, `{ me { id } }`, nil, &me)
	env.Query(t, env.ResponderKey, `mutation($id: ID!, $me: ID!) { createActionItem(input: {incidentId: $id, title: "Alert on mail queue depth", ownerId: $me, dueAt: "2026-01-01T00:00:00Z"}) { actionItem { id } } }`,
		map[string]any{"id": inc.ID, "me": me.Me.ID}, nil)
	ctx := testenv.Browser(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(375, 740, chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(env.Server.URL+"/signin/link#fbl_SPENTORMADEUP")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "a spent link explained", `(t => t.includes("unknown, used or expired") && t)(`+text("main")+`)`)
	axe(t, ctx, "/signin/link with a spent link")
	signIn(t, ctx, env, "responder@test.example") // the same tab: only the fragment changes
	waitFor(t, ctx, "signed in", `location.pathname === "/" && `+text(".who")+`.includes("Test responder")`)
	fits := `document.documentElement.scrollWidth <= window.innerWidth`
	for _, page := range []struct{ path, ready string }{
		{"/", text("main") + `.includes("Password reset")`},
		{"/incidents/1", text(`[data-testid="connection"]`) + ` === "Live"`},
		{"/follow-ups", text("main") + `.includes("Alert on mail queue depth")`},
		{"/numbers", `!!document.querySelector(".chart canvas")`},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(env.Server.URL+page.path)); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, page.path, page.ready)
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fits)); err != nil || !ok {
			width, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
			t.Errorf("%s at 375 px is %d px wide: it scrolls sideways", page.path, width)
		}
		if page.path == "/follow-ups" {
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`input[name="which-follow-ups"]:not(:checked)`))); err != nil {
				t.Fatal(err)
			}
			axe(t, ctx, "/follow-ups")
		}
	}
	screenshot(t, ctx, "console-phone.png")
}
