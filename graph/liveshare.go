package graph

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"firebreak/internal/events"
	"firebreak/internal/telemetry"
)

// Live events are rendered once per process for every distinct (document,
// variables) whose answer is the same for everyone, instead of once per
// subscriber: when an incident
// changes during an outage, thousands of subscribers receive the same
// message, and gqlgen's websocket transport would otherwise execute the
// same selection set for each of them.
//
// The hook: shareLiveResponses (an operation middleware) puts a liveSlot in
// the subscription's context; the subscription resolver hands its stream to
// the slot (relayLive) and gives gqlgen a relay channel instead. For each
// delivery the middleware then either returns the response another
// subscriber already rendered for the same message, or passes the item
// through the relay and lets gqlgen execute as usual.

// sharedFields are the fields whose value, for a delivered item the hub has
// already found the subscriber may see, is the same for every subscriber.
// A document selecting only these is rendered once per process and message;
// any other field (the fact sheet, connections that read the database with
// the viewer's access rule, counts of visible incidents) makes it render
// for each subscriber, as before. Listing what may be shared, rather than
// what may not, keeps a new field private until someone decides otherwise.
var sharedFields = fieldSet(map[string][]string{
	"Subscription":   {"incidentEvents", "incidentChanges"},
	"TimelineEvent":  {"id", "cursor", "sequence", "kind", "actor", "occurredAt", "message", "data"},
	"Incident":       {"id", "number", "handle", "responseChannel", "title", "summary", "status", "severity", "products", "visibility", "roles", "commander", "latestUpdate", "detectedAt", "declaredAt", "acknowledgedAt", "mitigatedAt", "resolvedAt", "closedAt", "lastUpdateAt", "nextUpdateDueAt", "version", "createdBy"},
	"Node":           {"id"},
	"User":           {"id", "name", "email", "role"},
	"Severity":       {"id", "level", "name", "description", "color", "updateIntervalMinutes", "retrospectiveRequired", "retrospectiveDueDays"},
	"Product":        {"id", "name", "slug", "description", "archived"},
	"RoleAssignment": {"role", "user", "assignedAt"},
	"IncidentUpdate": {"id", "body", "author", "createdAt", "status", "severity"},
})

func fieldSet(byType map[string][]string) map[string]bool {
	set := map[string]bool{}
	for typ, fields := range byType {
		for _, f := range fields {
			set[typ+"."+f] = true
		}
	}
	return set
}

// sharedByEveryone reports whether a selection set asks only for sharedFields.
func sharedByEveryone(sel ast.SelectionSet) bool {
	for _, s := range sel {
		switch s := s.(type) {
		case *ast.Field:
			if s.Name == "__typename" {
				continue
			}
			if s.ObjectDefinition == nil || !sharedFields[s.ObjectDefinition.Name+"."+s.Name] || !sharedByEveryone(s.SelectionSet) {
				return false
			}
		case *ast.InlineFragment:
			if !sharedByEveryone(s.SelectionSet) {
				return false
			}
		case *ast.FragmentSpread:
			if s.Definition == nil || !sharedByEveryone(s.Definition.SelectionSet) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// maxSharedResponse bounds what a message holds per shared document: the
// bytes stay alive as long as the message, which a subscriber that is
// behind keeps alive (see events.Shared).
const maxSharedResponse = 64 << 10

// liveDocumentKey names the subscribers who would get the same response for
// the same message: those with the same document, operation and variables,
// when the document asks only for sharedFields. Other documents are not
// shared (ok false): what they show depends on who asks.
func liveDocumentKey(oc *graphql.OperationContext) (key string, ok bool) {
	if !sharedByEveryone(oc.Operation.SelectionSet) {
		return "", false
	}
	vars, err := json.Marshal(oc.Variables) // map keys sorted: the same variables, the same bytes
	if err != nil {
		return "", false
	}
	h := sha256.New()
	h.Write([]byte(oc.RawQuery))
	h.Write([]byte{0})
	h.Write([]byte(oc.OperationName))
	h.Write([]byte{0})
	h.Write(vars)
	return hex.EncodeToString(h.Sum(nil)), true
}

type liveSlotKey struct{}

// liveSlot connects a subscription's stream to shareLiveResponses.
type liveSlot struct {
	relay liveRelayer
}

type liveRelayer interface {
	// receive waits for the stream's next delivery and returns the shared
	// work of its message (nil: not shared); ok is false once the stream
	// ended or ctx did.
	receive(ctx context.Context) (shared *events.Shared, ok bool)
	// pass hands the received item to gqlgen's executor.
	pass()
}

// liveRelay sits between a stream and gqlgen's executor, which reads out.
type liveRelay[T any] struct {
	stream <-chan events.Delivery[T]
	out    chan T
	next   T
}

func (r *liveRelay[T]) receive(ctx context.Context) (*events.Shared, bool) {
	select {
	case d, ok := <-r.stream:
		if !ok {
			close(r.out) // gqlgen's executor then ends the stream
			return nil, false
		}
		r.next = d.Item
		return d.Shared, true
	case <-ctx.Done():
		return nil, false
	}
}

func (r *liveRelay[T]) pass() {
	r.out <- r.next
	var none T
	r.next = none
}

// errNoLiveRelay would mean a schema served without NewHandler's
// middleware: better a loud internal error than a stream that never sends.
var errNoLiveRelay = errors.New("live subscriptions need the shareLiveResponses operation middleware (graph.NewHandler)")

// relayLive hands a subscription's stream to shareLiveResponses and returns
// the channel gqlgen reads items from.
func relayLive[T any](ctx context.Context, stream <-chan events.Delivery[T]) (<-chan T, error) {
	slot, _ := ctx.Value(liveSlotKey{}).(*liveSlot)
	if slot == nil {
		return nil, errNoLiveRelay
	}
	r := &liveRelay[T]{stream: stream, out: make(chan T, 1)}
	slot.relay = r
	return r.out, nil
}

// shareLiveResponses renders each delivered message once per shareable
// document (see the top of this file). Only responses without errors or
// extensions, and at most maxSharedResponse bytes, are shared; the bytes are
// copied, as gqlgen reuses its buffer for the next response.
func shareLiveResponses(tel *telemetry.Telemetry) graphql.OperationMiddleware {
	return func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		oc := graphql.GetOperationContext(ctx)
		if oc.Operation == nil || oc.Operation.Operation != ast.Subscription {
			return next(ctx)
		}
		slot := new(liveSlot)
		respond := next(context.WithValue(ctx, liveSlotKey{}, slot))
		relay := slot.relay
		if relay == nil {
			return respond // refused before it streamed
		}
		key, shareable := liveDocumentKey(oc)
		return func(ctx context.Context) *graphql.Response {
			shared, ok := relay.receive(ctx)
			if !ok {
				return respond(ctx)
			}
			if shared == nil || !shareable {
				relay.pass()
				tel.LiveResponse(false)
				return respond(ctx)
			}
			result, reused := shared.Do(key, func() (any, bool) {
				relay.pass()
				resp := respond(ctx)
				if resp == nil || len(resp.Errors) > 0 || len(resp.Extensions) > 0 || len(resp.Data) > maxSharedResponse {
					return resp, false
				}
				return &graphql.Response{Data: bytes.Clone(resp.Data)}, true
			})
			tel.LiveResponse(reused)
			resp, _ := result.(*graphql.Response)
			return resp
		}
	}
}
