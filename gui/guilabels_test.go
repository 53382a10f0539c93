package gui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// issue 21, "no English on a Swedish screen": every label the GUI's source hands to
// lang (lang.L, lang.X, lang.N with a written-out text) has a Swedish entry, and an
// English one, so no screen falls back to the English key under Swedish. The
// messages of core and data are TestEveryMessageOfCoreAndDataHasASwedishTranslation's.
func TestEveryGUILabelHasASwedishAndAnEnglishEntry(t *testing.T) {
	sv, en := translationFile(t, "sv.json"), translationFile(t, "en.json")
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	labels := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if pkg, isIdent := sel.X.(*ast.Ident); !isIdent || pkg.Name != "lang" {
				return true
			}
			if sel.Sel.Name != "L" && sel.Sel.Name != "X" && sel.Sel.Name != "N" {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			key, _ := strconv.Unquote(lit.Value)
			labels++
			if sv[key] == "" {
				t.Errorf("%s: no Swedish for %q", fset.Position(lit.Pos()), key)
			}
			if en[key] == "" {
				t.Errorf("%s: no English entry for %q", fset.Position(lit.Pos()), key)
			}
			return true
		})
	}
	if labels < 100 {
		t.Fatalf("found only %d labels: the scan misses them", labels)
	}
}
