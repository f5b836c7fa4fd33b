package smoke_test

import (
	"testing"

	"firebreak/internal/testenv"
)

type rolesJSON struct {
	Incident struct {
		Commander *struct{ ID, Name string }
		Roles     []struct {
			Role string
			User struct{ ID, Name string }
		}
		Timeline struct {
			Nodes []testenv.Event
		}
	}
}

func readRoles(t *testing.T, env *testenv.Env, id string) rolesJSON {
	t.Helper()
	var out rolesJSON
	env.Query(t, env.ViewerKey, `query($id: ID) { incident(id: $id) { commander { id name } roles { role user { id name } }
		timeline { nodes { kind data message } } } }`, map[string]any{"id": id}, &out)
	return out
}

func userID(t *testing.T, env *testenv.Env, key string) string {
	t.Helper()
	var me struct{ Me struct{ ID string } }
	env.Query(t, key, `{ me { id } }`, nil, &me)
	return me.Me.ID
}

func TestRolesHaveOneHolderAndKeepTheirHistory(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	alice := userID(t, env, env.NewKey(t, "Alice", "RESPONDER"))
	bob := userID(t, env, env.NewKey(t, "Bob", "RESPONDER"))

	// Declaring may name the commander.
	inc := env.Declare(t, map[string]any{"title": "DNS failures", "severityLevel": 1, "commanderId": alice})
	if got := readRoles(t, env, inc.ID); got.Incident.Commander == nil || got.Incident.Commander.Name != "Alice" {
		t.Fatalf("commander = %+v", got.Incident.Commander)
	}

	const assign = `mutation($in: AssignIncidentRoleInput!) { assignIncidentRole(input: $in) { incident { id } } }`
	env.Query(t, env.ResponderKey, assign, map[string]any{"in": map[string]any{"incidentId": inc.ID, "role": "COMMUNICATIONS", "userId": bob}}, nil)
	env.Query(t, env.ResponderKey, assign, map[string]any{"in": map[string]any{"incidentId": inc.ID, "role": "COMMANDER", "userId": bob}}, nil)

	got := readRoles(t, env, inc.ID)
	if got.Incident.Commander == nil || got.Incident.Commander.Name != "Bob" {
		t.Errorf("commander handed over to Bob: %+v", got.Incident.Commander)
	}
	if len(got.Incident.Roles) != 2 || got.Incident.Roles[0].Role != "COMMANDER" || got.Incident.Roles[1].Role != "COMMUNICATIONS" {
		t.Errorf("roles = %+v", got.Incident.Roles)
	}
	var history []string
	for _, e := range got.Incident.Timeline.Nodes {
		if e.Kind == "ROLE_ASSIGNED" && e.Data["role"] == "COMMANDER" {
			history = append(history, e.Data["user"].(string))
		}
	}
	if len(history) != 2 || history[0] != "Alice" || history[1] != "Bob" {
		t.Errorf("commander history = %v, want [Alice Bob]", history)
	}

	// Giving a role to its current holder changes nothing.
	before := env.GetIncident(t, env.ViewerKey, inc.ID)
	env.Query(t, env.ResponderKey, assign, map[string]any{"in": map[string]any{"incidentId": inc.ID, "role": "COMMANDER", "userId": bob}}, nil)
	if after := env.GetIncident(t, env.ViewerKey, inc.ID); after.Version != before.Version || after.Timeline.TotalCount != before.Timeline.TotalCount {
		t.Errorf("re-assigning the holder changed version %d→%d, events %d→%d",
			before.Version, after.Version, before.Timeline.TotalCount, after.Timeline.TotalCount)
	}

	env.Query(t, env.ResponderKey, `mutation($in: UnassignIncidentRoleInput!) { unassignIncidentRole(input: $in) { incident { id } } }`,
		map[string]any{"in": map[string]any{"incidentId": inc.ID, "role": "COMMUNICATIONS"}}, nil)
	if got := readRoles(t, env, inc.ID); len(got.Incident.Roles) != 1 {
		t.Errorf("after unassign: %+v", got.Incident.Roles)
	}
	env.MustFail(t, env.ResponderKey, `mutation($in: UnassignIncidentRoleInput!) { unassignIncidentRole(input: $in) { incident { id } } }`,
		map[string]any{"in": map[string]any{"incidentId": inc.ID, "role": "SCRIBE"}}, "BAD_USER_INPUT")
	e := env.MustFail(t, env.ResponderKey, assign, map[string]any{"in": map[string]any{"incidentId": inc.ID, "role": "SCRIBE", "userId": "VXNlcjo5OTk"}}, "BAD_USER_INPUT")
	if e.Field() != "userId" {
		t.Errorf("field = %q", e.Field())
	}
	env.MustFail(t, env.ViewerKey, assign, map[string]any{"in": map[string]any{"incidentId": inc.ID, "role": "SCRIBE", "userId": bob}}, "FORBIDDEN")
}
