package delivery

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"code.dny.dev/ssrf"

	"firebreak/internal/apperr"
	"firebreak/models"
)

// attemptTimeout bounds one delivery request.
const attemptTimeout = 10 * time.Second

// publicGuard knows the special-purpose ranges: code.dny.dev/ssrf is
// generated from IANA's IPv4 and IPv6 special-purpose registries (private,
// loopback, link-local, CGNAT, benchmarking, reserved, 6to4, documentation
// …) and allows only IPv6 global unicast, which rules out IPv4-mapped and
// -compatible forms, site-local and NAT64 (64:ff9b::/96 reaches IPv4
// addresses through a translator, private ones included). Any port.
var publicGuard = ssrf.New(ssrf.WithAnyPort(), ssrf.WithAnyNetwork())

// PublicAddr reports whether an address is on the public internet. An
// IPv4-mapped address (as resolvers return them) is judged as the IPv4
// address it reaches.
func PublicAddr(a netip.Addr) bool {
	return a.IsValid() && publicGuard.SafeAddr(a.Unmap()) == nil
}

// errPrivateAddress is the dialer's refusal.
var errPrivateAddress = errors.New("refusing to connect to a private or loopback address")

// CheckURL validates an endpoint URL: http(s), a host, and — unless private
// addresses are allowed — a host that resolves only to public addresses, so
// endpoints cannot be pointed at internal services (server-side request
// forgery).
func CheckURL(ctx context.Context, raw string, allowPrivate bool) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
		return apperr.BadInput("url", "url must be an absolute http or https URL")
	}
	if u.User != nil {
		return apperr.BadInput("url", "url must not contain credentials")
	}
	if allowPrivate {
		return nil
	}
	addrs, err := net.DefaultResolver.LookupNetIP(ctx, "ip", u.Hostname())
	if err != nil || len(addrs) == 0 {
		return apperr.BadInput("url", "cannot resolve %s", u.Hostname())
	}
	for _, a := range addrs {
		if !PublicAddr(a) {
			return apperr.BadInput("url", "%s resolves to %s, a private or loopback address; set FIREBREAK_ALLOW_PRIVATE_WEBHOOKS=true to allow it", u.Hostname(), a)
		}
	}
	return nil
}

// Sender makes delivery attempts.
type Sender struct {
	client *http.Client
}

// NewSender returns a sender. Unless allowPrivate, its dialer refuses
// private and loopback addresses at connect time too, so a name that
// resolves differently after it was checked (DNS rebinding) gets nowhere.
func NewSender(allowPrivate bool) *Sender {
	dialer := &net.Dialer{Timeout: 5 * time.Second}
	if !allowPrivate {
		dialer.Control = func(_, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil || !PublicAddr(ap.Addr()) {
				return errPrivateAddress
			}
			return nil
		}
	}
	transport := &http.Transport{
		Proxy:               nil, // a proxy would dial on our behalf, past the check
		DialContext:         dialer.DialContext,
		TLSHandshakeTimeout: 5 * time.Second,
		MaxIdleConnsPerHost: 4,
		IdleConnTimeout:     90 * time.Second,
	}
	return &Sender{client: &http.Client{
		Transport: transport,
		Timeout:   attemptTimeout,
		// A redirect is an answer, not an instruction: it could point inside.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// Send posts a delivery's body to its endpoint once and describes the
// attempt; it never returns an error, a failed attempt is an outcome.
func (s *Sender) Send(ctx context.Context, ep *models.NotificationEndpoint, d *models.Delivery, now time.Time) *models.DeliveryAttempt {
	attempt := &models.DeliveryAttempt{DeliveryID: d.ID, StartedAt: now}
	start := time.Now()
	fail := func(err error) *models.DeliveryAttempt {
		msg := err.Error()
		attempt.Error = &msg
		attempt.DurationMS = float64(time.Since(start).Microseconds()) / 1000
		return attempt
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, ep.URL, bytes.NewReader(d.Body))
	if err != nil {
		return fail(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Firebreak-Webhooks/1")
	req.Header.Set("X-Firebreak-Delivery", strconv.FormatInt(d.ID, 10))
	if d.EventID != nil {
		req.Header.Set("X-Firebreak-Event-Id", EventID(*d.EventID))
	}
	if ep.Kind.Signed() && ep.Secret != "" {
		req.Header.Set(SignatureHeader, Sign(ep.Secret, now, d.Body))
	}
	res, err := s.client.Do(req)
	if err != nil {
		return fail(err)
	}
	defer res.Body.Close()
	snippet, _ := io.ReadAll(io.LimitReader(res.Body, 512))
	attempt.DurationMS = float64(time.Since(start).Microseconds()) / 1000
	attempt.StatusCode = &res.StatusCode
	if !attempt.Succeeded() {
		msg := fmt.Sprintf("HTTP %d", res.StatusCode)
		if len(bytes.TrimSpace(snippet)) > 0 {
			msg += ": " + strings.ToValidUTF8(string(bytes.TrimSpace(snippet)), "?")
		}
		attempt.Error = &msg
	}
	return attempt
}
