// Package loadtest drives a running Firebreak server the way a crowd of
// dashboards and bots would, and measures what they experience.
package loadtest

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"
)

// SubscriberConfig describes one subscriber load run.
type SubscriberConfig struct {
	URL         string        // the server, e.g. http://127.0.0.1:8080
	Key         string        // an API key allowed to declare and post updates
	Subscribers int           // websocket subscriptions to open
	Rate        float64       // status updates posted per second
	Duration    time.Duration // how long to post
	ServerPID   int           // when set, the server's memory and CPU are read from /proc
	Settle      time.Duration // idle time before measuring memory
	Dialers     int           // connections opened at once
}

// SubscriberReport is what the run measured.
type SubscriberReport struct {
	Subscribers, Connected, FailedToConnect int
	Posted                                  int
	Expected, Delivered, Lost, Duplicated   int64
	LatencyP50, LatencyP95, LatencyP99      time.Duration
	LatencyMax                              time.Duration
	ServerRSSBefore, ServerRSSIdle          int64 // bytes
	BytesPerIdleSubscriber                  int64
	ConnectTime                             time.Duration
	// ServerCPUPerEvent is the server's CPU time (user + system) from the
	// first post until the last event arrived, divided by the events
	// delivered: posting, relaying and fanning out included.
	ServerCPUPerEvent time.Duration
}

func (r SubscriberReport) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "subscribers:     %d requested, %d connected, %d failed (connecting took %s)\n",
		r.Subscribers, r.Connected, r.FailedToConnect, r.ConnectTime.Round(time.Millisecond))
	fmt.Fprintf(&b, "updates posted:  %d\n", r.Posted)
	fmt.Fprintf(&b, "events:          %d expected, %d delivered, %d lost, %d duplicated\n", r.Expected, r.Delivered, r.Lost, r.Duplicated)
	fmt.Fprintf(&b, "latency:         p50 %s, p95 %s, p99 %s, max %s (commit → client receipt)\n",
		r.LatencyP50.Round(time.Microsecond*100), r.LatencyP95.Round(time.Microsecond*100), r.LatencyP99.Round(time.Microsecond*100), r.LatencyMax.Round(time.Millisecond))
	if r.ServerRSSBefore > 0 {
		fmt.Fprintf(&b, "server memory:   %.1f MiB before, %.1f MiB with idle subscribers: %.1f KiB per subscriber\n",
			float64(r.ServerRSSBefore)/(1<<20), float64(r.ServerRSSIdle)/(1<<20), float64(r.BytesPerIdleSubscriber)/1024)
		fmt.Fprintf(&b, "server CPU:      %.1f µs per delivered event\n", float64(r.ServerCPUPerEvent.Nanoseconds())/1000)
	}
	return b.String()
}

type subscriber struct {
	conn      *websocket.Conn
	expected  int // next sequence expected
	delivered int64
	lost      int64
	dup       int64
	latencies []time.Duration
}

// RunSubscribers performs the run.
func RunSubscribers(ctx context.Context, cfg SubscriberConfig) (SubscriberReport, error) {
	rep := SubscriberReport{Subscribers: cfg.Subscribers}
	raiseFileLimit()
	if cfg.Dialers <= 0 {
		cfg.Dialers = 100
	}
	if cfg.Settle <= 0 {
		cfg.Settle = 5 * time.Second
	}
	api := graphqlClient{url: cfg.URL, key: cfg.Key, http: &http.Client{Timeout: 30 * time.Second}}
	gql := func(query string, vars map[string]any, out any) error { return api.do(ctx, query, vars, out) }

	var declared struct {
		DeclareIncident struct {
			Incident struct {
				ID       string
				Timeline struct {
					TotalCount int
					Nodes      []struct{ Cursor string }
				}
			}
		}
	}
	err := gql(`mutation { declareIncident(input: {title: "Subscriber load test", severityLevel: 3}) {
		incident { id timeline(first: 100) { totalCount nodes { cursor } } } } }`, nil, &declared)
	if err != nil {
		return rep, err
	}
	inc := declared.DeclareIncident.Incident
	after := inc.Timeline.Nodes[len(inc.Timeline.Nodes)-1].Cursor
	firstSeq := inc.Timeline.TotalCount + 1

	rep.ServerRSSBefore = rss(cfg.ServerPID)
	subs := make([]*subscriber, cfg.Subscribers)
	var failed atomic.Int64
	start := time.Now()
	sem := make(chan struct{}, cfg.Dialers)
	var wg sync.WaitGroup
	for i := range subs {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int) {
			defer wg.Done()
			defer func() { <-sem }()
			s, err := connect(ctx, cfg, inc.ID, after)
			if err != nil {
				failed.Add(1)
				return
			}
			s.expected = firstSeq
			subs[i] = s
		}(i)
	}
	wg.Wait()
	rep.ConnectTime = time.Since(start)
	rep.FailedToConnect = int(failed.Load())
	rep.Connected = cfg.Subscribers - rep.FailedToConnect
	if rep.Connected == 0 {
		return rep, fmt.Errorf("no subscriber could connect")
	}

	// Idle memory, once the server has settled.
	time.Sleep(cfg.Settle)
	rep.ServerRSSIdle = rss(cfg.ServerPID)
	if rep.ServerRSSBefore > 0 {
		rep.BytesPerIdleSubscriber = (rep.ServerRSSIdle - rep.ServerRSSBefore) / int64(rep.Connected)
	}

	readCtx, stopReading := context.WithCancel(ctx)
	defer stopReading()
	var readers sync.WaitGroup
	for _, s := range subs {
		if s == nil {
			continue
		}
		readers.Add(1)
		go func(s *subscriber) {
			defer readers.Done()
			s.read(readCtx)
		}(s)
	}

	// Post at the requested rate.
	cpuBefore := serverCPU(cfg.ServerPID)
	interval := time.Duration(float64(time.Second) / cfg.Rate)
	ticker := time.NewTicker(interval)
	deadline := time.Now().Add(cfg.Duration)
	for time.Now().Before(deadline) {
		<-ticker.C
		err := gql(`mutation($in: PostIncidentUpdateInput!) { postIncidentUpdate(input: $in) { update { id } } }`,
			map[string]any{"in": map[string]any{"incidentId": inc.ID, "body": "load test update " + strconv.Itoa(rep.Posted)}}, nil)
		if err != nil {
			return rep, err
		}
		rep.Posted++
	}
	ticker.Stop()
	// Each post is one event; give stragglers time to arrive.
	want := int64(rep.Posted)
	drainUntil := time.Now().Add(15 * time.Second)
	for time.Now().Before(drainUntil) {
		done := true
		for _, s := range subs {
			if s != nil && atomic.LoadInt64(&s.delivered)+atomic.LoadInt64(&s.dup) < want && atomic.LoadInt64(&s.lost) == 0 {
				done = false
				break
			}
		}
		if done {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	cpuUsed := serverCPU(cfg.ServerPID) - cpuBefore
	stopReading()
	for _, s := range subs {
		if s != nil {
			s.conn.CloseNow()
		}
	}
	readers.Wait()

	var all []time.Duration
	for _, s := range subs {
		if s == nil {
			continue
		}
		rep.Expected += want
		rep.Delivered += s.delivered
		rep.Duplicated += s.dup
		missing := want - s.delivered
		if missing > 0 {
			rep.Lost += missing
		}
		all = append(all, s.latencies...)
	}
	rep.LatencyP50, rep.LatencyP95, rep.LatencyP99, rep.LatencyMax = percentiles(all)
	if rep.Delivered > 0 {
		rep.ServerCPUPerEvent = cpuUsed / time.Duration(rep.Delivered)
	}
	return rep, nil
}

// percentiles sorts the latencies and returns p50, p95, p99 and the maximum.
func percentiles(all []time.Duration) (p50, p95, p99, max time.Duration) {
	slices.Sort(all)
	n := len(all)
	if n == 0 {
		return 0, 0, 0, 0
	}
	return all[n*50/100], all[n*95/100], all[n*99/100], all[n-1]
}

func connect(ctx context.Context, cfg SubscriberConfig, incidentID, after string) (*subscriber, error) {
	dctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	conn, _, err := websocket.Dial(dctx, "ws"+strings.TrimPrefix(cfg.URL, "http")+"/graphql",
		&websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
	if err != nil {
		return nil, err
	}
	fail := func(err error) (*subscriber, error) { conn.CloseNow(); return nil, err }
	if err := wsjson.Write(dctx, conn, map[string]any{"type": "connection_init",
		"payload": map[string]string{"Authorization": "Bearer " + cfg.Key}}); err != nil {
		return fail(err)
	}
	var ack struct{ Type string }
	if err := wsjson.Read(dctx, conn, &ack); err != nil || ack.Type != "connection_ack" {
		return fail(fmt.Errorf("no ack: %v %s", err, ack.Type))
	}
	err = wsjson.Write(dctx, conn, map[string]any{"type": "subscribe", "id": "1", "payload": map[string]any{
		"query":     `subscription($id: ID!, $after: String) { incidentEvents(incidentId: $id, after: $after) { sequence occurredAt } }`,
		"variables": map[string]any{"id": incidentID, "after": after}}})
	if err != nil {
		return fail(err)
	}
	return &subscriber{conn: conn}, nil
}

// read consumes events. It picks sequence and occurredAt out of each frame
// without a JSON decoder, into one reused buffer: on one shared machine, the
// load generator's CPU is taken from the server under test.
func (s *subscriber) read(ctx context.Context) {
	var buf bytes.Buffer
	for {
		_, r, err := s.conn.Reader(ctx)
		if err != nil {
			return
		}
		buf.Reset()
		if _, err := buf.ReadFrom(r); err != nil {
			return
		}
		frame := buf.Bytes()
		switch {
		case bytes.Contains(frame, []byte(`"type":"next"`)):
			seq, at, ok := parseEvent(frame)
			if !ok {
				continue
			}
			s.latencies = append(s.latencies, time.Since(at))
			switch {
			case seq == s.expected:
				atomic.AddInt64(&s.delivered, 1)
				s.expected++
			case seq < s.expected:
				atomic.AddInt64(&s.dup, 1)
			default:
				atomic.AddInt64(&s.lost, int64(seq-s.expected))
				atomic.AddInt64(&s.delivered, 1)
				s.expected = seq + 1
			}
		case bytes.Contains(frame, []byte(`"type":"ping"`)):
			_ = s.conn.Write(ctx, websocket.MessageText, []byte(`{"type":"pong"}`))
		case bytes.Contains(frame, []byte(`"type":"error"`)), bytes.Contains(frame, []byte(`"type":"complete"`)):
			return
		}
	}
}

var (
	sequenceField   = []byte(`"sequence":`)
	occurredAtField = []byte(`"occurredAt":"`)
)

func parseEvent(frame []byte) (int, time.Time, bool) {
	i := bytes.Index(frame, sequenceField)
	j := bytes.Index(frame, occurredAtField)
	if i < 0 || j < 0 {
		return 0, time.Time{}, false
	}
	rest := frame[i+len(sequenceField):]
	end := bytes.IndexAny(rest, ",}")
	seq, err := strconv.Atoi(string(rest[:end]))
	if err != nil {
		return 0, time.Time{}, false
	}
	rest = frame[j+len(occurredAtField):]
	at, err := time.Parse(time.RFC3339Nano, string(rest[:bytes.IndexByte(rest, '"')]))
	return seq, at, err == nil
}

// rss returns a process's resident memory in bytes (0 if unknown).
func rss(pid int) int64 {
	if pid <= 0 {
		return 0
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			f := strings.Fields(line)
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb * 1024
		}
	}
	return 0
}

// serverCPU is a process's CPU time so far (user + system), from
// /proc/<pid>/stat; zero when pid is not set or not readable.
func serverCPU(pid int) time.Duration {
	if pid <= 0 {
		return 0
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	// The command name (field 2) may hold spaces; count from after it.
	fields := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	if len(fields) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(fields[11], 10, 64)
	stime, _ := strconv.ParseInt(fields[12], 10, 64)
	// Linux reports clock ticks of USER_HZ, which is 100 on every
	// architecture Go supports.
	return time.Duration(utime+stime) * (time.Second / 100)
}

// raiseFileLimit lets one process hold thousands of sockets.
func raiseFileLimit() {
	var l syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_NOFILE, &l) == nil && l.Cur < l.Max {
		l.Cur = l.Max
		_ = syscall.Setrlimit(syscall.RLIMIT_NOFILE, &l)
	}
}
