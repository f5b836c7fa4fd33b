package incident

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"firebreak/internal/apperr"
	"firebreak/internal/database"
	"firebreak/models"
)

// Cursor is a keyset position: the sort timestamp and a tiebreaker (the id,
// or the sequence for timelines).
type Cursor struct {
	At time.Time `json:"t"`
	ID int64     `json:"i"`
}

// Page is one page of a keyset-paginated list.
type Page[T any] = database.Page[T]

// CursorOf returns the position of an item in its list.
func CursorOf(inc *models.Incident) Cursor { return Cursor{At: inc.DeclaredAt, ID: inc.ID} }

// UpdateCursorOf returns the position of an update in an incident's updates.
func UpdateCursorOf(u *models.IncidentUpdate) Cursor { return Cursor{At: u.CreatedAt, ID: u.ID} }

// EventCursorOf returns the position of an event in an incident's timeline.
func EventCursorOf(e *models.TimelineEvent) Cursor {
	return Cursor{At: e.OccurredAt, ID: int64(e.Sequence)}
}

// Get returns the incident with the given id, if the viewer may see it.
func (s *Service) Get(ctx context.Context, viewer *models.User, id int64) (*models.Incident, error) {
	return s.getWhere(ctx, viewer, "i.id = ?", id)
}

// GetByNumber returns INC-<number>.
func (s *Service) GetByNumber(ctx context.Context, viewer *models.User, number int64) (*models.Incident, error) {
	return s.getWhere(ctx, viewer, "i.number = ?", number)
}

// GetByHandle returns the incident with that handle.
func (s *Service) GetByHandle(ctx context.Context, viewer *models.User, handle string) (*models.Incident, error) {
	return s.getWhere(ctx, viewer, "i.handle = ?", handle)
}

func (s *Service) getWhere(ctx context.Context, viewer *models.User, where string, arg any) (*models.Incident, error) {
	inc := new(models.Incident)
	err := VisibleTo(s.conn(ctx).NewSelect().Model(inc).Where(where, arg), viewer).Scan(ctx)
	if database.IsNoRows(err) {
		return nil, apperr.NotFoundf("incident not found")
	}
	if err != nil {
		return nil, fmt.Errorf("load incident: %w", err)
	}
	return inc, nil
}

// ListFilter narrows the incident list. Empty fields do not filter.
type ListFilter struct {
	Statuses       []models.IncidentStatus
	SeverityLevels []int
	ProductIDs     []int64
	Visibility     *models.Visibility
	DeclaredAfter  *time.Time
	DeclaredBefore *time.Time
	// Query is full-text search over title, summary and update bodies.
	Query string
	// RoleHolderID keeps incidents where this person holds a role now.
	RoleHolderID *int64
}

func (f ListFilter) apply(q *bun.SelectQuery, viewer *models.User) *bun.SelectQuery {
	return VisibleTo(f.applyFilters(q), viewer)
}

// applyFilters adds the filter's conditions, without the access rule.
func (f ListFilter) applyFilters(q *bun.SelectQuery) *bun.SelectQuery {
	q = f.whereClassified(q, "i")
	if len(f.ProductIDs) > 0 {
		q = q.Where("EXISTS (SELECT 1 FROM incident_products AS ip WHERE ip.incident_id = i.id AND ip.product_id IN (?))", bun.In(f.ProductIDs))
	}
	if f.DeclaredAfter != nil {
		q = q.Where("i.declared_at >= ?", *f.DeclaredAfter)
	}
	if f.DeclaredBefore != nil {
		q = q.Where("i.declared_at < ?", *f.DeclaredBefore)
	}
	if f.Query != "" {
		q = q.Where(searchCondition, f.Query)
	}
	if f.RoleHolderID != nil {
		q = q.Where("EXISTS (SELECT 1 FROM incident_role_assignments AS rh WHERE rh.incident_id = i.id AND rh.user_id = ? AND rh.unassigned_at IS NULL)", *f.RoleHolderID)
	}
	return q
}

// Check validates the filter's values.
func (f ListFilter) Check() error {
	if f.Visibility != nil && !f.Visibility.IsValid() {
		return apperr.BadInput("visibility", "unknown visibility")
	}
	if f.DeclaredAfter != nil && f.DeclaredBefore != nil && !f.DeclaredAfter.Before(*f.DeclaredBefore) {
		return apperr.BadInput("declaredBefore", "declaredBefore must be after declaredAfter")
	}
	if len(f.Query) > 500 {
		return apperr.BadInput("query", "query must be at most 500 characters")
	}
	return nil
}

// List returns incidents the viewer may see, most recently declared first.
func (s *Service) List(ctx context.Context, viewer *models.User, f ListFilter, w database.Window) (Page[*models.Incident], error) {
	if err := f.Check(); err != nil {
		return Page[*models.Incident]{}, err
	}
	q := f.apply(s.conn(ctx).NewSelect().Model((*models.Incident)(nil)), viewer)
	page, err := database.Keyset[*models.Incident](ctx, q, []string{"i.declared_at", "i.id"}, true, w)
	if err != nil && apperr.CodeOf(err) == "" {
		err = fmt.Errorf("list incidents: %w", err)
	}
	return page, err
}

// searchCondition is full-text search over an incident (aliased i): title,
// summary and update bodies, with web-search syntax.
const searchCondition = "i.search_vector @@ websearch_to_tsquery('english', ?)"

// MatchingQueries returns which of the full-text queries an incident
// matches, as the list filter matches them, in one statement (the live
// filters ask this once per event).
func (s *Service) MatchingQueries(ctx context.Context, incidentID int64, queries []string) ([]string, error) {
	var matching []string
	err := s.conn(ctx).NewRaw("SELECT q FROM unnest(?::text[]) AS q, incidents AS i WHERE i.id = ? AND "+searchCondition,
		pgdialect.Array(queries), incidentID, bun.Ident("q")).Scan(ctx, &matching)
	return matching, err
}

// Count returns how many incidents the viewer may see match the filter.
//
// Counted as public + visible private: the access rule's OR would otherwise
// be evaluated on every row, while public incidents need no check and the
// few private ones have an index of their own. The part that needs no
// access rule — every incident for an admin, the public ones for everyone
// else — is read from the counters the database keeps (incident_counts)
// when the filter is one they answer; otherwise it is counted.
func (s *Service) Count(ctx context.Context, viewer *models.User, f ListFilter) (int64, error) {
	count := func() *bun.SelectQuery {
		return f.applyFilters(s.conn(ctx).NewSelect().Model((*models.Incident)(nil)).ColumnExpr("count(*)"))
	}
	var unrestricted, private *bun.SelectQuery
	switch {
	case viewer.IsAdmin() && f.countable():
		unrestricted = f.counters(s.conn(ctx).NewSelect())
	case viewer.IsAdmin():
		return count().Count(ctx)
	case f.Visibility != nil && *f.Visibility == models.VisibilityPrivate:
		return VisibleTo(count(), viewer).Count(ctx)
	default:
		if f.countable() {
			unrestricted = f.counters(s.conn(ctx).NewSelect()).Where("c.visibility = ?", models.VisibilityPublic)
		} else {
			unrestricted = count().Where("i.visibility = ?", models.VisibilityPublic)
		}
		if f.Visibility == nil {
			private = VisibleTo(count().Where("i.visibility = ?", models.VisibilityPrivate), viewer)
		}
	}
	expr, args := "(?)", []any{unrestricted}
	if private != nil {
		expr, args = "(?) + (?)", append(args, private)
	}
	var n int64
	err := s.conn(ctx).NewSelect().ColumnExpr(expr, args...).Scan(ctx, &n)
	return n, err
}

// countable reports whether incident_counts answers the filter: status,
// severity, visibility and at most one product (an incident affecting two
// of several products would count twice), but no dates or text.
func (f ListFilter) countable() bool {
	return f.DeclaredAfter == nil && f.DeclaredBefore == nil && f.Query == "" && f.RoleHolderID == nil && len(f.ProductIDs) <= 1
}

// counters sums the counters that match a countable filter.
func (f ListFilter) counters(q *bun.SelectQuery) *bun.SelectQuery {
	q = q.TableExpr("incident_counts AS c").ColumnExpr("coalesce(sum(c.n), 0)")
	product := int64(0)
	if len(f.ProductIDs) == 1 {
		product = f.ProductIDs[0]
	}
	return f.whereClassified(q.Where("c.product_id = ?", product), "c")
}

// whereClassified adds the status, severity and visibility conditions on
// the table aliased alias: the incidents, or their counters.
func (f ListFilter) whereClassified(q *bun.SelectQuery, alias string) *bun.SelectQuery {
	if len(f.Statuses) > 0 {
		q = q.Where("?.status IN (?)", bun.Ident(alias), bun.In(f.Statuses))
	}
	if len(f.SeverityLevels) > 0 {
		q = q.Where("?.severity_id IN (SELECT id FROM severities WHERE level IN (?))", bun.Ident(alias), bun.In(f.SeverityLevels))
	}
	if f.Visibility != nil {
		q = q.Where("?.visibility = ?", bun.Ident(alias), *f.Visibility)
	}
	return q
}

// Updates returns an incident's status updates, newest first.
func (s *Service) Updates(ctx context.Context, incidentID int64, w database.Window) (Page[*models.IncidentUpdate], error) {
	q := s.conn(ctx).NewSelect().Model((*models.IncidentUpdate)(nil)).Where("incident_id = ?", incidentID)
	return database.Keyset[*models.IncidentUpdate](ctx, q, []string{"created_at", "id"}, true, w)
}

// CountUpdates returns how many updates an incident has.
func (s *Service) CountUpdates(ctx context.Context, incidentID int64) (int64, error) {
	return s.conn(ctx).NewSelect().Model((*models.IncidentUpdate)(nil)).Where("incident_id = ?", incidentID).Count(ctx)
}

// Timeline returns an incident's events in the order they happened.
func (s *Service) Timeline(ctx context.Context, incidentID int64, w database.Window) (Page[*models.TimelineEvent], error) {
	q := s.conn(ctx).NewSelect().Model((*models.TimelineEvent)(nil)).Where("incident_id = ?", incidentID)
	return database.Keyset[*models.TimelineEvent](ctx, q, []string{"occurred_at", "sequence"}, false, w)
}

// CountEvents returns how many events an incident's timeline has.
func (s *Service) CountEvents(ctx context.Context, incidentID int64) (int64, error) {
	return s.conn(ctx).NewSelect().Model((*models.TimelineEvent)(nil)).Where("incident_id = ?", incidentID).Count(ctx)
}

// VisibleIncidentIDs is a subquery of the ids of the incidents the viewer
// may see, for lists of things that belong to incidents.
func (s *Service) VisibleIncidentIDs(viewer *models.User) *bun.SelectQuery {
	return VisibleTo(s.db.NewSelect().Model((*models.Incident)(nil)).Column("i.id"), viewer)
}

// ProductsOf loads the affected products of several incidents at once.
func (s *Service) ProductsOf(ctx context.Context, incidentIDs []int64) (map[int64][]*models.Product, error) {
	var rows []struct {
		IncidentID     int64 `bun:"incident_id"`
		models.Product `bun:",extend"`
	}
	err := s.conn(ctx).NewSelect().
		ColumnExpr("ip.incident_id, p.*").
		TableExpr("incident_products AS ip").
		Join("JOIN products AS p ON p.id = ip.product_id").
		Where("ip.incident_id IN (?)", bun.In(incidentIDs)).
		OrderExpr("lower(p.name), p.id").
		Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("load incident products: %w", err)
	}
	out := make(map[int64][]*models.Product, len(incidentIDs))
	for _, id := range incidentIDs {
		out[id] = []*models.Product{}
	}
	for i := range rows {
		p := rows[i].Product
		out[rows[i].IncidentID] = append(out[rows[i].IncidentID], &p)
	}
	return out, nil
}

// LatestUpdates loads the newest update of several incidents at once;
// incidents without updates are absent from the map.
func (s *Service) LatestUpdates(ctx context.Context, incidentIDs []int64) (map[int64]*models.IncidentUpdate, error) {
	return database.Keyed(ctx, s.conn(ctx).NewSelect().DistinctOn("incident_id").
		Where("incident_id IN (?)", bun.In(incidentIDs)).
		OrderExpr("incident_id, created_at DESC, id DESC"),
		func(u *models.IncidentUpdate) int64 { return u.IncidentID })
}

// GetUpdate returns one status update of an incident the viewer may see.
func (s *Service) GetUpdate(ctx context.Context, viewer *models.User, id int64) (*models.IncidentUpdate, error) {
	u := new(models.IncidentUpdate)
	err := s.conn(ctx).NewSelect().Model(u).Where("incident_update.id = ?", id).
		Where("incident_update.incident_id IN (?)", s.VisibleIncidentIDs(viewer)).
		Scan(ctx)
	if database.IsNoRows(err) {
		return nil, apperr.NotFoundf("update not found")
	}
	return u, err
}

// GetEvent returns one timeline event of an incident the viewer may see.
func (s *Service) GetEvent(ctx context.Context, viewer *models.User, id int64) (*models.TimelineEvent, error) {
	e := new(models.TimelineEvent)
	err := s.conn(ctx).NewSelect().Model(e).Where("timeline_event.id = ?", id).
		Where("timeline_event.incident_id IN (?)", s.VisibleIncidentIDs(viewer)).
		Scan(ctx)
	if database.IsNoRows(err) {
		return nil, apperr.NotFoundf("timeline event not found")
	}
	return e, err
}

// RolesOf loads the current role holders of several incidents at once.
func (s *Service) RolesOf(ctx context.Context, incidentIDs []int64) (map[int64][]*models.RoleAssignment, error) {
	return database.Grouped(ctx, s.conn(ctx).NewSelect().
		Where("incident_id IN (?)", bun.In(incidentIDs)).Where("unassigned_at IS NULL").
		OrderExpr("incident_id, array_position(?::text[], role)", pgdialect.Array(models.AllIncidentRoles)),
		incidentIDs, func(r *models.RoleAssignment) int64 { return r.IncidentID })
}

// OpenIncidentCounts counts, per product, the open incidents the viewer may
// see: the "what's broken now" view.
func (s *Service) OpenIncidentCounts(ctx context.Context, viewer *models.User, productIDs []int64) (map[int64]int, error) {
	var rows []struct {
		ProductID int64 `bun:"product_id"`
		Count     int   `bun:"count"`
	}
	q := s.conn(ctx).NewSelect().Model((*models.Incident)(nil)).
		ColumnExpr("ip.product_id, count(*) AS count").
		Join("JOIN incident_products AS ip ON ip.incident_id = i.id").
		Where("ip.product_id IN (?)", bun.In(productIDs)).
		Where("i.status IN (?)", bun.In([]models.IncidentStatus{models.StatusInvestigating, models.StatusIdentified, models.StatusMonitoring})).
		Group("ip.product_id")
	if err := VisibleTo(q, viewer).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("count open incidents: %w", err)
	}
	out := make(map[int64]int, len(productIDs))
	for _, id := range productIDs {
		out[id] = 0
	}
	for _, r := range rows {
		out[r.ProductID] = r.Count
	}
	return out, nil
}

// EventsAfter returns up to limit of an incident's events whose global id is
// after the cursor, in sequence order (the order they were committed).
func (s *Service) EventsAfter(ctx context.Context, incidentID, afterID int64, limit int) ([]*models.TimelineEvent, error) {
	var rows []*models.TimelineEvent
	err := s.conn(ctx).NewSelect().Model(&rows).
		Where("incident_id = ? AND id > ?", incidentID, afterID).
		OrderExpr("sequence").Limit(int64(limit)).Scan(ctx)
	return rows, err
}

// LastEventID returns the global id of the incident's latest event.
func (s *Service) LastEventID(ctx context.Context, incidentID int64) (int64, error) {
	var id int64
	err := s.conn(ctx).NewSelect().Model((*models.TimelineEvent)(nil)).ColumnExpr("coalesce(max(id), 0)").
		Where("incident_id = ?", incidentID).Scan(ctx, &id)
	return id, err
}
