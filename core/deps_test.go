package core_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// allowedModules are the packages from outside the standard library core may use:
// shopspring/decimal for money, and x/text's character encodings (with the transform
// package they are built on) so the CSV import decodes Windows-1252 with x/text's
// table instead of one of its own. Both are pure computation: no storage, no window,
// no files.
var allowedModules = []string{
	"github.com/shopspring/decimal",
	"golang.org/x/text/encoding",
	"golang.org/x/text/transform",
}

// TestCoreImportsNoFyneAndNoSQL keeps core free of the GUI toolkit and of storage:
// besides the standard library it may use allowedModules only.
func TestCoreImportsNoFyneAndNoSQL(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "paminn/core").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		switch {
		case dep == "database/sql", strings.HasPrefix(dep, "fyne.io/"), strings.HasPrefix(dep, "modernc.org/"):
			t.Errorf("core depends on %s", dep)
		case strings.Contains(strings.SplitN(dep, "/", 2)[0], ".") && !allowed(dep):
			t.Errorf("core depends on the module %s; only %s are allowed", dep, strings.Join(allowedModules, ", "))
		}
	}
}

// allowed reports whether dep is one of allowedModules or a package inside one.
func allowed(dep string) bool {
	for _, m := range allowedModules {
		if dep == m || strings.HasPrefix(dep, m+"/") {
			return true
		}
	}
	return false
}

// fileIO are the standard packages that reach the file system or the process's
// environment. Core decides and the edges act: files the user names are read by the
// channels (data/amili reads the key file and the invoice PDF, data/letter makes the
// letters folder), the book by data, and main.go wires them.
var fileIO = []string{"os", "io/ioutil", "io/fs", "path/filepath", "os/exec", "os/user"}

// TestCoreOpensNoFiles keeps file I/O at the edges: core's own code (tests aside)
// imports none of fileIO.
func TestCoreOpensNoFiles(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{join .Imports "\n"}}`, "paminn/core").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, imp := range strings.Fields(string(out)) {
		if slices.Contains(fileIO, imp) {
			t.Errorf("core imports %s; file I/O belongs to data, behind an interface core declares", imp)
		}
	}
}
