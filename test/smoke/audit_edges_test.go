package smoke_test

import (
	"strings"
	"testing"
	"time"

	"firebreak/internal/testenv"
)

// The edges' settings are in the audit log like every other setting:
// alert sources (credentials that act on timelines: created and revoked,
// never their token), alert routes (with the templates that name
// incidents) and maintenance windows (announced to the public), each with
// the person who made the change.
func TestEdgeSettingsAreAudited(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	id, token, _ := createAlertSource(t, env, "prod Alertmanager", "ALERTMANAGER")
	env.Query(t, env.AdminKey, `mutation($id: ID!) { revokeAlertSource(input: {alertSourceId: $id}) { source { revokedAt } } }`, map[string]any{"id": id}, nil)
	env.Query(t, env.AdminKey, `mutation { createAlertRoute(input: {matchers: "team=\"web\"", severityLevel: 2, titleTemplate: "{{ .Labels.alertname }} (web)"}) { route { id } } }`, nil, nil)
	api := createComponent(t, env, map[string]any{"name": "API", "public": true})
	from, until := time.Now().Add(time.Hour).UTC().Format(time.RFC3339), time.Now().Add(2*time.Hour).UTC().Format(time.RFC3339)
	var m struct {
		ScheduleMaintenance struct{ Maintenance struct{ ID string } }
	}
	env.Query(t, env.ResponderKey, `mutation($in: ScheduleMaintenanceInput!) { scheduleMaintenance(input: $in) { maintenance { id } } }`,
		map[string]any{"in": map[string]any{"title": "Database upgrade", "productIds": []string{api}, "scheduledFor": from, "scheduledUntil": until}}, &m)
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { startMaintenance(input: {maintenanceId: $id}) { maintenance { status } } }`,
		map[string]any{"id": m.ScheduleMaintenance.Maintenance.ID}, nil)

	entries := map[string]auditJSON{}
	for _, e := range auditLog(t, env, nil) {
		entries[e.Kind] = e
	}
	for kind, who := range map[string]string{
		"alert_source.created": "Test admin", "alert_source.revoked": "Test admin", "alert_route.created": "Test admin",
		"maintenance.created": "Test responder", "maintenance.updated": "Test responder",
	} {
		e, ok := entries[kind]
		if !ok {
			t.Errorf("no %s entry in the audit log", kind)
			continue
		}
		if e.Actor == nil || e.Actor.Name != who {
			t.Errorf("%s by %+v, want %s", kind, e.Actor, who)
		}
	}
	if e := entries["alert_route.created"]; e.After["title_template"] != "{{ .Labels.alertname }} (web)" || e.SubjectType != "alert_route" {
		t.Errorf("the route's entry: %+v", e)
	}
	if e := entries["alert_source.created"]; e.SubjectID != id || e.After["token_hash"] != nil {
		t.Errorf("the source's entry: %+v (source %s)", e, id)
	}
	for _, e := range auditLog(t, env, nil) {
		for _, row := range []map[string]any{e.Before, e.After} {
			for k, v := range row {
				if s, ok := v.(string); ok && strings.Contains(s, token[4:]) {
					t.Errorf("%s has the source's token in %s", e.Kind, k)
				}
			}
		}
	}
}
