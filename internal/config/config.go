// Package config reads Firebreak's settings from the environment (12-factor).
// The README's configuration table documents every variable read here.
package config

import (
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"firebreak/internal/alerting"
	"firebreak/internal/chat"
	"firebreak/internal/signin"
	"firebreak/internal/statuspage"
	"firebreak/internal/subscribers"
	"firebreak/models"
)

// Config is every setting of a Firebreak process.
type Config struct {
	DatabaseURL string
	RedisURL    string
	// DatabaseReadURL is a read replica for response metrics (optional).
	DatabaseReadURL string
	Addr            string
	LogLevel        slog.Level
	DBMaxConns      int
	ComplexityLimit int
	// QueryTokens, QueryDepth and QuerySelections bound a GraphQL document
	// before it is validated (docs/operations.md).
	QueryTokens     int
	QueryDepth      int
	QuerySelections int
	QuerySameName   int
	// SocketsPerKey and OperationsPerSocket bound websockets.
	SocketsPerKey       int
	OperationsPerSocket int
	Introspection       bool
	// AllowedOrigins lists the browser origins (host patterns, or
	// scheme://host patterns) whose pages may call the API (CORS) and open
	// websockets; empty: the API's own origin only.
	AllowedOrigins []string
	// EventsChannel is the Redis pub/sub channel for live events.
	EventsChannel string
	// PprofAddr, when set, serves Go's profiler there (keep it on loopback).
	PprofAddr string
	// WorkerConcurrency is how many tasks a worker runs at once.
	WorkerConcurrency int
	// ReconcileEvery is how often workers re-derive due work from PostgreSQL.
	ReconcileEvery time.Duration
	// AlertStorm bounds the incidents one alert source declares through
	// one route (FIREBREAK_ALERT_STORM_LIMIT, _WINDOW).
	AlertStorm alerting.Storm
	// AlertRateLimit is each alert source's request budget
	// (FIREBREAK_ALERT_RATE_LIMIT; Rate 0: unlimited).
	AlertRateLimit struct {
		Rate   int
		Period time.Duration
	}
	// AlertPayloadRetention is how long alert notifications are kept as
	// received.
	AlertPayloadRetention time.Duration
	// PublicURL is where users reach Firebreak; links in Slack and webhook
	// messages start with it.
	PublicURL string
	// AllowPrivateWebhooks lets notification endpoints point at private and
	// loopback addresses (off by default: server-side request forgery).
	AllowPrivateWebhooks bool
	// RateLimit is each API key's request budget: Rate requests per Period
	// (Rate 0: unlimited).
	RateLimit struct {
		Rate   int
		Period time.Duration
	}
	// DrainDelay is how long, on SIGTERM, /readyz reports unready before the
	// server stops accepting connections (load balancers need a moment to
	// notice).
	DrainDelay time.Duration
	// SessionSecret signs admin browser sessions; every API replica needs
	// the same one (empty: random per process).
	SessionSecret string
	// MetricsAddr, when set, serves the API's /metrics there instead of on
	// the API's own address.
	MetricsAddr string
	// ReadTimeout, WriteTimeout and RequestTimeout bound slow clients and
	// long requests (zero: httpapi's defaults).
	ReadTimeout, WriteTimeout, RequestTimeout time.Duration
	// SignIn, when FIREBREAK_OIDC_ISSUER is set, accepts OpenID Connect
	// tokens from that identity provider besides API keys.
	SignIn *signin.Config
	// Chat is the Slack bot (FIREBREAK_SLACK_*; off without a bot token).
	Chat chat.Config
	// StatusPage is the public status page (FIREBREAK_STATUS_*);
	// Subscriptions its e-mail subscribers (FIREBREAK_SMTP_*).
	StatusPage    statuspage.Config
	Subscriptions subscribers.Config
	// WorkerMetricsAddr is where `firebreak worker` serves /metrics (the API
	// serves them on its own address).
	WorkerMetricsAddr string
}

// Load reads the environment. Missing required settings are errors.
func Load() (Config, error) {
	c := Config{
		DatabaseURL:       os.Getenv("DATABASE_URL"),
		RedisURL:          os.Getenv("REDIS_URL"),
		DatabaseReadURL:   os.Getenv("FIREBREAK_DATABASE_READ_URL"),
		Addr:              getenv("FIREBREAK_ADDR", ":8080"),
		AllowedOrigins:    splitList(os.Getenv("FIREBREAK_ALLOWED_ORIGINS")),
		EventsChannel:     getenv("FIREBREAK_EVENTS_CHANNEL", "firebreak:events"),
		PprofAddr:         os.Getenv("FIREBREAK_PPROF_ADDR"),
		PublicURL:         getenv("FIREBREAK_PUBLIC_URL", "http://localhost:8080"),
		SessionSecret:     os.Getenv("FIREBREAK_SESSION_SECRET"),
		MetricsAddr:       os.Getenv("FIREBREAK_METRICS_ADDR"),
		WorkerMetricsAddr: getenv("FIREBREAK_WORKER_METRICS_ADDR", ":9091"),
	}
	var err error
	if c.DBMaxConns, err = intEnv("FIREBREAK_DB_MAX_CONNS", 20); err != nil {
		return c, err
	}
	if c.ComplexityLimit, err = intEnv("FIREBREAK_COMPLEXITY_LIMIT", 10000); err != nil {
		return c, err
	}
	if c.QueryTokens, err = intEnv("FIREBREAK_QUERY_MAX_TOKENS", 10000); err != nil {
		return c, err
	}
	if c.QueryDepth, err = intEnv("FIREBREAK_QUERY_MAX_DEPTH", 15); err != nil {
		return c, err
	}
	if c.QuerySelections, err = intEnv("FIREBREAK_QUERY_MAX_SELECTIONS", 1000); err != nil {
		return c, err
	}
	if c.QuerySameName, err = intEnv("FIREBREAK_QUERY_MAX_SAME_NAME", 50); err != nil {
		return c, err
	}
	if c.SocketsPerKey, err = intEnv("FIREBREAK_WS_MAX_PER_KEY", 20); err != nil {
		return c, err
	}
	if c.OperationsPerSocket, err = intEnv("FIREBREAK_WS_MAX_OPERATIONS", 50); err != nil {
		return c, err
	}
	if c.Introspection, err = boolEnv("FIREBREAK_INTROSPECTION", true); err != nil {
		return c, err
	}
	if c.WorkerConcurrency, err = intEnv("FIREBREAK_WORKER_CONCURRENCY", 20); err != nil {
		return c, err
	}
	if c.AllowPrivateWebhooks, err = boolEnv("FIREBREAK_ALLOW_PRIVATE_WEBHOOKS", false); err != nil {
		return c, err
	}
	if c.RateLimit.Rate, c.RateLimit.Period, err = rateEnv("FIREBREAK_RATE_LIMIT", "1200/m"); err != nil {
		return c, err
	}
	if c.DrainDelay, err = durationEnv("FIREBREAK_DRAIN_DELAY", 5*time.Second); err != nil {
		return c, err
	}
	if c.ReadTimeout, err = durationEnv("FIREBREAK_READ_TIMEOUT", 0); err != nil {
		return c, err
	}
	if c.WriteTimeout, err = durationEnv("FIREBREAK_WRITE_TIMEOUT", 0); err != nil {
		return c, err
	}
	if c.RequestTimeout, err = durationEnv("FIREBREAK_REQUEST_TIMEOUT", 0); err != nil {
		return c, err
	}
	if c.ReconcileEvery, err = durationEnv("FIREBREAK_RECONCILE_INTERVAL", 15*time.Second); err != nil {
		return c, err
	}
	if c.AlertPayloadRetention, err = durationEnv("FIREBREAK_ALERT_PAYLOAD_RETENTION", alerting.DefaultPayloadRetention); err != nil {
		return c, err
	}
	if c.AlertRateLimit.Rate, c.AlertRateLimit.Period, err = rateEnv("FIREBREAK_ALERT_RATE_LIMIT", "12000/m"); err != nil {
		return c, err
	}
	if c.AlertStorm.Limit, err = intEnv("FIREBREAK_ALERT_STORM_LIMIT", alerting.DefaultStorm.Limit); err != nil {
		return c, err
	}
	if c.AlertStorm.Window, err = durationEnv("FIREBREAK_ALERT_STORM_WINDOW", alerting.DefaultStorm.Window); err != nil {
		return c, err
	}
	if c.SignIn, err = signInEnv(); err != nil {
		return c, err
	}
	c.Chat = chat.Config{
		BotToken:        os.Getenv("FIREBREAK_SLACK_BOT_TOKEN"),
		SigningSecret:   os.Getenv("FIREBREAK_SLACK_SIGNING_SECRET"),
		AnnounceChannel: os.Getenv("FIREBREAK_SLACK_ANNOUNCE_CHANNEL"),
		APIURL:          os.Getenv("FIREBREAK_SLACK_API_URL"),
		UnknownRole:     models.UserRole(strings.ToUpper(os.Getenv("FIREBREAK_SLACK_UNKNOWN_ROLE"))),
		PinReaction:     strings.Trim(os.Getenv("FIREBREAK_SLACK_PIN_REACTION"), ":"),
	}
	if err := c.Chat.Validate(); err != nil {
		return c, err
	}
	c.StatusPage.Name = getenv("FIREBREAK_STATUS_PAGE_NAME", "Status")
	c.StatusPage.Host = strings.ToLower(strings.TrimSpace(os.Getenv("FIREBREAK_STATUS_HOST")))
	c.Subscriptions = subscribers.Config{SMTPURL: os.Getenv("FIREBREAK_SMTP_URL"), From: getenv("FIREBREAK_SMTP_FROM", "Status <status@localhost>")}
	switch v := os.Getenv("FIREBREAK_STATUS_RATE_LIMIT"); v {
	case "":
	case "off":
		c.StatusPage.Limit = statuspage.Limit{Rate: -1}
	default:
		n, perSecond, err := rateEnv("FIREBREAK_STATUS_RATE_LIMIT", v)
		if err != nil {
			return c, err
		}
		c.StatusPage.Limit = statuspage.Limit{Rate: float64(n) / perSecond.Seconds(), Burst: max(1, 3*n*int(time.Second)/int(perSecond))}
	}
	if v := os.Getenv("FIREBREAK_STATUS_COMPONENT_STATUS"); v != "" {
		if c.StatusPage.SeverityStatus, err = statuspage.ParseSeverityStatus(v); err != nil {
			return c, fmt.Errorf("FIREBREAK_STATUS_COMPONENT_STATUS: %w", err)
		}
	}
	if err := c.LogLevel.UnmarshalText([]byte(getenv("FIREBREAK_LOG_LEVEL", "info"))); err != nil {
		return c, fmt.Errorf("FIREBREAK_LOG_LEVEL: %w", err)
	}
	return c, nil
}

// RequireDatabase checks that DATABASE_URL is set.
func (c Config) RequireDatabase() error {
	if c.DatabaseURL == "" {
		return fmt.Errorf("DATABASE_URL is not set (e.g. postgres://user:pass@localhost:5432/firebreak?sslmode=disable)")
	}
	return nil
}

// RequireRedis checks that REDIS_URL is set.
func (c Config) RequireRedis() error {
	if c.RedisURL == "" {
		return fmt.Errorf("REDIS_URL is not set (e.g. redis://localhost:6379/0)")
	}
	return nil
}

func getenv(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func intEnv(name string, def int) (int, error) {
	v := os.Getenv(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("%s: %q is not a number", name, v)
	}
	return n, nil
}

func durationEnv(name string, def time.Duration) (time.Duration, error) {
	v := os.Getenv(name)
	if v == "" {
		return def, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("%s: %q is not a duration such as 15s", name, v)
	}
	return d, nil
}

// rateEnv reads "N/s", "N/m" or "N/h" ("0" or "off": unlimited).
func rateEnv(name, def string) (int, time.Duration, error) {
	v := getenv(name, def)
	if v == "0" || v == "off" {
		return 0, 0, nil
	}
	n, unit, ok := strings.Cut(v, "/")
	rate, err := strconv.Atoi(n)
	periods := map[string]time.Duration{"s": time.Second, "m": time.Minute, "h": time.Hour}
	if !ok || err != nil || rate <= 0 || periods[unit] == 0 {
		return 0, 0, fmt.Errorf("%s: %q is not a rate such as 1200/m, 20/s or off", name, v)
	}
	return rate, periods[unit], nil
}

func boolEnv(name string, def bool) (bool, error) {
	v := os.Getenv(name)
	if v == "" {
		return def, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("%s: %q is not true or false", name, v)
	}
	return b, nil
}

func splitList(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func firstOf(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[0]
}

// signInEnv reads FIREBREAK_OIDC_*; nil without an issuer.
func signInEnv() (*signin.Config, error) {
	issuer := os.Getenv("FIREBREAK_OIDC_ISSUER")
	if issuer == "" {
		return nil, nil
	}
	roles, err := signin.ParseRoles(os.Getenv("FIREBREAK_OIDC_ROLES"))
	if err != nil {
		return nil, fmt.Errorf("FIREBREAK_OIDC_ROLES: %w", err)
	}
	trust, err := boolEnv("FIREBREAK_OIDC_TRUST_UNVERIFIED_EMAIL", false)
	if err != nil {
		return nil, err
	}
	holdOff, err := durationEnv("FIREBREAK_OIDC_KEYS_HOLD_OFF", 10*time.Second)
	if err != nil {
		return nil, err
	}
	c := &signin.Config{
		Issuer:               issuer,
		Audiences:            splitList(os.Getenv("FIREBREAK_OIDC_AUDIENCE")),
		DefaultRole:          models.UserRole(strings.ToUpper(getenv("FIREBREAK_OIDC_DEFAULT_ROLE", string(models.RoleViewer)))),
		RoleClaim:            getenv("FIREBREAK_OIDC_ROLE_CLAIM", "groups"),
		Roles:                roles,
		TrustUnverifiedEmail: trust,
		KeysHoldOff:          holdOff,
		ClientSecret:         os.Getenv("FIREBREAK_OIDC_CLIENT_SECRET"),
		RedirectURL:          os.Getenv("FIREBREAK_OIDC_REDIRECT_URL"),
		Scopes:               strings.Fields(strings.ReplaceAll(os.Getenv("FIREBREAK_OIDC_SCOPES"), ",", " ")),
	}
	c.ClientID = getenv("FIREBREAK_OIDC_CLIENT_ID", firstOf(c.Audiences))
	return c, c.Validate()
}
