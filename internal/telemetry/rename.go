package telemetry

import (
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
)

// renamed passes a collector's metrics on, those named in renames under
// their new descriptions. asynq's queue collector exports two gauges whose
// names end in _total, which Prometheus keeps for counters (promtool check
// metrics refuses them, and rate() over them would be wrong).
type renamed struct {
	inner   prometheus.Collector
	renames map[string]*prometheus.Desc
}

// asynqRenames are asynq's two gauges named like counters.
var asynqRenames = map[string]*prometheus.Desc{
	"asynq_tasks_enqueued_total": prometheus.NewDesc("asynq_tasks", "Tasks in a queue, by queue and state (asynq's asynq_tasks_enqueued_total, renamed: it is a gauge).", []string{"queue", "state"}, nil),
	"asynq_queue_paused_total":   prometheus.NewDesc("asynq_queue_paused", "1 while a queue is paused (asynq's asynq_queue_paused_total, renamed: it is a gauge).", []string{"queue"}, nil),
}

func (r renamed) Describe(ch chan<- *prometheus.Desc) { prometheus.DescribeByCollect(r, ch) }

func (r renamed) Collect(ch chan<- prometheus.Metric) {
	in := make(chan prometheus.Metric)
	go func() {
		r.inner.Collect(in)
		close(in)
	}()
	for m := range in {
		desc, ok := r.renames[fqName(m.Desc())]
		if !ok {
			ch <- m
			continue
		}
		var sample dto.Metric
		if err := m.Write(&sample); err != nil || sample.Gauge == nil {
			continue
		}
		// The new descriptions list their labels in name order, as the
		// written sample does.
		values := make([]string, len(sample.Label))
		for i, l := range sample.Label {
			values[i] = l.GetValue()
		}
		if renamedMetric, err := prometheus.NewConstMetric(desc, prometheus.GaugeValue, sample.Gauge.GetValue(), values...); err == nil {
			ch <- renamedMetric
		}
	}
}

// fqName reads a description's name from its String form (Desc has no
// accessor): `Desc{fqName: "name", …`.
func fqName(d *prometheus.Desc) string {
	s := d.String()
	start := strings.Index(s, `fqName: "`)
	if start < 0 {
		return ""
	}
	s = s[start+len(`fqName: "`):]
	end := strings.IndexByte(s, '"')
	if end < 0 {
		return ""
	}
	return s[:end]
}
