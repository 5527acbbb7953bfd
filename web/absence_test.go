package web_test

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"catruc/scheduler"
	"catruc/store"
)

// The demo's one absence: store.DemoGapDays after the demo's day (testNow),
// the headquarters guard on duty that day (24 h from 07:00) is on approved
// leave from 18:00 to the next 07:00 handover, and nobody has taken the night
// over. The tests read it from the store, so that they follow the demo. (With
// testNow on 01/12/2026: Nguyễn Văn An, whose shift of 04/12 runs 07:00–18:00
// then is on leave 18:00 → 07:00 on 05/12; Trần Minh Đức holds the other days.)

// demoLeave is the demo's leave as the pages should show it.
type demoLeave struct {
	off          *scheduler.TimeOff
	shift        *scheduler.Shift // the headquarters shift it cuts into
	guard, other *scheduler.Guard // the guard on leave; the other headquarters guard
	given        string           // the guard's given name, as the grid and the print name them
	date, next   string           // the leave's first and second day, "2026-12-04"
	month        string           // the month of its first day, "2026-12"
	day          int              // its first day's day of the month
	worked       string           // the part of the shift worked, "07:00–18:00"
	absent       string           // the part on leave, "18:00–07:00"
	pWorked      string           // the same in the print, "7h–18h"
	pAbsent      string           // "18h–7h"
}

// demoLeave reads the demo's leave from the store and checks it is where the
// demo puts it: DemoGapDays after testNow's day, cutting into the evening and
// night of the headquarters shift of that day.
func (s *site) demoLeave() *demoLeave {
	s.t.Helper()
	ctx := context.Background()
	offs, err := s.st.FindTimeOff(ctx, scheduler.TimeOffFilter{Status: scheduler.TimeOffApproved})
	if err != nil || len(offs) != 1 || offs[0].Kind != scheduler.TimeOffLeave {
		s.t.Fatalf("the demo's time off: %v %+v, want one approved leave", err, offs)
	}
	l := &demoLeave{off: offs[0]}
	start, end := l.off.Start.In(s.loc), l.off.End.In(s.loc)
	today := testNow.In(s.loc)
	if want := scheduler.DateStart(today.Year(), today.Month(), today.Day()+store.DemoGapDays, s.loc); !scheduler.DayStart(start, s.loc).Equal(want) {
		s.t.Fatalf("the demo's leave starts %s, want on %s (DemoGapDays ahead)", start, want.Format(scheduler.DateLayout))
	}
	hq := s.hqPost().ID
	from, to := start, start.Add(time.Minute)
	shs, err := s.st.FindShifts(ctx, scheduler.ShiftFilter{PostID: &hq, Status: scheduler.ShiftScheduled, From: &from, To: &to})
	if err != nil || len(shs) != 1 || shs[0].GuardID == nil || *shs[0].GuardID != l.off.GuardID ||
		!shs[0].Start.Before(start) || !shs[0].End.Equal(end) {
		s.t.Fatalf("the headquarters shift at the leave's start: %v %+v, want the guard on leave's, ending with the leave", err, shs)
	}
	l.shift = shs[0]
	if l.guard, err = s.st.FindGuardByID(ctx, l.off.GuardID); err != nil {
		s.t.Fatal(err)
	}
	gs, err := s.st.FindGuards(ctx, scheduler.GuardFilter{PostID: &hq})
	if err != nil || len(gs) != 2 {
		s.t.Fatalf("the headquarters guards: %v %d, want the two of its 24-24 rotation", err, len(gs))
	}
	for _, g := range gs {
		if g.ID != l.guard.ID {
			l.other = g
		}
	}
	f := strings.Fields(l.guard.Name)
	l.given = f[len(f)-1]
	l.date, l.next = start.Format(scheduler.DateLayout), end.Format(scheduler.DateLayout)
	l.month, l.day = start.Format("2006-01"), start.Day()
	clock := func(t time.Time) string { return t.In(s.loc).Format("15:04") }
	hour := func(t time.Time) string { return fmt.Sprintf("%dh", t.In(s.loc).Hour()) }
	l.worked, l.absent = clock(l.shift.Start)+"–"+clock(start), clock(start)+"–"+clock(end)
	l.pWorked, l.pAbsent = hour(l.shift.Start)+"–"+hour(start), hour(start)+"–"+hour(end)
	return l
}

// cellOf returns the inside of a grid cell.
func cellOf(t *testing.T, body string, postID int64, date string) string {
	t.Helper()
	m := regexp.MustCompile(`(?s)<td id="c-` + fmt.Sprint(postID) + `-` + date + `" class="[^"]*">(.*?)</td>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no cell of post %d on %s", postID, date)
	}
	return m[1]
}

// training is an approved training of the other headquarters guard that
// takes him from the whole of one of his shifts.
type training struct {
	shift      *scheduler.Shift
	given      string // his given name, as the grid and the print name him
	date, next string // the shift's first and second day
	day        int    // the shift's day of the month
}

// trainOther puts the other headquarters guard on approved training from
// 00:00 on the day of his first shift two days or more after the leave's
// first day, for two days: it takes him from the whole of that shift, and
// neither it nor its shift touches the leave's days.
func (s *site) trainOther(l *demoLeave) *training {
	s.t.Helper()
	ctx := context.Background()
	start := l.off.Start.In(s.loc)
	from := scheduler.DateStart(start.Year(), start.Month(), start.Day()+2, s.loc)
	to := from.AddDate(0, 0, 3)
	shs, err := s.st.FindShifts(ctx, scheduler.ShiftFilter{GuardID: &l.other.ID, Status: scheduler.ShiftScheduled, From: &from, To: &to})
	if err != nil {
		s.t.Fatal(err)
	}
	var sh *scheduler.Shift
	for _, x := range shs {
		if !x.Start.Before(from) && (sh == nil || x.Start.Before(sh.Start)) {
			sh = x
		}
	}
	if sh == nil {
		s.t.Fatalf("%s has no shift from %s", l.other.Name, from)
	}
	day := scheduler.DayStart(sh.Start, s.loc)
	if err := s.st.CreateTimeOff(ctx, &scheduler.TimeOff{GuardID: l.other.ID, Kind: scheduler.TimeOffTraining,
		Start: day, End: day.AddDate(0, 0, 2), Note: "Tập huấn PCCC"}); err != nil {
		s.t.Fatal(err)
	}
	f := strings.Fields(l.other.Name)
	return &training{shift: sh, given: f[len(f)-1], day: sh.Start.In(s.loc).Day(),
		date: sh.Start.In(s.loc).Format(scheduler.DateLayout), next: sh.End.In(s.loc).Format(scheduler.DateLayout)}
}

// Ensure the month grid and the week view strike through the absent part of
// a shift with the kind of time off, and show the part still worked; a guard
// away for a whole shift is struck through.
func TestRosterGridShowsAbsences(t *testing.T) {
	s := newSite(t)
	l := s.demoLeave()
	tr := s.trainOther(l)
	if !strings.HasPrefix(tr.date, l.month) {
		t.Fatalf("the training's shift (%s) is not in the leave's month %s", tr.date, l.month)
	}
	hq := s.hqPost().ID
	b := s.browser()
	b.login("quanly", managerPass)
	_, month, _ := b.get("/roster?month=" + l.month)
	leave := cellOf(t, month, hq, l.date)
	contains(t, leave, `<span class="who">`+l.given+`</span>`, `<span class="times">`+l.worked+`</span>`,
		`<span class="absent"><s>`+l.absent+`</s> <span class="kind">nghỉ phép</span></span>`, "Thiếu 1 người")
	who := `<span class="who">` + regexp.QuoteMeta(l.given) + `</span>\s*<span class="times">`
	if !regexp.MustCompile(who+regexp.QuoteMeta(l.worked)+`</span><span class="absent">`).MatchString(leave) ||
		regexp.MustCompile(who+`07:00–07:00`).MatchString(leave) {
		t.Errorf("the leave's day does not show %s %s then the leave:\n%s", l.given, l.worked, leave)
	}
	training := cellOf(t, month, hq, tr.date)
	contains(t, training, `class="shift away"`, `<s class="who">`+tr.given+`</s>`,
		`<span class="absent"><s>07:00–07:00</s> <span class="kind">tập huấn</span></span>`, "Thiếu 1 người")
	contains(t, month, "không tính là có người trực") // the legend

	_, week, _ := b.get("/roster/week?date=" + l.date)
	leave = cellOf(t, week, hq, l.date)
	contains(t, leave, `<span class="who">`+l.guard.Name+`</span>`, `<span class="times">`+l.worked+`</span>`,
		`<s>`+l.absent+`</s> <span class="kind">nghỉ phép</span>`, "("+l.off.Start.In(s.loc).Format("15:04")+"–24:00)")
	_, week, _ = b.get("/roster/week?date=" + l.next)
	next := cellOf(t, week, hq, l.next)
	contains(t, next, `<s>`+l.absent+`</s> <span class="kind">nghỉ phép</span>`)
	// The night after the leave starts, the guard is away for all of that day's part of
	// the shift: struck through, without the hours worked the day before.
	contains(t, next, `class="shift cont away"`, `<s class="who">`+l.guard.Name+`</s>`)
	if strings.Contains(next, `<span class="times">`+l.worked+`</span>`) {
		t.Errorf("the day after the leave starts shows the hours worked the day before:\n%s", next)
	}

	b.post("/lang", map[string][]string{"lang": {"en"}, "back": {"/roster"}})
	_, en, _ := b.get("/roster?month=" + l.month)
	contains(t, cellOf(t, en, hq, l.date), `<s>`+l.absent+`</s> <span class="kind">on leave</span>`)
	contains(t, cellOf(t, en, hq, tr.date), `<span class="kind">training</span>`)
}

// cellSpan is a span as the cell editor and /me write it: "04/12 18:00 – 05/12 07:00".
func (s *site) cellSpan(a, b time.Time) string {
	const layout = "02/01 15:04"
	return a.In(s.loc).Format(layout) + " – " + b.In(s.loc).Format(layout)
}

// Ensure the cell editor shows the worked and the absent parts of a shift,
// and a guard away for the whole of one struck through with the kind.
func TestRosterCellShowsAbsences(t *testing.T) {
	s := newSite(t)
	l := s.demoLeave()
	tr := s.trainOther(l)
	hq := s.hqPost().ID
	b := s.browser()
	b.login("quanly", managerPass)
	_, body, _ := b.get(fmt.Sprintf("/roster/cell?post=%d&date=%s", hq, l.date))
	contains(t, body, `<span class="worked">trực `+strings.Replace(l.worked, "–", " – ", 1)+`</span>`,
		`<span class="absent"><s>`+s.cellSpan(l.off.Start, l.off.End)+`</s> <span class="kind">nghỉ phép</span></span>`)
	_, body, _ = b.get(fmt.Sprintf("/roster/cell?post=%d&date=%s", hq, tr.date))
	contains(t, body, `<span class="absent"><s>`+l.other.Name+`</s> <span class="kind">tập huấn</span></span>`,
		`<s>`+s.cellSpan(tr.shift.Start, tr.shift.End)+`</s> <span class="kind">tập huấn</span>`)
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
	l := s.demoLeave()
	tr := s.trainOther(l)
	b := s.browser()
	b.login("quanly", managerPass)
	_, body, _ := b.get("/roster/print?month=" + l.month)
	leave := printCell(t, body, 0, l.day)
	contains(t, leave, `<span class="pname">`+l.given+`</span><span class="ptime">`+l.pWorked+`</span>`,
		`<span class="pitem pabsent"><span class="ptime"><s>`+l.pAbsent+`</s> nghỉ phép</span></span>`,
		`<span class="pname">TRỐNG</span><span class="ptime">`+l.pAbsent+`</span>`)
	if got := unstruck(leave); strings.Join(got, ",") != l.given+",TRỐNG" {
		t.Errorf("the leave's day shows %v on duty, want %s (%s) and TRỐNG (%s)", got, l.given, l.pWorked, l.pAbsent)
	}
	whole := printCell(t, body, 0, tr.day)
	contains(t, whole, `<span class="pitem pabsent"><s class="pname">`+tr.given+`</s><span class="ptime"><s>7h–7h</s> tập huấn</span></span>`)
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
	if err := s.st.CreateShift(ctx, &scheduler.Shift{PostID: hq, GuardID: &bao, Start: l.off.Start, End: l.off.End}); err != nil {
		t.Fatal(err)
	}
	_, body, _ = b.get("/roster/print?month=" + l.month)
	leave = printCell(t, body, 0, l.day)
	if got := unstruck(leave); strings.Join(got, ",") != l.given+",Bảo" {
		t.Errorf("with Bảo covering, the day shows %v on duty, want %s (%s) and Bảo (%s)", got, l.given, l.pWorked, l.pAbsent)
	}
	contains(t, leave, `<s>`+l.pAbsent+`</s> nghỉ phép`)
}

// Ensure the guard's page shows the worked and absent parts of a shift, the
// times of each time off, and counts only the hours worked: those of the
// month's shifts, less the leave.
func TestMePageShowsAbsences(t *testing.T) {
	s := newSite(t)
	l := s.demoLeave()
	b := s.browser()
	if l.guard.ID == s.anID {
		b.login("an", guardPass)
	} else {
		s.addGuardUser("vang", guardPass, l.guard.ID)
		b.login("vang", guardPass)
	}
	_, body, _ := b.get("/me")
	scheduled, absent := s.monthHours(l.guard.ID)
	if absent <= 0 {
		t.Fatalf("the demo's leave takes no hour of this month's shifts of %s", l.guard.Name)
	}
	hours := strings.ReplaceAll(strconv.FormatFloat((scheduled-absent).Hours(), 'f', -1, 64), ".", ",")
	full := func(t time.Time) string { return t.In(s.loc).Format("02/01/2006 15:04") }
	contains(t, body, `<span class="worked">trực `+strings.Replace(l.worked, "–", " – ", 1)+`</span>`,
		`<span class="absent"><s>`+s.cellSpan(l.off.Start, l.off.End)+`</s> <span class="kind">nghỉ phép</span></span>`,
		"Thời gian: "+full(l.off.Start)+" – "+full(l.off.End), `data-me="hours">`+hours+`<`)
}

// monthHours counts the hours of the guard's scheduled shifts in the month
// of testNow (in the office zone), and how many of them fall in the guard's
// approved time off.
func (s *site) monthHours(guardID int64) (scheduled, absent time.Duration) {
	s.t.Helper()
	ctx := context.Background()
	n := testNow.In(s.loc)
	from := scheduler.DateStart(n.Year(), n.Month(), 1, s.loc)
	to := from.AddDate(0, 1, 0)
	shs, err := s.st.FindShifts(ctx, scheduler.ShiftFilter{GuardID: &guardID, Status: scheduler.ShiftScheduled, From: &from, To: &to})
	if err != nil {
		s.t.Fatal(err)
	}
	offs, err := s.st.FindTimeOff(ctx, scheduler.TimeOffFilter{GuardID: &guardID, Status: scheduler.TimeOffApproved})
	if err != nil {
		s.t.Fatal(err)
	}
	// clip returns [a, b) ∩ [c, d), empty when they do not meet.
	clip := func(a, b, c, d time.Time) (time.Time, time.Time) {
		if c.After(a) {
			a = c
		}
		if d.Before(b) {
			b = d
		}
		if b.Before(a) {
			b = a
		}
		return a, b
	}
	for _, sh := range shs {
		a, b := clip(sh.Start, sh.End, from, to)
		scheduled += b.Sub(a)
		for _, o := range offs { // the demo's time off do not overlap one another
			x, y := clip(a, b, o.Start, o.End)
			absent += y.Sub(x)
		}
	}
	return scheduled, absent
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

// Ensure a shift continued into the next day shows, in that day's cell, only
// its parts of that day: a guard sick for a shift's first five hours shows
// the hours worked after midnight, not the morning's absence again.
func TestRosterContinuedShowsItsDay(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	hq := s.hqPost().ID
	from, to := s.at(10, 7), s.at(10, 8)
	shs, err := s.st.FindShifts(ctx, scheduler.ShiftFilter{PostID: &hq, Status: scheduler.ShiftScheduled, From: &from, To: &to})
	if err != nil || len(shs) != 1 || shs[0].GuardID == nil || !shs[0].Start.Equal(from) {
		t.Fatalf("the headquarters shift of 10/12 07:00: %v %v", shs, err)
	}
	if err := s.st.CreateTimeOff(ctx, &scheduler.TimeOff{GuardID: *shs[0].GuardID, Kind: scheduler.TimeOffSick,
		Start: s.at(10, 7), End: s.at(10, 12)}); err != nil {
		t.Fatal(err)
	}
	b := s.browser()
	b.login("quanly", managerPass)
	_, week, _ := b.get("/roster/week?date=2026-12-10")
	contains(t, cellOf(t, week, hq, "2026-12-10"), `<s>07:00–12:00</s> <span class="kind">ốm</span>`, `<span class="times">12:00–07:00</span>`)
	next := cellOf(t, week, hq, "2026-12-11")
	contains(t, next, `<span class="times">12:00–07:00</span>`)
	if strings.Contains(next, `<s>07:00–12:00</s>`) {
		t.Errorf("the day after shows the morning's absence again:\n%s", next)
	}
}
