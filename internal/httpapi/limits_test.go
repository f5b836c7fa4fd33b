package httpapi_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"firebreak/internal/testenv"
)

// Hostile documents from the black-box review (issue 11). Each one pinned a
// core for seconds to minutes; now each is refused before it is validated
// or executed. The deadline only catches a hang (the figures are in
// BenchmarkHostileDocuments and docs/benchmarks.md).
const refusalDeadline = 5 * time.Second

// fragmentFanOut doubles at every level: 2^30 expanded selections in 1.3 KB.
func fragmentFanOut(levels int) string {
	var b strings.Builder
	b.WriteString("query { me { ...F0 } }\n")
	for i := 0; i < levels; i++ {
		fmt.Fprintf(&b, "fragment F%d on User { ...F%d ...F%d }\n", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "fragment F%d on User { id }\n", levels)
	return b.String()
}

func manyAliases(n int) string {
	var b strings.Builder
	b.WriteString("{")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, " a%d: incident(number: %d) { id title }", i, i)
	}
	b.WriteString(" }")
	return b.String()
}

func repeatedField(n int) string {
	return "{ me { " + strings.Repeat("id ", n) + "} }"
}

// postWithin posts a query and fails the test if no answer comes in time.
func postWithin(t *testing.T, env *testenv.Env, key, query string) *testenv.Response {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	ctx, cancel := context.WithTimeout(context.Background(), refusalDeadline)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, env.Server.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("no answer within %s: %v", refusalDeadline, err)
	}
	defer resp.Body.Close()
	var out testenv.Response
	var raw bytes.Buffer
	_, _ = raw.ReadFrom(resp.Body)
	out.Status, out.Raw = resp.StatusCode, raw.String()
	if err := json.Unmarshal(raw.Bytes(), &out); err != nil {
		t.Fatalf("HTTP %d: %s", resp.StatusCode, raw.String())
	}
	return &out
}

func TestHostileDocumentsAreRefusedBeforeValidation(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	for _, tc := range []struct {
		name, query, code, reason, message string
	}{
		{"fragment fan-out 2^30", fragmentFanOut(30), "GRAPHQL_VALIDATION_FAILED", "QUERY_TOO_LARGE", "fragments are expanded"},
		{"4,000 aliases", manyAliases(4000), "GRAPHQL_PARSE_FAILED", "", "token limit"},
		{"20,000 repeated fields", repeatedField(20000), "GRAPHQL_PARSE_FAILED", "", "token limit"},
		{"1,500 repeated fields under the token limit", repeatedField(1500), "GRAPHQL_VALIDATION_FAILED", "QUERY_TOO_LARGE", "fragments are expanded"},
		{"deep nesting", "{ " + strings.Repeat("incidents { nodes { ", 8) + "id" + strings.Repeat(" } }", 8) + " }", "GRAPHQL_VALIDATION_FAILED", "QUERY_TOO_LARGE", "nests"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := postWithin(t, env, env.ViewerKey, tc.query)
			if res.HasData() || len(res.Errors) != 1 {
				t.Fatalf("HTTP %d, %d errors: %.300s", res.Status, len(res.Errors), res.Raw)
			}
			e := res.Errors[0]
			if e.Code() != tc.code || !strings.Contains(e.Message, tc.message) {
				t.Errorf("error = %s %q", e.Code(), e.Message)
			}
			if reason, _ := e.Extensions["reason"].(string); tc.reason != "" && reason != tc.reason {
				t.Errorf("reason = %q, want %s", reason, tc.reason)
			}
		})
	}
	// The server is still answering, and ordinary documents pass.
	var out struct{ Me struct{ Name string } }
	env.Query(t, env.ViewerKey, `{ me { name } }`, nil, &out)
	if out.Me.Name != "Test viewer" {
		t.Fatalf("me = %+v", out)
	}
}

func TestIntrospectionAndFragmentsStillWork(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	// GraphiQL's introspection query nests TypeRef nine levels deep.
	res := postWithin(t, env, env.ViewerKey, introspectionQuery)
	if len(res.Errors) > 0 || !strings.Contains(string(res.Data), `"queryType"`) {
		t.Fatalf("introspection refused: %.500s", res.Raw)
	}
	// A fragment used many times is sized once and counted where it is used.
	res = postWithin(t, env, env.ViewerKey, `query { a: me { ...U } b: me { ...U } c: me { ...U } } fragment U on User { id name role }`)
	if len(res.Errors) > 0 {
		t.Fatalf("fragments refused: %s", res.Raw)
	}
}

func TestValidationErrorsAreCapped(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	conflicting := func(n int) string {
		var b strings.Builder
		b.WriteString("{")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, " x: incident(number: %d) { id }", i)
		}
		return b.String() + " }"
	}
	// 500 aliases of one response name with different arguments conflict
	// pairwise: 62,500 errors (16.6 MB) before. Now refused before
	// validation compares them.
	res := postWithin(t, env, env.ViewerKey, conflicting(500))
	if len(res.Errors) != 1 || res.Errors[0].Extensions["reason"] != "QUERY_TOO_LARGE" || !strings.Contains(res.Errors[0].Message, "response name") {
		t.Fatalf("500 conflicting aliases: %.300s", res.Raw)
	}
	// 40 of them pass that limit and make 780 conflicts: 20 are reported.
	res = postWithin(t, env, env.ViewerKey, conflicting(40))
	if res.HasData() || len(res.Errors) != 21 {
		t.Fatalf("%d errors, %d bytes", len(res.Errors), len(res.Raw))
	}
	if last := res.Errors[20]; !strings.Contains(last.Message, "only the first 20") {
		t.Errorf("last error = %q", last.Message)
	}
	if len(res.Raw) > 20<<10 {
		t.Errorf("response is %d bytes", len(res.Raw))
	}
}

func TestExpensiveFieldsArePricedByTheirCost(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	env.Declare(t, map[string]any{"title": "Priced", "severityLevel": 2})
	aliases := func(n int, field string) string {
		var b strings.Builder
		b.WriteString("{")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, " a%d: %s", i, field)
		}
		return b.String() + " }"
	}
	for _, tc := range []struct{ name, query string }{
		{"150 fact sheets", aliases(150, "incident(number: 1) { factSheet }")},
		{"450 follow-up counts", aliases(450, "actionItems(first: 1) { totalCount }")},
		{"300 follow-up counts", aliases(300, "actionItems(first: 1) { totalCount }")},
		{"100 metrics", aliases(100, "incidentMetrics { count }")},
		{"nested pages", `{ incidents(first: 100) { nodes { timeline(first: 100) { nodes { id } } } } }`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := postWithin(t, env, env.ViewerKey, tc.query)
			if res.HasData() || len(res.Errors) != 1 {
				t.Fatalf("HTTP %d: %.300s", res.Status, res.Raw)
			}
			if e := res.Errors[0]; e.Code() != "GRAPHQL_VALIDATION_FAILED" || e.Extensions["reason"] != "COMPLEXITY_LIMIT_EXCEEDED" {
				t.Errorf("error = %s %v %q", e.Code(), e.Extensions["reason"], e.Message)
			}
		})
	}
	// What a dashboard asks for stays well inside the budget.
	for _, q := range []string{
		`{ incidents(first: 100) { totalCount pageInfo { hasNextPage endCursor } nodes { id number title status
			severity { name level color } products { name } commander { name } latestUpdate { body author { name } } } } }`,
		`{ incident(number: 1) { factSheet timeline(first: 50) { nodes { kind message actor { name } } } } }`,
		`{ incidentMetrics { count timeToResolve { mean median p90 } bySeverity { count } byProduct { count } weekly { count } } }`,
	} {
		if res := postWithin(t, env, env.ViewerKey, q); len(res.Errors) > 0 {
			t.Errorf("refused: %s\n%s", res.Raw, q)
		}
	}
}

func TestPersistedQueriesRegisterOnlyValidDocuments(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	over := "{"
	for i := 0; i < 450; i++ {
		over += fmt.Sprintf(" a%d: actionItems(first: 1) { totalCount }", i)
	}
	for _, tc := range []struct {
		query    string
		answered bool
	}{
		{strings.Repeat("{", 100) + " not graphql", false},
		{`{ noSuchField }`, false},
		{fragmentFanOut(30), false},
		{over + " }", false},                                           // valid, but over the cost limit
		{"{ me { id } }\n# " + strings.Repeat("padding ", 5000), true}, // answered, but over 32 KiB to keep
	} {
		query := tc.query
		sum := sha256.Sum256([]byte(query))
		hash := hex.EncodeToString(sum[:])
		raw, _ := json.Marshal(map[string]any{"query": query,
			"extensions": map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hash}}})
		if res := env.PostRaw(t, env.ViewerKey, raw); (len(res.Errors) == 0) != tc.answered {
			t.Fatalf("%.60q: %.300s", query, res.Raw)
		}
		if n, err := env.Redis.Exists(context.Background(), "firebreak:apq:"+hash).Result(); err != nil || n != 0 {
			t.Errorf("an invalid document was stored in Redis (%v): %.60q", err, query)
		}
	}
	if keys, _ := env.Redis.Keys(context.Background(), "firebreak:apq:*").Result(); len(keys) != 0 {
		t.Errorf("persisted queries stored: %v", keys)
	}
}

// introspectionQuery is graphql-js's getIntrospectionQuery with every option
// on and a TypeRef nine levels deep, as GraphiQL sends it.
const introspectionQuery = `query IntrospectionQuery {
  __schema {
    description
    queryType { name } mutationType { name } subscriptionType { name }
    types { ...FullType }
    directives { name description isRepeatable locations args(includeDeprecated: true) { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description specifiedByURL
  fields(includeDeprecated: true) { name description args(includeDeprecated: true) { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields(includeDeprecated: true) { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue isDeprecated deprecationReason }
fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name }}}}}}}}} }`

// One key registers at most 100 new queries an hour: each is kept a day, so
// the Redis memory a key can claim stays bounded.
func TestPersistedQueryRegistrationsAreBudgetedPerKey(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	register := func(key string, i int) {
		query := fmt.Sprintf("query Q%d { me { id } }", i)
		sum := sha256.Sum256([]byte(query))
		raw, _ := json.Marshal(map[string]any{"query": query,
			"extensions": map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hex.EncodeToString(sum[:])}}})
		if res := env.PostRaw(t, key, raw); len(res.Errors) > 0 {
			t.Fatalf("query %d: %s", i, res.Raw)
		}
	}
	for i := 0; i < 110; i++ {
		register(env.ViewerKey, i) // every query is still answered
	}
	stored := func() int {
		var n int
		iter := env.Redis.Scan(context.Background(), 0, "firebreak:apq:[0-9a-f]*", 1000).Iterator()
		for iter.Next(context.Background()) {
			n++
		}
		return n
	}
	if n := stored(); n != 100 {
		t.Errorf("%d queries stored for one key, want 100", n)
	}
	// Another key has its own budget; a known query costs nothing.
	register(env.ResponderKey, 500)
	register(env.ViewerKey, 0)
	if n := stored(); n != 101 {
		t.Errorf("%d queries stored, want 101", n)
	}
}
