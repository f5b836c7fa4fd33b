package incident_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"firebreak/internal/app"
	"firebreak/internal/auth"
	"firebreak/internal/catalog"
	"firebreak/internal/incident"
	"firebreak/internal/testenv"
	"firebreak/models"
)

// The list's totalCount reads counters the database keeps (incident_counts)
// instead of counting rows. Whatever happened to the incidents — declared
// with and without products, moved, re-rated, re-scoped, concurrently — the
// counters must give the exact count for every viewer and filter. A filter
// with a declaredAfter long past matches the same incidents but is counted
// row by row: that is the reference.
func TestCountersGiveExactCounts(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	ctx := context.Background()
	services := app.NewServices(env.DB, app.Options{})
	incidents := services.Incidents
	keys := auth.NewService(env.DB)
	user := func(key string) *models.User {
		u, err := keys.Authenticate(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	admin, declarer, viewer := user(env.AdminKey), user(env.ResponderKey), user(env.ViewerKey)
	outsider := user(env.NewKey(t, "Outsider", models.RoleResponder))

	var products []int64
	for _, name := range []string{"Payments", "Search"} {
		p, err := services.Catalog.CreateProduct(ctx, admin, catalog.CreateProductInput{Name: name})
		if err != nil {
			t.Fatal(err)
		}
		products = append(products, p.ID)
	}
	productSets := [][]int64{nil, {products[0]}, {products[1]}, products}

	var ids []int64
	for i := range 16 {
		visibility := models.VisibilityPublic
		if i%3 == 0 {
			visibility = models.VisibilityPrivate
		}
		actor := declarer
		if i%5 == 0 {
			actor = outsider
		}
		inc, err := incidents.Declare(ctx, actor, incident.DeclareInput{Title: fmt.Sprintf("Incident %d", i),
			SeverityLevel: 1 + i%3, Visibility: visibility, ProductIDs: productSets[i%4]})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, inc.ID)
	}

	// Changes, eight at a time, to incidents that share counter rows: the
	// counters are updated in key order, so none of them deadlocks.
	var wg sync.WaitGroup
	errs := make(chan error, len(ids))
	for i, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var err error
			switch i % 4 {
			case 0:
				_, err = incidents.ChangeSeverity(ctx, admin, id, 1+(i+1)%3, nil)
			case 1:
				_, err = incidents.ChangeStatus(ctx, admin, id, models.StatusIdentified, nil)
			case 2:
				moved := productSets[(i+1)%4]
				_, err = incidents.UpdateDetails(ctx, admin, incident.UpdateDetailsInput{IncidentID: id, ProductIDs: &moved})
			case 3:
				_, err = incidents.Cancel(ctx, admin, incident.LifecycleInput{IncidentID: id})
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, err := incidents.Resolve(ctx, admin, incident.LifecycleInput{IncidentID: ids[1]}); err != nil {
		t.Fatal(err)
	}

	private, public := models.VisibilityPrivate, models.VisibilityPublic
	filters := map[string]incident.ListFilter{
		"everything":             {},
		"open":                   {Statuses: []models.IncidentStatus{models.StatusInvestigating, models.StatusIdentified}},
		"SEV-1 and SEV-2":        {SeverityLevels: []int{1, 2}},
		"Payments":               {ProductIDs: products[:1]},
		"Search, identified":     {ProductIDs: products[1:], Statuses: []models.IncidentStatus{models.StatusIdentified}},
		"either product":         {ProductIDs: products},
		"public":                 {Visibility: &public},
		"private":                {Visibility: &private},
		"private SEV-3 canceled": {Visibility: &private, SeverityLevels: []int{3}, Statuses: []models.IncidentStatus{models.StatusCanceled}},
	}
	longAgo := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for viewerName, v := range map[string]*models.User{"admin": admin, "declarer": declarer, "outsider": outsider, "viewer": viewer} {
		for name, f := range filters {
			got, err := incidents.Count(ctx, v, f)
			if err != nil {
				t.Fatal(err)
			}
			rowByRow := f
			rowByRow.DeclaredAfter = &longAgo
			want, err := incidents.Count(ctx, v, rowByRow)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("%s, %s: %d from the counters, %d counted", viewerName, name, got, want)
			}
		}
	}

	// And the counters are what answered, not a count of the rows: a
	// counter set off by one shows in the total.
	before, err := incidents.Count(ctx, admin, incident.ListFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := env.DB.ExecContext(ctx, "UPDATE incident_counts SET n = n + 1 WHERE ctid = (SELECT ctid FROM incident_counts WHERE product_id = 0 LIMIT 1)"); err != nil {
		t.Fatal(err)
	}
	if after, err := incidents.Count(ctx, admin, incident.ListFilter{}); err != nil || after != before+1 {
		t.Errorf("totalCount %d, then %d after a counter moved: not read from the counters (%v)", before, after, err)
	}
}
