package smoke_test

import (
	"regexp"
	"testing"

	"firebreak/internal/testenv"
)

var handlePattern = regexp.MustCompile(`^[a-z]+-[a-z]+(-[0-9]+)?$`)

type listJSON struct {
	Incidents struct {
		TotalCount int
		PageInfo   struct {
			HasNextPage bool
			EndCursor   *string
		}
		Edges []struct {
			Cursor string
			Node   struct{ ID, Title, Status string }
		}
		Nodes []struct{ ID string }
	}
}

const listQuery = `query($first: Int, $after: String, $filter: IncidentFilter) {
	incidents(first: $first, after: $after, filter: $filter) {
		totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title status } } nodes { id }
	}
}`

func TestIncidentListPagesThroughEverythingOnce(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	var declared []string
	for i := 0; i < 7; i++ {
		declared = append(declared, env.Declare(t, map[string]any{"title": "Incident " + string(rune('A'+i)), "severityLevel": 1 + i%3}).ID)
	}

	var seen []string
	var after any
	pages := 0
	for {
		var out listJSON
		env.Query(t, env.ViewerKey, listQuery, map[string]any{"first": 3, "after": after}, &out)
		pages++
		c := out.Incidents
		if c.TotalCount != 7 {
			t.Errorf("totalCount = %d, want 7", c.TotalCount)
		}
		if len(c.Nodes) != len(c.Edges) {
			t.Errorf("nodes and edges differ: %d vs %d", len(c.Nodes), len(c.Edges))
		}
		for _, e := range c.Edges {
			seen = append(seen, e.Node.ID)
		}
		if !c.PageInfo.HasNextPage {
			break
		}
		if c.PageInfo.EndCursor == nil || *c.PageInfo.EndCursor != c.Edges[len(c.Edges)-1].Cursor {
			t.Fatalf("endCursor %v does not match the last edge", c.PageInfo.EndCursor)
		}
		after = *c.PageInfo.EndCursor
		if pages > 5 {
			t.Fatal("pagination does not end")
		}
	}
	if pages != 3 || len(seen) != 7 {
		t.Fatalf("got %d pages with %d incidents, want 3 pages with 7", pages, len(seen))
	}
	// Most recently declared first, each exactly once.
	for i, id := range seen {
		if want := declared[len(declared)-1-i]; id != want {
			t.Errorf("position %d: got %s, want %s", i, id, want)
		}
	}
}

func TestIncidentListFilters(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	sev1 := env.Declare(t, map[string]any{"title": "Outage", "severityLevel": 1})
	sev3 := env.Declare(t, map[string]any{"title": "Glitch", "severityLevel": 3})
	resolved := env.Declare(t, map[string]any{"title": "Old", "severityLevel": 3})
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { changeIncidentStatus(input: {incidentId: $id, status: RESOLVED}) { incident { id } } }`,
		map[string]any{"id": resolved.ID}, nil)

	ids := func(filter map[string]any) []string {
		var out listJSON
		env.Query(t, env.ViewerKey, listQuery, map[string]any{"filter": filter}, &out)
		var ids []string
		for _, n := range out.Incidents.Nodes {
			ids = append(ids, n.ID)
		}
		if out.Incidents.TotalCount != len(ids) {
			t.Errorf("filter %v: totalCount %d but %d nodes", filter, out.Incidents.TotalCount, len(ids))
		}
		return ids
	}
	if got := ids(map[string]any{"severityLevels": []int{1}}); len(got) != 1 || got[0] != sev1.ID {
		t.Errorf("SEV-1 filter = %v", got)
	}
	if got := ids(map[string]any{"statuses": []string{"RESOLVED"}}); len(got) != 1 || got[0] != resolved.ID {
		t.Errorf("RESOLVED filter = %v", got)
	}
	if got := ids(map[string]any{"statuses": []string{"INVESTIGATING"}, "severityLevels": []int{3}}); len(got) != 1 || got[0] != sev3.ID {
		t.Errorf("open SEV-3 filter = %v", got)
	}
	if got := ids(map[string]any{"statuses": []string{"CLOSED"}}); len(got) != 0 {
		t.Errorf("CLOSED filter = %v", got)
	}
}
