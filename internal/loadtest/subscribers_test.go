package loadtest

import (
	"context"
	"os"
	"testing"
	"time"
)

func TestParseEvent(t *testing.T) {
	t.Parallel()
	frame := []byte(`{"id":"1","type":"next","payload":{"data":{"incidentEvents":{"sequence":42,"occurredAt":"2026-11-24T07:22:02.123456Z"}}}}`)
	seq, at, ok := parseEvent(frame)
	want := time.Date(2026, 11, 24, 7, 22, 2, 123456000, time.UTC)
	if !ok || seq != 42 || !at.Equal(want) {
		t.Fatalf("parseEvent = %d %s %v", seq, at, ok)
	}
	if _, _, ok := parseEvent([]byte(`{"type":"next","payload":{"errors":[]}}`)); ok {
		t.Fatal("a frame without an event must not parse")
	}
}

func TestTCPFloorDeliversEveryMessageToEveryConnection(t *testing.T) {
	t.Parallel()
	rep, err := RunTCPFloor(context.Background(), TCPFloorConfig{Connections: 20, Rate: 50, Duration: 200 * time.Millisecond, Size: 300})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Messages == 0 || rep.Delivered != int64(rep.Messages*20) {
		t.Fatalf("%d messages to 20 connections, %d delivered", rep.Messages, rep.Delivered)
	}
	if rep.LatencyMax <= 0 || rep.LatencyP50 > rep.LatencyMax {
		t.Fatalf("latencies not measured: %+v", rep)
	}
}

func TestServerCPUReadsAProcess(t *testing.T) {
	t.Parallel()
	before := serverCPU(os.Getpid())
	deadline := time.Now().Add(5 * time.Second)
	for serverCPU(os.Getpid()) <= before { // spin until a tick is counted
		if time.Now().After(deadline) {
			t.Fatal("no CPU time counted for a busy process")
		}
	}
	if serverCPU(0) != 0 {
		t.Error("no pid: no CPU")
	}
}
