package main

import (
	"errors"
	"log/slog"
	"net/http"
	"time"

	"firebreak/internal/telemetry"
)

// serveMetrics serves /metrics on an address of its own (the worker's, or
// the API's FIREBREAK_METRICS_ADDR) until the returned stop is called.
func serveMetrics(addr string, tel *telemetry.Telemetry) (stop func()) {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", tel.Handler())
	srv := &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second}
	go func() {
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			slog.Error("metrics server stopped", "addr", addr, "error", err)
		}
	}()
	return func() { _ = srv.Close() }
}
