package loadtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// AlertsConfig describes an alert load: a storm of Groups × AlertsPerGroup
// alerts arriving the way Alertmanager sends them, then Rate webhooks a
// second for Duration.
type AlertsConfig struct {
	URL string
	// Key is an ADMIN API key: the tool creates its own alert source and
	// route.
	Key                    string
	Groups, AlertsPerGroup int
	// Waves is how many notifications per group the storm's alerts arrive
	// in (Alertmanager sends a group's alerts so far every group_interval).
	Waves    int
	Rate     float64
	Duration time.Duration
}

// AlertsReport is what the load measured.
type AlertsReport struct {
	Storm, Steady ingestPhase
	// Through the API afterwards: the run's groups, the incidents they are
	// attached to, and the alerts stored in them.
	Groups, Incidents, Alerts int
}

type ingestPhase struct {
	Requests, Failed int
	FirstFailure     string
	Elapsed          time.Duration
	P50, P95, P99    time.Duration
	Max              time.Duration
}

func (p ingestPhase) String() string {
	s := fmt.Sprintf("%d webhooks in %s (%.0f/s), %d failed; latency p50 %s, p95 %s, p99 %s, max %s",
		p.Requests, p.Elapsed.Round(time.Millisecond), float64(p.Requests)/p.Elapsed.Seconds(), p.Failed,
		p.P50.Round(100*time.Microsecond), p.P95.Round(100*time.Microsecond), p.P99.Round(100*time.Microsecond), p.Max.Round(100*time.Microsecond))
	if p.FirstFailure != "" {
		s += "\n                 first failure: " + p.FirstFailure
	}
	return s
}

func (r AlertsReport) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "storm:           %s\n", r.Storm)
	fmt.Fprintf(&b, "steady:          %s\n", r.Steady)
	fmt.Fprintf(&b, "result:          %d groups, %d incidents declared, %d alerts stored\n", r.Groups, r.Incidents, r.Alerts)
	return b.String()
}

// alertLoad is one run's source, groups and clock.
type alertLoad struct {
	cfg    AlertsConfig
	token  string
	run    string
	client *http.Client
	mu     sync.Mutex
}

// RunAlerts creates an alert source and a route that declares SEV-2
// incidents, sends the storm (every group's notifications of a wave at
// once, each carrying the group's alerts so far, as Alertmanager does),
// then a steady rate of notifications in which one alert of a group
// changes state each time, and counts what the API shows.
func RunAlerts(ctx context.Context, cfg AlertsConfig) (AlertsReport, error) {
	var rep AlertsReport
	api := graphqlClient{url: cfg.URL, key: cfg.Key, http: &http.Client{Timeout: 30 * time.Second}}
	load := &alertLoad{cfg: cfg, run: fmt.Sprintf("%d", time.Now().UnixNano()%1e9),
		client: &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 256}}}
	var created struct {
		CreateAlertSource struct{ Token string }
	}
	if err := api.do(ctx, `mutation($n: String!) { createAlertSource(input: {name: $n, kind: ALERTMANAGER}) { token } }`,
		map[string]any{"n": "bench " + load.run}, &created); err != nil {
		return rep, err
	}
	load.token = created.CreateAlertSource.Token
	if err := api.do(ctx, `mutation($m: String!) { createAlertRoute(input: {matchers: $m, severityLevel: 2}) { route { id } } }`,
		map[string]any{"m": fmt.Sprintf(`run="%s"`, load.run)}, nil); err != nil {
		return rep, err
	}

	// The storm: wave w carries the first (w+1)/Waves of each group's alerts.
	var latencies []time.Duration
	start := time.Now()
	for w := range cfg.Waves {
		have := cfg.AlertsPerGroup * (w + 1) / cfg.Waves
		var wg sync.WaitGroup
		for g := range cfg.Groups {
			wg.Add(1)
			go func() {
				defer wg.Done()
				load.send(ctx, &rep.Storm, &latencies, time.Now(), load.notification(g, have, -1))
			}()
		}
		wg.Wait()
	}
	rep.Storm.Elapsed = time.Since(start)
	rep.Storm.P50, rep.Storm.P95, rep.Storm.P99, rep.Storm.Max = percentiles(latencies)

	// Steady: open loop — each webhook leaves at its scheduled time and its
	// latency counts from then, so a server falling behind shows as
	// latency rather than as a slower sender.
	latencies = nil
	n := int(cfg.Rate * cfg.Duration.Seconds())
	interval := time.Duration(float64(time.Second) / cfg.Rate)
	var wg sync.WaitGroup
	start = time.Now()
	for i := range n {
		at := start.Add(time.Duration(i) * interval)
		time.Sleep(time.Until(at))
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Group i%Groups, with alert (i/Groups)%AlertsPerGroup flipped
			// every other time it comes round: one change per notification.
			g, k := i%cfg.Groups, (i/cfg.Groups)%cfg.AlertsPerGroup
			flip := -1
			if (i/(cfg.Groups*cfg.AlertsPerGroup))%2 == 0 {
				flip = k
			}
			load.send(ctx, &rep.Steady, &latencies, at, load.notification(g, cfg.AlertsPerGroup, flip))
		}()
	}
	wg.Wait()
	rep.Steady.Elapsed = time.Since(start)
	rep.Steady.P50, rep.Steady.P95, rep.Steady.P99, rep.Steady.Max = percentiles(latencies)

	var groups struct {
		AlertGroups struct {
			Nodes []struct {
				SourceName string
				AlertCount int
				Incident   *struct{ ID string }
			}
		}
	}
	if err := api.do(ctx, `{ alertGroups(first: 100) { nodes { sourceName alertCount incident { id } } } }`, nil, &groups); err != nil {
		return rep, err
	}
	incidents := map[string]bool{}
	for _, g := range groups.AlertGroups.Nodes {
		if g.SourceName != "bench "+load.run {
			continue
		}
		rep.Groups++
		rep.Alerts += g.AlertCount
		if g.Incident != nil {
			incidents[g.Incident.ID] = true
		}
	}
	rep.Incidents = len(incidents)
	return rep, nil
}

// notification is Alertmanager's webhook for group g with its first n
// alerts; alert flip (unless -1) is resolved, the rest fire.
func (l *alertLoad) notification(g, n, flip int) []byte {
	alertname := fmt.Sprintf("BenchAlert%d", g)
	alerts := make([]map[string]any, n)
	for i := range n {
		status := "firing"
		if i == flip {
			status = "resolved"
		}
		instance := fmt.Sprintf("host-%03d", i)
		alerts[i] = map[string]any{"status": status, "fingerprint": fmt.Sprintf("%s-%d-%d", l.run, g, i),
			"labels":      map[string]string{"alertname": alertname, "run": l.run, "instance": instance, "severity": "critical"},
			"annotations": map[string]string{"summary": "Error rate above 5% on " + instance}, "startsAt": "2026-12-01T00:00:00Z",
			"endsAt": "0001-01-01T00:00:00Z", "generatorURL": "http://prometheus.local/graph?g0.expr=errors"}
	}
	body, _ := json.Marshal(map[string]any{"version": "4", "groupKey": fmt.Sprintf(`{}:{alertname="%s"}`, alertname), "status": "firing",
		"receiver": "firebreak", "groupLabels": map[string]string{"alertname": alertname}, "commonLabels": map[string]string{"alertname": alertname},
		"commonAnnotations": map[string]string{}, "externalURL": "http://alertmanager.local", "truncatedAlerts": 0, "alerts": alerts})
	return body
}

// send posts one notification and records its latency from at.
func (l *alertLoad) send(ctx context.Context, phase *ingestPhase, latencies *[]time.Duration, at time.Time, body []byte) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, l.cfg.URL+"/ingest/alertmanager", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+l.token)
	req.Header.Set("Content-Type", "application/json")
	res, err := l.client.Do(req)
	failure := ""
	if err != nil {
		failure = err.Error()
	} else {
		raw, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			failure = fmt.Sprintf("%s %s", res.Status, raw)
		}
	}
	took := time.Since(at)
	l.mu.Lock()
	defer l.mu.Unlock()
	phase.Requests++
	*latencies = append(*latencies, took)
	if failure != "" {
		phase.Failed++
		if phase.FirstFailure == "" {
			phase.FirstFailure = failure
		}
	}
}
