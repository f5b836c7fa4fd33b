package httpapi_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"firebreak/internal/testenv"
)

// The GraphQL over HTTP specification's own audit suite (graphql-http)
// passes whole: every MUST and SHOULD, and the MAYs of the GET support
// Firebreak offers (queries over GET; mutations over GET refused).
func TestGraphQLOverHTTPAuditSuite(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	out, err := testenv.NodeClient(t, "graphql-http-audit.mjs", env.Server.URL, env.ViewerKey).Output()
	if err != nil {
		t.Fatalf("graphql-http's audits: %v", err)
	}
	var audits []struct{ ID, Name, Status, Reason string }
	if err := json.Unmarshal(out, &audits); err != nil || len(audits) < 30 {
		t.Fatalf("graphql-http's audits: %v %s", err, out)
	}
	for _, a := range audits {
		if a.Status != "ok" {
			t.Errorf("%s %s: %s (%s)", a.ID, a.Name, a.Status, a.Reason)
		}
	}
}

// GET runs queries, so that a CDN can cache them and persisted queries
// can be fetched by hash, and never a mutation (405, nothing written);
// request errors carry no "data" member.
func TestGraphQLOverGET(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	get := func(params url.Values, accept string) (int, http.Header, string) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, env.Server.URL+"/graphql?"+params.Encode(), nil)
		req.Header.Set("Authorization", "Bearer "+env.ResponderKey)
		if accept != "" {
			req.Header.Set("Accept", accept)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res.StatusCode, res.Header, string(body)
	}
	status, header, body := get(url.Values{"query": {"query($n: Int!) { severities { level } incidents(first: $n) { totalCount } }"}, "variables": {`{"n": 1}`}}, "")
	if status != 200 || !strings.HasPrefix(header.Get("Content-Type"), "application/json") || !strings.Contains(body, `"totalCount":0`) {
		t.Fatalf("a query over GET: %d %s %s", status, header.Get("Content-Type"), body)
	}
	status, header, body = get(url.Values{"query": {`mutation { declareIncident(input: {title: "Over GET", severityLevel: 3}) { incident { id } } }`}}, "application/graphql-response+json")
	if status != http.StatusMethodNotAllowed || header.Get("Allow") != "POST" || strings.Contains(body, `"data"`) {
		t.Fatalf("a mutation over GET: %d %v %s", status, header, body)
	}
	var out struct{ Incidents struct{ TotalCount int } }
	env.Query(t, env.ViewerKey, `{ incidents { totalCount } }`, nil, &out)
	if out.Incidents.TotalCount != 0 {
		t.Fatal("a mutation over GET declared an incident")
	}
	status, header, body = get(url.Values{"query": {"{ nosuchfield }"}}, "application/graphql-response+json")
	if status != http.StatusBadRequest || !strings.HasPrefix(header.Get("Content-Type"), "application/graphql-response+json") || strings.Contains(body, `"data"`) {
		t.Fatalf("a validation error under graphql-response+json: %d %s %s", status, header.Get("Content-Type"), body)
	}
	res := env.Post(t, env.ViewerKey, `{ nosuchfield }`, nil)
	if res.Status != 200 || strings.Contains(res.Raw, `"data"`) || len(res.Errors) != 1 {
		t.Fatalf("a validation error under application/json: %d %s", res.Status, res.Raw)
	}
}
