package app_test

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// foundation is what every package may import; the table leaves it out.
var foundation = []string{"models", "internal/apperr", "internal/database"}

// docs/architecture.md has a row per package of the module with the
// module's packages it imports — exactly those, as `go list` says, less
// the foundation — so the map of the house cannot drift from the house.
func TestArchitectureDocListsEveryPackageWithItsImports(t *testing.T) {
	t.Parallel()
	out, err := exec.Command("go", "list", "-json=ImportPath,Imports", "firebreak/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	actual := map[string][]string{}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p struct {
			ImportPath string
			Imports    []string
		}
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		var own []string
		for _, imp := range p.Imports {
			if rest, ok := strings.CutPrefix(imp, "firebreak/"); ok && !slices.Contains(foundation, rest) {
				own = append(own, rest)
			}
		}
		actual[strings.TrimPrefix(p.ImportPath, "firebreak/")] = own
	}

	f, err := os.Open("../../docs/architecture.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	row := regexp.MustCompile("^\\| `([^`]+)` \\|[^|]*\\|([^|]*)\\|$")
	name := regexp.MustCompile("`([^`]+)`")
	documented := map[string][]string{}
	for s := bufio.NewScanner(f); s.Scan(); {
		m := row.FindStringSubmatch(s.Text())
		if m == nil {
			continue
		}
		var deps []string
		for _, d := range name.FindAllStringSubmatch(m[2], -1) {
			deps = append(deps, d[1])
		}
		documented[m[1]] = deps
	}
	for pkg, imports := range actual {
		deps, ok := documented[pkg]
		if !ok {
			t.Errorf("docs/architecture.md has no row for %s (it imports %s)", pkg, list(imports))
			continue
		}
		slices.Sort(deps)
		slices.Sort(imports)
		if !slices.Equal(deps, imports) {
			t.Errorf("docs/architecture.md says %s depends on %s; it imports %s", pkg, list(deps), list(imports))
		}
	}
	for pkg := range documented {
		if _, ok := actual[pkg]; !ok {
			t.Errorf("docs/architecture.md has a row for %s, which is not a package", pkg)
		}
	}
}

func list(pkgs []string) string {
	if len(pkgs) == 0 {
		return "nothing of the module"
	}
	return "`" + strings.Join(pkgs, "`, `") + "`"
}
