package incident_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
	"firebreak/internal/auth"
	"firebreak/internal/incident"
	"firebreak/internal/testenv"
	"firebreak/models"
)

// recordingLifecycle stands in for the retrospective package: it counts the
// hooks and refuses closing when told to.
type recordingLifecycle struct {
	resolved    int
	refuseClose error
}

func (l *recordingLifecycle) Resolved(context.Context, bun.Tx, *models.Incident, *models.User, time.Time) error {
	l.resolved++
	return nil
}

func (l *recordingLifecycle) Closing(context.Context, bun.Tx, *models.Incident) error {
	return l.refuseClose
}

func newService(t *testing.T, lifecycle incident.Lifecycle) (*testenv.Env, *incident.Service, *models.User) {
	t.Helper()
	env := testenv.New(t)
	responder, err := auth.NewService(env.DB).Authenticate(context.Background(), env.ResponderKey)
	if err != nil {
		t.Fatal(err)
	}
	return env, incident.NewService(env.DB, lifecycle).WithClock(env.Clock.Now), responder
}

func timelineLength(t *testing.T, s *incident.Service, id int64) int64 {
	t.Helper()
	n, err := s.CountEvents(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// Moving an incident asks the hooks other packages implement: resolving
// tells them once, and a refusal to close leaves nothing written.
func TestLifecycleHooksRunInsideTheMove(t *testing.T) {
	t.Parallel()
	hooks := &recordingLifecycle{}
	_, s, actor := newService(t, hooks)
	ctx := context.Background()
	inc, err := s.Declare(ctx, actor, incident.DeclareInput{Title: "Checkout down", SeverityLevel: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Resolve(ctx, actor, incident.LifecycleInput{IncidentID: inc.ID}); err != nil {
		t.Fatal(err)
	}
	if hooks.resolved != 1 {
		t.Errorf("Resolved ran %d times, want 1", hooks.resolved)
	}

	before := timelineLength(t, s, inc.ID)
	hooks.refuseClose = &apperr.Error{Code: apperr.InvalidTransition, Message: "retrospective first"}
	_, err = s.Close(ctx, actor, incident.LifecycleInput{IncidentID: inc.ID, Body: "All done"})
	if apperr.CodeOf(err) != apperr.InvalidTransition {
		t.Fatalf("close refused by the hook: %v", err)
	}
	got, err := s.Get(ctx, actor, inc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != models.StatusResolved || timelineLength(t, s, inc.ID) != before {
		t.Errorf("a refused close wrote something: status %s, %d events (was %d)", got.Status, timelineLength(t, s, inc.ID), before)
	}

	hooks.refuseClose = nil
	if got, err = s.Close(ctx, actor, incident.LifecycleInput{IncidentID: inc.ID}); err != nil || got.Status != models.StatusClosed {
		t.Fatalf("close once allowed: %v %v", got, err)
	}
}

// OnLocked refuses a change made against an older version and writes
// nothing; a change returning ErrUnchanged writes nothing either.
func TestLockedChangeChecksTheVersion(t *testing.T) {
	t.Parallel()
	_, s, actor := newService(t, nil)
	ctx := context.Background()
	inc, err := s.Declare(ctx, actor, incident.DeclareInput{Title: "Search slow", SeverityLevel: 3})
	if err != nil {
		t.Fatal(err)
	}
	stale := inc.Version - 1
	ran := false
	err = s.OnLocked(ctx, actor, inc.ID, incident.Locked{ExpectedVersion: &stale, IncidentChanged: true},
		func(context.Context, bun.Tx, *models.Incident) error { ran = true; return nil })
	var coded *apperr.Error
	if !errors.As(err, &coded) || coded.Code != apperr.Conflict || coded.Field != "expectedVersion" || ran {
		t.Fatalf("stale version: %v (change ran: %v)", err, ran)
	}

	before := timelineLength(t, s, inc.ID)
	err = s.OnLocked(ctx, actor, inc.ID, incident.Locked{IncidentChanged: true},
		func(ctx context.Context, tx bun.Tx, locked *models.Incident) error {
			if _, err := incident.RecordEvent(ctx, tx, locked, actor, models.EventNote, s.Now(), "rolled back", nil); err != nil {
				return err
			}
			return incident.ErrUnchanged
		})
	if !errors.Is(err, incident.ErrUnchanged) {
		t.Fatalf("unchanged: %v", err)
	}
	after, err := s.Get(ctx, actor, inc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.Version != inc.Version || timelineLength(t, s, inc.ID) != before {
		t.Errorf("an unchanged change wrote: version %d (was %d), %d events (was %d)", after.Version, inc.Version, timelineLength(t, s, inc.ID), before)
	}
}

// A new severity's cadence counts from when responders were last heard
// from: raising SEV-3 (every 4 h) to SEV-1 (every 30 min) 40 minutes after
// the last update makes the next one due at once.
func TestRaisingSeverityRetimesTheNextUpdate(t *testing.T) {
	t.Parallel()
	env, s, actor := newService(t, nil)
	ctx := context.Background()
	start := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	env.Clock.Freeze(start)
	inc, err := s.Declare(ctx, actor, incident.DeclareInput{Title: "Queue backlog", SeverityLevel: 3})
	if err != nil {
		t.Fatal(err)
	}
	if want := start.Add(4 * time.Hour); !inc.NextUpdateDueAt.Equal(want) {
		t.Fatalf("SEV-3 next update due %v, want %v", inc.NextUpdateDueAt, want)
	}
	env.Clock.Advance(40 * time.Minute)
	raised, err := s.ChangeSeverity(ctx, actor, inc.ID, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := start.Add(30 * time.Minute); !raised.NextUpdateDueAt.Equal(want) {
		t.Errorf("SEV-1 next update due %v, want %v (30 min after the declaration)", raised.NextUpdateDueAt, want)
	}
	env.Clock.Advance(5 * time.Minute)
	lowered, err := s.ChangeSeverity(ctx, actor, inc.ID, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := start.Add(time.Hour); !lowered.NextUpdateDueAt.Equal(want) {
		t.Errorf("SEV-2 next update due %v, want %v", lowered.NextUpdateDueAt, want)
	}
}
