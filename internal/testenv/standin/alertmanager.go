package standin

import (
	"bytes"
	"encoding/json"
	"firebreak/internal/testenv"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Alertmanager is a real Prometheus Alertmanager (Debian's
// prometheus-alertmanager, which `make test` installs) of the test's own:
// its own port, storage and configuration, clustering off.
type Alertmanager struct {
	URL string
	cmd *exec.Cmd
}

// AlertmanagerTiming is how quickly it groups and repeats; tests use
// sub-second values where production uses minutes.
type AlertmanagerTiming struct {
	GroupWait, GroupInterval, RepeatInterval time.Duration
}

// Webhook is one webhook_config of the receiver: Alertmanager posts each
// notification to every one of them at once. With PagerDuty it is a
// pagerduty_configs entry instead, configured the PagerDuty way: the
// token as routing_key and no Authorization header.
type Webhook struct {
	URL, Token string
	PagerDuty  bool
}

func alertmanagerBinary(t testing.TB) string {
	for _, name := range []string{"prometheus-alertmanager", "alertmanager"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	t.Fatal("Prometheus Alertmanager is not installed: run the tests with `make test`, which installs Debian's prometheus-alertmanager")
	return ""
}

// StartAlertmanager runs Alertmanager with one route grouping by
// alertname to a receiver with these webhooks (send_resolved, bearer
// tokens); it stops (by its pid) with the test.
func StartAlertmanager(t testing.TB, timing AlertmanagerTiming, hooks ...Webhook) *Alertmanager {
	t.Helper()
	dir := t.TempDir()
	var webhooks, pagerduty strings.Builder
	for _, h := range hooks {
		if h.PagerDuty {
			fmt.Fprintf(&pagerduty, "      - url: %q\n        routing_key: %q\n        send_resolved: true\n", h.URL, h.Token)
			continue
		}
		fmt.Fprintf(&webhooks, "      - url: %q\n        send_resolved: true\n        http_config:\n          authorization:\n            type: Bearer\n            credentials: %q\n", h.URL, h.Token)
	}
	receivers := ""
	if webhooks.Len() > 0 {
		receivers += "    webhook_configs:\n" + webhooks.String()
	}
	if pagerduty.Len() > 0 {
		receivers += "    pagerduty_configs:\n" + pagerduty.String()
	}
	config := fmt.Sprintf(`route:
  receiver: firebreak
  group_by: [alertname]
  group_wait: %s
  group_interval: %s
  repeat_interval: %s
receivers:
  - name: firebreak
%s`, promDuration(timing.GroupWait), promDuration(timing.GroupInterval), promDuration(timing.RepeatInterval), receivers)
	configFile := filepath.Join(dir, "alertmanager.yml")
	if err := os.WriteFile(configFile, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	port := testenv.FreePort(t)
	am := &Alertmanager{URL: "http://127.0.0.1:" + strconv.Itoa(port)}
	am.cmd = exec.Command(alertmanagerBinary(t), "--config.file="+configFile, "--storage.path="+filepath.Join(dir, "data"),
		"--web.listen-address=127.0.0.1:"+strconv.Itoa(port), "--cluster.listen-address=", "--log.level=warn")
	var log bytes.Buffer // read after Wait, so no lock
	am.cmd.Stderr = &log
	if err := am.cmd.Start(); err != nil {
		t.Fatalf("alertmanager: %v", err)
	}
	t.Cleanup(func() {
		_ = am.cmd.Process.Kill()
		_ = am.cmd.Wait()
		if t.Failed() && log.Len() > 0 {
			t.Logf("alertmanager's warnings:\n%s", log.String())
		}
	})
	testenv.WaitForHTTP(t, am.URL+"/-/ready")
	return am
}

func promDuration(d time.Duration) string { return strconv.FormatInt(d.Milliseconds(), 10) + "ms" }

// PostedAlert is an alert as Prometheus posts it to Alertmanager's API.
type PostedAlert struct {
	Labels      map[string]string `json:"labels"`
	Annotations map[string]string `json:"annotations,omitempty"`
	StartsAt    time.Time         `json:"startsAt,omitzero"`
	EndsAt      time.Time         `json:"endsAt,omitzero"`
}

// Post sends alerts to Alertmanager's API (POST /api/v2/alerts), as
// Prometheus does on every evaluation; an alert with endsAt in the past
// is resolved.
func (am *Alertmanager) Post(t testing.TB, alerts ...PostedAlert) {
	t.Helper()
	body, _ := json.Marshal(alerts)
	res, err := http.Post(am.URL+"/api/v2/alerts", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("Alertmanager refused the alerts: %s", res.Status)
	}
}
