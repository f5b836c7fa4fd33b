package console_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"firebreak/internal/console"
)

// firstLoadBudget is issue 28's budget for the incident list's first load:
// compressed JavaScript and CSS.
const firstLoadBudget = 200 << 10

// The console's first load — the page and the assets it names — fits the
// budget compressed, every asset is served gzipped and cached for good
// (its name is its hash), the page is revalidated each time (a new binary's
// console loads at once), and every answer carries the console's policy.
func TestConsoleFirstLoadFitsItsBudget(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	console.Register(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	get := func(path string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: HTTP %d", path, res.StatusCode)
		}
		if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe") {
			t.Errorf("%s: policy %q", path, csp)
		}
		return res, body
	}
	for _, page := range []string{"/", "/incidents/42", "/signin", "/signin/link", "/severities", "/manage/people"} {
		res, body := get(page)
		if res.Header.Get("Cache-Control") != "no-cache" || !strings.Contains(string(body), `<div id="root">`) {
			t.Errorf("%s: Cache-Control %q, %d bytes", page, res.Header.Get("Cache-Control"), len(body))
		}
	}
	_, index := get("/")
	assets := regexp.MustCompile(`(?:src|href)="(/assets/[^"]+\.(?:js|css))"`).FindAllStringSubmatch(string(index), -1)
	if len(assets) < 2 {
		t.Fatalf("the page names %d assets: %s", len(assets), index)
	}
	total := 0
	for _, a := range assets {
		res, body := get(a[1])
		if res.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(res.Header.Get("Cache-Control"), "immutable") {
			t.Errorf("%s: Content-Encoding %q, Cache-Control %q", a[1], res.Header.Get("Content-Encoding"), res.Header.Get("Cache-Control"))
		}
		total += len(body)
	}
	t.Logf("first load: %d bytes of compressed JavaScript and CSS in %d files", total, len(assets))
	if total > firstLoadBudget {
		t.Errorf("the first load is %d bytes compressed; the budget is %d", total, firstLoadBudget)
	}
	// No directory listings, no stray paths.
	for _, path := range []string{"/assets/", "/nope", "/incidents/1/other"} {
		res, err := client.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: HTTP %d, want 404", path, res.StatusCode)
		}
	}
}
