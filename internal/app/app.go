// Package app is where Firebreak is wired: it builds every domain service
// once over one database, and the parts made of them (the live hub, the
// outbox relay, a worker, the API's resolver), for
// the commands in cmd/firebreak and for the tests' environments alike.
// (One-off commands such as `firebreak apikey` use the auth service
// directly.)
package app

import (
	"cmp"
	"context"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/uptrace/bun"

	"firebreak/internal/alerting"
	"firebreak/internal/audit"
	"firebreak/internal/auth"
	"firebreak/internal/catalog"
	"firebreak/internal/chat"
	"firebreak/internal/database"
	"firebreak/internal/delivery"
	"firebreak/internal/document"
	"firebreak/internal/events"
	"firebreak/internal/followup"
	"firebreak/internal/inbox"
	"firebreak/internal/incident"
	"firebreak/internal/links"
	"firebreak/internal/maintenance"
	"firebreak/internal/metrics"
	"firebreak/internal/people"
	"firebreak/internal/refcache"
	"firebreak/internal/reminder"
	"firebreak/internal/retrospective"
	"firebreak/internal/signin"
	"firebreak/internal/statuspage"
	"firebreak/internal/subscribers"
	"firebreak/internal/websession"
	"firebreak/workers"
)

// Options are the settings the services need.
type Options struct {
	// PublicURL starts the links in Slack and webhook messages.
	PublicURL string
	// AllowPrivateWebhooks lets endpoints reach private and loopback
	// addresses (local receivers, tests).
	AllowPrivateWebhooks bool
	// Clock replaces the system clock for incident timestamps and due times
	// (tests move it forward); nil: the system's.
	Clock func() time.Time
	// SignIn accepts OpenID Connect tokens from an identity provider besides
	// API keys; nil: API keys only.
	SignIn *signin.Config
	// Chat is the Slack bot's settings (off without a bot token).
	Chat chat.Config
	// AlertStorm bounds the incidents one alert source declares through one
	// route (zero: alerting.DefaultStorm).
	AlertStorm alerting.Storm
	// StatusPage is the public status page's settings; Subscriptions its
	// e-mail subscribers' (off without an SMTP server).
	StatusPage    statuspage.Config
	Subscriptions subscribers.Config
	// ReadDB is a read replica for heavy reads that tolerate a moment's
	// lag (response metrics); nil: the primary serves them.
	ReadDB *bun.DB
}

// Services are Firebreak's domain services over one database.
type Services struct {
	DB        *bun.DB
	Keys      *auth.Service
	Incidents *incident.Service
	// Retrospectives and FollowUps hang off incidents; Reminders keeps
	// their people on time.
	Retrospectives *retrospective.Service
	FollowUps      *followup.Service
	Reminders      *reminder.Service
	Catalog        *catalog.Service
	// People manages people; Audit reads the log of settings changes.
	People    *people.Service
	Audit     *audit.Service
	Metrics   *metrics.Service
	Documents *document.Service
	// Inbox is the in-app notifications people read.
	Inbox *inbox.Service
	// Deliveries are the outgoing webhook and Slack messages.
	Deliveries *delivery.Service
	// Chat is the Slack bot; nil when it is off. ChatChannels reads
	// incidents' Slack channels (for the API, bot or not).
	Chat         *chat.Bot
	ChatChannels *chat.Channels
	// StatusPage is the public status page; Maintenance its scheduled
	// maintenance windows.
	StatusPage  *statuspage.Page
	Maintenance *maintenance.Service
	// Subscribers mails the status page's subscribers; nil without SMTP.
	Subscribers *subscribers.Service
	// Alerting keeps alert sources and the alerts they post.
	Alerting *alerting.Service
	// SignIn verifies sign-in tokens; nil without an identity provider.
	SignIn *signin.Verifier
	// Sessions signs people in to the console and authenticates its
	// requests by their session cookie.
	Sessions *websession.Sessions
	// Reference says whether cached keys, people and severities are still
	// good; nothing is cached until ListenForChanges listens.
	Reference *refcache.Epoch
}

// NewServices builds the services once.
func NewServices(db *bun.DB, o Options) *Services {
	reference := new(refcache.Epoch)
	cat := catalog.NewService(db).CacheSeverities(reference)
	incidents := incident.NewService(db, retrospective.Lifecycle{}).WithClock(o.Clock).WithSeverities(cat.CachedSeverities)
	followups := followup.NewService(db, incidents)
	keys := auth.NewService(db).CacheKeys(reference)
	peopleService := people.NewService(db).DropCachedOnChange(reference)
	var tokens *signin.Verifier
	if o.SignIn != nil {
		tokens = signin.New(*o.SignIn, peopleService, reference)
		keys.WithSignIn(tokens)
	}
	linksTo := links.Links{BaseURL: o.PublicURL, StatusPageURL: statusPageConfig(o).URL}
	var codeFlow *signin.CodeFlow
	if tokens != nil {
		codeFlow = tokens.CodeFlow(cmp.Or(o.SignIn.RedirectURL, linksTo.OIDCCallback()))
	}
	windows := maintenance.NewService(db, o.Clock)
	subs := o.Subscriptions
	subs.PageURL, subs.PageName = statusPageConfig(o).URL, o.StatusPage.Name
	subscribed := subscribers.New(subs, db)
	return &Services{
		Chat:           chat.New(o.Chat, db, incidents, cat, peopleService, linksTo),
		ChatChannels:   chat.NewChannels(db),
		Maintenance:    windows,
		StatusPage:     statuspage.New(statusPageConfig(o), db, cat, windows, reference).Subscribing(subscribed).Publishing(incidents),
		Subscribers:    subscribed,
		Alerting:       alerting.NewService(db, o.PublicURL).WithIncidents(incidents).WithStorm(cmp.Or(o.AlertStorm, alerting.DefaultStorm)),
		Reference:      reference,
		SignIn:         tokens,
		Sessions:       websession.New(keys, db, codeFlow, o.PublicURL),
		DB:             db,
		Keys:           keys,
		Incidents:      incidents,
		Retrospectives: retrospective.NewService(db, incidents),
		FollowUps:      followups,
		Reminders:      reminder.NewService(db, incidents),
		Documents:      document.NewService(db, incidents, followups, keys).LinkingTo(linksTo),
		Catalog:        cat,
		People:         peopleService,
		Audit:          audit.NewService(db),
		Metrics:        metrics.NewService(database.NewReads(db, o.ReadDB), o.Clock),
		Inbox:          inbox.NewService(db),
		Deliveries:     delivery.NewService(db, linksTo, o.AllowPrivateWebhooks),
	}
}

// ListenForChanges keeps the caches of keys, people and severities in step
// with PostgreSQL until ctx ends (see refcache); ready, when not nil, is
// closed once it listens. Without it nothing is cached.
func (s *Services) ListenForChanges(ctx context.Context, databaseURL string, ready chan<- struct{}) {
	refcache.Listen(ctx, databaseURL, s.Reference, ready)
}

// Hub is this process's live-event hub on channel; its text-filtered
// streams are answered by the incident list's search.
func (s *Services) Hub(rdb redis.UniversalClient, channel string) *events.Hub {
	h := events.NewHub(rdb, channel)
	h.Search = s.Incidents.MatchingQueries
	return h
}

// Relay is the outbox relay: it publishes committed events to live
// subscribers on channel and records and enqueues their deliveries.
func (s *Services) Relay(rdb redis.UniversalClient, databaseURL, channel string) *events.Relay {
	enqueuer := workers.NewEnqueuer(rdb)
	// The outbox's consumers, in order; the next integration is one line.
	consumers := []events.Consumer{delivery.OutboxConsumer{Deliveries: s.Deliveries, Enqueue: enqueuer.EnqueueDeliveries}}
	if s.Chat != nil {
		consumers = append(consumers, chat.OutboxConsumer{Enqueue: enqueuer.EnqueueChatSyncs})
	}
	if s.Subscribers != nil {
		consumers = append(consumers, subscribers.OutboxConsumer{Enqueue: enqueuer.EnqueueSubscriberMails})
	}
	r := &events.Relay{DB: s.DB, Redis: rdb, Incidents: s.Incidents, Users: s.Keys, Catalog: s.Catalog,
		DatabaseURL: databaseURL, Channel: channel, Consumers: consumers}
	return r
}

// Worker runs reminders, nudges, deliveries and the reconciler.
func (s *Services) Worker(rdb redis.UniversalClient, cfg workers.Config) *workers.Worker {
	return workers.New(rdb, s.Reminders, s.Deliveries, cfg).WithChat(s.Chat).WithSubscribers(s.Subscribers).WithAlerting(s.Alerting)
}

// statusPageConfig places the status page under the public URL.
func statusPageConfig(o Options) statuspage.Config {
	c := o.StatusPage
	switch {
	case c.URL != "":
	case c.Host != "":
		scheme, _, found := strings.Cut(o.PublicURL, "://")
		if !found {
			scheme = "https"
		}
		c.URL = scheme + "://" + c.Host
	default:
		c.URL = strings.TrimRight(o.PublicURL, "/") + "/status"
	}
	return c
}
