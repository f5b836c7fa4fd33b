package models

import "testing"

func TestCanTransitionEveryPair(t *testing.T) {
	t.Parallel()
	const (
		inv = StatusInvestigating
		ide = StatusIdentified
		mon = StatusMonitoring
		res = StatusResolved
		clo = StatusClosed
		can = StatusCanceled
	)
	// allowed[from] lists every status reachable in one move; every pair not
	// listed must be refused.
	allowed := map[IncidentStatus][]IncidentStatus{
		inv: {ide, mon, res, can},
		ide: {inv, mon, res, can},
		mon: {inv, ide, res, can},
		res: {clo, inv},
		clo: {},
		can: {},
	}
	for _, from := range AllIncidentStatuses {
		for _, to := range AllIncidentStatuses {
			want := false
			for _, a := range allowed[from] {
				if a == to {
					want = true
				}
			}
			t.Run(string(from)+"->"+string(to), func(t *testing.T) {
				if got := CanTransition(from, to); got != want {
					t.Errorf("CanTransition(%s, %s) = %v, want %v", from, to, got, want)
				}
				if err := CheckTransition(from, to); (err == nil) != want {
					t.Errorf("CheckTransition(%s, %s) = %v, want allowed=%v", from, to, err, want)
				}
			})
		}
	}
	if CanTransition("BOGUS", inv) || CanTransition(inv, "BOGUS") {
		t.Error("unknown statuses must never transition")
	}
}
