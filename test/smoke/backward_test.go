package smoke_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"firebreak/internal/testenv"
)

type pageJSON struct {
	PageInfo struct {
		HasNextPage, HasPreviousPage bool
		StartCursor, EndCursor       *string
	}
	Nodes []struct{ ID string }
}

// walk pages through a connection forwards (first/after) or backwards
// (last/before) and returns the ids in the list's order.
func walk(t *testing.T, env *testenv.Env, key string, backward bool, size int, fetch func(vars map[string]any) pageJSON) []string {
	t.Helper()
	var ids []string
	var cursor any
	for pages := 0; ; pages++ {
		if pages > 50 {
			t.Fatal("paging does not end")
		}
		vars := map[string]any{"first": size, "after": cursor}
		if backward {
			vars = map[string]any{"last": size, "before": cursor}
		}
		p := fetch(vars)
		got := make([]string, len(p.Nodes))
		for i, n := range p.Nodes {
			got[i] = n.ID
		}
		if backward {
			ids = append(got, ids...)
			if p.PageInfo.HasNextPage != (cursor != nil) {
				t.Errorf("backward page: hasNextPage %v with before %v", p.PageInfo.HasNextPage, cursor)
			}
			if !p.PageInfo.HasPreviousPage {
				return ids
			}
			cursor = *p.PageInfo.StartCursor
		} else {
			ids = append(ids, got...)
			if p.PageInfo.HasPreviousPage != (cursor != nil) {
				t.Errorf("forward page: hasPreviousPage %v with after %v", p.PageInfo.HasPreviousPage, cursor)
			}
			if !p.PageInfo.HasNextPage {
				return ids
			}
			cursor = *p.PageInfo.EndCursor
		}
	}
}

func checkSameOnce(t *testing.T, what string, forward, backward []string, want int) {
	t.Helper()
	if len(forward) != want || !slices.Equal(forward, backward) {
		t.Errorf("%s: forward %d %v\nbackward %d %v", what, len(forward), forward, len(backward), backward)
	}
	seen := map[string]bool{}
	for _, id := range backward {
		if seen[id] {
			t.Errorf("%s: %s twice", what, id)
		}
		seen[id] = true
	}
}

func TestBackwardPagingVisitsEverythingOnce(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	start := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	env.Clock.Freeze(start)
	var first testenv.Incident
	for i := 0; i < 23; i++ {
		// Some share a declaration time: the id breaks the tie.
		env.Clock.Freeze(start.Add(time.Duration(i/2) * time.Minute))
		inc := env.Declare(t, map[string]any{"title": fmt.Sprint("Incident ", i), "severityLevel": 1 + i%3})
		if i == 0 {
			first = inc
		}
	}
	incidents := func(vars map[string]any) pageJSON {
		var out struct{ Incidents pageJSON }
		env.Query(t, env.ViewerKey, `query($first: Int, $after: String, $last: Int, $before: String) {
			incidents(first: $first, after: $after, last: $last, before: $before) {
				pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { id } } }`, vars, &out)
		return out.Incidents
	}
	for _, size := range []int{1, 4, 23, 100} {
		checkSameOnce(t, fmt.Sprint("incidents by ", size), walk(t, env, env.ViewerKey, false, size, incidents),
			walk(t, env, env.ViewerKey, true, size, incidents), 23)
	}

	// The timeline runs oldest first: backwards is the same list too.
	for i := 0; i < 9; i++ {
		env.Query(t, env.ResponderKey, `mutation($in: AddTimelineNoteInput!) { addTimelineNote(input: $in) { event { id } } }`,
			map[string]any{"in": map[string]any{"incidentId": first.ID, "message": fmt.Sprint("note ", i)}}, nil)
	}
	timeline := func(vars map[string]any) pageJSON {
		vars["id"] = first.ID
		var out struct{ Incident struct{ Timeline pageJSON } }
		env.Query(t, env.ViewerKey, `query($id: ID, $first: Int, $after: String, $last: Int, $before: String) {
			incident(id: $id) { timeline(first: $first, after: $after, last: $last, before: $before) {
				pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { id } } } }`, vars, &out)
		return out.Incident.Timeline
	}
	checkSameOnce(t, "timeline", walk(t, env, env.ViewerKey, false, 4, timeline), walk(t, env, env.ViewerKey, true, 4, timeline), 11)

	// Lists ordered by id alone (follow-ups, notifications, deliveries …).
	for i := 0; i < 7; i++ {
		createActionItem(t, env, map[string]any{"incidentId": first.ID, "title": fmt.Sprint("Follow-up ", i)})
	}
	items := func(vars map[string]any) pageJSON {
		var out struct{ ActionItems pageJSON }
		env.Query(t, env.ViewerKey, `query($first: Int, $after: String, $last: Int, $before: String) {
			actionItems(first: $first, after: $after, last: $last, before: $before) {
				pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { id } } }`, vars, &out)
		return out.ActionItems
	}
	checkSameOnce(t, "follow-ups", walk(t, env, env.ViewerKey, false, 3, items), walk(t, env, env.ViewerKey, true, 3, items), 7)

	// first and last together, or out of bounds, are refused.
	for _, vars := range []map[string]any{{"first": 2, "last": 2}, {"last": 101}, {"last": -1}} {
		env.MustFail(t, env.ViewerKey, `query($first: Int, $last: Int) { incidents(first: $first, last: $last) { nodes { id } } }`, vars, "BAD_USER_INPUT")
	}
}
