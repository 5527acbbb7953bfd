package web_test

import (
	"bytes"
	"testing"
)

// Ensure the security report prints on A4 portrait, without the tools and
// with nothing wider than the text block, and that section III takes typing.
func TestBrowserSecurityReportA4(t *testing.T) {
	s := newSite(t)
	c := newChrome(t, s)
	c.login("quanly", managerPass)
	if st := c.open("/reports/security?from=2026-12-01&to=2027-01-01"); st != 200 {
		t.Fatalf("the report answers %d", st)
	}
	if over := eval[bool](c, `(() => { const d = document.querySelector('.doc'); return d.scrollWidth > d.clientWidth + 1 })()`); over {
		t.Error("something is wider than the document")
	}
	typed := eval[string](c, `(() => { const e = document.querySelector('.editable'); e.focus();
		document.execCommand('insertText', false, 'Bổ sung 02 bảo vệ. '); return e.innerText })()`)
	if !bytes.Contains([]byte(typed), []byte("Bổ sung 02 bảo vệ.")) {
		t.Errorf("section III did not take the typing: %q", typed)
	}
	c.screenshot("security-report")
	n, w, h := c.printA4(false)
	if n < 1 || n > 4 {
		t.Errorf("the report takes %d pages, want 1 to 4", n)
	}
	if w < 594 || w > 596 || h < 840 || h > 843 {
		t.Errorf("the page is %.1f × %.1f pt, want A4 portrait 595.3 × 841.9", w, h)
	}
}
