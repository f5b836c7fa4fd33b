package faults

import (
	"context"
	"firebreak/internal/testenv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// RedisSentinelSet is a Redis primary, its replica and three Sentinels
// (quorum two) of the test's own, on loopback ports, as production runs
// Redis for failover.
type RedisSentinelSet struct {
	// URL is the REDIS_URL that reaches the primary through the Sentinels.
	URL                      string
	PrimaryPort, ReplicaPort int
	SentinelPorts            []int
	primary                  *exec.Cmd
}

// MasterName is the name the Sentinels monitor the primary by.
const MasterName = "firebreak"

// StartRedisSentinelSet starts the five servers and waits until the
// replica has synchronised and the Sentinels know it and each other (a
// failover needs both); all stop, by their pids, with the test.
func StartRedisSentinelSet(t testing.TB) *RedisSentinelSet {
	t.Helper()
	s := &RedisSentinelSet{PrimaryPort: testenv.FreePort(t), ReplicaPort: testenv.FreePort(t)}
	s.primary = startRedisProcess(t, s.PrimaryPort)
	startRedisProcess(t, s.ReplicaPort, "--replicaof", "127.0.0.1", strconv.Itoa(s.PrimaryPort))
	replica := redisAt(s.ReplicaPort)
	defer replica.Close()
	waitUntil(t, 20*time.Second, "the replica to synchronise", func(ctx context.Context) bool {
		info, err := replica.Info(ctx, "replication").Result()
		return err == nil && strings.Contains(info, "master_link_status:up")
	})
	dir := t.TempDir()
	for i := range 3 {
		port := testenv.FreePort(t)
		s.SentinelPorts = append(s.SentinelPorts, port)
		conf := filepath.Join(dir, fmt.Sprintf("sentinel-%d.conf", i))
		// Sentinel rewrites its file as it learns: it must be writable.
		body := fmt.Sprintf("port %d\nbind 127.0.0.1\ndir %s\nsentinel monitor %s 127.0.0.1 %d 2\n"+
			"sentinel down-after-milliseconds %s 1000\nsentinel failover-timeout %s 10000\n",
			port, dir, MasterName, s.PrimaryPort, MasterName, MasterName)
		if err := os.WriteFile(conf, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		startProcessUntilListening(t, port, "redis-server", conf, "--sentinel")
	}
	for _, port := range s.SentinelPorts {
		sentinel := redis.NewSentinelClient(&redis.Options{Addr: "127.0.0.1:" + strconv.Itoa(port)})
		t.Cleanup(func() { sentinel.Close() })
		waitUntil(t, 30*time.Second, "the Sentinels to find the replica and each other", func(ctx context.Context) bool {
			replicas, err1 := sentinel.Replicas(ctx, MasterName).Result()
			others, err2 := sentinel.Sentinels(ctx, MasterName).Result()
			return err1 == nil && err2 == nil && len(replicas) == 1 && len(others) == 2
		})
	}
	addrs := make([]string, len(s.SentinelPorts))
	for i, p := range s.SentinelPorts {
		addrs[i] = "addr=127.0.0.1:" + strconv.Itoa(p)
	}
	s.URL = fmt.Sprintf("redis://127.0.0.1:%d/0?master_name=%s&%s", s.SentinelPorts[0], MasterName, strings.Join(addrs[1:], "&"))
	return s
}

// KillPrimary kills the primary (SIGKILL: no goodbye to its clients).
func (s *RedisSentinelSet) KillPrimary(t testing.TB) {
	t.Helper()
	if err := s.primary.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = s.primary.Wait()
}

// WaitForPromotion waits until the Sentinels name the replica the primary.
func (s *RedisSentinelSet) WaitForPromotion(t testing.TB) {
	t.Helper()
	sentinel := redis.NewSentinelClient(&redis.Options{Addr: "127.0.0.1:" + strconv.Itoa(s.SentinelPorts[0])})
	defer sentinel.Close()
	waitUntil(t, 60*time.Second, "the Sentinels to promote the replica", func(ctx context.Context) bool {
		addr, err := sentinel.GetMasterAddrByName(ctx, MasterName).Result()
		return err == nil && len(addr) == 2 && addr[1] == strconv.Itoa(s.ReplicaPort)
	})
}

// startRedisProcess runs a redis-server without persistence on port.
func startRedisProcess(t testing.TB, port int, args ...string) *exec.Cmd {
	t.Helper()
	dir := t.TempDir()
	return startProcessUntilListening(t, port, "redis-server", append([]string{"--bind", "127.0.0.1", "--port", strconv.Itoa(port),
		"--save", "", "--appendonly", "no", "--dir", dir}, args...)...)
}

// startProcessUntilListening starts a server, stopped by its pid with the
// test, and waits until it answers PING on port.
func startProcessUntilListening(t testing.TB, port int, name string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(name, args...)
	if err := cmd.Start(); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	})
	client := redisAt(port)
	defer client.Close()
	waitUntil(t, 10*time.Second, fmt.Sprintf("%s to listen on %d", name, port), func(ctx context.Context) bool {
		return client.Ping(ctx).Err() == nil
	})
	return cmd
}

func redisAt(port int) *redis.Client {
	return redis.NewClient(&redis.Options{Addr: "127.0.0.1:" + strconv.Itoa(port), MaxRetries: -1, PoolSize: 1})
}

// waitUntil polls ok (each with a short deadline) until it holds.
func waitUntil(t testing.TB, within time.Duration, what string, ok func(context.Context) bool) {
	t.Helper()
	testenv.Eventually(t, within, "timed out waiting for "+what, func() bool {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		return ok(ctx)
	})
}

// StartRedisCluster runs a Redis Cluster of three primaries (no replicas)
// on loopback ports of the test's own, formed with redis-cli --cluster
// create, and returns its REDIS_URL (go-redis's cluster form).
func StartRedisCluster(t testing.TB) string {
	t.Helper()
	var ports []string
	for range 3 {
		port := testenv.FreePort(t)
		startRedisProcess(t, port, "--cluster-enabled", "yes", "--cluster-config-file", filepath.Join(t.TempDir(), "nodes.conf"),
			"--cluster-node-timeout", "2000")
		ports = append(ports, strconv.Itoa(port))
	}
	args := []string{"--cluster", "create"}
	for _, p := range ports {
		args = append(args, "127.0.0.1:"+p)
	}
	if out, err := exec.Command("redis-cli", append(args, "--cluster-yes")...).CombinedOutput(); err != nil {
		t.Fatalf("redis-cli --cluster create: %v\n%s", err, out)
	}
	for _, p := range ports {
		port, _ := strconv.Atoi(p)
		node := redisAt(port)
		waitUntil(t, 20*time.Second, "the cluster to be ok", func(ctx context.Context) bool {
			info, err := node.ClusterInfo(ctx).Result()
			return err == nil && strings.Contains(info, "cluster_state:ok")
		})
		node.Close()
	}
	return fmt.Sprintf("redis://127.0.0.1:%s?addr=127.0.0.1:%s&addr=127.0.0.1:%s", ports[0], ports[1], ports[2])
}
