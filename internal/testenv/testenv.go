// Package testenv gives each test its own PostgreSQL database (cloned from a
// migrated template), its own Redis database and a real HTTP server running
// the API, so tests run in parallel against real services and leave nothing
// behind. It needs DATABASE_URL and REDIS_URL, which `make test` provides.
// Beside the world are the clients and helpers tests share (Declare,
// Browser, the graphql-ws client, Eventually); stand-ins of outside
// services are in testenv/standin, fault clusters in testenv/faults.
package testenv

import (
	"cmp"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"
	"github.com/uptrace/bun"

	"firebreak/graph"
	"firebreak/internal/alerting"
	"firebreak/internal/app"
	"firebreak/internal/auth"
	"firebreak/internal/chat"
	"firebreak/internal/config"
	"firebreak/internal/database"
	"firebreak/internal/events"
	"firebreak/internal/httpapi"
	"firebreak/internal/redisconn"
	"firebreak/internal/signin"
	"firebreak/internal/statuspage"
	"firebreak/internal/subscribers"
	"firebreak/internal/telemetry"
	"firebreak/migrations"
	"firebreak/models"
)

// Env is one test's private world.
type Env struct {
	DB          *bun.DB
	DatabaseURL string
	Redis       redis.UniversalClient
	RedisURL    string
	// RedisTarget is what RedisURL names, for asynq parts that connect on
	// their own.
	RedisTarget *redisconn.Target
	Server      *httptest.Server
	// AdminKey, ResponderKey and ViewerKey authenticate as fresh users of
	// each role.
	AdminKey, ResponderKey, ViewerKey string
	// Hub and Channel carry this test's live events (pub/sub channels are
	// shared by all Redis databases, so each test has its own).
	Hub     *events.Hub
	Channel string
	// Clock is the time the API and the test's workers read.
	Clock *Clock
	// Telemetry is the metrics registry the API (at /metrics) and the test's
	// workers share.
	Telemetry *telemetry.Telemetry
	// Sockets are the API's open websockets (a test cuts them).
	Sockets *graph.Sockets

	queries *queryCounter
	// opts are the settings the test asked for, for every part it starts.
	opts Options
}

// Options change how the API is built for a test.
type Options struct {
	ComplexityLimit int
	// DatabaseURL runs the API on an existing database (kept afterwards),
	// e.g. a seeded one for benchmarks, instead of a fresh one.
	DatabaseURL string
	// ReadDatabaseURL is a read replica for response metrics
	// (FIREBREAK_DATABASE_READ_URL).
	ReadDatabaseURL string
	// RedisURL uses this Redis (e.g. one the test stops and starts) instead
	// of a database of the shared one.
	RedisURL string
	// RateLimit is each API key's budget; zero (the default) is unlimited.
	RateLimit redis_rate.Limit
	// AlertRateLimit is each alert source's budget; zero: unlimited.
	AlertRateLimit redis_rate.Limit
	// Timeouts replace the API's defaults for slow clients.
	Timeouts httpapi.Timeouts
	// SocketLimits replace the websocket defaults.
	SocketLimits graph.SocketLimits
	// AllowedOrigins are the browser origins allowed besides the API's own
	// (FIREBREAK_ALLOWED_ORIGINS).
	AllowedOrigins []string
	// StrictWebhooks refuses endpoints on private and loopback addresses, as
	// production does (tests otherwise point endpoints at local receivers).
	StrictWebhooks bool
	// MetricsElsewhere leaves /metrics off the API's address.
	MetricsElsewhere bool
	// NoIntrospection switches schema introspection off, as
	// FIREBREAK_INTROSPECTION=false does.
	NoIntrospection bool
	// SignIn accepts OpenID Connect tokens (FIREBREAK_OIDC_*).
	SignIn *signin.Config
	// Chat turns the Slack bot on (FIREBREAK_SLACK_*), for the API and the
	// test's workers.
	Chat chat.Config
	// Subscriptions turns the status page's e-mail subscriptions on.
	Subscriptions subscribers.Config
	// AlertStorm bounds the incidents one alert source declares through
	// one route (zero: the default).
	AlertStorm alerting.Storm
	// StatusHost gives the status page a host name of its own
	// (FIREBREAK_STATUS_HOST).
	StatusHost string
	// ListenURL is the database URL the caches' change listener uses
	// (default: the API's): a test that cuts the API off PostgreSQL keeps
	// keys cached, so requests get past authentication to the handler.
	ListenURL string
	// Addr, when set, is the loopback address the API listens on (a
	// callback registered with a provider before the test starts).
	Addr string
	// PublicURL, when set, starts the links in messages (default
	// Links.BaseURL): "http://" + Addr for a test whose browser follows them.
	PublicURL string
	// DBPool is the API's connection pool size (default 10); a pool of one
	// shows that no work holds a connection while waiting for another.
	DBPool int
}

// New creates the environment and registers its cleanup.
func New(t testing.TB) *Env { return NewWithOptions(t, Options{}) }

// NewWithOptions is New with non-default API settings.
func NewWithOptions(t testing.TB, opts Options) *Env {
	t.Helper()
	ctx := context.Background()
	env := &Env{Clock: new(Clock), Telemetry: telemetry.New(), Sockets: new(graph.Sockets), opts: opts}
	env.DatabaseURL = opts.DatabaseURL
	if env.DatabaseURL == "" {
		env.DatabaseURL = NewDatabase(t)
	}
	pool := opts.DBPool
	if pool == 0 {
		pool = 10
	}
	db, err := database.Open(env.DatabaseURL, pool)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	env.queries = &queryCounter{}
	db.AddQueryHook(env.queries)
	env.DB = db
	if opts.RedisURL != "" {
		env.Redis, env.RedisURL = nil, opts.RedisURL
	} else {
		env.Redis, env.RedisURL = NewRedis(t)
	}
	if env.RedisTarget, err = redisconn.Parse(env.RedisURL); err != nil {
		t.Fatal(err)
	}
	if env.Redis == nil {
		env.Redis = env.RedisTarget.Client()
		t.Cleanup(func() { env.Redis.Close() })
	}

	env.startLive(t)
	var readDB *bun.DB
	if opts.ReadDatabaseURL != "" {
		if readDB, err = database.Open(opts.ReadDatabaseURL, 4); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { readDB.Close() })
	}
	appOpts := env.appOptions()
	appOpts.ReadDB = readDB
	services := app.NewServices(db, appOpts)
	listenForChanges(t, services, cmp.Or(opts.ListenURL, env.DatabaseURL))
	env.Server = newServer(t, opts.Addr, httpapi.New(services, httpapi.Deps{
		Redis: env.Redis, Queues: env.RedisTarget, Hub: env.Hub, Limits: graph.QueryLimits{Cost: opts.ComplexityLimit}, Introspection: !opts.NoIntrospection,
		Telemetry: env.Telemetry,
		RateLimit: opts.RateLimit, AlertRateLimit: opts.AlertRateLimit, Timeouts: opts.Timeouts, MetricsElsewhere: opts.MetricsElsewhere,
		SocketLimits: opts.SocketLimits, AllowedOrigins: opts.AllowedOrigins, Sockets: env.Sockets,
	}))
	opts.Timeouts.Apply(env.Server.Config)
	env.Server.Start()
	t.Cleanup(env.Server.Close)

	keys := auth.NewService(db)
	for _, k := range []struct {
		dst  *string
		role models.UserRole
	}{{&env.AdminKey, models.RoleAdmin}, {&env.ResponderKey, models.RoleResponder}, {&env.ViewerKey, models.RoleViewer}} {
		name := strings.ToLower(string(k.role))
		*k.dst, _, err = keys.CreateKey(ctx, auth.CreateKeyParams{
			Name: "Test " + name, Email: name + "@test.example", Role: k.role,
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return env
}

// newServer is httptest.NewUnstartedServer, listening on addr when set.
func newServer(t testing.TB, addr string, h http.Handler) *httptest.Server {
	if addr == "" {
		return httptest.NewUnstartedServer(h)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	return &httptest.Server{Listener: ln, Config: &http.Server{Handler: h}}
}

// appOptions are the services' settings for this test's processes, built
// from a configuration as serve and worker build theirs.
func (e *Env) appOptions() app.Options {
	o := app.OptionsFrom(config.Config{PublicURL: cmp.Or(e.opts.PublicURL, Links.BaseURL), AllowPrivateWebhooks: !e.opts.StrictWebhooks,
		SignIn: e.opts.SignIn, Chat: e.opts.Chat, Subscriptions: e.opts.Subscriptions,
		StatusPage: statuspage.Config{Host: e.opts.StatusHost}, AlertStorm: e.opts.AlertStorm})
	o.Clock = e.Clock.Now
	return o
}

// Replica starts another API process's handler over this test's database
// and Redis — its own pool, services and caches — as a second replica
// behind a load balancer would be.
func (e *Env) Replica(t testing.TB) *httptest.Server {
	t.Helper()
	db, err := database.Open(e.DatabaseURL, 4)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	services := app.NewServices(db, e.appOptions())
	listenForChanges(t, services, e.DatabaseURL)
	srv := httptest.NewServer(httpapi.New(services, httpapi.Deps{Redis: e.Redis, Queues: e.RedisTarget, Hub: e.Hub, Introspection: true}))
	t.Cleanup(srv.Close)
	return srv
}

// listenForChanges keeps services' caches in step with the database, as
// serve does, from before the first request.
func listenForChanges(t testing.TB, services *app.Services, databaseURL string) {
	ctx, cancel := context.WithCancel(context.Background())
	ready, stopped := make(chan struct{}), make(chan struct{})
	go func() { services.ListenForChanges(ctx, databaseURL, ready); close(stopped) }()
	t.Cleanup(func() { cancel(); <-stopped })
	select {
	case <-ready:
	case <-time.After(10 * time.Second):
		t.Fatal("the reference cache did not start listening")
	}
}

// NewKey creates another user with the given role and returns their key.
func (e *Env) NewKey(t testing.TB, name string, role models.UserRole) string {
	t.Helper()
	key, _, err := auth.NewService(e.DB).CreateKey(context.Background(), auth.CreateKeyParams{Name: name, Role: role})
	if err != nil {
		t.Fatal(err)
	}
	return key
}

// NewDatabase creates an empty-of-data, fully migrated database for the test
// and returns its URL. It is dropped when the test ends.
func NewDatabase(t testing.TB) string {
	t.Helper()
	base := baseURL(t)
	admin := openAdmin(t, base)
	tpl := ensureTemplate(t, admin, base)
	name := "firebreak_test_" + strings.ToLower(rand.Text()[:12])
	if _, err := admin.Exec(fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, tpl)); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec(fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", name)); err != nil {
			t.Errorf("drop test database: %v", err)
		}
	})
	return withDatabase(base, name)
}

// NewEmptyDatabase creates a database with no schema at all (for migration
// tests).
func NewEmptyDatabase(t testing.TB) string {
	t.Helper()
	base := baseURL(t)
	admin := openAdmin(t, base)
	name := "firebreak_test_" + strings.ToLower(rand.Text()[:12])
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() { admin.Exec(fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", name)) })
	return withDatabase(base, name)
}

func baseURL(t testing.TB) string {
	u := os.Getenv("DATABASE_URL")
	if u == "" {
		t.Fatal("DATABASE_URL is not set: run the tests with `make test`, which starts PostgreSQL and Redis")
	}
	return u
}

func openAdmin(t testing.TB, base string) *bun.DB {
	admin, err := database.Open(base, 2)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	return admin
}

func withDatabase(base, name string) string {
	u, err := url.Parse(base)
	if err != nil {
		panic(err)
	}
	u.Path = "/" + name
	return u.String()
}

// ensureTemplate creates (once, across all test processes) a database with
// every migration applied, named after the migrations' content so a schema
// change gets a new template.
func ensureTemplate(t testing.TB, admin *bun.DB, base string) string {
	t.Helper()
	ctx := context.Background()
	name := "firebreak_template_" + migrationsHash()
	conn, err := admin.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// Test packages run as parallel processes: one builds, the others wait.
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(7246118003)"); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(ctx, "SELECT pg_advisory_unlock(7246118003)")

	var exists bool
	if err := conn.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = ?)", name).Scan(&exists); err != nil {
		t.Fatal(err)
	}
	if exists {
		return name
	}
	building := name + "_building"
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", building)); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "CREATE DATABASE "+building); err != nil {
		t.Fatal(err)
	}
	tplDB, err := database.Open(withDatabase(base, building), 2)
	if err != nil {
		t.Fatal(err)
	}
	_, err = migrations.Up(ctx, tplDB)
	tplDB.Close()
	if err != nil {
		t.Fatalf("migrate template: %v", err)
	}
	// Renamed only once complete, so a crash never leaves a half-built template.
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("ALTER DATABASE %s RENAME TO %s", building, name)); err != nil {
		t.Fatal(err)
	}
	return name
}

func migrationsHash() string {
	h := sha256.New()
	err := fs.WalkDir(migrations.Files, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(migrations.Files, path)
		h.Write([]byte(path))
		h.Write(b)
		return err
	})
	if err != nil {
		panic(err)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

func init() {
	// Request logs drown test output; warnings and errors still show.
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
}
