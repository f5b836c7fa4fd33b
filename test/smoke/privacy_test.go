package smoke_test

import (
	"io"
	"net/http"
	"strconv"
	"testing"

	"firebreak/internal/testenv"
)

// A private incident is visible to admins, its declarer and its current role
// holders — on every path — and to everyone else it does not exist:
// NOT_FOUND, never FORBIDDEN, and absent from lists, counts and search.
func TestPrivateIncidentsAreInvisibleToOutsidersOnEveryPath(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	holderKey := env.NewKey(t, "Role Holder", "RESPONDER")
	outsiderKey := env.NewKey(t, "Outsider", "RESPONDER")
	product := env.CreateProduct(t, "Payments")

	// The declarer is env.ResponderKey.
	private := env.Declare(t, map[string]any{"title": "Credential leak in payments logs", "severityLevel": 1,
		"visibility": "PRIVATE", "productIds": []string{product}})
	public := env.Declare(t, map[string]any{"title": "Public payments slowness", "severityLevel": 3, "productIds": []string{product}})
	env.Query(t, env.ResponderKey, `mutation($in: AssignIncidentRoleInput!) { assignIncidentRole(input: $in) { incident { id } } }`,
		map[string]any{"in": map[string]any{"incidentId": private.ID, "role": "SCRIBE", "userId": userID(t, env, holderKey)}}, nil)
	var posted struct {
		PostIncidentUpdate struct{ Update struct{ ID string } }
	}
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { postIncidentUpdate(input: {incidentId: $id, body: "Rotating keys"}) { update { id } } }`,
		map[string]any{"id": private.ID}, &posted)
	updateID := posted.PostIncidentUpdate.Update.ID
	var eventGID struct {
		Incident struct {
			Timeline struct{ Nodes []struct{ ID string } }
		}
	}
	env.Query(t, env.AdminKey, `query($id: ID) { incident(id: $id) { timeline { nodes { id } } } }`, map[string]any{"id": private.ID}, &eventGID)
	event := eventGID.Incident.Timeline.Nodes[0].ID

	users := []struct {
		name    string
		key     string
		allowed bool
	}{
		{"admin", env.AdminKey, true},
		{"declarer", env.ResponderKey, true},
		{"role holder", holderKey, true},
		{"other responder", outsiderKey, false},
		{"viewer", env.ViewerKey, false},
	}
	// Each path returns whether the user saw the private incident.
	lookup := func(query string, vars map[string]any) func(*testing.T, string) bool {
		return func(t *testing.T, key string) bool {
			res := env.Post(t, key, query, vars)
			if len(res.Errors) == 0 {
				return true
			}
			if c := res.Errors[0].Code(); c != "NOT_FOUND" {
				t.Errorf("want NOT_FOUND for an invisible incident, got %s: %s", c, res.Raw)
			}
			return false
		}
	}
	listContains := func(filter map[string]any) func(*testing.T, string) bool {
		return func(t *testing.T, key string) bool {
			var out listJSON
			env.Query(t, key, listQuery, map[string]any{"filter": filter}, &out)
			found := false
			for _, n := range out.Incidents.Nodes {
				found = found || n.ID == private.ID
			}
			if out.Incidents.TotalCount != len(out.Incidents.Nodes) {
				t.Errorf("totalCount %d disagrees with %d visible nodes", out.Incidents.TotalCount, len(out.Incidents.Nodes))
			}
			return found
		}
	}
	paths := map[string]func(*testing.T, string) bool{
		"incident(id)":     lookup(`query($id: ID) { incident(id: $id) { id title } }`, map[string]any{"id": private.ID}),
		"incident(number)": lookup(`query($n: Int) { incident(number: $n) { id } }`, map[string]any{"n": private.Number}),
		"incident(handle)": lookup(`query($h: String) { incident(handle: $h) { id } }`, map[string]any{"h": private.Handle}),
		"node(incident)":   lookup(`query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": private.ID}),
		"node(update)":     lookup(`query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": updateID}),
		"node(event)":      lookup(`query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": event}),
		"postIncidentUpdate": func(t *testing.T, key string) bool {
			if key == env.ViewerKey {
				// Viewers may not mutate any incident: FORBIDDEN, whatever the id.
				env.MustFail(t, key, `mutation($id: ID!) { postIncidentUpdate(input: {incidentId: $id, body: "probe"}) { update { id } } }`,
					map[string]any{"id": private.ID}, "FORBIDDEN")
				return false
			}
			return lookup(`mutation($id: ID!) { postIncidentUpdate(input: {incidentId: $id, body: "probe"}) { update { id } } }`,
				map[string]any{"id": private.ID})(t, key)
		},
		"incidents":          listContains(nil),
		"incidents(search)":  listContains(map[string]any{"query": "credential leak"}),
		"incidents(product)": listContains(map[string]any{"productIds": []string{product}}),
		"incidents(private)": listContains(map[string]any{"visibility": "PRIVATE"}),
		"product openIncidents": func(t *testing.T, key string) bool {
			var out struct{ Products []struct{ OpenIncidents int } }
			env.Query(t, key, `{ products { openIncidents } }`, nil, &out)
			return out.Products[0].OpenIncidents == 2
		},
		"factsheet.md": func(t *testing.T, key string) bool {
			req, _ := http.NewRequest(http.MethodGet, env.Server.URL+"/incidents/INC-"+strconv.Itoa(private.Number)+"/factsheet.md", nil)
			req.Header.Set("Authorization", "Bearer "+key)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusOK && res.StatusCode != http.StatusNotFound {
				t.Errorf("factsheet: HTTP %d", res.StatusCode)
			}
			return res.StatusCode == http.StatusOK
		},
	}
	for pathName, sees := range paths {
		for _, u := range users {
			t.Run(pathName+"/"+u.name, func(t *testing.T) {
				if got := sees(t, u.key); got != u.allowed {
					t.Errorf("%s sees the private incident via %s: %v, want %v", u.name, pathName, got, u.allowed)
				}
			})
		}
	}

	// The public incident stays visible to everyone.
	for _, u := range users {
		env.GetIncident(t, u.key, public.ID)
	}

	// Losing the role loses access.
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { unassignIncidentRole(input: {incidentId: $id, role: SCRIBE}) { incident { id } } }`,
		map[string]any{"id": private.ID}, nil)
	env.MustFail(t, holderKey, `query($id: ID) { incident(id: $id) { id } }`, map[string]any{"id": private.ID}, "NOT_FOUND")
}
