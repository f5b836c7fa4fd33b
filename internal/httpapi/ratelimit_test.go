package httpapi_test

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/go-redis/redis_rate/v10"

	"firebreak/internal/testenv"
)

func TestRateLimitTripsAndRecovers(t *testing.T) {
	t.Parallel()
	env := testenv.NewWithOptions(t, testenv.Options{RateLimit: redis_rate.Limit{Rate: 3, Burst: 3, Period: time.Second}})
	me := `{ me { name } }`
	for i := range 3 {
		if res := env.Post(t, env.ResponderKey, me, nil); res.Status != http.StatusOK || len(res.Errors) > 0 {
			t.Fatalf("request %d within the budget: HTTP %d %s", i+1, res.Status, res.Raw)
		}
	}
	// Over budget: refused before anything runs, so a mutation writes nothing.
	res := env.Post(t, env.ResponderKey, `mutation { declareIncident(input: {title: "Refused", severityLevel: 3}) { incident { id } } }`, nil)
	if res.Status != http.StatusTooManyRequests || len(res.Errors) != 1 || res.Errors[0].Code() != "RATE_LIMITED" {
		t.Fatalf("over budget: HTTP %d %s", res.Status, res.Raw)
	}
	retry, err := strconv.Atoi(res.Header.Get("Retry-After"))
	if err != nil || retry < 1 || retry > 1 {
		t.Errorf("Retry-After %q, want 1 (second)", res.Header.Get("Retry-After"))
	}
	// Other keys have budgets of their own; health and metrics have none.
	var count struct{ Incidents struct{ TotalCount int } }
	env.Query(t, env.ViewerKey, `{ incidents { totalCount } }`, nil, &count)
	if count.Incidents.TotalCount != 0 {
		t.Errorf("the refused mutation declared an incident")
	}
	for range 10 {
		for _, path := range []string{"/healthz", "/metrics"} {
			if r, err := http.Get(env.Server.URL + path); err != nil || r.StatusCode != http.StatusOK {
				t.Fatalf("%s is rate limited: %v %v", path, err, r)
			} else {
				r.Body.Close()
			}
		}
	}

	// Within Retry-After the key works again (refused tries spend nothing).
	testenv.Eventually(t, time.Duration(retry)*time.Second+time.Second, "the key still refused after Retry-After", func() bool {
		res := env.Post(t, env.ResponderKey, me, nil)
		return res.Status == http.StatusOK && len(res.Errors) == 0
	})
}
