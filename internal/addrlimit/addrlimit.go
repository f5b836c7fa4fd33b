// Package addrlimit budgets anonymous clients by their address (a token
// bucket each, golang.org/x/time/rate): the public status page and the
// console's sign-in endpoints, which have no key to count.
package addrlimit

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

// Limit is what one client address may ask (Rate per second, bursts of
// Burst); Rate 0 is unlimited. Anonymous clients have no key to budget,
// so the address is what is counted — behind a proxy, that is the
// proxy's.
type Limit struct {
	Rate  float64
	Burst int
}

// maxClients bounds the addresses remembered; idle ones are forgotten first.
const maxClients = 100_000

// PerAddress keeps a token bucket per address.
type PerAddress struct {
	limit   Limit
	what    string
	mu      sync.Mutex
	clients map[string]*client
}

type client struct {
	bucket   *rate.Limiter
	lastSeen time.Time
}

// New returns a limiter giving every address l; what names the budget in
// refusals ("Too many … from your address").
func New(l Limit, what string) *PerAddress {
	return &PerAddress{limit: l, what: what, clients: map[string]*client{}}
}

// allow reports whether addr may make a request now, and if not, when to
// come back.
func (p *PerAddress) allow(addr string, now time.Time) (bool, time.Duration) {
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
func (p *PerAddress) forgetIdle(now time.Time) {
	for host, c := range p.clients {
		if now.Sub(c.lastSeen) > time.Minute {
			delete(p.clients, host)
		}
	}
	if len(p.clients) >= maxClients {
		clear(p.clients)
	}
}

// Limited answers 429 RATE_LIMITED with Retry-After, in body's shape,
// when the request's address is over its rate.
func (p *PerAddress) Limited(w http.ResponseWriter, r *http.Request, body httperr.Body) bool {
	ok, wait := p.allow(r.RemoteAddr, time.Now())
	if ok {
		return false
	}
	w.Header().Set("Retry-After", strconv.Itoa(int(wait/time.Second)+1))
	httperr.Write(w, r, p.what, apperr.New(apperr.RateLimited, "Too many %s from your address; try again in %d s.", p.what, int(wait/time.Second)+1), body)
	return true
}
