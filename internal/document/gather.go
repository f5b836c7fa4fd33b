package document

import (
	"context"

	"firebreak/internal/auth"
	"firebreak/internal/links"

	"encoding/json"
	"fmt"
	"strings"

	"github.com/uptrace/bun"

	"firebreak/internal/followup"
	"firebreak/internal/incident"
	"firebreak/models"
)

// Service gathers what a document shows, through the incident service's
// visibility rule, and renders it.
type Service struct {
	db        *bun.DB
	incidents *incident.Service
	followups *followup.Service
	users     *auth.Service
	// links point a published incident's fact sheet at its public page.
	links links.Links
}

// LinkingTo makes fact sheets of published incidents link to their page
// on the status page under links.
func (s *Service) LinkingTo(links links.Links) *Service {
	s.links = links
	return s
}

// NewService reads through db, incidents, their follow-ups and the people
// named in them.
func NewService(db *bun.DB, incidents *incident.Service, followups *followup.Service, users *auth.Service) *Service {
	return &Service{db: db, incidents: incidents, followups: followups, users: users}
}

// FactSheet renders everything known about an incident the viewer may see.
func (s *Service) FactSheet(ctx context.Context, viewer *models.User, inc *models.Incident) (string, error) {
	f := FactSheet{Incident: *inc}
	if incident.IsPublic(inc) && s.links.BaseURL != "" {
		f.StatusPage = s.links.StatusPage(inc.Handle)
	}
	products, err := s.incidents.ProductsOf(ctx, []int64{inc.ID})
	if err != nil {
		return "", err
	}
	for _, p := range products[inc.ID] {
		f.Products = append(f.Products, p.Name)
	}
	roles, err := s.incidents.RolesOf(ctx, []int64{inc.ID})
	if err != nil {
		return "", err
	}
	var updates []*models.IncidentUpdate
	if err := s.db.NewSelect().Model(&updates).Where("incident_id = ?", inc.ID).OrderExpr("created_at DESC, id DESC").Scan(ctx); err != nil {
		return "", fmt.Errorf("fact sheet updates: %w", err)
	}
	var events []*models.TimelineEvent
	if err := s.db.NewSelect().Model(&events).Where("incident_id = ?", inc.ID).OrderExpr("occurred_at, sequence").Scan(ctx); err != nil {
		return "", fmt.Errorf("fact sheet timeline: %w", err)
	}

	// One lookup for every person and severity mentioned.
	userIDs := []int64{inc.CreatedByID}
	for _, r := range roles[inc.ID] {
		userIDs = append(userIDs, r.UserID)
	}
	for _, u := range updates {
		userIDs = append(userIDs, u.AuthorID)
	}
	for _, e := range events {
		if e.ActorID != nil {
			userIDs = append(userIDs, *e.ActorID)
		}
	}
	users, err := s.users.UsersByID(ctx, userIDs)
	if err != nil {
		return "", err
	}
	// All levels: the incident's, and those its updates set.
	var severities []*models.Severity
	if err := s.db.NewSelect().Model(&severities).Scan(ctx); err != nil {
		return "", fmt.Errorf("fact sheet severities: %w", err)
	}
	sevName := map[int64]string{}
	for _, sv := range severities {
		sevName[sv.ID] = sv.Name
		if sv.ID == inc.SeverityID {
			f.Severity = *sv
		}
	}
	name := func(id int64) string {
		if u := users[id]; u != nil {
			return u.Name
		}
		return "unknown"
	}

	f.CreatedBy = name(inc.CreatedByID)
	for _, r := range roles[inc.ID] {
		f.Roles = append(f.Roles, Role{Role: r.Role, Name: name(r.UserID)})
	}
	for _, u := range updates {
		fu := Update{IncidentUpdate: *u, Author: name(u.AuthorID)}
		if u.SeverityID != nil {
			fu.Severity = sevName[*u.SeverityID]
		}
		f.Updates = append(f.Updates, fu)
	}
	for _, e := range events {
		fe := Event{TimelineEvent: *e}
		if e.ActorID != nil {
			fe.Actor = name(*e.ActorID)
		}
		f.Events = append(f.Events, fe)
	}
	return Render(f), nil
}

// RetrospectiveMarkdown renders a retrospective the viewer may see as a
// complete Markdown document.
func (s *Service) RetrospectiveMarkdown(ctx context.Context, viewer *models.User, r *models.Retrospective) (string, error) {
	inc, err := s.incidents.Get(ctx, viewer, r.IncidentID)
	if err != nil {
		return "", err
	}
	d := RetrospectiveDoc{Incident: *inc, Retrospective: *r}
	if err := s.db.NewSelect().Model(&d.Severity).Where("id = ?", inc.SeverityID).Scan(ctx); err != nil {
		return "", err
	}
	products, err := s.incidents.ProductsOf(ctx, []int64{inc.ID})
	if err != nil {
		return "", err
	}
	for _, p := range products[inc.ID] {
		d.Products = append(d.Products, p.Name)
	}
	var events []*models.TimelineEvent
	if err := s.db.NewSelect().Model(&events).Where("incident_id = ?", inc.ID).OrderExpr("occurred_at, sequence").Scan(ctx); err != nil {
		return "", fmt.Errorf("retrospective timeline: %w", err)
	}
	items, err := s.followups.Of(ctx, []int64{inc.ID})
	if err != nil {
		return "", err
	}
	var categories []*models.ContributingFactorCategory
	if err := s.db.NewSelect().Model(&categories).Scan(ctx); err != nil {
		return "", err
	}

	var userIDs []int64
	if r.OwnerID != nil {
		userIDs = append(userIDs, *r.OwnerID)
	}
	for _, e := range events {
		if e.ActorID != nil {
			userIDs = append(userIDs, *e.ActorID)
		}
	}
	for _, it := range items[inc.ID] {
		if it.OwnerID != nil {
			userIDs = append(userIDs, *it.OwnerID)
		}
	}
	users, err := s.users.UsersByID(ctx, userIDs)
	if err != nil {
		return "", err
	}
	name := func(id *int64) string {
		if id != nil && users[*id] != nil {
			return users[*id].Name
		}
		return ""
	}
	d.Owner = name(r.OwnerID)
	for _, e := range events {
		// The document's timeline is the response; its own making (edits,
		// follow-ups added) is not part of it.
		if strings.HasPrefix(string(e.Kind), "RETROSPECTIVE_") || strings.HasPrefix(string(e.Kind), "ACTION_ITEM_") {
			continue
		}
		ev := Event{TimelineEvent: *e, Actor: name(e.ActorID)}
		var posted struct{ Body string }
		if e.Kind == models.EventUpdatePosted && json.Unmarshal(e.Data, &posted) == nil && posted.Body != "" {
			ev.Message += ": " + posted.Body
		}
		d.Events = append(d.Events, ev)
	}
	for _, f := range r.ContributingFactors {
		category := "Other"
		for _, c := range categories {
			if c.ID == f.CategoryID {
				category = c.Name
			}
		}
		d.Factors = append(d.Factors, Factor{Category: category, Description: f.Description})
	}
	for _, it := range items[inc.ID] {
		d.FollowUps = append(d.FollowUps, FollowUp{ActionItem: *it, Owner: name(it.OwnerID)})
	}
	return RenderRetrospective(d), nil
}
