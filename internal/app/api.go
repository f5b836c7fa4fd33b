package app

import (
	"context"
	"log/slog"
	"strconv"
	"time"

	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"

	"firebreak/graph"
	"firebreak/internal/alerting"
	"firebreak/internal/config"
	"firebreak/internal/events"
	"firebreak/workers"
)

// OptionsFrom is the services' settings as the configuration has them:
// serve, worker and the tests' environments all build theirs here (the
// worker once missed the alert storm limit this way). ReadDB and Clock
// are the caller's.
func OptionsFrom(c config.Config) Options {
	return Options{
		PublicURL:            c.PublicURL,
		AllowPrivateWebhooks: c.AllowPrivateWebhooks,
		SignIn:               c.SignIn,
		Chat:                 c.Chat,
		AlertStorm:           c.AlertStorm,
		StatusPage:           c.StatusPage,
		Subscriptions:        c.Subscriptions,
	}
}

// API is what an API process serves over the services: the GraphQL
// resolver, with the status page tied to this process's Redis (its
// subscribe form queues confirmation mails) and hub (it hears which
// incidents changed), and alert sources held to alertRate in Redis
// (shared by every replica; zero: unlimited).
func (s *Services) API(rdb redis.UniversalClient, hub *events.Hub, alertRate redis_rate.Limit) *graph.Resolver {
	if rdb != nil {
		s.StatusPage.SendMailsWith(workers.NewEnqueuer(rdb).EnqueueSubscriberMails)
		if !alertRate.IsZero() {
			s.Alerting.WithSourceLimit(sourceBudget(redis_rate.NewLimiter(rdb), alertRate))
		}
	}
	if hub != nil {
		hub.Watch(s.StatusPage.IncidentChanged)
	}
	return &graph.Resolver{
		IncidentService: s.Incidents, AuthService: s.Keys, CatalogService: s.Catalog, PeopleService: s.People,
		AuditService: s.Audit, MetricsService: s.Metrics, DocumentService: s.Documents,
		RetrospectiveService: s.Retrospectives, FollowUpService: s.FollowUps, ReminderService: s.Reminders,
		InboxService: s.Inbox, DeliveryService: s.Deliveries, Hub: hub, ChatChannels: s.ChatChannels, Chat: s.Chat,
		MaintenanceService: s.Maintenance, StatusPage: s.StatusPage, SubscriberService: s.Subscribers, AlertingService: s.Alerting,
	}
}

// sourceBudget spends alert sources' budgets in Redis; while Redis cannot
// answer, requests go ahead.
func sourceBudget(limiter *redis_rate.Limiter, limit redis_rate.Limit) alerting.SourceLimiter {
	return func(ctx context.Context, sourceID int64) time.Duration {
		res, err := limiter.Allow(ctx, "firebreak:alert-rate:"+strconv.FormatInt(sourceID, 10), limit)
		if err != nil {
			slog.WarnContext(ctx, "rate limiter unavailable; alert post allowed", "error", err.Error())
			return 0
		}
		if res.Allowed == 0 {
			return max(res.RetryAfter, time.Millisecond)
		}
		return 0
	}
}
