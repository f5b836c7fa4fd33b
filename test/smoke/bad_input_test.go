package smoke_test

import (
	"strings"
	"testing"

	"firebreak/internal/testenv"
)

// Each bad input is refused with its code and the field at fault, and
// nothing is written.
func TestBadInputIsRefusedAndNothingIsWritten(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	inc := env.Declare(t, map[string]any{"title": "Existing", "severityLevel": 2})
	const declareMutation = `mutation($in: DeclareIncidentInput!) { declareIncident(input: $in) { incident { id } } }`
	const updateMutation = `mutation($in: PostIncidentUpdateInput!) { postIncidentUpdate(input: $in) { update { id } } }`
	const statusMutation = `mutation($in: ChangeIncidentStatusInput!) { changeIncidentStatus(input: $in) { incident { id } } }`

	cases := []struct {
		name, query string
		input       map[string]any
		code, field string
	}{
		{"empty title", declareMutation, map[string]any{"title": "", "severityLevel": 1}, "BAD_USER_INPUT", "title"},
		{"blank title", declareMutation, map[string]any{"title": "   ", "severityLevel": 1}, "BAD_USER_INPUT", "title"},
		{"300-character title", declareMutation, map[string]any{"title": strings.Repeat("x", 300), "severityLevel": 1}, "BAD_USER_INPUT", "title"},
		{"unknown severity level", declareMutation, map[string]any{"title": "ok", "severityLevel": 7}, "BAD_USER_INPUT", "severityLevel"},
		{"malformed product id", declareMutation, map[string]any{"title": "ok", "severityLevel": 1, "productIds": []string{"nope"}}, "BAD_USER_INPUT", "productIds"},
		{"unknown product", declareMutation, map[string]any{"title": "ok", "severityLevel": 1, "productIds": []string{"UHJvZHVjdDo5OTk"}}, "BAD_USER_INPUT", "productIds"},
		{"future detectedAt", declareMutation, map[string]any{"title": "ok", "severityLevel": 1, "detectedAt": "2999-01-01T00:00:00Z"}, "BAD_USER_INPUT", "detectedAt"},
		{"malformed detectedAt", declareMutation, map[string]any{"title": "ok", "severityLevel": 1, "detectedAt": "yesterday"}, "BAD_USER_INPUT", ""},
		{"malformed incident id", updateMutation, map[string]any{"incidentId": "!!!", "body": "x"}, "BAD_USER_INPUT", "incidentId"},
		{"id of another type", updateMutation, map[string]any{"incidentId": "UHJvZHVjdDox", "body": "x"}, "BAD_USER_INPUT", "incidentId"},
		{"unknown incident", updateMutation, map[string]any{"incidentId": "SW5jaWRlbnQ6OTk5OQ", "body": "x"}, "NOT_FOUND", ""},
		{"empty body", updateMutation, map[string]any{"incidentId": inc.ID, "body": " "}, "BAD_USER_INPUT", "body"},
		{"unknown severity in update", updateMutation, map[string]any{"incidentId": inc.ID, "body": "x", "severityLevel": 0}, "BAD_USER_INPUT", "severityLevel"},
		{"unknown status", statusMutation, map[string]any{"incidentId": inc.ID, "status": "PANICKING"}, "BAD_USER_INPUT", ""},
		{"illegal status move", statusMutation, map[string]any{"incidentId": inc.ID, "status": "CLOSED"}, "INVALID_TRANSITION", "status"},
		{"same status", statusMutation, map[string]any{"incidentId": inc.ID, "status": "INVESTIGATING"}, "INVALID_TRANSITION", "status"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := env.MustFail(t, env.ResponderKey, c.query, map[string]any{"in": c.input}, c.code)
			if c.field != "" && e.Field() != c.field {
				t.Errorf("field = %q, want %q (%s)", e.Field(), c.field, e.Message)
			}
		})
	}

	var out struct {
		Incidents struct{ TotalCount int }
	}
	env.Query(t, env.ViewerKey, `{ incidents { totalCount } }`, nil, &out)
	got := env.GetIncident(t, env.ViewerKey, inc.ID)
	if out.Incidents.TotalCount != 1 || got.Version != 1 || got.Updates.TotalCount != 0 || got.Timeline.TotalCount != 2 {
		t.Errorf("bad input wrote something: %d incidents, version %d, %d updates, %d events",
			out.Incidents.TotalCount, got.Version, got.Updates.TotalCount, got.Timeline.TotalCount)
	}

	// Lookups: exactly one key, and well-formed.
	env.MustFail(t, env.ViewerKey, `{ incident { id } }`, nil, "BAD_USER_INPUT")
	env.MustFail(t, env.ViewerKey, `query($id: ID, $n: Int) { incident(id: $id, number: $n) { id } }`, map[string]any{"id": inc.ID, "n": 1}, "BAD_USER_INPUT")
	env.MustFail(t, env.ViewerKey, `{ incident(id: "garbage") { id } }`, nil, "BAD_USER_INPUT")
	env.MustFail(t, env.ViewerKey, `{ incident(handle: "no-such-handle") { id } }`, nil, "NOT_FOUND")
	env.MustFail(t, env.ViewerKey, `{ incidents(first: 1000) { totalCount } }`, nil, "BAD_USER_INPUT")
	env.MustFail(t, env.ViewerKey, `{ incidents(after: "bogus") { totalCount } }`, nil, "BAD_USER_INPUT")
	// Documents that are not GraphQL or not valid against the schema carry
	// the codes Apollo Server uses, which clients match on.
	env.MustFail(t, env.ViewerKey, `{ nosuchfield }`, nil, "GRAPHQL_VALIDATION_FAILED")
	env.MustFail(t, env.ViewerKey, `{ incidents(first: "ten") { totalCount } }`, nil, "GRAPHQL_VALIDATION_FAILED")
	env.MustFail(t, env.ViewerKey, `{ me { id `, nil, "GRAPHQL_PARSE_FAILED")
	// A bad value in the variables is the user's: BAD_USER_INPUT naming it.
	e := env.MustFail(t, env.ViewerKey, `query($n: Int) { incident(number: $n) { id } }`, map[string]any{"n": "ten"}, "BAD_USER_INPUT")
	if e.Field() != "n" {
		t.Errorf("variable error names %q", e.Field())
	}
}
