package web_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"catruc/scheduler"
)

// The demo: An holds the headquarters' 24 h shifts from 07:00 on even days
// of December 2026, Đức on odd days, and An is on approved leave from 18:00
// on the 10th to 07:00 on the 11th, which nobody has taken over.

// cellOf returns the inside of a grid cell.
func cellOf(t *testing.T, body string, postID int64, date string) string {
	t.Helper()
	m := regexp.MustCompile(`(?s)<td id="c-` + fmt.Sprint(postID) + `-` + date + `" class="[^"]*">(.*?)</td>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no cell of post %d on %s", postID, date)
	}
	return m[1]
}

// trainDuc puts Đức on approved training from the 2nd to the 4th, which
// takes him from the whole of his shift of the 3rd.
func (s *site) trainDuc() {
	s.t.Helper()
	if err := s.st.CreateTimeOff(context.Background(), &scheduler.TimeOff{GuardID: s.guardNamed("Trần Minh Đức"),
		Kind: scheduler.TimeOffTraining, Start: s.at(2, 0), End: s.at(5, 0), Note: "Tập huấn PCCC"}); err != nil {
		s.t.Fatal(err)
	}
}

// Ensure the month grid and the week view strike through the absent part of
// a shift with the kind of time off, and show the part still worked; a guard
// away for a whole shift is struck through.
func TestRosterGridShowsAbsences(t *testing.T) {
	s := newSite(t)
	s.trainDuc()
	hq := s.hqPost().ID
	b := s.browser()
	b.login("quanly", managerPass)
	_, month, _ := b.get("/roster?month=2026-12")
	leave := cellOf(t, month, hq, "2026-12-10")
	contains(t, leave, `<span class="who">An</span>`, `<span class="times">07:00–18:00</span>`,
		`<span class="absent"><s>18:00–07:00</s> <span class="kind">nghỉ phép</span></span>`, "Thiếu 1 người")
	if !regexp.MustCompile(`<span class="who">An</span>\s*<span class="times">07:00–18:00</span><span class="absent">`).MatchString(leave) ||
		regexp.MustCompile(`<span class="who">An</span>\s*<span class="times">07:00–07:00`).MatchString(leave) {
		t.Errorf("the leave's day does not show An 07:00–18:00 then the leave:\n%s", leave)
	}
	training := cellOf(t, month, hq, "2026-12-03")
	contains(t, training, `class="shift away"`, `<s class="who">Đức</s>`,
		`<span class="absent"><s>07:00–07:00</s> <span class="kind">tập huấn</span></span>`, "Thiếu 1 người")
	contains(t, month, "không tính là có người trực") // the legend

	_, week, _ := b.get("/roster/week?date=2026-12-10")
	leave = cellOf(t, week, hq, "2026-12-10")
	contains(t, leave, `<span class="who">Nguyễn Văn An</span>`, `<span class="times">07:00–18:00</span>`,
		`<s>18:00–07:00</s> <span class="kind">nghỉ phép</span>`, "(18:00–24:00)")
	contains(t, cellOf(t, week, hq, "2026-12-11"), `<s>18:00–07:00</s> <span class="kind">nghỉ phép</span>`)

	b.post("/lang", map[string][]string{"lang": {"en"}, "back": {"/roster"}})
	_, en, _ := b.get("/roster?month=2026-12")
	contains(t, cellOf(t, en, hq, "2026-12-10"), `<s>18:00–07:00</s> <span class="kind">on leave</span>`)
	contains(t, cellOf(t, en, hq, "2026-12-03"), `<span class="kind">training</span>`)
}

// Ensure the cell editor shows the worked and the absent parts of a shift,
// and a guard away for the whole of one struck through with the kind.
func TestRosterCellShowsAbsences(t *testing.T) {
	s := newSite(t)
	s.trainDuc()
	hq := s.hqPost().ID
	b := s.browser()
	b.login("quanly", managerPass)
	_, body, _ := b.get(fmt.Sprintf("/roster/cell?post=%d&date=2026-12-10", hq))
	contains(t, body, `<span class="worked">trực 07:00 – 18:00</span>`,
		`<span class="absent"><s>10/12 18:00 – 11/12 07:00</s> <span class="kind">nghỉ phép</span></span>`)
	_, body, _ = b.get(fmt.Sprintf("/roster/cell?post=%d&date=2026-12-03", hq))
	contains(t, body, `<span class="absent"><s>Trần Minh Đức</s> <span class="kind">tập huấn</span></span>`,
		`<s>03/12 07:00 – 04/12 07:00</s> <span class="kind">tập huấn</span>`)
}

// printCell returns the printed cell of row (0: headquarters) and day.
func printCell(t *testing.T, body string, row, day int) string {
	t.Helper()
	rows := regexp.MustCompile(`(?s)<tr>\s*<th scope="row" class="c-post">.*?</tr>`).FindAllString(body, -1)
	cells := regexp.MustCompile(`(?s)<td class="[^"]*">(.*?)</td>`).FindAllStringSubmatch(rows[row], -1)
	return cells[day-1][1]
}

// unstruck lists the names a printed cell shows as on duty (not struck through).
func unstruck(cell string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<span class="pname">([^<]*)</span>`).FindAllStringSubmatch(cell, -1) {
		out = append(out, m[1])
	}
	return out
}

// Ensure the print shows the worked part with the guard's name, the absent
// part struck through with the kind and no name, the gap it opens, and
// never a second name for a post-hour unless both are on duty.
func TestRosterPrintShowsAbsences(t *testing.T) {
	s := newSite(t)
	s.trainDuc()
	b := s.browser()
	b.login("quanly", managerPass)
	_, body, _ := b.get("/roster/print?month=2026-12")
	leave := printCell(t, body, 0, 10)
	contains(t, leave, `<span class="pname">An</span><span class="ptime">7h–18h</span>`,
		`<span class="pitem pabsent"><span class="ptime"><s>18h–7h</s> nghỉ phép</span></span>`,
		`<span class="pname">TRỐNG</span><span class="ptime">18h–7h</span>`)
	if got := unstruck(leave); strings.Join(got, ",") != "An,TRỐNG" {
		t.Errorf("the leave's day shows %v on duty, want An (07–18) and TRỐNG (18–07)", got)
	}
	whole := printCell(t, body, 0, 3)
	contains(t, whole, `<span class="pitem pabsent"><s class="pname">Đức</s><span class="ptime"><s>7h–7h</s> tập huấn</span></span>`)
	if got := unstruck(whole); strings.Join(got, ",") != "TRỐNG" {
		t.Errorf("the training's day shows %v on duty, want only TRỐNG", got)
	}
	contains(t, body, "phần ca người trực nghỉ")

	// Bảo of the reception takes the night over: the print shows him, and still no second name for the absent hours.
	hq := s.hqPost().ID
	bao := s.guardNamed("Phạm Quốc Bảo")
	ctx := context.Background()
	if _, err := s.st.UpdateGuard(ctx, bao, func(x *scheduler.Guard) error { x.PostIDs = append(x.PostIDs, hq); return nil }); err != nil {
		t.Fatal(err)
	}
	if err := s.st.CreateShift(ctx, &scheduler.Shift{PostID: hq, GuardID: &bao, Start: s.at(10, 18), End: s.at(11, 7)}); err != nil {
		t.Fatal(err)
	}
	_, body, _ = b.get("/roster/print?month=2026-12")
	leave = printCell(t, body, 0, 10)
	if got := unstruck(leave); strings.Join(got, ",") != "An,Bảo" {
		t.Errorf("with Bảo covering, the day shows %v on duty, want An (07–18) and Bảo (18–07)", got)
	}
	contains(t, leave, `<s>18h–7h</s> nghỉ phép`)
}

// Ensure the guard's page shows the worked and absent parts of a shift, the
// times of each time off, and counts only the hours worked.
func TestMePageShowsAbsences(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	b.login("an", guardPass)
	_, body, _ := b.get("/me")
	contains(t, body, `<span class="worked">trực 07:00 – 18:00</span>`,
		`<span class="absent"><s>10/12 18:00 – 11/12 07:00</s> <span class="kind">nghỉ phép</span></span>`,
		"Thời gian: 10/12/2026 18:00 – 11/12/2026 07:00", `data-me="hours">162<`)
}

// Ensure "on duty now" strikes through a guard on sick leave, with the kind,
// and shows who covers.
func TestDashboardShowsAbsentAndCover(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	cur := s.hqShiftNow()
	duc, _ := s.st.FindGuardByID(ctx, *cur.GuardID)
	if err := s.st.CreateTimeOff(ctx, &scheduler.TimeOff{GuardID: duc.ID, Kind: scheduler.TimeOffSick,
		Start: testNow.Add(-time.Hour), End: cur.End}); err != nil {
		t.Fatal(err)
	}
	an := s.guardNamed("Nguyễn Văn An")
	if err := s.st.CreateShift(ctx, &scheduler.Shift{PostID: cur.PostID, GuardID: &an, Start: testNow.Add(-30 * time.Minute), End: cur.End}); err != nil {
		t.Fatal(err)
	}
	b := s.browser()
	b.login("quanly", managerPass)
	_, body, _ := b.get("/")
	duty := regexp.MustCompile(`(?s)<h2 id="onduty">.*?</table>`).FindString(body)
	contains(t, duty, `<span class="shift">Nguyễn Văn An <span class="muted">`, `<del>`+duc.Name, `<span class="away-kind">ốm</span>`)
	if strings.Contains(duty, `<span class="shift">`+duc.Name) {
		t.Errorf("%s, away sick, is shown on duty:\n%s", duc.Name, duty)
	}
}
