package smoke_test

import (
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"firebreak/internal/subscribers"
	"firebreak/internal/testenv"
	"firebreak/internal/testenv/standin"
)

// The subscribe form takes only addresses mail can be sent to (no quoted
// local parts such as "a b"@example.com, which parse and then no server
// takes; no IP literals, which would mail any machine), storing nothing
// for the others; it answers a known and a new address alike, in words
// and in time; and a mail the server refuses for good is given up on at
// once and shown to admins, not retried forever.
func TestStatusSubscribersCannotBeAbused(t *testing.T) {
	t.Parallel()
	smtp := standin.StartSMTP(t)
	smtp.RefuseRecipientsAt("gone.test")
	env := testenv.NewWithOptions(t, testenv.Options{Subscriptions: subscribers.Config{SMTPURL: smtp.URL, From: "Acme status <status@acme.test>"}})
	env.StartWorker(t)
	createComponent(t, env, map[string]any{"name": "Checkout", "public": true, "slug": "checkout"})

	// The form's budget is five a minute per client address: the refused
	// ones come from a loopback address of their own.
	fromElsewhere := &http.Client{Transport: &http.Transport{DialContext: (&net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 2)}}).DialContext}}
	for _, bad := range []string{`"a b"@example.com`, "ops@[127.0.0.1]", "ops@127.0.0.1", "ops@localhost", "a..b@example.com"} {
		res, err := fromElsewhere.PostForm(env.Server.URL+"/status/subscribe", url.Values{"email": {bad}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if status := res.StatusCode; status != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", bad, status)
		}
	}
	if n := countRows(t, env, "status_subscribers"); n != 0 {
		t.Fatalf("refused addresses stored %d subscribers", n)
	}

	answer := func(email string) (string, time.Duration) {
		t.Helper()
		start := time.Now()
		status, body := formPost(t, env.Server.URL+"/status/subscribe", url.Values{"email": {email}})
		if status != http.StatusOK {
			t.Fatalf("subscribing %s: %d %s", email, status, body)
		}
		return body, time.Since(start)
	}
	newBody, newTook := answer("dana@customer.test")
	knownBody, knownTook := answer("dana@customer.test")
	if newBody != knownBody {
		t.Fatalf("a known address is told apart from a new one:\n%s\n%s", newBody, knownBody)
	}
	if newTook < 50*time.Millisecond || knownTook < 50*time.Millisecond {
		t.Fatalf("answers took %s and %s: under the form's floor, their timing shows the work done", newTook, knownTook)
	}

	answer("someone@gone.test")
	var out struct {
		StatusSubscribers []struct {
			Email         string
			FailedMails   int
			LastMailError *string
		}
	}
	waitFor(t, "the refused confirmation given up on", func() bool {
		env.Query(t, env.AdminKey, `{ statusSubscribers { email failedMails lastMailError } }`, nil, &out)
		for _, s := range out.StatusSubscribers {
			if s.Email == "someone@gone.test" && s.FailedMails == 1 {
				return true
			}
		}
		return false
	})
	var attempts int
	if err := env.DB.NewRaw("SELECT attempts FROM subscriber_messages m JOIN status_subscribers s ON s.id = m.subscriber_id WHERE s.email = 'someone@gone.test'").Scan(t.Context(), &attempts); err != nil {
		t.Fatal(err)
	}
	for _, s := range out.StatusSubscribers {
		if s.Email == "someone@gone.test" && (s.LastMailError == nil || !strings.Contains(*s.LastMailError, "550")) {
			t.Errorf("the reason shown to admins: %v", s.LastMailError)
		}
	}
	if attempts != 1 {
		t.Fatalf("a permanent refusal was tried %d times", attempts)
	}
	env.MustFail(t, env.ViewerKey, `{ statusSubscribers { email } }`, nil, "FORBIDDEN")
}
