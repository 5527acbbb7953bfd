package api_test

import (
	"crypto/sha256"
	"encoding/base64"
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
		`id="op-listShifts"`, `<code>guard_id</code>`, `href="#schema-Shift"`, `<a href="#schema-Error">Error</a>`, `id="schema-ShiftWithViolations"`,
		`<span class="public">public</span>`, `href="/api/v1/openapi.json"`, `Authorization: Bearer &lt;token&gt;`,
		`<code>409</code>`, "Roles: admin, manager", `id="tag-incidents"`, `text/calendar`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	// The one inline style sheet is allowed by its hash, and nothing else.
	css := page[strings.Index(page, "<style>")+len("<style>") : strings.Index(page, "</style>")]
	sum := sha256.Sum256([]byte(css))
	csp := res.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "style-src 'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'") || !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("Content-Security-Policy %q does not allow the page's style sheet alone", csp)
	}
	for _, bad := range []string{"<script", "https://", "<link ", "<img "} {
		if strings.Contains(page, bad) {
			t.Errorf("the page loads an asset from elsewhere: %s", bad)
		}
	}
}
