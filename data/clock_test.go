package data

import (
	"go/ast"
	"go/parser"
	"go/token"
	"paminn/core"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// ownClock lists the places in package data that may read the system clock, and why:
// none of them stamps a row of the book.
var ownClock = map[string]string{
	"Open":           "names the backup taken before a migration, before any service (and its clock) exists",
	"OpenPostgres":   "stamps the schema versions a server book's migration records, before any service exists",
	"migrationStamp": "the same, for a server book opened by ServerLogin (signing in comes before the service)",
}

// Every time data writes into the book comes from the service's clock, passed in as a
// now or a stamped field (core.Batch.CreatedAt, …), so that a fixed clock in a test,
// and the one clock of the program, hold for every write: no function of package data
// calls time.Now but those in ownClock.
func TestDataTakesTheServicesClock(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok || sel.Sel.Name != "Now" {
					return true
				}
				if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "time" && ownClock[fn.Name.Name] == "" {
					t.Errorf("%s: %s reads time.Now; take the service's clock (a now argument) instead",
						fset.Position(sel.Pos()), fn.Name.Name)
				}
				return true
			})
		}
	}
}

// A batch the service did not stamp is refused rather than stamped by data's own clock.
func TestABatchWithoutItsTimeIsRefused(t *testing.T) {
	s := mustOpen(t)
	inv := mustInvoice(t, s, mustCustomer(t, s, "K1", "Anna AB"), invoiceSpec{number: "A", dueIn: -20, total: "1000"})
	b := newBatch("no-time", core.ReminderManual)
	b.CreatedAt = time.Time{}
	if _, err := s.CreateBatch(ctx, b, []core.Reminder{plannedReminder(inv, core.ChannelLetter)}); core.ErrorCodeOf(err) != core.EINTERNAL {
		t.Fatalf("CreateBatch without CreatedAt: %v, want EINTERNAL", err)
	}
	if bs, err := s.Batches(ctx); err != nil || len(bs) != 0 {
		t.Errorf("batches %+v (%v), want none written", bs, err)
	}
}
