package graph

import (
	"context"

	"firebreak/internal/incident"
	"firebreak/models"
)

// Connections are built from a domain page; totalCount is counted only when
// a client asks for it.

type IncidentEdge struct {
	Cursor string
	Node   *models.Incident
}

type IncidentConnection struct {
	Edges    []*IncidentEdge
	PageInfo *PageInfo
	count    func(context.Context) (int64, error)
}

func (c *IncidentConnection) Nodes() []*models.Incident {
	out := make([]*models.Incident, len(c.Edges))
	for i, e := range c.Edges {
		out[i] = e.Node
	}
	return out
}

func (c *IncidentConnection) TotalCount(ctx context.Context) (int64, error) { return c.count(ctx) }

func newIncidentConnection(page incident.Page[*models.Incident], count func(context.Context) (int64, error)) *IncidentConnection {
	c := &IncidentConnection{PageInfo: &PageInfo{HasNextPage: page.HasNext}, count: count}
	for _, inc := range page.Items {
		c.Edges = append(c.Edges, &IncidentEdge{Cursor: encodeCursor(incident.CursorOf(inc)), Node: inc})
	}
	if n := len(c.Edges); n > 0 {
		c.PageInfo.EndCursor = &c.Edges[n-1].Cursor
	}
	return c
}

type IncidentUpdateEdge struct {
	Cursor string
	Node   *models.IncidentUpdate
}

type IncidentUpdateConnection struct {
	Edges    []*IncidentUpdateEdge
	PageInfo *PageInfo
	count    func(context.Context) (int64, error)
}

func (c *IncidentUpdateConnection) Nodes() []*models.IncidentUpdate {
	out := make([]*models.IncidentUpdate, len(c.Edges))
	for i, e := range c.Edges {
		out[i] = e.Node
	}
	return out
}

func (c *IncidentUpdateConnection) TotalCount(ctx context.Context) (int64, error) {
	return c.count(ctx)
}

func newUpdateConnection(page incident.Page[*models.IncidentUpdate], count func(context.Context) (int64, error)) *IncidentUpdateConnection {
	c := &IncidentUpdateConnection{PageInfo: &PageInfo{HasNextPage: page.HasNext}, count: count}
	for _, u := range page.Items {
		c.Edges = append(c.Edges, &IncidentUpdateEdge{Cursor: encodeCursor(incident.UpdateCursorOf(u)), Node: u})
	}
	if n := len(c.Edges); n > 0 {
		c.PageInfo.EndCursor = &c.Edges[n-1].Cursor
	}
	return c
}

type TimelineEventEdge struct {
	Cursor string
	Node   *models.TimelineEvent
}

type TimelineEventConnection struct {
	Edges    []*TimelineEventEdge
	PageInfo *PageInfo
	count    func(context.Context) (int64, error)
}

func (c *TimelineEventConnection) Nodes() []*models.TimelineEvent {
	out := make([]*models.TimelineEvent, len(c.Edges))
	for i, e := range c.Edges {
		out[i] = e.Node
	}
	return out
}

func (c *TimelineEventConnection) TotalCount(ctx context.Context) (int64, error) { return c.count(ctx) }

func newTimelineConnection(page incident.Page[*models.TimelineEvent], count func(context.Context) (int64, error)) *TimelineEventConnection {
	c := &TimelineEventConnection{PageInfo: &PageInfo{HasNextPage: page.HasNext}, count: count}
	for _, e := range page.Items {
		c.Edges = append(c.Edges, &TimelineEventEdge{Cursor: encodeCursor(incident.EventCursorOf(e)), Node: e})
	}
	if n := len(c.Edges); n > 0 {
		c.PageInfo.EndCursor = &c.Edges[n-1].Cursor
	}
	return c
}

type PageInfo struct {
	HasNextPage bool
	EndCursor   *string
}
