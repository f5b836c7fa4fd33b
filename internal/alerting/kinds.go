package alerting

import "net/http"

// kind is one alert source kind: who sends it, where it posts, the
// webhook versions it speaks and the handler that takes it. The kinds are
// one table (as miniflux's reader/parser keeps its formats): adding a
// sender is a row here.
type kind struct {
	sender string
	// paths are where it posts; the first is the documented one.
	paths []string
	// versions are the Alertmanager-format webhook versions it sends
	// (none for events).
	versions []string
	// events: PagerDuty-style events, not Alertmanager-format webhooks.
	events bool
}

var kinds = map[Kind]kind{
	KindAlertmanager: {sender: "Alertmanager", paths: []string{"/ingest/alertmanager"}, versions: []string{"4"}},
	// Grafana's webhook contact point sends "1" (grafana/alerting
	// receivers/webhook); its Alertmanager-compatible mode "4".
	KindGrafana: {sender: "Grafana", paths: []string{"/ingest/grafana"}, versions: []string{"1", "4"}},
	// go-pagerduty posts to <its events endpoint>/v2/enqueue.
	KindGeneric: {sender: "the events API", paths: []string{"/ingest/events", "/ingest/events/v2/enqueue"},
		events: true},
}

// IsValid reports whether k is a kind of source.
func (k Kind) IsValid() bool { _, ok := kinds[k]; return ok }

// sender names who posts this kind, for error messages.
func (k Kind) sender() string { return kinds[k].sender }

// Path is where a source of this kind posts.
func (k Kind) Path() string { return kinds[k].paths[0] }

// Mount puts every kind's ingest paths on mux, each through edge (the
// API's deadlines for edge bodies and requests).
func (s *Service) Mount(mux *http.ServeMux, edge func(http.Handler) http.Handler) {
	for k, spec := range kinds {
		h := s.Webhooks(k)
		if spec.events {
			h = s.Events()
		}
		h = edge(h)
		for _, path := range spec.paths {
			mux.Handle("POST "+path, h)
		}
	}
}
