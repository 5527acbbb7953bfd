package web

import (
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Ensure the pages do not import the API, directly or through another
// package: the two doors share the domain (scheduler/...), not each other.
func TestWebDoesNotImportAPI(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, im := range af.Imports {
			if p, _ := strconv.Unquote(im.Path.Value); p == "catruc/api" || strings.HasPrefix(p, "catruc/api/") {
				t.Errorf("%s imports %s", f, p)
			}
		}
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool for the dependencies")
	}
	out, err := exec.Command(goTool, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if dep == "catruc/api" || strings.HasPrefix(dep, "catruc/api/") || dep == "catruc/store" {
			t.Errorf("web depends on %s", dep)
		}
	}
}
