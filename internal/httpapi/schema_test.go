package httpapi_test

import (
	"os"
	"regexp"
	"testing"

	"firebreak/graph"
	"firebreak/internal/testenv"
)

// schema.graphql, for frontends' code generators, must be the schema the
// server serves.
func TestSchemaFileIsTheServedSchema(t *testing.T) {
	t.Parallel()
	file, err := os.ReadFile("../../schema.graphql")
	if err != nil {
		t.Fatal(err)
	}
	if string(file) != graph.SchemaSDL() {
		t.Fatal("schema.graphql is stale: run make generate and commit it")
	}
	env := testenv.New(t)
	var out struct {
		Schema struct {
			Types []struct{ Name, Kind string }
		} `json:"__schema"`
	}
	env.Query(t, env.ViewerKey, `{ __schema { types { name kind } } }`, nil, &out)
	builtin := map[string]bool{"String": true, "Int": true, "Float": true, "Boolean": true, "ID": true}
	for _, typ := range out.Schema.Types {
		if builtin[typ.Name] || typ.Name[0] == '_' {
			continue
		}
		declared := regexp.MustCompile(`(?m)^(type|input|enum|interface|union|scalar) ` + typ.Name + `\b`)
		if !declared.Match(file) {
			t.Errorf("the server serves %s %s, which schema.graphql lacks", typ.Kind, typ.Name)
		}
	}
	if len(out.Schema.Types) < 50 {
		t.Fatalf("introspection returned only %d types", len(out.Schema.Types))
	}
}

func TestIntrospectionCanBeSwitchedOff(t *testing.T) {
	t.Parallel()
	env := testenv.NewWithOptions(t, testenv.Options{NoIntrospection: true})
	res := env.Post(t, env.ViewerKey, `{ __schema { types { name } } }`, nil)
	if len(res.Errors) == 0 || res.HasData() {
		t.Fatalf("introspection answered while switched off: %s", res.Raw)
	}
	// Everything else still works.
	var me struct{ Me struct{ Name string } }
	env.Query(t, env.ViewerKey, `{ me { name } }`, nil, &me)
	if me.Me.Name == "" {
		t.Fatal("a plain query failed")
	}
}
