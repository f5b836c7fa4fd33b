package faults

import (
	"firebreak/internal/testenv"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	buildOnce sync.Once
	binary    string
	buildErr  error
)

// Binary builds cmd/firebreak once per test process and returns its path.
func Binary(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		out, err := exec.Command("go", "env", "GOMOD").Output()
		if err != nil {
			buildErr = err
			return
		}
		root := filepath.Dir(strings.TrimSpace(string(out)))
		dir, err := os.MkdirTemp("", "firebreak-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binary = filepath.Join(dir, "firebreak")
		cmd := exec.Command("go", "build", "-o", binary, "./cmd/firebreak")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = err
			binary = string(out)
		}
	})
	if buildErr != nil {
		t.Fatalf("build firebreak: %v %s", buildErr, binary)
	}
	return binary
}

// StartProcess runs the firebreak binary with args and extra environment,
// stopping it (by its pid) when the test ends.
func StartProcess(t testing.TB, env []string, args ...string) *exec.Cmd {
	t.Helper()
	return StartProcessExactEnv(t, append(os.Environ(), env...), args...)
}

// StartProcessExactEnv is StartProcess with env as the whole environment,
// nothing inherited (to run the binary as a container would).
func StartProcessExactEnv(t testing.TB, env []string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(Binary(t), args...)
	cmd.Env = env
	cmd.Stderr = &prefixWriter{t: t}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	})
	return cmd
}

// prefixWriter forwards a child's warnings and errors to the test log.
type prefixWriter struct {
	t  testing.TB
	mu sync.Mutex
}

func (w *prefixWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, line := range strings.Split(strings.TrimSpace(string(p)), "\n") {
		if strings.Contains(line, `"level":"WARN"`) || strings.Contains(line, `"level":"ERROR"`) {
			w.t.Log("child: " + line)
		}
	}
	return len(p), nil
}

// RedisServer is a Redis server of the test's own, to stop and restart.
type RedisServer struct {
	Port int
	URL  string
	cmd  *exec.Cmd
	t    testing.TB
	dir  string
}

// StartRedis runs a private redis-server on a free port.
func StartRedis(t testing.TB) *RedisServer {
	t.Helper()
	r := &RedisServer{Port: testenv.FreePort(t), t: t, dir: t.TempDir()}
	r.URL = "redis://127.0.0.1:" + strconv.Itoa(r.Port) + "/0"
	r.Start()
	t.Cleanup(r.Stop)
	return r
}

// Start (re)starts the server and waits until it answers.
func (r *RedisServer) Start() {
	r.t.Helper()
	r.cmd = exec.Command("redis-server", "--bind", "127.0.0.1", "--port", strconv.Itoa(r.Port),
		"--save", "", "--appendonly", "no", "--dir", r.dir)
	if err := r.cmd.Start(); err != nil {
		r.t.Fatalf("redis-server: %v", err)
	}
	testenv.Eventually(r.t, 10*time.Second, "redis-server did not start", func() bool {
		c, err := net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(r.Port))
		if err == nil {
			c.Close()
		}
		return err == nil
	})
}

// Stop kills the server (by its pid) and waits for it to exit.
func (r *RedisServer) Stop() {
	if r.cmd == nil || r.cmd.Process == nil {
		return
	}
	_ = r.cmd.Process.Kill()
	_ = r.cmd.Wait()
	r.cmd = nil
}

// WaitForExit waits for a started process to exit cleanly (status 0).
func WaitForExit(t testing.TB, cmd *exec.Cmd, within time.Duration) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("%s exited with %v", strings.Join(cmd.Args[1:], " "), err)
		}
	case <-time.After(within):
		t.Fatalf("%s did not exit within %s", strings.Join(cmd.Args[1:], " "), within)
	}
}
