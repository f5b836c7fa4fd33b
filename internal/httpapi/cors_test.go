package httpapi_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"firebreak/internal/testenv"
)

func preflight(t *testing.T, url, origin string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodOptions, url, nil)
	req.Header.Set("Origin", origin)
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "authorization,content-type")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res
}

func TestCORSAnswersOnlyAllowedOrigins(t *testing.T) {
	t.Parallel()
	env := testenv.NewWithOptions(t, testenv.Options{AllowedOrigins: []string{"localhost:3000", "https://*.example.com"}})
	for _, origin := range []string{"http://localhost:3000", "https://app.example.com"} {
		res := preflight(t, env.Server.URL+"/graphql", origin)
		h := res.Header
		if res.StatusCode >= 300 || h.Get("Access-Control-Allow-Origin") != origin ||
			!strings.Contains(strings.ToLower(h.Get("Access-Control-Allow-Headers")), "authorization") ||
			!strings.Contains(h.Get("Access-Control-Allow-Methods"), "POST") || h.Get("Access-Control-Max-Age") != "600" {
			t.Errorf("preflight from %s: HTTP %d %v", origin, res.StatusCode, h)
		}
	}
	for _, origin := range []string{"http://evil.test", "http://app.example.com", "http://localhost:3001"} {
		res := preflight(t, env.Server.URL+"/graphql", origin)
		if res.Header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("preflight from %s allowed: %v", origin, res.Header)
		}
	}
	// The request itself: the origin is echoed, with Vary: Origin.
	req, _ := http.NewRequest(http.MethodPost, env.Server.URL+"/graphql", strings.NewReader(`{"query":"{ me { name } }"}`))
	req.Header.Set("Origin", "http://localhost:3000")
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+env.ViewerKey)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Access-Control-Allow-Origin") != "http://localhost:3000" || !strings.Contains(res.Header.Get("Vary"), "Origin") {
		t.Errorf("POST: HTTP %d %v", res.StatusCode, res.Header)
	}
	// The Markdown documents too.
	if res := preflight(t, env.Server.URL+"/incidents/1/factsheet.md", "http://localhost:3000"); res.Header.Get("Access-Control-Allow-Origin") != "http://localhost:3000" {
		t.Errorf("factsheet.md preflight: HTTP %d %v", res.StatusCode, res.Header)
	}
}

// appPage is a browser app as a frontend team would write it, without a
// client library: fetch for queries and mutations, a graphql-transport-ws
// websocket for a subscription.
const appPage = `<!doctype html><title>app</title><script>
window.run = async (api, key) => {
  const gql = async (query, variables) => {
    const r = await fetch(api + "/graphql", {method: "POST",
      headers: {"Content-Type": "application/json", Authorization: "Bearer " + key},
      body: JSON.stringify({query, variables})});
    return r.json();
  };
  const me = await gql("{ me { name } }");
  let tick;
  const event = new Promise((resolve, reject) => {
    const ws = new WebSocket(api.replace("http", "ws") + "/graphql", "graphql-transport-ws");
    ws.onopen = () => ws.send(JSON.stringify({type: "connection_init", payload: {Authorization: "Bearer " + key}}));
    ws.onmessage = (m) => {
      const msg = JSON.parse(m.data);
      if (msg.type === "connection_ack") {
        ws.send(JSON.stringify({id: "1", type: "subscribe", payload: {query: "subscription { incidentChanges { title } }"}}));
        // The protocol does not acknowledge a subscription: declare until
        // one is seen.
        const declare = () => gql("mutation { declareIncident(input: {title: \"From the browser\", severityLevel: 3}) { incident { number } } }");
        declare();
        tick = setInterval(declare, 500);
      }
      if (msg.type === "next") { clearInterval(tick); resolve(msg.payload.data.incidentChanges.title); ws.close(); }
    };
    ws.onclose = (e) => { clearInterval(tick); reject(new Error("socket closed " + e.code)); };
  });
  return JSON.stringify({me: me.data.me.name, event: await event});
};
</script>`

func TestBrowserAppOnAnotherOrigin(t *testing.T) {
	t.Parallel()
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, appPage)
	}))
	t.Cleanup(app.Close)
	other := httptest.NewServer(app.Config.Handler)
	t.Cleanup(other.Close)
	env := testenv.NewWithOptions(t, testenv.Options{AllowedOrigins: []string{strings.TrimPrefix(app.URL, "http://")}})
	ctx := testenv.Browser(t)

	run := func(pageURL string) (string, error) {
		if err := chromedp.Do(ctx, chromedp.Navigate(pageURL)); err != nil {
			t.Fatal(err)
		}
		return chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf("run(%q, %q)", env.Server.URL, env.ResponderKey), chromedp.EvalAwaitPromise))
	}
	out, err := run(app.URL)
	if err != nil || out != `{"me":"Test responder","event":"From the browser"}` {
		t.Fatalf("allowed origin: %q, %v", out, err)
	}
	// The same page from an origin that is not listed gets nowhere.
	start := time.Now()
	out, err = run(other.URL)
	if err == nil || !strings.Contains(err.Error(), "Failed to fetch") {
		t.Errorf("unlisted origin: %q, %v (after %s)", out, err, time.Since(start))
	}
}
