package graph

import (
	"cmp"
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"
	"github.com/vektah/gqlparser/v2/validator/core"
	"github.com/vektah/gqlparser/v2/validator/rules"
)

// QueryLimits bound what one GraphQL document may cost the server before any
// resolver runs. Validation and cost analysis are themselves work a client
// can make expensive (validation compares fields pairwise; fragments can
// expand exponentially), so the cheap, linear checks run first.
type QueryLimits struct {
	// Tokens caps the lexical tokens of a document (the parser stops there).
	Tokens int
	// Depth caps how deeply fields nest.
	Depth int
	// Selections caps the fields of an operation once every fragment spread
	// is expanded where it is used.
	Selections int
	// SameName caps the fields sharing one response name in one selection
	// (validation compares them pairwise).
	SameName int
	// Errors caps the validation errors reported for one document.
	Errors int
	// Cost caps an operation's price (see costOf); 0 switches it off.
	Cost int
}

// DefaultQueryLimits keep any one document at a few milliseconds of
// validation and a bounded amount of database work (docs/operations.md).
var DefaultQueryLimits = QueryLimits{Tokens: 10000, Depth: 15, Selections: 1000, SameName: 50, Errors: 20, Cost: 10000}

// withDefaults fills unset limits from DefaultQueryLimits.
func (l QueryLimits) withDefaults() QueryLimits {
	d := DefaultQueryLimits
	return QueryLimits{
		Tokens: cmp.Or(l.Tokens, d.Tokens), Depth: cmp.Or(l.Depth, d.Depth), Selections: cmp.Or(l.Selections, d.Selections),
		SameName: cmp.Or(l.SameName, d.SameName), Errors: cmp.Or(l.Errors, d.Errors), Cost: cmp.Or(l.Cost, d.Cost),
	}
}

// Reasons in extensions.reason (the code is GRAPHQL_VALIDATION_FAILED).
const (
	reasonTooLarge      = "QUERY_TOO_LARGE"
	reasonTooComplex    = "COMPLEXITY_LIMIT_EXCEEDED"
	reasonTooManyErrors = "TOO_MANY_ERRORS"
)

// shapeLimit refuses documents that are too deep or expand to too many
// fields, before they are validated or priced. It parses the query with the
// token limit (linear) and sizes each fragment once. A document that passes
// is validated here too and put in gqlgen's query cache, where gqlgen finds
// it instead of parsing and validating it again; one that fails validation
// is left for gqlgen to report.
type shapeLimit struct {
	limits QueryLimits
	// parsed is gqlgen's query cache: documents that passed.
	parsed graphql.Cache[*ast.QueryDocument]
	schema *ast.Schema
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = (*shapeLimit)(nil)

func (*shapeLimit) ExtensionName() string { return "QueryShapeLimit" }

func (s *shapeLimit) Validate(schema graphql.ExecutableSchema) error {
	s.schema = schema.Schema()
	return nil
}

func (s *shapeLimit) MutateOperationParameters(ctx context.Context, p *graphql.RawParams) *gqlerror.Error {
	if _, ok := s.parsed.Get(ctx, p.Query); ok {
		return nil
	}
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: p.Query}, s.limits.Tokens)
	if err != nil {
		return nil // gqlgen parses again and reports it (with the same token limit)
	}
	if err := checkShape(doc, s.limits); err != nil {
		return err
	}
	if len(doc.Operations) > 0 && len(validator.ValidateWithRules(s.schema, doc, cappedRules(s.limits.Errors)())) == 0 {
		s.parsed.Add(ctx, p.Query, doc)
	}
	return nil
}

// maxCachedQueryBytes is the longest query text kept in the parsed-document
// cache: a valid document padded with comments would otherwise pin up to the
// body limit (1 MiB) per entry, a gigabyte over the cache's 1,000.
const maxCachedQueryBytes = 32 << 10

// documentCache is gqlgen's LRU of parsed documents, keyed by their text,
// without the long texts.
type documentCache struct {
	graphql.Cache[*ast.QueryDocument]
}

func (c documentCache) Add(ctx context.Context, query string, doc *ast.QueryDocument) {
	if len(query) <= maxCachedQueryBytes {
		c.Cache.Add(ctx, query, doc)
	}
}

// checkShape measures every operation of doc.
func checkShape(doc *ast.QueryDocument, l QueryLimits) *gqlerror.Error {
	m := shapeMeter{doc: doc, limit: l.Selections, fragments: map[string]*shape{}}
	for _, op := range doc.Operations {
		s := m.selectionSet(op.SelectionSet)
		if s.depth > l.Depth {
			return tooLarge("the operation nests %d fields deep; at most %d are allowed", s.depth, l.Depth)
		}
		if s.fields > l.Selections {
			return tooLarge("the operation selects more than %d fields once its fragments are expanded; at most %d are allowed", l.Selections, l.Selections)
		}
		// Validation compares the fields of one response name pairwise.
		if s.sameName > l.SameName {
			return tooLarge("%d fields share one response name in one selection; at most %d may (use aliases)", s.sameName, l.SameName)
		}
	}
	return nil
}

func tooLarge(format string, args ...any) *gqlerror.Error {
	return &gqlerror.Error{Message: fmt.Sprintf(format, args...), Extensions: map[string]any{"code": reasonTooLarge}}
}

// shape is what the meter knows of a selection set: how deep it nests, how
// many fields it expands to, the most fields sharing one response name in
// any one set, and (for merging into the parent) its own response names.
type shape struct {
	depth, fields, sameName int
	names                   map[string]int
}

type shapeMeter struct {
	doc       *ast.QueryDocument
	limit     int
	fragments map[string]*shape // nil value: being measured (a cycle, which validation reports)
}

func (m *shapeMeter) selectionSet(set ast.SelectionSet) shape {
	s := shape{names: map[string]int{}}
	merge := func(c shape) {
		s.depth = max(s.depth, c.depth)
		// Saturate: a fan-out of 2^30 must not overflow into a small number.
		s.fields = min(s.fields+c.fields, m.limit+1)
		s.sameName = max(s.sameName, c.sameName)
	}
	mergeNames := func(names map[string]int) {
		for name, n := range names {
			s.names[name] = min(s.names[name]+n, m.limit+1)
		}
	}
	for _, sel := range set {
		switch sel := sel.(type) {
		case *ast.Field:
			c := m.selectionSet(sel.SelectionSet)
			c.depth++
			c.fields++
			merge(c)
			name := sel.Alias
			if name == "" {
				name = sel.Name
			}
			s.names[name]++
		case *ast.InlineFragment:
			c := m.selectionSet(sel.SelectionSet)
			merge(c)
			mergeNames(c.names)
		case *ast.FragmentSpread:
			c := m.fragment(sel.Name)
			merge(c)
			mergeNames(c.names)
		}
	}
	for _, n := range s.names {
		s.sameName = max(s.sameName, n)
	}
	return s
}

func (m *shapeMeter) fragment(name string) shape {
	if s, seen := m.fragments[name]; seen {
		if s == nil {
			return shape{}
		}
		return *s
	}
	def := m.doc.Fragments.ForName(name)
	if def == nil {
		return shape{}
	}
	m.fragments[name] = nil
	s := m.selectionSet(def.SelectionSet)
	m.fragments[name] = &s
	return s
}

// cappedRules are gqlparser's default validation rules reporting at most
// limit errors between them: a document of conflicting aliases otherwise
// answers with tens of thousands.
func cappedRules(limit int) func() *rules.Rules {
	return func() *rules.Rules {
		base := rules.NewDefaultRules()
		out := rules.NewRules()
		reported := 0
		for name, rule := range base.GetInner() {
			out.AddRule(name, func(observers *core.Events, addError core.AddErrFunc) {
				rule(observers, func(options ...core.ErrorOption) {
					reported++
					switch {
					case reported <= limit:
						addError(options...)
					case reported == limit+1:
						addError(core.Message("too many validation errors: only the first %d are reported", limit))
					}
				})
			})
		}
		return out
	}
}

// capErrors keeps at most limit errors in a response (and says so): errors
// that escape validation, such as one per alias, are bounded too.
func capErrors(limit int) graphql.ResponseMiddleware {
	return func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		resp := next(ctx)
		if resp != nil && len(resp.Errors) > limit {
			resp.Errors = append(resp.Errors[:limit:limit], &gqlerror.Error{
				Message:    fmt.Sprintf("too many errors: only the first %d are reported", limit),
				Extensions: map[string]any{"code": codeValidationFailed, "reason": reasonTooManyErrors},
			})
		}
		return resp
	}
}
