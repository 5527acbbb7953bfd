package scheduler_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"catruc/scheduler"
)

// Ensure every keyed error in the code names a key of the catalogue and gives
// every argument its English text uses: the code is read, not run, so that a
// rare error path cannot carry a key nobody can render.
func TestErrorKeysInCode(t *testing.T) {
	calls := 0
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) && path != ".." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || !isE(call.Fun) || len(call.Args) < 3 {
				return true
			}
			key, ok := stringLit(call.Args[2])
			if !ok {
				return true // a key chosen at run time: covered by the tests of that code
			}
			calls++
			if !scheduler.HasMessage(key) {
				t.Errorf("%s: key %q is not in the catalogue", path, key)
				return true
			}
			if (len(call.Args)-3)%2 != 0 {
				t.Errorf("%s: key %q: the arguments are not name, value pairs", path, key)
			}
			names := map[string]bool{}
			if f, ok := stringLit(call.Args[1]); !ok || f != "" {
				names["field"] = true
			}
			for i := 3; i+1 < len(call.Args); i += 2 {
				name, ok := stringLit(call.Args[i])
				if !ok {
					t.Errorf("%s: key %q: argument %d's name is not a string literal", path, key, (i-3)/2)
					continue
				}
				names[name] = true
			}
			for _, p := range scheduler.Placeholders(scheduler.MessageEN(key)) {
				if !names[p] {
					t.Errorf("%s: key %q uses {%s}, which the call does not give", path, key, p)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls == 0 {
		t.Fatal("found no keyed error in the code: the scan is broken")
	}
}

func isE(fun ast.Expr) bool {
	switch f := fun.(type) {
	case *ast.Ident:
		return f.Name == "E"
	case *ast.SelectorExpr:
		x, ok := f.X.(*ast.Ident)
		return ok && x.Name == "scheduler" && f.Sel.Name == "E"
	}
	return false
}

func stringLit(e ast.Expr) (string, bool) {
	b, ok := e.(*ast.BasicLit)
	if !ok || b.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(b.Value)
	return s, err == nil
}

// Ensure an error renders its English from its key and arguments, and the
// key, args and field travel with it.
func TestErrorFromKey(t *testing.T) {
	err := scheduler.E(scheduler.EINVALID, "name", "common.too_long", "max", 200)
	if got, want := err.Message, "name is longer than 200 characters"; got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
	if scheduler.ErrorKey(err) != "common.too_long" || scheduler.ErrorField(err) != "name" || err.Args["max"] != 200 {
		t.Errorf("key/field/args = %q %q %v", scheduler.ErrorKey(err), scheduler.ErrorField(err), err.Args)
	}
	nf := scheduler.NotFound("shift", 42)
	if got, want := nf.Message, "shift 42 not found"; got != want || nf.Code != scheduler.ENOTFOUND {
		t.Errorf("not found = %q (%s), want %q", got, nf.Code, want)
	}
	if got := scheduler.ErrorMessage(scheduler.Internal(strconv.ErrRange)); got != "internal error" {
		t.Errorf("internal message = %q, want no detail", got)
	}
}
