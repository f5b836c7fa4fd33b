package smoke_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"firebreak/internal/testenv"
)

func TestFollowUpFilters(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	var me struct{ Me struct{ ID string } }
	env.Query(t, env.ResponderKey, `{ me { id } }`, nil, &me)
	var admin struct{ Me struct{ ID string } }
	env.Query(t, env.AdminKey, `{ me { id } }`, nil, &admin)

	inc := env.Declare(t, map[string]any{"title": "Queue stalled", "severityLevel": 1})
	lifecycle(t, env, "resolveIncident", inc.ID, "")
	other := env.Declare(t, map[string]any{"title": "Other incident", "severityLevel": 3})
	now := env.Clock.Now()
	past, future := now.Add(-48*time.Hour).Format(time.RFC3339), now.Add(72*time.Hour).Format(time.RFC3339)

	late := createActionItem(t, env, map[string]any{"incidentId": inc.ID, "title": "Alert on queue age", "ownerId": me.Me.ID,
		"dueAt": past, "priority": "P1", "idempotencyKey": "late-1"})
	if late.Status != "OPEN" || late.Priority != "P1" || !late.Overdue || late.Retrospective == nil {
		t.Fatalf("created: %+v (a follow-up links to the incident's retrospective)", late)
	}
	if again := createActionItem(t, env, map[string]any{"incidentId": inc.ID, "title": "Alert on queue age", "ownerId": me.Me.ID,
		"dueAt": past, "priority": "P1", "idempotencyKey": "late-1"}); again.ID != late.ID {
		t.Fatalf("an idempotent retry created %s besides %s", again.ID, late.ID)
	}
	soon := createActionItem(t, env, map[string]any{"incidentId": inc.ID, "title": "Runbook for stalls", "ownerId": admin.Me.ID, "dueAt": future})
	if soon.Priority != "P3" || soon.Overdue {
		t.Errorf("defaults: %+v", soon)
	}
	done := createActionItem(t, env, map[string]any{"incidentId": inc.ID, "title": "Raise the consumer limit", "ownerId": me.Me.ID, "dueAt": past})
	createActionItem(t, env, map[string]any{"incidentId": other.ID, "title": "Fix the typo"})

	var updated struct {
		UpdateActionItem struct{ ActionItem actionItemJSON }
	}
	env.Query(t, env.ResponderKey, `mutation($in: UpdateActionItemInput!) { updateActionItem(input: $in) { actionItem { `+actionItemFields+` } } }`,
		map[string]any{"in": map[string]any{"actionItemId": done.ID, "status": "DONE", "expectedVersion": done.Version}}, &updated)
	if d := updated.UpdateActionItem.ActionItem; d.Status != "DONE" || d.CompletedAt == nil || d.Overdue {
		t.Fatalf("done: %+v", d)
	}
	env.MustFail(t, env.ResponderKey, `mutation($in: UpdateActionItemInput!) { updateActionItem(input: $in) { actionItem { id } } }`,
		map[string]any{"in": map[string]any{"actionItemId": done.ID, "title": "stale", "expectedVersion": done.Version}}, "CONFLICT")

	for _, c := range []struct {
		name   string
		filter map[string]any
		want   []string
	}{
		{"all", nil, []string{"Fix the typo", "Raise the consumer limit", "Runbook for stalls", "Alert on queue age"}},
		{"mine", map[string]any{"ownerId": me.Me.ID}, []string{"Raise the consumer limit", "Alert on queue age"}},
		{"open", map[string]any{"statuses": []string{"OPEN", "IN_PROGRESS"}}, []string{"Fix the typo", "Runbook for stalls", "Alert on queue age"}},
		{"overdue", map[string]any{"overdue": true}, []string{"Alert on queue age"}},
		{"one incident", map[string]any{"incidentId": other.ID}, []string{"Fix the typo"}},
		{"mine and done", map[string]any{"ownerId": me.Me.ID, "statuses": []string{"DONE"}}, []string{"Raise the consumer limit"}},
	} {
		got, total := actionItemIDs(t, env, env.ViewerKey, c.filter)
		if strings.Join(got, "|") != strings.Join(c.want, "|") || total != len(c.want) {
			t.Errorf("%s: %v (totalCount %d), want %v", c.name, got, total, c.want)
		}
	}

	// Reopening clears completedAt; a private incident's follow-ups are hidden.
	env.Query(t, env.ResponderKey, `mutation($in: UpdateActionItemInput!) { updateActionItem(input: $in) { actionItem { id } } }`,
		map[string]any{"in": map[string]any{"actionItemId": done.ID, "status": "OPEN"}}, nil)
	var reopened struct{ Node actionItemJSON }
	env.Query(t, env.ViewerKey, `query($id: ID!) { node(id: $id) { ... on ActionItem { `+actionItemFields+` } } }`, map[string]any{"id": done.ID}, &reopened)
	if reopened.Node.Status != "OPEN" || reopened.Node.CompletedAt != nil || !reopened.Node.Overdue {
		t.Errorf("reopened: %+v", reopened.Node)
	}
	var secret struct {
		DeclareIncident struct{ Incident struct{ ID string } }
	}
	env.Query(t, env.AdminKey, `mutation { declareIncident(input: {title: "Leaked tokens", severityLevel: 1, visibility: PRIVATE}) { incident { id } } }`, nil, &secret)
	var hidden struct {
		CreateActionItem struct{ ActionItem struct{ ID string } }
	}
	env.Query(t, env.AdminKey, `mutation($id: ID!) { createActionItem(input: {incidentId: $id, title: "Rotate tokens"}) { actionItem { id } } }`,
		map[string]any{"id": secret.DeclareIncident.Incident.ID}, &hidden)
	if got, total := actionItemIDs(t, env, env.ViewerKey, nil); total != 4 || strings.Contains(strings.Join(got, "|"), "Rotate tokens") {
		t.Errorf("a viewer sees a private incident's follow-up: %v", got)
	}
	if _, total := actionItemIDs(t, env, env.AdminKey, nil); total != 5 {
		t.Errorf("an admin sees %d follow-ups, want 5", total)
	}
	for _, bad := range []struct {
		input map[string]any
		field string
	}{
		{map[string]any{"incidentId": inc.ID, "title": " "}, "title"},
		{map[string]any{"incidentId": inc.ID, "title": "x", "externalUrl": "javascript:alert(1)"}, "externalUrl"},
		{map[string]any{"incidentId": inc.ID, "title": "x", "ownerId": inc.ID}, "ownerId"},
	} {
		e := env.MustFail(t, env.ResponderKey, `mutation($in: CreateActionItemInput!) { createActionItem(input: $in) { actionItem { id } } }`,
			map[string]any{"in": bad.input}, "BAD_USER_INPUT")
		if e.Field() != bad.field {
			t.Errorf("%v: field %q, want %q", bad.input, e.Field(), bad.field)
		}
	}
}

func TestRetrospectiveAndFollowUpOwnersAreNudged(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	day := 24 * time.Hour
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	env.Clock.Freeze(start)
	inc := env.Declare(t, map[string]any{"title": "Slow search", "severityLevel": 2}) // retrospective due in 10 days
	lifecycle(t, env, "resolveIncident", inc.ID, "")
	var me struct{ Me struct{ ID string } }
	env.Query(t, env.ResponderKey, `{ me { id } }`, nil, &me)
	createActionItem(t, env, map[string]any{"incidentId": inc.ID, "title": "Add a search latency SLO",
		"ownerId": me.Me.ID, "dueAt": start.Add(2 * day).Format(time.RFC3339)})
	env.StartWorker(t)

	nudges := func(kind string) []notificationJSON {
		notes, _ := notifications(t, env, env.ResponderKey, false)
		var out []notificationJSON
		for _, n := range notes {
			if n.Kind == kind {
				out = append(out, n)
			}
		}
		return out
	}
	waitForNudges := func(kind string, n int) []notificationJSON {
		t.Helper()
		var got []notificationJSON
		waitFor(t, fmt.Sprintf("%d %s", n, kind), func() bool { got = nudges(kind); return len(got) >= n })
		return got
	}

	// A day before the follow-up is due.
	env.Clock.Advance(day + time.Minute)
	got := waitForNudges("ACTION_ITEM_NUDGE", 1)
	if !strings.Contains(got[0].Message, `The follow-up "Add a search latency SLO" for INC-1 is due in 23 hours`) {
		t.Errorf("first follow-up nudge: %q", got[0].Message)
	}
	if len(nudges("RETROSPECTIVE_NUDGE")) != 0 {
		t.Error("the retrospective, due in 9 days, was nudged")
	}

	// Nine days in: the retrospective is due tomorrow, the follow-up a week late.
	env.Clock.Advance(8 * day)
	retroNudges := waitForNudges("RETROSPECTIVE_NUDGE", 1)
	if !strings.Contains(retroNudges[0].Message, "The retrospective for INC-1 is due in 23 hours") {
		t.Errorf("retrospective nudge: %q", retroNudges[0].Message)
	}
	got = waitForNudges("ACTION_ITEM_NUDGE", 2)
	if !strings.Contains(got[0].Message, "is overdue by 7 days") { // newest first
		t.Errorf("overdue follow-up nudge: %q", got[0].Message)
	}

	// Published, the retrospective is left alone; the follow-up is nudged daily.
	r := retrospectiveOf(t, env, env.ResponderKey, inc.ID)
	retro(t, env, "updateRetrospective", map[string]any{"retrospectiveId": r.ID, "summary": "s", "impact": "i", "rootCause": "c"})
	retro(t, env, "submitRetrospectiveForReview", map[string]any{"retrospectiveId": r.ID})
	retro(t, env, "publishRetrospective", map[string]any{"retrospectiveId": r.ID})
	// Two more days: the retrospective's due date and the day after pass
	// without a nudge. The follow-up's nudges show the worker got that far
	// (anything due with the first of them has run by the second).
	env.Clock.Advance(day)
	waitForNudges("ACTION_ITEM_NUDGE", 3)
	env.Clock.Advance(day)
	waitForNudges("ACTION_ITEM_NUDGE", 4)
	if n := len(nudges("RETROSPECTIVE_NUDGE")); n != 1 {
		t.Errorf("%d retrospective nudges after publishing, want the 1 before", n)
	}
}
