package smoke_test

import (
	"testing"

	"firebreak/internal/testenv"
)

// Every object with a global id can be fetched back through node(id).
func TestNodeFetchesEveryKindOfObject(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	product := env.CreateProduct(t, "Search")
	inc := env.Declare(t, map[string]any{"title": "Node test", "severityLevel": 2, "productIds": []string{product}})
	var up struct {
		PostIncidentUpdate struct{ Update struct{ ID string } }
	}
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { postIncidentUpdate(input: {incidentId: $id, body: "hi"}) { update { id } } }`,
		map[string]any{"id": inc.ID}, &up)
	var ids struct {
		Incident struct {
			Severity  struct{ ID string }
			CreatedBy struct{ ID string }
			Timeline  struct{ Nodes []struct{ ID string } }
		}
	}
	env.Query(t, env.ViewerKey, `query($id: ID) { incident(id: $id) { severity { id } createdBy { id } timeline { nodes { id } } } }`,
		map[string]any{"id": inc.ID}, &ids)

	for typename, id := range map[string]string{
		"Incident":       inc.ID,
		"IncidentUpdate": up.PostIncidentUpdate.Update.ID,
		"TimelineEvent":  ids.Incident.Timeline.Nodes[0].ID,
		"Severity":       ids.Incident.Severity.ID,
		"User":           ids.Incident.CreatedBy.ID,
		"Product":        product,
	} {
		var out struct {
			Node struct {
				Typename string `json:"__typename"`
				ID       string
			}
		}
		env.Query(t, env.ViewerKey, `query($id: ID!) { node(id: $id) { __typename id } }`, map[string]any{"id": id}, &out)
		if out.Node.Typename != typename || out.Node.ID != id {
			t.Errorf("node(%s) = %+v, want a %s", id, out.Node, typename)
		}
	}
	env.MustFail(t, env.ViewerKey, `{ node(id: "SW5jaWRlbnQ6OTk5OTk") { id } }`, nil, "NOT_FOUND")
	env.MustFail(t, env.ViewerKey, `{ node(id: "bm9wZTox") { id } }`, nil, "NOT_FOUND")
	env.MustFail(t, env.ViewerKey, `{ node(id: "???") { id } }`, nil, "BAD_USER_INPUT")
}
