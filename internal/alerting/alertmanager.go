package alerting

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
)

// Webhook is Alertmanager's webhook payload (version 4); Grafana's adds
// fields this does not need.
type Webhook struct {
	Version           string            `json:"version"`
	GroupKey          string            `json:"groupKey"`
	TruncatedAlerts   int               `json:"truncatedAlerts"`
	Status            string            `json:"status"`
	Receiver          string            `json:"receiver"`
	GroupLabels       map[string]string `json:"groupLabels"`
	CommonLabels      map[string]string `json:"commonLabels"`
	CommonAnnotations map[string]string `json:"commonAnnotations"`
	ExternalURL       string            `json:"externalURL"`
	Alerts            []WebhookAlert    `json:"alerts"`
}

// WebhookAlert is one alert of a notification.
type WebhookAlert struct {
	Status       string            `json:"status"`
	Labels       map[string]string `json:"labels"`
	Annotations  map[string]string `json:"annotations"`
	StartsAt     time.Time         `json:"startsAt"`
	EndsAt       time.Time         `json:"endsAt"`
	GeneratorURL string            `json:"generatorURL"`
	Fingerprint  string            `json:"fingerprint"`
}

// maxAlerts bounds the alerts of one notification (Alertmanager's
// max_alerts truncates above what a receiver sets).
const maxAlerts = 1000

// ParseWebhook reads and checks a notification; the error names what is
// wrong, for a 400.
func ParseWebhook(body []byte) (*Webhook, error) {
	var w Webhook
	if err := json.Unmarshal(body, &w); err != nil {
		return nil, apperr.BadInput("body", "not Alertmanager's webhook JSON: %v", err)
	}
	switch {
	case w.Version != "4":
		return nil, apperr.BadInput("version", "version must be \"4\" (Alertmanager's webhook format), got %q", w.Version)
	case w.GroupKey == "" || len(w.GroupKey) > 2000:
		return nil, apperr.BadInput("groupKey", "groupKey is required (at most 2000 characters)")
	case w.Status != "firing" && w.Status != "resolved":
		return nil, apperr.BadInput("status", "status must be firing or resolved, got %q", w.Status)
	case len(w.Alerts) == 0:
		return nil, apperr.BadInput("alerts", "alerts must not be empty")
	case len(w.Alerts) > maxAlerts:
		return nil, apperr.BadInput("alerts", "at most %d alerts per notification (set max_alerts on the receiver)", maxAlerts)
	}
	for i, a := range w.Alerts {
		switch {
		case a.Status != "firing" && a.Status != "resolved":
			return nil, apperr.BadInput(fmt.Sprintf("alerts[%d].status", i), "status must be firing or resolved, got %q", a.Status)
		case a.Fingerprint == "" || len(a.Fingerprint) > 200:
			return nil, apperr.BadInput(fmt.Sprintf("alerts[%d].fingerprint", i), "fingerprint is required (at most 200 characters)")
		case len(a.Labels) == 0:
			return nil, apperr.BadInput(fmt.Sprintf("alerts[%d].labels", i), "labels must not be empty")
		}
	}
	return &w, nil
}

// Applied says what a notification changed.
type Applied struct {
	GroupID int64
	// New, Fired and Resolved are fingerprints of alerts first seen, firing
	// again, and resolved by this notification; a repeat has none.
	New, Fired, Resolved []string
}

// IngestWebhook stores a notification as received and applies it to the
// group and its alerts, in one transaction.
func (s *Service) IngestWebhook(ctx context.Context, src *Source, raw []byte, w *Webhook) (*Applied, error) {
	out := &Applied{}
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewRaw("INSERT INTO alert_payloads (source_id, body) VALUES (?, ?::jsonb)", src.ID, string(raw)).Exec(ctx); err != nil {
			return err
		}
		labels, _ := json.Marshal(w.GroupLabels)
		status := "FIRING"
		if w.Status == "resolved" {
			status = "RESOLVED"
		}
		err := tx.NewRaw(`INSERT INTO alert_groups (source_id, group_key, labels, status) VALUES (?, ?, ?::jsonb, ?)
			ON CONFLICT (source_id, group_key) DO UPDATE SET status = EXCLUDED.status, labels = EXCLUDED.labels, updated_at = now()
			RETURNING id`, src.ID, w.GroupKey, string(labels), status).Scan(ctx, &out.GroupID)
		if err != nil {
			return err
		}
		for _, a := range w.Alerts {
			if err := s.applyAlert(ctx, tx, src.ID, out, a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("ingest alertmanager notification: %w", err)
	}
	return out, nil
}

// applyAlert records an alert's state; the same state again changes
// nothing. A notification carries the sender's view at that moment, so a
// later one wins.
func (s *Service) applyAlert(ctx context.Context, tx bun.Tx, sourceID int64, out *Applied, a WebhookAlert) error {
	status := "FIRING"
	if a.Status == "resolved" {
		status = "RESOLVED"
	}
	labels, _ := json.Marshal(a.Labels)
	annotations, _ := json.Marshal(a.Annotations)
	var endsAt *time.Time
	if status == "RESOLVED" && !a.EndsAt.IsZero() {
		endsAt = &a.EndsAt
	}
	var result struct {
		Inserted bool   `bun:"inserted"`
		Before   string `bun:"before"`
	}
	err := tx.NewRaw(`WITH prior AS (SELECT status FROM alerts WHERE source_id = ? AND fingerprint = ?)
		INSERT INTO alerts (source_id, group_id, fingerprint, status, labels, annotations, starts_at, ends_at, generator_url)
		VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?)
		ON CONFLICT (source_id, fingerprint) DO UPDATE SET status = EXCLUDED.status, group_id = EXCLUDED.group_id,
			annotations = EXCLUDED.annotations, ends_at = EXCLUDED.ends_at,
			changed_at = CASE WHEN alerts.status <> EXCLUDED.status THEN now() ELSE alerts.changed_at END
		RETURNING (xmax = 0) AS inserted, coalesce((SELECT status FROM prior), '') AS before`,
		sourceID, a.Fingerprint, sourceID, out.GroupID, a.Fingerprint, status, string(labels), string(annotations),
		nullTime(a.StartsAt), endsAt, a.GeneratorURL).Scan(ctx, &result)
	if err != nil {
		return err
	}
	switch {
	case result.Inserted:
		out.New = append(out.New, a.Fingerprint)
		if status == "RESOLVED" {
			out.Resolved = append(out.Resolved, a.Fingerprint)
		}
	case result.Before != status && status == "FIRING":
		out.Fired = append(out.Fired, a.Fingerprint)
	case result.Before != status:
		out.Resolved = append(out.Resolved, a.Fingerprint)
	}
	return nil
}

func nullTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
