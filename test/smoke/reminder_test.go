package smoke_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"firebreak/internal/testenv"
	"firebreak/internal/testenv/faults"
)

// reminderState is what a commander sees of an incident's update reminders.
type reminderState struct {
	Status          string
	NextUpdateDueAt *time.Time
	Reminders       []time.Time // occurredAt of each REMINDER_SENT, in order
	Messages        []string
}

func reminders(t *testing.T, env *testenv.Env, id string) reminderState {
	t.Helper()
	var out struct {
		Incident struct {
			Status          string
			NextUpdateDueAt *time.Time
			Timeline        struct {
				Nodes []struct {
					Kind       string
					Message    string
					OccurredAt time.Time
				}
			}
		}
	}
	env.Query(t, env.ResponderKey, `query($id: ID!) { incident(id: $id) {
		status nextUpdateDueAt timeline(first: 100) { nodes { kind message occurredAt } } } }`,
		map[string]any{"id": id}, &out)
	st := reminderState{Status: out.Incident.Status, NextUpdateDueAt: out.Incident.NextUpdateDueAt}
	for _, ev := range out.Incident.Timeline.Nodes {
		if ev.Kind == "REMINDER_SENT" {
			st.Reminders = append(st.Reminders, ev.OccurredAt)
			st.Messages = append(st.Messages, ev.Message)
		}
	}
	return st
}

// waitForReminders waits until the incident has had n reminders.
func waitForReminders(t *testing.T, env *testenv.Env, id string, n int) reminderState {
	t.Helper()
	testenv.Eventually(t, 20*time.Second, fmt.Sprintf("incident %s: fewer than %d reminders after 20 s", id, n), func() bool {
		return len(reminders(t, env, id).Reminders) >= n
	})
	// Read again: one request reads the incident and its timeline in two
	// statements, and the reminder may have committed between them.
	return reminders(t, env, id)
}

// A quiet check needs proof that the worker has looked: a canary incident
// that falls due with the others gets its reminder, so anything else due by
// then has had its chance too.
func declareCanary(t *testing.T, env *testenv.Env) string {
	t.Helper()
	return env.Declare(t, map[string]any{"title": "Canary", "severityLevel": 1}).ID
}

type notificationJSON struct {
	ID, Kind, Message string
	ReadAt            *time.Time
	Incident          *struct{ ID string }
}

func notifications(t *testing.T, env *testenv.Env, key string, unreadOnly bool) ([]notificationJSON, int) {
	t.Helper()
	var out struct {
		Notifications struct {
			TotalCount int
			Nodes      []notificationJSON
		}
	}
	env.Query(t, key, `query($unread: Boolean) { notifications(unreadOnly: $unread, first: 50) {
		totalCount nodes { id kind message readAt incident { id } } } }`, map[string]any{"unread": unreadOnly}, &out)
	return out.Notifications.Nodes, out.Notifications.TotalCount
}

func TestOverdueUpdateRemindsTheCommanderOnce(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	env.StartWorker(t)

	inc := env.Declare(t, map[string]any{"title": "Checkout errors", "severityLevel": 1}) // SEV-1: every 30 minutes
	st := reminders(t, env, inc.ID)
	if st.NextUpdateDueAt == nil || !st.NextUpdateDueAt.Equal(inc.DeclaredAt.Add(30*time.Minute)) {
		t.Fatalf("nextUpdateDueAt = %v, want declaredAt + 30m (%v)", st.NextUpdateDueAt, inc.DeclaredAt.Add(30*time.Minute))
	}

	// An update in time moves the due time and nothing is sent.
	env.Clock.Advance(20 * time.Minute)
	postUpdate(t, env, inc.ID, "Rolling back the deploy.")
	st = reminders(t, env, inc.ID)
	updatedDue := *st.NextUpdateDueAt
	if got := updatedDue.Sub(env.Clock.Now()); got < 29*time.Minute || got > 30*time.Minute {
		t.Fatalf("after an update the next one is due in %s, want 30m", got)
	}
	env.Clock.Advance(31 * time.Minute)

	// Now overdue: exactly one reminder, to the commander, in the timeline
	// and in their notifications.
	st = waitForReminders(t, env, inc.ID, 1)
	if !st.Reminders[0].After(updatedDue) && !st.Reminders[0].Equal(updatedDue) {
		t.Errorf("reminder at %s, before the update was due at %s", st.Reminders[0], updatedDue)
	}
	if st.NextUpdateDueAt == nil || !st.NextUpdateDueAt.Equal(st.Reminders[0].Add(30*time.Minute)) {
		t.Errorf("after a reminder the next is due 30m later: %v (reminded at %s)", st.NextUpdateDueAt, st.Reminders[0])
	}
	notes, unread := notifications(t, env, env.ResponderKey, true)
	var mine []notificationJSON
	for _, n := range notes {
		if n.Incident != nil && n.Incident.ID == inc.ID {
			mine = append(mine, n)
		}
	}
	if len(mine) != 1 || mine[0].Kind != "UPDATE_REMINDER" || mine[0].Message != st.Messages[0] {
		t.Fatalf("the commander's notifications for the incident: %+v (reminder %q)", mine, st.Messages[0])
	}
	if others, _ := notifications(t, env, env.ViewerKey, false); len(others) != 0 {
		t.Errorf("someone without a role was notified: %+v", others)
	}

	// Later reconciles send nothing more for that due time.
	canary2 := declareCanary(t, env)
	env.Clock.Advance(29 * time.Minute) // the incident's next reminder is still a minute away
	env.Clock.Advance(2 * time.Minute)  // now both it and canary2 are due
	waitForReminders(t, env, canary2, 1)
	st = waitForReminders(t, env, inc.ID, 2)
	if len(st.Reminders) != 2 {
		t.Errorf("reminders: %v, want one per due time", st.Reminders)
	}

	// Marking read.
	var marked struct {
		MarkNotificationsRead struct{ Marked, UnreadCount int }
	}
	env.Query(t, env.ResponderKey, `mutation($ids: [ID!]) { markNotificationsRead(input: {ids: $ids}) { marked unreadCount } }`,
		map[string]any{"ids": []string{mine[0].ID}}, &marked)
	if marked.MarkNotificationsRead.Marked != 1 {
		t.Errorf("marked %d, want 1", marked.MarkNotificationsRead.Marked)
	}
	_, unreadAfter := notifications(t, env, env.ResponderKey, true)
	if unreadAfter != marked.MarkNotificationsRead.UnreadCount || unreadAfter < unread-1 {
		t.Errorf("unread after marking: %d (payload said %d, before %d)", unreadAfter, marked.MarkNotificationsRead.UnreadCount, unread)
	}
	env.MustFail(t, env.ViewerKey, `mutation($ids: [ID!]) { markNotificationsRead(input: {ids: $ids}) { marked } }`,
		map[string]any{"ids": []string{"bm90LWFuLWlk"}}, "BAD_USER_INPUT")
}

func TestNoReminderWhenUpdatesArriveInTime(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	env.StartWorker(t)

	inc := env.Declare(t, map[string]any{"title": "Search latency", "severityLevel": 1})
	for range 3 {
		env.Clock.Advance(25 * time.Minute)
		postUpdate(t, env, inc.ID, "Still tuning the index.")
	}
	canary := declareCanary(t, env)
	env.Clock.Advance(29 * time.Minute) // last update 29m ago, canary 29m old
	env.Clock.Advance(90 * time.Second) // canary overdue; last update 30m30s ago: overdue too
	waitForReminders(t, env, canary, 1)
	waitForReminders(t, env, inc.ID, 1)

	// The part that matters: the three updates in time sent nothing.
	st := reminders(t, env, inc.ID)
	if len(st.Reminders) != 1 {
		t.Fatalf("reminders %v: updates every 25 minutes must not be reminded", st.Reminders)
	}
}

func TestSnoozeAndResolveMoveOrCancelTheReminder(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	env.StartWorker(t)

	snoozed := env.Declare(t, map[string]any{"title": "Snoozed", "severityLevel": 1})
	resolved := env.Declare(t, map[string]any{"title": "Resolved", "severityLevel": 1})
	canary := declareCanary(t, env)

	var out struct {
		SnoozeUpdateReminder struct {
			Incident struct{ NextUpdateDueAt time.Time }
		}
	}
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { snoozeUpdateReminder(input: {incidentId: $id, minutes: 60}) { incident { nextUpdateDueAt } } }`,
		map[string]any{"id": snoozed.ID}, &out)
	if got := out.SnoozeUpdateReminder.Incident.NextUpdateDueAt.Sub(env.Clock.Now()); got < 59*time.Minute || got > 60*time.Minute {
		t.Fatalf("snoozed for 60 minutes: due in %s", got)
	}
	lifecycle(t, env, "resolveIncident", resolved.ID, "Fixed.")
	if st := reminders(t, env, resolved.ID); st.NextUpdateDueAt != nil {
		t.Fatalf("a resolved incident expects no update: due %v", st.NextUpdateDueAt)
	}

	env.Clock.Advance(31 * time.Minute)
	waitForReminders(t, env, canary, 1)
	if st := reminders(t, env, snoozed.ID); len(st.Reminders) != 0 {
		t.Errorf("snoozed incident reminded: %v", st.Reminders)
	}
	if st := reminders(t, env, resolved.ID); len(st.Reminders) != 0 {
		t.Errorf("resolved incident reminded: %v", st.Reminders)
	}

	// A snooze moves the reminder; it does not cancel it.
	env.Clock.Advance(30 * time.Minute)
	waitForReminders(t, env, snoozed.ID, 1)
	if st := reminders(t, env, resolved.ID); len(st.Reminders) != 0 {
		t.Errorf("resolved incident reminded: %v", st.Reminders)
	}

	// Refused snoozes change nothing.
	env.MustFail(t, env.ResponderKey, `mutation($id: ID!) { snoozeUpdateReminder(input: {incidentId: $id, minutes: 0}) { incident { id } } }`,
		map[string]any{"id": snoozed.ID}, "BAD_USER_INPUT")
	env.MustFail(t, env.ResponderKey, `mutation($id: ID!) { snoozeUpdateReminder(input: {incidentId: $id, minutes: 30}) { incident { id } } }`,
		map[string]any{"id": resolved.ID}, "INVALID_TRANSITION")
	env.MustFail(t, env.ViewerKey, `mutation($id: ID!) { snoozeUpdateReminder(input: {incidentId: $id, minutes: 30}) { incident { id } } }`,
		map[string]any{"id": snoozed.ID}, "FORBIDDEN")
}

func TestSeverityChangeRetimesTheReminder(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	env.StartWorker(t)

	inc := env.Declare(t, map[string]any{"title": "Slow reports", "severityLevel": 3}) // every 4 hours
	if st := reminders(t, env, inc.ID); !st.NextUpdateDueAt.Equal(inc.DeclaredAt.Add(4 * time.Hour)) {
		t.Fatalf("SEV-3 due %v, want declaredAt + 4h", st.NextUpdateDueAt)
	}
	canary := declareCanary(t, env)
	env.Clock.Advance(31 * time.Minute)
	waitForReminders(t, env, canary, 1)
	if st := reminders(t, env, inc.ID); len(st.Reminders) != 0 {
		t.Fatalf("SEV-3 reminded after 31 minutes: %v", st.Reminders)
	}

	// Raised to SEV-1, it is on a 30-minute cadence counted from the
	// declaration: already overdue, so the reminder goes out now.
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { changeIncidentSeverity(input: {incidentId: $id, severityLevel: 1}) { incident { id } } }`,
		map[string]any{"id": inc.ID}, nil)
	st := waitForReminders(t, env, inc.ID, 1)
	if st.NextUpdateDueAt == nil || st.NextUpdateDueAt.Sub(st.Reminders[0]) != 30*time.Minute {
		t.Errorf("after the SEV-1 reminder the next is due %v (reminded %s), want 30m later", st.NextUpdateDueAt, st.Reminders[0])
	}

	// Lowered to SEV-3 the next update is due 4 hours after the last word.
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { changeIncidentSeverity(input: {incidentId: $id, severityLevel: 3}) { incident { id } } }`,
		map[string]any{"id": inc.ID}, nil)
	if st := reminders(t, env, inc.ID); !st.NextUpdateDueAt.Equal(inc.DeclaredAt.Add(4 * time.Hour)) {
		t.Errorf("back to SEV-3: due %v, want declaredAt + 4h", st.NextUpdateDueAt)
	}
}

// Two `firebreak worker` processes (each with its reconciler and asynq
// scheduler) share the test's PostgreSQL and Redis. The processes read the
// system clock, so instead of moving a clock the test makes updates overdue
// in the database, as time passing would.
func TestTwoWorkerProcessesSendOneReminderPerDueTime(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	workerEnv := []string{"DATABASE_URL=" + env.DatabaseURL, "REDIS_URL=" + env.RedisURL,
		"FIREBREAK_RECONCILE_INTERVAL=1s", "FIREBREAK_LOG_LEVEL=warn"}
	faults.StartProcess(t, workerEnv, "worker")
	faults.StartProcess(t, workerEnv, "worker")

	var ids []string
	for range 5 {
		ids = append(ids, env.Declare(t, map[string]any{"title": "Shared fate", "severityLevel": 1}).ID)
	}
	overdue := func() {
		t.Helper()
		if _, err := env.DB.NewRaw(`UPDATE incidents SET next_update_due_at = now() - interval '1 second'
			WHERE status = 'INVESTIGATING'`).Exec(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	const rounds = 3
	for round := 1; round <= rounds; round++ {
		overdue()
		for _, id := range ids {
			waitForReminders(t, env, id, round)
		}
	}
	// A duplicate would commit beside the first. A canary falling due after
	// the last round is reminded only once both processes' reconcilers and
	// queues have moved past it, so anything else due by then has had its
	// chance: then count.
	canary := declareCanary(t, env)
	if _, err := env.DB.NewRaw(`UPDATE incidents SET next_update_due_at = now() - interval '1 second'
		WHERE title = 'Canary'`).Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
	waitForReminders(t, env, canary, 1)
	for _, id := range ids {
		if st := reminders(t, env, id); len(st.Reminders) != rounds {
			t.Errorf("incident %s: %d reminders over %d due times", id, len(st.Reminders), rounds)
		}
	}
	notes, total := notifications(t, env, env.ResponderKey, false)
	if total != 5*rounds+1 {
		t.Errorf("%d notifications, want %d (5 incidents × %d due times, and the canary): %+v", total, 5*rounds+1, rounds, notes)
	}
}

func TestFlushedRedisLosesNoReminder(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	env.StartWorker(t)

	inc := env.Declare(t, map[string]any{"title": "Cache stampede", "severityLevel": 1})
	env.Clock.Advance(31 * time.Minute)
	waitForReminders(t, env, inc.ID, 1)

	// The first reminder scheduled the next one in Redis.
	inspector := asynq.NewInspectorFromRedisClient(env.Redis)
	waitFor(t, "the next reminder is scheduled", func() bool {
		tasks, err := inspector.ListScheduledTasks("default")
		return err == nil && len(tasks) > 0
	})
	// FLUSHDB, not FLUSHALL: this test's Redis database is its own, the
	// others belong to tests running beside it.
	if err := env.Redis.FlushDB(context.Background()).Err(); err != nil {
		t.Fatal(err)
	}
	if tasks, _ := inspector.ListScheduledTasks("default"); len(tasks) != 0 {
		t.Fatalf("%d tasks survived the flush", len(tasks))
	}

	env.Clock.Advance(31 * time.Minute)
	st := waitForReminders(t, env, inc.ID, 2)
	if len(st.Reminders) != 2 {
		t.Errorf("reminders after the flush: %v", st.Reminders)
	}
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	testenv.Eventually(t, 20*time.Second, "timed out waiting until "+what, ok)
}
