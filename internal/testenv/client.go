package testenv

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// GraphQLError is one entry of a response's errors.
type GraphQLError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// Code returns extensions.code.
func (e GraphQLError) Code() string { s, _ := e.Extensions["code"].(string); return s }

// Field returns extensions.field.
func (e GraphQLError) Field() string { s, _ := e.Extensions["field"].(string); return s }

// Response is a decoded GraphQL response plus its HTTP status.
type Response struct {
	Status int
	Header http.Header
	Data   json.RawMessage `json:"data"`
	Errors []GraphQLError  `json:"errors"`
	Raw    string
}

// Post sends one GraphQL operation over HTTP with the given API key ("" for
// none).
func (e *Env) Post(t testing.TB, key, query string, vars map[string]any) *Response {
	t.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		t.Fatal(err)
	}
	return e.PostRaw(t, key, body)
}

// PostRaw sends a raw request body to /graphql.
func (e *Env) PostRaw(t testing.TB, key string, body []byte) *Response {
	t.Helper()
	return PostRawTo(t, e.Server.URL, key, body)
}

// PostTo sends one GraphQL operation to another server (a replica).
func PostTo(t testing.TB, serverURL, key, query string, vars map[string]any) *Response {
	t.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		t.Fatal(err)
	}
	return PostRawTo(t, serverURL, key, body)
}

// PostRawTo sends a raw body to serverURL's /graphql.
func PostRawTo(t testing.TB, serverURL, key string, body []byte) *Response {
	t.Helper()
	status, header, raw := request(t, http.MethodPost, serverURL+"/graphql", key, body)
	out := &Response{Status: status, Header: header, Raw: raw}
	if ct := header.Get("Content-Type"); strings.HasPrefix(ct, "application/json") || strings.HasPrefix(ct, "application/graphql-response+json") {
		if err := json.Unmarshal([]byte(raw), out); err != nil {
			t.Fatalf("decode response %q: %v", raw, err)
		}
	}
	return out
}

// Query runs an operation that must succeed and decodes its data into out.
func (e *Env) Query(t testing.TB, key, query string, vars map[string]any, out any) {
	t.Helper()
	res := e.Post(t, key, query, vars)
	if len(res.Errors) > 0 || res.Status != http.StatusOK {
		t.Fatalf("unexpected errors (HTTP %d): %s", res.Status, res.Raw)
	}
	if out != nil {
		if err := json.Unmarshal(res.Data, out); err != nil {
			t.Fatalf("decode data %s: %v", res.Data, err)
		}
	}
}

// MustFail runs an operation that must fail with one error of the given
// code, and returns that error.
func (e *Env) MustFail(t testing.TB, key, query string, vars map[string]any, code string) GraphQLError {
	t.Helper()
	res := e.Post(t, key, query, vars)
	if len(res.Errors) == 0 {
		t.Fatalf("expected %s, got success: %s", code, res.Raw)
	}
	if got := res.Errors[0].Code(); got != code {
		t.Fatalf("expected %s, got %s: %s", code, got, res.Raw)
	}
	return res.Errors[0]
}

// HasData reports whether the response carried a non-null data member.
func (r *Response) HasData() bool { return len(r.Data) > 0 && string(r.Data) != "null" }

func httpGet(url string) (int, error) {
	res, err := http.Get(url)
	if err != nil {
		return 0, err
	}
	res.Body.Close()
	return res.StatusCode, nil
}

// Get fetches a path of the API with a key ("" for none) and returns the
// status, headers and body.
func (e *Env) Get(t testing.TB, key, path string) (int, http.Header, string) {
	t.Helper()
	return request(t, http.MethodGet, e.Server.URL+path, key, nil)
}

// PostJSON posts a JSON body to path with a bearer key ("" for none), as a
// webhook sender does, and returns the status, headers and body.
func (e *Env) PostJSON(t testing.TB, key, path string, body []byte) (int, http.Header, string) {
	t.Helper()
	return request(t, http.MethodPost, e.Server.URL+path, key, body)
}

// request sends body (JSON, if any) with a key ("" for none) and returns
// the status, headers and body of the answer.
func request(t testing.TB, method, url, key string, body []byte) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, res.Header, string(raw)
}
