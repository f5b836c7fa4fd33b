package graph

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/validator"
)

// A page size sent as a variable (decoded from JSON as a number, as the
// transports decode it) is priced like the same literal.
func TestCostReadsPageSizesFromVariables(t *testing.T) {
	schema := NewExecutableSchema(Config{}).Schema()
	cost := func(query string, vars string) int {
		doc, errs := gqlparser.LoadQuery(schema, query)
		if errs != nil {
			t.Fatal(errs)
		}
		raw := map[string]any{}
		dec := json.NewDecoder(bytes.NewReader([]byte(vars)))
		dec.UseNumber()
		if err := dec.Decode(&raw); err != nil {
			t.Fatal(err)
		}
		coerced, verr := validator.VariableValues(schema, doc.Operations[0], raw)
		if verr != nil {
			t.Fatal(verr)
		}
		return operationCost(doc, doc.Operations[0], coerced, 1<<30)
	}
	literal := cost(`{ incidents(first: 100) { nodes { id title } } }`, `{}`)
	variable := cost(`query($n: Int) { incidents(first: $n) { nodes { id title } } }`, `{"n": 100}`)
	backwards := cost(`query($n: Int) { incidents(last: $n) { nodes { id title } } }`, `{"n": 100}`)
	if literal != 1+100*3 || variable != literal || backwards != literal {
		t.Errorf("literal %d, variable %d, last %d; want %d", literal, variable, backwards, 1+100*3)
	}
}
