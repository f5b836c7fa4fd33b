package alerting

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/uptrace/bun"

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
	Fingerprint string            `bun:"fingerprint"`
	Status      string            `bun:"status"`
	Labels      map[string]string `bun:"labels,type:jsonb"`
	Annotations map[string]string `bun:"annotations,type:jsonb"`
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
// left for a responder to resolve.
func (s *Service) react(ctx context.Context, src *Source, applied *Applied) error {
	if s.incidents == nil || src.UserID == nil {
		return nil
	}
	release, err := s.reacting.Acquire(ctx)
	if err != nil {
		return err
	}
	defer release()
	actor := new(models.User)
	if err := s.db.NewSelect().Model(actor).Where("id = ?", *src.UserID).Scan(ctx); err != nil {
		return err
	}
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var group struct {
			IncidentID *int64 `bun:"incident_id"`
		}
		if err := tx.NewRaw("SELECT incident_id FROM alert_groups WHERE id = ? FOR UPDATE", applied.GroupID).Scan(ctx, &group); err != nil {
			return err
		}
		var alerts []storedAlert
		if err := tx.NewRaw("SELECT fingerprint, status, labels, annotations FROM alerts WHERE group_id = ? ORDER BY id", applied.GroupID).Scan(ctx, &alerts); err != nil {
			return err
		}
		byFingerprint := map[string]storedAlert{}
		firing := 0
		for _, a := range alerts {
			byFingerprint[a.Fingerprint] = a
			if a.Status == "FIRING" {
				firing++
			}
		}
		if group.IncidentID == nil {
			if firing == 0 {
				return nil
			}
			id, err := s.declare(ctx, tx, actor, applied.GroupID, alerts)
			if err != nil || id == 0 {
				return err
			}
			group.IncidentID = &id
			// Everything firing now is news to the new incident.
			applied = &Applied{GroupID: applied.GroupID}
			for _, a := range alerts {
				if a.Status == "FIRING" {
					applied.New = append(applied.New, a.Fingerprint)
				}
			}
		}
		var events []incident.AlertEvent
		add := func(kind models.TimelineEventKind, fingerprint, verb string) {
			a := byFingerprint[fingerprint]
			events = append(events, incident.AlertEvent{Kind: kind,
				Message: fmt.Sprintf("%s %s: %s", a.Labels["alertname"], verb, describe(a)),
				Data:    map[string]any{"fingerprint": fingerprint, "labels": a.Labels, "groupId": applied.GroupID}})
		}
		for _, fp := range applied.New {
			if byFingerprint[fp].Status == "FIRING" {
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
		if firing == 0 && len(applied.Resolved) > 0 {
			events = append(events, incident.AlertEvent{Kind: models.EventAlertResolved,
				Message: fmt.Sprintf("All %d alerts of the group have resolved; the incident stays open until a responder resolves it", len(alerts)),
				Data:    map[string]any{"groupId": applied.GroupID, "allResolved": true}, TellCommander: true})
		}
		return s.incidents.RecordAlertEvents(ctx, actor, *group.IncidentID, events)
	})
}

// describe is an alert in a line: its summary, else its labels.
func describe(a storedAlert) string {
	if s := a.Annotations["summary"]; s != "" {
		return s
	}
	b, _ := json.Marshal(a.Labels)
	return string(b)
}

// declare opens the incident of a group when a route says so, and links
// them; 0 when no auto-declare route matches.
func (s *Service) declare(ctx context.Context, tx bun.Tx, actor *models.User, groupID int64, alerts []storedAlert) (int64, error) {
	routes, err := s.routes(ctx, tx)
	if err != nil {
		return 0, err
	}
	for _, r := range routes {
		for _, a := range alerts {
			if a.Status != "FIRING" || !r.matches(a.Labels) {
				continue
			}
			if !r.AutoDeclare {
				return 0, nil // attach only: a responder decides
			}
			inc, err := s.incidents.Declare(ctx, actor, incident.DeclareInput{
				Title: r.titleFor(a.Labels, a.Annotations), SeverityLevel: r.SeverityLevel, ProductIDs: r.ProductIDs,
				IdempotencyKey: "alert-group:" + strconv.FormatInt(groupID, 10),
			})
			if err != nil {
				return 0, fmt.Errorf("declare from alert group %d: %w", groupID, err)
			}
			_, err = tx.NewRaw("UPDATE alert_groups SET incident_id = ? WHERE id = ?", inc.ID, groupID).Exec(ctx)
			return inc.ID, err
		}
	}
	return 0, nil
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

// maxAlertsPage bounds one page of an incident's alerts.
const maxAlertsPage = 100

// AlertsOf returns a page of the alerts of an incident's groups, oldest
// first, after the alert with id after; and whether more follow.
func (s *Service) AlertsOf(ctx context.Context, incidentID int64, first int, after int64) ([]*Alert, bool, error) {
	first = min(max(first, 1), maxAlertsPage)
	var out []*Alert
	err := s.db.NewSelect().Model(&out).
		Where("al.group_id IN (SELECT id FROM alert_groups WHERE incident_id = ?)", incidentID).
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
