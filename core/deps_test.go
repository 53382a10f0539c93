package core_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestCoreImportsNoFyneAndNoSQL keeps core free of the GUI toolkit and of storage:
// besides the standard library it may use shopspring/decimal only.
func TestCoreImportsNoFyneAndNoSQL(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "paminn/core").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		switch {
		case dep == "database/sql", strings.HasPrefix(dep, "fyne.io/"), strings.HasPrefix(dep, "modernc.org/"):
			t.Errorf("core depends on %s", dep)
		case strings.Contains(strings.SplitN(dep, "/", 2)[0], ".") &&
			!strings.HasPrefix(dep, "github.com/shopspring/decimal"):
			t.Errorf("core depends on the module %s; only shopspring/decimal is allowed", dep)
		}
	}
}
