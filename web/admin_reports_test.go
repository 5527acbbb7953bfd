package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// Ensure the breaches of the demo (two guards alternating 24-hour shifts)
// show by guard for this month, with the rule in words, the figures against
// the limit, the article and the message in the user's language ("Căn cứ":
// "Bộ luật Lao động 2019, Điều 107", never the English citation) and a link
// to the roster's week; viewers read them too.
func TestAdminViolations(t *testing.T) {
	s := newSite(t)
	b := admAs(s, "congan", viewerPass)
	code, body, _ := b.get("/violations")
	admWant(t, "violations", code, 200, body)
	contains(t, body, `value="2026-12-01"`, `value="2026-12-31"`, "Nguyễn Văn An", "Trần Minh Đức", "Ca liên tục quá dài",
		"24 giờ (tối đa 12)", "<td>Bộ luật Lao động 2019, Điều 105, 107</td>", "<td>Bộ luật Lao động 2019, Điều 105</td>",
		"trực liên tục 24", "Quá giờ làm trong tuần", `href="/roster/week?date=2026-12-`)
	admLacks(t, body, "Không có vi phạm nào", "Thượng úy Võ Thành Nam", // police officers are not checked by default
		"Labor Code", "Art.")
	an := strings.Index(body, `<th scope="rowgroup" colspan="6">Nguyễn Văn An`)
	duc := strings.Index(body, `<th scope="rowgroup" colspan="6">Trần Minh Đức`)
	if an < 0 || duc < an {
		t.Errorf("not grouped by guard in order: %d %d", an, duc)
	}
	b.post("/lang", url.Values{"lang": {"en"}, "back": {"/violations"}})
	_, body, _ = b.get("/violations?from=2026-12-07&to=2026-12-13")
	contains(t, body, "Shift too long", "24 h (limit 12)", "works 24", "Working-time breaches", "<td>Labor Code 2019, Arts. 105, 107</td>")
	admLacks(t, body, "Bộ luật Lao động")
	// A month without shifts has none.
	_, body, _ = b.get("/violations?from=2027-06-01&to=2027-06-30")
	contains(t, body, "No breaches in this period.")
}

// Ensure a bad period is shown next to its field with 400.
func TestAdminReportRange(t *testing.T) {
	s := newSite(t)
	b := admAs(s, "quanly", managerPass)
	for _, p := range []string{"/violations", "/staffing"} {
		code, body, _ := b.get(p + "?from=hôm-nay")
		admWant(t, p+" bad from", code, http.StatusBadRequest, body)
		contains(t, body, `id="from-err"`, "Hãy nhập ngày theo dạng năm-tháng-ngày.", `value="hôm-nay"`)
		code, body, _ = b.get(p + "?from=2026-12-10&to=2026-12-01")
		admWant(t, p+" to before from", code, http.StatusBadRequest, body)
		contains(t, body, `id="to-err"`, "Ngày kết thúc phải sau ngày bắt đầu.")
		code, body, _ = b.get(p + "?from=2026-01-01&to=2028-01-01")
		admWant(t, p+" too long", code, http.StatusBadRequest, body)
		contains(t, body, `id="to-err"`, "dài nhất là 400 ngày")
	}
}

// Ensure the staffing page says plainly that the demo's headquarters, held
// 24/24, needs at least 4 guards and has 2, in Vietnamese and in English.
func TestAdminStaffing(t *testing.T) {
	s := newSite(t)
	b := admAs(s, "quanly", managerPass)
	code, body, _ := b.get("/staffing")
	admWant(t, "staffing", code, 200, body)
	// The demo's 13 h leave of An on 04/12 takes 0.02 of a guard over the four weeks.
	contains(t, body, `value="2026-12-01"`, `value="2026-12-28"`, "Trụ sở HĐND, UBND tỉnh", "cần ít nhất 4", "hiện có 2 (1,98 sau khi trừ người nghỉ): thiếu 2",
		"Thiếu 2 người", "Trực 24/24 (168 giờ-người mỗi tuần)", "Các vọng gác của cơ quan", "Vọng gác Cảnh sát bảo vệ mục tiêu",
		"Đủ người", "không tính vào tổng")
	row := body[strings.Index(body, `<th scope="row">Trụ sở HĐND, UBND tỉnh</th>`):]
	row = row[:strings.Index(row, "</tr>")]
	contains(t, row, "<td>168</td>", "<td>4</td>", "<td>2</td>", "Thiếu 2 người")
	b.post("/lang", url.Values{"lang": {"en"}, "back": {"/staffing"}})
	_, body, _ = b.get("/staffing")
	contains(t, body, "needs at least 4", "has 2 eligible (1.98 after time off): 2 short", "2 short", "Enough")
	v := admAs(s, "congan", viewerPass)
	if code, _, _ := v.get("/staffing"); code != 200 {
		t.Errorf("viewer: %d", code)
	}
}

// Ensure guards may not read the reports.
func TestAdminReportRoles(t *testing.T) {
	s := newSite(t)
	admForbidden(t, s, []string{"/violations", "/staffing"}, nil, true)
}
