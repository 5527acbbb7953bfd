package web_test

import (
	"context"
	"encoding/csv"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"catruc/scheduler/timesheet"
)

// Ensure a manager reaches the reports, sees December's timesheet of the
// demo office with each guard's hours, pay-equivalent hours and ledger
// exactly as the timesheet computes them, downloads it as CSV, and prints it
// with its heading and the three signature blocks; a guard may not.
func TestTimesheetPages(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	b.login("quanly", managerPass)
	st, body, _ := b.get("/reports")
	if st != 200 {
		t.Fatalf("/reports: %d", st)
	}
	contains(t, body, `href="/reports/timesheet"`, "Bảng chấm công và giờ công quy đổi", `href="/reports"`)

	sheet, err := timesheet.Load(context.Background(), s.st, 2026, 12, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(sheet.Guards) == 0 {
		t.Fatal("the demo office has no guards in December")
	}
	st, body, _ = b.get("/reports/timesheet?month=2026-12")
	if st != 200 {
		t.Fatalf("/reports/timesheet: %d %s", st, body)
	}
	contains(t, body, "Bảng chấm công tháng 12/2026", "Tải Excel (.xlsx)", `href="/reports/timesheet.xlsx?month=2026-12"`,
		"Sổ theo dõi làm thêm giờ năm 2026", "mức tối đa 200 giờ/năm")
	for _, g := range sheet.Guards {
		contains(t, body, g.Name)
		if p := g.Totals.PayEquivalentHours; p != 0 {
			contains(t, body, `<td class="ts-sum ts-pay">`+strings.ReplaceAll(strconv.FormatFloat(p, 'f', -1, 64), ".", ",")+`</td>`)
		}
	}

	st, csvBody, _ := b.get("/reports/timesheet.csv?month=2026-12")
	if st != 200 || !strings.HasPrefix(csvBody, "\ufeff") {
		t.Fatalf("csv: %d %q", st, csvBody[:min(20, len(csvBody))])
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(csvBody, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1+len(sheet.Guards)+len(sheet.Police) || recs[1][2] != sheet.Guards[0].Name {
		t.Errorf("csv rows: %d, first %q", len(recs), recs[1])
	}

	st, body, _ = b.get("/reports/timesheet/print?month=2026-12")
	if st != 200 {
		t.Fatalf("print: %d", st)
	}
	contains(t, body, "BẢNG CHẤM CÔNG THÁNG 12/2026", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "NGƯỜI LẬP", "KẾ TOÁN", "CHÁNH VĂN PHÒNG")

	st, body, _ = b.get("/reports/timesheet?month=2026-13")
	if st != 400 || !strings.Contains(body, "Tháng không hợp lệ") {
		t.Errorf("a bad month: %d", st)
	}

	g := s.browser()
	g.login("an", guardPass)
	for _, p := range []string{"/reports", "/reports/timesheet?month=2026-12", "/reports/timesheet.csv?month=2026-12"} {
		if st, _, _ := g.get(p); st != 403 {
			t.Errorf("a guard opens %s: %d", p, st)
		}
	}
}

// Ensure the guard form sets the weekly rest day and refuses none other.
func TestGuardFormRestDay(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	b.login("quanly", managerPass)
	st, body, _ := b.get("/guards/new")
	if st != 200 {
		t.Fatal(st)
	}
	contains(t, body, "Ngày nghỉ hằng tuần", `<option value="7" selected>Chủ Nhật</option>`, `<option value="1" >Thứ Hai</option>`)
	ctx := context.Background()
	g, err := s.st.FindGuardByID(ctx, s.anID)
	if err != nil {
		t.Fatal(err)
	}
	form := url.Values{"name": {g.Name}, "unit": {g.Unit}, "active": {"1"}, "rest_day": {"6"}}
	for _, p := range g.PostIDs {
		form.Add("post_ids", strconv.FormatInt(p, 10))
	}
	if st, body, _ := b.post("/guards/"+strconv.FormatInt(s.anID, 10), form); st != 303 && st != 200 {
		t.Fatalf("save: %d %s", st, body)
	}
	if g, _ = s.st.FindGuardByID(ctx, s.anID); g.RestDay != 6 {
		t.Errorf("rest day = %d, want 6", g.RestDay)
	}
	form.Set("rest_day", "9")
	st, body, _ = b.post("/guards/"+strconv.FormatInt(s.anID, 10), form)
	if st != 400 || !strings.Contains(body, "Ngày nghỉ hằng tuần phải từ 1 (thứ Hai) đến 7 (Chủ Nhật)") {
		t.Errorf("rest day 9: %d", st)
	}
}
