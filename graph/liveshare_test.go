package graph

import (
	"strings"
	"testing"
)

// Every field listed as shared names a field of the schema, so a renamed or
// removed field cannot linger in the list (and a new field with the old name
// be shared unreviewed).
func TestSharedFieldsExistInTheSchema(t *testing.T) {
	schema := NewExecutableSchema(Config{}).Schema()
	for name := range sharedFields {
		typ, field, _ := strings.Cut(name, ".")
		def := schema.Types[typ]
		if def == nil || def.Fields.ForName(field) == nil {
			t.Errorf("sharedFields lists %s, which the schema does not have", name)
		}
	}
}
