package statuspage

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"firebreak/internal/catalog"
	"firebreak/internal/incident"
	"firebreak/internal/maintenance"
	"firebreak/models"
)

// historyDays is how far back the page lists incidents.
const historyDays = 90

// maxIncidents bounds the incidents a snapshot holds (incidents.json shows
// the newest 50, as Statuspage does).
const maxIncidents = 200

// Statuspage's component statuses, from the least to the most severe.
var componentRank = map[string]int{"operational": 0, "under_maintenance": 1, "degraded_performance": 2, "partial_outage": 3, "major_outage": 4}

// DefaultSeverityStatus is what an open incident does to the components
// it affects, by severity level, unless a responder overrides it.
var DefaultSeverityStatus = map[int]ComponentStatus{
	1: ComponentMajorOutage,
	2: ComponentPartialOutage,
	3: ComponentDegradedPerformance,
}

// ParseSeverityStatus reads "1=major_outage,2=partial_outage,3=degraded_performance"
// (FIREBREAK_STATUS_COMPONENT_STATUS).
func ParseSeverityStatus(v string) (map[int]ComponentStatus, error) {
	out := map[int]ComponentStatus{}
	for _, pair := range strings.Split(v, ",") {
		level, status, ok := strings.Cut(strings.TrimSpace(pair), "=")
		n, err := strconv.Atoi(strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(level)), "SEV-"))
		cs := ComponentStatus(strings.ToUpper(strings.TrimSpace(status)))
		if !ok || err != nil || !cs.IsValid() {
			return nil, fmt.Errorf("%q is not level=operational|degraded_performance|partial_outage|major_outage|under_maintenance", pair)
		}
		out[n] = cs
	}
	return out, nil
}

var impactRank = map[string]int{"none": 0, "minor": 1, "major": 2, "critical": 3}

var indicatorDescription = map[string]string{
	"none": "All Systems Operational", "minor": "Minor Service Outage", "major": "Partial System Outage", "critical": "Major Service Outage",
}

// affectedProduct is an incident's product; componentOverride a
// responder's choice of what the incident shows for it.
type affectedProduct struct {
	IncidentID int64 `bun:"incident_id"`
	ProductID  int64 `bun:"product_id"`
}

type componentOverride struct {
	IncidentID int64  `bun:"incident_id"`
	ProductID  int64  `bun:"product_id"`
	Status     string `bun:"status"`
}

// state is everything public, as of one moment.
type state struct {
	page       PageInfo
	components []Component // groups first in their place, then their members
	incidents  []Incident  // published, newest first, within historyDays
	unresolved []Incident
	status     Status
	// byID finds an incident for its page.
	byID map[string]*Incident
	// byProduct is each public product's component.
	byProduct map[int64]Component
	// openWindows are upcoming and running maintenance windows; windows
	// adds those completed within historyDays.
	openWindows, windows []ScheduledMaintenance
}

// load reads what is public now: public products, and published public
// incidents with their public updates only.
func (p *Page) load(ctx context.Context) (*state, error) {
	now := p.now()
	var products []*models.Product
	if err := p.db.NewSelect().Model(&products).Where(catalog.PublicProductSQL("")).Order("position", "name").Scan(ctx); err != nil {
		return nil, fmt.Errorf("public products: %w", err)
	}
	var incs []*models.Incident
	err := p.db.NewSelect().Model(&incs).
		Where(incident.PublicSQL("i")).
		// A canceled incident was a false alarm: the page leaves it out.
		Where("i.status <> ?", models.StatusCanceled).
		Where("i.resolved_at IS NULL OR i.resolved_at > ?", now.AddDate(0, 0, -historyDays)).
		OrderExpr("i.declared_at DESC").Limit(maxIncidents).Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("published incidents: %w", err)
	}
	ids := make([]int64, len(incs))
	sevIDs := make([]int64, len(incs))
	for i, inc := range incs {
		ids[i], sevIDs[i] = inc.ID, inc.SeverityID
	}
	var updates []*models.IncidentUpdate
	var affected []affectedProduct
	var overrides []componentOverride
	var statusChanges []*models.TimelineEvent
	severities := map[int64]*models.Severity{}
	if len(ids) > 0 {
		if err := p.db.NewSelect().Model(&updates).Where("incident_id IN (?) AND public", bun.In(ids)).OrderExpr("created_at DESC, id DESC").Scan(ctx); err != nil {
			return nil, fmt.Errorf("public updates: %w", err)
		}
		if err := p.db.NewSelect().Table("incident_products").Column("incident_id", "product_id").Where("incident_id IN (?)", bun.In(ids)).Scan(ctx, &affected); err != nil {
			return nil, fmt.Errorf("affected products: %w", err)
		}
		if err := p.db.NewSelect().Table("component_overrides").Column("incident_id", "product_id", "status").Where("incident_id IN (?)", bun.In(ids)).Scan(ctx, &overrides); err != nil {
			return nil, fmt.Errorf("component overrides: %w", err)
		}
		if err := p.db.NewSelect().Model(&statusChanges).Where("incident_id IN (?) AND kind = ?", bun.In(ids), models.EventStatusChanged).OrderExpr("occurred_at").Scan(ctx); err != nil {
			return nil, fmt.Errorf("status changes: %w", err)
		}
		if severities, err = p.catalog.SeveritiesByID(ctx, sevIDs); err != nil {
			return nil, err
		}
	}
	ms, msUpdates, msProducts, err := p.maintenance.Recent(ctx, p.db, historyDays)
	if err != nil {
		return nil, fmt.Errorf("maintenance windows: %w", err)
	}
	maintained := map[int64]bool{}
	for _, m := range ms {
		if m.Status == maintenance.InProgress || m.Status == maintenance.Verifying {
			for _, pid := range msProducts[m.ID] {
				maintained[pid] = true
			}
		}
	}
	st := p.derive(now, products, incs, severities, updates, affected, overrides, statusChanges, maintained)
	p.deriveWindows(st, ms, msUpdates, msProducts)
	return st, nil
}

// deriveWindows turns maintenance windows into Statuspage's scheduled
// maintenances (canceled ones are not shown).
func (p *Page) deriveWindows(st *state, ms []*maintenance.Maintenance, updates map[int64][]*maintenance.Update, products map[int64][]int64) {
	st.openWindows, st.windows = []ScheduledMaintenance{}, []ScheduledMaintenance{}
	for _, m := range ms {
		id := fmt.Sprintf("maintenance-%d", m.ID)
		v := ScheduledMaintenance{Incident: Incident{ID: id, Name: m.Title, Status: strings.ToLower(string(m.Status)),
			CreatedAt: Time{m.CreatedAt}, UpdatedAt: Time{m.UpdatedAt}, ResolvedAt: at(m.CompletedAt), Impact: "maintenance",
			Shortlink: p.cfg.URL + "#" + id, StartedAt: Time{m.ScheduledFor}, PageID: p.cfg.PageID,
			IncidentUpdates: []IncidentUpdate{}, Components: []Component{}},
			ScheduledFor: Time{m.ScheduledFor}, ScheduledUntil: Time{m.ScheduledUntil}}
		if m.StartedAt != nil {
			v.StartedAt = Time{*m.StartedAt}
		}
		for _, u := range updates[m.ID] {
			v.IncidentUpdates = append(v.IncidentUpdates, IncidentUpdate{ID: fmt.Sprintf("%s-%d", id, u.ID), Status: strings.ToLower(string(u.Status)),
				Body: u.Body, IncidentID: id, CreatedAt: Time{u.CreatedAt}, UpdatedAt: Time{u.CreatedAt}, DisplayAt: Time{u.CreatedAt}, DeliverNotifications: true})
		}
		for _, pid := range products[m.ID] {
			if c, ok := st.byProduct[pid]; ok {
				v.Components = append(v.Components, c)
			}
		}
		if m.UpdatedAt.After(st.page.UpdatedAt.Time) {
			st.page.UpdatedAt = Time{m.UpdatedAt}
		}
		st.windows = append(st.windows, v)
		if m.Status.Open() {
			st.openWindows = append(st.openWindows, v)
		}
	}
	// Soonest first, as Statuspage lists them.
	slices.Reverse(st.openWindows)
}

// derive computes the public state: component statuses from the open
// incidents (override, else severity), incident impacts, the rollup.
func (p *Page) derive(now time.Time, products []*models.Product, incs []*models.Incident, severities map[int64]*models.Severity,
	updates []*models.IncidentUpdate, affected []affectedProduct, overrides []componentOverride, statusChanges []*models.TimelineEvent, maintained map[int64]bool,
) *state {
	st := &state{byID: map[string]*Incident{}, byProduct: map[int64]Component{}}
	updated := time.Time{}
	bump := func(t time.Time) {
		if t.After(updated) {
			updated = t
		}
	}
	public := map[int64]*models.Product{}
	for _, pr := range products {
		public[pr.ID] = pr
		bump(pr.UpdatedAt)
	}
	override := map[[2]int64]string{}
	for _, o := range overrides {
		override[[2]int64{o.IncidentID, o.ProductID}] = strings.ToLower(o.Status)
	}
	componentStatus := map[int64]string{}
	componentChanged := map[int64]time.Time{}
	incProducts := map[int64][]int64{}
	for _, a := range affected {
		if public[a.ProductID] != nil {
			incProducts[a.IncidentID] = append(incProducts[a.IncidentID], a.ProductID)
		}
	}
	for _, inc := range incs {
		sev := severities[inc.SeverityID]
		if sev == nil || inc.Status.StatuspageName() == "resolved" {
			continue
		}
		for _, pid := range incProducts[inc.ID] {
			s, ok := override[[2]int64{inc.ID, pid}]
			if !ok {
				cs, known := p.cfg.SeverityStatus[sev.Level]
				if !known {
					cs = ComponentDegradedPerformance
				}
				s = strings.ToLower(string(cs))
			}
			if componentRank[s] > componentRank[componentStatus[pid]] {
				componentStatus[pid] = s
			}
			if inc.UpdatedAt.After(componentChanged[pid]) {
				componentChanged[pid] = inc.UpdatedAt
			}
		}
	}
	comp := func(pr *models.Product, groupID *string) Component {
		status := componentStatus[pr.ID]
		if maintained[pr.ID] && componentRank[status] < componentRank["under_maintenance"] {
			status = "under_maintenance"
		}
		if status == "" {
			status = "operational"
		}
		changed := pr.UpdatedAt
		if componentChanged[pr.ID].After(changed) {
			changed = componentChanged[pr.ID]
		}
		var desc *string
		if pr.Description != "" {
			desc = &pr.Description
		}
		return Component{ID: pr.Slug, Name: pr.Name, Status: status, CreatedAt: Time{pr.CreatedAt}, UpdatedAt: Time{changed},
			Position: pr.Position, Description: desc, GroupID: groupID, PageID: p.cfg.PageID}
	}
	// Groups are components with group: true listing their members.
	groups := map[string]*Component{}
	byID := map[int64]Component{}
	for _, pr := range products {
		var groupID *string
		if pr.Group != "" {
			g := groups[pr.Group]
			if g == nil {
				id := "group-" + catalog.Slugify(pr.Group)
				g = &Component{ID: id, Name: pr.Group, Status: "operational", CreatedAt: Time{pr.CreatedAt}, UpdatedAt: Time{pr.UpdatedAt},
					Position: pr.Position, PageID: p.cfg.PageID, Group: true}
				groups[pr.Group] = g
			}
			groupID = &g.ID
		}
		c := comp(pr, groupID)
		byID[pr.ID] = c
		if groupID != nil {
			g := groups[pr.Group]
			g.Components = append(g.Components, c.ID)
			if componentRank[c.Status] > componentRank[g.Status] {
				g.Status = c.Status
			}
			if c.UpdatedAt.After(g.UpdatedAt.Time) {
				g.UpdatedAt = c.UpdatedAt
			}
		}
	}
	// Each group goes just before its first member.
	var ordered []Component
	seen := map[string]bool{}
	for _, pr := range products {
		if pr.Group != "" && !seen[pr.Group] {
			seen[pr.Group] = true
			ordered = append(ordered, *groups[pr.Group])
		}
		ordered = append(ordered, byID[pr.ID])
	}
	st.components = ordered
	st.byProduct = byID

	updatesOf := map[int64][]*models.IncidentUpdate{}
	for _, u := range updates {
		updatesOf[u.IncidentID] = append(updatesOf[u.IncidentID], u)
	}
	changesOf := map[int64][]*models.TimelineEvent{}
	for _, e := range statusChanges {
		changesOf[e.IncidentID] = append(changesOf[e.IncidentID], e)
	}
	worst := "none"
	for _, inc := range incs {
		sev := severities[inc.SeverityID]
		level := 3
		if sev != nil {
			level = sev.Level
		}
		id := inc.Handle
		v := Incident{ID: id, Name: inc.PublicName(), Status: inc.Status.StatuspageName(), CreatedAt: Time{*inc.PublishedAt}, UpdatedAt: Time{*inc.PublishedAt},
			MonitoringAt: at(monitoringAt(changesOf[inc.ID])), ResolvedAt: at(inc.ResolvedAt), Impact: models.StatuspageImpact(level),
			Shortlink: p.cfg.URL + "/incidents/" + id, StartedAt: Time{inc.DetectedAt}, PageID: p.cfg.PageID,
			IncidentUpdates: []IncidentUpdate{}, Components: []Component{}}
		for _, u := range updatesOf[inc.ID] {
			status := statusAt(changesOf[inc.ID], u)
			v.IncidentUpdates = append(v.IncidentUpdates, IncidentUpdate{ID: fmt.Sprintf("%s-%d", id, u.ID), Status: status, Body: u.Body,
				IncidentID: id, CreatedAt: Time{u.CreatedAt}, UpdatedAt: Time{u.CreatedAt}, DisplayAt: Time{u.CreatedAt},
				AffectedComponents: nil, DeliverNotifications: true})
			if u.CreatedAt.After(v.UpdatedAt.Time) {
				v.UpdatedAt = Time{u.CreatedAt}
			}
		}
		if inc.ResolvedAt != nil && inc.ResolvedAt.After(v.UpdatedAt.Time) {
			v.UpdatedAt = Time{*inc.ResolvedAt}
		}
		for _, pid := range incProducts[inc.ID] {
			v.Components = append(v.Components, byID[pid])
		}
		bump(v.UpdatedAt.Time)
		st.incidents = append(st.incidents, v)
		if v.Status != "resolved" {
			st.unresolved = append(st.unresolved, v)
			if impactRank[v.Impact] > impactRank[worst] {
				worst = v.Impact
			}
		}
	}
	for i := range st.incidents {
		st.byID[st.incidents[i].ID] = &st.incidents[i]
	}
	sort.SliceStable(st.unresolved, func(i, j int) bool { return st.unresolved[i].CreatedAt.After(st.unresolved[j].CreatedAt.Time) })
	if updated.IsZero() {
		updated = now
	}
	st.page = PageInfo{ID: p.cfg.PageID, Name: p.cfg.Name, URL: p.cfg.URL, TimeZone: "Etc/UTC", UpdatedAt: Time{updated}}
	st.status = Status{Indicator: worst, Description: indicatorDescription[worst]}
	if st.unresolved == nil {
		st.unresolved = []Incident{}
	}
	if st.incidents == nil {
		st.incidents = []Incident{}
	}
	if st.components == nil {
		st.components = []Component{}
	}
	return st
}

// statusChange is a STATUS_CHANGED event's move.
func statusChange(e *models.TimelineEvent) models.IncidentStatus {
	var d struct {
		To models.IncidentStatus `json:"to"`
	}
	_ = json.Unmarshal(e.Data, &d)
	return d.To
}

// monitoringAt is when the incident last moved to MONITORING.
func monitoringAt(changes []*models.TimelineEvent) *time.Time {
	var last *time.Time
	for _, e := range changes {
		if statusChange(e) == models.StatusMonitoring {
			t := e.OccurredAt
			last = &t
		}
	}
	return last
}

// statusAt is the status an update was posted in: the one it set, else
// the incident's at that moment.
func statusAt(changes []*models.TimelineEvent, u *models.IncidentUpdate) string {
	if u.Status != nil {
		return u.Status.StatuspageName()
	}
	status := models.StatusInvestigating
	for _, e := range changes {
		if e.OccurredAt.After(u.CreatedAt) {
			break
		}
		if to := statusChange(e); to != "" {
			status = to
		}
	}
	return status.StatuspageName()
}
