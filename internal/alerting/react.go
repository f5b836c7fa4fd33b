package alerting

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/uptrace/bun"

	"firebreak/internal/database"
	"firebreak/internal/idempotency"
	"firebreak/internal/incident"
	"firebreak/models"
)

// WithIncidents lets alerts declare incidents and write on their
// timelines.
func (s *Service) WithIncidents(incidents *incident.Service) *Service {
	s.incidents = incidents
	return s
}

type storedAlert struct {
	Fingerprint string `bun:"fingerprint"`
	Status      string `bun:"status"`
	// Announced is the state the incident's timeline was told ("": none).
	Announced   string            `bun:"announced"`
	Labels      map[string]string `bun:"labels,type:jsonb"`
	Annotations map[string]string `bun:"annotations,type:jsonb"`
}

// lockedGroup is a group under its row lock, with its incident's status.
type lockedGroup struct {
	IncidentID     *int64                `bun:"incident_id"`
	IncidentNumber int64                 `bun:"incident_number"`
	IncidentStatus models.IncidentStatus `bun:"incident_status"`
	RouteID        *int64                `bun:"route_id"`
	Declarations   int                   `bun:"declarations"`
	// Total and Firing count the group's alerts.
	Total  int `bun:"total"`
	Firing int `bun:"firing"`
	// alerts are every alert of the group when complete, else only those
	// its incident has not been told (what a notification's work needs:
	// its cost follows the changes, not the group's size).
	alerts        []storedAlert
	complete      bool
	byFingerprint map[string]storedAlert
}

// lockGroup takes a group's row lock — so replicas, retries and people
// acting on the same group take turns — and reads its alerts: every one
// when every is set, else those its incident has not been told (a group
// of 29,000 alerts growing by 1,000 a notification cost 0.13 s and then
// 0.53 s per notification when each read them all).
func lockGroup(ctx context.Context, tx bun.Tx, groupID int64, every bool) (*lockedGroup, error) {
	var gs []lockedGroup
	err := tx.NewRaw(`SELECT g.incident_id, g.route_id, g.declarations, coalesce(i.number, 0) AS incident_number, coalesce(i.status, '') AS incident_status
		FROM alert_groups AS g LEFT JOIN incidents AS i ON i.id = g.incident_id WHERE g.id = ? FOR UPDATE OF g`, groupID).Scan(ctx, &gs)
	if err != nil {
		return nil, err
	}
	if len(gs) == 0 {
		return nil, errGroupNotFound
	}
	g := &gs[0]
	if err := tx.NewRaw("SELECT count(*) AS total, count(*) FILTER (WHERE status = 'FIRING') AS firing FROM alerts WHERE group_id = ?", groupID).Scan(ctx, &g.Total, &g.Firing); err != nil {
		return nil, err
	}
	return g, g.load(ctx, tx, groupID, every)
}

// load reads the group's alerts: every one, or the unannounced ones (the
// partial index alerts_unannounced).
func (g *lockedGroup) load(ctx context.Context, tx bun.Tx, groupID int64, every bool) error {
	q := "SELECT fingerprint, status, coalesce(announced_status, '') AS announced, labels, annotations FROM alerts WHERE group_id = ? ORDER BY id"
	if !every {
		q = "SELECT fingerprint, status, coalesce(announced_status, '') AS announced, labels, annotations FROM alerts WHERE group_id = ? AND announced_status IS DISTINCT FROM status ORDER BY id"
	}
	g.alerts = nil
	if err := tx.NewRaw(q, groupID).Scan(ctx, &g.alerts); err != nil {
		return err
	}
	g.complete = every
	g.byFingerprint = make(map[string]storedAlert, len(g.alerts))
	for _, a := range g.alerts {
		g.byFingerprint[a.Fingerprint] = a
	}
	return nil
}

// link attaches a group to an incident (routeID: the route that declared
// it, nil when a person did).
func link(ctx context.Context, tx bun.Tx, groupID, incidentID int64, routeID *int64) error {
	_, err := tx.NewRaw("UPDATE alert_groups SET incident_id = ?, route_id = ? WHERE id = ?", incidentID, routeID, groupID).Exec(ctx)
	return err
}

// detach frees a group whose incident is over for good, counting the
// declaration so that the next one has an idempotency key of its own; its
// alerts have been announced to no incident since.
func detach(ctx context.Context, tx bun.Tx, groupID int64, g *lockedGroup) error {
	_, err := tx.NewRaw("UPDATE alert_groups SET incident_id = NULL, route_id = NULL, declarations = declarations + 1 WHERE id = ?", groupID).Exec(ctx)
	if err == nil {
		_, err = tx.NewRaw("UPDATE alerts SET announced_status = NULL WHERE group_id = ?", groupID).Exec(ctx)
	}
	g.IncidentID, g.RouteID = nil, nil
	g.Declarations++
	return err
}

// markAnnounced records that the group's incident has been told every
// alert's current state (in the transaction that holds the group's lock).
func markAnnounced(ctx context.Context, tx bun.Tx, groupID int64) error {
	_, err := tx.NewRaw("UPDATE alerts SET announced_status = status WHERE group_id = ? AND announced_status IS DISTINCT FROM status", groupID).Exec(ctx)
	return err
}

// unannounced is what the group's incident has not been told yet, as
// changes: alerts first firing, firing again, and resolved. An alert that
// resolved before its incident heard of it is announced only to an
// incident that was already open (fresh: one just declared or attached has
// no use for it).
func (g *lockedGroup) unannounced(groupID int64, fresh bool) *Applied {
	out := &Applied{GroupID: groupID}
	for _, a := range g.alerts {
		switch {
		case a.Announced == a.Status:
		case a.Status == "FIRING" && a.Announced == "":
			out.New = append(out.New, a.Fingerprint)
		case a.Status == "FIRING":
			out.Fired = append(out.Fired, a.Fingerprint)
		case a.Announced != "" || !fresh:
			out.Resolved = append(out.Resolved, a.Fingerprint)
		}
	}
	return out
}

// declarationKey is the idempotency key of the n-th incident a group
// declares.
func declarationKey(groupID int64, n int) string {
	if n == 0 {
		return "alert-group:" + strconv.FormatInt(groupID, 10)
	}
	return fmt.Sprintf("alert-group:%d/%d", groupID, n)
}

// maxEventsPerNotification bounds the timeline entries one notification
// writes; a storm gets a summary line instead of a thousand.
const maxEventsPerNotification = 20

// react turns a group's changes into incident work, under the group's row
// lock, so that two replicas receiving the same group take turns: the
// first firing group matching an auto-declare route declares an incident
// (exactly once: the declaration's idempotency key is the group's), later
// changes of the group go on that incident's timeline, and when every
// alert of the group has resolved the timeline says so — the incident is
// left for a responder to resolve unless its route resolves it. A group
// that fires again after its incident was resolved reopens it (a
// regression); after it was closed or canceled, declares anew.
func (s *Service) react(ctx context.Context, src *Source, applied *Applied) error {
	if s.incidents == nil || src.UserID == nil {
		return nil
	}
	if applied.Attached && !applied.changed() {
		// Alertmanager's repeat. Had an earlier notification's incident
		// work failed, the reconciler announces what it left (AnnounceLeftovers).
		return nil
	}
	actor, err := s.sourcePerson(ctx, src)
	if err != nil {
		return err
	}
	return database.RunInTx(ctx, s.db, func(ctx context.Context, tx bun.Tx) error {
		groupID := applied.GroupID
		g, err := lockGroup(ctx, tx, groupID, false)
		if err != nil {
			return err
		}
		// What the incident has not been told, whichever notification
		// brought it: this one, or one whose incident work never happened.
		pending := g.unannounced(groupID, false)
		firingNow := newlyFiring(pending, g)
		reopen := false
		if g.IncidentID != nil && len(firingNow) > 0 {
			switch g.IncidentStatus {
			case models.StatusResolved:
				reopen = true
			case models.StatusClosed, models.StatusCanceled:
				if err := detach(ctx, tx, groupID, g); err != nil {
					return err
				}
			}
		}
		if g.IncidentID == nil {
			// No incident to tell: nothing is left to announce (an incident
			// declared or attached later is told what fires then).
			if g.Firing == 0 {
				return markAnnounced(ctx, tx, groupID)
			}
			// Declaring needs every alert: which route matches, the title.
			if err := g.load(ctx, tx, groupID, true); err != nil {
				return err
			}
			id, err := s.declare(ctx, tx, actor, groupID, g)
			if err != nil {
				return err
			}
			if id == 0 {
				return markAnnounced(ctx, tx, groupID)
			}
			g.IncidentID = &id
			// Everything firing now is news to the new incident.
			for i := range g.alerts {
				g.alerts[i].Announced = ""
			}
			pending = g.unannounced(groupID, true)
		}
		if reopen {
			a := g.byFingerprint[firingNow[0]]
			body := fmt.Sprintf("Regression: %s is firing again (%s); reopened by %s.", a.Labels["alertname"], describe(a), actor.Name)
			if _, err := s.incidents.Reopen(ctx, actor, incident.LifecycleInput{IncidentID: *g.IncidentID, Body: clipBody(body)}); err != nil {
				return fmt.Errorf("reopen INC-%d on a regression: %w", g.IncidentNumber, err)
			}
		}
		events := changeEvents(pending, g)
		resolveIt := false
		if g.Firing == 0 && len(pending.Resolved) > 0 {
			if resolveIt, err = s.mayAutoResolve(ctx, tx, g); err != nil {
				return err
			}
			then := "the incident stays open until a responder resolves it"
			if resolveIt {
				then = "its alert route resolves the incident"
			}
			events = append(events, incident.AlertEvent{Kind: models.EventAlertResolved,
				Message: fmt.Sprintf("All %d alerts of the group have resolved; %s", g.Total, then),
				Data:    map[string]any{"groupId": groupID, "allResolved": true}, TellCommander: true})
		}
		if err := s.incidents.RecordAlertEvents(ctx, actor, *g.IncidentID, events); err != nil {
			return err
		}
		if err := markAnnounced(ctx, tx, groupID); err != nil {
			return err
		}
		if resolveIt {
			_, err = s.incidents.Resolve(ctx, actor, incident.LifecycleInput{IncidentID: *g.IncidentID,
				Body: "Every alert of the incident's alert groups has resolved; resolved by its alert route."})
		}
		return err
	})
}

// maxLeftoverGroups bounds the groups one reconcile catches up.
const maxLeftoverGroups = 100

// AnnounceLeftovers tells incidents what their groups' alerts did that
// they have not been told: the notification was stored but its incident
// work never happened (the process died in between, or it failed and the
// sender's retry changed nothing). The workers' reconciler runs it; a group
// whose incident work is in flight is serialised with it by the group's
// lock, and whichever comes second finds nothing left to say.
func (s *Service) AnnounceLeftovers(ctx context.Context) (int, error) {
	var groups []struct {
		GroupID  int64 `bun:"group_id"`
		SourceID int64 `bun:"source_id"`
	}
	err := s.conn(ctx).NewRaw(`SELECT DISTINCT a.group_id, a.source_id FROM alerts AS a JOIN alert_groups AS g ON g.id = a.group_id
		WHERE a.announced_status IS DISTINCT FROM a.status AND g.incident_id IS NOT NULL LIMIT ?`, maxLeftoverGroups).Scan(ctx, &groups)
	if err != nil || len(groups) == 0 {
		return 0, err
	}
	sourceIDs := make([]int64, len(groups))
	for i, g := range groups {
		sourceIDs[i] = g.SourceID
	}
	var sources []*Source
	if err := s.conn(ctx).NewSelect().Model(&sources).Where("id IN (?)", bun.In(sourceIDs)).Scan(ctx); err != nil {
		return 0, err
	}
	byID := make(map[int64]*Source, len(sources))
	for _, src := range sources {
		byID[src.ID] = src
	}
	var failed []error
	for _, g := range groups {
		// The others still get theirs; a failure is tried next time.
		if err := s.react(ctx, byID[g.SourceID], &Applied{GroupID: g.GroupID}); err != nil {
			failed = append(failed, fmt.Errorf("announce alert group %d: %w", g.GroupID, err))
		}
	}
	return len(groups) - len(failed), errors.Join(failed...)
}

// sourcePerson is the person a source acts as on timelines. It acts on the
// incidents its groups belong to, including a private one a responder
// attached a group to (on which that person has no role): alert work sees
// every incident, as an admin does. The source's token can do nothing but
// post notifications.
func (s *Service) sourcePerson(ctx context.Context, src *Source) (*models.User, error) {
	actor := new(models.User)
	if err := s.conn(ctx).NewSelect().Model(actor).Where("id = ?", *src.UserID).Scan(ctx); err != nil {
		return nil, err
	}
	actor.Role = models.RoleAdmin
	return actor, nil
}

// newlyFiring is what this notification started firing: new firing alerts
// and alerts firing again.
func newlyFiring(applied *Applied, g *lockedGroup) []string {
	var out []string
	for _, fp := range applied.New {
		if g.byFingerprint[fp].Status == "FIRING" {
			out = append(out, fp)
		}
	}
	return append(out, applied.Fired...)
}

// changeEvents are a notification's changes as timeline events, a storm
// summarised after maxEventsPerNotification.
func changeEvents(applied *Applied, g *lockedGroup) []incident.AlertEvent {
	var events []incident.AlertEvent
	add := func(kind models.TimelineEventKind, fingerprint, verb string) {
		a := g.byFingerprint[fingerprint]
		events = append(events, incident.AlertEvent{Kind: kind,
			Message: fmt.Sprintf("%s %s: %s", a.Labels["alertname"], verb, describe(a)),
			Data:    map[string]any{"fingerprint": fingerprint, "labels": a.Labels, "groupId": applied.GroupID}})
	}
	for _, fp := range applied.New {
		if g.byFingerprint[fp].Status == "FIRING" {
			add(models.EventAlertFiring, fp, "firing")
		}
	}
	for _, fp := range applied.Fired {
		add(models.EventAlertFiring, fp, "firing again")
	}
	for _, fp := range applied.Resolved {
		add(models.EventAlertResolved, fp, "resolved")
	}
	if len(events) > maxEventsPerNotification {
		events = append(events[:maxEventsPerNotification-1], incident.AlertEvent{Kind: models.EventAlertFiring,
			Message: fmt.Sprintf("…and %d more alert changes in this notification", len(events)-maxEventsPerNotification+1),
			Data:    map[string]any{"groupId": applied.GroupID}})
	}
	return events
}

// mayAutoResolve: the route that declared the incident says to resolve it
// when its alerts have, the incident is open, and no alert of any group
// attached to it still fires.
func (s *Service) mayAutoResolve(ctx context.Context, tx bun.Tx, g *lockedGroup) (bool, error) {
	if g.RouteID == nil || !g.IncidentStatus.IsOpen() {
		return false, nil
	}
	var ok bool
	err := tx.NewRaw(`SELECT coalesce((SELECT auto_resolve FROM alert_routes WHERE id = ?), false)
		AND NOT EXISTS (SELECT 1 FROM alerts AS a JOIN alert_groups AS g ON g.id = a.group_id WHERE g.incident_id = ? AND a.status = 'FIRING')`,
		*g.RouteID, *g.IncidentID).Scan(ctx, &ok)
	return ok, err
}

// describe is an alert in a line: its summary, else its labels.
func describe(a storedAlert) string {
	if s := a.Annotations["summary"]; s != "" {
		return s
	}
	b, _ := json.Marshal(a.Labels)
	return string(b)
}

// clipBody keeps a generated status update within what updates allow.
func clipBody(s string) string {
	if r := []rune(s); len(r) > 2000 {
		return string(r[:2000])
	}
	return s
}

// declare opens the incident of a group when a route says so, and links
// them; 0 when no auto-declare route matches. A retry whose declaration
// committed but whose link did not finds it by the idempotency key, even
// if the group's alerts (and so the title) have changed since.
func (s *Service) declare(ctx context.Context, tx bun.Tx, actor *models.User, groupID int64, g *lockedGroup) (int64, error) {
	routes, err := s.routes(ctx, tx)
	if err != nil {
		return 0, err
	}
	for _, r := range routes {
		for _, a := range g.alerts {
			if a.Status != "FIRING" || !r.matches(a.Labels) {
				continue
			}
			if !r.AutoDeclare {
				return 0, nil // attach only: a responder decides
			}
			key := declarationKey(groupID, g.Declarations)
			id, found, err := idempotency.Lookup(ctx, tx, actor, key)
			if err != nil {
				return 0, err
			}
			if !found {
				if id, err = s.stormIncident(ctx, tx, actor, groupID, r); err != nil {
					return 0, err
				}
			}
			if !found && id == 0 {
				inc, err := s.incidents.Declare(ctx, actor, incident.DeclareInput{
					Title: r.titleFor(a.Labels, a.Annotations), SeverityLevel: r.SeverityLevel, ProductIDs: r.ProductIDs,
					IdempotencyKey: key,
				})
				if err != nil {
					return 0, fmt.Errorf("declare from alert group %d: %w", groupID, err)
				}
				id = inc.ID
			}
			g.RouteID, g.IncidentStatus = &r.ID, models.StatusInvestigating
			return id, link(ctx, tx, groupID, id, &r.ID)
		}
	}
	return 0, nil
}
