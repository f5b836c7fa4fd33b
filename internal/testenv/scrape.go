package testenv

import (
	"io"
	"net/http"
	"testing"
)

// Scrape reads the API's /metrics.
func (env *Env) Scrape(t testing.TB) string {
	t.Helper()
	res, err := http.Get(env.Server.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /metrics: HTTP %d", res.StatusCode)
	}
	return string(body)
}
