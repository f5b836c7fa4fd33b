package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/Khan/genqlient/graphql"

	"firebreak/clients/genqlient/firebreak"
	"firebreak/internal/testenv"
)

// graphql-ws with a bad key: one connection attempt, an error with 4401 and
// a reason, no reconnect loop (1000 "terminated" made it reconnect ~400
// times a second).
func TestGraphQLWSClientStopsOnABadKey(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	out, err := testenv.NodeClient(t, "graphql-ws.mjs", env.Server.URL, "fbk_not_a_real_key_0000000000000000").Output()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	var got testenv.WSOutcome
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if got.Attempts != 1 || got.Error == nil || got.Error.Code != 4401 || !strings.Contains(got.Error.Reason, "API key") {
		t.Errorf("graphql-ws: %s", out)
	}
}

// graphql-ws with a good key receives an event.
func TestGraphQLWSClientReceivesEvents(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	lines := testenv.ConnectGraphQLWS(t, env.Server.URL, env.ViewerKey)
	env.AwaitGraphQLWSEvent(t, lines)
}

// GraphQL Code Generator (the TypeScript one frontends use) generates
// against schema.graphql with every custom scalar mapped (strictScalars).
func TestGraphQLCodeGeneratorGeneratesTypes(t *testing.T) {
	t.Parallel()
	cmd := testenv.NodeClient(t, "../node_modules/.bin/graphql-codegen", "--config", "codegen.ts")
	cmd.Dir = "../../clients/codegen"
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("graphql-codegen: %v\n%s", err, out)
	}
	generated, err := os.ReadFile("../../clients/codegen/generated/graphql.ts")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Time: { input: string; output: string; }",
		"JSON: { input: Record<string, unknown>; output: Record<string, unknown>; }",
		"export type OpenIncidentsQuery",
		"export type DeclareMutation = { declareIncident: {", // nullable payload
		"hasPreviousPage",
	} {
		if !strings.Contains(string(generated), want) {
			t.Errorf("generated/graphql.ts lacks %q", want)
		}
	}
}

// bearer adds an API key to every request of a Go GraphQL client.
type bearer struct{ key string }

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+b.key)
	return http.DefaultTransport.RoundTrip(r)
}

// The genqlient client (clients/genqlient, generated with optional: pointer
// and the scalar bindings of docs/clients.md) works against the API: omitted
// optional enums are left out rather than sent as "".
func TestGenqlientClientWorks(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	client := graphql.NewClient(env.Server.URL+"/graphql", &http.Client{Transport: bearer{env.ResponderKey}})
	ctx := context.Background()
	me, err := firebreak.Me(ctx, client)
	if err != nil || me.Me.Name != "Test responder" || me.Me.Role != firebreak.UserRoleResponder {
		t.Fatalf("me: %+v %v", me, err)
	}
	detected := time.Now().Add(-10 * time.Minute).UTC().Truncate(time.Second)
	declared, err := firebreak.Declare(ctx, client, firebreak.DeclareIncidentInput{Title: "From genqlient", SeverityLevel: 2, DetectedAt: &detected})
	if err != nil || declared.DeclareIncident == nil {
		t.Fatalf("declare: %+v %v", declared, err)
	}
	inc := declared.DeclareIncident.Incident
	if inc.Visibility != firebreak.VisibilityPublic || !inc.DetectedAt.Equal(detected) || inc.Severity.Name != "SEV-2" {
		t.Errorf("declared: %+v", inc)
	}
	first := 10
	list, err := firebreak.Incidents(ctx, client, &first, nil, nil)
	if err != nil || list.Incidents.TotalCount != 1 || list.Incidents.Nodes[0].Title != "From genqlient" {
		t.Errorf("incidents: %+v %v", list, err)
	}
}

// Apollo Client 4 set up as docs/clients.md shows: relayStylePagination
// merges every page once, the error link sees extensions.code, and a
// subscription over GraphQLWsLink delivers an event.
func TestApolloClientWorks(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	for i := 0; i < 5; i++ {
		env.Declare(t, map[string]any{"title": fmt.Sprint("Incident ", i), "severityLevel": 2})
	}
	out, err := testenv.NodeClient(t, "apollo.mjs", env.Server.URL, env.ResponderKey).CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	var got struct {
		Pages         int
		Titles        []string
		Codes         []string
		MutationError *string
		Event         string
	}
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	want := []string{"Incident 4", "Incident 3", "Incident 2", "Incident 1", "Incident 0"}
	if got.Pages != 3 || strings.Join(got.Titles, ",") != strings.Join(want, ",") {
		t.Errorf("pagination: %d pages, %v", got.Pages, got.Titles)
	}
	if len(got.Codes) != 1 || got.Codes[0] != "BAD_USER_INPUT" || got.MutationError == nil {
		t.Errorf("error link: %v, %v", got.Codes, got.MutationError)
	}
	if got.Event != "Seen by Apollo" {
		t.Errorf("subscription: %q", got.Event)
	}
}
