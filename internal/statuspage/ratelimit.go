package statuspage

import (
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"firebreak/internal/apperr"
	"firebreak/internal/httperr"
)

// Limit is what one client address may ask of the page (Rate per second,
// bursts of Burst); Rate 0 is unlimited. Anonymous clients have no key to
// budget, so the address is what is counted — behind a proxy, that is the
// proxy's (FIREBREAK_STATUS_RATE_LIMIT; docs/operations.md).
type Limit struct {
	Rate  float64
	Burst int
}

// DefaultLimit lets a person reload freely and a monitor poll every few
// seconds, and stops one address from taking the server.
var DefaultLimit = Limit{Rate: 20, Burst: 60}

// maxClients bounds the addresses remembered; idle ones are forgotten first.
const maxClients = 100_000

// perClient keeps a token bucket per address (golang.org/x/time/rate).
type perClient struct {
	limit   Limit
	mu      sync.Mutex
	clients map[string]*client
}

type client struct {
	bucket   *rate.Limiter
	lastSeen time.Time
}

func newPerClient(l Limit) *perClient {
	return &perClient{limit: l, clients: map[string]*client{}}
}

// allow reports whether addr may make a request now, and if not, when to
// come back.
func (p *perClient) allow(addr string, now time.Time) (bool, time.Duration) {
	if p == nil || p.limit.Rate <= 0 {
		return true, 0
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	c := p.clients[host]
	if c == nil {
		if len(p.clients) >= maxClients {
			p.forgetIdle(now)
		}
		c = &client{bucket: rate.NewLimiter(rate.Limit(p.limit.Rate), p.limit.Burst)}
		p.clients[host] = c
	}
	c.lastSeen = now
	r := c.bucket.ReserveN(now, 1)
	if delay := r.DelayFrom(now); delay > 0 {
		r.CancelAt(now)
		return false, delay
	}
	return true, 0
}

// forgetIdle drops addresses not seen for a minute (their buckets are
// full again anyway), or everyone if that is not enough.
func (p *perClient) forgetIdle(now time.Time) {
	for host, c := range p.clients {
		if now.Sub(c.lastSeen) > time.Minute {
			delete(p.clients, host)
		}
	}
	if len(p.clients) >= maxClients {
		clear(p.clients)
	}
}

// limited answers 429 with Retry-After when the client is over its rate.
func (p *perClient) limited(w http.ResponseWriter, r *http.Request) bool {
	ok, wait := p.allow(r.RemoteAddr, time.Now())
	if ok {
		return false
	}
	w.Header().Set("Retry-After", strconv.Itoa(int(wait/time.Second)+1))
	httperr.Write(w, r, "status page", apperr.New(apperr.RateLimited, "Too many requests from your address; try again shortly."), httperr.Text)
	return true
}
