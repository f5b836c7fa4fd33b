package workers_test

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"firebreak/internal/app"
	"firebreak/internal/auth"
	"firebreak/internal/incident"
	"firebreak/internal/testenv"
	"firebreak/workers"
)

// queuedReminders lists the reminder tasks Redis holds, by id.
func queuedReminders(t *testing.T, inspector *asynq.Inspector) []string {
	t.Helper()
	var ids []string
	for _, list := range []func(string, ...asynq.ListOption) ([]*asynq.TaskInfo, error){
		inspector.ListScheduledTasks, inspector.ListPendingTasks,
	} {
		tasks, err := list("default")
		if err != nil {
			t.Fatal(err)
		}
		for _, task := range tasks {
			if task.Type == workers.TypeUpdateReminder {
				ids = append(ids, task.ID)
			}
		}
	}
	sort.Strings(ids)
	return ids
}

// The reconciler derives every reminder due before its next run from
// PostgreSQL: once per due time however often it runs, nothing for an
// incident that expects no update, and everything again after Redis lost
// its tasks.
func TestReconcileEnqueuesEachDueReminderOnce(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	ctx := context.Background()
	start := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	env.Clock.Freeze(start)
	services := app.NewServices(env.DB, app.Options{Clock: env.Clock.Now})
	w := services.Worker(env.Redis, workers.Config{ReconcileEvery: 10 * time.Minute, Now: env.Clock.Now})
	inspector := asynq.NewInspector(env.RedisTarget)
	t.Cleanup(func() { inspector.Close() })
	actor, err := auth.NewService(env.DB).Authenticate(ctx, env.ResponderKey)
	if err != nil {
		t.Fatal(err)
	}
	declare := func(title string, level int) int64 {
		inc, err := services.Incidents.Declare(ctx, actor, incident.DeclareInput{Title: title, SeverityLevel: level})
		if err != nil {
			t.Fatal(err)
		}
		return inc.ID
	}
	sev1 := declare("Checkout down", 1)   // update due in 30 min
	declare("Search slow", 3)             // due in 4 h: beyond the look-ahead
	resolved := declare("Login flaky", 1) // due in 30 min, but resolved
	if _, err := services.Incidents.Resolve(ctx, actor, incident.LifecycleInput{IncidentID: resolved}); err != nil {
		t.Fatal(err)
	}

	env.Clock.Advance(15 * time.Minute) // the look-ahead (two runs) now reaches SEV-1's due time
	for range 2 {
		if err := w.ReconcileNow(ctx); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{fmt.Sprintf("update-reminder:%d:%d", sev1, start.Add(30*time.Minute).UnixMicro())}
	if got := queuedReminders(t, inspector); !slices.Equal(got, want) {
		t.Fatalf("after two runs: %v, want %v", got, want)
	}

	if _, err := inspector.DeleteAllScheduledTasks("default"); err != nil {
		t.Fatal(err)
	}
	if got := queuedReminders(t, inspector); len(got) != 0 {
		t.Fatalf("tasks left after deleting them: %v", got)
	}
	if err := w.ReconcileNow(ctx); err != nil {
		t.Fatal(err)
	}
	if got := queuedReminders(t, inspector); !slices.Equal(got, want) {
		t.Errorf("after Redis lost the tasks: %v, want %v", got, want)
	}
}
