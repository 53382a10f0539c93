package gui

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"paminn/assets"
)

// TestEveryMessageOfCoreAndDataHasASwedishTranslation reads the source of core and
// data (and data's packages) and finds each message template a user may see: the
// message of core.Errorf and core.Wrap, of a csvRow's fail and unique and of
// rowProblems' add, of a RowError literal, and data's msg… constants. A message given by a constant, a variable or a
// function of the same package is followed to its string literals. Each must be a key
// of sv.json.
func TestEveryMessageOfCoreAndDataHasASwedishTranslation(t *testing.T) {
	b, err := assets.Translations.ReadFile("translations/sv.json")
	if err != nil {
		t.Fatal(err)
	}
	sv := map[string]string{}
	if err := json.Unmarshal(b, &sv); err != nil {
		t.Fatal(err)
	}
	messages := map[string]string{} // message → where it was found
	for _, root := range []string{filepath.Join("..", "core"), filepath.Join("..", "data")} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || !d.IsDir() {
				return err
			}
			for m, where := range packageMessages(t, path) {
				messages[m] = where
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// One of each way a message is given, so that a scan gone blind shows.
	for _, m := range []string{
		"Select at least one invoice",                                               // Errorf
		"The book is in use by another program",                                     // a msg… constant
		"Unknown customer number {{.Customer}}",                                     // a RowError literal
		"{{.Column}}: Enter an amount",                                              // failWith's prefix
		"A field that starts with a quote mark is not closed by one",                // a function's result
		"Invoice number {{.Number}} appears again; it was first on line {{.First}}", // unique
	} {
		if _, ok := messages[m]; !ok {
			t.Errorf("the scan missed %q", m)
		}
	}
	var missing []string
	for m, where := range messages {
		if sv[m] == "" {
			missing = append(missing, where+": "+strconv.Quote(m))
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("%d of %d messages have no Swedish translation in sv.json:\n%s",
			len(missing), len(messages), strings.Join(missing, "\n"))
	}
}

// prefixedBy lists the functions whose messages reach the user with a prefix: a
// csvRow's failWith puts the column in front of ParseDate's and ParseAmount's.
var prefixedBy = map[string]string{
	"ParseDate": "{{.Column}}: ", "ParseAmount": "{{.Column}}: ", "splitAmount": "{{.Column}}: ",
	"checkMagnitude": "{{.Column}}: ",
}

// packageMessages returns the messages of the Go package in dir (tests left out).
func packageMessages(t *testing.T, dir string) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, dir, func(fi fs.FileInfo) bool {
		return !strings.HasSuffix(fi.Name(), "_test.go")
	}, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, pkg := range pkgs {
		s := &messageScan{pkg: pkg.Name, fset: fset, out: out, funcs: map[string]*ast.FuncDecl{}, values: map[string]ast.Expr{}}
		for _, f := range pkg.Files {
			s.declarations(f)
		}
		for _, f := range pkg.Files {
			s.file(f)
		}
	}
	return out
}

// messageScan finds the messages of one package.
type messageScan struct {
	pkg    string
	fset   *token.FileSet
	out    map[string]string
	funcs  map[string]*ast.FuncDecl // package-level functions by name
	values map[string]ast.Expr      // package-level constants and variables by name
	fn     string                   // the function being scanned
}

func (s *messageScan) declarations(f *ast.File) {
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				s.funcs[d.Name.Name] = d
			}
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				vs, ok := spec.(*ast.ValueSpec)
				if !ok {
					continue
				}
				for i, name := range vs.Names {
					if i < len(vs.Values) {
						s.values[name.Name] = vs.Values[i]
						if strings.HasPrefix(name.Name, "msg") {
							s.add(vs.Values[i], "", map[ast.Node]bool{})
						}
					}
				}
			}
		}
	}
}

func (s *messageScan) file(f *ast.File) {
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok {
			continue
		}
		s.fn = fd.Name.Name
		ast.Inspect(fd, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				if arg := messageArg(n, s.pkg); arg != nil {
					s.add(arg, prefixedBy[s.fn], map[ast.Node]bool{})
				}
			case *ast.CompositeLit:
				if typeName(n.Type) == "RowError" {
					for _, el := range n.Elts {
						if kv, ok := el.(*ast.KeyValueExpr); ok && identName(kv.Key) == "Message" {
							s.add(kv.Value, "", map[ast.Node]bool{})
						}
					}
				}
			}
			return true
		})
	}
}

// messageArg returns the message argument of a call that takes one, or nil; pkg is
// the name of the package the call is in.
func messageArg(call *ast.CallExpr, pkg string) ast.Expr {
	name, qualifier := "", ""
	switch fn := call.Fun.(type) {
	case *ast.Ident:
		name = fn.Name
	case *ast.SelectorExpr:
		name, qualifier = fn.Sel.Name, identName(fn.X)
	}
	index, ok := map[string]int{"Errorf": 1, "Wrap": 2, "fail": 0, "unique": 2, "add": 1}[name]
	switch {
	case !ok:
		return nil
	case (name == "Errorf" || name == "Wrap") && qualifier != "" && qualifier != "core":
		return nil // fmt.Errorf and the like
	case name == "add" && pkg != "core":
		return nil // only core's rowProblems.add takes a message
	}
	if index >= len(call.Args) {
		return nil
	}
	return call.Args[index]
}

// add records the string literals e stands for: a literal, a concatenation, a
// constant or variable, a local variable's value, or what a function returns.
func (s *messageScan) add(e ast.Expr, prefix string, seen map[ast.Node]bool) {
	if e == nil || seen[e] {
		return
	}
	seen[e] = true
	switch e := e.(type) {
	case *ast.BasicLit:
		if v, err := strconv.Unquote(e.Value); err == nil && e.Kind == token.STRING && v != "" {
			s.out[prefix+v] = s.fset.Position(e.Pos()).String()
		}
	case *ast.ParenExpr:
		s.add(e.X, prefix, seen)
	case *ast.BinaryExpr:
		if l, ok := e.X.(*ast.BasicLit); ok && e.Op == token.ADD {
			if v, err := strconv.Unquote(l.Value); err == nil {
				s.add(e.Y, prefix+v, seen)
			}
		}
	case *ast.Ident:
		s.addIdent(e, prefix, seen)
	case *ast.CallExpr:
		if fn, ok := e.Fun.(*ast.Ident); ok && s.funcs[fn.Name] != nil {
			s.addReturns(s.funcs[fn.Name], prefix, seen)
		}
	}
}

func (s *messageScan) addIdent(id *ast.Ident, prefix string, seen map[ast.Node]bool) {
	if id.Obj != nil { // declared in this file: a local variable or a package-level name
		switch d := id.Obj.Decl.(type) {
		case *ast.AssignStmt:
			for i, lhs := range d.Lhs {
				if identName(lhs) == id.Name && i < len(d.Rhs) {
					s.add(d.Rhs[i], prefix, seen)
				}
			}
			return
		case *ast.ValueSpec:
			for i, name := range d.Names {
				if name.Name == id.Name && i < len(d.Values) {
					s.add(d.Values[i], prefix, seen)
				}
			}
			return
		}
	}
	if v, ok := s.values[id.Name]; ok {
		s.add(v, prefix, seen)
	}
}

// addReturns adds the first result of every return statement of fn.
func (s *messageScan) addReturns(fn *ast.FuncDecl, prefix string, seen map[ast.Node]bool) {
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if r, ok := n.(*ast.ReturnStmt); ok && len(r.Results) > 0 {
			s.add(r.Results[0], prefix, seen)
		}
		return true
	})
}

func identName(e ast.Expr) string {
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

func typeName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return e.Sel.Name
	}
	return ""
}
