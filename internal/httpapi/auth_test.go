package httpapi_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"firebreak/internal/auth"
	"firebreak/internal/testenv"
	"firebreak/models"
)

func TestAuthentication(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	keys := auth.NewService(env.DB)

	revoked := env.NewKey(t, "Revoked", models.RoleAdmin)
	if err := keys.RevokeKey(context.Background(), revoked); err != nil {
		t.Fatal(err)
	}
	past := time.Now().Add(-time.Hour)
	expired, _, err := keys.CreateKey(context.Background(), auth.CreateKeyParams{Name: "Expired", Role: models.RoleAdmin, ExpiresAt: &past})
	if err != nil {
		t.Fatal(err)
	}

	for name, key := range map[string]string{
		"no key":      "",
		"unknown key": "fbk_NOTAREALKEYNOTAREALKEYNOTAREA",
		"not ours":    "sk_live_123",
		"revoked key": revoked,
		"expired key": expired,
	} {
		res := env.Post(t, key, `{ me { id } severities { name } }`, nil)
		if res.Status != http.StatusUnauthorized || len(res.Errors) != 1 || res.Errors[0].Code() != "UNAUTHENTICATED" || res.HasData() {
			t.Errorf("%s: HTTP %d %s", name, res.Status, res.Raw)
		}
	}

	var me struct{ Me struct{ Name, Role string } }
	env.Query(t, env.ViewerKey, `{ me { name role } }`, nil, &me)
	if me.Me.Name != "Test viewer" || me.Me.Role != "VIEWER" {
		t.Errorf("me = %+v", me.Me)
	}
}

func TestRolesLimitMutations(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	inc := env.Declare(t, map[string]any{"title": "Existing", "severityLevel": 2})

	viewerMutations := map[string]struct {
		query string
		vars  map[string]any
	}{
		"declareIncident": {`mutation { declareIncident(input: {title: "x", severityLevel: 1}) { incident { id } } }`, nil},
		"postIncidentUpdate": {`mutation($id: ID!) { postIncidentUpdate(input: {incidentId: $id, body: "x"}) { update { id } } }`,
			map[string]any{"id": inc.ID}},
		"changeIncidentStatus": {`mutation($id: ID!) { changeIncidentStatus(input: {incidentId: $id, status: RESOLVED}) { incident { id } } }`,
			map[string]any{"id": inc.ID}},
		"changeIncidentSeverity": {`mutation($id: ID!) { changeIncidentSeverity(input: {incidentId: $id, severityLevel: 1}) { incident { id } } }`,
			map[string]any{"id": inc.ID}},
		"createProduct": {`mutation { createProduct(input: {name: "Nope"}) { product { id } } }`, nil},
	}
	for name, m := range viewerMutations {
		t.Run("viewer "+name, func(t *testing.T) {
			env.MustFail(t, env.ViewerKey, m.query, m.vars, "FORBIDDEN")
		})
	}
	// Responders run incidents but do not manage the catalog.
	env.MustFail(t, env.ResponderKey, viewerMutations["createProduct"].query, nil, "FORBIDDEN")

	// Nothing was written by the refused mutations.
	var out struct {
		Incidents struct{ TotalCount int }
		Products  []struct{ ID string }
	}
	env.Query(t, env.ViewerKey, `{ incidents { totalCount } products { id } }`, nil, &out)
	got := env.GetIncident(t, env.ViewerKey, inc.ID)
	if out.Incidents.TotalCount != 1 || len(out.Products) != 0 || got.Version != 1 || got.Timeline.TotalCount != 2 {
		t.Errorf("refused mutations wrote something: %+v, incident version %d, %d events", out, got.Version, got.Timeline.TotalCount)
	}

	// Admins may do everything.
	env.Query(t, env.AdminKey, `mutation($id: ID!) { changeIncidentStatus(input: {incidentId: $id, status: IDENTIFIED}) { incident { id } } }`,
		map[string]any{"id": inc.ID}, nil)
}
