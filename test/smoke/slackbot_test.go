package smoke_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"firebreak/internal/chat"
	"firebreak/internal/testenv"
	"firebreak/internal/testenv/standin"
	"firebreak/models"
	"firebreak/workers"
)

// The Slack bot against a stand-in of Slack's Web API driven by the real
// slack-go client, with requests to Firebreak signed exactly as Slack
// signs them.

const (
	slackSecret   = "8f742231b10e8888abcd99yyyzzz85a5"
	announce      = "CANNOUNCE"
	slackWait     = 30 * time.Second
	responderSlID = "URESPONDER"
	viewerSlID    = "UVIEWER"
)

func newSlackEnv(t *testing.T) (*testenv.Env, *standin.SlackStandIn) {
	t.Helper()
	return newSlackEnvWithOptions(t, testenv.Options{})
}

// newSlackEnvWithOptions is newSlackEnv with other settings besides.
func newSlackEnvWithOptions(t *testing.T, opts testenv.Options) (*testenv.Env, *standin.SlackStandIn) {
	t.Helper()
	slack := standin.StartSlack(t)
	opts.Chat = chat.Config{BotToken: "xoxb-test", SigningSecret: slackSecret, AnnounceChannel: announce, APIURL: slack.URL, UnknownRole: opts.Chat.UnknownRole}
	env := testenv.NewWithOptions(t, opts)
	env.StartWorker(t)
	slack.AddUser(standin.SlackUser{ID: responderSlID, Email: "responder@test.example", Name: "Test responder"})
	slack.AddUser(standin.SlackUser{ID: viewerSlID, Email: "viewer@test.example", Name: "Test viewer"})
	return env, slack
}

// slackPost sends body to one of Firebreak's Slack endpoints as Slack does,
// signed at the given time.
func slackPost(t *testing.T, env *testenv.Env, path, contentType string, body []byte, at time.Time, secret string) (int, string) {
	t.Helper()
	return slackPostWith(t, env, path, contentType, body, at, secret, func(*http.Request) {})
}

// slackPostWith is slackPost with the signed request changed by edit
// before it is sent (an attacker's copy of a captured request).
func slackPostWith(t *testing.T, env *testenv.Env, path, contentType string, body []byte, at time.Time, secret string, edit func(*http.Request)) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, env.Server.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	standin.SignSlackRequest(req, secret, body, at)
	edit(req)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(out)
}

// slashCommandBody is /incident <text> as Slack posts it.
func slashCommandBody(user, channel, text string) []byte {
	return []byte(url.Values{
		"token": {"legacy"}, "team_id": {"T1"}, "team_domain": {"acme"}, "channel_id": {channel}, "channel_name": {"x"},
		"user_id": {user}, "user_name": {"someone"}, "command": {"/incident"}, "text": {text},
		"response_url": {"https://hooks.slack.com/commands/T1/1/x"}, "trigger_id": {"13345224609.738474920.8088930838d88f008e0"},
		"api_app_id": {"A1"},
	}.Encode())
}

// slashCommand runs /incident <text> and returns the ephemeral answer.
func slashCommand(t *testing.T, env *testenv.Env, user, channel, text string) string {
	t.Helper()
	status, body := slackPost(t, env, "/slack/commands", "application/x-www-form-urlencoded", slashCommandBody(user, channel, text), time.Now(), slackSecret)
	if status != http.StatusOK {
		t.Fatalf("/incident %s: %d %s", text, status, body)
	}
	if body == "" {
		return ""
	}
	var answer struct {
		ResponseType string `json:"response_type"`
		Text         string
	}
	if err := json.Unmarshal([]byte(body), &answer); err != nil || answer.ResponseType != "ephemeral" {
		t.Fatalf("/incident %s answered %q, not privately", text, body)
	}
	return answer.Text
}

func interaction(t *testing.T, env *testenv.Env, payload map[string]any) (int, string) {
	t.Helper()
	raw, err := json.Marshal(payload)
	if err != nil {
		t.Fatal(err)
	}
	return slackPost(t, env, "/slack/interactions", "application/x-www-form-urlencoded", []byte(url.Values{"payload": {string(raw)}}.Encode()), time.Now(), slackSecret)
}

func calledWith(calls []standin.SlackCall, method, param, contains string) []standin.SlackCall {
	var out []standin.SlackCall
	for _, c := range calls {
		if c.Method == method && c.Status == http.StatusOK && strings.Contains(c.Params[param], contains) {
			out = append(out, c)
		}
	}
	return out
}

// headlinesPosted waits for the incident's headline in its channel and in
// the announcements channel, and returns the response channel's id.
func headlinesPosted(t *testing.T, slack *standin.SlackStandIn, title string) string {
	t.Helper()
	calls := slack.WaitFor(t, slackWait, "the headline in two channels", func(calls []standin.SlackCall) bool {
		return len(calledWith(calls, "chat.postMessage", "blocks", title)) >= 2
	})
	for _, c := range calledWith(calls, "chat.postMessage", "blocks", title) {
		if c.Params["channel"] != announce {
			return c.Params["channel"]
		}
	}
	t.Fatalf("the headline was posted only in the announcements channel: %v", calls)
	return ""
}

// /incident declare opens the form; submitting it declares the incident,
// and the bot creates its channel, sets the topic, invites the declarer and
// posts the headline there and in the announcements channel.
func TestSlackDeclareFromChat(t *testing.T) {
	t.Parallel()
	env, slack := newSlackEnv(t)
	if answer := slashCommand(t, env, responderSlID, "CGENERAL", "declare"); answer != "" {
		t.Fatalf("declare answered %q instead of opening the form", answer)
	}
	opened := calledWith(slack.Calls(), "views.open", "view", chat.CallbackDeclare)
	if len(opened) != 1 || !strings.Contains(opened[0].Params["view"], "SEV-1") {
		t.Fatalf("declare form: %v", slack.Calls())
	}
	status, body := interaction(t, env, map[string]any{
		"type": "view_submission", "user": map[string]any{"id": responderSlID},
		"view": map[string]any{"id": "V1", "hash": "h1", "callback_id": chat.CallbackDeclare, "private_metadata": "CGENERAL",
			"state": map[string]any{"values": map[string]any{
				"title":    map[string]any{"value": map[string]any{"type": "plain_text_input", "value": "Checkout is down"}},
				"severity": map[string]any{"value": map[string]any{"type": "static_select", "selected_option": map[string]any{"value": "2"}}},
			}}},
	})
	if status != http.StatusOK || body != "" {
		t.Fatalf("submitting the form: %d %q", status, body)
	}
	var list struct {
		Incidents struct {
			Nodes []struct {
				Title, Handle string
				CreatedBy     struct{ Name string }
			}
		}
	}
	env.Query(t, env.ViewerKey, `{ incidents(first: 5) { nodes { title handle createdBy { name } } } }`, nil, &list)
	if len(list.Incidents.Nodes) != 1 || list.Incidents.Nodes[0].CreatedBy.Name != "Test responder" {
		t.Fatalf("declared from Slack: %+v", list.Incidents.Nodes)
	}
	inc := list.Incidents.Nodes[0]
	channel := headlinesPosted(t, slack, "Checkout is down")
	calls := slack.Calls()
	if created := calledWith(calls, "conversations.create", "name", inc.Handle+"-incident"); len(created) != 1 || created[0].Params["is_private"] == "true" {
		t.Fatalf("channel: %v", calls)
	}
	if len(calledWith(calls, "conversations.invite", "users", responderSlID)) != 1 {
		t.Fatalf("the declarer was not invited: %v", calls)
	}
	if len(calledWith(calls, "conversations.setTopic", "topic", "SEV-2")) != 1 {
		t.Fatalf("topic: %v", calls)
	}
	var got struct {
		Incident struct {
			ChatChannel struct{ ID, Name, URL string }
		}
	}
	env.Query(t, env.ViewerKey, `query($h: String) { incident(handle: $h) { chatChannel { id name url } } }`, map[string]any{"h": inc.Handle}, &got)
	if got.Incident.ChatChannel.ID != channel || got.Incident.ChatChannel.Name != inc.Handle+"-incident" || got.Incident.ChatChannel.URL == "" {
		t.Fatalf("chatChannel: %+v (channel %s)", got.Incident.ChatChannel, channel)
	}
}

var stepOf = regexp.MustCompile(`step (\d)`)

// Five changes in quick succession, through the API and through chat: the
// headline in both channels ends showing the newest, and was never edited
// back to an older one.
func TestSlackHeadlineEndsAtTheNewestState(t *testing.T) {
	t.Parallel()
	env, slack := newSlackEnv(t)
	inc := env.Declare(t, map[string]any{"title": "Payments slow", "severityLevel": 2})
	channel := headlinesPosted(t, slack, "Payments slow")
	for i := 1; i <= 5; i++ {
		body := fmt.Sprintf("step %d of the fix", i)
		if i%2 == 0 {
			if answer := slashCommand(t, env, responderSlID, channel, "update "+body); answer != "Update posted." {
				t.Fatalf("/incident update: %q", answer)
			}
			continue
		}
		env.Query(t, env.ResponderKey, `mutation($id: ID!, $b: String!) { postIncidentUpdate(input: {incidentId: $id, body: $b}) { update { id } } }`,
			map[string]any{"id": inc.ID, "b": body}, nil)
	}
	calls := slack.WaitFor(t, slackWait, "both headlines showing step 5", func(calls []standin.SlackCall) bool {
		seen := map[string]bool{}
		for _, c := range calledWith(calls, "chat.update", "blocks", "step 5") {
			seen[c.Params["channel"]] = true
		}
		return seen[channel] && seen[announce]
	})
	for _, ch := range []string{channel, announce} {
		last := 0
		for _, c := range calls {
			if c.Method != "chat.update" || c.Status != http.StatusOK || c.Params["channel"] != ch {
				continue
			}
			m := stepOf.FindStringSubmatch(c.Params["blocks"])
			if m == nil {
				continue
			}
			n, _ := strconv.Atoi(m[1])
			if n < last {
				t.Fatalf("the headline in %s went back from step %d to step %d", ch, last, n)
			}
			last = n
		}
	}
}

// Requests Slack did not sign, signed too long ago, or replayed are
// refused, and change nothing.
func TestSlackRequestsMustBeSignedBySlack(t *testing.T) {
	t.Parallel()
	env, slack := newSlackEnv(t)
	inc := env.Declare(t, map[string]any{"title": "Search broken", "severityLevel": 3})
	channel := headlinesPosted(t, slack, "Search broken")
	note := slashCommandBody(responderSlID, channel, "note replay me")
	form := "application/x-www-form-urlencoded"
	if status, _ := slackPost(t, env, "/slack/commands", form, note, time.Now(), "not-the-secret"); status != http.StatusUnauthorized {
		t.Errorf("a bad signature: %d", status)
	}
	if status, _ := slackPost(t, env, "/slack/commands", form, note, time.Now().Add(-6*time.Minute), slackSecret); status != http.StatusUnauthorized {
		t.Errorf("a stale timestamp: %d", status)
	}
	at := time.Now()
	if status, body := slackPost(t, env, "/slack/commands", form, note, at, slackSecret); status != http.StatusOK || !strings.Contains(body, "Note added") {
		t.Fatalf("the genuine request: %d %s", status, body)
	}
	if status, _ := slackPost(t, env, "/slack/commands", form, note, at, slackSecret); status != http.StatusUnauthorized {
		t.Errorf("a replay: %d", status)
	}
	// The same captured request with its signature spelled in upper-case
	// hex still verifies (hex is hex); it is still the same request.
	shouted := func(r *http.Request) {
		r.Header.Set("X-Slack-Signature", "v0="+strings.ToUpper(strings.TrimPrefix(r.Header.Get("X-Slack-Signature"), "v0=")))
	}
	if status, body := slackPostWith(t, env, "/slack/commands", form, note, at, slackSecret, shouted); status != http.StatusUnauthorized {
		t.Errorf("a replay with the signature in upper case: %d %s", status, body)
	}
	var timeline struct {
		Incident struct {
			Timeline struct {
				Nodes []struct{ Kind, Message string }
			}
		}
	}
	env.Query(t, env.ViewerKey, `query($id: ID) { incident(id: $id) { timeline(first: 50) { nodes { kind message } } } }`, map[string]any{"id": inc.ID}, &timeline)
	notes := 0
	for _, e := range timeline.Incident.Timeline.Nodes {
		if e.Kind == "NOTE" && strings.Contains(e.Message, "replay me") {
			notes++
		}
	}
	if notes != 1 {
		t.Fatalf("%d notes from one genuine request, one replay and two forgeries", notes)
	}
	if status, body := slackPost(t, env, "/slack/events", "application/json", []byte(`{"type":"url_verification","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}`), time.Now(), slackSecret); status != http.StatusOK || body != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" {
		t.Fatalf("url_verification: %d %q", status, body)
	}
}

// A VIEWER's /incident resolve gets the API's own refusal, privately, and
// the incident stays open.
func TestSlackViewerCannotResolve(t *testing.T) {
	t.Parallel()
	env, slack := newSlackEnv(t)
	inc := env.Declare(t, map[string]any{"title": "Login loops", "severityLevel": 2})
	channel := headlinesPosted(t, slack, "Login loops")
	api := env.MustFail(t, env.ViewerKey, `mutation($id: ID!) { resolveIncident(input: {incidentId: $id}) { incident { status } } }`, map[string]any{"id": inc.ID}, "FORBIDDEN")
	if answer := slashCommand(t, env, viewerSlID, channel, "resolve"); answer != api.Message {
		t.Fatalf("the viewer's /incident resolve answered %q; the API says %q", answer, api.Message)
	}
	if got := env.GetIncident(t, env.ViewerKey, inc.ID); got.Status != "INVESTIGATING" {
		t.Fatalf("the incident is %s after a viewer's resolve", got.Status)
	}
}

// A message people pin with the reaction becomes a timeline note with its
// author's name (never a raw Slack id) and the time it was written.
func TestSlackPinnedMessageBecomesANote(t *testing.T) {
	t.Parallel()
	env, slack := newSlackEnv(t)
	inc := env.Declare(t, map[string]any{"title": "Uploads fail", "severityLevel": 3})
	channel := headlinesPosted(t, slack, "Uploads fail")
	ts := slack.AddMessage(channel, viewerSlID, "Rolled back deploy 42, cc <@"+responderSlID+">")
	pin := func(at time.Time) {
		event := map[string]any{"type": "event_callback", "team_id": "T1", "event_id": "Ev1", "event": map[string]any{
			"type": "reaction_added", "user": responderSlID, "reaction": "pushpin",
			"item": map[string]any{"type": "message", "channel": channel, "ts": ts}, "item_user": viewerSlID, "event_ts": ts}}
		raw, _ := json.Marshal(event)
		if status, body := slackPost(t, env, "/slack/events", "application/json", raw, at, slackSecret); status != http.StatusOK {
			t.Fatalf("reaction event: %d %s", status, body)
		}
	}
	pin(time.Now())
	pin(time.Now().Add(time.Second)) // Slack's retry of the event adds nothing
	var timeline struct {
		Incident struct {
			Timeline struct {
				Nodes []struct {
					Kind, Message string
					OccurredAt    time.Time
					Actor         struct{ Name string }
				}
			}
		}
	}
	env.Query(t, env.ViewerKey, `query($id: ID) { incident(id: $id) { timeline(first: 50) { nodes { kind message occurredAt actor { name } } } } }`, map[string]any{"id": inc.ID}, &timeline)
	var notes []string
	for _, e := range timeline.Incident.Timeline.Nodes {
		if e.Kind != "NOTE" {
			continue
		}
		notes = append(notes, e.Message)
		sec, _ := strconv.ParseInt(strings.Split(ts, ".")[0], 10, 64)
		if e.OccurredAt.Unix() != sec {
			t.Errorf("note at %s, message written at %s", e.OccurredAt, time.Unix(sec, 0))
		}
	}
	want := "Test viewer in Slack: Rolled back deploy 42, cc @Test responder"
	if len(notes) != 1 || notes[0] != want {
		t.Fatalf("notes %q, want one %q", notes, want)
	}
}

// Slack answering 429 (Retry-After) and then 200: the edit lands once.
func TestSlackRateLimitedEditLandsOnce(t *testing.T) {
	t.Parallel()
	env, slack := newSlackEnv(t)
	inc := env.Declare(t, map[string]any{"title": "Emails delayed", "severityLevel": 3})
	headlinesPosted(t, slack, "Emails delayed")
	slack.RateLimit("chat.update", 1)
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { postIncidentUpdate(input: {incidentId: $id, body: "queue drained", status: MONITORING}) { update { id } } }`,
		map[string]any{"id": inc.ID}, nil)
	calls := slack.WaitFor(t, slackWait, "the edit after the 429", func(calls []standin.SlackCall) bool {
		return len(calledWith(calls, "chat.update", "blocks", "queue drained")) >= 2
	})
	limited, landed := 0, map[string]int{}
	for _, c := range calls {
		if c.Method == "chat.update" && c.Status == http.StatusTooManyRequests {
			limited++
		}
	}
	for _, c := range calledWith(calls, "chat.update", "blocks", "queue drained") {
		landed[c.Params["channel"]]++
	}
	if limited != 1 || len(landed) != 2 {
		t.Fatalf("429s %d, edits per channel %v", limited, landed)
	}
	for ch, n := range landed {
		if n != 1 {
			t.Fatalf("the edit landed %d times in %s", n, ch)
		}
	}
}

// Slack unreachable while the incident moves on: nothing is lost, and once
// Slack answers again the headline shows the newest state.
func TestSlackOutageCatchesUp(t *testing.T) {
	t.Parallel()
	env, slack := newSlackEnv(t)
	inc := env.Declare(t, map[string]any{"title": "Reports blank", "severityLevel": 2})
	channel := headlinesPosted(t, slack, "Reports blank")
	slack.SetDown(true)
	for _, body := range []string{"found the bad query", "deploying the fix", "fix is live"} {
		env.Query(t, env.ResponderKey, `mutation($id: ID!, $b: String!) { postIncidentUpdate(input: {incidentId: $id, body: $b}) { update { id } } }`,
			map[string]any{"id": inc.ID, "b": body}, nil)
	}
	// Long enough for a sync to use up its retries (9 attempts) and be run
	// again by the reconciler: what minutes of outage come to.
	slack.WaitFor(t, 2*slackWait, "retries against the unreachable Slack", func(calls []standin.SlackCall) bool {
		failed := 0
		for _, c := range calls {
			if c.Status == 0 {
				failed++
			}
		}
		return failed >= 3*(workers.ChatSyncMaxRetry+1)+3
	})
	slack.SetDown(false)
	slack.WaitFor(t, slackWait, "the headlines catching up", func(calls []standin.SlackCall) bool {
		seen := map[string]bool{}
		for _, c := range calledWith(calls, "chat.update", "blocks", "fix is live") {
			seen[c.Params["channel"]] = true
		}
		return seen[channel] && seen[announce]
	})
}

// A private incident's channel is private and its headline never reaches
// the announcements channel; its due-update reminder is posted in its
// channel, mentioning the commander.
func TestSlackPrivateIncidentStaysInItsChannel(t *testing.T) {
	t.Parallel()
	env, slack := newSlackEnv(t)
	inc := env.Declare(t, map[string]any{"title": "Leaked credentials", "severityLevel": 1, "visibility": "PRIVATE"})
	calls := slack.WaitFor(t, slackWait, "the private headline", func(calls []standin.SlackCall) bool {
		return len(calledWith(calls, "chat.postMessage", "blocks", "Leaked credentials")) >= 1
	})
	channel := calledWith(calls, "chat.postMessage", "blocks", "Leaked credentials")[0].Params["channel"]
	if created := calledWith(calls, "conversations.create", "is_private", "true"); len(created) != 1 {
		t.Fatalf("the private incident's channel: %v", calls)
	}
	env.Clock.Advance(31 * time.Minute) // SEV-1 wants an update every 30 minutes
	calls = slack.WaitFor(t, slackWait, "the reminder in the channel", func(calls []standin.SlackCall) bool {
		return len(calledWith(calls, "chat.postMessage", "blocks", "is due a status update")) >= 1
	})
	reminder := calledWith(calls, "chat.postMessage", "blocks", "is due a status update")[0]
	if reminder.Params["channel"] != channel || !strings.Contains(reminder.Params["blocks"], "@"+responderSlID) {
		t.Fatalf("reminder %v, want it in %s mentioning the commander", reminder.Params, channel)
	}
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { postIncidentUpdate(input: {incidentId: $id, body: "keys rotated"}) { update { id } } }`, map[string]any{"id": inc.ID}, nil)
	calls = slack.WaitFor(t, slackWait, "the private headline's edit", func(calls []standin.SlackCall) bool {
		return len(calledWith(calls, "chat.update", "blocks", "keys rotated")) >= 1
	})
	for _, c := range calls {
		if c.Params["channel"] == announce || strings.Contains(c.Params["blocks"], "Leaked") && c.Params["channel"] != channel {
			t.Fatalf("the private incident reached another channel: %s %v", c.Method, c.Params)
		}
	}
}

// The headline's buttons: Post update opens a form whose submission posts
// the update; Resolve resolves, and the headline loses its buttons.
func TestSlackHeadlineButtons(t *testing.T) {
	t.Parallel()
	env, slack := newSlackEnv(t)
	inc := env.Declare(t, map[string]any{"title": "Maps missing", "severityLevel": 3})
	channel := headlinesPosted(t, slack, "Maps missing")
	incidentID := databaseID(t, inc.ID)
	click := func(action string) {
		t.Helper()
		status, body := interaction(t, env, map[string]any{
			"type": "block_actions", "user": map[string]any{"id": responderSlID}, "trigger_id": "1.2.3",
			"channel": map[string]any{"id": channel}, "actions": []map[string]any{{"type": "button", "block_id": "firebreak_actions", "action_id": action, "value": incidentID, "action_ts": "1733000000.000100"}},
		})
		if status != http.StatusOK {
			t.Fatalf("%s: %d %s", action, status, body)
		}
	}
	click("firebreak_post_update")
	if len(calledWith(slack.Calls(), "views.open", "view", "firebreak_update")) != 1 {
		t.Fatalf("Post update opened no form: %v", slack.Calls())
	}
	status, body := interaction(t, env, map[string]any{
		"type": "view_submission", "user": map[string]any{"id": responderSlID},
		"view": map[string]any{"id": "V2", "hash": "h2", "callback_id": "firebreak_update", "private_metadata": incidentID,
			"state": map[string]any{"values": map[string]any{"body": map[string]any{"value": map[string]any{"type": "plain_text_input", "value": "tiles cached again"}}}}},
	})
	if status != http.StatusOK || body != "" {
		t.Fatalf("submitting the update: %d %q", status, body)
	}
	if got := env.GetIncident(t, env.ViewerKey, inc.ID); got.LatestUpdate == nil || got.LatestUpdate.Body != "tiles cached again" || got.LatestUpdate.Author.Name != "Test responder" {
		t.Fatalf("latest update after the form: %+v", got.LatestUpdate)
	}
	click("firebreak_resolve")
	if got := env.GetIncident(t, env.ViewerKey, inc.ID); got.Status != "RESOLVED" {
		t.Fatalf("after Resolve the incident is %s", got.Status)
	}
	slack.WaitFor(t, slackWait, "the resolved headline without buttons", func(calls []standin.SlackCall) bool {
		for _, c := range calledWith(calls, "chat.update", "blocks", "Resolved") {
			if c.Params["channel"] == channel && !strings.Contains(c.Params["blocks"], "firebreak_resolve") {
				return true
			}
		}
		return false
	})
}

// databaseID is the number behind a global id (what the bot's buttons
// carry).
func databaseID(t *testing.T, globalID string) string {
	t.Helper()
	_, id, ok := models.ParseGlobalID(globalID)
	if !ok {
		t.Fatalf("not a global id: %q", globalID)
	}
	return strconv.FormatInt(id, 10)
}

// slackEvent posts an Events API callback carrying event.
func slackEvent(t *testing.T, env *testenv.Env, eventID string, event map[string]any) {
	t.Helper()
	slackEventAt(t, env, eventID, event, time.Now())
}

// slackEventAt is slackEvent signed at a given time (a retry is signed anew).
func slackEventAt(t *testing.T, env *testenv.Env, eventID string, event map[string]any, at time.Time) {
	t.Helper()
	raw, err := json.Marshal(map[string]any{"type": "event_callback", "team_id": "T1", "event_id": eventID, "event": event})
	if err != nil {
		t.Fatal(err)
	}
	if status, body := slackPost(t, env, "/slack/events", "application/json", raw, at, slackSecret); status != http.StatusOK {
		t.Fatalf("event %s: %d %s", eventID, status, body)
	}
}

func notesOf(t *testing.T, env *testenv.Env, incidentID string) []string {
	t.Helper()
	var timeline struct {
		Incident struct {
			Timeline struct {
				Nodes []struct{ Kind, Message string }
			}
		}
	}
	env.Query(t, env.ViewerKey, `query($id: ID) { incident(id: $id) { timeline(first: 50) { nodes { kind message } } } }`, map[string]any{"id": incidentID}, &timeline)
	var notes []string
	for _, e := range timeline.Incident.Timeline.Nodes {
		if e.Kind == "NOTE" {
			notes = append(notes, e.Message)
		}
	}
	return notes
}

// A pinned message edited in Slack: the note keeps what was said and a
// revision follows it; deleted: it is withdrawn. Another person pinning
// it, the "Add to timeline" shortcut on it, or Slack retrying an event add
// nothing.
func TestSlackPinnedMessageEditedAndDeleted(t *testing.T) {
	t.Parallel()
	env, slack := newSlackEnv(t)
	slack.AddUser(standin.SlackUser{ID: "UADMIN", Email: "admin@test.example", Name: "Test admin"})
	inc := env.Declare(t, map[string]any{"title": "Invoices wrong", "severityLevel": 3})
	channel := headlinesPosted(t, slack, "Invoices wrong")
	ts := slack.AddMessage(channel, responderSlID, "Tax table was stale")
	slackEvent(t, env, "Ev1", map[string]any{"type": "reaction_added", "user": responderSlID, "reaction": "pushpin",
		"item": map[string]any{"type": "message", "channel": channel, "ts": ts}, "event_ts": ts})
	slackEvent(t, env, "Ev2", map[string]any{"type": "reaction_added", "user": "UADMIN", "reaction": "pushpin",
		"item": map[string]any{"type": "message", "channel": channel, "ts": ts}, "event_ts": ts})
	if status, body := interaction(t, env, map[string]any{"type": "message_action", "callback_id": "firebreak_add_to_timeline",
		"user": map[string]any{"id": "UADMIN"}, "channel": map[string]any{"id": channel}, "trigger_id": "1.2",
		"message": map[string]any{"type": "message", "ts": ts, "user": responderSlID, "text": "Tax table was stale"}}); status != http.StatusOK {
		t.Fatalf("shortcut: %d %s", status, body)
	}
	edit := map[string]any{"type": "message", "subtype": "message_changed", "channel": channel, "event_ts": "1733000001.000200",
		"message": map[string]any{"type": "message", "ts": ts, "user": responderSlID, "text": "Tax table for NL was stale",
			"edited": map[string]any{"user": responderSlID, "ts": "1733000001.000000"}}}
	slackEvent(t, env, "Ev3", edit)
	slackEventAt(t, env, "Ev3", edit, time.Now().Add(time.Second)) // Slack's retry
	slackEvent(t, env, "Ev4", map[string]any{"type": "message", "subtype": "message_deleted", "channel": channel,
		"deleted_ts": ts, "event_ts": "1733000002.000300"})
	want := []string{
		"Test responder in Slack: Tax table was stale",
		"Test responder edited the pinned Slack message above; it now reads: Tax table for NL was stale",
		"The pinned Slack message above was deleted: it is withdrawn.",
	}
	if got := notesOf(t, env, inc.ID); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("notes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Someone Firebreak does not know (no person with their Slack email) is
// refused, in words that say why; nothing changes.
func TestSlackStrangerIsRefused(t *testing.T) {
	t.Parallel()
	env, slack := newSlackEnv(t)
	slack.AddUser(standin.SlackUser{ID: "USTRANGER", Email: "stranger@elsewhere.example", Name: "Some Stranger"})
	inc := env.Declare(t, map[string]any{"title": "Cart empties", "severityLevel": 3})
	channel := headlinesPosted(t, slack, "Cart empties")
	if answer := slashCommand(t, env, "USTRANGER", channel, "update all fine"); !strings.Contains(answer, "no Firebreak person has the email stranger@elsewhere.example") {
		t.Fatalf("a stranger's /incident update: %q", answer)
	}
	if got := env.GetIncident(t, env.ViewerKey, inc.ID); got.LatestUpdate != nil {
		t.Fatalf("a stranger posted %+v", got.LatestUpdate)
	}
}

// Many incidents at once (an outage is rarely alone): more syncs than the
// worker has connections all finish — a sync holding a connection for its
// lock never waits on the pool for good.
func TestSlackManyIncidentsAtOnce(t *testing.T) {
	t.Parallel()
	env, slack := newSlackEnv(t)
	const incidents = 16 // the test worker has 8 connections and runs 8 tasks at once
	for i := range incidents {
		env.Declare(t, map[string]any{"title": fmt.Sprintf("Region %02d down", i), "severityLevel": 2})
	}
	slack.WaitFor(t, slackWait, "every incident's two headlines", func(calls []standin.SlackCall) bool {
		return len(calledWith(calls, "chat.postMessage", "blocks", "Region ")) >= 2*incidents
	})
}

// The guard behind "never older": a headline Slack already shows at a
// newer version than the record's rendering is left alone — what a sync
// running late finds when another one went first.
func TestSlackHeadlineIsNeverReplacedByAnOlderVersion(t *testing.T) {
	t.Parallel()
	env, slack := newSlackEnv(t)
	inc := env.Declare(t, map[string]any{"title": "Queue backlog", "severityLevel": 3})
	headlinesPosted(t, slack, "Queue backlog")
	id := databaseID(t, inc.ID)
	// Slack shows "version 1000" (as if a newer sync had run) in both
	// channels, once both headlines are recorded.
	waitFor(t, "both headlines recorded", func() bool {
		res, err := env.DB.NewRaw("UPDATE chat_headlines SET version = 1000 WHERE incident_id = ?", id).Exec(t.Context())
		if err != nil {
			return false
		}
		n, _ := res.RowsAffected()
		return n == 2
	})
	var before int64
	if err := env.DB.NewRaw("SELECT wanted FROM chat_channels WHERE incident_id = ?", id).Scan(t.Context(), &before); err != nil {
		t.Fatal(err)
	}
	env.Query(t, env.ResponderKey, `mutation($id: ID!) { postIncidentUpdate(input: {incidentId: $id, body: "draining slowly"}) { update { id } } }`, map[string]any{"id": inc.ID}, nil)
	waitFor(t, "the sync of the update", func() bool {
		var wanted, synced int64
		err := env.DB.NewRaw("SELECT wanted, synced FROM chat_channels WHERE incident_id = ?", id).Scan(t.Context(), &wanted, &synced)
		return err == nil && wanted > before && synced >= wanted
	})
	if edits := calledWith(slack.Calls(), "chat.update", "blocks", "draining slowly"); len(edits) != 0 {
		t.Fatalf("an older rendering replaced a newer headline: %v", edits)
	}
}

// With FIREBREAK_SLACK_UNKNOWN_ROLE a Slack member no Firebreak person
// matches becomes one, with that role, the first time they act — once,
// however often they act — and can sign in later as the same person.
func TestSlackMembersNoOneKnowsBecomePeople(t *testing.T) {
	t.Parallel()
	env, slack := newSlackEnvWithOptions(t, testenv.Options{Chat: chat.Config{UnknownRole: models.RoleResponder}})
	slack.AddUser(standin.SlackUser{ID: "U0NEW", Email: "New.Hire@test.example", Name: "New Hire"})
	env.Declare(t, map[string]any{"title": "Queue backlog", "severityLevel": 3})
	channel := headlinesPosted(t, slack, "Queue backlog")
	for i := range 2 {
		if answer := slashCommand(t, env, "U0NEW", channel, fmt.Sprintf("note looking at consumer %d", i)); !strings.Contains(answer, "Note added") {
			t.Fatalf("the new member's note: %q", answer)
		}
	}
	var out struct {
		Users struct {
			Nodes []struct{ Name, Email, Role string }
		}
	}
	env.Query(t, env.AdminKey, `{ users(filter: {query: "new.hire"}) { nodes { name email role } } }`, nil, &out)
	if len(out.Users.Nodes) != 1 || out.Users.Nodes[0].Role != "RESPONDER" || out.Users.Nodes[0].Name != "New Hire" {
		t.Fatalf("the Slack member as a person: %+v", out.Users.Nodes)
	}
}

// Admins can read the bot's settings (never its token or secret); others
// cannot; without a bot they say it is off.
func TestSlackSettingsAreVisibleToAdmins(t *testing.T) {
	t.Parallel()
	env, _ := newSlackEnv(t)
	var out struct {
		SlackSettings struct {
			Enabled         bool
			AnnounceChannel *string
			UnknownRole     *string
		}
	}
	res := env.Post(t, env.AdminKey, `{ slackSettings { enabled announceChannel unknownRole pinReaction } }`, nil)
	if strings.Contains(res.Raw, "xoxb") || strings.Contains(res.Raw, slackSecret) {
		t.Fatalf("the settings show a secret: %s", res.Raw)
	}
	env.Query(t, env.AdminKey, `{ slackSettings { enabled announceChannel unknownRole } }`, nil, &out)
	if !out.SlackSettings.Enabled || out.SlackSettings.AnnounceChannel == nil || *out.SlackSettings.AnnounceChannel != announce {
		t.Errorf("settings: %+v", out.SlackSettings)
	}
	env.MustFail(t, env.ResponderKey, `{ slackSettings { enabled } }`, nil, "FORBIDDEN")
	off := testenv.New(t)
	off.Query(t, off.AdminKey, `{ slackSettings { enabled announceChannel } }`, nil, &out)
	if out.SlackSettings.Enabled || out.SlackSettings.AnnounceChannel != nil {
		t.Errorf("without a bot: %+v", out.SlackSettings)
	}
}
