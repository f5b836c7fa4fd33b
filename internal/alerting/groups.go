package alerting

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
	"firebreak/internal/database"
	"firebreak/internal/incident"
	"firebreak/models"
)

var errGroupNotFound = apperr.NotFoundf("alert group not found")

// GroupStatus is whether any alert of a group fires.
type GroupStatus string

const (
	GroupFiring   GroupStatus = "FIRING"
	GroupResolved GroupStatus = "RESOLVED"
)

// Group is an alert group as its sender grouped it (Alertmanager's
// groupKey, a generic event's group), with its alerts counted.
type Group struct {
	bun.BaseModel `bun:"table:alert_groups,alias:ag"`

	ID         int64             `bun:"id,pk"`
	SourceID   int64             `bun:"source_id"`
	GroupKey   string            `bun:"group_key"`
	Labels     map[string]string `bun:"labels,type:jsonb"`
	Status     GroupStatus       `bun:"status"`
	IncidentID *int64            `bun:"incident_id"`
	RouteID    *int64            `bun:"route_id"`
	// Declarations counts the incidents it has declared and outlived.
	Declarations int       `bun:"declarations"`
	CreatedAt    time.Time `bun:"created_at"`
	UpdatedAt    time.Time `bun:"updated_at"`
	SourceName   string    `bun:"source_name,scanonly"`
	AlertCount   int       `bun:"alert_count,scanonly"`
	FiringCount  int       `bun:"firing_count,scanonly"`
}

// GlobalID is its id in the API.
func (g *Group) GlobalID() string { return models.GlobalID(models.TypeAlertGroup, g.ID) }

// groupsQuery selects groups with their source's name and their alerts
// counted, restricted to those the viewer may see: a group attached to a
// private incident is as private as the incident.
func (s *Service) groupsQuery(viewer *models.User, out *[]*Group) *bun.SelectQuery {
	return s.groupsSelect().Model(out).
		Where("ag.incident_id IS NULL OR ag.incident_id IN (?)", s.incidents.VisibleIncidentIDs(viewer))
}

// groupsSelect selects groups with their source's name and their alerts
// counted, for whoever may see them.
func (s *Service) groupsSelect() *bun.SelectQuery {
	return s.db.NewSelect().Model((*Group)(nil)).ColumnExpr("ag.*").
		ColumnExpr("src.name AS source_name").Join("JOIN alert_sources AS src ON src.id = ag.source_id").
		ColumnExpr("(SELECT count(*) FROM alerts WHERE group_id = ag.id) AS alert_count").
		ColumnExpr("(SELECT count(*) FROM alerts WHERE group_id = ag.id AND status = 'FIRING') AS firing_count")
}

// GroupFilter narrows the alert groups listed.
type GroupFilter struct {
	Status   GroupStatus // "" for both
	Attached *bool
}

// maxGroupsPage bounds one page of groups.
const maxGroupsPage = 100

// Groups returns a page of alert groups, most recently created first,
// after the group with id after (0: from the start); and whether more
// follow.
func (s *Service) Groups(ctx context.Context, viewer *models.User, f GroupFilter, first int, after int64) ([]*Group, bool, error) {
	first = min(max(first, 1), maxGroupsPage)
	var out []*Group
	q := s.groupsQuery(viewer, &out).OrderExpr("ag.id DESC").Limit(int64(first + 1))
	if after > 0 {
		q = q.Where("ag.id < ?", after)
	}
	if f.Status != "" {
		q = q.Where("ag.status = ?", f.Status)
	}
	if f.Attached != nil {
		q = q.Where("(ag.incident_id IS NOT NULL) = ?", *f.Attached)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, false, err
	}
	more := len(out) > first
	if more {
		out = out[:first]
	}
	return out, more, nil
}

// GroupsOf returns the groups attached to each of some incidents the
// caller has been shown (a page of incidents at once: the API's loader),
// at most maxGroupsPage per incident on average.
func (s *Service) GroupsOf(ctx context.Context, incidentIDs []int64) (map[int64][]*Group, error) {
	q := s.groupsSelect().Where("ag.incident_id IN (?)", bun.In(incidentIDs)).Order("ag.id").Limit(int64(maxGroupsPage * len(incidentIDs)))
	return database.Grouped(ctx, q, incidentIDs, func(g *Group) int64 { return *g.IncidentID })
}

// Group returns one group the viewer may see.
func (s *Service) Group(ctx context.Context, viewer *models.User, id int64) (*Group, error) {
	var out []*Group
	if err := s.groupsQuery(viewer, &out).Where("ag.id = ?", id).Scan(ctx); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, errGroupNotFound
	}
	return out[0], nil
}

// maxAlertsPage bounds one page of alerts.
const maxAlertsPage = 100

// AlertsOf returns a page of the alerts of an incident's groups, oldest
// first, after the alert with id after; and whether more follow.
func (s *Service) AlertsOf(ctx context.Context, incidentID int64, first int, after int64) ([]*Alert, bool, error) {
	return s.alertsPage(ctx, "al.group_id IN (SELECT id FROM alert_groups WHERE incident_id = ?)", incidentID, first, after)
}

// AlertsOfGroup returns a page of a group's alerts, oldest first.
func (s *Service) AlertsOfGroup(ctx context.Context, groupID int64, first int, after int64) ([]*Alert, bool, error) {
	return s.alertsPage(ctx, "al.group_id = ?", groupID, first, after)
}

func (s *Service) alertsPage(ctx context.Context, where string, arg int64, first int, after int64) ([]*Alert, bool, error) {
	first = min(max(first, 1), maxAlertsPage)
	var out []*Alert
	err := s.conn(ctx).NewSelect().Model(&out).Where(where, arg).
		Where("al.id > ?", after).Order("al.id").Limit(int64(first + 1)).Scan(ctx)
	if err != nil {
		return nil, false, err
	}
	more := len(out) > first
	if more {
		out = out[:first]
	}
	return out, more, nil
}

// Alert is one alert as the API shows it.
type Alert struct {
	bun.BaseModel `bun:"table:alerts,alias:al"`

	ID           int64             `bun:"id,pk"`
	Fingerprint  string            `bun:"fingerprint"`
	Status       string            `bun:"status"`
	Labels       map[string]string `bun:"labels,type:jsonb"`
	Annotations  map[string]string `bun:"annotations,type:jsonb"`
	StartsAt     *time.Time        `bun:"starts_at"`
	EndsAt       *time.Time        `bun:"ends_at"`
	GeneratorURL string            `bun:"generator_url"`
	ChangedAt    time.Time         `bun:"changed_at"`
}

// claimGroup locks a group for a person acting on it: NOT_FOUND when it is
// attached to an incident they cannot see; CONFLICT when it is attached to
// another incident that is not over (it would be taken from its
// responders); a group whose incident is closed or canceled is freed.
func (s *Service) claimGroup(ctx context.Context, tx bun.Tx, actor *models.User, groupID, target int64) (*lockedGroup, error) {
	g, err := lockGroup(ctx, tx, groupID, true)
	if err != nil {
		return nil, err
	}
	if g.IncidentID == nil || *g.IncidentID == target {
		return g, nil
	}
	visible, err := incident.CanSee(ctx, tx, *g.IncidentID, actor)
	if err != nil {
		return nil, err
	}
	if !visible {
		return nil, errGroupNotFound
	}
	if g.IncidentStatus == models.StatusClosed || g.IncidentStatus == models.StatusCanceled {
		return g, detach(ctx, tx, groupID, g)
	}
	return nil, &apperr.Error{Code: apperr.Conflict, Field: "alertGroupId",
		Message: fmt.Sprintf("the alert group belongs to INC-%d (%s): cancel or close that incident first", g.IncidentNumber, g.IncidentStatus)}
}

// AttachGroup puts an alert group on an incident (RESPONDER): its firing
// alerts go on the timeline, and its later changes follow them.
// Attaching it again to the same incident changes nothing.
func (s *Service) AttachGroup(ctx context.Context, actor *models.User, groupID, incidentID int64) (*Group, error) {
	if err := actor.RequireRole(models.RoleResponder); err != nil {
		return nil, err
	}
	inc, err := s.incidents.Get(ctx, actor, incidentID)
	if err != nil {
		return nil, err
	}
	if inc.IsFinal() {
		return nil, &apperr.Error{Code: apperr.InvalidTransition, Field: "incidentId",
			Message: fmt.Sprintf("INC-%d is %s: alerts can only join an incident that is not over", inc.Number, inc.Status)}
	}
	err = database.RunInTx(ctx, s.db, func(ctx context.Context, tx bun.Tx) error {
		g, err := s.claimGroup(ctx, tx, actor, groupID, incidentID)
		if err != nil || (g.IncidentID != nil && *g.IncidentID == incidentID) {
			return err
		}
		if err := link(ctx, tx, groupID, incidentID, nil); err != nil {
			return err
		}
		if err := s.incidents.RecordAlertEvents(ctx, actor, incidentID, attachedEvents(actor, groupID, g)); err != nil {
			return err
		}
		return markAnnounced(ctx, tx, groupID)
	})
	if err != nil {
		return nil, err
	}
	return s.Group(ctx, actor, groupID)
}

// DeclareFromGroup declares an incident for an alert group (RESPONDER):
// the title defaults to the group's first firing alert's; its firing
// alerts go on the new timeline.
func (s *Service) DeclareFromGroup(ctx context.Context, actor *models.User, groupID int64, in incident.DeclareInput) (*models.Incident, *Group, error) {
	if err := actor.RequireRole(models.RoleResponder); err != nil {
		return nil, nil, err
	}
	var inc *models.Incident
	err := database.RunInTx(ctx, s.db, func(ctx context.Context, tx bun.Tx) error {
		g, err := s.claimGroup(ctx, tx, actor, groupID, 0)
		if err != nil {
			return err
		}
		if g.IncidentID != nil {
			return &apperr.Error{Code: apperr.Conflict, Field: "alertGroupId",
				Message: fmt.Sprintf("the alert group belongs to INC-%d (%s): cancel or close that incident first", g.IncidentNumber, g.IncidentStatus)}
		}
		if in.Title == "" {
			in.Title = defaultTitleOf(g)
		}
		if inc, err = s.incidents.Declare(ctx, actor, in); err != nil {
			return err
		}
		if err := link(ctx, tx, groupID, inc.ID, nil); err != nil {
			return err
		}
		if err := s.incidents.RecordAlertEvents(ctx, actor, inc.ID, attachedEvents(actor, groupID, g)); err != nil {
			return err
		}
		return markAnnounced(ctx, tx, groupID)
	})
	if err != nil {
		return nil, nil, err
	}
	group, err := s.Group(ctx, actor, groupID)
	return inc, group, err
}

// defaultTitleOf names an incident after a group's first firing alert (its
// first alert when none fires).
func defaultTitleOf(g *lockedGroup) string {
	if len(g.alerts) == 0 {
		return "Alert group"
	}
	a := g.alerts[0]
	for _, candidate := range g.alerts {
		if candidate.Status == "FIRING" {
			a = candidate
			break
		}
	}
	r := &Route{title: defaultTitleTemplate}
	return r.titleFor(a.Labels, a.Annotations)
}

// attachedEvents says on the timeline that a person attached a group, with
// its firing alerts (a storm summarised).
func attachedEvents(actor *models.User, groupID int64, g *lockedGroup) []incident.AlertEvent {
	applied := &Applied{GroupID: groupID}
	for _, a := range g.alerts {
		if a.Status == "FIRING" {
			applied.New = append(applied.New, a.Fingerprint)
		}
	}
	events := []incident.AlertEvent{{Kind: models.EventAlertFiring,
		Message: fmt.Sprintf("%s attached an alert group: %d of %d alerts firing", actor.Name, g.Firing, g.Total),
		Data:    map[string]any{"groupId": groupID, "attached": true}}}
	return append(events, changeEvents(applied, g)...)
}
