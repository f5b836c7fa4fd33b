package smoke_test

import (
	"math"
	"testing"
	"time"

	"firebreak/internal/testenv"
)

type durationsJSON struct{ Mean, Median, P90 *float64 }

type responseJSON struct {
	Count                                            int
	TimeToAcknowledge, TimeToMitigate, TimeToResolve durationsJSON
}

type metricsJSON struct {
	responseJSON
	BySeverity []struct {
		Severity struct{ Level int }
		responseJSON
	}
	ByProduct []struct {
		Product struct{ Name string }
		responseJSON
	}
	Weekly []struct {
		WeekStart           time.Time
		Count               int
		MedianTimeToResolve *float64
	}
	OpenActionItems, OverdueActionItems int
}

const durations = `{ mean median p90 }`
const responseSelection = `count timeToAcknowledge ` + durations + ` timeToMitigate ` + durations + ` timeToResolve ` + durations

func metrics(t *testing.T, env *testenv.Env, key string, filter map[string]any) metricsJSON {
	t.Helper()
	var out struct{ IncidentMetrics metricsJSON }
	env.Query(t, key, `query($f: IncidentMetricsFilter) { incidentMetrics(filter: $f) { `+responseSelection+`
		bySeverity { severity { level } `+responseSelection+` }
		byProduct { product { name } `+responseSelection+` }
		weekly { weekStart count medianTimeToResolve }
		openActionItems overdueActionItems } }`, map[string]any{"f": filter}, &out)
	return out.IncidentMetrics
}

// want checks mean, median and p90 (nil: no data).
func wantDurations(t *testing.T, what string, got durationsJSON, want ...float64) {
	t.Helper()
	vals := []*float64{got.Mean, got.Median, got.P90}
	for i, name := range []string{"mean", "median", "p90"} {
		if len(want) == 0 {
			if vals[i] != nil {
				t.Errorf("%s %s = %v, want none", what, name, *vals[i])
			}
			continue
		}
		if vals[i] == nil || math.Abs(*vals[i]-want[i]) > 1e-6 {
			t.Errorf("%s %s = %v, want %v", what, name, deref(vals[i]), want[i])
		}
	}
}

func deref(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

// TestIncidentMetricsMatchHandComputedValues builds six incidents with
// exact timestamps (the clock is frozen) and checks every figure against
// values worked out by hand below.
func TestIncidentMetricsMatchHandComputedValues(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	monday := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	var products struct {
		A struct{ Product struct{ ID string } }
		B struct{ Product struct{ ID string } }
	}
	env.Query(t, env.AdminKey, `mutation { a: createProduct(input: {name: "Alpha"}) { product { id } }
		b: createProduct(input: {name: "Beta"}) { product { id } } }`, nil, &products)
	a, b := products.A.Product.ID, products.B.Product.ID

	// Each incident: declared at `at`, detected `detect` seconds before,
	// MONITORING `mitigate` seconds after declaring, RESOLVED `resolve`
	// seconds after that (0: left as it is).
	type spec struct {
		at                        time.Time
		level                     int
		products                  []string
		detect, mitigate, resolve int
	}
	var firstID string
	for i, s := range []spec{
		{monday, 1, []string{a}, 60, 600, 1200},                          // TTA 60,  TTM 660,  TTR 1860
		{monday.Add(24 * time.Hour), 1, []string{b}, 120, 1800, 1800},    // TTA 120, TTM 1920, TTR 3720
		{monday.Add(48 * time.Hour), 2, []string{a, b}, 300, 3600, 3600}, // TTA 300, TTM 3900, TTR 7500
		{monday.Add(7 * 24 * time.Hour), 3, []string{a}, 30, 300, 600},   // TTA 30,  TTM 330,  TTR 930 (next week)
		{monday.Add(72 * time.Hour), 2, nil, 600, 0, 0},                  // TTA 600, still investigating
	} {
		env.Clock.Freeze(s.at)
		inc := env.Declare(t, map[string]any{"title": "Measured", "severityLevel": s.level, "productIds": s.products,
			"detectedAt": s.at.Add(-time.Duration(s.detect) * time.Second).Format(time.RFC3339)})
		if i == 0 {
			firstID = inc.ID
		}
		if s.mitigate > 0 {
			env.Clock.Advance(time.Duration(s.mitigate) * time.Second)
			env.Query(t, env.ResponderKey, `mutation($id: ID!) { changeIncidentStatus(input: {incidentId: $id, status: MONITORING}) { incident { id } } }`,
				map[string]any{"id": inc.ID}, nil)
			env.Clock.Advance(time.Duration(s.resolve) * time.Second)
			lifecycle(t, env, "resolveIncident", inc.ID, "")
		}
	}
	// Not counted: a false alarm, and (for the responder) a private
	// incident of someone else's.
	env.Clock.Freeze(monday.Add(72 * time.Hour))
	falseAlarm := env.Declare(t, map[string]any{"title": "False alarm", "severityLevel": 1})
	lifecycle(t, env, "cancelIncident", falseAlarm.ID, "")
	env.Clock.Freeze(monday.Add(96 * time.Hour))
	env.Query(t, env.AdminKey, `mutation { declareIncident(input: {title: "Private", severityLevel: 1, visibility: PRIVATE}) { incident { id } } }`, nil, nil)

	// Follow-ups of the first incident: one overdue, one not yet due, one done.
	env.Clock.Freeze(monday.Add(10 * 24 * time.Hour))
	createActionItem(t, env, map[string]any{"incidentId": firstID, "title": "Overdue", "dueAt": monday.Add(9 * 24 * time.Hour).Format(time.RFC3339)})
	createActionItem(t, env, map[string]any{"incidentId": firstID, "title": "Later", "dueAt": monday.Add(20 * 24 * time.Hour).Format(time.RFC3339)})
	done := createActionItem(t, env, map[string]any{"incidentId": firstID, "title": "Done", "dueAt": monday.Add(5 * 24 * time.Hour).Format(time.RFC3339)})
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { updateActionItem(input: {actionItemId: $id, status: DONE}) { actionItem { id } } }`,
		map[string]any{"id": done.ID}, nil)

	m := metrics(t, env, env.ResponderKey, nil)
	if m.Count != 5 {
		t.Fatalf("count %d, want 5", m.Count)
	}
	// TTA 30 60 120 300 600: mean 222, median 120, p90 at rank 3.6 = 300 + 0.6×300 = 480.
	wantDurations(t, "timeToAcknowledge", m.TimeToAcknowledge, 222, 120, 480)
	// TTM 330 660 1920 3900: mean 1702.5, median 1290, p90 at rank 2.7 = 1920 + 0.7×1980 = 3306.
	wantDurations(t, "timeToMitigate", m.TimeToMitigate, 1702.5, 1290, 3306)
	// TTR 930 1860 3720 7500: mean 3502.5, median 2790, p90 = 3720 + 0.7×3780 = 6366.
	wantDurations(t, "timeToResolve", m.TimeToResolve, 3502.5, 2790, 6366)

	if len(m.BySeverity) != 3 {
		t.Fatalf("bySeverity: %+v", m.BySeverity)
	}
	sev1, sev2, sev3 := m.BySeverity[0], m.BySeverity[1], m.BySeverity[2]
	if sev1.Severity.Level != 1 || sev1.Count != 2 || sev2.Count != 2 || sev3.Count != 1 {
		t.Errorf("severity counts: %+v", m.BySeverity)
	}
	wantDurations(t, "SEV-1 timeToAcknowledge", sev1.TimeToAcknowledge, 90, 90, 114)   // 60, 120
	wantDurations(t, "SEV-1 timeToResolve", sev1.TimeToResolve, 2790, 2790, 3534)      // 1860, 3720
	wantDurations(t, "SEV-2 timeToAcknowledge", sev2.TimeToAcknowledge, 450, 450, 570) // 300, 600
	wantDurations(t, "SEV-2 timeToResolve", sev2.TimeToResolve, 7500, 7500, 7500)      // the open one has none
	wantDurations(t, "SEV-3 timeToMitigate", sev3.TimeToMitigate, 330, 330, 330)

	if len(m.ByProduct) != 2 || m.ByProduct[0].Product.Name != "Alpha" || m.ByProduct[0].Count != 3 || m.ByProduct[1].Count != 2 {
		t.Fatalf("byProduct: %+v", m.ByProduct)
	}
	// Alpha: TTR 930 1860 7500 → mean 3430, median 1860, p90 = 1860 + 0.8×5640 = 6372.
	wantDurations(t, "Alpha timeToResolve", m.ByProduct[0].TimeToResolve, 3430, 1860, 6372)
	// Beta: TTR 3720 7500 → mean 5610, median 5610, p90 = 3720 + 0.9×3780 = 7122.
	wantDurations(t, "Beta timeToResolve", m.ByProduct[1].TimeToResolve, 5610, 5610, 7122)

	if len(m.Weekly) != 2 || !m.Weekly[0].WeekStart.Equal(time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)) ||
		m.Weekly[0].Count != 4 || m.Weekly[0].MedianTimeToResolve == nil || *m.Weekly[0].MedianTimeToResolve != 3720 ||
		m.Weekly[1].Count != 1 || *m.Weekly[1].MedianTimeToResolve != 930 {
		t.Errorf("weekly: %+v", m.Weekly)
	}
	if m.OpenActionItems != 2 || m.OverdueActionItems != 1 {
		t.Errorf("follow-ups: %d open, %d overdue, want 2 and 1", m.OpenActionItems, m.OverdueActionItems)
	}

	// Filters.
	for _, c := range []struct {
		name   string
		filter map[string]any
		count  int
	}{
		{"SEV-1", map[string]any{"severityLevels": []int{1}}, 2},
		{"Beta", map[string]any{"productIds": []string{b}}, 2},
		{"second week", map[string]any{"from": monday.Add(7 * 24 * time.Hour).Format(time.RFC3339)}, 1},
		{"first week", map[string]any{"to": monday.Add(7 * 24 * time.Hour).Format(time.RFC3339)}, 4},
	} {
		if got := metrics(t, env, env.ResponderKey, c.filter); got.Count != c.count {
			t.Errorf("%s: count %d, want %d", c.name, got.Count, c.count)
		}
	}
	if got := metrics(t, env, env.AdminKey, nil); got.Count != 6 {
		t.Errorf("an admin counts %d, want 6 with the private incident", got.Count)
	}
	env.MustFail(t, env.ResponderKey, `query { incidentMetrics(filter: {from: "2026-03-09T00:00:00Z", to: "2026-03-02T00:00:00Z"}) { count } }`,
		nil, "BAD_USER_INPUT")
}
