package statuspage

import (
	"encoding/json"
	"time"
)

// The documents below are Atlassian Statuspage's public API v2 — the same
// field names, value sets and nulls — so widgets and monitors that read a
// Statuspage page read this one unchanged.

// Time is a timestamp as Statuspage writes it: UTC with milliseconds.
type Time struct{ time.Time }

func (t Time) MarshalJSON() ([]byte, error) {
	return json.Marshal(t.UTC().Format("2006-01-02T15:04:05.000Z07:00"))
}

func at(t *time.Time) *Time {
	if t == nil {
		return nil
	}
	return &Time{*t}
}

// PageInfo is "page" in every document.
type PageInfo struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	URL       string `json:"url"`
	TimeZone  string `json:"time_zone"`
	UpdatedAt Time   `json:"updated_at"`
}

// Component is a public product (or a group of them).
type Component struct {
	ID                 string   `json:"id"`
	Name               string   `json:"name"`
	Status             string   `json:"status"`
	CreatedAt          Time     `json:"created_at"`
	UpdatedAt          Time     `json:"updated_at"`
	Position           int      `json:"position"`
	Description        *string  `json:"description"`
	Showcase           bool     `json:"showcase"`
	StartDate          *string  `json:"start_date"`
	GroupID            *string  `json:"group_id"`
	PageID             string   `json:"page_id"`
	Group              bool     `json:"group"`
	OnlyShowIfDegraded bool     `json:"only_show_if_degraded"`
	Components         []string `json:"components,omitempty"`
}

// AffectedComponent is a component an update changed.
type AffectedComponent struct {
	Code      string `json:"code"`
	Name      string `json:"name"`
	OldStatus string `json:"old_status"`
	NewStatus string `json:"new_status"`
}

// IncidentUpdate is one public update.
type IncidentUpdate struct {
	ID                   string              `json:"id"`
	Status               string              `json:"status"`
	Body                 string              `json:"body"`
	IncidentID           string              `json:"incident_id"`
	CreatedAt            Time                `json:"created_at"`
	UpdatedAt            Time                `json:"updated_at"`
	DisplayAt            Time                `json:"display_at"`
	AffectedComponents   []AffectedComponent `json:"affected_components"`
	DeliverNotifications bool                `json:"deliver_notifications"`
	CustomTweet          *string             `json:"custom_tweet"`
	TweetID              *string             `json:"tweet_id"`
}

// Incident is a published incident, newest update first.
type Incident struct {
	ID              string           `json:"id"`
	Name            string           `json:"name"`
	Status          string           `json:"status"`
	CreatedAt       Time             `json:"created_at"`
	UpdatedAt       Time             `json:"updated_at"`
	MonitoringAt    *Time            `json:"monitoring_at"`
	ResolvedAt      *Time            `json:"resolved_at"`
	Impact          string           `json:"impact"`
	Shortlink       string           `json:"shortlink"`
	StartedAt       Time             `json:"started_at"`
	PageID          string           `json:"page_id"`
	IncidentUpdates []IncidentUpdate `json:"incident_updates"`
	Components      []Component      `json:"components"`
}

// ScheduledMaintenance is an incident with a window.
type ScheduledMaintenance struct {
	Incident
	ScheduledFor   Time `json:"scheduled_for"`
	ScheduledUntil Time `json:"scheduled_until"`
}

// Status is the page's rollup.
type Status struct {
	Indicator   string `json:"indicator"`
	Description string `json:"description"`
}

// Summary is /api/v2/summary.json.
type Summary struct {
	Page                  PageInfo               `json:"page"`
	Components            []Component            `json:"components"`
	Incidents             []Incident             `json:"incidents"`
	ScheduledMaintenances []ScheduledMaintenance `json:"scheduled_maintenances"`
	Status                Status                 `json:"status"`
}
