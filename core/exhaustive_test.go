package core_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"paminn/core"
)

// listedKinds are core's kinds of value that are lists: each constant of the type
// must be in its list, every switch over the type must name each constant, and no
// code compares with one of them by == or != (a two-valued test that silently
// takes a new value for the other). The list gives the values a new one must join.
var listedKinds = map[string][]string{
	"ReminderType": stringsOf(core.AllReminderTypes()),
	"Channel":      stringsOf(core.AllChannels()),
	"ProblemCode":  stringsOf(core.AllProblemCodes()),
	"PaymentOrder": stringsOf(core.PaymentOrders),
	"StepAction":   stringsOf(core.AllStepActions()),
}

func stringsOf[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// constant is one named value of a listed kind.
type constant struct{ kind, value string }

// TestEveryListedConstantIsInItsList reads core's constants of the listed kinds and
// checks that each list holds exactly them, so a value added to the constants but
// not to the list (which the dialog, the summary and these tests walk) fails.
func TestEveryListedConstantIsInItsList(t *testing.T) {
	consts := listedConstants(t)
	for kind, list := range listedKinds {
		var declared []string
		for _, c := range consts {
			if c.kind == kind {
				declared = append(declared, c.value)
			}
		}
		sort.Strings(declared)
		listed := slices.Sorted(slices.Values(list))
		if !slices.Equal(declared, listed) {
			t.Errorf("core's %s constants are %q, but its list holds %q", kind, declared, listed)
		}
	}
}

// TestEverySwitchOverAListedKindNamesEachValue walks every Go file of the module
// but tests: a switch whose cases name one constant of a listed kind must name
// them all (a default is no substitute: it is where a forgotten value falls
// silently), and no == or != compares with such a constant. A new reminder type,
// channel or problem code therefore fails here in each place that has to decide
// what it means, until that place says so.
func TestEverySwitchOverAListedKindNamesEachValue(t *testing.T) {
	consts := listedConstants(t)
	fset := token.NewFileSet()
	root := ".."
	switches := map[string]int{} // by the module's top folder, so that a blind scan shows
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		inCore := filepath.Dir(path) == filepath.Join(root, "core")
		top := strings.SplitN(filepath.ToSlash(strings.TrimPrefix(path, root+string(filepath.Separator))), "/", 2)[0]
		switches[top] += checkFile(t, fset, f, consts, constantNamer(f, inCore, consts))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, top := range []string{"core", "data", "gui"} {
		if switches[top] == 0 {
			t.Errorf("found no switch over a listed kind in %s: the scan has gone blind", top)
		}
	}
}

// constantNamer returns what a file calls each listed constant: its bare name in
// package core itself, core.Name (by the import's name) elsewhere.
func constantNamer(f *ast.File, inCore bool, consts map[string]constant) func(ast.Expr) (string, bool) {
	qualifier := ""
	for _, imp := range f.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == "paminn/core" {
			qualifier = "core"
			if imp.Name != nil {
				qualifier = imp.Name.Name
			}
		}
	}
	return func(e ast.Expr) (string, bool) {
		switch e := e.(type) {
		case *ast.Ident:
			if inCore {
				_, ok := consts[e.Name]
				return e.Name, ok
			}
		case *ast.SelectorExpr:
			if x, ok := e.X.(*ast.Ident); ok && qualifier != "" && x.Name == qualifier {
				_, ok := consts[e.Sel.Name]
				return e.Sel.Name, ok
			}
		case *ast.ParenExpr:
			return constantNamer(f, inCore, consts)(e.X)
		}
		return "", false
	}
}

// checkFile reports the switches of f that leave out a listed constant, and its
// comparisons with one; it returns how many switches over a listed kind it saw.
func checkFile(t *testing.T, fset *token.FileSet, f *ast.File, consts map[string]constant, named func(ast.Expr) (string, bool)) int {
	count := 0
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SwitchStmt:
			seen := map[string]bool{}
			kinds := map[string]bool{}
			for _, s := range n.Body.List {
				for _, e := range s.(*ast.CaseClause).List {
					if name, ok := named(e); ok {
						seen[name] = true
						kinds[consts[name].kind] = true
					}
				}
			}
			if len(kinds) > 0 {
				count++
			}
			for kind := range kinds {
				var missing []string
				for name, c := range consts {
					if c.kind == kind && !seen[name] {
						missing = append(missing, name)
					}
				}
				if len(missing) > 0 {
					sort.Strings(missing)
					t.Errorf("%s: a switch over %s leaves out %s", fset.Position(n.Pos()), kind, strings.Join(missing, ", "))
				}
			}
		case *ast.BinaryExpr:
			if n.Op != token.EQL && n.Op != token.NEQ {
				return true
			}
			for _, side := range []ast.Expr{n.X, n.Y} {
				if name, ok := named(side); ok {
					t.Errorf("%s: compares with %s by %s; switch over every %s, or ask one of its properties",
						fset.Position(n.Pos()), name, n.Op, consts[name].kind)
				}
			}
		}
		return true
	})
	return count
}

// listedConstantsCache is what listedConstants found, by constant name.
var listedConstantsCache map[string]constant

// listedConstants parses core's own files for the constants of the listed kinds,
// by name.
func listedConstants(t *testing.T) map[string]constant {
	t.Helper()
	if listedConstantsCache != nil {
		return listedConstantsCache
	}
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	consts := map[string]constant{}
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			g, ok := decl.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				v := spec.(*ast.ValueSpec)
				typ, ok := v.Type.(*ast.Ident)
				if !ok || listedKinds[typ.Name] == nil {
					continue
				}
				for i, name := range v.Names {
					lit, ok := v.Values[i].(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						t.Fatalf("%s: %s is no string literal", fset.Position(name.Pos()), name.Name)
					}
					value, _ := strconv.Unquote(lit.Value)
					consts[name.Name] = constant{typ.Name, value}
				}
			}
		}
	}
	if len(consts) == 0 {
		t.Fatal("found no constants of the listed kinds: the scan has gone blind")
	}
	listedConstantsCache = consts
	return consts
}
