package smoke_test

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"firebreak/internal/testenv"
)

func TestSearchAndFilters(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	web, api := env.CreateProduct(t, "Web"), env.CreateProduct(t, "API")
	dns := env.Declare(t, map[string]any{"title": "DNS resolution failing", "summary": "Resolvers time out", "severityLevel": 1, "productIds": []string{api}})
	login := env.Declare(t, map[string]any{"title": "Login page blank", "severityLevel": 2, "productIds": []string{web}})
	cert := env.Declare(t, map[string]any{"title": "Expired certificate", "severityLevel": 3, "productIds": []string{web, api}})
	// Update bodies are searchable too.
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { postIncidentUpdate(input: {incidentId: $id, body: "The CDN edge was serving a stale bundle"}) { update { id } } }`,
		map[string]any{"id": login.ID}, nil)

	find := func(filter map[string]any) []string {
		t.Helper()
		var out listJSON
		env.Query(t, env.ViewerKey, listQuery, map[string]any{"filter": filter}, &out)
		var titles []string
		for _, e := range out.Incidents.Edges {
			titles = append(titles, e.Node.Title)
		}
		if out.Incidents.TotalCount != len(titles) {
			t.Errorf("filter %v: totalCount %d for %d results", filter, out.Incidents.TotalCount, len(titles))
		}
		sort.Strings(titles)
		return titles
	}
	check := func(filter map[string]any, want ...string) {
		t.Helper()
		sort.Strings(want)
		if got := find(filter); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("filter %v: got %q, want %q", filter, got, want)
		}
	}
	check(map[string]any{"query": "dns"}, dns.Title)
	check(map[string]any{"query": "resolvers"}, dns.Title) // summary, stemmed
	check(map[string]any{"query": "stale bundle"}, login.Title)
	check(map[string]any{"query": "certificates"}, cert.Title) // stemming
	check(map[string]any{"query": "nothing matches this"})
	check(map[string]any{"productIds": []string{web}}, login.Title, cert.Title)
	check(map[string]any{"productIds": []string{api}, "severityLevels": []int{3}}, cert.Title)
	check(map[string]any{"visibility": "PUBLIC"}, dns.Title, login.Title, cert.Title)
	check(map[string]any{"declaredAfter": time.Now().Add(-time.Hour).Format(time.RFC3339)}, dns.Title, login.Title, cert.Title)
	check(map[string]any{"declaredBefore": time.Now().Add(-time.Hour).Format(time.RFC3339)})
	check(map[string]any{"declaredAfter": cert.DeclaredAt.Format(time.RFC3339Nano)}, cert.Title)

	// Editing the title re-indexes it.
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { updateIncident(input: {incidentId: $id, title: "TLS handshake errors"}) { incident { id } } }`,
		map[string]any{"id": cert.ID}, nil)
	check(map[string]any{"query": "handshake"}, "TLS handshake errors")
	check(map[string]any{"query": "certificate"})

	e := env.MustFail(t, env.ViewerKey, listQuery, map[string]any{"filter": map[string]any{"productIds": []string{"bogus"}}}, "BAD_USER_INPUT")
	if e.Field() != "productIds" {
		t.Errorf("field = %q", e.Field())
	}
}

func TestProductsCatalog(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	id := env.CreateProduct(t, "Amplify Science")
	inc := env.Declare(t, map[string]any{"title": "Audio missing", "severityLevel": 3, "productIds": []string{id}})

	var upd struct {
		UpdateProduct struct {
			Product struct{ Name, Slug, Description string }
		}
	}
	env.Query(t, env.AdminKey, `mutation($id: ID!) { updateProduct(input: {productId: $id, description: "Science curriculum"}) { product { name slug description } } }`,
		map[string]any{"id": id}, &upd)
	if upd.UpdateProduct.Product.Description != "Science curriculum" || upd.UpdateProduct.Product.Slug != "amplify-science" {
		t.Errorf("updated product = %+v", upd.UpdateProduct.Product)
	}
	env.MustFail(t, env.AdminKey, `mutation { createProduct(input: {name: "Other", slug: "amplify-science"}) { product { id } } }`, nil, "BAD_USER_INPUT")
	env.MustFail(t, env.AdminKey, `mutation { createProduct(input: {name: "Bad", slug: "Not A Slug"}) { product { id } } }`, nil, "BAD_USER_INPUT")

	var list struct {
		Products []struct {
			ID            string
			OpenIncidents int
		}
	}
	env.Query(t, env.ViewerKey, `{ products { id openIncidents } }`, nil, &list)
	if len(list.Products) != 1 || list.Products[0].OpenIncidents != 1 {
		t.Errorf("products = %+v", list.Products)
	}
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { resolveIncident(input: {incidentId: $id}) { incident { id } } }`, map[string]any{"id": inc.ID}, nil)
	env.Query(t, env.ViewerKey, `{ products { id openIncidents } }`, nil, &list)
	if list.Products[0].OpenIncidents != 0 {
		t.Errorf("a resolved incident is not open: %+v", list.Products)
	}

	// Archived products leave the catalog but stay on their incidents.
	env.Query(t, env.AdminKey, `mutation($id: ID!) { archiveProduct(input: {productId: $id}) { product { archived } } }`, map[string]any{"id": id}, nil)
	env.Query(t, env.ViewerKey, `{ products { id openIncidents } }`, nil, &list)
	if len(list.Products) != 0 {
		t.Errorf("archived product still listed: %+v", list.Products)
	}
	if got := env.GetIncident(t, env.ViewerKey, inc.ID); len(got.Products) != 1 {
		t.Errorf("the incident lost its archived product: %+v", got.Products)
	}
	e := env.MustFail(t, env.ResponderKey, `mutation($p: [ID!]) { declareIncident(input: {title: "x", severityLevel: 3, productIds: $p}) { incident { id } } }`,
		map[string]any{"p": []string{id}}, "BAD_USER_INPUT")
	if e.Field() != "productIds" {
		t.Errorf("field = %q", e.Field())
	}
}

func TestBackfilledNotesAndTheFactSheet(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	product := env.CreateProduct(t, "Amplify Science")
	inc := env.Declare(t, map[string]any{"title": "Science assessments Audio option is not appearing", "severityLevel": 3,
		"productIds": []string{product}})
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { postIncidentUpdate(input: {incidentId: $id, status: MONITORING,
		body: "Error rates have declined after removing possibly faulty server instances."}) { update { id } } }`, map[string]any{"id": inc.ID}, nil)

	// A note about something that happened before the incident was declared.
	earlier := inc.DeclaredAt.Add(-30 * time.Minute)
	var note struct{ AddTimelineNote struct{ Event testenv.Event } }
	env.Query(t, env.ResponderKey, `mutation($in: AddTimelineNoteInput!) { addTimelineNote(input: $in) { event { sequence kind message occurredAt } } }`,
		map[string]any{"in": map[string]any{"incidentId": inc.ID, "message": "Deploy 4182 went out", "occurredAt": earlier.Format(time.RFC3339Nano)}}, &note)
	got := env.GetIncident(t, env.ViewerKey, inc.ID)
	first := got.Timeline.Nodes[0]
	if first.Kind != "NOTE" || first.Message != "Deploy 4182 went out" || first.Sequence != note.AddTimelineNote.Event.Sequence {
		t.Errorf("the backfilled note comes first in the timeline: %+v", got.Timeline.Nodes)
	}
	env.MustFail(t, env.ResponderKey, `mutation($in: AddTimelineNoteInput!) { addTimelineNote(input: $in) { event { id } } }`,
		map[string]any{"in": map[string]any{"incidentId": inc.ID, "message": "from the future", "occurredAt": "2999-01-01T00:00:00Z"}}, "BAD_USER_INPUT")

	var fs struct{ Incident struct{ FactSheet string } }
	env.Query(t, env.ViewerKey, `query($id: ID) { incident(id: $id) { factSheet } }`, map[string]any{"id": inc.ID}, &fs)
	md := fs.Incident.FactSheet
	for _, want := range []string{
		"# INC-" + strconv.Itoa(inc.Number) + ": Science assessments Audio option is not appearing",
		"- **Issue:** Science assessments Audio option is not appearing",
		"- **Latest Update:** Error rates have declined after removing possibly faulty server instances.",
		"- **Status:** Monitoring",
		"- **Severity:** SEV-3 (Work can be completed",
		"- **Affected products:** Amplify Science",
		"- **Response channel:** " + inc.ResponseChannel,
		"- **Commander:** Test responder",
		"status → Monitoring",
		"Deploy 4182 went out",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("fact sheet lacks %q:\n%s", want, md)
		}
	}
	if strings.Index(md, "Deploy 4182") > strings.Index(md, "declared SEV-3") {
		t.Error("the timeline is in occurredAt order")
	}

	status, header, body := env.Get(t, env.ViewerKey, "/incidents/"+strconv.Itoa(inc.Number)+"/factsheet.md")
	if status != 200 || !strings.HasPrefix(header.Get("Content-Type"), "text/markdown") || body != md {
		t.Errorf("factsheet.md: HTTP %d %s, same as the query: %v", status, header.Get("Content-Type"), body == md)
	}
	if status, _, _ := env.Get(t, "", "/incidents/"+strconv.Itoa(inc.Number)+"/factsheet.md"); status != http.StatusUnauthorized {
		t.Errorf("without a key: HTTP %d", status)
	}
}
