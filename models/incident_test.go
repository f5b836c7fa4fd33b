package models

import (
	"testing"
	"time"
)

func TestUpdateReminderDue(t *testing.T) {
	t.Parallel()
	declared := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	due := declared.Add(30 * time.Minute)
	open := func() *Incident {
		i := &Incident{Status: StatusInvestigating, DeclaredAt: declared}
		i.ExpectUpdate(i.LastHeardAt(), 30*time.Minute)
		return i
	}
	cases := []struct {
		name string
		inc  func() *Incident
		due  time.Time
		now  time.Time
		want bool
	}{
		{"due and open", open, due, due, true},
		{"overdue", open, due, due.Add(time.Hour), true},
		{"not yet", open, due, due.Add(-time.Second), false},
		{"an update moved it", func() *Incident {
			i := open()
			i.MarkUpdated(declared.Add(20 * time.Minute))
			i.ExpectUpdate(i.LastHeardAt(), 30*time.Minute)
			return i
		}, due, due, false},
		{"resolved", func() *Incident {
			i := open()
			if err := i.ApplyStatus(StatusResolved, declared.Add(time.Minute)); err != nil {
				t.Fatal(err)
			}
			return i
		}, due, due, false},
		{"monitoring still needs updates", func() *Incident {
			i := open()
			if err := i.ApplyStatus(StatusMonitoring, declared.Add(time.Minute)); err != nil {
				t.Fatal(err)
			}
			return i
		}, due, due, true},
	}
	for _, c := range cases {
		if got := c.inc().UpdateReminderDue(c.due, c.now); got != c.want {
			t.Errorf("%s: UpdateReminderDue = %v, want %v", c.name, got, c.want)
		}
	}
	if i := open(); i.NextUpdateDueAt == nil || !i.NextUpdateDueAt.Equal(due) {
		t.Errorf("a new SEV-1 incident's update is due at %v, want %v", i.NextUpdateDueAt, due)
	}
}

func TestEndpointWants(t *testing.T) {
	t.Parallel()
	two := 2
	ep := NotificationEndpoint{Enabled: true, MinSeverityLevel: &two, ProductIDs: []int64{5, 6},
		EventKinds: []TimelineEventKind{EventUpdatePosted, EventReminderSent}}
	cases := []struct {
		name       string
		kind       TimelineEventKind
		level      int
		products   []int64
		visibility Visibility
		want       bool
	}{
		{"matches every filter", EventUpdatePosted, 1, []int64{6}, VisibilityPublic, true},
		{"at the minimum severity", EventReminderSent, 2, []int64{5, 9}, VisibilityPublic, true},
		{"less severe", EventUpdatePosted, 3, []int64{5}, VisibilityPublic, false},
		{"other kind", EventDeclared, 1, []int64{5}, VisibilityPublic, false},
		{"other products", EventUpdatePosted, 1, []int64{7}, VisibilityPublic, false},
		{"no products", EventUpdatePosted, 1, nil, VisibilityPublic, false},
		{"private", EventUpdatePosted, 1, []int64{5}, VisibilityPrivate, false},
	}
	for _, c := range cases {
		if got := ep.Wants(c.kind, c.level, c.products, c.visibility); got != c.want {
			t.Errorf("%s: Wants = %v, want %v", c.name, got, c.want)
		}
	}
	all := NotificationEndpoint{Enabled: true}
	if !all.Wants(EventNote, 3, nil, VisibilityPublic) {
		t.Error("an endpoint without filters wants everything public")
	}
	all.IncludePrivate = true
	if !all.Wants(EventNote, 3, nil, VisibilityPrivate) {
		t.Error("includePrivate lets private incidents through")
	}
	all.Enabled = false
	if all.Wants(EventNote, 1, nil, VisibilityPublic) {
		t.Error("a disabled endpoint wants nothing")
	}
}
