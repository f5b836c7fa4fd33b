package httpapi_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"firebreak/internal/testenv"
)

func TestRequestBodyOverOneMebibyteIsRefused(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	big, _ := json.Marshal(map[string]any{
		"query":     `mutation($in: DeclareIncidentInput!) { declareIncident(input: $in) { incident { id } } }`,
		"variables": map[string]any{"in": map[string]any{"title": "big", "severityLevel": 1, "summary": strings.Repeat("x", 1<<20)}},
	})
	res := env.PostRaw(t, env.ResponderKey, big)
	if res.Status != http.StatusRequestEntityTooLarge {
		t.Fatalf("HTTP %d, want 413: %.200s", res.Status, res.Raw)
	}
	// The same without Content-Length (chunked) is refused too.
	req, _ := http.NewRequest(http.MethodPost, env.Server.URL+"/graphql", struct{ *bytes.Reader }{bytes.NewReader(big)})
	req.Header.Set("Authorization", "Bearer "+env.ResponderKey)
	req.Header.Set("Content-Type", "application/json")
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("chunked: HTTP %d, want 413", r.StatusCode)
	}
	var out struct{ Incidents struct{ TotalCount int } }
	env.Query(t, env.ViewerKey, `{ incidents { totalCount } }`, nil, &out)
	if out.Incidents.TotalCount != 0 {
		t.Error("a refused body declared an incident")
	}
}

func TestQueryComplexityIsLimited(t *testing.T) {
	t.Parallel()
	env := testenv.NewWithOptions(t, testenv.Options{ComplexityLimit: 500})
	// 100 incidents × 50 events × fields is far over the limit.
	res := env.Post(t, env.ViewerKey, `{ incidents(first: 100) { nodes { timeline(first: 50) { nodes { message actor { name } } } } } }`, nil)
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, "complexity") || res.HasData() {
		t.Fatalf("expected a complexity error: %s", res.Raw)
	}
	if res.Errors[0].Code() != "GRAPHQL_VALIDATION_FAILED" || res.Errors[0].Extensions["reason"] != "COMPLEXITY_LIMIT_EXCEEDED" {
		t.Errorf("code = %s %v", res.Errors[0].Code(), res.Errors[0].Extensions["reason"])
	}
	env.Query(t, env.ViewerKey, `{ incidents(first: 10) { nodes { title severity { name } } } }`, nil, nil)
}

func TestInternalErrorsAreHidden(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	env.Declare(t, map[string]any{"title": "Before the database went away", "severityLevel": 1})
	// Break the database under the running API: the next query fails inside
	// a resolver with a raw driver error.
	if _, err := env.DB.Exec(`ALTER TABLE incidents RENAME TO incidents_gone`); err != nil {
		t.Fatal(err)
	}
	res := env.Post(t, env.ViewerKey, `{ incidents { totalCount } }`, nil)
	if len(res.Errors) != 1 || res.Errors[0].Code() != "INTERNAL" {
		t.Fatalf("expected INTERNAL: %s", res.Raw)
	}
	id, _ := res.Errors[0].Extensions["requestId"].(string)
	if id == "" || id != res.Header.Get("X-Request-Id") || !strings.Contains(res.Errors[0].Message, id) {
		t.Errorf("the error must carry the request id %q: %s", res.Header.Get("X-Request-Id"), res.Raw)
	}
	for _, leak := range []string{"incidents", "SQLSTATE", "relation", "ERROR"} {
		if strings.Contains(res.Errors[0].Message, leak) {
			t.Errorf("internal detail %q leaked: %s", leak, res.Raw)
		}
	}
}

func TestHealthAndReadiness(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	for _, path := range []string{"/healthz", "/readyz"} {
		res, err := http.Get(env.Server.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		var body map[string]string
		json.NewDecoder(res.Body).Decode(&body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: HTTP %d %v", path, res.StatusCode, body)
		}
		if path == "/readyz" && (body["postgres"] != "ok" || body["redis"] != "ok") {
			t.Errorf("readyz = %v", body)
		}
	}
	// Unready when Redis is unreachable.
	env.Redis.Close()
	res, err := http.Get(env.Server.URL + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("readyz with Redis closed: HTTP %d, want 503", res.StatusCode)
	}
	// The console (at /) and GraphiQL (at /graphiql) are served without a key.
	for _, page := range []string{"/", "/graphiql", "/graphiql/", "/incidents/7"} {
		res, err = http.Get(env.Server.URL + page)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
			t.Errorf("%s: HTTP %d %s", page, res.StatusCode, res.Header.Get("Content-Type"))
		}
	}
}

func TestUnsupportedTransportsGetACode(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	// A subscription over POST would answer with its first event and stop.
	e := env.MustFail(t, env.ViewerKey, `subscription { incidentChanges { title } }`, nil, "BAD_USER_INPUT")
	if e.Extensions["reason"] != "TRANSPORT_NOT_SUPPORTED" || !strings.Contains(e.Message, "websocket") {
		t.Errorf("subscription over POST: %v %q", e.Extensions, e.Message)
	}
	for _, tc := range []struct {
		method, contentType string
		status              int
	}{
		// GET runs queries from the query string (TestGraphQLOverGET); a
		// body is not where it looks.
		{http.MethodGet, "", http.StatusBadRequest},
		{http.MethodPut, "application/json", http.StatusMethodNotAllowed},
		{http.MethodPost, "text/plain", http.StatusUnsupportedMediaType},
	} {
		req, _ := http.NewRequest(tc.method, env.Server.URL+"/graphql", strings.NewReader(`{"query":"{ me { id } }"}`))
		req.Header.Set("Authorization", "Bearer "+env.ViewerKey)
		if tc.contentType != "" {
			req.Header.Set("Content-Type", tc.contentType)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var out testenv.Response
		_ = json.NewDecoder(res.Body).Decode(&out)
		res.Body.Close()
		if res.StatusCode != tc.status || len(out.Errors) != 1 || out.Errors[0].Code() != "BAD_USER_INPUT" {
			t.Errorf("%s %s: HTTP %d %+v", tc.method, tc.contentType, res.StatusCode, out.Errors)
		}
	}
}
