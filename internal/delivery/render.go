// Package delivery delivers incident events to the outside world: signed JSON
// webhooks and Slack incoming webhooks. It keeps the endpoints, renders each
// event once per endpoint, and records every delivery attempt.
package delivery

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"firebreak/internal/links"
	"firebreak/models"
)

// Occurrence is a timeline event with the incident as it stood when the
// event was committed: what a delivery tells its receiver.
type Occurrence struct {
	Event        *models.TimelineEvent
	Incident     *models.Incident
	Severity     *models.Severity
	Products     []*models.Product
	LatestUpdate *models.IncidentUpdate
	Actor        *models.User
}

func (o Occurrence) productIDs() []int64 {
	ids := make([]int64, len(o.Products))
	for i, p := range o.Products {
		ids[i] = p.ID
	}
	return ids
}

// Render makes the body an endpoint of the given kind receives.
func Render(kind models.EndpointKind, o Occurrence, links links.Links) ([]byte, error) {
	var v any = webhookBody(o, links)
	switch kind {
	case models.EndpointSlack:
		v = slackMessage(o, links)
	case models.EndpointStatusWebhook:
		v = statusWebhookBody(o, links)
	}
	// Slack's links are <url|text>: keep them readable rather than \u003c.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// EventID is the receiver's deduplication key: the same for every attempt
// and every endpoint.
func EventID(eventID int64) string { return fmt.Sprintf("evt_%d", eventID) }

// WebhookBody is the JSON a generic webhook receives.
type WebhookBody struct {
	ID         string          `json:"id"`
	Type       string          `json:"type"`
	OccurredAt time.Time       `json:"occurredAt"`
	Incident   WebhookIncident `json:"incident"`
	Event      WebhookEvent    `json:"event"`
}

type WebhookIncident struct {
	Number          int64            `json:"number"`
	Reference       string           `json:"reference"`
	Handle          string           `json:"handle"`
	Title           string           `json:"title"`
	Summary         string           `json:"summary"`
	Status          string           `json:"status"`
	Severity        WebhookSeverity  `json:"severity"`
	Visibility      string           `json:"visibility"`
	Products        []WebhookProduct `json:"products"`
	ResponseChannel string           `json:"responseChannel"`
	LatestUpdate    *WebhookUpdate   `json:"latestUpdate"`
	NextUpdateDueAt *time.Time       `json:"nextUpdateDueAt"`
	FactSheetURL    string           `json:"factSheetUrl"`
}

type WebhookSeverity struct {
	Level int    `json:"level"`
	Name  string `json:"name"`
}

type WebhookProduct struct {
	Name string `json:"name"`
	Slug string `json:"slug"`
}

type WebhookUpdate struct {
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"createdAt"`
}

type WebhookEvent struct {
	Sequence int             `json:"sequence"`
	Kind     string          `json:"kind"`
	Message  string          `json:"message"`
	Actor    *string         `json:"actor"`
	Data     json.RawMessage `json:"data"`
}

func webhookBody(o Occurrence, links links.Links) WebhookBody {
	inc := o.Incident
	id := EventID(o.Event.ID)
	if o.Event.ID == 0 { // a test message: never a duplicate of another
		id = "test_" + strings.ToLower(rand.Text()[:16])
	}
	b := WebhookBody{
		ID:         id,
		Type:       string(o.Event.Kind),
		OccurredAt: o.Event.OccurredAt,
		Incident: WebhookIncident{
			Number: inc.Number, Reference: fmt.Sprintf("INC-%d", inc.Number), Handle: inc.Handle,
			Title: inc.Title, Summary: inc.Summary, Status: string(inc.Status),
			Severity:        WebhookSeverity{Level: o.Severity.Level, Name: o.Severity.Name},
			Visibility:      string(inc.Visibility),
			Products:        []WebhookProduct{},
			ResponseChannel: inc.ResponseChannel(),
			NextUpdateDueAt: inc.NextUpdateDueAt,
			FactSheetURL:    links.FactSheet(inc.Number),
		},
		Event: WebhookEvent{Sequence: o.Event.Sequence, Kind: string(o.Event.Kind), Message: o.Event.Message, Data: o.Event.Data},
	}
	for _, p := range o.Products {
		b.Incident.Products = append(b.Incident.Products, WebhookProduct{Name: p.Name, Slug: p.Slug})
	}
	if u := o.LatestUpdate; u != nil {
		b.Incident.LatestUpdate = &WebhookUpdate{Body: u.Body, CreatedAt: u.CreatedAt}
	}
	if o.Actor != nil {
		b.Event.Actor = &o.Actor.Name
	}
	if len(b.Event.Data) == 0 {
		b.Event.Data = json.RawMessage("{}")
	}
	return b
}
