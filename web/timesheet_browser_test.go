package web_test

import (
	"strings"
	"testing"
)

// Ensure the printed timesheet of the demo office's December fits one
// landscape A4 sheet, with every guard's row and the three signatures on it.
func TestBrowserTimesheetPrintA4(t *testing.T) {
	s := newSite(t)
	c := newChrome(t, s)
	c.login("quanly", managerPass)
	if st := c.open("/reports/timesheet/print?month=2026-12"); st != 200 {
		t.Fatalf("the print answers %d", st)
	}
	c.screenshot("timesheet-print")
	text := eval[string](c, `document.body.innerText`)
	for _, want := range []string{"BẢNG CHẤM CÔNG THÁNG 12/2026", "Nguyễn Văn An", "NGƯỜI LẬP", "KẾ TOÁN", "CHÁNH VĂN PHÒNG"} {
		if !strings.Contains(text, want) {
			t.Errorf("the print lacks %q", want)
		}
	}
	n, w, h := c.printA4(true)
	if n != 1 {
		t.Errorf("the timesheet prints on %d pages, want 1", n)
	}
	if w < 840 || w > 843 || h < 594 || h > 596 {
		t.Errorf("the page is %.1f × %.1f pt, want A4 landscape", w, h)
	}
}
