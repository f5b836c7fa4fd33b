package graph

import (
	"context"

	"firebreak/internal/audit"
	"firebreak/internal/incident"
	"firebreak/models"
)

// Connection is a Relay connection built from a domain page; totalCount is
// counted only when a client asks for it.
type Connection[T any] struct {
	Edges    []*Edge[T]
	PageInfo *PageInfo
	count    func(context.Context) (int64, error)
}

// Edge is one item of a connection and its cursor.
type Edge[T any] struct {
	Cursor string
	Node   T
}

type PageInfo struct {
	HasNextPage     bool
	HasPreviousPage bool
	StartCursor     *string
	EndCursor       *string
}

func (c *Connection[T]) Nodes() []T {
	out := make([]T, len(c.Edges))
	for i, e := range c.Edges {
		out[i] = e.Node
	}
	return out
}

func (c *Connection[T]) TotalCount(ctx context.Context) (int64, error) { return c.count(ctx) }

func newConnection[T any](page incident.Page[T], cursorOf func(T) incident.Cursor, count func(context.Context) (int64, error)) *Connection[T] {
	c := &Connection[T]{PageInfo: &PageInfo{HasNextPage: page.HasNext, HasPreviousPage: page.HasPrevious}, count: count}
	for _, item := range page.Items {
		c.Edges = append(c.Edges, &Edge[T]{Cursor: encodeCursor(cursorOf(item)), Node: item})
	}
	if n := len(c.Edges); n > 0 {
		c.PageInfo.StartCursor = &c.Edges[0].Cursor
		c.PageInfo.EndCursor = &c.Edges[n-1].Cursor
	}
	return c
}

// The concrete connections the schema names.
type (
	IncidentConnection       = Connection[*models.Incident]
	IncidentEdge             = Edge[*models.Incident]
	IncidentUpdateConnection = Connection[*models.IncidentUpdate]
	IncidentUpdateEdge       = Edge[*models.IncidentUpdate]
	TimelineEventConnection  = Connection[*models.TimelineEvent]
	TimelineEventEdge        = Edge[*models.TimelineEvent]
	NotificationConnection   = Connection[*models.Notification]
	NotificationEdge         = Edge[*models.Notification]
	DeliveryConnection       = Connection[*models.Delivery]
	DeliveryEdge             = Edge[*models.Delivery]
	RetrospectiveConnection  = Connection[*models.Retrospective]
	RetrospectiveEdge        = Edge[*models.Retrospective]
	ActionItemConnection     = Connection[*models.ActionItem]
	ActionItemEdge           = Edge[*models.ActionItem]
	UserConnection           = Connection[*models.User]
	UserEdge                 = Edge[*models.User]
	ApiKeyConnection         = Connection[*models.APIKey]
	ApiKeyEdge               = Edge[*models.APIKey]
	AuditEntryConnection     = Connection[*audit.Entry]
	AuditEntryEdge           = Edge[*audit.Entry]
)
