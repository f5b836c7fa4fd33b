package alerting

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"firebreak/internal/apperr"
	"firebreak/internal/httperr"
	"firebreak/internal/incident"
	"firebreak/models"
)

// Event is the generic format (POST /ingest/events), modelled on PagerDuty
// Events v2: trigger opens (or keeps) an alert by dedup_key, resolve closes
// it, acknowledge notes it on the attached incident.
type Event struct {
	EventAction string `json:"event_action"`
	DedupKey    string `json:"dedup_key"`
	Payload     struct {
		Summary       string         `json:"summary"`
		Source        string         `json:"source"`
		Severity      string         `json:"severity"`
		Component     string         `json:"component"`
		Group         string         `json:"group"`
		Class         string         `json:"class"`
		CustomDetails map[string]any `json:"custom_details"`
	} `json:"payload"`
	Links []struct {
		Href string `json:"href"`
		Text string `json:"text"`
	} `json:"links"`

	// triggered is what a resolve resolves: the alert as its trigger
	// stored it, labels and all.
	triggered *storedAlert
}

var eventSeverities = map[string]bool{"critical": true, "error": true, "warning": true, "info": true}

// ParseEvent reads and checks an event; the error names what is wrong.
func ParseEvent(body []byte) (*Event, error) {
	var e Event
	dec := json.NewDecoder(strings.NewReader(string(body)))
	if err := dec.Decode(&e); err != nil {
		return nil, apperr.BadInput("body", "not an event JSON object: %v", err)
	}
	if field, bad := nulIn(map[string]any{"dedup_key": e.DedupKey, "payload.summary": e.Payload.Summary, "payload.source": e.Payload.Source,
		"payload.component": e.Payload.Component, "payload.group": e.Payload.Group, "payload.class": e.Payload.Class,
		"payload.custom_details": e.Payload.CustomDetails}); bad {
		return nil, apperr.BadInput(field, "%s contains a NUL character", field)
	}
	if len(e.DedupKey) > 255 {
		return nil, apperr.BadInput("dedup_key", "dedup_key must be at most 255 characters")
	}
	switch e.EventAction {
	case "trigger":
		p := e.Payload
		switch {
		case strings.TrimSpace(p.Summary) == "" || len(p.Summary) > 1024:
			return nil, apperr.BadInput("payload.summary", "payload.summary is required (at most 1024 characters)")
		case strings.TrimSpace(p.Source) == "" || len(p.Source) > 255:
			return nil, apperr.BadInput("payload.source", "payload.source is required (at most 255 characters)")
		case !eventSeverities[p.Severity]:
			return nil, apperr.BadInput("payload.severity", "payload.severity must be critical, error, warning or info, got %q", p.Severity)
		}
	case "acknowledge", "resolve":
		if e.DedupKey == "" {
			return nil, apperr.BadInput("dedup_key", "dedup_key is required to %s", e.EventAction)
		}
	default:
		return nil, apperr.BadInput("event_action", "event_action must be trigger, acknowledge or resolve, got %q", e.EventAction)
	}
	return &e, nil
}

// nulIn finds a NUL character in the values (strings, and objects and
// lists of them), which PostgreSQL cannot store.
func nulIn(fields map[string]any) (string, bool) {
	var has func(v any) bool
	has = func(v any) bool {
		switch v := v.(type) {
		case string:
			return strings.ContainsRune(v, 0)
		case map[string]any:
			for k, item := range v {
				if strings.ContainsRune(k, 0) || has(item) {
					return true
				}
			}
		case []any:
			for _, item := range v {
				if has(item) {
					return true
				}
			}
		}
		return false
	}
	for field, v := range fields {
		if has(v) {
			return field, true
		}
	}
	return "", false
}

// labels are a trigger's labels — its payload's fields, then those of
// its custom_details — and annotations: the summary, the custom details
// as sent, and up to five links.
func (e *Event) labels() (labels, annotations map[string]string) {
	p := e.Payload
	labels = map[string]string{"alertname": p.Summary, "source": p.Source, "severity": p.Severity}
	for k, v := range map[string]string{"component": p.Component, "group": p.Group, "class": p.Class} {
		if v != "" {
			labels[k] = v
		}
	}
	for k, v := range detailLabels(p.CustomDetails) {
		labels[k] = v
	}
	annotations = map[string]string{"summary": p.Summary}
	if len(p.CustomDetails) > 0 {
		details, _ := json.Marshal(p.CustomDetails)
		annotations["custom_details"] = string(details)
	}
	for i, l := range e.Links {
		if i == 5 {
			break
		}
		annotations[fmt.Sprintf("link_%d", i+1)] = strings.TrimSpace(l.Text + " " + l.Href)
	}
	return labels, annotations
}

// asWebhook is the event as an Alertmanager notification of a group of
// one, keyed by its dedup_key: the rest of the pipeline (state, routes,
// incidents) is the same.
func (e *Event) asWebhook(now time.Time) *Webhook {
	labels, annotations := e.labels()
	if e.triggered != nil {
		labels, annotations = e.triggered.Labels, e.triggered.Annotations
	}
	status := "firing"
	if e.EventAction == "resolve" {
		status = "resolved"
	}
	return &Webhook{Version: "4", GroupKey: "event:" + e.DedupKey, Status: status,
		Alerts: []WebhookAlert{{Status: status, Labels: labels, Annotations: annotations, StartsAt: now, Fingerprint: e.DedupKey}}}
}

// Events answers POST /ingest/events (and /ingest/events/v2/enqueue, where
// go-pagerduty posts): 202 with the dedup_key (generated for a trigger
// without one), as PagerDuty's Events API answers.
func (s *Service) Events() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		src, body, ok := s.receivedEvent(w, r)
		if !ok {
			return
		}
		e, err := ParseEvent(body)
		if err != nil {
			answerEventError(w, r, err)
			return
		}
		if e.DedupKey == "" {
			e.DedupKey = rand.Text()
		}
		if err := s.ingestEvent(r.Context(), src, body, e); err != nil {
			answerEventError(w, r, err)
			return
		}
		httperr.WriteJSON(w, http.StatusAccepted, map[string]string{"status": "success", "message": "Event processed", "dedup_key": e.DedupKey})
	})
}

func (s *Service) ingestEvent(ctx context.Context, src *Source, raw []byte, e *Event) error {
	if e.EventAction == "acknowledge" {
		return s.acknowledge(ctx, src, raw, e)
	}
	if e.EventAction == "resolve" {
		// Resolving needs what was triggered: its labels stay as they were.
		var known bool
		if err := s.conn(ctx).NewRaw("SELECT EXISTS (SELECT 1 FROM alerts WHERE source_id = ? AND fingerprint = ?)", src.ID, e.DedupKey).Scan(ctx, &known); err != nil {
			return err
		}
		if !known {
			return apperr.BadInput("dedup_key", "no alert was triggered with dedup_key %q", e.DedupKey)
		}
		var stored storedAlert
		if err := s.conn(ctx).NewRaw("SELECT fingerprint, status, labels, annotations FROM alerts WHERE source_id = ? AND fingerprint = ?", src.ID, e.DedupKey).Scan(ctx, &stored); err != nil {
			return err
		}
		e.triggered = &stored
	}
	applied, err := s.IngestWebhook(ctx, src, raw, e.asWebhook(s.now()))
	if err != nil {
		return err
	}
	return s.react(ctx, src, applied)
}

// acknowledge notes, on the incident an alert is attached to, that its
// sender acknowledged it; it changes no state.
func (s *Service) acknowledge(ctx context.Context, src *Source, raw []byte, e *Event) error {
	var hit struct {
		IncidentID *int64 `bun:"incident_id"`
		Summary    string `bun:"summary"`
	}
	err := s.conn(ctx).NewRaw(`SELECT g.incident_id, a.labels->>'alertname' AS summary FROM alerts a JOIN alert_groups g ON g.id = a.group_id
		WHERE a.source_id = ? AND a.fingerprint = ?`, src.ID, e.DedupKey).Scan(ctx, &hit)
	if err != nil {
		return apperr.BadInput("dedup_key", "no alert was triggered with dedup_key %q", e.DedupKey)
	}
	if _, err := s.conn(ctx).NewRaw("INSERT INTO alert_payloads (source_id, body) VALUES (?, ?::jsonb)", src.ID, string(raw)).Exec(ctx); err != nil {
		return err
	}
	if hit.IncidentID == nil || s.incidents == nil || src.UserID == nil {
		return nil
	}
	actor, err := s.sourcePerson(ctx, src)
	if err != nil {
		return err
	}
	return s.incidents.RecordAlertEvents(ctx, actor, *hit.IncidentID, []incident.AlertEvent{{Kind: models.EventAlertFiring,
		Message: fmt.Sprintf("%s acknowledged at the source: %s", src.Name, hit.Summary), Data: map[string]any{"fingerprint": e.DedupKey, "acknowledged": true}}})
}
