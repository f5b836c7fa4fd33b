package smoke_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"testing"
	"time"

	"firebreak/internal/loadtest"
	"firebreak/internal/seed"
	"firebreak/internal/signin"
	"firebreak/internal/testenv"
	"firebreak/internal/testenv/standin"
	"firebreak/models"
)

// Benchmarks run through the real HTTP handler and PostgreSQL. Point
// FIREBREAK_BENCH_DATABASE_URL at a seeded database (see docs/benchmarks.md)
// to measure at volume; without it each benchmark seeds a small one.
func benchEnv(b *testing.B) *testenv.Env {
	b.Helper()
	if url := os.Getenv("FIREBREAK_BENCH_DATABASE_URL"); url != "" {
		return testenv.NewWithOptions(b, testenv.Options{DatabaseURL: url})
	}
	env := testenv.New(b)
	if _, err := seed.Run(b.Context(), env.DB, seed.Options{Incidents: 2000}, nil); err != nil {
		b.Fatal(err)
	}
	return env
}

// latencies records each operation's duration and reports percentiles.
type latencies []time.Duration

func (l *latencies) time(fn func()) {
	start := time.Now()
	fn()
	*l = append(*l, time.Since(start))
}

func (l latencies) report(b *testing.B) {
	if len(l) == 0 {
		return
	}
	sort.Slice(l, func(i, j int) bool { return l[i] < l[j] })
	pct := func(p float64) float64 { return float64(l[int(p*float64(len(l)-1))].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}

const benchPage = `query($after: String, $filter: IncidentFilter) { incidents(first: 50, after: $after, filter: $filter) {
	totalCount pageInfo { hasNextPage endCursor } nodes {
	id number handle responseChannel title status declaredAt lastUpdateAt
	severity { name color } products { name } commander { name } createdBy { name }
	latestUpdate { body createdAt author { name } } roles { role user { name } } } } }`

func BenchmarkIncidentListPage(b *testing.B) {
	env := benchEnv(b)
	var lat latencies
	var cursor any
	b.ReportAllocs()
	for b.Loop() {
		var out struct {
			Incidents struct {
				PageInfo struct {
					HasNextPage bool
					EndCursor   string
				}
			}
		}
		lat.time(func() { env.Query(b, env.ViewerKey, benchPage, map[string]any{"after": cursor}, &out) })
		// Walk deeper pages too: keyset pagination costs the same on page 100.
		cursor = out.Incidents.PageInfo.EndCursor
		if !out.Incidents.PageInfo.HasNextPage {
			cursor = nil
		}
	}
	lat.report(b)
}

// BenchmarkIncidentRead reads one incident with its severity, commander
// and first 20 timeline events, as ../shared/bench/peer.sh does (with an
// ADMIN key: private incidents too).
func BenchmarkIncidentRead(b *testing.B) {
	env := benchEnv(b)
	const read = `query($n: Int!) { incident(number: $n) { id number title status summary declaredAt
		severity { name level } commander { name }
		timeline(first: 20) { nodes { sequence kind occurredAt message actor { name } } } } }`
	var lat latencies
	statements, n := 0, 0
	b.ReportAllocs()
	for b.Loop() {
		n++
		statements += env.CountQueries(func() {
			lat.time(func() { env.Query(b, env.AdminKey, read, map[string]any{"n": 1 + n%1000}, nil) })
		})
	}
	lat.report(b)
	b.ReportMetric(float64(statements)/float64(n), "statements/op")
}

func BenchmarkIncidentSearch(b *testing.B) {
	env := benchEnv(b)
	terms := []string{"checkout", "timeouts search", "billing run", "faulty deploy", "single sign-on", "audio playback"}
	var lat latencies
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		filter := map[string]any{"query": terms[i%len(terms)]}
		i++
		lat.time(func() { env.Query(b, env.ViewerKey, benchPage, map[string]any{"filter": filter}, nil) })
	}
	lat.report(b)
}

func BenchmarkDeclareIncident(b *testing.B) {
	env := benchEnv(b)
	var lat latencies
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		i++
		in := map[string]any{"title": fmt.Sprintf("Benchmark incident %d", i), "severityLevel": 1 + i%3, "summary": "Declared by the benchmark"}
		lat.time(func() {
			env.Query(b, env.ResponderKey, `mutation($in: DeclareIncidentInput!) { declareIncident(input: $in) { incident { id handle } } }`,
				map[string]any{"in": in}, nil)
		})
	}
	lat.report(b)
}

func BenchmarkPostIncidentUpdate(b *testing.B) {
	env := benchEnv(b)
	var out struct {
		DeclareIncident struct{ Incident struct{ ID string } }
	}
	env.Query(b, env.ResponderKey, `mutation { declareIncident(input: {title: "Update benchmark", severityLevel: 2}) { incident { id } } }`, nil, &out)
	id := out.DeclareIncident.Incident.ID
	var lat latencies
	i, statements := 0, 0
	b.ReportAllocs()
	for b.Loop() {
		i++
		statements += env.CountQueries(func() {
			lat.time(func() {
				env.Query(b, env.ResponderKey, `mutation($in: PostIncidentUpdateInput!) { postIncidentUpdate(input: $in) { update { id } incident { version } } }`,
					map[string]any{"in": map[string]any{"incidentId": id, "body": fmt.Sprintf("Progress note %d: error rates declining", i)}}, nil)
			})
		})
	}
	lat.report(b)
	b.ReportMetric(float64(statements)/float64(i), "statements/op")
}

// BenchmarkIncidentMetrics asks incidentMetrics, as a viewer (so the
// private-incident rule applies), for the headline figures or for every
// breakdown too, over all incidents or the last 90 days of SEV-1 and SEV-2.
func BenchmarkIncidentMetrics(b *testing.B) {
	env := benchEnv(b)
	headline := `count timeToAcknowledge { mean median p90 } timeToMitigate { mean median p90 }
		timeToResolve { mean median p90 } openActionItems overdueActionItems`
	full := headline + `
		bySeverity { severity { name } count timeToResolve { mean median p90 } }
		byProduct { product { name } count timeToResolve { mean median p90 } }
		weekly { weekStart count medianTimeToResolve }`
	recent := map[string]any{
		"from":           time.Now().Add(-90 * 24 * time.Hour).Format(time.RFC3339),
		"severityLevels": []int{1, 2},
	}
	for _, c := range []struct {
		name      string
		selection string
		filter    map[string]any
	}{
		{"headline/all", headline, nil},
		{"headline/90days", headline, recent},
		{"breakdowns/all", full, nil},
		{"breakdowns/90days", full, recent},
	} {
		b.Run(c.name, func(b *testing.B) {
			query := `query($f: IncidentMetricsFilter) { incidentMetrics(filter: $f) { ` + c.selection + ` } }`
			var lat latencies
			for b.Loop() {
				lat.time(func() { env.Query(b, env.ViewerKey, query, map[string]any{"f": c.filter}, nil) })
			}
			lat.report(b)
		})
	}
}

// peerListPage is ../shared/bench/peer.sh's list page.
const peerListPage = `query IncidentListPage { incidents(first: 50) { totalCount pageInfo { hasNextPage endCursor }
	nodes { id number title status declaredAt severity { name level } products { name } commander { name }
	latestUpdate { body createdAt author { name } } } } }`

// BenchmarkServeListPage serves peer.sh's list page straight from the
// handler, without a network or a client decoding the answer: the
// allocations and time are the server's alone.
func BenchmarkServeListPage(b *testing.B) {
	env := benchEnv(b)
	handler := env.Server.Config.Handler
	body, err := json.Marshal(map[string]any{"query": peerListPage})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	user0, sys0 := loadtest.ProcessCPU()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+env.AdminKey)
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK || bytes.Contains(rec.Body.Bytes(), []byte(`"errors"`)) {
			b.Fatalf("HTTP %d %s", rec.Code, rec.Body)
		}
	}
	// The handler runs in this process: its CPU is the server's (PostgreSQL
	// runs elsewhere).
	user1, sys1 := loadtest.ProcessCPU()
	b.ReportMetric(float64((user1+sys1-user0-sys0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// BenchmarkAuthenticatedRequest: one small query with an API key and with
// a sign-in token (both cached after their first request).
func BenchmarkAuthenticatedRequest(b *testing.B) {
	provider := standin.StartOIDCProvider(b, signInSettings(""))
	env := testenv.NewWithOptions(b, testenv.Options{SignIn: &signin.Config{
		Issuer: provider.Issuer, Audiences: []string{"firebreak-web"}, DefaultRole: models.RoleViewer,
	}})
	token, _ := provider.SignIn(b, "firebreak-web", "carol")
	for _, bearer := range []struct{ name, secret string }{{"api-key", env.ViewerKey}, {"sign-in-token", token}} {
		b.Run(bearer.name, func(b *testing.B) {
			var lat latencies
			statements, n := 0, 0
			b.ReportAllocs()
			for b.Loop() {
				n++
				statements += env.CountQueries(func() {
					lat.time(func() { env.Query(b, bearer.secret, `{ me { name role } }`, nil, nil) })
				})
			}
			lat.report(b)
			b.ReportMetric(float64(statements)/float64(n), "statements/op")
		})
	}
}
