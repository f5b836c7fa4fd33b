package smoke_test

import (
	"testing"

	"firebreak/internal/testenv"
)

// Every move the state machine forbids is refused through the API with
// INVALID_TRANSITION, from every status an incident can be in, and refused
// moves leave the incident untouched.
func TestEveryIllegalTransitionIsRejected(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	all := []string{"INVESTIGATING", "IDENTIFIED", "MONITORING", "RESOLVED", "CLOSED", "CANCELED"}
	// How to reach each status from a fresh (INVESTIGATING) incident.
	pathTo := map[string][]string{
		"INVESTIGATING": {},
		"IDENTIFIED":    {"IDENTIFIED"},
		"MONITORING":    {"MONITORING"},
		"RESOLVED":      {"RESOLVED"},
		"CLOSED":        {"RESOLVED", "CLOSED"},
		"CANCELED":      {"CANCELED"},
	}
	legal := map[string][]string{
		"INVESTIGATING": {"IDENTIFIED", "MONITORING", "RESOLVED", "CANCELED"},
		"IDENTIFIED":    {"INVESTIGATING", "MONITORING", "RESOLVED", "CANCELED"},
		"MONITORING":    {"INVESTIGATING", "IDENTIFIED", "RESOLVED", "CANCELED"},
		"RESOLVED":      {"CLOSED", "INVESTIGATING"},
	}
	const change = `mutation($in: ChangeIncidentStatusInput!) { changeIncidentStatus(input: $in) { incident { status } } }`

	for _, from := range all {
		inc := env.Declare(t, map[string]any{"title": "From " + from, "severityLevel": 3})
		for _, step := range pathTo[from] {
			env.Query(t, env.ResponderKey, change, map[string]any{"in": map[string]any{"incidentId": inc.ID, "status": step}}, nil)
		}
		before := env.GetIncident(t, env.ViewerKey, inc.ID)
		if before.Status != from {
			t.Fatalf("setup: incident is %s, want %s", before.Status, from)
		}
		for _, to := range all {
			if contains(legal[from], to) {
				continue
			}
			e := env.MustFail(t, env.ResponderKey, change,
				map[string]any{"in": map[string]any{"incidentId": inc.ID, "status": to}}, "INVALID_TRANSITION")
			if e.Field() != "status" {
				t.Errorf("%s -> %s: field = %q", from, to, e.Field())
			}
			// An update carrying an illegal status is refused whole: no update is posted.
			if from != to {
				env.MustFail(t, env.ResponderKey, `mutation($in: PostIncidentUpdateInput!) { postIncidentUpdate(input: $in) { update { id } } }`,
					map[string]any{"in": map[string]any{"incidentId": inc.ID, "status": to, "body": "try"}}, "INVALID_TRANSITION")
			}
		}
		after := env.GetIncident(t, env.ViewerKey, inc.ID)
		if after.Status != from || after.Version != before.Version || after.Timeline.TotalCount != before.Timeline.TotalCount ||
			after.Updates.TotalCount != before.Updates.TotalCount {
			t.Errorf("%s: refused moves changed the incident: %+v -> %+v", from, before, after)
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
