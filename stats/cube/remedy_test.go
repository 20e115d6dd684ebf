package cube

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestEveryErrorHasARemedy reads every Go file of stats/ for the notes made
// as errors (Note(line, column, cube.Error, "code", ...) and
// Issue{Severity: cube.Error, Code: "code"}) and fails on a code without a
// Remedy, or on an error note whose code is not written where it is made
// (it could not be checked). An error leaves a figure out: a person must be
// told how to put it back.
func TestEveryErrorHasARemedy(t *testing.T) {
	codes := map[string]string{} // code → where it is made
	fset := token.NewFileSet()
	isError := func(e ast.Expr) bool {
		switch x := e.(type) {
		case *ast.SelectorExpr:
			return x.Sel.Name == "Error" && isIdent(x.X, "cube")
		case *ast.Ident:
			return x.Name == "Error"
		}
		return false
	}
	record := func(e ast.Expr, at token.Pos) {
		where := fset.Position(at).String()
		lit, ok := e.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			t.Errorf("%s: an error note's code is not a string written there, so its remedy cannot be checked", where)
			return
		}
		code, _ := strconv.Unquote(lit.Value)
		codes[code] = where
	}
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.CallExpr:
				if sel, ok := x.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Note" && len(x.Args) >= 4 && isError(x.Args[2]) {
					record(x.Args[3], x.Pos())
				}
			case *ast.CompositeLit:
				var sev, code ast.Expr
				for _, el := range x.Elts {
					if kv, ok := el.(*ast.KeyValueExpr); ok {
						switch {
						case isIdent(kv.Key, "Severity"):
							sev = kv.Value
						case isIdent(kv.Key, "Code"):
							code = kv.Value
						}
					}
				}
				if sev != nil && code != nil && isError(sev) {
					record(code, x.Pos())
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(codes) < 5 {
		t.Fatalf("found only %d error codes in stats/: %v", len(codes), codes)
	}
	for code, where := range codes {
		if strings.TrimSpace(Remedy(code)) == "" {
			t.Errorf("%s: the error %q has no remedy: say in remedy.go what a person can do about it", where, code)
		}
	}
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}
