package main

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"firebreak/internal/testenv"
	"firebreak/internal/testenv/faults"
)

// `make run` is scripts/with-services.sh running `firebreak all`: a
// SIGTERM (a process manager, `kill`) or SIGINT sent to the script must
// reach Firebreak, which shuts down cleanly, and the script then exits with
// its status.
func TestServicesScriptPassesSignalsOn(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			addr := fmt.Sprintf("127.0.0.1:%d", testenv.FreePort(t))
			cmd := exec.Command("../../scripts/with-services.sh", "--", faults.Binary(t), "serve")
			cmd.Env = append(os.Environ(), "DATABASE_URL="+env.DatabaseURL, "REDIS_URL="+env.RedisURL,
				"FIREBREAK_ADDR="+addr, "FIREBREAK_DRAIN_DELAY=0s", "FIREBREAK_LOG_LEVEL=warn", "FIREBREAK_EVENTS_CHANNEL="+env.Channel)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			t.Cleanup(func() { _ = cmd.Process.Kill() })
			testenv.WaitForHTTP(t, "http://"+addr+"/readyz")

			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			select {
			case err := <-exited:
				var exit *exec.ExitError
				if err != nil && !errors.As(err, &exit) {
					t.Fatal(err)
				}
				if err != nil {
					t.Errorf("the script exited with %v; Firebreak should have shut down cleanly (0)", err)
				}
			case <-time.After(30 * time.Second):
				t.Fatalf("the script did not exit after %s", sig)
			}
			// Firebreak itself is gone: nothing listens on its address.
			if conn, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
				conn.Close()
				t.Errorf("something still listens on %s", addr)
			}
		})
	}
}

// A command killed from outside (the OOM killer, kill -9) ends the script
// with its status, instead of leaving it waiting forever with the servers
// it started still running.
func TestServicesScriptEndsWhenTheCommandIsKilled(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	cmd := exec.Command("../../scripts/with-services.sh", "--", "sh", "-c", "kill -KILL $$")
	cmd.Env = append(os.Environ(), "DATABASE_URL="+env.DatabaseURL, "REDIS_URL="+env.RedisURL)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	select {
	case err := <-exited:
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 128+int(syscall.SIGKILL) {
			t.Fatalf("the script ended with %v, want exit status 137", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the script did not end after its command was killed")
	}
}
