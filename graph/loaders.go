package graph

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/vikstrous/dataloadgen"

	"firebreak/internal/alerting"
	"firebreak/internal/auth"
	"firebreak/internal/chat"
	"firebreak/internal/maintenance"
	"firebreak/models"
)

// Loaders batch the lookups that a list of incidents makes per item, so a
// page costs a fixed number of queries however long it is. They live for one
// request: nothing is cached across requests.
type Loaders struct {
	Severity     *dataloadgen.Loader[int64, *models.Severity]
	User         *dataloadgen.Loader[int64, *models.User]
	Products     *dataloadgen.Loader[int64, []*models.Product]
	LatestUpdate *dataloadgen.Loader[int64, *models.IncidentUpdate]
	Roles        *dataloadgen.Loader[int64, []*models.RoleAssignment]
	// OpenIncidents counts per product what the requesting user may see.
	OpenIncidents *dataloadgen.Loader[int64, int]
	// Retrospective and ActionItems are keyed by incident id.
	Retrospective *dataloadgen.Loader[int64, *models.Retrospective]
	ActionItems   *dataloadgen.Loader[int64, []*models.ActionItem]
	// AlertGroups are the alert groups attached to an incident.
	AlertGroups *dataloadgen.Loader[int64, []*alerting.Group]
	// ChatChannel is an incident's Slack channel.
	ChatChannel *dataloadgen.Loader[int64, *chat.Channel]
	// MaintenanceProducts and MaintenanceUpdates are keyed by window id.
	MaintenanceProducts *dataloadgen.Loader[int64, []*models.Product]
	MaintenanceUpdates  *dataloadgen.Loader[int64, []*maintenance.Update]
}

// loaderWait is how long a loader gathers keys before querying.
const loaderWait = time.Millisecond

// newLoaders makes a request's loaders. A websocket is one request that lasts
// as long as the connection, so its loaders batch but do not cache: a
// subscription must not show what was true when the socket opened.
func newLoaders(r *Resolver, cache bool) *Loaders {
	incidents, cat := r.IncidentService, r.CatalogService
	opts := []dataloadgen.Option{dataloadgen.WithWait(loaderWait)}
	if !cache {
		opts = append(opts, dataloadgen.WithoutCache())
	}
	opt := opts // shared by every loader below
	return &Loaders{
		Severity:            dataloadgen.NewMappedLoader(cat.SeveritiesByID, opt...),
		User:                dataloadgen.NewMappedLoader(r.AuthService.UsersByID, opt...),
		Products:            dataloadgen.NewMappedLoader(incidents.ProductsOf, opt...),
		LatestUpdate:        dataloadgen.NewMappedLoader(incidents.LatestUpdates, opt...),
		Roles:               dataloadgen.NewMappedLoader(incidents.RolesOf, opt...),
		Retrospective:       dataloadgen.NewMappedLoader(r.RetrospectiveService.Of, opt...),
		ActionItems:         dataloadgen.NewMappedLoader(r.FollowUpService.Of, opt...),
		ChatChannel:         dataloadgen.NewMappedLoader(r.ChatChannels.Of, opt...),
		AlertGroups:         dataloadgen.NewMappedLoader(r.AlertingService.GroupsOf, opt...),
		MaintenanceProducts: dataloadgen.NewMappedLoader(r.maintenanceProducts, opt...),
		MaintenanceUpdates:  dataloadgen.NewMappedLoader(r.MaintenanceService.UpdatesOf, opt...),
		OpenIncidents: dataloadgen.NewMappedLoader(func(ctx context.Context, productIDs []int64) (map[int64]int, error) {
			viewer, err := auth.UserFrom(ctx)
			if err != nil {
				return nil, err
			}
			return incidents.OpenIncidentCounts(ctx, viewer, productIDs)
		}, opt...),
	}
}

type loadersKey struct{}

// LoaderMiddleware gives each request its own loaders over the resolver's
// services.
func LoaderMiddleware(resolver *Resolver, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		websocket := strings.EqualFold(r.Header.Get("Upgrade"), "websocket")
		ctx := context.WithValue(r.Context(), loadersKey{}, newLoaders(resolver, !websocket))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func loadersFrom(ctx context.Context) *Loaders {
	return ctx.Value(loadersKey{}).(*Loaders)
}

// optional turns a loader's "not found" into a nil result.
func optional[T any](v *T, err error) (*T, error) {
	if errors.Is(err, dataloadgen.ErrNotFound) {
		return nil, nil
	}
	return v, err
}
