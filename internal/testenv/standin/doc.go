// Package standin runs faithful local stand-ins of the services a test
// cannot run for real here — Slack's Web API, an OpenID Connect provider,
// an SMTP server — and the real Prometheus Alertmanager, each driven the
// way Firebreak and its users drive the real one.
package standin
