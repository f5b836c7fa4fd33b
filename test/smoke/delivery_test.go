package smoke_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"firebreak/internal/delivery"
	"firebreak/internal/testenv"
	"firebreak/workers"
)

// receiver is a real HTTP endpoint that records what it is sent and answers
// with the status codes it is told to, in order (200 once they run out).
type receiver struct {
	*httptest.Server
	mu       sync.Mutex
	requests []receivedRequest
	answers  []int
}

type receivedRequest struct {
	Header http.Header
	Body   []byte
	At     time.Time
}

func newReceiver(t *testing.T, answers ...int) *receiver {
	t.Helper()
	r := &receiver{answers: answers}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.requests = append(r.requests, receivedRequest{Header: req.Header.Clone(), Body: body, At: time.Now()})
		code := http.StatusOK
		if len(r.answers) > 0 {
			code, r.answers = r.answers[0], r.answers[1:]
		}
		r.mu.Unlock()
		w.WriteHeader(code)
		fmt.Fprintf(w, "answered %d", code)
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *receiver) received() []receivedRequest {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]receivedRequest(nil), r.requests...)
}

// eventIDs groups what was received by the event it carried.
func (r *receiver) byEvent() map[string][]receivedRequest {
	out := map[string][]receivedRequest{}
	for _, req := range r.received() {
		id := req.Header.Get("X-Firebreak-Event-Id")
		out[id] = append(out[id], req)
	}
	return out
}

type endpointCreated struct {
	ID     string
	Secret *string
}

func createEndpoint(t *testing.T, env *testenv.Env, input map[string]any) endpointCreated {
	t.Helper()
	var out struct {
		CreateNotificationEndpoint struct {
			Endpoint struct{ ID string }
			Secret   *string
		}
	}
	env.Query(t, env.AdminKey, `mutation($in: CreateNotificationEndpointInput!) {
		createNotificationEndpoint(input: $in) { endpoint { id } secret } }`, map[string]any{"in": input}, &out)
	return endpointCreated{ID: out.CreateNotificationEndpoint.Endpoint.ID, Secret: out.CreateNotificationEndpoint.Secret}
}

type deliveryJSON struct {
	ID, Status   string
	EventID      *string
	Body         string
	AttemptCount int
	Attempts     []struct {
		Number     int
		StatusCode *int
		Error      *string
		DurationMs float64
	}
	Incident *struct{ ID string }
}

const deliveryFields = `id status eventId body attemptCount attempts { number statusCode error durationMs } incident { id }`

func deliveries(t *testing.T, env *testenv.Env, endpointID, status string) []deliveryJSON {
	t.Helper()
	var out struct {
		Node struct {
			Deliveries struct {
				TotalCount int
				Nodes      []deliveryJSON
			}
		}
	}
	vars := map[string]any{"id": endpointID}
	if status != "" {
		vars["status"] = status
	}
	env.Query(t, env.AdminKey, `query($id: ID!, $status: DeliveryStatus) { node(id: $id) {
		... on NotificationEndpoint { deliveries(status: $status, first: 100) { totalCount nodes { `+deliveryFields+` } } } } }`, vars, &out)
	return out.Node.Deliveries.Nodes
}

// deliveryCount is an endpoint's totalCount of deliveries.
func deliveryCount(t *testing.T, env *testenv.Env, endpointID string) int {
	t.Helper()
	var out struct {
		Node struct{ Deliveries struct{ TotalCount int } }
	}
	env.Query(t, env.AdminKey, `query($id: ID!) { node(id: $id) { ... on NotificationEndpoint { deliveries { totalCount } } } }`,
		map[string]any{"id": endpointID}, &out)
	return out.Node.Deliveries.TotalCount
}

func waitForDeliveries(t *testing.T, env *testenv.Env, endpointID, status string, n int) []deliveryJSON {
	t.Helper()
	var ds []deliveryJSON
	waitFor(t, fmt.Sprintf("%d %s deliveries", n, status), func() bool {
		ds = deliveries(t, env, endpointID, status)
		return len(ds) >= n
	})
	return ds
}

func TestWebhookRetriesUntilDeliveredOnceAndSigned(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	worker := env.StartWorker(t)
	hook := newReceiver(t, 500, 500) // then 200
	ep := createEndpoint(t, env, map[string]any{"name": "Status page", "kind": "WEBHOOK", "url": hook.URL,
		"eventKinds": []string{"UPDATE_POSTED"}})
	if ep.Secret == nil || len(*ep.Secret) < 16 {
		t.Fatalf("a webhook gets a generated secret, shown once: %v", ep.Secret)
	}
	// An endpoint for SEV-1 only hears nothing of this SEV-2.
	sev1 := newReceiver(t)
	sev1Only := createEndpoint(t, env, map[string]any{"name": "SEV-1 pager", "kind": "WEBHOOK", "url": sev1.URL, "minSeverityLevel": 1})

	inc := env.Declare(t, map[string]any{"title": "Payments declined", "severityLevel": 2})
	postUpdate(t, env, inc.ID, "Card processor returning 502s; failing over.")

	ds := waitForDeliveries(t, env, ep.ID, "DELIVERED", 1)
	d := ds[0]
	if d.AttemptCount != 3 || len(d.Attempts) != 3 {
		t.Fatalf("attempts: %d (%+v), want 3", d.AttemptCount, d.Attempts)
	}
	for i, want := range []int{500, 500, 200} {
		a := d.Attempts[i]
		if a.Number != i+1 || a.StatusCode == nil || *a.StatusCode != want || (want != 200) != (a.Error != nil) {
			t.Errorf("attempt %d: %+v, want HTTP %d", i+1, a, want)
		}
	}

	// The receiver saw three requests for the event: the same bytes, the
	// same event id, each signed with the endpoint's secret.
	var body struct {
		ID       string
		Type     string
		Incident struct {
			Reference, Title, Status string
			Severity                 struct{ Level int }
			LatestUpdate             *struct{ Body string }
		}
		Event struct{ Kind, Message string }
	}
	got := hook.byEvent()
	if len(got) != 1 {
		t.Fatalf("the webhook received %d events, want only the update: %v", len(got), got)
	}
	for eventID, reqs := range got {
		if len(reqs) != 3 {
			t.Fatalf("event %s: %d requests, want 3", eventID, len(reqs))
		}
		for _, req := range reqs {
			if string(req.Body) != d.Body || req.Header.Get("Content-Type") != "application/json" {
				t.Errorf("request differs from the delivery's body: %s", req.Body)
			}
			if err := delivery.Verify(*ep.Secret, req.Header.Get(delivery.SignatureHeader), req.Body, req.At, 5*time.Minute); err != nil {
				t.Errorf("signature: %v (%s)", err, req.Header.Get(delivery.SignatureHeader))
			}
			if err := delivery.Verify("whsec_not-the-secret-at-all", req.Header.Get(delivery.SignatureHeader), req.Body, req.At, 5*time.Minute); err == nil {
				t.Error("a wrong secret verified")
			}
		}
		if err := json.Unmarshal(reqs[0].Body, &body); err != nil {
			t.Fatal(err)
		}
		if body.ID != eventID || d.EventID == nil || *d.EventID != eventID {
			t.Errorf("dedup id: body %q, header %q, delivery %v", body.ID, eventID, d.EventID)
		}
	}
	if body.Type != "UPDATE_POSTED" || body.Incident.Title != "Payments declined" || body.Incident.Severity.Level != 2 ||
		body.Incident.LatestUpdate == nil || body.Incident.LatestUpdate.Body != "Card processor returning 502s; failing over." ||
		!strings.HasPrefix(body.Incident.Reference, "INC-") {
		t.Errorf("webhook body: %+v", body)
	}

	// Nothing more arrives for a delivered event: a second update is
	// delivered first time, and the first still has its three requests even
	// after a reconciliation (which re-enqueues what is not delivered) and a
	// canary delivery queued behind whatever it enqueued.
	postUpdate(t, env, inc.ID, "Failover complete.")
	waitForDeliveries(t, env, ep.ID, "DELIVERED", 2)
	if err := worker.ReconcileNow(context.Background()); err != nil {
		t.Fatal(err)
	}
	postUpdate(t, env, inc.ID, "Canary.")
	waitForDeliveries(t, env, ep.ID, "DELIVERED", 3)
	for eventID, reqs := range hook.byEvent() {
		if eventID == *d.EventID && len(reqs) != 3 {
			t.Errorf("the first event was sent %d times after delivery", len(reqs))
		}
	}
	if n := len(hook.received()); n != 5 {
		t.Errorf("%d requests in all, want 3 + 1 + the canary", n)
	}
	if n := deliveryCount(t, env, ep.ID); n != 3 {
		t.Errorf("totalCount %d, want the 3 deliveries", n)
	}
	if got := sev1.received(); len(got) != 0 || len(deliveries(t, env, sev1Only.ID, "")) != 0 {
		t.Errorf("the SEV-1 endpoint heard of a SEV-2: %d requests", len(got))
	}
}

func TestUnreachableReceiverEndsAsAVisibleFailedDelivery(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	env.StartWorker(t)
	port := testenv.FreePort(t)
	down := fmt.Sprintf("http://127.0.0.1:%d/hook", port) // nobody listens
	ep := createEndpoint(t, env, map[string]any{"name": "Down", "kind": "WEBHOOK", "url": down, "eventKinds": []string{"DECLARED"}})

	env.Declare(t, map[string]any{"title": "Disk full", "severityLevel": 3})
	failed := waitForDeliveries(t, env, ep.ID, "FAILED", 1)
	d := failed[0]
	if d.AttemptCount != workers.DeliveryMaxRetry+1 || len(d.Attempts) != d.AttemptCount {
		t.Fatalf("a failed delivery shows every attempt: %d recorded, %d counted, want %d",
			len(d.Attempts), d.AttemptCount, workers.DeliveryMaxRetry+1)
	}
	for _, a := range d.Attempts {
		if a.StatusCode != nil || a.Error == nil || *a.Error == "" {
			t.Errorf("attempt %d: %+v, want a connection error", a.Number, a)
		}
	}
	if d.Incident == nil || d.EventID == nil {
		t.Errorf("a failed delivery still says what it was about: %+v", d)
	}
	if pending := deliveries(t, env, ep.ID, "PENDING"); len(pending) != 0 {
		t.Errorf("still pending: %+v", pending)
	}

	// Had the last attempt not been recorded (PostgreSQL down at that
	// moment), the delivery would still be PENDING with its task archived:
	// the reconciler gives it that last attempt again, which now succeeds.
	l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		t.Fatal(err)
	}
	receiver := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {}))
	receiver.Listener.Close()
	receiver.Listener = l
	receiver.Start()
	defer receiver.Close()
	if _, err := env.DB.NewRaw(`UPDATE deliveries SET status = 'PENDING', failed_at = NULL`).Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
	revived := waitForDeliveries(t, env, ep.ID, "DELIVERED", 1)[0]
	if revived.AttemptCount != workers.DeliveryMaxRetry+2 || revived.Attempts[len(revived.Attempts)-1].StatusCode == nil {
		t.Errorf("revived delivery: %d attempts, last %+v", revived.AttemptCount, revived.Attempts[len(revived.Attempts)-1])
	}
}

func TestTestEndpointSendsASampleNow(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	hook := newReceiver(t)
	ep := createEndpoint(t, env, map[string]any{"name": "Sample", "kind": "WEBHOOK", "url": hook.URL, "secret": "a-secret-of-24-characters"})
	var out struct {
		TestEndpoint struct{ Delivery deliveryJSON }
	}
	env.Query(t, env.AdminKey, `mutation($id: ID!) { testEndpoint(input: {endpointId: $id}) { delivery { `+deliveryFields+` } } }`,
		map[string]any{"id": ep.ID}, &out)
	d := out.TestEndpoint.Delivery
	if d.Status != "DELIVERED" || d.AttemptCount != 1 || *d.Attempts[0].StatusCode != 200 {
		t.Fatalf("test delivery: %+v", d)
	}
	reqs := hook.received()
	if len(reqs) != 1 {
		t.Fatalf("%d requests", len(reqs))
	}
	if err := delivery.Verify("a-secret-of-24-characters", reqs[0].Header.Get(delivery.SignatureHeader), reqs[0].Body, reqs[0].At, time.Minute); err != nil {
		t.Errorf("signature: %v", err)
	}
	if !strings.Contains(string(reqs[0].Body), `"type":"TEST"`) {
		t.Errorf("sample body: %s", reqs[0].Body)
	}

	// Only admins manage endpoints; bad input is refused and nothing is made.
	env.MustFail(t, env.ResponderKey, `mutation($id: ID!) { testEndpoint(input: {endpointId: $id}) { delivery { id } } }`,
		map[string]any{"id": ep.ID}, "FORBIDDEN")
	env.MustFail(t, env.ResponderKey, `{ notificationEndpoints { id } }`, nil, "FORBIDDEN")
	for _, bad := range []struct {
		input map[string]any
		field string
	}{
		{map[string]any{"name": "x", "kind": "WEBHOOK", "url": "ftp://example.com/hook"}, "url"},
		{map[string]any{"name": "", "kind": "WEBHOOK", "url": hook.URL}, "name"},
		{map[string]any{"name": "x", "kind": "WEBHOOK", "url": hook.URL, "secret": "short"}, "secret"},
		{map[string]any{"name": "x", "kind": "WEBHOOK", "url": hook.URL, "minSeverityLevel": 9}, "minSeverityLevel"},
	} {
		e := env.MustFail(t, env.AdminKey, `mutation($in: CreateNotificationEndpointInput!) { createNotificationEndpoint(input: $in) { endpoint { id } } }`,
			map[string]any{"in": bad.input}, "BAD_USER_INPUT")
		if e.Field() != bad.field {
			t.Errorf("%v: field %q, want %q", bad.input, e.Field(), bad.field)
		}
	}
	var list struct{ NotificationEndpoints []struct{ ID string } }
	env.Query(t, env.AdminKey, `{ notificationEndpoints { id } }`, nil, &list)
	if len(list.NotificationEndpoints) != 1 {
		t.Errorf("refused endpoints were created: %+v", list.NotificationEndpoints)
	}
}

func TestRemindersReachEndpoints(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	env.StartWorker(t)
	hook := newReceiver(t)
	ep := createEndpoint(t, env, map[string]any{"name": "Reminders", "kind": "WEBHOOK", "url": hook.URL,
		"eventKinds": []string{"REMINDER_SENT"}})
	inc := env.Declare(t, map[string]any{"title": "Login loop", "severityLevel": 1})
	env.Clock.Advance(31 * time.Minute)
	waitForReminders(t, env, inc.ID, 1)
	d := waitForDeliveries(t, env, ep.ID, "DELIVERED", 1)[0]
	if !strings.Contains(d.Body, `"type":"REMINDER_SENT"`) || !strings.Contains(d.Body, "needs a status update") {
		t.Errorf("reminder delivery: %s", d.Body)
	}
}
