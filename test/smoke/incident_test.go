package smoke_test

import (
	"fmt"
	"testing"
	"time"

	"firebreak/internal/testenv"
)

func TestDeclareAndReadBackEveryField(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	amplify := env.CreateProduct(t, "Amplify Science")
	detected := time.Now().Add(-17 * time.Minute).UTC().Truncate(time.Second)

	declared := env.Declare(t, map[string]any{
		"title":         "Science assessments Audio option is not appearing",
		"summary":       "Students cannot hear audio prompts.",
		"severityLevel": 3,
		"productIds":    []string{amplify},
		"detectedAt":    detected.Format(time.RFC3339),
	})

	// Read it back three ways: by global id, by number and by handle.
	byID := env.GetIncident(t, env.ViewerKey, declared.ID)
	var byNumber, byHandle struct{ Incident struct{ ID string } }
	env.Query(t, env.ViewerKey, `query($n: Int) { incident(number: $n) { id } }`, map[string]any{"n": declared.Number}, &byNumber)
	env.Query(t, env.ViewerKey, `query($h: String) { incident(handle: $h) { id } }`, map[string]any{"h": declared.Handle}, &byHandle)
	if byNumber.Incident.ID != declared.ID || byHandle.Incident.ID != declared.ID {
		t.Fatalf("lookups by number/handle returned %q/%q, want %q", byNumber.Incident.ID, byHandle.Incident.ID, declared.ID)
	}

	inc := byID
	if inc.Title != "Science assessments Audio option is not appearing" || inc.Summary != "Students cannot hear audio prompts." {
		t.Errorf("title/summary = %q/%q", inc.Title, inc.Summary)
	}
	if inc.Number < 1 || inc.Status != "INVESTIGATING" || inc.Visibility != "PUBLIC" || inc.Version != 1 {
		t.Errorf("number/status/visibility/version = %d/%s/%s/%d", inc.Number, inc.Status, inc.Visibility, inc.Version)
	}
	if !handlePattern.MatchString(inc.Handle) {
		t.Errorf("handle %q is not adjective-animal", inc.Handle)
	}
	if inc.ResponseChannel != "#"+inc.Handle+"-incident" {
		t.Errorf("responseChannel = %q for handle %q", inc.ResponseChannel, inc.Handle)
	}
	want := testenv.Severity{Level: 3, Name: "SEV-3", Color: "#FDB022", UpdateIntervalMinutes: 240, RetrospectiveDueDays: 15,
		Description: "Work can be completed and users have their data, but degraded functionality prevents users from completing typical tasks."}
	got := inc.Severity
	got.ID = ""
	if got != want {
		t.Errorf("severity = %+v, want %+v", got, want)
	}
	if len(inc.Products) != 1 || inc.Products[0].ID != amplify || inc.Products[0].Slug != "amplify-science" {
		t.Errorf("products = %+v", inc.Products)
	}
	if inc.CreatedBy.Name != "Test responder" || inc.CreatedBy.Role != "RESPONDER" {
		t.Errorf("createdBy = %+v", inc.CreatedBy)
	}
	if !inc.DetectedAt.Equal(detected) {
		t.Errorf("detectedAt = %s, want %s", inc.DetectedAt, detected)
	}
	if time.Since(inc.DeclaredAt) > time.Minute || inc.DeclaredAt.Before(detected) {
		t.Errorf("declaredAt = %s", inc.DeclaredAt)
	}
	if inc.LatestUpdate != nil || inc.LastUpdateAt != nil || inc.MitigatedAt != nil || inc.ResolvedAt != nil {
		t.Errorf("a new incident has no update or later timestamps: %+v", inc)
	}
	// The declarer commands it unless someone else is named, which acknowledges it.
	if inc.AcknowledgedAt == nil || !inc.AcknowledgedAt.Equal(inc.DeclaredAt) {
		t.Errorf("acknowledgedAt = %v, want declaredAt %s", inc.AcknowledgedAt, inc.DeclaredAt)
	}
	if inc.Timeline.TotalCount != 2 || inc.Timeline.Nodes[0].Kind != "DECLARED" || inc.Timeline.Nodes[0].Sequence != 1 ||
		inc.Timeline.Nodes[1].Kind != "ROLE_ASSIGNED" || inc.Timeline.Nodes[1].Data["role"] != "COMMANDER" ||
		inc.Timeline.Nodes[0].Actor == nil || inc.Timeline.Nodes[0].Actor.Name != "Test responder" {
		t.Errorf("timeline = %+v", inc.Timeline)
	}

	// Two declarations never share a handle.
	other := env.Declare(t, map[string]any{"title": "Second", "severityLevel": 1})
	if other.Handle == inc.Handle || other.Number <= inc.Number {
		t.Errorf("second incident handle/number %q/%d vs %q/%d", other.Handle, other.Number, inc.Handle, inc.Number)
	}
	if other.DetectedAt != other.DeclaredAt {
		t.Errorf("detectedAt defaults to declaredAt: %s vs %s", other.DetectedAt, other.DeclaredAt)
	}
}

func TestPostUpdateWithStatusChange(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	inc := env.Declare(t, map[string]any{"title": "Checkout errors", "severityLevel": 2})

	var out struct {
		PostIncidentUpdate struct {
			Update struct {
				ID, Body string
				Status   string
				Author   struct{ Name string }
			}
			Incident testenv.Incident
		}
	}
	env.Query(t, env.ResponderKey, `mutation($in: PostIncidentUpdateInput!) {
		postIncidentUpdate(input: $in) { update { id body status author { name } } incident { `+testenv.IncidentFields+` } } }`,
		map[string]any{"in": map[string]any{
			"incidentId": inc.ID, "status": "MONITORING",
			"body": "Error rates have declined after removing possibly faulty server instances.",
		}}, &out)

	up := out.PostIncidentUpdate.Update
	if up.Status != "MONITORING" || up.Author.Name != "Test responder" {
		t.Errorf("update = %+v", up)
	}
	// Read back fresh, as another client would.
	got := env.GetIncident(t, env.ViewerKey, inc.ID)
	if got.Status != "MONITORING" || got.Version != 2 {
		t.Errorf("status/version = %s/%d, want MONITORING/2", got.Status, got.Version)
	}
	if got.LatestUpdate == nil || got.LatestUpdate.ID != up.ID ||
		got.LatestUpdate.Body != "Error rates have declined after removing possibly faulty server instances." {
		t.Fatalf("latestUpdate = %+v", got.LatestUpdate)
	}
	if got.LastUpdateAt == nil || got.AcknowledgedAt == nil || got.MitigatedAt == nil {
		t.Errorf("lastUpdateAt/acknowledgedAt/mitigatedAt must be set: %v %v %v", got.LastUpdateAt, got.AcknowledgedAt, got.MitigatedAt)
	}
	kinds := []string{}
	for i, ev := range got.Timeline.Nodes {
		kinds = append(kinds, ev.Kind)
		if ev.Sequence != i+1 {
			t.Errorf("event %d has sequence %d", i, ev.Sequence)
		}
		if ev.Actor == nil || ev.Actor.Name != "Test responder" {
			t.Errorf("event %s has actor %+v", ev.Kind, ev.Actor)
		}
	}
	if fmt.Sprint(kinds) != "[DECLARED ROLE_ASSIGNED UPDATE_POSTED STATUS_CHANGED]" {
		t.Errorf("timeline kinds = %v", kinds)
	}
	if d := got.Timeline.Nodes[3].Data; d["from"] != "INVESTIGATING" || d["to"] != "MONITORING" {
		t.Errorf("status event data = %v", d)
	}

	// An update may change severity too; naming the current status is not a move.
	env.Query(t, env.ResponderKey, `mutation($in: PostIncidentUpdateInput!) { postIncidentUpdate(input: $in) { update { id } } }`,
		map[string]any{"in": map[string]any{"incidentId": inc.ID, "body": "Escalating.", "status": "MONITORING", "severityLevel": 1}}, nil)
	got = env.GetIncident(t, env.ViewerKey, inc.ID)
	if got.Severity.Name != "SEV-1" || got.Status != "MONITORING" || got.Updates.TotalCount != 2 {
		t.Errorf("after second update: severity %s status %s updates %d", got.Severity.Name, got.Status, got.Updates.TotalCount)
	}
	if got.LatestUpdate.Severity == nil || got.LatestUpdate.Severity.Level != 1 || got.LatestUpdate.Status != nil {
		t.Errorf("second update records severity 1 and no status: %+v", got.LatestUpdate)
	}
	if last := got.Timeline.Nodes[len(got.Timeline.Nodes)-1]; last.Kind != "SEVERITY_CHANGED" || last.Data["from"] != "SEV-2" || last.Data["to"] != "SEV-1" {
		t.Errorf("last event = %+v", last)
	}
	if got.Updates.Nodes[0].Body != "Escalating." {
		t.Errorf("updates are newest first: %+v", got.Updates.Nodes)
	}
}

func TestChangeSeverityAndStaleVersion(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	inc := env.Declare(t, map[string]any{"title": "Slow search", "severityLevel": 3})

	var out struct {
		ChangeIncidentSeverity struct{ Incident testenv.Incident }
	}
	env.Query(t, env.ResponderKey, `mutation($in: ChangeIncidentSeverityInput!) {
		changeIncidentSeverity(input: $in) { incident { `+testenv.IncidentFields+` } } }`,
		map[string]any{"in": map[string]any{"incidentId": inc.ID, "severityLevel": 2, "expectedVersion": 1}}, &out)
	if got := out.ChangeIncidentSeverity.Incident; got.Severity.Level != 2 || got.Version != 2 {
		t.Fatalf("severity/version = %d/%d", got.Severity.Level, got.Version)
	}

	// A client holding version 1 is told it is stale, and nothing changes.
	e := env.MustFail(t, env.ResponderKey, `mutation($in: ChangeIncidentStatusInput!) { changeIncidentStatus(input: $in) { incident { id } } }`,
		map[string]any{"in": map[string]any{"incidentId": inc.ID, "status": "IDENTIFIED", "expectedVersion": 1}}, "CONFLICT")
	if e.Field() != "expectedVersion" {
		t.Errorf("field = %q", e.Field())
	}
	got := env.GetIncident(t, env.ViewerKey, inc.ID)
	if got.Status != "INVESTIGATING" || got.Version != 2 || got.Timeline.TotalCount != 3 {
		t.Errorf("after conflict: status %s version %d events %d", got.Status, got.Version, got.Timeline.TotalCount)
	}
}
