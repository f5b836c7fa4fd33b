package smoke_test

import (
	"fmt"
	"testing"

	"firebreak/internal/testenv"
)

// A page of incidents with everything an incident list shows costs the same
// number of SQL statements whether it holds 1 incident or 50.
func TestIncidentPageCostsAConstantNumberOfQueries(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	products := []string{env.CreateProduct(t, "Web"), env.CreateProduct(t, "API"), env.CreateProduct(t, "Mobile")}
	scribe := userID(t, env, env.NewKey(t, "Scribe", "RESPONDER"))
	for i := 0; i < 50; i++ {
		inc := env.Declare(t, map[string]any{"title": fmt.Sprintf("Incident %d", i), "severityLevel": 1 + i%3,
			"productIds": products[:1+i%3]})
		env.Query(t, env.ResponderKey, `mutation($id: ID!) { postIncidentUpdate(input: {incidentId: $id, body: "Looking"}) { update { id } } }`,
			map[string]any{"id": inc.ID}, nil)
		env.Query(t, env.ResponderKey, `mutation($id: ID!, $u: ID!) { assignIncidentRole(input: {incidentId: $id, role: SCRIBE, userId: $u}) { incident { id } } }`,
			map[string]any{"id": inc.ID, "u": scribe}, nil)
	}
	const page = `query($first: Int) { incidents(first: $first) { totalCount pageInfo { hasNextPage endCursor } nodes {
		id number handle responseChannel title status
		severity { name description }
		products { name }
		commander { name }
		createdBy { name }
		latestUpdate { body author { name } }
		roles { role user { name } }
	} } }`
	env.Query(t, env.ViewerKey, `{ me { id } }`, nil, nil) // key bookkeeping happens on first use

	counts := map[int]int{}
	for _, n := range []int{1, 50} {
		var out struct {
			Incidents struct {
				Nodes []struct{ Commander struct{ Name string } }
			}
		}
		counts[n] = env.CountQueries(func() {
			env.Query(t, env.ViewerKey, page, map[string]any{"first": n}, &out)
		})
		if len(out.Incidents.Nodes) != n || out.Incidents.Nodes[0].Commander.Name != "Test responder" {
			t.Fatalf("page of %d returned %d incidents", n, len(out.Incidents.Nodes))
		}
	}
	t.Logf("SQL statements: page of 1 = %d, page of 50 = %d", counts[1], counts[50])
	if counts[1] != counts[50] {
		t.Errorf("a page of 50 ran %d statements, a page of 1 ran %d: N+1", counts[50], counts[1])
	}
}
