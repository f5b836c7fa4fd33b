package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"

	"firebreak/internal/testenv"
	"firebreak/internal/testenv/faults"
)

// loadCompose reads compose.yaml with compose-go, the loader `docker compose
// config` uses: schema validation, anchors, interpolation. No Docker engine
// runs here, so this and running the binary as the file says are the check.
func loadCompose(t *testing.T) *types.Project {
	t.Helper()
	opts, err := cli.NewProjectOptions([]string{"../../compose.yaml"}, cli.WithName("firebreak"), cli.WithWorkingDirectory("../.."))
	if err != nil {
		t.Fatal(err)
	}
	project, err := opts.LoadProject(context.Background())
	if err != nil {
		t.Fatalf("compose.yaml does not load: %v", err)
	}
	return project
}

func TestComposeFileDescribesTheStack(t *testing.T) {
	t.Parallel()
	p := loadCompose(t)
	if resolved, err := p.MarshalYAML(); err == nil {
		t.Logf("compose.yaml as compose resolves it:\n%s", resolved)
	}
	names := p.ServiceNames()
	sort.Strings(names)
	if strings.Join(names, " ") != "api migrate postgres redis worker" {
		t.Fatalf("services: %v", names)
	}
	for _, v := range []string{"postgres-data", "redis-data"} {
		if _, ok := p.Volumes[v]; !ok {
			t.Errorf("named volume %s missing", v)
		}
	}
	if _, err := os.Stat("../../Dockerfile"); err != nil {
		t.Fatal(err)
	}
	migrate := p.Services["migrate"]
	if migrate.Restart != "no" || strings.Join(migrate.Command, " ") != "migrate up" || migrate.Build == nil {
		t.Errorf("migrate must be a one-shot `migrate up` built from the Dockerfile: %+v", migrate)
	}
	for _, name := range []string{"api", "worker"} {
		s := p.Services[name]
		if s.Build == nil || s.HealthCheck == nil || len(s.HealthCheck.Test) == 0 {
			t.Errorf("%s: built from the Dockerfile, with a healthcheck", name)
		}
		if dep := s.DependsOn["migrate"]; dep.Condition != types.ServiceConditionCompletedSuccessfully {
			t.Errorf("%s must wait for migrate to finish: %+v", name, s.DependsOn)
		}
		if dep := s.DependsOn["redis"]; dep.Condition != types.ServiceConditionHealthy {
			t.Errorf("%s must wait for a healthy redis: %+v", name, s.DependsOn)
		}
	}
	for _, name := range []string{"postgres", "redis"} {
		if s := p.Services[name]; s.HealthCheck == nil || len(s.Volumes) == 0 {
			t.Errorf("%s: a healthcheck and a named volume", name)
		}
	}
}

// The binary starts with exactly the environment compose gives each service,
// but for the addresses that only exist inside compose's network (database,
// Redis, listening ports), which point at this test's services instead.
func TestBinaryRunsWithTheComposeEnvironment(t *testing.T) {
	p := loadCompose(t)
	env := testenv.New(t)
	apiPort, metricsPort := testenv.FreePort(t), testenv.FreePort(t)
	local := map[string]string{
		"DATABASE_URL":                  env.DatabaseURL,
		"REDIS_URL":                     env.RedisURL,
		"FIREBREAK_ADDR":                fmt.Sprintf("127.0.0.1:%d", apiPort),
		"FIREBREAK_WORKER_METRICS_ADDR": fmt.Sprintf("127.0.0.1:%d", metricsPort),
	}
	environment := func(service string) []string {
		var out []string
		for k, v := range p.Services[service].Environment {
			if v == nil {
				t.Fatalf("%s: %s has no value", service, k)
			}
			value := *v
			if l, ok := local[k]; ok {
				value = l
			}
			out = append(out, k+"="+value)
		}
		slices.Sort(out)
		return out
	}
	// The container's filesystem path and ports, as this machine has them.
	healthcheck := func(service string) []string {
		test := p.Services[service].HealthCheck.Test
		if test[0] != "CMD" || test[1] != "/usr/local/bin/firebreak" || test[2] != "healthcheck" {
			t.Fatalf("%s healthcheck: %v", service, test)
		}
		url := strings.NewReplacer("127.0.0.1:8080", local["FIREBREAK_ADDR"], "127.0.0.1:9091", local["FIREBREAK_WORKER_METRICS_ADDR"]).Replace(test[3])
		return []string{"healthcheck", url}
	}

	migrate := exec.Command(faults.Binary(t), p.Services["migrate"].Command...)
	migrate.Env = environment("migrate")
	if out, err := migrate.CombinedOutput(); err != nil {
		t.Fatalf("migrate with the compose environment: %v\n%s", err, out)
	}
	for _, name := range []string{"api", "worker"} {
		faults.StartProcessExactEnv(t, environment(name), p.Services[name].Command...)
	}
	for _, name := range []string{"api", "worker"} {
		deadline := time.Now().Add(20 * time.Second)
		for {
			check := exec.Command(faults.Binary(t), healthcheck(name)...)
			out, err := check.CombinedOutput()
			if err == nil {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s healthcheck never passed: %v %s", name, err, out)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
}
