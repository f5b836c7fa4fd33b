package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"firebreak/models"
)

// prefetchIncidentPage primes the loaders with everything the requested
// fields of a page of incidents need: one batch per kind of object, issued
// before the per-item resolvers run. Without it, how loads group into
// batches depends on goroutine scheduling, and a page's query count with it.
func prefetchIncidentPage(ctx context.Context, page []*models.Incident) {
	if len(page) == 0 {
		return
	}
	want := requestedIncidentFields(ctx)
	l := loadersFrom(ctx)
	ids := make([]int64, len(page))
	severityIDs := make([]int64, len(page))
	userIDs := make([]int64, 0, len(page))
	for i, inc := range page {
		ids[i], severityIDs[i] = inc.ID, inc.SeverityID
		if want["createdBy"] {
			userIDs = append(userIDs, inc.CreatedByID)
		}
	}
	if want["severity"] {
		l.Severity.LoadAllThunk(ctx, severityIDs)
	}
	if want["products"] {
		l.Products.LoadAllThunk(ctx, ids)
	}
	// People come second: who holds a role and who wrote the latest update
	// are known only once those are loaded.
	var roles func() ([][]*models.RoleAssignment, error)
	var latest func() ([]*models.IncidentUpdate, error)
	if want["roles"] || want["commander"] {
		roles = l.Roles.LoadAllThunk(ctx, ids)
	}
	if want["latestUpdate"] {
		latest = l.LatestUpdate.LoadAllThunk(ctx, ids)
	}
	if roles != nil {
		if all, err := roles(); err == nil {
			for _, rs := range all {
				for _, r := range rs {
					userIDs = append(userIDs, r.UserID)
				}
			}
		}
	}
	if latest != nil {
		// Incidents without updates come back as "not found"; the rest are usable.
		all, _ := latest()
		for _, u := range all {
			if u != nil {
				userIDs = append(userIDs, u.AuthorID)
			}
		}
	}
	if len(userIDs) > 0 {
		l.User.LoadAllThunk(ctx, userIDs)
	}
}

// requestedIncidentFields names the fields selected on the incidents of the
// connection being resolved (through nodes or edges.node, fragments included).
func requestedIncidentFields(ctx context.Context) map[string]bool {
	opCtx := graphql.GetOperationContext(ctx)
	fc := graphql.GetFieldContext(ctx)
	out := map[string]bool{}
	add := func(sel ast.SelectionSet) {
		for _, f := range graphql.CollectFields(opCtx, sel, []string{"Incident", "Node"}) {
			out[f.Name] = true
		}
	}
	for _, f := range graphql.CollectFields(opCtx, fc.Field.Selections, []string{"IncidentConnection"}) {
		switch f.Name {
		case "nodes":
			add(f.Selections)
		case "edges":
			for _, e := range graphql.CollectFields(opCtx, f.Selections, []string{"IncidentEdge"}) {
				if e.Name == "node" {
					add(e.Selections)
				}
			}
		}
	}
	return out
}
