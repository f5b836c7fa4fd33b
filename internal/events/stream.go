package events

import (
	"context"
	"errors"

	"firebreak/internal/incident"
	"firebreak/models"
)

// ErrAccessLost ends a stream whose incident the subscriber may no longer see.
var ErrAccessLost = errors.New("you can no longer see this incident")

// IsFeedInterruption reports whether a stream ended because events may have
// been missed (the subscriber fell behind, or the process lost its feed), so
// the client should resubscribe from its last cursor.
func IsFeedInterruption(err error) bool {
	return errors.Is(err, ErrTooSlow) || errors.Is(err, errFeedLost)
}

// replayPage bounds each replay query.
const replayPage = 500

// StreamIncident streams an incident's timeline events after the event with
// global id `after` (nil: from now on): first the ones already committed,
// from PostgreSQL, then live ones from the hub — with no gap, because it
// subscribes before reading the database, and no duplicate, because within
// an incident ids increase with commit order and it skips what it has sent.
//
// Once replayed, the hub delivers straight into the returned channel,
// buffered SubscriberBuffer deep: a client that falls that far behind is cut
// off. onEnd is called with why the stream ended (unless the client ended it)
// and the id of the last event handed over, before the channel closes.
func (h *Hub) StreamIncident(ctx context.Context, incidents *incident.Service, viewer *models.User, inc *models.Incident,
	after *int64, onEnd func(err error, lastID int64),
) (<-chan Delivery[*models.TimelineEvent], error) {
	sub, err := h.Subscribe(inc.ID)
	if err != nil {
		return nil, err
	}
	var lastID int64
	if after != nil {
		lastID = *after
	} else if lastID, err = incidents.LastEventID(ctx, inc.ID); err != nil {
		sub.Close()
		return nil, err
	}
	out := make(chan Delivery[*models.TimelineEvent], SubscriberBuffer)
	context.AfterFunc(ctx, sub.Close)

	// Called by the hub, under the subscription's lock: never blocks.
	deliver := func(m *Message) error {
		if m.Event.ID <= lastID {
			return nil // already replayed
		}
		if !m.VisibleTo(viewer) {
			return ErrAccessLost
		}
		select {
		case out <- Delivery[*models.TimelineEvent]{Item: m.TimelineEvent(), Shared: &m.eventWork}:
			lastID = m.Event.ID
			return nil
		default:
			return ErrTooSlow
		}
	}
	end := func(err error) {
		if ctx.Err() == nil {
			onEnd(err, lastID)
		}
		close(out)
	}

	go func() {
		for {
			evs, err := incidents.EventsAfter(ctx, inc.ID, lastID, replayPage)
			if err != nil {
				sub.cut(err)
				sub.Start(deliver, end)
				return
			}
			for _, ev := range evs {
				select {
				case out <- Delivery[*models.TimelineEvent]{Item: ev}: // read for this subscriber alone
					lastID = ev.ID
				case <-ctx.Done():
					return
				}
			}
			if len(evs) < replayPage {
				break
			}
		}
		sub.Start(deliver, end)
	}()
	return out, nil
}

// StreamChanges streams incidents, as they stand after each change, that
// match the filter and that the viewer may see.
func (h *Hub) StreamChanges(ctx context.Context, viewer *models.User, f incident.ListFilter, onEnd func(err error)) (<-chan Delivery[*models.Incident], error) {
	sub, err := h.SubscribeSearching(f.Query)
	if err != nil {
		return nil, err
	}
	out := make(chan Delivery[*models.Incident], SubscriberBuffer)
	context.AfterFunc(ctx, sub.Close)
	sub.Start(func(m *Message) error {
		if !m.VisibleTo(viewer) || !Matches(f, m) {
			return nil
		}
		select {
		case out <- Delivery[*models.Incident]{Item: m.IncidentSnapshot(), Shared: &m.snapshotWork}:
			return nil
		default:
			return ErrTooSlow
		}
	}, func(err error) {
		if ctx.Err() == nil {
			onEnd(err)
		}
		close(out)
	})
	return out, nil
}
