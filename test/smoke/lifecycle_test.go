package smoke_test

import (
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"firebreak/internal/testenv"
)

func lifecycle(t *testing.T, env *testenv.Env, mutation, id, body string) testenv.Incident {
	t.Helper()
	var out map[string]struct{ Incident testenv.Incident }
	input := map[string]any{"incidentId": id}
	if body != "" {
		input["body"] = body
	}
	env.Query(t, env.ResponderKey, fmt.Sprintf(`mutation($in: %sInput!) { %s(input: $in) { incident { %s } } }`,
		upperFirst(mutation), mutation, testenv.IncidentFields), map[string]any{"in": input}, &out)
	return out[mutation].Incident
}

func upperFirst(s string) string { return string(s[0]-'a'+'A') + s[1:] }

func TestLifecycleKeepsItsTimestamps(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	// SEV-3: its retrospective is optional, so it closes straight after
	// resolution (TestCloseWaitsForThePublishedRetrospective covers the rest).
	inc := env.Declare(t, map[string]any{"title": "Queue backlog", "severityLevel": 3})

	env.Query(t, env.ResponderKey, `mutation($id: ID!) { changeIncidentStatus(input: {incidentId: $id, status: MONITORING}) { incident { id } } }`,
		map[string]any{"id": inc.ID}, nil)
	resolved := lifecycle(t, env, "resolveIncident", inc.ID, "Backlog drained.")
	if resolved.Status != "RESOLVED" || resolved.ResolvedAt == nil || resolved.MitigatedAt == nil ||
		resolved.ResolvedAt.Before(*resolved.MitigatedAt) {
		t.Fatalf("resolved: %+v", resolved)
	}
	if resolved.LatestUpdate == nil || resolved.LatestUpdate.Body != "Backlog drained." || *resolved.LatestUpdate.Status != "RESOLVED" {
		t.Errorf("a body is posted as the resolving update: %+v", resolved.LatestUpdate)
	}
	mitigated := *resolved.MitigatedAt

	reopened := lifecycle(t, env, "reopenIncident", inc.ID, "")
	if reopened.Status != "INVESTIGATING" || reopened.ResolvedAt != nil || reopened.MitigatedAt == nil || !reopened.MitigatedAt.Equal(mitigated) {
		t.Errorf("reopen clears resolvedAt and keeps the first mitigation: %+v", reopened)
	}
	env.MustFail(t, env.ResponderKey, `mutation($id: ID!) { reopenIncident(input: {incidentId: $id}) { incident { id } } }`,
		map[string]any{"id": inc.ID}, "INVALID_TRANSITION")

	lifecycle(t, env, "resolveIncident", inc.ID, "")
	closed := lifecycle(t, env, "closeIncident", inc.ID, "")
	if closed.Status != "CLOSED" || closed.ClosedAt == nil {
		t.Errorf("closed: %+v", closed)
	}
	env.MustFail(t, env.ResponderKey, `mutation($id: ID!) { postIncidentUpdate(input: {incidentId: $id, body: "late"}) { update { id } } }`,
		map[string]any{"id": inc.ID}, "INVALID_TRANSITION")

	falseAlarm := env.Declare(t, map[string]any{"title": "Alert storm", "severityLevel": 3})
	canceled := lifecycle(t, env, "cancelIncident", falseAlarm.ID, "A monitoring misfire.")
	if canceled.Status != "CANCELED" || canceled.ClosedAt == nil || canceled.ResolvedAt != nil {
		t.Errorf("canceled: %+v", canceled)
	}
	env.MustFail(t, env.ResponderKey, `mutation($id: ID!) { resolveIncident(input: {incidentId: $id}) { incident { id } } }`,
		map[string]any{"id": falseAlarm.ID}, "INVALID_TRANSITION")
}

func TestUpdateIncidentDetails(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	web, api := env.CreateProduct(t, "Web"), env.CreateProduct(t, "API")
	inc := env.Declare(t, map[string]any{"title": "Slow pages", "severityLevel": 3, "productIds": []string{web}})
	detected := inc.DeclaredAt.Add(-time.Hour).Truncate(time.Second)

	const update = `mutation($in: UpdateIncidentInput!) { updateIncident(input: $in) { incident { ` + testenv.IncidentFields + ` } } }`
	var out struct {
		UpdateIncident struct{ Incident testenv.Incident }
	}
	env.Query(t, env.ResponderKey, update, map[string]any{"in": map[string]any{
		"incidentId": inc.ID, "expectedVersion": 1, "title": "Slow pages in checkout", "summary": "p99 at 8s",
		"productIds": []string{api}, "detectedAt": detected.Format(time.RFC3339),
	}}, &out)
	got := out.UpdateIncident.Incident
	if got.Title != "Slow pages in checkout" || got.Summary != "p99 at 8s" || !got.DetectedAt.Equal(detected) || got.Version != 2 {
		t.Errorf("after edit: %+v", got)
	}
	if len(got.Products) != 1 || got.Products[0].ID != api {
		t.Errorf("products = %+v", got.Products)
	}
	kinds := map[string]bool{}
	for _, e := range got.Timeline.Nodes {
		kinds[e.Kind] = true
	}
	if !kinds["DETAILS_CHANGED"] || !kinds["PRODUCTS_CHANGED"] {
		t.Errorf("edits are on the timeline: %v", kinds)
	}

	// A stale version changes nothing.
	env.MustFail(t, env.ResponderKey, update, map[string]any{"in": map[string]any{
		"incidentId": inc.ID, "expectedVersion": 1, "title": "Stale edit"}}, "CONFLICT")
	if again := env.GetIncident(t, env.ViewerKey, inc.ID); again.Title != "Slow pages in checkout" || again.Version != 2 {
		t.Errorf("stale edit changed the incident: %+v", again)
	}
	e := env.MustFail(t, env.ResponderKey, update, map[string]any{"in": map[string]any{"incidentId": inc.ID, "title": ""}}, "BAD_USER_INPUT")
	if e.Field() != "title" {
		t.Errorf("field = %q", e.Field())
	}
}

// Concurrent edits from the same version: exactly one wins, the rest are
// told CONFLICT.
func TestConcurrentUpdatesWithTheSameVersionHaveOneWinner(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	inc := env.Declare(t, map[string]any{"title": "Contended", "severityLevel": 3})
	const n = 20
	codes := make([]string, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			res := env.Post(t, env.ResponderKey, `mutation($in: UpdateIncidentInput!) { updateIncident(input: $in) { incident { version } } }`,
				map[string]any{"in": map[string]any{"incidentId": inc.ID, "expectedVersion": 1, "title": fmt.Sprintf("Edit %d", i)}})
			if len(res.Errors) > 0 {
				codes[i] = res.Errors[0].Code()
			} else {
				codes[i] = "OK"
			}
		}(i)
	}
	wg.Wait()
	count := map[string]int{}
	for _, c := range codes {
		count[c]++
	}
	if count["OK"] != 1 || count["CONFLICT"] != n-1 {
		t.Fatalf("outcomes = %v, want 1 OK and %d CONFLICT", count, n-1)
	}
	if got := env.GetIncident(t, env.ViewerKey, inc.ID); got.Version != 2 {
		t.Errorf("version = %d, want 2", got.Version)
	}
}

// 100 updates posted at once all land, with distinct, strictly increasing
// timeline sequence numbers and no deadlock.
func TestConcurrentUpdatesAllLand(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	inc := env.Declare(t, map[string]any{"title": "Busy incident", "severityLevel": 1})
	const n = 100
	errs := make(chan string, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			res := env.Post(t, env.ResponderKey, `mutation($in: PostIncidentUpdateInput!) { postIncidentUpdate(input: $in) { update { id } } }`,
				map[string]any{"in": map[string]any{"incidentId": inc.ID, "body": fmt.Sprintf("update %d", i)}})
			if len(res.Errors) > 0 || res.Status != 200 {
				errs <- res.Raw
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("update failed: %s", e)
	}

	var seqs []int
	var after any
	for {
		var out struct {
			Incident struct {
				Updates  struct{ TotalCount int }
				Version  int
				Timeline struct {
					Nodes    []struct{ Sequence int }
					PageInfo struct {
						HasNextPage bool
						EndCursor   string
					}
				}
			}
		}
		env.Query(t, env.ViewerKey, `query($id: ID, $after: String) { incident(id: $id) { version updates { totalCount }
			timeline(first: 100, after: $after) { nodes { sequence } pageInfo { hasNextPage endCursor } } } }`,
			map[string]any{"id": inc.ID, "after": after}, &out)
		if out.Incident.Updates.TotalCount != n || out.Incident.Version != n+1 {
			t.Errorf("updates = %d, version = %d, want %d and %d", out.Incident.Updates.TotalCount, out.Incident.Version, n, n+1)
		}
		for _, e := range out.Incident.Timeline.Nodes {
			seqs = append(seqs, e.Sequence)
		}
		if !out.Incident.Timeline.PageInfo.HasNextPage {
			break
		}
		after = out.Incident.Timeline.PageInfo.EndCursor
	}
	if len(seqs) != n+2 || !sort.IntsAreSorted(seqs) {
		t.Fatalf("got %d events, sorted=%v", len(seqs), sort.IntsAreSorted(seqs))
	}
	for i, s := range seqs {
		if s != i+1 {
			t.Fatalf("sequence %d at position %d: gaps or duplicates", s, i)
		}
	}
}
