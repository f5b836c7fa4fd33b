package delivery

import (
	"encoding/json"
	"fmt"
	"time"

	"firebreak/internal/incident"
	"firebreak/internal/links"
	"firebreak/models"
)

// eventData is what an event's data says about the status page.
type eventData struct {
	Public    bool   `json:"public"`
	Published bool   `json:"published"`
	UpdateID  int64  `json:"updateId"`
	Body      string `json:"body"`
	// Status is the status an update moved the incident to, if it did.
	Status models.IncidentStatus `json:"status"`
}

// public reports whether the status page shows this event: a public
// update, a status change or the publication of a published public
// incident. Nothing else reaches a status page webhook.
func (o Occurrence) public() bool {
	if !incident.IsPublic(o.Incident) {
		return false
	}
	var d eventData
	_ = json.Unmarshal(o.Event.Data, &d)
	switch o.Event.Kind {
	case models.EventUpdatePosted:
		return d.Public
	case models.EventDetailsChanged:
		return d.Published
	case models.EventStatusChanged:
		return true
	}
	return false
}

// StatusWebhookBody is what a status page webhook receives: the incident
// as the status page shows it (Statuspage's field names), and the public
// update the event posted, if it posted one.
type StatusWebhookBody struct {
	Event    string                `json:"event"`
	Page     StatusWebhookPage     `json:"page"`
	Incident StatusWebhookIncident `json:"incident"`
}

type StatusWebhookPage struct {
	URL string `json:"url"`
}

type StatusWebhookIncident struct {
	ID              string                `json:"id"`
	Name            string                `json:"name"`
	Status          string                `json:"status"`
	Impact          string                `json:"impact"`
	Shortlink       string                `json:"shortlink"`
	CreatedAt       time.Time             `json:"created_at"`
	UpdatedAt       time.Time             `json:"updated_at"`
	ResolvedAt      *time.Time            `json:"resolved_at"`
	IncidentUpdates []StatusWebhookUpdate `json:"incident_updates"`
}

type StatusWebhookUpdate struct {
	ID        string    `json:"id"`
	Status    string    `json:"status"`
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"created_at"`
}

func statusWebhookBody(o Occurrence, links links.Links) StatusWebhookBody {
	inc := o.Incident
	name := inc.PublicName()
	event := "incident.updated"
	var d eventData
	_ = json.Unmarshal(o.Event.Data, &d)
	if o.Event.Kind == models.EventDetailsChanged {
		event = "incident.published"
	}
	body := StatusWebhookBody{Event: event, Page: StatusWebhookPage{URL: links.StatusPageHome()},
		Incident: StatusWebhookIncident{ID: inc.Handle, Name: name, Status: inc.Status.StatuspageName(), Impact: models.StatuspageImpact(o.Severity.Level),
			Shortlink: links.StatusPage(inc.Handle), CreatedAt: *inc.PublishedAt, UpdatedAt: o.Event.OccurredAt, ResolvedAt: inc.ResolvedAt,
			IncidentUpdates: []StatusWebhookUpdate{}}}
	if o.Event.Kind == models.EventUpdatePosted && d.Public {
		status := inc.Status // as relayed; the update's own when it moved it
		if d.Status != "" {
			status = d.Status
		}
		body.Incident.IncidentUpdates = append(body.Incident.IncidentUpdates, StatusWebhookUpdate{ID: fmt.Sprintf("%s-%d", inc.Handle, d.UpdateID),
			Status: status.StatuspageName(), Body: d.Body, CreatedAt: o.Event.OccurredAt})
	}
	return body
}
