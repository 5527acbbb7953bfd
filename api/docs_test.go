package api_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// Ensure /api/docs renders the reference without a token, with no asset
// from elsewhere: every tag, the operations with their method, path and
// summary, parameters, bodies, answers and the schemas.
func TestAPIDocsPage(t *testing.T) {
	en := newEnv(t)
	res, err := http.Get(en.srv.URL + "/api/docs")
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("status %d: %s", res.StatusCode, raw)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Fatalf("Content-Type %q", ct)
	}
	page := string(raw)
	for _, want := range []string{
		`<h3><span class="method m-patch">PATCH</span><span class="path">/api/v1/shifts/{id}</span><span class="summary">Change a shift</span>`,
		`id="op-listShifts"`, `<code>guard_id</code>`, `href="#schema-Shift"`, `id="schema-ShiftWithViolations"`,
		`<span class="public">public</span>`, `href="/api/v1/openapi.json"`, `Authorization: Bearer &lt;token&gt;`,
		`<code>409</code>`, "Roles: admin, manager", `id="tag-incidents"`, `text/calendar`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	for _, bad := range []string{"<script src=", "https://", "<link "} {
		if strings.Contains(page, bad) {
			t.Errorf("the page loads an asset from elsewhere: %s", bad)
		}
	}
}
