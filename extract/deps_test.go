package extract

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImports enforces the package's rule (doc.go): extract is pure, so it
// imports no network, file system or search library.
func TestImports(t *testing.T) {
	checkImports(t, ".", "net/http", "os", "github.com/blevesearch/bleve/v2")
}

func checkImports(t *testing.T, pkg string, forbidden ...string) {
	t.Helper()
	out, err := exec.Command("go", "list", "-f", `{{join .Imports "\n"}}`, pkg).Output()
	if err != nil {
		t.Skipf("go list not available: %v", err)
	}
	for _, imp := range strings.Fields(string(out)) {
		for _, f := range forbidden {
			if imp == f || strings.HasPrefix(imp, f+"/") {
				t.Errorf("%s imports %s, which its doc.go forbids", pkg, imp)
			}
		}
	}
}
