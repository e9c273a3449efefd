package index

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImports enforces the package's rule (doc.go): index depends on
// corpus and bleve, never on ingest, extract or the CLI.
func TestImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", ".").Output()
	if err != nil {
		t.Skipf("go list not available: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, f := range []string{"ingest", "extract", "cmd"} {
			if p := "github.com/tinso/tinso/" + f; dep == p || strings.HasPrefix(dep, p+"/") {
				t.Errorf("index depends on %s, which its doc.go forbids", dep)
			}
		}
	}
}
