package faults

import (
	"firebreak/internal/testenv"
	"io"
	"net"
	"net/url"
	"sync"
	"testing"
)

// CutOff is a TCP relay to PostgreSQL that a test can cut, as a network
// partition or a stopped server would: every connection through it drops
// and new ones are refused, without touching the server other tests use.
type CutOff struct {
	// URL is the database URL through the relay; Direct reaches the same
	// database without it.
	URL, Direct string

	target   string
	listener net.Listener
	mu       sync.Mutex
	conns    []net.Conn
	cut      bool
}

// NewCutOffDatabase creates a fresh database (as NewDatabase does) and a
// relay to it; pass its URL as Options.DatabaseURL.
func NewCutOffDatabase(t testing.TB) *CutOff {
	t.Helper()
	direct := testenv.NewDatabase(t)
	u, err := url.Parse(direct)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	c := &CutOff{target: u.Host, listener: l, Direct: direct}
	u.Host = l.Addr().String()
	c.URL = u.String()
	go c.accept()
	t.Cleanup(c.Cut)
	return c
}

func (c *CutOff) accept() {
	for {
		client, err := c.listener.Accept()
		if err != nil {
			return
		}
		server, err := net.Dial("tcp", c.target)
		if err != nil {
			client.Close()
			continue
		}
		c.mu.Lock()
		if c.cut {
			c.mu.Unlock()
			client.Close()
			server.Close()
			return
		}
		c.conns = append(c.conns, client, server)
		c.mu.Unlock()
		go func() { _, _ = io.Copy(server, client); server.Close() }()
		go func() { _, _ = io.Copy(client, server); client.Close() }()
	}
}

// Cut drops every connection and refuses new ones.
func (c *CutOff) Cut() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cut {
		return
	}
	c.cut = true
	c.listener.Close()
	for _, conn := range c.conns {
		conn.Close()
	}
}
