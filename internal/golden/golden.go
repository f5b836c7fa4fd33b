// Package golden compares rendered output with files checked into testdata.
package golden

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"
)

// JSON compares JSON got, indented, with the file at path; update
// rewrites the file instead (each package's -update flag).
func JSON(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, got, "", "  "); err != nil {
		t.Fatal(err)
	}
	pretty.WriteByte('\n')
	if update {
		if err := os.WriteFile(path, pretty.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the package's tests with -update to create it)", err)
	}
	if !bytes.Equal(pretty.Bytes(), want) {
		t.Errorf("%s differs from the golden file:\n%s", path, pretty.Bytes())
	}
}
