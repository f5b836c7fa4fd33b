package events

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"firebreak/models"
)

// SubscriberBuffer is how many events a subscriber may fall behind before it
// is cut off. Bounded so a stalled client costs bounded memory and never
// slows the others.
const SubscriberBuffer = 64

var (
	// ErrTooSlow ends a subscription that fell SubscriberBuffer events behind.
	ErrTooSlow = errors.New("the subscriber fell too far behind")
	// ErrFeedDown refuses new subscriptions while the process has no live
	// feed from Redis.
	ErrFeedDown = errors.New("the live event feed is unavailable")
)

// Hub fans Redis messages out to this process's subscribers.
type Hub struct {
	redis   redis.UniversalClient
	channel string
	// Search answers full-text filters of live streams, as the incident
	// list does (set before Run; nil: text-filtered streams get nothing).
	Search TextSearch

	mu   sync.RWMutex
	live bool
	// watchers hear of every message (and of a broken feed) without a
	// subscription: caches of what events change, like the status page.
	watchers   []func(*models.Incident)
	byIncident map[int64]map[*Subscription]struct{}
	all        map[*Subscription]struct{}
}

// NewHub returns a hub for a pub/sub channel ("" for DefaultChannel); Run
// connects it.
func NewHub(rdb redis.UniversalClient, channel string) *Hub {
	if channel == "" {
		channel = DefaultChannel
	}
	return &Hub{redis: rdb, channel: channel, byIncident: map[int64]map[*Subscription]struct{}{}, all: map[*Subscription]struct{}{}}
}

// Subscription receives the messages of one incident, or of all incidents.
// Until Start, messages queue (at most SubscriberBuffer); after it, the hub
// hands each one to the subscription's deliver function itself, so an idle
// subscriber costs no goroutine of its own.
type Subscription struct {
	hub        *Hub
	incidentID int64
	// textQuery is the full-text search of a filtered stream: the hub
	// answers it for every message before offering it (see dispatch).
	textQuery string

	mu       sync.Mutex
	pending  []*Message
	deliver  func(*Message) error
	ended    bool
	endedErr error // why it ended before Start
	onEnd    func(error)
}

// Start switches to direct delivery: queued messages first, then each new
// one as it arrives. deliver must not block; an error it returns ends the
// subscription. onEnd is called once, with why the subscription ended.
func (s *Subscription) Start(deliver func(*Message) error, onEnd func(error)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onEnd = onEnd
	if s.ended {
		if s.endedErr != nil {
			onEnd(s.endedErr)
		}
		return
	}
	for _, m := range s.pending {
		if err := deliver(m); err != nil {
			s.endLocked(err)
			return
		}
	}
	s.pending = nil
	s.deliver = deliver
}

// offer hands a message over without ever blocking the hub for long.
func (s *Subscription) offer(m *Message) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.ended:
	case s.deliver != nil:
		if err := s.deliver(m); err != nil {
			s.endLocked(err)
		}
	case len(s.pending) >= SubscriberBuffer:
		s.endLocked(ErrTooSlow)
	default:
		s.pending = append(s.pending, m)
	}
}

// cut ends the subscription from the hub's side.
func (s *Subscription) cut(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.endLocked(err)
}

func (s *Subscription) endLocked(err error) {
	if s.ended {
		return
	}
	s.ended = true
	s.pending = nil
	if s.onEnd != nil {
		s.onEnd(err)
	} else {
		s.endedErr = err
	}
}

// Close unsubscribes; nothing is delivered afterwards.
func (s *Subscription) Close() {
	s.mu.Lock()
	s.ended = true
	s.pending = nil
	s.mu.Unlock()
	h := s.hub
	h.mu.Lock()
	defer h.mu.Unlock()
	if s.incidentID == 0 {
		delete(h.all, s)
		return
	}
	if subs := h.byIncident[s.incidentID]; subs != nil {
		delete(subs, s)
		if len(subs) == 0 {
			delete(h.byIncident, s.incidentID)
		}
	}
}

// Watch makes changed run (quickly: it must not block) on every message,
// and whenever the feed breaks and messages may have been missed.
func (h *Hub) Watch(changed func(inc *models.Incident)) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.watchers = append(h.watchers, changed)
}

// Subscribe registers for one incident's events (incidentID > 0) or for every
// incident's (0). Messages published from now on are delivered.
func (h *Hub) Subscribe(incidentID int64) (*Subscription, error) {
	return h.subscribe(&Subscription{hub: h, incidentID: incidentID})
}

// SubscribeSearching is Subscribe(0) for a stream filtered by a full-text
// query: each message carries the answer to it when offered.
func (h *Hub) SubscribeSearching(query string) (*Subscription, error) {
	return h.subscribe(&Subscription{hub: h, textQuery: query})
}

func (h *Hub) subscribe(s *Subscription) (*Subscription, error) {
	incidentID := s.incidentID
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.live {
		return nil, ErrFeedDown
	}
	if incidentID == 0 {
		h.all[s] = struct{}{}
	} else {
		if h.byIncident[incidentID] == nil {
			h.byIncident[incidentID] = map[*Subscription]struct{}{}
		}
		h.byIncident[incidentID][s] = struct{}{}
	}
	return s, nil
}

// Run keeps one Redis subscription for the process until ctx ends. When the
// feed breaks, messages may have been missed, so every subscriber is cut off
// to resume from its cursor (replaying from PostgreSQL).
func (h *Hub) Run(ctx context.Context) {
	for ctx.Err() == nil {
		err := h.consume(ctx)
		h.setLive(false)
		h.cutAll(errFeedLost)
		if ctx.Err() != nil {
			return
		}
		slog.Warn("event hub: feed closed, subscribing again", "error", err.Error())
		sleep(ctx, 500*time.Millisecond)
	}
}

// Subscriptions counts the live subscriptions this process serves.
func (h *Hub) Subscriptions() int {
	h.mu.RLock()
	defer h.mu.RUnlock()
	n := len(h.all)
	for _, subs := range h.byIncident {
		n += len(subs)
	}
	return n
}

// Live reports whether the hub currently receives the feed.
func (h *Hub) Live() bool {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return h.live
}

func (h *Hub) consume(ctx context.Context) error {
	ps := h.redis.Subscribe(ctx, h.channel)
	defer ps.Close()
	// go-redis pings the connection, reconnects and re-subscribes by itself,
	// and reports each (re-)subscription: a second one means the feed was
	// interrupted and messages may have been missed.
	feed := ps.ChannelWithSubscriptions(
		redis.WithChannelHealthCheckInterval(5*time.Second),
		redis.WithChannelSize(10_000))
	subscribed := false
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case msg, ok := <-feed:
			if !ok {
				return errFeedLost
			}
			switch m := msg.(type) {
			case *redis.Subscription:
				if m.Kind != "subscribe" {
					continue
				}
				if subscribed {
					slog.Warn("event hub: feed resumed after an interruption; subscribers resume from their cursors")
					h.cutAll(errFeedLost)
				}
				subscribed = true
				h.setLive(true)
			case *redis.Message:
				h.dispatch(m.Payload)
			}
		}
	}
}

func (h *Hub) dispatch(payload string) {
	m := new(Message)
	if err := json.Unmarshal([]byte(payload), m); err != nil {
		slog.Error("event hub: bad message", "error", err.Error())
		return
	}
	h.answerSearches(m)
	h.mu.RLock()
	defer h.mu.RUnlock()
	for _, watch := range h.watchers {
		watch(&m.Incident)
	}
	for s := range h.byIncident[m.Event.IncidentID] {
		s.offer(m)
	}
	for s := range h.all {
		s.offer(m)
	}
}

func (h *Hub) setLive(live bool) {
	h.mu.Lock()
	h.live = live
	h.mu.Unlock()
}

func (h *Hub) cutAll(err error) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	for _, watch := range h.watchers {
		watch(nil) // events may have been missed: anything may have changed
	}
	for _, subs := range h.byIncident {
		for s := range subs {
			s.cut(err)
		}
	}
	for s := range h.all {
		s.cut(err)
	}
}

// searchTimeout bounds the one text-search statement per message.
const searchTimeout = 2 * time.Second

// answerSearches answers, in one statement, every distinct full-text query
// of this process's filtered streams for the message's incident, before it
// is offered: deliveries must not block, and the hub's fan-out must not
// wait on one query per subscriber. Without an answer (no Search, or the
// statement failed) text-filtered streams skip the message.
func (h *Hub) answerSearches(m *Message) {
	if h.Search == nil {
		return
	}
	h.mu.RLock()
	seen := map[string]bool{}
	var queries []string
	for s := range h.all {
		if s.textQuery != "" && !seen[s.textQuery] {
			seen[s.textQuery] = true
			queries = append(queries, s.textQuery)
		}
	}
	h.mu.RUnlock()
	if len(queries) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), searchTimeout)
	defer cancel()
	if err := m.AnswerSearches(ctx, queries, h.Search); err != nil {
		slog.Warn("event hub: text search failed; filtered streams skip this change", "incident", m.Incident.ID, "error", err.Error())
	}
}
