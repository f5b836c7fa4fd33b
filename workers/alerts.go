package workers

import (
	"context"
	"log/slog"

	"firebreak/internal/alerting"
)

// WithAlerting lets the reconciler prune alert notifications older than
// the retention (alerting.DefaultPayloadRetention when zero).
func (w *Worker) WithAlerting(a *alerting.Service) *Worker {
	w.alerts = a
	return w
}

// announceAlertLeftovers runs with each reconcile: alert changes whose
// incident work never happened reach their incidents' timelines.
func (w *Worker) announceAlertLeftovers(ctx context.Context) error {
	if w.alerts == nil {
		return nil
	}
	n, err := w.alerts.AnnounceLeftovers(ctx)
	if n > 0 {
		slog.Info("reconciler announced alert changes their incidents had missed", "groups", n)
	}
	if err != nil { // tried again at the next reconcile; the rest goes on
		slog.Warn("reconciler could not announce some alert changes", "error", err.Error())
	}
	return nil
}

// pruneAlertPayloads runs with each reconcile.
func (w *Worker) pruneAlertPayloads(ctx context.Context) error {
	if w.alerts == nil {
		return nil
	}
	retention := w.cfg.AlertPayloadRetention
	if retention <= 0 {
		retention = alerting.DefaultPayloadRetention
	}
	n, err := w.alerts.PrunePayloads(ctx, w.now().Add(-retention))
	if n > 0 {
		slog.Info("reconciler pruned alert notifications past their retention", "deleted", n, "retention", retention.String())
	}
	return err
}
