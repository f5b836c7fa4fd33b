package incident_test

import (
	"fmt"
	"slices"
	"testing"

	"firebreak/internal/catalog"
	"firebreak/internal/incident"
	"firebreak/internal/testenv"
	"firebreak/models"
)

// What the public sees is one rule in two forms: incident.IsPublic in Go
// (status webhooks, subscriber mail, the fact sheet's and the bot's status
// page links) and incident.PublicSQL in queries (the status page,
// subscriber mail recorded in the relay). On fixtures of every combination
// of published, visibility, status and public title, the two forms pick
// the same incidents; the same for catalog's public products. If either
// form is changed alone, this fails — the rule whose failure tells
// customers about a private incident.
func TestThePublicViewRuleHasOneMeaning(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	ctx := t.Context()

	type fixture struct {
		published, public, titled bool
		status                    models.IncidentStatus
	}
	var fixtures []fixture
	for _, published := range []bool{false, true} {
		for _, public := range []bool{false, true} {
			for _, titled := range []bool{false, true} {
				for _, status := range []models.IncidentStatus{models.StatusInvestigating, models.StatusMonitoring, models.StatusResolved, models.StatusClosed, models.StatusCanceled} {
					fixtures = append(fixtures, fixture{published, public, titled, status})
				}
			}
		}
	}
	for i, f := range fixtures {
		var out struct {
			DeclareIncident struct{ Incident struct{ Number int } }
		}
		env.Query(t, env.AdminKey, `mutation($t: String!) { declareIncident(input: {title: $t, severityLevel: 2}) { incident { number } } }`,
			map[string]any{"t": fmt.Sprintf("Fixture %d", i)}, &out)
		visibility := models.VisibilityPrivate
		if f.public {
			visibility = models.VisibilityPublic
		}
		_, err := env.DB.NewRaw(`UPDATE incidents SET visibility = ?, status = ?,
			published_at = CASE WHEN ? THEN now() END, public_title = CASE WHEN ? THEN 'Public name' END WHERE number = ?`,
			visibility, f.status, f.published, f.titled, out.DeclareIncident.Incident.Number).Exec(ctx)
		if err != nil {
			t.Fatal(err)
		}
	}

	var incs []*models.Incident
	if err := env.DB.NewSelect().Model(&incs).Order("i.id").Scan(ctx); err != nil {
		t.Fatal(err)
	}
	var bySQL []int64
	if err := env.DB.NewRaw("SELECT i.id FROM incidents AS i WHERE "+incident.PublicSQL("i")+" ORDER BY i.id").Scan(ctx, &bySQL); err != nil {
		t.Fatal(err)
	}
	var byGo []int64
	for _, inc := range incs {
		if incident.IsPublic(inc) {
			byGo = append(byGo, inc.ID)
		}
	}
	if len(incs) != len(fixtures) || !slices.Equal(byGo, bySQL) {
		t.Fatalf("of %d incidents, Go's rule shows %v and SQL's %v", len(incs), byGo, bySQL)
	}
	// And the rule is the one the product promises: published and PUBLIC,
	// whatever the status.
	for _, inc := range incs {
		want := inc.PublishedAt != nil && inc.Visibility == models.VisibilityPublic
		if incident.IsPublic(inc) != want {
			t.Errorf("%s (%s, %s, published %v): public %v", inc.Title, inc.Visibility, inc.Status, inc.PublishedAt != nil, !want)
		}
		if name := inc.PublicName(); (inc.PublicTitle != nil && name != "Public name") || (inc.PublicTitle == nil && name != inc.Title) {
			t.Errorf("%s: public name %q", inc.Title, name)
		}
	}
	if len(byGo) != 10 {
		t.Fatalf("%d public incidents, want 10 (published, PUBLIC, with or without a public title, in 5 statuses)", len(byGo))
	}

	// Public products: marked public and not archived.
	for i, p := range []struct{ public, archived bool }{{false, false}, {true, false}, {false, true}, {true, true}} {
		_, err := env.DB.NewRaw(`INSERT INTO products (name, slug, public, archived_at) VALUES (?, ?, ?, CASE WHEN ? THEN now() END)`,
			fmt.Sprintf("Product %d", i), fmt.Sprintf("product-%d", i), p.public, p.archived).Exec(ctx)
		if err != nil {
			t.Fatal(err)
		}
	}
	var products []*models.Product
	if err := env.DB.NewSelect().Model(&products).Order("id").Scan(ctx); err != nil {
		t.Fatal(err)
	}
	var productsBySQL, productsByGo []int64
	if err := env.DB.NewRaw("SELECT p.id FROM products AS p WHERE "+catalog.PublicProductSQL("p")+" ORDER BY p.id").Scan(ctx, &productsBySQL); err != nil {
		t.Fatal(err)
	}
	for _, p := range products {
		if catalog.IsPublicProduct(p) {
			productsByGo = append(productsByGo, p.ID)
		}
	}
	if len(productsByGo) != 1 || !slices.Equal(productsByGo, productsBySQL) {
		t.Fatalf("public products: Go's rule %v, SQL's %v (want the one public, unarchived product)", productsByGo, productsBySQL)
	}
}
