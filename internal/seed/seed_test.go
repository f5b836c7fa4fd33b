package seed_test

import (
	"context"
	"testing"

	"firebreak/internal/seed"
	"firebreak/internal/testenv"
)

// Seeded incidents are like real ones: they read back through the API with
// every status, gap-free timelines and consistent lifecycle timestamps.
func TestSeededIncidentsAreConsistent(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	ctx := context.Background()
	res, err := seed.Run(ctx, env.DB, seed.Options{Incidents: 300}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Incidents != 300 || res.Updates < 300 || res.Events < 3*300 {
		t.Fatalf("seeded %+v", res)
	}
	// A second run adds more, without clashing handles or numbers.
	if _, err := seed.Run(ctx, env.DB, seed.Options{Incidents: 50}, nil); err != nil {
		t.Fatal(err)
	}

	var problems []struct {
		Problem string `bun:"problem"`
		N       int    `bun:"n"`
	}
	err = env.DB.NewRaw(`
		SELECT 'sequence gaps' problem, count(*) n FROM incidents i
		  WHERE i.last_event_sequence <> (SELECT count(*) FROM timeline_events e WHERE e.incident_id = i.id)
		     OR i.last_event_sequence <> (SELECT max(sequence) FROM timeline_events e WHERE e.incident_id = i.id)
		UNION ALL SELECT 'resolved before mitigated', count(*) FROM incidents WHERE resolved_at < mitigated_at
		UNION ALL SELECT 'open but resolved', count(*) FROM incidents WHERE status IN ('INVESTIGATING','IDENTIFIED','MONITORING') AND resolved_at IS NOT NULL
		UNION ALL SELECT 'closed without closedAt', count(*) FROM incidents WHERE status = 'CLOSED' AND closed_at IS NULL
		UNION ALL SELECT 'no commander', count(*) FROM incidents i WHERE NOT EXISTS (SELECT 1 FROM incident_role_assignments r WHERE r.incident_id = i.id AND r.role = 'COMMANDER')
		UNION ALL SELECT 'no products', count(*) FROM incidents i WHERE NOT EXISTS (SELECT 1 FROM incident_products p WHERE p.incident_id = i.id)
		UNION ALL SELECT 'not searchable', count(*) FROM incidents WHERE search_vector = ''::tsvector`).Scan(ctx, &problems)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		if p.N != 0 {
			t.Errorf("%d incidents with %s", p.N, p.Problem)
		}
	}

	var out struct {
		Incidents struct {
			TotalCount int
			Nodes      []struct {
				Status   string
				Severity struct{ Name string }
				Timeline struct{ TotalCount int }
			}
		}
	}
	env.Query(t, env.AdminKey, `{ incidents(first: 100) { totalCount nodes { status severity { name } timeline(first: 1) { totalCount } } } }`, nil, &out)
	if out.Incidents.TotalCount != 350 {
		t.Errorf("admin sees %d incidents, want 350", out.Incidents.TotalCount)
	}
	var search struct{ Incidents struct{ TotalCount int } }
	env.Query(t, env.AdminKey, `{ incidents(filter: {query: "checkout"}) { totalCount } }`, nil, &search)
	if search.Incidents.TotalCount == 0 {
		t.Error("seeded incidents are not found by search")
	}
}
