package smoke_test

import (
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"firebreak/internal/testenv"
)

const retrospectiveFields = `id status dueAt version summary impact rootCause publishedAt
	owner { name } contributingFactors { category { name } description }`

type retrospectiveJSON struct {
	ID, Status, Summary, Impact, RootCause string
	DueAt, PublishedAt                     *time.Time
	Version                                int
	Owner                                  *struct{ Name string }
	ContributingFactors                    []struct {
		Category    struct{ Name string }
		Description string
	}
}

func retrospectiveOf(t *testing.T, env *testenv.Env, key, incidentID string) *retrospectiveJSON {
	t.Helper()
	var out struct {
		Incident struct{ Retrospective *retrospectiveJSON }
	}
	env.Query(t, key, `query($id: ID!) { incident(id: $id) { retrospective { `+retrospectiveFields+` } } }`,
		map[string]any{"id": incidentID}, &out)
	return out.Incident.Retrospective
}

func timelineKinds(t *testing.T, env *testenv.Env, incidentID string) []string {
	t.Helper()
	var out struct {
		Incident struct {
			Timeline struct{ Nodes []struct{ Kind string } }
		}
	}
	env.Query(t, env.ResponderKey, `query($id: ID!) { incident(id: $id) { timeline(first: 100) { nodes { kind } } } }`,
		map[string]any{"id": incidentID}, &out)
	var kinds []string
	for _, n := range out.Incident.Timeline.Nodes {
		kinds = append(kinds, n.Kind)
	}
	return kinds
}

// retro runs a retrospective mutation and returns the retrospective.
func retro(t *testing.T, env *testenv.Env, mutation string, input map[string]any) retrospectiveJSON {
	t.Helper()
	var out map[string]struct{ Retrospective retrospectiveJSON }
	env.Query(t, env.ResponderKey, fmt.Sprintf(`mutation($in: %sInput!) { %s(input: $in) { retrospective { %s } } }`,
		upperFirst(mutation), mutation, retrospectiveFields), map[string]any{"in": input}, &out)
	return out[mutation].Retrospective
}

func TestResolvingOpensTheRetrospectiveTheSeverityRequires(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	for _, c := range []struct {
		level   int
		dueDays int
	}{{1, 5}, {2, 10}} {
		inc := env.Declare(t, map[string]any{"title": fmt.Sprintf("SEV-%d outage", c.level), "severityLevel": c.level})
		if r := retrospectiveOf(t, env, env.ResponderKey, inc.ID); r != nil {
			t.Fatalf("SEV-%d: a retrospective before resolution: %+v", c.level, r)
		}
		resolved := lifecycle(t, env, "resolveIncident", inc.ID, "Fixed.")
		r := retrospectiveOf(t, env, env.ResponderKey, inc.ID)
		if r == nil {
			t.Fatalf("SEV-%d: no retrospective after resolution", c.level)
		}
		if r.Status != "DRAFT" || r.Owner == nil || r.Owner.Name != "Test responder" ||
			r.DueAt == nil || !r.DueAt.Equal(resolved.ResolvedAt.Add(time.Duration(c.dueDays)*24*time.Hour)) {
			t.Errorf("SEV-%d retrospective: %+v (resolved %s), want DRAFT, the commander's, due in %d days",
				c.level, r, resolved.ResolvedAt, c.dueDays)
		}
		if kinds := timelineKinds(t, env, inc.ID); !strings.Contains(strings.Join(kinds, " "), "RETROSPECTIVE_CREATED") {
			t.Errorf("no RETROSPECTIVE_CREATED on the timeline: %v", kinds)
		}
		// Reopened and resolved again, it keeps its one retrospective.
		lifecycle(t, env, "reopenIncident", inc.ID, "")
		lifecycle(t, env, "resolveIncident", inc.ID, "")
		if again := retrospectiveOf(t, env, env.ResponderKey, inc.ID); again == nil || again.ID != r.ID {
			t.Errorf("after reopening and resolving: %+v, want %s", again, r.ID)
		}
	}

	minor := env.Declare(t, map[string]any{"title": "Typo on the status page", "severityLevel": 3})
	resolved := lifecycle(t, env, "resolveIncident", minor.ID, "")
	if r := retrospectiveOf(t, env, env.ResponderKey, minor.ID); r != nil {
		t.Fatalf("SEV-3 needs no retrospective, got %+v", r)
	}
	// On demand it can have one, due by its severity's days.
	r := retro(t, env, "createRetrospective", map[string]any{"incidentId": minor.ID})
	if r.Status != "DRAFT" || !r.DueAt.Equal(resolved.ResolvedAt.Add(15*24*time.Hour)) {
		t.Errorf("on-demand retrospective: %+v", r)
	}
	env.MustFail(t, env.ResponderKey, `mutation($id: ID!) { createRetrospective(input: {incidentId: $id}) { retrospective { id } } }`,
		map[string]any{"id": minor.ID}, "CONFLICT")
	env.MustFail(t, env.ViewerKey, `mutation($id: ID!) { createRetrospective(input: {incidentId: $id}) { retrospective { id } } }`,
		map[string]any{"id": minor.ID}, "FORBIDDEN")
}

func TestPublishingARetrospective(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	inc := env.Declare(t, map[string]any{"title": "Database failover", "severityLevel": 1})
	lifecycle(t, env, "resolveIncident", inc.ID, "")
	r := retrospectiveOf(t, env, env.ResponderKey, inc.ID)
	id := map[string]any{"retrospectiveId": r.ID}

	env.MustFail(t, env.ResponderKey, `mutation($in: PublishRetrospectiveInput!) { publishRetrospective(input: $in) { retrospective { id } } }`,
		map[string]any{"in": id}, "INVALID_TRANSITION") // a draft goes to review first
	r2 := retro(t, env, "submitRetrospectiveForReview", id)
	if r2.Status != "IN_REVIEW" {
		t.Fatalf("submitted: %+v", r2)
	}
	// Publishing names each missing required field, in order, and changes nothing.
	for _, missing := range []string{"summary", "impact", "rootCause"} {
		e := env.MustFail(t, env.ResponderKey, `mutation($in: PublishRetrospectiveInput!) { publishRetrospective(input: $in) { retrospective { id } } }`,
			map[string]any{"in": id}, "BAD_USER_INPUT")
		if e.Field() != missing {
			t.Fatalf("publish without %s: field %q", missing, e.Field())
		}
		r2 = retro(t, env, "updateRetrospective", map[string]any{"retrospectiveId": r.ID, "expectedVersion": r2.Version,
			missing: "Written: " + missing})
	}
	if r2.Summary != "Written: summary" || r2.RootCause != "Written: rootCause" || r2.Status != "IN_REVIEW" {
		t.Fatalf("after edits: %+v", r2)
	}

	// Edits carry expectedVersion: a stale one is refused and changes nothing.
	e := env.MustFail(t, env.ResponderKey, `mutation($in: UpdateRetrospectiveInput!) { updateRetrospective(input: $in) { retrospective { id } } }`,
		map[string]any{"in": map[string]any{"retrospectiveId": r.ID, "expectedVersion": r2.Version - 1, "summary": "Lost edit"}}, "CONFLICT")
	if e.Field() != "expectedVersion" {
		t.Errorf("conflict field %q", e.Field())
	}
	// Contributing factors come from the editable list.
	var categories struct {
		ContributingFactorCategories []struct{ ID, Name string }
	}
	env.Query(t, env.ViewerKey, `{ contributingFactorCategories { id name } }`, nil, &categories)
	var capacity string
	for _, c := range categories.ContributingFactorCategories {
		if c.Name == "Capacity" {
			capacity = c.ID
		}
	}
	if len(categories.ContributingFactorCategories) != 5 || capacity == "" {
		t.Fatalf("default categories: %+v", categories)
	}
	r2 = retro(t, env, "updateRetrospective", map[string]any{"retrospectiveId": r.ID,
		"contributingFactors": []map[string]any{{"categoryId": capacity, "description": "Replica lag under peak load"}}})
	if len(r2.ContributingFactors) != 1 || r2.ContributingFactors[0].Category.Name != "Capacity" {
		t.Errorf("factors: %+v", r2.ContributingFactors)
	}
	env.MustFail(t, env.ResponderKey, `mutation($in: UpdateRetrospectiveInput!) { updateRetrospective(input: $in) { retrospective { id } } }`,
		map[string]any{"in": map[string]any{"retrospectiveId": r.ID, "contributingFactors": []map[string]any{{"categoryId": inc.ID, "description": "x"}}}},
		"BAD_USER_INPUT")
	env.MustFail(t, env.ViewerKey, `mutation($in: UpdateRetrospectiveInput!) { updateRetrospective(input: $in) { retrospective { id } } }`,
		map[string]any{"in": map[string]any{"retrospectiveId": r.ID, "summary": "viewer"}}, "FORBIDDEN")

	published := retro(t, env, "publishRetrospective", id)
	if published.Status != "PUBLISHED" || published.PublishedAt == nil || published.Summary != "Written: summary" {
		t.Fatalf("published: %+v", published)
	}
	kinds := strings.Join(timelineKinds(t, env, inc.ID), " ")
	for _, k := range []string{"RETROSPECTIVE_CREATED", "RETROSPECTIVE_STATUS_CHANGED", "RETROSPECTIVE_UPDATED", "RETROSPECTIVE_PUBLISHED"} {
		if !strings.Contains(kinds, k) {
			t.Errorf("timeline lacks %s: %s", k, kinds)
		}
	}
	var list struct {
		Retrospectives struct {
			TotalCount int
			Nodes      []struct{ ID string }
		}
	}
	env.Query(t, env.ViewerKey, `{ retrospectives(filter: {statuses: [PUBLISHED]}) { totalCount nodes { id } } }`, nil, &list)
	if list.Retrospectives.TotalCount != 1 || list.Retrospectives.Nodes[0].ID != r.ID {
		t.Errorf("published list: %+v", list)
	}
}

func TestCloseWaitsForThePublishedRetrospective(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	inc := env.Declare(t, map[string]any{"title": "Checkout down", "severityLevel": 2})
	lifecycle(t, env, "resolveIncident", inc.ID, "")
	closeIt := `mutation($id: ID!) { closeIncident(input: {incidentId: $id}) { incident { status } } }`
	env.MustFail(t, env.ResponderKey, closeIt, map[string]any{"id": inc.ID}, "INVALID_TRANSITION")
	if got := env.GetIncident(t, env.ResponderKey, inc.ID); got.Status != "RESOLVED" || got.ClosedAt != nil {
		t.Fatalf("a refused close changed the incident: %+v", got)
	}
	r := retrospectiveOf(t, env, env.ResponderKey, inc.ID)
	retro(t, env, "updateRetrospective", map[string]any{"retrospectiveId": r.ID,
		"summary": "Checkout was down.", "impact": "All purchases failed.", "rootCause": "An expired certificate."})
	retro(t, env, "submitRetrospectiveForReview", map[string]any{"retrospectiveId": r.ID})
	env.MustFail(t, env.ResponderKey, closeIt, map[string]any{"id": inc.ID}, "INVALID_TRANSITION") // in review is not published
	retro(t, env, "publishRetrospective", map[string]any{"retrospectiveId": r.ID})
	if closed := lifecycle(t, env, "closeIncident", inc.ID, ""); closed.Status != "CLOSED" {
		t.Fatalf("closed: %+v", closed)
	}
}

type actionItemJSON struct {
	ID, Title, Status, Priority string
	Overdue                     bool
	CompletedAt                 *time.Time
	Version                     int
	Owner                       *struct{ Name string }
	Retrospective               *struct{ ID string }
}

const actionItemFields = `id title status priority overdue completedAt version owner { name } retrospective { id }`

func createActionItem(t *testing.T, env *testenv.Env, input map[string]any) actionItemJSON {
	t.Helper()
	var out struct {
		CreateActionItem struct{ ActionItem actionItemJSON }
	}
	env.Query(t, env.ResponderKey, `mutation($in: CreateActionItemInput!) { createActionItem(input: $in) { actionItem { `+actionItemFields+` } } }`,
		map[string]any{"in": input}, &out)
	return out.CreateActionItem.ActionItem
}

func actionItemIDs(t *testing.T, env *testenv.Env, key string, filter map[string]any) ([]string, int) {
	t.Helper()
	var out struct {
		ActionItems struct {
			TotalCount int
			Nodes      []struct{ Title string }
		}
	}
	env.Query(t, key, `query($f: ActionItemFilter) { actionItems(filter: $f, first: 50) { totalCount nodes { title } } }`,
		map[string]any{"f": filter}, &out)
	var titles []string
	for _, n := range out.ActionItems.Nodes {
		titles = append(titles, n.Title)
	}
	return titles, out.ActionItems.TotalCount
}

func TestRetrospectiveMarkdownMatchesGolden(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	env.Clock.Freeze(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	var product struct {
		CreateProduct struct{ Product struct{ ID string } }
	}
	env.Query(t, env.AdminKey, `mutation { createProduct(input: {name: "Amplify Science"}) { product { id } } }`, nil, &product)
	inc := env.Declare(t, map[string]any{"title": "Science assessments Audio option is not appearing", "severityLevel": 2,
		"productIds": []string{product.CreateProduct.Product.ID}, "detectedAt": "2026-03-02T08:45:00Z"})
	env.Clock.Advance(20 * time.Minute)
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { postIncidentUpdate(input: {incidentId: $id, status: MONITORING,
		body: "Error rates have declined after removing possibly faulty server instances."}) { update { id } } }`, map[string]any{"id": inc.ID}, nil)
	env.Clock.Advance(40 * time.Minute)
	lifecycle(t, env, "resolveIncident", inc.ID, "Audio is back for everyone.")
	r := retrospectiveOf(t, env, env.ResponderKey, inc.ID)

	var categories struct {
		ContributingFactorCategories []struct{ ID, Name string }
	}
	env.Query(t, env.ViewerKey, `{ contributingFactorCategories { id name } }`, nil, &categories)
	factor := map[string]string{}
	for _, c := range categories.ContributingFactorCategories {
		factor[c.Name] = c.ID
	}
	env.Clock.Advance(24 * time.Hour)
	retro(t, env, "updateRetrospective", map[string]any{"retrospectiveId": r.ID,
		"summary":   "Students could not hear assessment prompts for an hour.",
		"impact":    "About 12% of assessment sessions in the US-East region lost audio.",
		"rootCause": "A bad AMI rolled out to two of six audio servers; their health checks did not cover audio.",
		"contributingFactors": []map[string]any{
			{"categoryId": factor["Code change"], "description": "The AMI change shipped without a canary."},
			{"categoryId": factor["Process"], "description": "Health checks test HTTP only, not audio | codecs."},
		},
		"whatWentWell":   "Error-rate alerts fired within 15 minutes.",
		"whatWentPoorly": "It took 20 minutes to find which servers were bad.",
		"lessonsLearned": "Check the thing users need, not just that the server answers.",
	})
	var me struct{ Me struct{ ID string } }
	env.Query(t, env.ResponderKey, `{ me { id } }`, nil, &me)
	createActionItem(t, env, map[string]any{"incidentId": inc.ID, "title": "Add an audio health check", "ownerId": me.Me.ID,
		"dueAt": "2026-03-16T00:00:00Z", "priority": "P1", "externalUrl": "https://tracker.example.com/AUD-12"})
	createActionItem(t, env, map[string]any{"incidentId": inc.ID, "title": "Canary AMI rollouts", "priority": "P2"})

	var out struct {
		Incident struct {
			Number        int
			Retrospective struct{ Markdown string }
		}
	}
	env.Query(t, env.ViewerKey, `query($id: ID!) { incident(id: $id) { number retrospective { markdown } } }`, map[string]any{"id": inc.ID}, &out)
	md := out.Incident.Retrospective.Markdown
	const golden = "testdata/retrospective.golden.md"
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(golden, []byte(md), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (UPDATE_GOLDEN=1 go test -run Golden ./internal/httpapi/ writes it)", err)
	}
	if md != string(want) {
		t.Errorf("retrospective.markdown differs from %s:\n%s", golden, md)
	}

	// The same document over HTTP.
	status, header, body := env.Get(t, env.ViewerKey, fmt.Sprintf("/incidents/INC-%d/retrospective.md", out.Incident.Number))
	if status != http.StatusOK || body != md || !strings.HasPrefix(header.Get("Content-Type"), "text/markdown") {
		t.Errorf("GET retrospective.md: HTTP %d %s", status, header.Get("Content-Type"))
	}
}
