package faults

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"firebreak/internal/database"
	"firebreak/internal/testenv"
	"firebreak/migrations"
)

// PostgresPair is a PostgreSQL primary and a streaming standby of the
// test's own (pg_basebackup), optionally with synchronous replication: a
// commit acknowledged only once the standby has it, so a promoted standby
// has every write a client was told succeeded.
type PostgresPair struct {
	// URL names both hosts with target_session_attrs=read-write: clients
	// connect to whichever accepts writes.
	URL                      string
	PrimaryPort, StandbyPort int
	bin, owner               string
	primaryData, standbyData string
}

// StartPostgresPair initialises the primary (the firebreak database
// migrated), clones the standby from it and waits until it replicates —
// synchronously when synchronous is set (then writes wait for the standby,
// and stop while it is down); both stop with the test.
func StartPostgresPair(t testing.TB, synchronous bool) *PostgresPair {
	t.Helper()
	p := &PostgresPair{PrimaryPort: testenv.FreePort(t), StandbyPort: testenv.FreePort(t), bin: postgresBin(t)}
	// PostgreSQL refuses to run as root: as root the clusters belong to the
	// postgres user, in a folder it can reach (t.TempDir's parents are
	// root's alone).
	root, err := os.MkdirTemp("", "firebreak-pgpair-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(root) })
	if err := os.Chmod(root, 0o755); err != nil {
		t.Fatal(err)
	}
	if os.Getuid() == 0 {
		p.owner = "postgres"
		u, err := user.Lookup(p.owner)
		if err != nil {
			t.Fatalf("running as root needs the postgres user (make test's bootstrap creates it): %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(root, uid, gid); err != nil {
			t.Fatal(err)
		}
	}
	p.primaryData, p.standbyData = filepath.Join(root, "primary"), filepath.Join(root, "standby")

	p.run(t, "initdb", "-D", p.primaryData, "-U", "firebreak", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
	p.appendConf(t, p.primaryData, "listen_addresses = '127.0.0.1'\nunix_socket_directories = ''\nwal_level = replica\n"+
		"max_wal_senders = 4\nmax_connections = 100\n")
	p.appendFile(t, filepath.Join(p.primaryData, "pg_hba.conf"), "host replication firebreak 127.0.0.1/32 trust\n")
	p.start(t, p.primaryData, p.PrimaryPort)
	t.Cleanup(func() { p.stop(p.primaryData) })

	admin, err := database.Open(fmt.Sprintf("postgres://firebreak@127.0.0.1:%d/postgres?sslmode=disable", p.PrimaryPort), 1)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE DATABASE firebreak"); err != nil {
		t.Fatal(err)
	}
	db, err := database.Open(fmt.Sprintf("postgres://firebreak@127.0.0.1:%d/firebreak?sslmode=disable", p.PrimaryPort), 2)
	if err != nil {
		t.Fatal(err)
	}
	_, err = migrations.Up(context.Background(), db)
	db.Close()
	if err != nil {
		t.Fatalf("migrate: %v", err)
	}

	p.run(t, "pg_basebackup", "-h", "127.0.0.1", "-p", strconv.Itoa(p.PrimaryPort), "-U", "firebreak", "-D", p.standbyData, "-R", "-X", "stream", "--checkpoint=fast")
	// The standby copied the primary's settings; once promoted it has no
	// standby of its own to wait for.
	p.appendConf(t, p.standbyData, fmt.Sprintf("primary_conninfo = 'host=127.0.0.1 port=%d user=firebreak application_name=standby'\n"+
		"synchronous_standby_names = ''\n", p.PrimaryPort))
	p.start(t, p.standbyData, p.StandbyPort)
	t.Cleanup(func() { p.stop(p.standbyData) })
	want := "async"
	if synchronous {
		// Now that there is a standby, commits wait for it.
		p.appendConf(t, p.primaryData, "synchronous_standby_names = 'standby'\nsynchronous_commit = on\n")
		p.run(t, "pg_ctl", "-D", p.primaryData, "reload")
		want = "sync"
	}
	waitUntil(t, 30*time.Second, "the standby to replicate", func(ctx context.Context) bool {
		var state string
		err := admin.NewRaw("SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby'").Scan(ctx, &state)
		return err == nil && state == want
	})
	p.URL = fmt.Sprintf("postgres://firebreak@127.0.0.1:%d,127.0.0.1:%d/firebreak?sslmode=disable&target_session_attrs=read-write",
		p.PrimaryPort, p.StandbyPort)
	return p
}

// StopPrimary stops the primary at once (immediate: no checkpoint, clients
// cut off), as a crash would.
func (p *PostgresPair) StopPrimary(t testing.TB) {
	t.Helper()
	p.run(t, "pg_ctl", "-D", p.primaryData, "-m", "immediate", "-w", "stop")
}

// PromoteStandby makes the standby the primary and waits until it takes
// writes.
func (p *PostgresPair) PromoteStandby(t testing.TB) {
	t.Helper()
	p.run(t, "pg_ctl", "-D", p.standbyData, "-w", "promote")
}

// StopStandby stops the standby at once.
func (p *PostgresPair) StopStandby(t testing.TB) {
	t.Helper()
	p.run(t, "pg_ctl", "-D", p.standbyData, "-m", "immediate", "-w", "stop")
}

// StandbyURL reaches the standby (the new primary after a promotion) alone.
func (p *PostgresPair) StandbyURL() string {
	return fmt.Sprintf("postgres://firebreak@127.0.0.1:%d/firebreak?sslmode=disable", p.StandbyPort)
}

func (p *PostgresPair) start(t testing.TB, data string, port int) {
	t.Helper()
	p.run(t, "pg_ctl", "-D", data, "-o", "-p "+strconv.Itoa(port), "-l", filepath.Join(data, "server.log"), "-w", "-t", "60", "start")
}

func (p *PostgresPair) stop(data string) {
	_ = p.command("pg_ctl", "-D", data, "-m", "immediate", "-w", "stop").Run()
}

func (p *PostgresPair) command(name string, args ...string) *exec.Cmd {
	path := filepath.Join(p.bin, name)
	if p.owner != "" {
		cmd := exec.Command("runuser", append([]string{"-u", p.owner, "--", path}, args...)...)
		cmd.Dir = "/"
		return cmd
	}
	return exec.Command(path, args...)
}

func (p *PostgresPair) run(t testing.TB, name string, args ...string) {
	t.Helper()
	if out, err := p.command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
}

func (p *PostgresPair) appendConf(t testing.TB, data, lines string) {
	t.Helper()
	p.appendFile(t, filepath.Join(data, "postgresql.auto.conf"), lines)
}

// appendFile appends as the clusters' owner (the file is theirs).
func (p *PostgresPair) appendFile(t testing.TB, path, lines string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(lines); err != nil {
		t.Fatal(err)
	}
}

// postgresBin finds PostgreSQL's server programs (Debian's layout, or on
// the PATH).
func postgresBin(t testing.TB) string {
	t.Helper()
	if dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin"); len(dirs) > 0 {
		return dirs[len(dirs)-1]
	}
	if path, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(path)
	}
	t.Fatal("PostgreSQL's server programs are not installed: run the tests with `make test`")
	return ""
}
