package security_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/coverage"
	"catruc/scheduler/security"
)

var loc = func() *time.Location {
	l, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		panic(err)
	}
	return l
}()

// at reads "2026-01-10 07:00" in the office zone.
func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		panic(err)
	}
	return t
}

func ptr[T any](v T) *T { return &v }

// fixture is a small office over January and February 2026: one gate held
// 24/24 by guard 3 in shifts of 07:00–07:00, with two gaps (10/01
// 07:00–19:00, 12 h, and the whole shift of 05/02, 24 h); alerts
// acknowledged after 10 and 30 minutes; three incidents with known response
// times; events; training; breaches.
func fixture() security.Input {
	gate := &scheduler.Post{ID: 1, Code: "cong", Name: "Cổng chính", Kind: scheduler.PostKindGuard, Active: true,
		Requirements: []scheduler.Requirement{{Days: []int{1, 2, 3, 4, 5, 6, 7}, Start: "07:00", End: "07:00", Headcount: 1}}}
	in := security.Input{From: at("2026-01-01 00:00"), To: at("2026-03-01 00:00"), Loc: loc,
		Posts: []*scheduler.Post{gate},
		Guards: []*scheduler.Guard{{ID: 1, Name: "Nguyễn Văn An", Active: true}, {ID: 2, Name: "Trần Thị Bình", Active: true},
			{ID: 3, Name: "Lê Văn Cường", Active: true}},
		NoticesSent: map[int64]int{1: 2, 4: 5}}
	var id int64
	for d := at("2025-12-31 07:00"); d.Before(in.To); d = d.AddDate(0, 0, 1) {
		start := d
		switch d.Format("01-02") {
		case "01-10":
			start = d.Add(12 * time.Hour) // 19:00: the day half is a gap
		case "02-05":
			continue // the whole shift is a gap
		}
		id++
		in.Shifts = append(in.Shifts, &scheduler.Shift{ID: id, PostID: 1, GuardID: ptr(int64(3)), Start: start,
			End: d.AddDate(0, 0, 1), Status: scheduler.ShiftScheduled})
	}
	in.Alerts = []*scheduler.Alert{
		{ID: 1, Kind: scheduler.AlertGap, OpenedAt: at("2026-01-10 06:00"), AcknowledgedAt: ptr(at("2026-01-10 06:10"))},
		{ID: 2, Kind: scheduler.AlertNoShow, GuardID: ptr(int64(1)), OpenedAt: at("2026-01-20 07:15"), AcknowledgedAt: ptr(at("2026-01-20 07:45"))},
		{ID: 3, Kind: scheduler.AlertViolation, OpenedAt: at("2026-02-01 08:00")},
		{ID: 4, Kind: scheduler.AlertGap, OpenedAt: at("2025-12-31 08:00"), AcknowledgedAt: ptr(at("2025-12-31 10:00"))}, // before
	}
	secs := func(n int64) *int64 { return &n }
	in.Incident = []*scheduler.Incident{
		{ID: 1, Kind: scheduler.IncidentCrowd, DeclaredAt: at("2026-01-15 09:00"),
			ResponseTimes: scheduler.ResponseTimes{FirstAckSeconds: secs(300), PoliceAckSeconds: secs(600)}},
		{ID: 2, Kind: scheduler.IncidentFire, DeclaredAt: at("2026-02-02 14:00"),
			ResponseTimes: scheduler.ResponseTimes{FirstAckSeconds: secs(120), PoliceAckSeconds: secs(480)}},
		{ID: 3, Kind: scheduler.IncidentCrowd, DeclaredAt: at("2026-02-20 08:30"), EscalatedAt: ptr(at("2026-02-20 08:40")),
			ResponseTimes: scheduler.ResponseTimes{FirstAckSeconds: secs(240)}},
	}
	ev := func(id int64, kind, start string, police bool, status string) *scheduler.Event {
		return &scheduler.Event{ID: id, Kind: kind, Title: kind, Start: at(start), End: at(start).Add(3 * time.Hour),
			NotifyPolice: police, Status: status}
	}
	in.Events = []*scheduler.Event{
		ev(1, "delegation", "2026-01-05 08:00", true, scheduler.ShiftScheduled),
		ev(2, "conference", "2026-02-10 08:00", false, scheduler.ShiftScheduled),
		ev(3, "delegation", "2026-02-11 08:00", true, scheduler.ShiftCancelled),
		ev(4, "delegation", "2025-12-30 08:00", true, scheduler.ShiftScheduled), // before
	}
	in.TimeOff = []*scheduler.TimeOff{
		{ID: 1, GuardID: 2, Kind: scheduler.TimeOffTraining, Status: scheduler.TimeOffApproved, Start: at("2026-01-12 08:00"), End: at("2026-01-14 17:00")},
		{ID: 2, GuardID: 1, Kind: scheduler.TimeOffTraining, Status: scheduler.TimeOffApproved, Start: at("2026-02-27 08:00"), End: at("2026-03-02 17:00")},
		{ID: 3, GuardID: 1, Kind: scheduler.TimeOffLeave, Status: scheduler.TimeOffApproved, Start: at("2026-01-02 08:00"), End: at("2026-01-03 17:00")},
	}
	in.Violations = []scheduler.Violation{{Rule: "shift_length"}, {Rule: "shift_length"}, {Rule: "weekly_rest"}}
	in.Staffing = coverage.StaffingReport{
		Posts: []coverage.PostStaffing{{PostID: 1, MinGuards: 5, EligibleGuards: 3, Verdict: "needs 5", VerdictVi: "cần 5, hiện có 3: thiếu 2"}},
		Total: coverage.PostStaffing{MinGuards: 5, EligibleGuards: 3, Verdict: "office needs 5", VerdictVi: "cơ quan cần 5"}}
	return in
}

// Ensure the figures are those worked out by hand from the fixture.
func TestComputeFigures(t *testing.T) {
	r := security.Compute(fixture())
	c := r.Coverage
	// Required: 59 days × 24 h = 1416 guard-hours; 36 h uncovered.
	if got, want := c.Percent, 97.46; got != want { // 1380/1416
		t.Errorf("percent = %v, want %v", got, want)
	}
	if c.GapCount != 2 || c.GapHours != 36 {
		t.Errorf("gaps = %d / %v h, want 2 / 36 h", c.GapCount, c.GapHours)
	}
	if g := c.LongestGap; g == nil || g.Hours != 24 || !g.Start.Equal(at("2026-02-05 07:00")) || !g.End.Equal(at("2026-02-06 07:00")) || g.PostName != "Cổng chính" {
		t.Errorf("longest gap = %+v, want 24 h from 05/02 07:00 at Cổng chính", g)
	}
	wantPost := []security.PostLine{{PostID: 1, Name: "Cổng chính", RequiredHours: 1416, CoveredHours: 1380, Percent: 97.46, GapCount: 2, GapHours: 36}}
	if !reflect.DeepEqual(c.ByPost, wantPost) {
		t.Errorf("by post = %+v, want %+v", c.ByPost, wantPost)
	}
	wantMonths := []security.MonthLine{{Month: "2026-01", RequiredHours: 744, CoveredHours: 732, Percent: 98.39},
		{Month: "2026-02", RequiredHours: 672, CoveredHours: 648, Percent: 96.43}}
	if !reflect.DeepEqual(c.ByMonth, wantMonths) {
		t.Errorf("by month = %+v, want %+v", c.ByMonth, wantMonths)
	}
	if got, want := r.Alerts.ByKind, map[string]int{"gap": 1, "no_show": 1, "violation": 1}; !reflect.DeepEqual(got, want) {
		t.Errorf("alerts by kind = %v, want %v", got, want)
	}
	if m := r.Alerts.MedianAckMinutes; m == nil || *m != 20 || r.Alerts.Acknowledged != 2 { // (10 + 30) / 2
		t.Errorf("median ack = %v (%d acknowledged), want 20 (2)", m, r.Alerts.Acknowledged)
	}
	if got, want := r.Incidents.ByKind, map[string]int{"crowd": 2, "fire": 1}; !reflect.DeepEqual(got, want) {
		t.Errorf("incidents by kind = %v, want %v", got, want)
	}
	if m := r.Incidents.MedianResponseMinutes; m == nil || *m != 4 { // 5, 2, 4 min
		t.Errorf("median response = %v, want 4", m)
	}
	if m := r.Incidents.PoliceAckMedian; m == nil || *m != 9 { // 10, 8 min
		t.Errorf("police median = %v, want 9", m)
	}
	if r.Incidents.Escalated != 1 {
		t.Errorf("escalated = %d, want 1", r.Incidents.Escalated)
	}
	if got, want := r.Events, (security.Events{Count: 2, Delegations: 1, PoliceNotified: 1, NoticesSent: 2}); got != want {
		t.Errorf("events = %+v, want %+v", got, want)
	}
	// Training: guard 2 on 12, 13, 14/01; guard 1 on 27, 28/02 (March is outside).
	wantTraining := security.Training{GuardDays: 5, ByGuard: []security.GuardCount{{GuardID: 2, Name: "Trần Thị Bình", Count: 3},
		{GuardID: 1, Name: "Nguyễn Văn An", Count: 2}}}
	if !reflect.DeepEqual(r.Training, wantTraining) {
		t.Errorf("training = %+v, want %+v", r.Training, wantTraining)
	}
	if got, want := r.Breaches.ByRule, map[string]int{"shift_length": 2, "weekly_rest": 1}; !reflect.DeepEqual(got, want) {
		t.Errorf("breaches = %v, want %v", got, want)
	}
	if v := r.Staffing.Verdicts; len(v) != 2 || !v[0].Short || v[0].Name != "Cổng chính" || v[1].PostID != 0 {
		t.Errorf("verdicts = %+v", v)
	}
	wantNoShows := security.NoShows{Count: 1, ByGuard: []security.GuardCount{{GuardID: 1, Name: "Nguyễn Văn An", Count: 1}}}
	if !reflect.DeepEqual(r.NoShows, wantNoShows) {
		t.Errorf("no-shows = %+v, want %+v", r.NoShows, wantNoShows)
	}
}

// Ensure a period with no records gives empty sections, not missing ones.
func TestComputeEmpty(t *testing.T) {
	r := security.Compute(security.Input{From: at("2026-01-01 00:00"), To: at("2026-07-01 00:00"), Loc: loc})
	if r.Coverage.Percent != 100 || r.Coverage.LongestGap != nil || r.Coverage.ByPost == nil || r.Coverage.ByMonth == nil || len(r.Coverage.ByMonth) != 0 {
		t.Errorf("coverage = %+v", r.Coverage)
	}
	if r.Alerts.ByKind == nil || r.Alerts.MedianAckMinutes != nil || r.Incidents.ByKind == nil || r.Incidents.PoliceAckMedian != nil ||
		r.Training.ByGuard == nil || r.Breaches.ByRule == nil || r.Staffing.Verdicts == nil || r.NoShows.ByGuard == nil {
		t.Errorf("an empty section is nil: %+v", r)
	}
	if s := security.Shortcomings(r, loc); len(s) != 1 || !strings.Contains(s[0], "không có tồn tại") {
		t.Errorf("shortcomings = %q", s)
	}
}

func TestPeriod(t *testing.T) {
	for _, c := range []struct {
		now, from, to, vi, next string
	}{
		{"2026-08-15 10:00", "2026-01-01 00:00", "2026-07-01 00:00", "6 tháng đầu năm 2026", "6 tháng cuối năm 2026"},
		{"2026-01-05 10:00", "2025-07-01 00:00", "2026-01-01 00:00", "6 tháng cuối năm 2025", "năm 2026"},
		{"2026-07-01 00:00", "2026-01-01 00:00", "2026-07-01 00:00", "6 tháng đầu năm 2026", "6 tháng cuối năm 2026"},
	} {
		f, to, err := security.Period(nil, nil, at(c.now), loc)
		if err != nil || !f.Equal(at(c.from)) || !to.Equal(at(c.to)) {
			t.Errorf("now %s: period %v – %v (%v), want %s – %s", c.now, f, to, err, c.from, c.to)
		}
		if got := security.PeriodVI(f, to, loc); got != c.vi {
			t.Errorf("now %s: %q, want %q", c.now, got, c.vi)
		}
		if got := security.NextPeriodVI(f, to, loc); got != c.next {
			t.Errorf("now %s: next %q, want %q", c.now, got, c.next)
		}
	}
	if got := security.PeriodVI(at("2025-01-01 00:00"), at("2026-01-01 00:00"), loc); got != "năm 2025" {
		t.Errorf("year: %q", got)
	}
	if got := security.PeriodVI(at("2026-01-05 00:00"), at("2026-03-21 00:00"), loc); got != "từ ngày 05/01/2026 đến ngày 20/03/2026" {
		t.Errorf("days: %q", got)
	}
	f, to := at("2026-01-01 00:00"), at("2027-03-01 00:00")
	if _, _, err := security.Period(&f, &to, f, loc); scheduler.ErrorKey(err) != "api.window_too_long" || scheduler.ErrorField(err) != "to" {
		t.Errorf("a 424-day period: %v", err)
	}
	if _, _, err := security.Period(&to, &f, f, loc); scheduler.ErrorKey(err) != "api.to_before_from" {
		t.Errorf("to before from: %v", err)
	}
}

func TestNumVI(t *testing.T) {
	for in, want := range map[float64]string{97.46: "97,46", 36: "36", 1416: "1.416", 1234567.5: "1.234.567,5", 0: "0", 12.1: "12,1"} {
		if got := security.NumVI(in); got != want {
			t.Errorf("NumVI(%v) = %q, want %q", in, got, want)
		}
	}
}

// docxText reads word/document.xml of a Word file back: every paragraph's
// text, and the page size.
func docxText(t *testing.T, b []byte) (paras []string, pgW, pgH string) {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	var doc []byte
	for _, f := range z.File {
		names[f.Name] = true
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			doc, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	for _, n := range []string{"[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/styles.xml", "word/document.xml"} {
		if !names[n] {
			t.Errorf("the package lacks %s", n)
		}
	}
	dec := xml.NewDecoder(bytes.NewReader(doc))
	var cur strings.Builder
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("document.xml is not well-formed: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "t":
				inText = true
			case "pgSz":
				for _, a := range e.Attr {
					switch a.Name.Local {
					case "w":
						pgW = a.Value
					case "h":
						pgH = a.Value
					}
				}
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "t":
				inText = false
			case "p":
				paras = append(paras, cur.String())
				cur.Reset()
			}
		case xml.CharData:
			if inText {
				cur.Write(e)
			}
		}
	}
	return paras, pgW, pgH
}

// Ensure the Word file reads back with the headings, the figures and the
// Vietnamese text intact, on A4 portrait.
func TestWriteDocx(t *testing.T) {
	in := fixture()
	r := security.Compute(in)
	o := scheduler.Office{Name: "Văn phòng UBND tỉnh Quảng Ngãi", ParentBody: "UBND tỉnh Quảng Ngãi", DocNumberPrefix: "/LT-VP"}
	d := security.NewDraft(r, o, at("2026-03-05 09:00"), loc)
	var buf bytes.Buffer
	if err := security.WriteDocx(&buf, d); err != nil {
		t.Fatal(err)
	}
	paras, w, h := docxText(t, buf.Bytes())
	if w != "11906" || h != "16838" {
		t.Errorf("page %s × %s, want A4 portrait 11906 × 16838", w, h)
	}
	all := strings.Join(paras, "\n")
	for _, want := range []string{
		"UBND TỈNH QUẢNG NGÃI", "VĂN PHÒNG UBND TỈNH QUẢNG NGÃI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
		"/BC-VP", "Quảng Ngãi, ngày 05 tháng 3 năm 2026", "\nBÁO CÁO\n",
		"Kết quả công tác bảo vệ trụ sở cơ quan từ ngày 01/01/2026 đến ngày 28/02/2026",
		"I. KẾT QUẢ THỰC HIỆN", "II. TỒN TẠI, HẠN CHẾ", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
		"đạt 97,46% so với yêu cầu", "có 2 khoảng thời gian vọng gác thiếu người trực, tổng cộng 36 giờ",
		"khoảng dài nhất 24 giờ tại Cổng chính (từ 07:00 ngày 05/02/2026 đến 07:00 ngày 06/02/2026)",
		"\nCổng chính\n1.416\n1.380\n97,46\n2\n36\n",
		"xử lý 3 vụ việc", "(trung vị): 4 phút", "xác nhận (trung vị): 9 phút", "\nKhiếu kiện đông người\n2\n", "\nCháy\n1\n",
		"có 2 sự kiện", "1 lượt đón tiếp khách", "(2 thông báo đã gửi)",
		"phát sinh 3 cảnh báo; 2 cảnh báo đã được tiếp nhận, thời gian tiếp nhận (trung vị): 20 phút",
		"1 trường hợp bảo vệ không có mặt nhận ca đúng giờ: Nguyễn Văn An (1 lần)",
		"tổng cộng 5 ngày công: Trần Thị Bình (3 ngày), Nguyễn Văn An (2 ngày)",
		"\nCa liên tục quá dài\n2\n", "\nThiếu nghỉ hằng tuần\n1\n",
		"- Vọng gác Cổng chính thiếu người: cần ít nhất 5 người, hiện có 3.",
		"Nơi nhận:", "CHÁNH VĂN PHÒNG",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("the Word file lacks %q", want)
		}
	}
	if t.Failed() {
		t.Logf("document text:\n%s", all)
	}
}

// Ensure coverage is counted from where each post's roster begins, and a
// post without any roster is listed apart and counts for nothing.
func TestComputeRosterStart(t *testing.T) {
	in := fixture()
	in.Posts = append(in.Posts, &scheduler.Post{ID: 2, Code: "tiep-dan", Name: "Trụ sở Tiếp công dân", Kind: scheduler.PostKindGuard, Active: true,
		Requirements: []scheduler.Requirement{{Days: []int{1, 2, 3, 4, 5}, Start: "07:00", End: "17:00", Headcount: 1}}})
	in.RosterStarts = map[int64]time.Time{1: at("2026-01-20 07:00")}
	c := security.Compute(in).Coverage
	// From 20/01 07:00: 281 h in January, 672 h in February; the 24 h gap of 05/02 remains.
	if c.Percent != 97.48 || c.GapCount != 1 || c.GapHours != 24 {
		t.Errorf("coverage %v %% in %d gaps of %v h, want 97.48 %% in 1 gap of 24 h", c.Percent, c.GapCount, c.GapHours)
	}
	if l := c.ByPost[0]; l.RequiredHours != 953 || l.RosterFrom == nil || !l.RosterFrom.Equal(at("2026-01-20 07:00")) {
		t.Errorf("gate %+v", l)
	}
	if l := c.ByPost[1]; !l.NoRoster || l.RequiredHours != 0 || l.GapCount != 0 {
		t.Errorf("a post without roster %+v", l)
	}
	want := []security.MonthLine{{Month: "2026-01", RequiredHours: 281, CoveredHours: 281, Percent: 100},
		{Month: "2026-02", RequiredHours: 672, CoveredHours: 648, Percent: 96.43}}
	if !reflect.DeepEqual(c.ByMonth, want) {
		t.Errorf("by month %+v, want %+v", c.ByMonth, want)
	}
}
