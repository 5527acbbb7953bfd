package api_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// download fetches path as role and returns status, content type and body.
func (en *env) download(role, path string) (int, string, []byte) {
	en.t.Helper()
	req, err := http.NewRequest("GET", en.srv.URL+path, nil)
	if err != nil {
		en.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+en.tokens[role])
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		en.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Content-Type"), b
}

// seedTimesheet gives An a 24-hour shift from 07:00 on 31/12/2025, Đức a
// 12-hour day on 10/12 half on leave and the Sunday 7/12, and a police
// officer a night; it returns the guards' ids.
func (en *env) seedTimesheet() (an, duc, cop int64) {
	en.t.Helper()
	hq, police, an, duc := en.seedOffice()
	cop = en.must(201, en.do("manager", "POST", "/api/v1/guards", map[string]any{
		"name": "Lê Công An", "unit": "police", "post_ids": []int64{police}})).id()
	for _, s := range []map[string]any{
		{"post_id": hq, "guard_id": an, "start": "2025-12-31T07:00:00+07:00", "end": "2026-01-01T07:00:00+07:00"},
		{"post_id": hq, "guard_id": duc, "start": "2025-12-10T07:00:00+07:00", "end": "2025-12-10T19:00:00+07:00"},
		{"post_id": hq, "guard_id": duc, "start": "2025-12-07T08:00:00+07:00", "end": "2025-12-07T16:00:00+07:00"},
		{"post_id": police, "guard_id": cop, "start": "2025-12-02T22:00:00+07:00", "end": "2025-12-03T06:00:00+07:00"},
	} {
		en.must(201, en.do("manager", "POST", "/api/v1/shifts", s))
	}
	en.must(201, en.do("manager", "POST", "/api/v1/time-off", map[string]any{"guard_id": duc, "kind": "leave",
		"start": "2025-12-10T13:00:00+07:00", "end": "2025-12-11T00:00:00+07:00"}))
	return an, duc, cop
}

// lineOf finds a guard's line in a timesheet answer.
func lineOf(t *testing.T, sheet map[string]any, list string, id int64) map[string]any {
	t.Helper()
	for _, v := range sheet[list].([]any) {
		if m := v.(map[string]any); int64(m["guard_id"].(float64)) == id {
			return m
		}
	}
	t.Fatalf("guard %d is not in %s: %v", id, list, sheet[list])
	return nil
}

// Ensure GET /reports/timesheet answers the hand-computed month: An's 17 h of
// 31/12 (9 h overtime, 2 at night, 22.7 pay-equivalent hours), Đức's 6 h
// worked beside his leave and his Sunday at 200 %, the police officer apart
// with no pay; that a guard's rest day moves the rest-day rate; and that the
// pay rates are settings.
func TestTimesheetAPI(t *testing.T) {
	en := newEnv(t)
	an, duc, cop := en.seedTimesheet()
	sheet := en.must(200, en.do("manager", "GET", "/api/v1/reports/timesheet?month=2025-12", nil)).obj()
	a := lineOf(t, sheet, "guards", an)
	tot := a["totals"].(map[string]any)
	if tot["worked_hours"] != 17.0 || tot["night_hours"] != 2.0 || tot["night_overtime_hours"] != 2.0 ||
		tot["pay_equivalent_hours"] != 22.7 || fmt.Sprint(tot["overtime"]) != "map[holiday:0 normal_day:9 rest_day:0]" {
		t.Errorf("An's totals = %v", tot)
	}
	days := a["days"].([]any)
	if len(days) != 31 || fmt.Sprint(days[30]) != "map[absence: date:2025-12-31 hours:17 kind:normal night_hours:2 overtime_hours:9]" {
		t.Errorf("An's 31/12 = %v", days[30])
	}
	if ytd := fmt.Sprint(a["year_to_date"]); ytd != "map[cap_hours:200 overtime_hours:9 percent:4.5 warning:false]" {
		t.Errorf("An's ledger = %s", ytd)
	}
	d := lineOf(t, sheet, "guards", duc)
	if dd := fmt.Sprint(d["days"].([]any)[9]); dd != "map[absence:leave date:2025-12-10 hours:6 kind:normal night_hours:0 overtime_hours:0]" {
		t.Errorf("Đức's 10/12 = %s", dd)
	}
	if p := d["totals"].(map[string]any)["pay_equivalent_hours"]; p != 22.0 { // 6 + 8 × 2
		t.Errorf("Đức's pay-equivalent hours = %v, want 22", p)
	}
	c := lineOf(t, sheet, "police", cop)
	if ct := c["totals"].(map[string]any); ct["worked_hours"] != 8.0 || ct["night_hours"] != 8.0 || ct["pay_equivalent_hours"] != 0.0 {
		t.Errorf("the officer's totals = %v", ct)
	}

	// One guard only; January has An's holiday morning.
	jan := en.must(200, en.do("manager", "GET", fmt.Sprintf("/api/v1/reports/timesheet?month=2026-01&guard_id=%d", an), nil)).obj()
	if n := len(jan["guards"].([]any)); n != 1 {
		t.Fatalf("guard_id lists %d guards", n)
	}
	if p := lineOf(t, jan, "guards", an)["totals"].(map[string]any)["holiday_hours"]; p != 7.0 {
		t.Errorf("January's holiday hours = %v, want 7", p)
	}

	// Đức rests on Monday: his Sunday becomes a normal day.
	en.must(200, en.do("manager", "PATCH", fmt.Sprintf("/api/v1/guards/%d", duc), map[string]any{"rest_day": 1}))
	sheet = en.must(200, en.do("manager", "GET", "/api/v1/reports/timesheet?month=2025-12", nil)).obj()
	if p := lineOf(t, sheet, "guards", duc)["totals"].(map[string]any)["pay_equivalent_hours"]; p != 14.0 {
		t.Errorf("with Monday as rest day, Đức's pay-equivalent hours = %v, want 14", p)
	}

	// Rates: defaults, a change that applies, and refusals naming the field.
	pay := en.must(200, en.do("viewer", "GET", "/api/v1/settings/pay", nil)).obj()
	if fmt.Sprint(pay) != "map[cap_300:false night_bonus:30 night_overtime_bonus:20 overtime_holiday:300 overtime_normal_day:150 overtime_rest_day:200]" {
		t.Errorf("default pay settings = %v", pay)
	}
	en.must(200, en.do("admin", "PUT", "/api/v1/settings/pay", map[string]any{"overtime_normal_day": 200, "cap_300": true}))
	sheet = en.must(200, en.do("manager", "GET", "/api/v1/reports/timesheet?month=2025-12", nil)).obj()
	a = lineOf(t, sheet, "guards", an)
	// 8 + 7 × 2 + 2 × (2 + 0.3 + 0.4)
	if p := a["totals"].(map[string]any)["pay_equivalent_hours"]; p != 27.4 {
		t.Errorf("at 200 %% overtime An's pay-equivalent hours = %v, want 27.4", p)
	}
	if cap := a["year_to_date"].(map[string]any)["cap_hours"]; cap != 300.0 {
		t.Errorf("cap = %v, want 300", cap)
	}
	for _, tc := range []struct {
		role, method, path string
		body               any
		status             int
		field              string
	}{
		{"manager", "PUT", "/api/v1/settings/pay", nil, 403, ""},
		{"admin", "PUT", "/api/v1/settings/pay", map[string]any{"overtime_normal_day": 120}, 400, "overtime_normal_day"},
		{"admin", "PUT", "/api/v1/settings/pay", map[string]any{"night_bonus": 5000}, 400, "night_bonus"},
		{"manager", "PATCH", fmt.Sprintf("/api/v1/guards/%d", duc), map[string]any{"rest_day": 8}, 400, "rest_day"},
		{"manager", "GET", "/api/v1/reports/timesheet?month=2025-13", nil, 400, "month"},
		{"manager", "GET", "/api/v1/reports/timesheet", nil, 400, "month"},
		{"manager", "GET", "/api/v1/reports/timesheet.xlsx?month=12-2025", nil, 400, "month"},
		{"manager", "GET", "/api/v1/reports/timesheet?month=2025-12&guard_id=x", nil, 400, "guard_id"},
		{"manager", "GET", "/api/v1/reports/timesheet?month=2025-12&guard_id=999", nil, 404, ""},
		{"viewer", "GET", "/api/v1/reports/timesheet?month=2025-12", nil, 403, ""},
	} {
		r := en.do(tc.role, tc.method, tc.path, tc.body)
		if r.Status != tc.status || r.errField() != tc.field {
			t.Errorf("%s %s %v: %d field %q, want %d %q (%s)", tc.method, tc.path, tc.body, r.Status, r.errField(), tc.status, tc.field, r.Raw)
		}
	}
}

// Ensure the Excel workbook read back holds the same numbers as the JSON,
// with its Vietnamese headings, frozen panes and A4 landscape print setup,
// and the CSV (UTF-8 with a byte-order mark) parses to the same figures.
func TestTimesheetExports(t *testing.T) {
	en := newEnv(t)
	an, _, _ := en.seedTimesheet()
	sheet := en.must(200, en.do("manager", "GET", "/api/v1/reports/timesheet?month=2025-12", nil)).obj()
	want := lineOf(t, sheet, "guards", an)["totals"].(map[string]any)

	status, ctype, body := en.download("manager", "/api/v1/reports/timesheet.xlsx?month=2025-12")
	if status != 200 || !strings.Contains(ctype, "spreadsheetml") {
		t.Fatalf("xlsx: %d %s", status, ctype)
	}
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.GetSheetList(); len(got) != 1 || got[0] != "T12-2025" {
		t.Fatalf("sheets = %v", got)
	}
	get := func(ref string) string {
		v, err := f.GetCellValue("T12-2025", ref)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if get("A2") != "BẢNG CHẤM CÔNG THÁNG 12/2025" || get("B4") != "Họ và tên" || get("AI4") != "Tổng giờ làm" ||
		get("AP4") != "Giờ công quy đổi" || get("D5") != "T2" {
		t.Errorf("headings: %q %q %q %q %q", get("A2"), get("B4"), get("AI4"), get("AP4"), get("D5"))
	}
	// Row 6 is An (the first guard): 31/12 is column AH.
	if get("B6") != "Nguyễn Văn An" || get("AH6") != "17" || get("AI6") != fmt.Sprint(want["worked_hours"]) ||
		get("AP6") != fmt.Sprint(want["pay_equivalent_hours"]) || get("AK6") != "9" {
		t.Errorf("An's row: %q 31/12=%q total=%q pay=%q ot=%q", get("B6"), get("AH6"), get("AI6"), get("AP6"), get("AK6"))
	}
	layout, err := f.GetPageLayout("T12-2025")
	if err != nil || layout.Size == nil || *layout.Size != 9 || *layout.Orientation != "landscape" {
		t.Errorf("page layout: %+v %v", layout, err)
	}
	panes, err := f.GetPanes("T12-2025")
	if err != nil || !panes.Freeze || panes.TopLeftCell != "D6" {
		t.Errorf("panes: %+v %v", panes, err)
	}

	status, ctype, body = en.download("manager", "/api/v1/reports/timesheet.csv?month=2025-12")
	if status != 200 || ctype != "text/csv; charset=utf-8" || !bytes.HasPrefix(body, []byte("\ufeff")) {
		t.Fatalf("csv: %d %s %q", status, ctype, body[:min(len(body), 8)])
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := recs[0]
	if head[2] != "Họ và tên" || head[4] != "1" || head[34] != "31" || head[35] != "Tổng giờ làm" || head[42] != "Giờ công quy đổi" {
		t.Errorf("csv heading = %q", head)
	}
	var anRow, copRow []string
	for _, r := range recs[1:] {
		switch r[2] {
		case "Nguyễn Văn An":
			anRow = r
		case "Lê Công An":
			copRow = r
		}
	}
	if anRow == nil || anRow[34] != "17" || anRow[35] != "17" || anRow[42] != "22.7" {
		t.Errorf("An's csv row = %q", anRow)
	}
	if copRow == nil || copRow[3] != "police" || copRow[42] != "0" {
		t.Errorf("the officer's csv row = %q", copRow)
	}
	if status, _, _ := en.download("viewer", "/api/v1/reports/timesheet.csv?month=2025-12"); status != 403 {
		t.Errorf("a viewer downloads the timesheet: %d", status)
	}
}
