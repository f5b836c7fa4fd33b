package smoke_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"firebreak/internal/testenv"
)

type auditJSON struct {
	Kind, SubjectType, SubjectID string
	Actor                        *struct{ Name string }
	Before, After                map[string]any
}

func auditLog(t *testing.T, env *testenv.Env, filter map[string]any) []auditJSON {
	t.Helper()
	var out struct {
		AuditLog struct {
			TotalCount int
			Nodes      []auditJSON
		}
	}
	env.Query(t, env.AdminKey, `query($f: AuditLogFilter) { auditLog(filter: $f, first: 100) {
		totalCount nodes { kind subjectType subjectId actor { name } before after } } }`, map[string]any{"f": filter}, &out)
	if out.AuditLog.TotalCount != len(out.AuditLog.Nodes) {
		t.Fatalf("totalCount %d for %d entries", out.AuditLog.TotalCount, len(out.AuditLog.Nodes))
	}
	return out.AuditLog.Nodes
}

const updateSeverity = `mutation($in: UpdateSeverityInput!) { updateSeverity(input: $in) {
	severity { level name description updateIntervalMinutes version } } }`

// An admin changes SEV-1's cadence to a minute: a quiet open SEV-1 is
// reminded a minute after its declaration, without restarting anything;
// the definitions document shows the new text; the audit log has the change
// once, with before and after.
func TestSeverityCadenceChangeRemindsAtTheNewCadence(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	env.StartWorker(t)
	id := env.Declare(t, map[string]any{"title": "Quiet SEV-1", "severityLevel": 1}).ID
	before := reminders(t, env, id)

	var out struct {
		UpdateSeverity struct {
			Severity struct {
				Level, UpdateIntervalMinutes, Version int
				Description                           string
			}
		}
	}
	env.Query(t, env.AdminKey, updateSeverity, map[string]any{"in": map[string]any{
		"level": 1, "updateIntervalMinutes": 1, "description": "Customers cannot work at all.", "expectedVersion": 1}}, &out)
	if sev := out.UpdateSeverity.Severity; sev.UpdateIntervalMinutes != 1 || sev.Version != 2 {
		t.Fatalf("severity after the change: %+v", sev)
	}
	after := reminders(t, env, id)
	if after.NextUpdateDueAt == nil || !after.NextUpdateDueAt.Before(*before.NextUpdateDueAt) ||
		after.NextUpdateDueAt.Sub(*before.NextUpdateDueAt) != -29*time.Minute {
		t.Fatalf("next update due %v, was %v: want 29 minutes earlier", after.NextUpdateDueAt, before.NextUpdateDueAt)
	}
	env.Clock.Advance(61 * time.Second)
	waitForReminders(t, env, id, 1)

	if _, _, md := env.Get(t, env.ViewerKey, "/severities.md"); !strings.Contains(md, "Customers cannot work at all.") || !strings.Contains(md, "every 1 minutes") {
		t.Fatalf("severities.md does not show the change:\n%s", md)
	}
	// A stale version writes nothing.
	env.MustFail(t, env.AdminKey, updateSeverity, map[string]any{"in": map[string]any{"level": 1, "name": "Stale", "expectedVersion": 1}}, "CONFLICT")
	entries := auditLog(t, env, map[string]any{"kind": "severity.updated"})
	if len(entries) != 1 || entries[0].Actor == nil || entries[0].Actor.Name != "Test admin" ||
		entries[0].Before["update_interval_minutes"] != 30.0 || entries[0].After["update_interval_minutes"] != 1.0 {
		t.Fatalf("audit entries %+v", entries)
	}
}

// Bad input names the field and writes nothing.
func TestSeverityBadInputWritesNothing(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	for field, in := range map[string]map[string]any{
		"updateIntervalMinutes": {"level": 2, "updateIntervalMinutes": 0},
		"retrospectiveDueDays":  {"level": 2, "retrospectiveDueDays": 400},
		"color":                 {"level": 2, "color": "red"},
		"name":                  {"level": 2, "name": "SEV-1"},
		"level":                 {"level": 7, "name": "SEV-7"},
	} {
		if e := env.MustFail(t, env.AdminKey, updateSeverity, map[string]any{"in": in}, "BAD_USER_INPUT"); e.Extensions["field"] != field {
			t.Errorf("%v: field %v, want %s", in, e.Extensions["field"], field)
		}
	}
	if entries := auditLog(t, env, map[string]any{"kind": "severity.updated"}); len(entries) != 0 {
		t.Fatalf("refused changes were recorded: %+v", entries)
	}
}

// Every admin mutation refuses RESPONDER and VIEWER keys, and nothing changes.
func TestAdminMutationsAreForbiddenToOthers(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	var me struct{ Me struct{ ID string } }
	env.Query(t, env.AdminKey, `{ me { id } }`, nil, &me)
	auditBefore := len(auditLog(t, env, nil))
	for _, m := range []struct {
		query string
		vars  map[string]any
	}{
		{updateSeverity, map[string]any{"in": map[string]any{"level": 1, "updateIntervalMinutes": 1}}},
		{`mutation { createUser(input: {name: "Eve", email: "eve@example.com", role: ADMIN}) { user { id } } }`, nil},
		{`mutation($id: ID!) { updateUser(input: {userId: $id, role: VIEWER}) { user { id } } }`, map[string]any{"id": me.Me.ID}},
		{`mutation($id: ID!) { deactivateUser(input: {userId: $id}) { user { id } } }`, map[string]any{"id": me.Me.ID}},
		{`mutation($id: ID!) { reactivateUser(input: {userId: $id}) { user { id } } }`, map[string]any{"id": me.Me.ID}},
		{`mutation($id: ID!) { createApiKey(input: {name: "theirs", userId: $id}) { secret } }`, map[string]any{"id": me.Me.ID}},
		{`{ auditLog { totalCount } }`, nil},
	} {
		for _, key := range []string{env.ResponderKey, env.ViewerKey} {
			env.MustFail(t, key, m.query, m.vars, "FORBIDDEN")
		}
	}
	for _, key := range []string{env.ResponderKey, env.ViewerKey} {
		if status, _, _ := env.Get(t, key, "/admin/audit.jsonl"); status != http.StatusForbidden {
			t.Errorf("GET /admin/audit.jsonl: %d, want 403", status)
		}
	}
	var sevs struct {
		Severities []struct{ UpdateIntervalMinutes int }
	}
	env.Query(t, env.ViewerKey, `{ severities { updateIntervalMinutes } }`, nil, &sevs)
	if sevs.Severities[0].UpdateIntervalMinutes != 30 {
		t.Fatalf("SEV-1 cadence changed to %d", sevs.Severities[0].UpdateIntervalMinutes)
	}
	if n := len(auditLog(t, env, nil)); n != auditBefore {
		t.Fatalf("audit log grew from %d to %d entries", auditBefore, n)
	}
}

const createKey = `mutation($in: CreateApiKeyInput!) { createApiKey(input: $in) {
	secret apiKey { id prefix name role expiresAt lastUsedAt revokedAt owner { name } } } }`

type createdKey struct {
	Secret string
	APIKey struct {
		ID, Prefix, Name, Role string
		RevokedAt              *time.Time
		Owner                  struct{ Name string }
	} `json:"apiKey"`
}

func newPerson(t *testing.T, env *testenv.Env, name, email, role string) string {
	t.Helper()
	var out struct {
		CreateUser struct{ User struct{ ID string } }
	}
	env.Query(t, env.AdminKey, `mutation($n: String!, $e: String!, $r: UserRole!) { createUser(input: {name: $n, email: $e, role: $r}) { user { id } } }`,
		map[string]any{"n": name, "e": email, "r": role}, &out)
	return out.CreateUser.User.ID
}

func keyFor(t *testing.T, env *testenv.Env, userID string, role any) createdKey {
	t.Helper()
	var out struct{ CreateAPIKey createdKey }
	env.Query(t, env.AdminKey, createKey, map[string]any{"in": map[string]any{"name": "laptop", "userId": userID, "role": role}}, &out)
	return out.CreateAPIKey
}

// Deactivating a person: their key is refused on the next request, their
// open websocket ends, they cannot be given a role, and their history keeps
// their name. Reactivating lets the key work again.
func TestDeactivatedPersonIsLockedOutAtOnce(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	userID := newPerson(t, env, "Dana Leaving", "dana@example.com", "RESPONDER")
	key := keyFor(t, env, userID, nil).Secret
	inc := env.Declare(t, map[string]any{"title": "Dana's incident", "severityLevel": 3})
	env.Query(t, key, `mutation($id: ID!) { postIncidentUpdate(input: {incidentId: $id, body: "Dana was here"}) { update { id } } }`,
		map[string]any{"id": inc.ID}, nil)
	socket := testenv.DialWS(t, env.Server.URL, key)
	socket.Subscribe("1", `subscription { incidentChanges { title } }`, nil)
	env.WaitForSubscriptions(t, 1)

	env.Query(t, env.AdminKey, `mutation($id: ID!) { deactivateUser(input: {userId: $id}) { user { active } } }`, map[string]any{"id": userID}, nil)
	env.MustFail(t, key, `{ me { name } }`, nil, "UNAUTHENTICATED")
	if code, reason := socket.CloseStatus(t, 5*time.Second); code != 4401 {
		t.Fatalf("socket closed %d %q, want 4401", code, reason)
	}
	e := env.MustFail(t, env.ResponderKey, `mutation($i: ID!, $u: ID!) { assignIncidentRole(input: {incidentId: $i, role: SCRIBE, userId: $u}) { incident { id } } }`,
		map[string]any{"i": inc.ID, "u": userID}, "BAD_USER_INPUT")
	if e.Extensions["field"] != "userId" {
		t.Fatalf("role refusal names %v", e.Extensions["field"])
	}
	var latest struct {
		Incident struct {
			LatestUpdate struct{ Author struct{ Name string } }
		}
	}
	env.Query(t, env.ViewerKey, `query($id: ID) { incident(id: $id) { latestUpdate { author { name } } } }`, map[string]any{"id": inc.ID}, &latest)
	if latest.Incident.LatestUpdate.Author.Name != "Dana Leaving" {
		t.Fatalf("history lost its author: %+v", latest)
	}
	var people struct {
		Users struct {
			Nodes []struct {
				Name   string
				Active bool
			}
		}
	}
	env.Query(t, env.ViewerKey, `{ users(filter: {active: false}) { nodes { name active } } }`, nil, &people)
	if len(people.Users.Nodes) != 1 || people.Users.Nodes[0].Name != "Dana Leaving" {
		t.Fatalf("deactivated people: %+v", people.Users.Nodes)
	}

	env.Query(t, env.AdminKey, `mutation($id: ID!) { reactivateUser(input: {userId: $id}) { user { active } } }`, map[string]any{"id": userID}, nil)
	env.Query(t, key, `{ me { name } }`, nil, nil)
	kinds := []string{}
	for _, entry := range auditLog(t, env, nil) {
		if entry.SubjectType == "user" && entry.Actor != nil { // the test's own people came from outside the API
			kinds = append(kinds, entry.Kind)
		}
	}
	if strings.Join(kinds, " ") != "user.created user.deactivated user.reactivated" {
		t.Fatalf("audit kinds for people: %v", kinds)
	}
}

// The last active admin can be neither demoted nor deactivated, even by
// themselves; once there is another admin, they can.
func TestLastAdminCannotLockEveryoneOut(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	var me struct{ Me struct{ ID string } }
	env.Query(t, env.AdminKey, `{ me { id } }`, nil, &me)
	demote := `mutation($id: ID!) { updateUser(input: {userId: $id, role: RESPONDER}) { user { role } } }`
	deactivate := `mutation($id: ID!) { deactivateUser(input: {userId: $id}) { user { active } } }`
	vars := map[string]any{"id": me.Me.ID}
	env.MustFail(t, env.AdminKey, demote, vars, "CONFLICT")
	env.MustFail(t, env.AdminKey, deactivate, vars, "CONFLICT")
	env.Query(t, env.AdminKey, `{ me { role } }`, nil, nil)

	second := keyFor(t, env, newPerson(t, env, "Second Admin", "second@example.com", "ADMIN"), nil).Secret
	env.Query(t, second, demote, vars, nil)
	env.MustFail(t, env.AdminKey, `{ auditLog { totalCount } }`, nil, "FORBIDDEN")
	var secondMe struct{ Me struct{ ID string } }
	env.Query(t, second, `{ me { id } }`, nil, &secondMe)
	env.MustFail(t, second, deactivate, map[string]any{"id": secondMe.Me.ID}, "CONFLICT")
}

// A key's secret is in createApiKey's answer and nowhere else; a narrower
// role binds; revoking stops it at once.
func TestApiKeySecretIsShownOnce(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	var out struct{ CreateAPIKey createdKey }
	env.Query(t, env.ResponderKey, createKey, map[string]any{"in": map[string]any{"name": "read-only dashboard", "role": "VIEWER"}}, &out)
	k := out.CreateAPIKey
	if !strings.HasPrefix(k.Secret, k.APIKey.Prefix) || k.APIKey.Role != "VIEWER" || k.APIKey.Owner.Name != "Test responder" {
		t.Fatalf("created key %+v", k.APIKey)
	}
	env.MustFail(t, k.Secret, `mutation { declareIncident(input: {title: "No", severityLevel: 3}) { incident { id } } }`, nil, "FORBIDDEN")
	env.MustFail(t, env.ResponderKey, createKey, map[string]any{"in": map[string]any{"name": "too much", "role": "ADMIN"}}, "BAD_USER_INPUT")
	// The narrowed key cannot mint a broader one for its owner.
	var minted struct{ CreateAPIKey createdKey }
	env.Query(t, k.Secret, createKey, map[string]any{"in": map[string]any{"name": "minted"}}, &minted)
	if minted.CreateAPIKey.APIKey.Role != "VIEWER" {
		t.Fatalf("a VIEWER key minted a %s key", minted.CreateAPIKey.APIKey.Role)
	}
	env.MustFail(t, minted.CreateAPIKey.Secret, `mutation { declareIncident(input: {title: "No", severityLevel: 3}) { incident { id } } }`, nil, "FORBIDDEN")
	env.MustFail(t, k.Secret, createKey, map[string]any{"in": map[string]any{"name": "broader", "role": "RESPONDER"}}, "BAD_USER_INPUT")

	res := env.Post(t, env.AdminKey, `{ apiKeys(first: 100) { nodes { id prefix name role owner { name } revokedAt } } auditLog(first: 100) { nodes { before after } } }`, nil)
	if strings.Contains(string(res.Data), k.Secret[len(k.APIKey.Prefix):]) || !strings.Contains(string(res.Data), "read-only dashboard") {
		t.Fatalf("the key list shows the secret, or not the key: %s", res.Data)
	}
	var mine struct {
		APIKeys struct{ Nodes []struct{ Name string } }
	}
	env.Query(t, env.ViewerKey, `{ apiKeys { nodes { name } } }`, nil, &mine)
	if len(mine.APIKeys.Nodes) != 1 {
		t.Fatalf("a viewer sees %d keys, want only their own", len(mine.APIKeys.Nodes))
	}
	// Someone else's key is not theirs to revoke, nor to know of.
	env.MustFail(t, env.ViewerKey, `mutation($id: ID!) { revokeApiKey(input: {apiKeyId: $id}) { apiKey { id } } }`, map[string]any{"id": k.APIKey.ID}, "NOT_FOUND")
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { revokeApiKey(input: {apiKeyId: $id}) { apiKey { revokedAt } } }`, map[string]any{"id": k.APIKey.ID}, nil)
	env.MustFail(t, k.Secret, `{ me { name } }`, nil, "UNAUTHENTICATED")

	status, header, body := env.Get(t, env.AdminKey, "/admin/audit.jsonl")
	if status != http.StatusOK || !strings.HasPrefix(header.Get("Content-Type"), "application/jsonl") || strings.Contains(body, k.Secret[len(k.APIKey.Prefix):]) || strings.Contains(body, "key_hash") {
		t.Fatalf("GET /admin/audit.jsonl: %d %s\n%s", status, header.Get("Content-Type"), body)
	}
	var kinds []string
	for _, line := range strings.Split(strings.TrimSpace(body), "\n") {
		var e struct {
			Kind    string
			ActorID *int64
		}
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("not a JSON line: %q", line)
		}
		if strings.HasPrefix(e.Kind, "api_key.") && e.ActorID != nil { // the test's own keys came from outside the API
			kinds = append(kinds, e.Kind)
		}
	}
	if strings.Join(kinds, " ") != "api_key.created api_key.created api_key.revoked" {
		t.Fatalf("api key entries in the export: %v", kinds)
	}
}

// One person holds at most 100 working keys; revoking one makes room.
func TestApiKeysPerPersonAreBounded(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	var last createdKey
	for i := 2; i <= 100; i++ { // the test's own key is the first
		var out struct{ CreateAPIKey createdKey }
		env.Query(t, env.ViewerKey, createKey, map[string]any{"in": map[string]any{"name": fmt.Sprint("key ", i)}}, &out)
		last = out.CreateAPIKey
	}
	env.MustFail(t, env.ViewerKey, createKey, map[string]any{"in": map[string]any{"name": "one too many"}}, "CONFLICT")
	env.Query(t, env.ViewerKey, `mutation($id: ID!) { revokeApiKey(input: {apiKeyId: $id}) { apiKey { id } } }`, map[string]any{"id": last.APIKey.ID}, nil)
	env.Query(t, env.ViewerKey, createKey, map[string]any{"in": map[string]any{"name": "room again"}}, nil)
}

// Webhook secrets never reach the audit log: a new secret shows as
// endpoint.secret_changed, without either value.
func TestWebhookSecretsStayOutOfTheAuditLog(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	hook := newReceiver(t)
	ep := createEndpoint(t, env, map[string]any{"name": "Audited", "kind": "WEBHOOK", "url": hook.URL, "secret": "whsec_first_secret_value"})
	env.Query(t, env.AdminKey, `mutation($id: ID!) { updateNotificationEndpoint(input: {endpointId: $id, secret: "whsec_second_secret_value"}) { endpoint { id } } }`,
		map[string]any{"id": ep.ID}, nil)
	var kinds []string
	for _, e := range auditLog(t, env, nil) {
		if e.SubjectType == "endpoint" {
			kinds = append(kinds, e.Kind)
		}
	}
	if strings.Join(kinds, " ") != "endpoint.created endpoint.secret_changed" {
		t.Fatalf("endpoint entries: %v", kinds)
	}
	_, _, export := env.Get(t, env.AdminKey, "/admin/audit.jsonl")
	res := env.Post(t, env.AdminKey, `{ auditLog(first: 100) { nodes { before after } } }`, nil)
	for _, text := range []string{export, string(res.Data)} {
		if strings.Contains(text, "secret_value") {
			t.Fatalf("a webhook secret is in the audit log:\n%s", text)
		}
	}
}
