package smoke_test

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"firebreak/internal/testenv"
)

func TestIdempotentRetriesCreateNothingNew(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	const declareMutation = `mutation($in: DeclareIncidentInput!) { declareIncident(input: $in) { incident { id number } } }`
	in := map[string]any{"title": "Retried declaration", "severityLevel": 2, "idempotencyKey": "bot-msg-123"}

	// Two retries racing each other, then a late one: one incident.
	ids := make([]string, 3)
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			var out struct {
				DeclareIncident struct{ Incident struct{ ID string } }
			}
			env.Query(t, env.ResponderKey, declareMutation, map[string]any{"in": in}, &out)
			ids[i] = out.DeclareIncident.Incident.ID
		}(i)
	}
	wg.Wait()
	var out struct {
		DeclareIncident struct{ Incident struct{ ID string } }
	}
	env.Query(t, env.ResponderKey, declareMutation, map[string]any{"in": in}, &out)
	ids[2] = out.DeclareIncident.Incident.ID
	if ids[0] == "" || ids[0] != ids[1] || ids[1] != ids[2] {
		t.Fatalf("retries returned different incidents: %v", ids)
	}
	var list struct{ Incidents struct{ TotalCount int } }
	env.Query(t, env.ViewerKey, `{ incidents { totalCount } }`, nil, &list)
	if list.Incidents.TotalCount != 1 {
		t.Fatalf("%d incidents, want 1", list.Incidents.TotalCount)
	}

	// The key is per actor: another user's same key is a new declaration.
	other := env.NewKey(t, "Other bot", "RESPONDER")
	var second struct {
		DeclareIncident struct{ Incident struct{ ID string } }
	}
	env.Query(t, other, declareMutation, map[string]any{"in": in}, &second)
	if second.DeclareIncident.Incident.ID == ids[0] {
		t.Error("a different actor's key must not replay someone else's result")
	}

	// Updates and notes: racing retries land once.
	const updateMutation = `mutation($in: PostIncidentUpdateInput!) { postIncidentUpdate(input: $in) { update { id } } }`
	const noteMutation = `mutation($in: AddTimelineNoteInput!) { addTimelineNote(input: $in) { event { id } } }`
	updates := make([]string, 5)
	notes := make([]string, 5)
	for i := 0; i < 5; i++ {
		wg.Add(2)
		go func(i int) {
			defer wg.Done()
			var out struct {
				PostIncidentUpdate struct{ Update struct{ ID string } }
			}
			env.Query(t, env.ResponderKey, updateMutation, map[string]any{"in": map[string]any{
				"incidentId": ids[0], "body": "Still investigating", "idempotencyKey": "update-1"}}, &out)
			updates[i] = out.PostIncidentUpdate.Update.ID
		}(i)
		go func(i int) {
			defer wg.Done()
			var out struct {
				AddTimelineNote struct{ Event struct{ ID string } }
			}
			env.Query(t, env.ResponderKey, noteMutation, map[string]any{"in": map[string]any{
				"incidentId": ids[0], "message": "Paged the DB team", "idempotencyKey": "note-1"}}, &out)
			notes[i] = out.AddTimelineNote.Event.ID
		}(i)
	}
	wg.Wait()
	for i := 1; i < 5; i++ {
		if updates[i] != updates[0] || notes[i] != notes[0] {
			t.Fatalf("retries created several objects: updates %v notes %v", updates, notes)
		}
	}
	got := env.GetIncident(t, env.ViewerKey, ids[0])
	if got.Updates.TotalCount != 1 || got.Timeline.TotalCount != 4 { // declared, commander, update, note
		t.Errorf("updates %d events %d, want 1 and 4", got.Updates.TotalCount, got.Timeline.TotalCount)
	}

	// A key reused for a different operation is refused.
	e := env.MustFail(t, env.ResponderKey, noteMutation, map[string]any{"in": map[string]any{
		"incidentId": ids[0], "message": "x", "idempotencyKey": "update-1"}}, "CONFLICT")
	if e.Field() != "idempotencyKey" {
		t.Errorf("field = %q", e.Field())
	}
}

// As Stripe does: a key remembers what it was asked, and a retry that asks
// something else is a mistake to report, not a request to answer with the
// first result.
func TestIdempotencyKeyReusedWithOtherInputIsAConflict(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	const declareMutation = `mutation($in: DeclareIncidentInput!) { declareIncident(input: $in) { incident { id } } }`
	first := map[string]any{"title": "Checkout errors", "severityLevel": 2, "idempotencyKey": "alert-77"}
	env.Query(t, env.ResponderKey, declareMutation, map[string]any{"in": first}, nil)
	for name, in := range map[string]map[string]any{
		"another title":    {"title": "Checkout errors (EU)", "severityLevel": 2, "idempotencyKey": "alert-77"},
		"another severity": {"title": "Checkout errors", "severityLevel": 1, "idempotencyKey": "alert-77"},
		"a summary added":  {"title": "Checkout errors", "summary": "more", "severityLevel": 2, "idempotencyKey": "alert-77"},
	} {
		e := env.MustFail(t, env.ResponderKey, declareMutation, map[string]any{"in": in}, "CONFLICT")
		if e.Field() != "idempotencyKey" || !strings.Contains(e.Message, "different input") {
			t.Errorf("%s: %s %q", name, e.Field(), e.Message)
		}
	}
	// The same input is still a retry; another person's same key is theirs.
	env.Query(t, env.ResponderKey, declareMutation, map[string]any{"in": first}, nil)
	env.Query(t, env.AdminKey, declareMutation, map[string]any{"in": map[string]any{"title": "Other", "severityLevel": 3, "idempotencyKey": "alert-77"}}, nil)
	var list struct{ Incidents struct{ TotalCount int } }
	env.Query(t, env.ViewerKey, `{ incidents { totalCount } }`, nil, &list)
	if list.Incidents.TotalCount != 2 {
		t.Errorf("%d incidents, want 2 (nothing written for the conflicts)", list.Incidents.TotalCount)
	}

	// Follow-ups too.
	inc := env.Declare(t, map[string]any{"title": "For follow-ups", "severityLevel": 3})
	createActionItem(t, env, map[string]any{"incidentId": inc.ID, "title": "Add alerting", "idempotencyKey": "fu-1"})
	env.MustFail(t, env.ResponderKey, `mutation($in: CreateActionItemInput!) { createActionItem(input: $in) { actionItem { id } } }`,
		map[string]any{"in": map[string]any{"incidentId": inc.ID, "title": "Add paging", "idempotencyKey": "fu-1"}}, "CONFLICT")
	if ids, _ := actionItemIDs(t, env, env.ViewerKey, map[string]any{}); len(ids) != 1 {
		t.Errorf("%d follow-ups, want 1", len(ids))
	}
}

// Mutation fields are nullable, as GitHub's are: when the second mutation of
// a document fails, the first one's committed result still comes back.
func TestAFailedMutationDoesNotHideAnotherOnesResult(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	res := env.Post(t, env.ResponderKey, `mutation {
		first: declareIncident(input: {title: "Committed", severityLevel: 2}) { incident { id title } }
		second: declareIncident(input: {title: "", severityLevel: 2}) { incident { id } }
	}`, nil)
	var data struct {
		First  *struct{ Incident struct{ ID, Title string } }
		Second *struct{ Incident struct{ ID string } }
	}
	if err := json.Unmarshal(res.Data, &data); err != nil {
		t.Fatalf("%v: %s", err, res.Raw)
	}
	if data.First == nil || data.First.Incident.Title != "Committed" || data.Second != nil {
		t.Fatalf("data: %s", res.Data)
	}
	if len(res.Errors) != 1 || res.Errors[0].Code() != "BAD_USER_INPUT" || res.Errors[0].Field() != "title" {
		t.Errorf("errors: %s", res.Raw)
	}
	// The first is really there.
	if got := env.GetIncident(t, env.ViewerKey, data.First.Incident.ID); got.Title != "Committed" {
		t.Errorf("read back: %+v", got)
	}
}
