package events_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"firebreak/internal/auth"
	"firebreak/internal/catalog"
	"firebreak/internal/database"
	"firebreak/internal/events"
	"firebreak/internal/incident"
	"firebreak/internal/testenv"
	"firebreak/models"
)

// The private-incident rule and the incident filter run twice: as SQL for
// queries, lists and counts, and in Go for live subscriptions. One set of
// fixtures — people × incidents × filters — must get the same answer from
// both, or a dashboard would show what a list hides (or the reverse).
func TestLiveFilterAgreesWithTheListQuery(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	ctx := context.Background()
	keys := auth.NewService(env.DB)
	incidents := incident.NewService(env.DB, nil)
	relay := &events.Relay{DB: env.DB, Incidents: incidents, Users: keys, Catalog: catalog.NewService(env.DB)}

	holderKey := env.NewKey(t, "Holder", models.RoleResponder)
	outsiderKey := env.NewKey(t, "Outsider", models.RoleResponder)
	people := map[string]string{"admin": env.AdminKey, "declarer": env.ResponderKey, "holder": holderKey,
		"outsider": outsiderKey, "viewer": env.ViewerKey}

	var productOut struct {
		CreateProduct struct{ Product struct{ ID string } }
	}
	env.Query(t, env.AdminKey, `mutation { createProduct(input: {name: "Payments"}) { product { id } } }`, nil, &productOut)
	payments := productOut.CreateProduct.Product.ID

	start := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	fixtures := []map[string]any{
		{"title": "Payments declined at checkout", "severityLevel": 1, "productIds": []string{payments}},
		{"title": "Card data exposed", "summary": "customer payments leaked", "severityLevel": 1, "visibility": "PRIVATE", "productIds": []string{payments}},
		{"title": "Slow search", "summary": "indexing lag", "severityLevel": 3},
		{"title": "Checkout errors", "summary": "declines spike", "severityLevel": 2},
		{"title": "Credentials rotated", "severityLevel": 2, "visibility": "PRIVATE"},
		{"title": "Login outage", "summary": "SSO provider down", "severityLevel": 1},
	}
	ids := make([]string, len(fixtures))
	for i, in := range fixtures {
		env.Clock.Freeze(start.Add(time.Duration(i) * time.Hour))
		var out struct {
			DeclareIncident struct{ Incident struct{ ID string } }
		}
		env.Query(t, env.ResponderKey, `mutation($in: DeclareIncidentInput!) { declareIncident(input: $in) { incident { id } } }`,
			map[string]any{"in": in}, &out)
		ids[i] = out.DeclareIncident.Incident.ID
	}
	// The holder holds a role on one private incident; one incident moves on.
	var holder struct{ Me struct{ ID string } }
	env.Query(t, holderKey, `{ me { id } }`, nil, &holder)
	env.Query(t, env.ResponderKey, `mutation($in: AssignIncidentRoleInput!) { assignIncidentRole(input: $in) { incident { id } } }`,
		map[string]any{"in": map[string]any{"incidentId": ids[4], "role": "SCRIBE", "userId": holder.Me.ID}}, nil)
	env.Query(t, env.ResponderKey, `mutation($in: ChangeIncidentStatusInput!) { changeIncidentStatus(input: $in) { incident { id } } }`,
		map[string]any{"in": map[string]any{"incidentId": ids[2], "status": "MONITORING"}}, nil)

	// Every incident as the relay would publish it after its latest event.
	var latest []int64
	if err := env.DB.NewRaw(`SELECT max(id) FROM timeline_events GROUP BY incident_id ORDER BY incident_id`).Scan(ctx, &latest); err != nil {
		t.Fatal(err)
	}
	msgs, err := relay.Messages(ctx, latest)
	if err != nil || len(msgs) != len(fixtures) {
		t.Fatalf("%d messages, %v", len(msgs), err)
	}

	private, sev1 := models.VisibilityPrivate, 1
	after, before := start.Add(90*time.Minute), start.Add(4*time.Hour)
	var productID int64
	if err := env.DB.NewRaw(`SELECT id FROM products WHERE name = 'Payments'`).Scan(ctx, &productID); err != nil {
		t.Fatal(err)
	}
	filters := map[string]incident.ListFilter{
		"everything":        {},
		"investigating":     {Statuses: []models.IncidentStatus{models.StatusInvestigating}},
		"SEV-1":             {SeverityLevels: []int{sev1}},
		"payments product":  {ProductIDs: []int64{productID}},
		"private only":      {Visibility: &private},
		"declared window":   {DeclaredAfter: &after, DeclaredBefore: &before},
		"stemmed word":      {Query: "decline"},
		"phrase":            {Query: `"payments declined"`},
		"exclusion":         {Query: "checkout -payments"},
		"or":                {Query: "login or search"},
		"summary word":      {Query: "payment"},
		"filters with text": {Query: "payments", SeverityLevels: []int{sev1}, Visibility: &private},
	}
	// The hub answers every text query of its streams once per message.
	var queries []string
	for _, f := range filters {
		if f.Query != "" {
			queries = append(queries, f.Query)
		}
	}
	for _, m := range msgs {
		if err := m.AnswerSearches(ctx, queries, incidents.MatchingQueries); err != nil {
			t.Fatal(err)
		}
	}
	for who, key := range people {
		user, err := keys.Authenticate(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		for name, f := range filters {
			page, err := incidents.List(ctx, user, f, database.Window{Default: 100})
			if err != nil {
				t.Fatal(err)
			}
			var sqlIDs, goIDs []int64
			for _, inc := range page.Items {
				sqlIDs = append(sqlIDs, inc.ID)
			}
			for _, m := range msgs {
				if events.Matches(f, m) && m.VisibleTo(user) {
					goIDs = append(goIDs, m.Incident.ID)
				}
			}
			slices.Sort(sqlIDs)
			slices.Sort(goIDs)
			if !slices.Equal(sqlIDs, goIDs) {
				t.Errorf("%s, %s: the list has %v, the live filter %v", who, name, sqlIDs, goIDs)
			}
			t.Logf("%-9s %-18s %v", who, name, sqlIDs)
		}
	}
}
