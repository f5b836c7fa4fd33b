package reminder

import (
	"testing"
	"time"

	"firebreak/models"
)

func TestNudgeIsSentOnlyWhenStillDue(t *testing.T) {
	now := time.Date(2026, 6, 10, 9, 0, 0, 0, time.UTC)
	owner := int64(7)
	due := now.Add(24 * time.Hour)
	scheduled := now.Add(-time.Minute)
	later := now.Add(time.Hour)
	due0 := models.Nudged{OwnerID: &owner, DueAt: &due, NextAt: &scheduled}
	for _, tc := range []struct {
		name   string
		edit   func(n *models.Nudged)
		at     time.Time
		wanted bool
	}{
		{"its time has come", func(*models.Nudged) {}, scheduled, true},
		{"a task for another time (rescheduled since)", func(*models.Nudged) {}, scheduled.Add(-time.Hour), false},
		{"not yet: the task ran early", func(n *models.Nudged) { n.NextAt = &later }, later, false},
		{"done: published or finished", func(n *models.Nudged) { n.Done = true }, scheduled, false},
		{"nobody owns it", func(n *models.Nudged) { n.OwnerID = nil }, scheduled, false},
		{"no due date", func(n *models.Nudged) { n.DueAt = nil }, scheduled, false},
		{"no nudge scheduled", func(n *models.Nudged) { n.NextAt = nil }, scheduled, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := due0
			tc.edit(&n)
			if got := NudgeDue(n, tc.at, now); got != tc.wanted {
				t.Errorf("NudgeDue = %v, want %v", got, tc.wanted)
			}
		})
	}
}

func TestNudgeSaysWhenInDays(t *testing.T) {
	now := time.Date(2026, 6, 10, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		due  time.Time
		want string
	}{
		{now.Add(5 * time.Hour), "is due in 5 hours"},
		{now.Add(20 * time.Minute), "is due in 1 hour"},
		{now.Add(30 * time.Hour), "is due in 1 day"},
		{now.Add(60 * time.Hour), "is due in 3 days"},
		{now.Add(-3 * time.Hour), "is due today"},
		{now.Add(-50 * time.Hour), "is overdue by 2 days"},
	} {
		if got := dueWording(tc.due, now); got != tc.want {
			t.Errorf("due %s from now: %q, want %q", tc.due.Sub(now), got, tc.want)
		}
	}
}
