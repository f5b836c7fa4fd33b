package loadtest

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"syscall"
	"time"
)

// TCPFloorConfig describes a run of the machine's fan-out floor: the same
// number of loopback connections and messages as a subscriber run, with no
// websocket, GraphQL, JSON, database or Redis in the way.
type TCPFloorConfig struct {
	Connections int
	Rate        float64 // messages per second, each written to every connection
	Duration    time.Duration
	Size        int // bytes per message, about one incidentEvents frame
}

// TCPFloorReport is what the floor run measured.
type TCPFloorReport struct {
	Connections, Messages              int
	Delivered                          int64
	LatencyP50, LatencyP95, LatencyP99 time.Duration
	LatencyMax                         time.Duration
	UserCPU, SystemCPU                 time.Duration
	Elapsed                            time.Duration
}

func (r TCPFloorReport) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "connections:     %d, %d messages each, %d delivered\n", r.Connections, r.Messages, r.Delivered)
	fmt.Fprintf(&b, "latency:         p50 %s, p95 %s, p99 %s, max %s (write start → read)\n",
		r.LatencyP50.Round(time.Millisecond/10), r.LatencyP95.Round(time.Millisecond/10), r.LatencyP99.Round(time.Millisecond/10), r.LatencyMax.Round(time.Millisecond))
	fmt.Fprintf(&b, "cpu:             %.2f cores (user %.2f, system %.2f)\n",
		(r.UserCPU+r.SystemCPU).Seconds()/r.Elapsed.Seconds(), r.UserCPU.Seconds()/r.Elapsed.Seconds(), r.SystemCPU.Seconds()/r.Elapsed.Seconds())
	return b.String()
}

// RunTCPFloor writes every message to every connection from one process and
// reads them back in the same process, as the server and the load tool do on
// one machine. It shows what the hardware and kernel cost before any of
// Firebreak's work.
func RunTCPFloor(ctx context.Context, cfg TCPFloorConfig) (TCPFloorReport, error) {
	raiseFileLimit()
	if cfg.Size < 8 {
		cfg.Size = 8
	}
	rep := TCPFloorReport{Connections: cfg.Connections}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return rep, err
	}
	defer ln.Close()

	servers := make([]net.Conn, 0, cfg.Connections)
	var (
		mu        sync.Mutex
		latencies []time.Duration
		readers   sync.WaitGroup
	)
	defer func() {
		for _, c := range servers {
			c.Close()
		}
	}()
	for range cfg.Connections {
		client, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			return rep, fmt.Errorf("connection %d: %w", len(servers)+1, err)
		}
		server, err := ln.Accept()
		if err != nil {
			client.Close()
			return rep, err
		}
		servers = append(servers, server)
		readers.Add(1)
		go func() {
			defer readers.Done()
			defer client.Close()
			buf := make([]byte, cfg.Size)
			for {
				if _, err := io.ReadFull(client, buf); err != nil {
					return
				}
				sent := time.Unix(0, int64(binary.LittleEndian.Uint64(buf)))
				d := time.Since(sent)
				mu.Lock()
				latencies = append(latencies, d)
				mu.Unlock()
			}
		}()
	}

	msg := make([]byte, cfg.Size)
	tick := time.NewTicker(time.Duration(float64(time.Second) / cfg.Rate))
	defer tick.Stop()
	user0, sys0 := ProcessCPU()
	start := time.Now()
	for time.Since(start) < cfg.Duration && ctx.Err() == nil {
		<-tick.C
		binary.LittleEndian.PutUint64(msg, uint64(time.Now().UnixNano()))
		rep.Messages++
		// One writer per core, like a server fanning out on every core.
		var writers sync.WaitGroup
		for w := range 2 {
			writers.Add(1)
			go func() {
				defer writers.Done()
				for i := w; i < len(servers); i += 2 {
					_, _ = servers[i].Write(msg)
				}
			}()
		}
		writers.Wait()
	}
	rep.Elapsed = time.Since(start)
	user1, sys1 := ProcessCPU()
	rep.UserCPU, rep.SystemCPU = user1-user0, sys1-sys0

	for _, c := range servers {
		c.Close()
	}
	servers = nil
	readers.Wait()
	rep.Delivered = int64(len(latencies))
	rep.LatencyP50, rep.LatencyP95, rep.LatencyP99, rep.LatencyMax = percentiles(latencies)
	return rep, nil
}

// ProcessCPU is the CPU time this process has used so far, in user and
// system mode.
func ProcessCPU() (user, system time.Duration) {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0, 0
	}
	return time.Duration(ru.Utime.Nano()), time.Duration(ru.Stime.Nano())
}
