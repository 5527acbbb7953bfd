package web_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"catruc/scheduler/report"
	"catruc/scheduler/security"
)

// Ensure a manager reads the demo office's security report for a period as
// a Vietnamese administrative draft whose figures are the report's; the
// charts are inline SVG; section III is editable; the Word file downloads;
// guards and viewers may not read it; a period too long is refused in Vietnamese.
func TestSecurityReportPage(t *testing.T) {
	s := newSite(t)
	m := s.browser()
	m.login("quanly", managerPass)
	from := time.Date(2026, 12, 1, 0, 0, 0, 0, s.loc)
	to := time.Date(2027, 1, 1, 0, 0, 0, 0, s.loc)
	code, page, _ := m.get("/reports/security?from=2026-12-01&to=2027-01-01")
	if code != http.StatusOK {
		t.Fatalf("page: %d %s", code, page)
	}
	r, err := report.Security(context.Background(), s.st, from, to)
	if err != nil {
		t.Fatal(err)
	}
	if r.Coverage.ByPost[0].NoRoster || r.Coverage.ByPost[0].RequiredHours == 0 {
		t.Fatalf("the demo's December has no roster at %s", r.Coverage.ByPost[0].Name)
	}
	contains(t, page, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO",
		"Kết quả công tác bảo vệ trụ sở cơ quan từ ngày 01/12/2026 đến ngày 31/12/2026",
		"I. KẾT QUẢ THỰC HIỆN", "II. TỒN TẠI, HẠN CHẾ", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
		"đạt "+security.NumVI(r.Coverage.Percent)+"% so với yêu cầu",
		`contenteditable="true"`, "<svg", "Tỷ lệ thời gian có người trực theo tháng", "Nơi nhận:", "CHÁNH VĂN PHÒNG",
		`href="/reports/security.docx?from=2026-12-01&amp;to=2027-01-01"`, "6 tháng đầu năm 2026")
	for _, l := range r.Coverage.ByPost {
		if l.NoRoster {
			contains(t, page, "<td>"+l.Name+" (chưa có lịch trực)</td>")
			continue
		}
		contains(t, page, "<td>"+l.Name+"</td>", `<td class="num">`+security.NumVI(l.Percent)+"</td>")
	}

	res, err := m.c.Get(s.srv.URL + "/reports/security.docx?from=2026-12-01&to=2027-01-01")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.HasPrefix(string(body), "PK") ||
		res.Header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.wordprocessingml.document" {
		t.Errorf("docx: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}

	code, page, _ = m.get("/reports/security?from=2026-01-01&to=2027-03-01")
	if code != http.StatusBadRequest {
		t.Errorf("a 424-day period: %d", code)
	}
	contains(t, page, "Khoảng thời gian dài tối đa 400 ngày.")

	// The default period: the last full half-year (January–June 2026).
	_, page, _ = m.get("/reports/security")
	contains(t, page, "Kết quả công tác bảo vệ trụ sở cơ quan 6 tháng đầu năm 2026", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2026")
	_, dash, _ := m.get("/")
	contains(t, dash, `href="/reports"`) // the menu's "Báo cáo"
	_, index, _ := m.get("/reports")
	contains(t, index, `href="/reports/security"`, "Báo cáo công tác bảo vệ (6 tháng, năm)")

	for _, who := range []struct{ name, pass string }{{"an", guardPass}, {"congan", viewerPass}} {
		b := s.browser()
		b.login(who.name, who.pass)
		if code, _, _ := b.get("/reports/security"); code != http.StatusForbidden {
			t.Errorf("%s: %d", who.name, code)
		}
	}
}
