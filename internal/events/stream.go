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
// onEnd is called with why the stream ended (unless ctx ended it) and the
// id of the last event sent, before the channel closes.
func (h *Hub) StreamIncident(ctx context.Context, incidents *incident.Service, viewer *models.User, inc *models.Incident,
	after *int64, onEnd func(err error, lastID int64),
) (<-chan *models.TimelineEvent, error) {
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
	out := make(chan *models.TimelineEvent)
	go func() {
		defer close(out)
		defer sub.Close()
		send := func(ev *models.TimelineEvent) bool {
			select {
			case out <- ev:
				lastID = ev.ID
				return true
			case <-ctx.Done():
				return false
			}
		}
		end := func(err error) {
			if ctx.Err() == nil {
				onEnd(err, lastID)
			}
		}
		for {
			evs, err := incidents.EventsAfter(ctx, inc.ID, lastID, replayPage)
			if err != nil {
				end(err)
				return
			}
			for _, ev := range evs {
				if !send(ev) {
					return
				}
			}
			if len(evs) < replayPage {
				break
			}
		}
		for {
			// Being cut off wins over buffered messages: the client resumes
			// from what it has and replays the rest.
			select {
			case <-sub.Done():
				end(sub.Err())
				return
			default:
			}
			select {
			case m := <-sub.C:
				if m.Event.ID <= lastID {
					continue // already replayed
				}
				if !m.VisibleTo(viewer) {
					end(ErrAccessLost)
					return
				}
				if !send(m.TimelineEvent()) {
					return
				}
			case <-sub.Done():
				end(sub.Err())
				return
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, nil
}

// StreamChanges streams incidents, as they stand after each change, that
// match the filter and that the viewer may see.
func (h *Hub) StreamChanges(ctx context.Context, viewer *models.User, f incident.ListFilter, onEnd func(err error)) (<-chan *models.Incident, error) {
	sub, err := h.Subscribe(0)
	if err != nil {
		return nil, err
	}
	out := make(chan *models.Incident)
	go func() {
		defer close(out)
		defer sub.Close()
		for {
			select {
			case m := <-sub.C:
				if !m.VisibleTo(viewer) || !Matches(f, m) {
					continue
				}
				select {
				case out <- m.IncidentSnapshot():
				case <-ctx.Done():
					return
				}
			case <-sub.Done():
				if ctx.Err() == nil {
					onEnd(sub.Err())
				}
				return
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, nil
}
