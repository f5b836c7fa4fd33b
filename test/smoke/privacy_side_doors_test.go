package smoke_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"firebreak/internal/auth"
	"firebreak/internal/testenv"
	"firebreak/models"
)

func TestPrivateFollowUpsTellOutsidersNothing(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	day := 24 * time.Hour
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	env.Clock.Freeze(start)
	outsiderKey := env.NewKey(t, "Outsider", models.RoleResponder)
	outsider := userID(t, env, outsiderKey)
	inc := env.Declare(t, map[string]any{"title": "Customer data exposed", "severityLevel": 1, "visibility": "PRIVATE"})
	item := map[string]any{"incidentId": inc.ID, "title": "Rotate the leaked bucket keys",
		"ownerId": outsider, "dueAt": start.Add(2 * day).Format(time.RFC3339)}

	// Someone who cannot see the incident cannot be made an owner.
	e := env.MustFail(t, env.ResponderKey, `mutation($in: CreateActionItemInput!) { createActionItem(input: $in) { actionItem { id } } }`,
		map[string]any{"in": item}, "BAD_USER_INPUT")
	if e.Field() != "ownerId" || strings.Contains(e.Message, "bucket") {
		t.Errorf("refusal: %s %q", e.Field(), e.Message)
	}
	if ids, _ := actionItemIDs(t, env, env.AdminKey, map[string]any{}); len(ids) != 0 {
		t.Fatalf("a refused follow-up was written: %v", ids)
	}

	// With a role they can; when the role ends, the nudges stop naming it.
	env.Query(t, env.ResponderKey, `mutation($in: AssignIncidentRoleInput!) { assignIncidentRole(input: $in) { incident { id } } }`,
		map[string]any{"in": map[string]any{"incidentId": inc.ID, "role": "OPERATIONS", "userId": outsider}}, nil)
	createActionItem(t, env, item)
	env.Query(t, env.ResponderKey, `mutation($in: UnassignIncidentRoleInput!) { unassignIncidentRole(input: $in) { incident { id } } }`,
		map[string]any{"in": map[string]any{"incidentId": inc.ID, "role": "OPERATIONS"}}, nil)
	env.StartWorker(t)
	env.Clock.Advance(day + time.Minute)
	var notes []notificationJSON
	waitFor(t, "a follow-up nudge", func() bool {
		notes, _ = notifications(t, env, outsiderKey, false)
		return len(notes) > 0
	})
	for _, n := range notes {
		if strings.Contains(n.Message, "bucket") || strings.Contains(n.Message, "INC-") || n.Incident != nil {
			t.Errorf("the nudge names the private incident: %+v", n)
		}
	}
}

func TestHiddenAndMissingAnswerAlike(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	inc := env.Declare(t, map[string]any{"title": "Private", "severityLevel": 2, "visibility": "PRIVATE"})
	item := createActionItem(t, env, map[string]any{"incidentId": inc.ID, "title": "Hidden follow-up"})
	otherKey := env.NewKey(t, "Other responder", models.RoleResponder)
	missing := base64.RawURLEncoding.EncodeToString([]byte("ActionItem:999999"))
	update := `mutation($in: UpdateActionItemInput!) { updateActionItem(input: $in) { actionItem { id } } }`
	hidden := env.MustFail(t, otherKey, update, map[string]any{"in": map[string]any{"actionItemId": item.ID, "title": "x"}}, "NOT_FOUND")
	absent := env.MustFail(t, otherKey, update, map[string]any{"in": map[string]any{"actionItemId": missing, "title": "x"}}, "NOT_FOUND")
	if hidden.Message != absent.Message || hidden.Field() != absent.Field() {
		t.Errorf("hidden: %q, missing: %q", hidden.Message, absent.Message)
	}
	r := retrospectiveFor(t, env, inc.ID)
	retroUpdate := `mutation($in: UpdateRetrospectiveInput!) { updateRetrospective(input: $in) { retrospective { id } } }`
	hidden = env.MustFail(t, otherKey, retroUpdate, map[string]any{"in": map[string]any{"retrospectiveId": r, "summary": "x"}}, "NOT_FOUND")
	absent = env.MustFail(t, otherKey, retroUpdate, map[string]any{"in": map[string]any{
		"retrospectiveId": base64.RawURLEncoding.EncodeToString([]byte("Retrospective:999999")), "summary": "x"}}, "NOT_FOUND")
	if hidden.Message != absent.Message {
		t.Errorf("hidden: %q, missing: %q", hidden.Message, absent.Message)
	}
}

func TestEndpointSigningCannotBeSwitchedOff(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	ep := createEndpoint(t, env, map[string]any{"name": "Signed", "kind": "WEBHOOK", "url": "http://127.0.0.1:9/hook"})
	for _, secret := range []string{"", "short"} {
		e := env.MustFail(t, env.AdminKey, `mutation($in: UpdateNotificationEndpointInput!) { updateNotificationEndpoint(input: $in) { endpoint { id } } }`,
			map[string]any{"in": map[string]any{"endpointId": ep.ID, "secret": secret}}, "BAD_USER_INPUT")
		if e.Field() != "secret" {
			t.Errorf("secret %q: field %q", secret, e.Field())
		}
	}
	// A new secret of proper length rotates it.
	env.Query(t, env.AdminKey, `mutation($in: UpdateNotificationEndpointInput!) { updateNotificationEndpoint(input: $in) { endpoint { id } } }`,
		map[string]any{"in": map[string]any{"endpointId": ep.ID, "secret": "whsec_a_new_secret_of_length"}}, nil)
}

func TestControlCharactersAndOutOfRangeDatesAreBadInput(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	inc := env.Declare(t, map[string]any{"title": "Clean", "severityLevel": 3})
	declareM := `mutation($in: DeclareIncidentInput!) { declareIncident(input: $in) { incident { id } } }`
	for _, tc := range []struct {
		name, key, query string
		vars             map[string]any
		field            string
	}{
		{"NUL in a title", env.ResponderKey, declareM, map[string]any{"in": map[string]any{"title": "a\x00b", "severityLevel": 3}}, "title"},
		{"ANSI escape in a title", env.ResponderKey, declareM, map[string]any{"in": map[string]any{"title": "\x1b[31mred", "severityLevel": 3}}, "title"},
		{"C1 control in a summary", env.ResponderKey, declareM, map[string]any{"in": map[string]any{"title": "t", "summary": "x\u009by", "severityLevel": 3}}, "summary"},
		{"year 0 detection", env.ResponderKey, declareM, map[string]any{"in": map[string]any{"title": "t", "severityLevel": 3, "detectedAt": "0000-01-01T00:00:00Z"}}, "detectedAt"},
		{"1800 detection", env.ResponderKey, declareM, map[string]any{"in": map[string]any{"title": "t", "severityLevel": 3, "detectedAt": "1800-01-01T00:00:00Z"}}, "detectedAt"},
		{"9999 due date", env.ResponderKey, `mutation($in: CreateActionItemInput!) { createActionItem(input: $in) { actionItem { id } } }`,
			map[string]any{"in": map[string]any{"incidentId": inc.ID, "title": "t", "dueAt": "9999-12-31T00:00:00Z"}}, "dueAt"},
		{"NUL in an update body", env.ResponderKey, `mutation($in: PostIncidentUpdateInput!) { postIncidentUpdate(input: $in) { update { id } } }`,
			map[string]any{"in": map[string]any{"incidentId": inc.ID, "body": "ok\x00"}}, "body"},
		{"NUL in a search", env.ViewerKey, `query($q: String) { incidents(filter: {query: $q}) { totalCount } }`, map[string]any{"q": "db\x00"}, "query"},
		{"NUL in a handle", env.ViewerKey, `query($h: String) { incident(handle: $h) { id } }`, map[string]any{"h": "a\x00"}, "handle"},
		{"year 0 filter", env.ViewerKey, `query($d: Time) { incidents(filter: {declaredAfter: $d}) { totalCount } }`, map[string]any{"d": "0000-01-01T00:00:00Z"}, "declaredAfter"},
		{"NUL in a product name", env.AdminKey, `mutation($n: String!) { createProduct(input: {name: $n}) { product { id } } }`, map[string]any{"n": "x\x00"}, "name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := env.MustFail(t, tc.key, tc.query, tc.vars, "BAD_USER_INPUT")
			if e.Field() != tc.field {
				t.Errorf("field %q, want %q: %s", e.Field(), tc.field, e.Message)
			}
		})
	}
	// Nothing was written: still the one incident, no follow-up, no update.
	var out struct {
		Incidents   struct{ TotalCount int }
		ActionItems struct{ TotalCount int }
		Incident    struct{ Updates struct{ TotalCount int } }
	}
	env.Query(t, env.AdminKey, `query($id: ID) { incidents { totalCount } actionItems { totalCount } incident(id: $id) { updates { totalCount } } }`,
		map[string]any{"id": inc.ID}, &out)
	if out.Incidents.TotalCount != 1 || out.ActionItems.TotalCount != 0 || out.Incident.Updates.TotalCount != 0 {
		t.Errorf("refused input was written: %+v", out)
	}
	// Tabs and line breaks are fine in text.
	env.Declare(t, map[string]any{"title": "Fine", "summary": "line one\n\tline two\r\n", "severityLevel": 3})
}

func TestWebhookURLsInSpecialPurposeRangesAreRefused(t *testing.T) {
	t.Parallel()
	env := testenv.NewWithOptions(t, testenv.Options{StrictWebhooks: true})
	for _, u := range []string{"http://[64:ff9b::a00:1]/", "http://[2002:7f00:1::1]/", "http://[::7f00:1]/", "http://[fec0::1]/",
		"http://0.1.2.3/", "http://198.18.0.1/", "http://240.0.0.1/", "http://255.255.255.255/", "http://192.0.0.8/"} {
		e := env.MustFail(t, env.AdminKey, `mutation($in: CreateNotificationEndpointInput!) { createNotificationEndpoint(input: $in) { endpoint { id } } }`,
			map[string]any{"in": map[string]any{"name": fmt.Sprint("hook ", u), "kind": "WEBHOOK", "url": u}}, "BAD_USER_INPUT")
		if e.Field() != "url" {
			t.Errorf("%s: field %q", u, e.Field())
		}
	}
}

// retrospectiveFor opens a retrospective on an incident and returns its id.
func retrospectiveFor(t *testing.T, env *testenv.Env, incidentID string) string {
	t.Helper()
	var out struct {
		CreateRetrospective struct{ Retrospective struct{ ID string } }
	}
	env.Query(t, env.ResponderKey, `mutation($in: CreateRetrospectiveInput!) { createRetrospective(input: $in) { retrospective { id } } }`,
		map[string]any{"in": map[string]any{"incidentId": incidentID}}, &out)
	return out.CreateRetrospective.Retrospective.ID
}

func TestAdminSessionEndsWithItsKey(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	key := env.NewKey(t, "Admin for a while", models.RoleAdmin)
	req, _ := http.NewRequest(http.MethodPost, env.Server.URL+"/admin/session", nil)
	req.Header.Set("Authorization", "Bearer "+key)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	cookies := res.Cookies()
	if res.StatusCode != http.StatusOK || len(cookies) != 1 {
		t.Fatalf("session: HTTP %d, cookies %v", res.StatusCode, cookies)
	}
	dashboard := func() int {
		req, _ := http.NewRequest(http.MethodGet, env.Server.URL+"/admin/queues/", nil)
		req.AddCookie(cookies[0])
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if code := dashboard(); code != http.StatusOK {
		t.Fatalf("with a fresh session: HTTP %d", code)
	}
	if err := auth.NewService(env.DB).RevokeKey(context.Background(), key); err != nil {
		t.Fatal(err)
	}
	if code := dashboard(); code != http.StatusUnauthorized {
		t.Errorf("after the key was revoked: HTTP %d, want 401", code)
	}
}

func TestMarkdownDocumentsNeutraliseUserText(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	evil := `[click](javascript:alert(document.cookie)) <script>alert(1)</script> ![](https://tracker.example/p.gif)`
	inc := env.Declare(t, map[string]any{"title": evil, "summary": evil, "severityLevel": 2})
	env.Query(t, env.ResponderKey, `mutation($in: PostIncidentUpdateInput!) { postIncidentUpdate(input: $in) { update { id } } }`,
		map[string]any{"in": map[string]any{"incidentId": inc.ID, "body": evil}}, nil)
	status, _, md := env.Get(t, env.ViewerKey, fmt.Sprintf("/incidents/%d/factsheet.md", inc.Number))
	if status != http.StatusOK || !strings.Contains(md, "alert") {
		t.Fatalf("HTTP %d: %s", status, md)
	}
	for _, bad := range []string{"<script", "](javascript:", "<img"} {
		if strings.Contains(md, bad) {
			t.Errorf("factsheet.md contains %q:\n%s", bad, md)
		}
	}
	if image := regexp.MustCompile(`(^|[^\\])!\[`); image.MatchString(md) {
		t.Errorf("factsheet.md has an image:\n%s", md)
	}
}
