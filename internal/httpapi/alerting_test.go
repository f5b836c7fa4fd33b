package httpapi_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"firebreak/internal/testenv"
)

// alertmanagerPayload is Alertmanager's webhook (version 4) for a group
// whose alerts have these fingerprints and statuses.
func alertmanagerPayload(groupKey string, alerts map[string]string) []byte {
	status := "resolved"
	var list []map[string]any
	for fp, st := range alerts {
		if st == "firing" {
			status = "firing"
		}
		list = append(list, map[string]any{"status": st, "fingerprint": fp,
			"labels":      map[string]string{"alertname": "HighErrorRate", "service": "checkout", "instance": fp},
			"annotations": map[string]string{"summary": "5xx above 5% on " + fp}, "startsAt": "2026-11-30T10:00:00Z",
			"endsAt": "0001-01-01T00:00:00Z", "generatorURL": "http://prometheus.local/graph"})
	}
	body, _ := json.Marshal(map[string]any{"version": "4", "groupKey": groupKey, "truncatedAlerts": 0, "status": status,
		"receiver": "firebreak", "groupLabels": map[string]string{"alertname": "HighErrorRate"},
		"commonLabels": map[string]string{"alertname": "HighErrorRate"}, "commonAnnotations": map[string]string{},
		"externalURL": "http://alertmanager.local", "alerts": list})
	return body
}

type ingestAnswer struct {
	Status               string
	New, Fired, Resolved int
	Error, Field, Code   string
}

func ingest(t *testing.T, env *testenv.Env, path, token string, body []byte) (int, ingestAnswer) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, env.Server.URL+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var a ingestAnswer
	if err := json.Unmarshal(raw, &a); err != nil {
		t.Fatalf("%s answered %d %q", path, res.StatusCode, raw)
	}
	return res.StatusCode, a
}

func createAlertSource(t *testing.T, env *testenv.Env, name, kind string) (id, token, url string) {
	t.Helper()
	var out struct {
		CreateAlertSource struct {
			Source struct{ ID, IngestURL string }
			Token  string
		}
	}
	env.Query(t, env.AdminKey, `mutation($n: String!, $k: AlertSourceKind!) { createAlertSource(input: {name: $n, kind: $k}) { source { id ingestUrl } token } }`,
		map[string]any{"n": name, "k": kind}, &out)
	return out.CreateAlertSource.Source.ID, out.CreateAlertSource.Token, out.CreateAlertSource.Source.IngestURL
}

func countRows(t *testing.T, env *testenv.Env, table string) int {
	t.Helper()
	var n int
	if err := env.DB.NewRaw("SELECT count(*) FROM "+table).Scan(t.Context(), &n); err != nil {
		t.Fatal(err)
	}
	return n
}

// Alertmanager's webhook: only a source's token gets in; a malformed
// payload gets 400 naming the problem and stores nothing; a valid one is
// stored and applied once — a repeat changes nothing, a resolution is one
// change; a revoked token stops at once.
func TestAlertmanagerWebhookIngest(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	env.MustFail(t, env.ResponderKey, `mutation { createAlertSource(input: {name: "x", kind: ALERTMANAGER}) { token } }`, nil, "FORBIDDEN")
	id, token, url := createAlertSource(t, env, "prod Alertmanager", "ALERTMANAGER")
	_, grafana, _ := createAlertSource(t, env, "Grafana", "GRAFANA")
	if !strings.HasSuffix(url, "/ingest/alertmanager") || !strings.HasPrefix(token, "fba_") {
		t.Fatalf("source: %q %q", url, token)
	}
	const path = "/ingest/alertmanager"
	good := alertmanagerPayload("{}:{alertname=\"HighErrorRate\"}", map[string]string{"a1": "firing", "a2": "firing"})

	for _, c := range []struct {
		what, token string
		body        []byte
		status      int
		field       string
	}{
		{"no token", "", good, 401, ""},
		{"an unknown token", "fba_" + strings.Repeat("x", 52), good, 401, ""},
		{"Grafana's token", grafana, good, 403, ""},
		{"not JSON", token, []byte("{"), 400, "body"},
		{"another version", token, bytes.Replace(good, []byte(`"version":"4"`), []byte(`"version":"3"`), 1), 400, "version"},
		{"no fingerprint", token, bytes.Replace(good, []byte(`"fingerprint":"a1"`), []byte(`"fingerprint":""`), 1), 400, ""},
		{"no alerts", token, []byte(`{"version":"4","groupKey":"g","status":"firing","alerts":[]}`), 400, "alerts"},
	} {
		status, answer := ingest(t, env, path, c.token, c.body)
		if status != c.status || answer.Error == "" || (c.field != "" && answer.Field != c.field) {
			t.Errorf("%s: %d %+v, want %d naming %q", c.what, status, answer, c.status, c.field)
		}
	}
	if n := countRows(t, env, "alert_payloads"); n != 0 {
		t.Fatalf("refused payloads stored: %d", n)
	}

	if status, a := ingest(t, env, path, token, good); status != 200 || a.New != 2 {
		t.Fatalf("first notification: %d %+v", status, a)
	}
	if status, a := ingest(t, env, path, token, good); status != 200 || a.New+a.Fired+a.Resolved != 0 {
		t.Fatalf("Alertmanager's repeat: %d %+v", status, a)
	}
	partly := alertmanagerPayload("{}:{alertname=\"HighErrorRate\"}", map[string]string{"a1": "resolved", "a2": "firing"})
	if status, a := ingest(t, env, path, token, partly); status != 200 || a.Resolved != 1 || a.New != 0 {
		t.Fatalf("one resolved: %d %+v", status, a)
	}
	if alerts, groups, payloads := countRows(t, env, "alerts"), countRows(t, env, "alert_groups"), countRows(t, env, "alert_payloads"); alerts != 2 || groups != 1 || payloads != 3 {
		t.Fatalf("stored: %d alerts, %d groups, %d payloads", alerts, groups, payloads)
	}

	env.Query(t, env.AdminKey, `mutation($id: ID!) { revokeAlertSource(input: {alertSourceId: $id}) { source { revokedAt } } }`, map[string]any{"id": id}, nil)
	if status, _ := ingest(t, env, path, token, good); status != 401 {
		t.Fatalf("a revoked token: %d", status)
	}
}
