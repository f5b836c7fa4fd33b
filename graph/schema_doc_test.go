package graph

import (
	"sort"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
)

// Every type, field, argument, input field and enum value of Firebreak's
// schema says what it is: clients and code generators show these to the
// people writing against the API.
func TestEverySchemaElementIsDescribed(t *testing.T) {
	schema := NewExecutableSchema(Config{}).Schema()
	var missing []string
	for name, def := range schema.Types {
		if strings.HasPrefix(name, "__") || def.BuiltIn {
			continue
		}
		if strings.TrimSpace(def.Description) == "" {
			missing = append(missing, name)
		}
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			if strings.TrimSpace(f.Description) == "" {
				missing = append(missing, name+"."+f.Name)
			}
			for _, a := range f.Arguments {
				if strings.TrimSpace(a.Description) == "" {
					missing = append(missing, name+"."+f.Name+"("+a.Name+")")
				}
			}
		}
		if def.Kind == ast.Enum {
			for _, v := range def.EnumValues {
				if strings.TrimSpace(v.Description) == "" {
					missing = append(missing, name+"."+v.Name)
				}
			}
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("%d schema elements without a description:\n%s", len(missing), strings.Join(missing, "\n"))
	}
}

// Every mutation says which role it needs.
func TestEveryMutationNamesItsRole(t *testing.T) {
	schema := NewExecutableSchema(Config{}).Schema()
	for _, f := range schema.Mutation.Fields {
		if !strings.Contains(f.Description, "VIEWER") && !strings.Contains(f.Description, "RESPONDER") && !strings.Contains(f.Description, "ADMIN") {
			t.Errorf("mutation %s does not say which role it needs: %q", f.Name, f.Description)
		}
	}
}
