package alerting

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
	"firebreak/internal/database"
)

// Webhook is Alertmanager's webhook payload (version 4). Grafana's
// webhook contact point sends the same shape as version 1 (grafana/alerting
// receivers/webhook), with fields this does not need (orgId, title, state,
// message, and per alert values, silenceURL, dashboardURL, panelURL).
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

// ParseWebhook reads and checks a notification posted to kind's endpoint;
// the error names what is wrong, for a 400.
func ParseWebhook(kind Kind, body []byte) (*Webhook, error) {
	var w Webhook
	if err := json.Unmarshal(body, &w); err != nil {
		return nil, apperr.BadInput("body", "not %s's webhook JSON: %v", kind.sender(), err)
	}
	switch {
	case !slices.Contains(kinds[kind].versions, w.Version):
		return nil, apperr.BadInput("version", "version must be %q (%s's webhook format), got %q", kinds[kind].versions[0], kind.sender(), w.Version)
	case w.GroupKey == "" || len(w.GroupKey) > 2000:
		return nil, apperr.BadInput("groupKey", "groupKey is required (at most 2000 characters)")
	case w.Status != "firing" && w.Status != "resolved":
		return nil, apperr.BadInput("status", "status must be firing or resolved, got %q", w.Status)
	case len(w.Alerts) == 0:
		return nil, apperr.BadInput("alerts", "alerts must not be empty")
	case len(w.Alerts) > maxAlerts:
		return nil, apperr.BadInput("alerts", "at most %d alerts per notification (set max_alerts on the receiver)", maxAlerts)
	}
	for field, ls := range map[string]map[string]string{"groupLabels": w.GroupLabels, "commonLabels": w.CommonLabels, "commonAnnotations": w.CommonAnnotations} {
		if err := checkLabels(field, ls); err != nil {
			return nil, err
		}
	}
	for i, a := range w.Alerts {
		if err := checkLabels(fmt.Sprintf("alerts[%d].labels", i), a.Labels); err != nil {
			return nil, err
		}
		if err := checkLabels(fmt.Sprintf("alerts[%d].annotations", i), a.Annotations); err != nil {
			return nil, err
		}
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

// checkLabels refuses NUL in label names and values: PostgreSQL cannot
// store it, and without this check the sender got a 500 and retried
// forever. (Other control characters are kept as sent and left out of
// titles.)
func checkLabels(field string, ls map[string]string) error {
	for name, value := range ls {
		if strings.ContainsRune(name, 0) || strings.ContainsRune(value, 0) {
			return apperr.BadInput(field+"."+strings.ReplaceAll(name, "\x00", ""), "%s.%q contains a NUL character", field, name)
		}
	}
	return nil
}

// Applied says what a notification changed.
type Applied struct {
	GroupID int64
	// Attached: the group already belongs to an incident.
	Attached bool
	// New, Fired and Resolved are fingerprints of alerts first seen, firing
	// again, and resolved by this notification; a repeat has none.
	New, Fired, Resolved []string
}

// IngestWebhook stores a notification as received and applies it to the
// group and its alerts, in one transaction.
func (s *Service) IngestWebhook(ctx context.Context, src *Source, raw []byte, w *Webhook) (*Applied, error) {
	out := &Applied{}
	err := database.RunInTx(ctx, s.db, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewRaw("INSERT INTO alert_payloads (source_id, body) VALUES (?, ?::jsonb)", src.ID, string(raw)).Exec(ctx); err != nil {
			return err
		}
		labels, _ := json.Marshal(w.GroupLabels)
		status := "FIRING"
		if w.Status == "resolved" {
			status = "RESOLVED"
		}
		// The group's row lock, held to the commit, makes notifications of
		// one group apply in turn.
		err := tx.NewRaw(`INSERT INTO alert_groups (source_id, group_key, labels, status) VALUES (?, ?, ?::jsonb, ?)
			ON CONFLICT (source_id, group_key) DO UPDATE SET status = EXCLUDED.status, labels = EXCLUDED.labels, updated_at = now()
			RETURNING id, incident_id IS NOT NULL AS attached`, src.ID, w.GroupKey, string(labels), status).Scan(ctx, &out.GroupID, &out.Attached)
		if err != nil {
			return err
		}
		return applyAlerts(ctx, tx, src.ID, out, w.Alerts)
	})
	if err != nil {
		return nil, fmt.Errorf("ingest alertmanager notification: %w", err)
	}
	return out, nil
}

// changed reports whether the notification changed any alert's state.
func (a *Applied) changed() bool { return len(a.New)+len(a.Fired)+len(a.Resolved) > 0 }

// alertRow is one alert of a notification as applyAlerts sends it.
type alertRow struct {
	Ord          int               `json:"ord"`
	Fingerprint  string            `json:"fingerprint"`
	Status       string            `json:"status"`
	Labels       map[string]string `json:"labels"`
	Annotations  map[string]string `json:"annotations"`
	StartsAt     *time.Time        `json:"starts_at"`
	EndsAt       *time.Time        `json:"ends_at"`
	GeneratorURL string            `json:"generator_url"`
}

// applyAlerts records the alerts' states in one statement (a storm's
// notification carries up to a thousand); the same state again changes
// nothing and writes nothing. A notification carries the sender's view at
// that moment, so a later one wins; of an alert listed twice, the last.
func applyAlerts(ctx context.Context, tx bun.Tx, sourceID int64, out *Applied, alerts []WebhookAlert) error {
	rows := make([]alertRow, 0, len(alerts))
	index := make(map[string]int, len(alerts))
	for _, a := range alerts {
		status := "FIRING"
		if a.Status == "resolved" {
			status = "RESOLVED"
		}
		var endsAt *time.Time
		if status == "RESOLVED" && !a.EndsAt.IsZero() {
			endsAt = &a.EndsAt
		}
		row := alertRow{Fingerprint: a.Fingerprint, Status: status, Labels: a.Labels, Annotations: a.Annotations,
			StartsAt: nullTime(a.StartsAt), EndsAt: endsAt, GeneratorURL: a.GeneratorURL}
		if row.Labels == nil {
			row.Labels = map[string]string{}
		}
		if row.Annotations == nil {
			row.Annotations = map[string]string{}
		}
		if i, seen := index[a.Fingerprint]; seen {
			row.Ord = rows[i].Ord
			rows[i] = row
			continue
		}
		row.Ord = len(rows)
		index[a.Fingerprint] = len(rows)
		rows = append(rows, row)
	}
	input, err := json.Marshal(rows)
	if err != nil {
		return err
	}
	var changes []struct {
		Fingerprint string `bun:"fingerprint"`
		Status      string `bun:"status"`
		Inserted    bool   `bun:"inserted"`
		Before      string `bun:"before"`
	}
	// Every CTE sees the table as it was before the insert, so prior is
	// each alert's state before this notification.
	err = tx.NewRaw(`WITH input AS (
			SELECT * FROM jsonb_to_recordset(?::jsonb) AS x(ord int, fingerprint text, status text, labels jsonb, annotations jsonb,
				starts_at timestamptz, ends_at timestamptz, generator_url text)
		), prior AS (
			SELECT a.fingerprint, a.status FROM alerts AS a JOIN input USING (fingerprint) WHERE a.source_id = ?
		), upserted AS (
			INSERT INTO alerts AS a (source_id, group_id, fingerprint, status, labels, annotations, starts_at, ends_at, generator_url)
			SELECT ?, ?, fingerprint, status, labels, annotations, starts_at, ends_at, coalesce(generator_url, '') FROM input ORDER BY ord
			ON CONFLICT (source_id, fingerprint) DO UPDATE SET status = EXCLUDED.status, group_id = EXCLUDED.group_id,
				annotations = EXCLUDED.annotations, ends_at = EXCLUDED.ends_at,
				changed_at = CASE WHEN a.status <> EXCLUDED.status THEN now() ELSE a.changed_at END
			WHERE a.status <> EXCLUDED.status OR a.group_id <> EXCLUDED.group_id
				OR a.annotations IS DISTINCT FROM EXCLUDED.annotations OR a.ends_at IS DISTINCT FROM EXCLUDED.ends_at
			RETURNING a.fingerprint, a.status, (a.xmax = 0) AS inserted
		)
		SELECT u.fingerprint, u.status, u.inserted, coalesce(p.status, '') AS before
		FROM upserted AS u JOIN input AS i USING (fingerprint) LEFT JOIN prior AS p USING (fingerprint) ORDER BY i.ord`,
		string(input), sourceID, sourceID, out.GroupID).Scan(ctx, &changes)
	if err != nil {
		return err
	}
	for _, c := range changes {
		switch {
		case c.Inserted:
			out.New = append(out.New, c.Fingerprint)
			if c.Status == "RESOLVED" {
				out.Resolved = append(out.Resolved, c.Fingerprint)
			}
		case c.Before == c.Status:
			// annotations or the group changed; the state did not
		case c.Status == "FIRING":
			out.Fired = append(out.Fired, c.Fingerprint)
		default:
			out.Resolved = append(out.Resolved, c.Fingerprint)
		}
	}
	return nil
}

func nullTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
