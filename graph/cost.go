package graph

import (
	"context"
	"fmt"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Prices of the fields whose cost is not "one more row": each is roughly how
// many cheap fields the same server time buys (docs/operations.md).
var fieldPrices = map[string]int{
	"Incident.factSheet":        100, // loads everything and renders Markdown
	"Retrospective.markdown":    100,
	"Query.incidentMetrics":     100, // aggregates over every visible incident
	"IncidentMetrics.byProduct": 100,
	"IncidentMetrics.weekly":    50,
}

const (
	// totalCountPrice is an exact COUNT over the connection's filter.
	totalCountPrice = 50
	// mutationPrice is a transaction with a row lock and an outbox row.
	mutationPrice = 20
	// unpagedListSize is the assumed length of lists without paging
	// (products, roles, follow-ups of one incident).
	unpagedListSize = 10
	// defaultPageSize prices a connection asked for without first or last:
	// the largest default page (the timeline's).
	defaultPageSize = defaultTimeline
)

// costLimit prices a validated operation and refuses it above the limit.
// gqlgen's own complexity walker expands every fragment spread where it is
// used and prices connections as a whole; this one sizes each fragment once
// per page size and multiplies only a connection's nodes and edges by it.
type costLimit struct{ limit int }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = costLimit{}

func (costLimit) ExtensionName() string                          { return "CostLimit" }
func (costLimit) Validate(schema graphql.ExecutableSchema) error { return nil }

func (c costLimit) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	cost := operationCost(oc.Doc, oc.Operation, oc.Variables, c.limit)
	if cost > c.limit {
		return &gqlerror.Error{
			Message:    fmt.Sprintf("operation has complexity %d, which exceeds the limit of %d", cost, c.limit),
			Extensions: map[string]any{"code": reasonTooComplex, "cost": cost, "limit": c.limit},
		}
	}
	return nil
}

// operationCost is the price of op; it stops counting a little past limit.
func operationCost(doc *ast.QueryDocument, op *ast.OperationDefinition, vars map[string]any, limit int) int {
	p := pricer{doc: doc, vars: vars, ceiling: limit + 1, fragments: map[fragmentKey]int{}}
	cost := p.selectionSet(op.SelectionSet, 1)
	if op.Operation == ast.Mutation {
		cost = p.add(cost, p.mul(len(op.SelectionSet), mutationPrice))
	}
	return cost
}

type fragmentKey struct {
	name string
	page int
}

type pricer struct {
	doc       *ast.QueryDocument
	vars      map[string]any
	ceiling   int
	fragments map[fragmentKey]int
}

// selectionSet prices a selection; page is the page size when the set
// belongs to a connection (its nodes and edges repeat page times).
func (p *pricer) selectionSet(set ast.SelectionSet, page int) int {
	total := 0
	for _, sel := range set {
		switch sel := sel.(type) {
		case *ast.Field:
			total = p.add(total, p.field(sel, page))
		case *ast.InlineFragment:
			total = p.add(total, p.selectionSet(sel.SelectionSet, page))
		case *ast.FragmentSpread:
			key := fragmentKey{sel.Name, page}
			cost, seen := p.fragments[key]
			if !seen {
				p.fragments[key] = 0 // a cycle (refused by validation) costs nothing more
				if def := p.doc.Fragments.ForName(sel.Name); def != nil {
					cost = p.selectionSet(def.SelectionSet, page)
				}
				p.fragments[key] = cost
			}
			total = p.add(total, cost)
		}
	}
	return total
}

func (p *pricer) field(f *ast.Field, page int) int {
	if f.Definition == nil || strings.HasPrefix(f.Name, "__") || strings.HasPrefix(f.ObjectDefinition.Name, "__") {
		return 1 // introspection: bounded by the schema and the depth limit
	}
	owner, typ := f.ObjectDefinition.Name, f.Definition.Type
	if strings.HasSuffix(owner, "Connection") {
		switch f.Name {
		case "totalCount":
			return totalCountPrice
		case "nodes", "edges":
			return p.mul(page, 1+p.selectionSet(f.SelectionSet, 1))
		}
	}
	childPage := 1
	if strings.HasSuffix(typ.Name(), "Connection") {
		childPage = p.pageSize(f)
	}
	cost := 1 + fieldPrices[owner+"."+f.Name] + p.selectionSet(f.SelectionSet, childPage)
	if typ.Elem != nil {
		cost = p.mul(unpagedListSize, cost)
	}
	return min(cost, p.ceiling)
}

// pageSize reads first (or last) with its default.
func (p *pricer) pageSize(f *ast.Field) int {
	args := f.ArgumentMap(p.vars)
	for _, name := range []string{"first", "last"} {
		switch n := args[name].(type) {
		case int64:
			return max(int(n), 1)
		case int:
			return max(n, 1)
		case float64:
			return max(int(n), 1)
		}
	}
	return defaultPageSize
}

func (p *pricer) add(a, b int) int { return min(a+b, p.ceiling) }
func (p *pricer) mul(a, b int) int {
	if a != 0 && b > p.ceiling/a {
		return p.ceiling
	}
	return min(a*b, p.ceiling)
}
