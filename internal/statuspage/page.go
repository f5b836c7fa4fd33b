// Package statuspage is the public status page: what customers and other
// teams see without a key — the public products (components) and their
// status, and the incidents responders published, with the updates they
// marked public. It is derived from the incident record, so it cannot
// drift from it, and it never shows private incidents or internal updates.
//
// Every public document (HTML, Statuspage v2 JSON, Atom, badge) is rendered
// once into an in-process snapshot, rebuilt when the event hub hears of a
// change (or when it is 30 s old); requests are answered from it with an
// ETag, so a crowd reloading the page costs no query, and the last snapshot
// keeps being served while PostgreSQL is unreachable.
package statuspage

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/uptrace/bun"

	"firebreak/internal/addrlimit"
	"firebreak/internal/catalog"
	"firebreak/internal/incident"
	"firebreak/internal/maintenance"
	"firebreak/internal/refcache"
	"firebreak/internal/subscribers"
	"firebreak/models"
)

// Config is the page's settings.
type Config struct {
	// Name is the page's title (FIREBREAK_STATUS_PAGE_NAME).
	Name string
	// URL is the page's address: FIREBREAK_PUBLIC_URL + /status, or the
	// root of Host.
	URL string
	// Host, when set (FIREBREAK_STATUS_HOST, e.g. status.example.com), is
	// a host name of the page's own: requests for it are answered by the
	// page alone, at its root.
	Host string
	// PageID names the page in the v2 documents.
	PageID string
	// SeverityStatus is what an open incident of each severity level does
	// to its components (DefaultSeverityStatus; others: degraded).
	SeverityStatus map[int]ComponentStatus
	// Limit is each client address's budget (DefaultLimit when zero;
	// Rate < 0: unlimited).
	Limit Limit
}

// maxAge is how old a snapshot may get without any event.
const maxAge = 30 * time.Second

// retryEvery spaces rebuilds while PostgreSQL fails.
const retryEvery = time.Second

// Page serves the status page.
type Page struct {
	cfg         Config
	db          *bun.DB
	catalog     *catalog.Service
	maintenance *maintenance.Service
	// incidents is where publishing changes incidents (Publishing).
	incidents *incident.Service
	// reference advances when products or maintenance windows change on
	// any process (refcache's notification).
	reference *refcache.Epoch
	now       func() time.Time

	// rebuilds counts snapshots built (firebreak_status_page_rebuilds_total).
	rebuilds prometheus.Counter

	snap     atomic.Pointer[snapshot]
	dirty    atomic.Bool
	building sync.Mutex
	lastFail atomic.Int64
	clients  *addrlimit.PerAddress

	// subscribers offers e-mail subscriptions (nil: none).
	subscribers    *subscribers.Service
	subscribeLimit *addrlimit.PerAddress
	enqueueMails   func(ctx context.Context, messageIDs []int64) error
}

// New returns the page; Stale (wired to the event hub) keeps it current.
func New(cfg Config, db *bun.DB, cat *catalog.Service, windows *maintenance.Service, reference *refcache.Epoch) *Page {
	if cfg.Name == "" {
		cfg.Name = "Status"
	}
	if cfg.PageID == "" {
		cfg.PageID = "firebreak"
	}
	if reference == nil {
		reference = new(refcache.Epoch) // never listening: the snapshot's age decides
	}
	if cfg.SeverityStatus == nil {
		cfg.SeverityStatus = DefaultSeverityStatus
	}
	cfg.URL = strings.TrimRight(cfg.URL, "/")
	if cfg.Limit == (Limit{}) {
		cfg.Limit = DefaultLimit
	}
	return &Page{cfg: cfg, db: db, catalog: cat, maintenance: windows, reference: reference, now: time.Now, clients: addrlimit.New(cfg.Limit, "requests"),
		rebuilds: prometheus.NewCounter(prometheus.CounterOpts{Name: "firebreak_status_page_rebuilds_total",
			Help: "Snapshots of the public status page built: after a change the page can show, or when the last is 30 s old."})}
}

// Collector is the page's metrics, for the process's registry.
func (p *Page) Collector() prometheus.Collector { return p.rebuilds }

// Host is the page's own host name ("": none).
func (p *Page) Host() string { return p.cfg.Host }

// Stale marks the snapshot out of date: the next request rebuilds it.
func (p *Page) Stale() { p.dirty.Store(true) }

// IncidentChanged is told of every incident change (nil: changes may have
// been missed) and marks the snapshot stale only when the page could show
// it: an incident that is not published — private ones never are —
// changes nothing public, so its events rebuild nothing (they rebuilt the
// page on every event: 434 against 46 commits in 10 s). Publishing is an
// event of the incident as published.
func (p *Page) IncidentChanged(inc *models.Incident) {
	if inc == nil || inc.PublishedAt != nil {
		p.Stale()
	}
}

// resource is one rendered document.
type resource struct {
	body        []byte
	contentType string
	etag        string
}

func newResource(body []byte, contentType string) *resource {
	sum := sha256.Sum256(body)
	return &resource{body: body, contentType: contentType, etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
}

// snapshot is every public document as of one moment.
type snapshot struct {
	built time.Time
	// epoch is the reference epoch it was built at (0: unknown).
	epoch     uint64
	updatedAt time.Time
	docs      map[string]*resource
}

// current returns a snapshot to answer from: the one there is, rebuilt in
// the background when stale; only the first request waits for one.
func (p *Page) current(ctx context.Context) (*snapshot, error) {
	s := p.snap.Load()
	fresh := s != nil && !p.dirty.Load() && p.now().Sub(s.built) < maxAge &&
		(s.epoch == 0 || s.epoch == p.reference.Now())
	if fresh {
		return s, nil
	}
	if s == nil {
		p.building.Lock()
		defer p.building.Unlock()
		if s = p.snap.Load(); s != nil {
			return s, nil
		}
		return p.rebuild(ctx)
	}
	if time.Duration(p.now().UnixNano()-p.lastFail.Load()) >= retryEvery && p.building.TryLock() {
		go func() {
			defer p.building.Unlock()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_, _ = p.rebuild(ctx)
		}()
	}
	return s, nil
}

// rebuild loads and renders a new snapshot; on failure the old one stays.
func (p *Page) rebuild(ctx context.Context) (*snapshot, error) {
	p.dirty.Store(false) // changes from now on make it stale again
	p.rebuilds.Inc()
	epoch := p.reference.Now()
	st, err := p.load(ctx)
	if err == nil {
		var s *snapshot
		if s, err = p.render(st); err == nil {
			s.epoch = epoch
			p.snap.Store(s)
			return s, nil
		}
	}
	p.dirty.Store(true)
	p.lastFail.Store(p.now().UnixNano())
	slog.Warn("status page: rebuild failed; serving the last snapshot", "error", err.Error())
	return nil, fmt.Errorf("status page: %w", err)
}
