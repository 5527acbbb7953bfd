package ical

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"catruc/scheduler"
)

// absenceContent is the headquarters in the first week of December: An holds
// 24 h shifts from 07:00 and is on leave from 18:00 on the 1st, and on
// training from the 3rd to the 6th; Bình covers the leave's night, nobody
// the training; Cường holds the reception post.
func absenceContent(t testing.TB, scope string, target int64) Content {
	loc := mustLoad(t, scheduler.DefaultTimezone)
	at := func(d, h int) time.Time { return time.Date(2026, 12, d, h, 0, 0, 0, loc) }
	mk := func(id, post, guard int64, from, to time.Time) *scheduler.Shift {
		s := &scheduler.Shift{ID: id, PostID: post, GuardID: ptr(guard), Start: from, End: to, Status: scheduler.ShiftScheduled,
			Version: 1, CreatedAt: fixedNow.Add(-240 * time.Hour), UpdatedAt: fixedNow.Add(-240 * time.Hour)}
		return s
	}
	offs := []*scheduler.TimeOff{
		{ID: 41, GuardID: 1, Start: at(1, 18), End: at(2, 12), Kind: scheduler.TimeOffLeave, Status: scheduler.TimeOffApproved},
		{ID: 42, GuardID: 1, Start: at(3, 0), End: at(7, 0), Kind: scheduler.TimeOffTraining, Status: scheduler.TimeOffApproved},
	}
	shifts := []*scheduler.Shift{
		mk(301, 1, 1, at(1, 7), at(2, 7)),  // An, leave from 18:00
		mk(302, 1, 2, at(1, 18), at(2, 7)), // Bình covers it
		mk(303, 1, 1, at(3, 7), at(4, 7)),  // An, on training: wholly absent
		mk(304, 2, 3, at(3, 7), at(3, 17)), // Cường at the reception
	}
	for _, s := range shifts {
		s.Absences = scheduler.ShiftAbsences(s, offs)
	}
	name := map[string]string{scheduler.ScopeGuard: "Lịch trực – " + guardAn, scheduler.ScopePost: "Lịch trực – Trụ sở chính",
		scheduler.ScopeAll: "Lịch trực – toàn cơ quan"}[scope]
	cal := &scheduler.Calendar{ID: 1, Scope: scope, Name: name}
	if target > 0 {
		cal.TargetID = ptr(target)
	}
	return Content{
		Calendar: cal, Settings: scheduler.DefaultCalendarSettings(), Loc: loc, Host: "catruc.example.vn", Now: fixedNow,
		Posts: []*scheduler.Post{
			{ID: 1, Name: hqName, Site: hqSite, Kind: scheduler.PostKindGuard, Active: true},
			{ID: 2, Name: recName, Site: recSite, Kind: scheduler.PostKindGuard, Active: true},
		},
		Guards: []*scheduler.Guard{{ID: 1, Name: guardAn}, {ID: 2, Name: guardBinh}, {ID: 3, Name: guardCuong}},
		Shifts: shifts,
	}
}

func absenceGuardFeed(t testing.TB) Feed {
	return FeedFor(absenceContent(t, scheduler.ScopeGuard, 1))
}

func absencePostFeed(t testing.TB) Feed {
	return FeedFor(absenceContent(t, scheduler.ScopePost, 1))
}

// readFeed builds f and reads it back with go-ical, by UID.
func readFeed(t *testing.T, f Feed) map[string]goical.Event {
	t.Helper()
	out, err := Build(f)
	if err != nil {
		t.Fatal(err)
	}
	cal, err := goical.NewDecoder(bytes.NewReader(out)).Decode()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]goical.Event{}
	for _, e := range cal.Events() {
		uid, _ := e.Props.Text(goical.PropUID)
		got[uid] = e
	}
	return got
}

func propText(t *testing.T, e goical.Event, name string) string {
	t.Helper()
	v, err := e.Props.Text(name)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func when(t *testing.T, e goical.Event, name string, loc *time.Location) string {
	t.Helper()
	v, err := e.Props.DateTime(name, loc)
	if err != nil {
		t.Fatal(err)
	}
	return v.In(loc).Format("02/01 15:04")
}

// Ensure the guard's own feed shows a shift the guard is away for wholly as
// cancelled with the kind, and a partly absent one with its worked hours.
func TestFeedGuardAbsences(t *testing.T) {
	f := absenceGuardFeed(t)
	if len(f.Absences) != 0 {
		t.Errorf("a guard's own feed has %d absence events, want none", len(f.Absences))
	}
	got := readFeed(t, f)
	if len(got) != 2 {
		t.Fatalf("%d events, want An's 2 shifts", len(got))
	}
	loc := f.Loc

	whole := got["shift-303@catruc.example.vn"]
	if s := propText(t, whole, goical.PropStatus); s != "CANCELLED" {
		t.Errorf("wholly absent shift: STATUS %s, want CANCELLED", s)
	}
	if d := propText(t, whole, goical.PropDescription); !strings.HasPrefix(d, "Nghỉ: tập huấn") {
		t.Errorf("wholly absent shift: DESCRIPTION %q, want it to start with \"Nghỉ: tập huấn\"", d)
	}
	// A guard's own feed: the post, not the guard's own name (issue 11).
	if s := propText(t, whole, goical.PropSummary); s != hqName+" (nghỉ: tập huấn)" {
		t.Errorf("wholly absent shift: SUMMARY %q", s)
	}
	if len(whole.Children) != 0 {
		t.Errorf("wholly absent shift has a reminder")
	}

	part := got["shift-301@catruc.example.vn"]
	// Confirmed is RFC 5545's default, which a personal feed leaves unsaid (issue 11).
	if s := propText(t, part, goical.PropStatus); s != "" {
		t.Errorf("partly absent shift: STATUS %s, want none (confirmed)", s)
	}
	if a, b := when(t, part, goical.PropDateTimeStart, loc), when(t, part, goical.PropDateTimeEnd, loc); a != "01/12 07:00" || b != "01/12 18:00" {
		t.Errorf("partly absent shift runs %s–%s, want its worked hours 01/12 07:00–01/12 18:00", a, b)
	}
	d := propText(t, part, goical.PropDescription)
	for _, want := range []string{"Nghỉ: nghỉ phép, 18:00 01/12 – 07:00 02/12", "Ca trực gốc: 07:00 01/12 – 07:00 02/12"} {
		if !strings.Contains(d, want) {
			t.Errorf("partly absent shift: DESCRIPTION %q lacks %q", d, want)
		}
	}
	if strings.Contains(d, guardBinh) {
		t.Errorf("An's shift lists Bình as on duty with An, but Bình holds only the hours An is away: %q", d)
	}
	if len(part.Children) != 1 {
		t.Errorf("partly absent shift: %d reminders, want 1", len(part.Children))
	}
}

// Ensure a post's feed (read on its guards' phones) shows the absent parts
// with the guard's name, as busy without the kind of time off, and who holds
// the post then or that nobody does; the whole office's feed (the managers')
// names the kind.
func TestFeedPostAbsences(t *testing.T) {
	f := absencePostFeed(t)
	got := readFeed(t, f)
	var uids []string
	for u := range got {
		uids = append(uids, u)
	}
	slices.Sort(uids)
	want := []string{"absence-301-41@catruc.example.vn", "absence-303-42@catruc.example.vn",
		"shift-301@catruc.example.vn", "shift-302@catruc.example.vn", "shift-303@catruc.example.vn"}
	if !slices.Equal(uids, want) {
		t.Fatalf("events %v, want %v", uids, want)
	}
	leave := got["absence-301-41@catruc.example.vn"]
	if s := propText(t, leave, goical.PropSummary); s != hqName+" – Vắng: "+guardAn+" (bận) – "+guardBinh+" trực thay" {
		t.Errorf("covered absence: SUMMARY %q", s)
	}
	if a, b := when(t, leave, goical.PropDateTimeStart, f.Loc), when(t, leave, goical.PropDateTimeEnd, f.Loc); a != "01/12 18:00" || b != "02/12 07:00" {
		t.Errorf("covered absence runs %s–%s", a, b)
	}
	if d := propText(t, leave, goical.PropDescription); !strings.Contains(d, "Trực thay: "+guardBinh+" (18:00 01/12 – 07:00 02/12)") {
		t.Errorf("covered absence: DESCRIPTION %q", d)
	}
	training := got["absence-303-42@catruc.example.vn"]
	if s := propText(t, training, goical.PropSummary); s != hqName+" – Vắng: "+guardAn+" (bận) – "+OpenGuard {
		t.Errorf("uncovered absence: SUMMARY %q", s)
	}
	all := readFeed(t, FeedFor(absenceContent(t, scheduler.ScopeAll, 0)))
	if s := propText(t, all["absence-303-42@catruc.example.vn"], goical.PropSummary); s != hqName+" – Vắng: "+guardAn+" (tập huấn) – "+OpenGuard {
		t.Errorf("the whole office's feed: SUMMARY %q, want the kind", s)
	}
	if d := propText(t, training, goical.PropDescription); !strings.Contains(d, "Chưa có người trực thay") {
		t.Errorf("uncovered absence: DESCRIPTION %q", d)
	}
	// Bình's own shift says An is not with her.
	if d, _ := got["shift-302@catruc.example.vn"].Props.Text(goical.PropDescription); strings.Contains(d, guardAn) {
		t.Errorf("Bình's shift lists An, who is on leave: %q", d)
	}
}

// Ensure FeedFor picks each scope's shifts and events, keeps cancelled ones
// only for CancelledFor, and names who is on duty.
func TestFeedForScopes(t *testing.T) {
	c := absenceContent(t, scheduler.ScopeAll, 0)
	old := &scheduler.Shift{ID: 305, PostID: 2, GuardID: ptr(int64(3)), Start: fixedNow.Add(-48 * time.Hour),
		End: fixedNow.Add(-40 * time.Hour), Status: scheduler.ShiftCancelled, UpdatedAt: fixedNow.Add(-31 * 24 * time.Hour)}
	recent := &scheduler.Shift{ID: 306, PostID: 2, GuardID: ptr(int64(3)), Start: fixedNow.Add(-24 * time.Hour),
		End: fixedNow.Add(-16 * time.Hour), Status: scheduler.ShiftCancelled, UpdatedAt: fixedNow.Add(-24 * time.Hour)}
	c.Shifts = append(c.Shifts, old, recent)
	c.Events = []*scheduler.Event{{ID: 7, Title: "Hội nghị", PostIDs: []int64{2}, Start: c.Shifts[3].Start, End: c.Shifts[3].End,
		Status: scheduler.ShiftScheduled, NotifyPolice: true}}
	ids := func(f Feed) []int64 {
		var out []int64
		for _, it := range f.Shifts {
			out = append(out, it.Shift.ID)
		}
		return out
	}
	all := FeedFor(c)
	if got := ids(all); !slices.Equal(got, []int64{301, 302, 303, 304, 306}) {
		t.Errorf("all: shifts %v", got)
	}
	if len(all.Absences) != 2 || len(all.Events) != 1 || all.Alarm != 0 {
		t.Errorf("all: %d absences, %d events, alarm %v; want 2, 1, 0", len(all.Absences), len(all.Events), all.Alarm)
	}
	if on := all.Events[0].OnDuty; len(on) != 1 || !strings.HasPrefix(on[0], guardCuong+" ("+recName) {
		t.Errorf("the event's on duty: %v", on)
	}
	c.Calendar = &scheduler.Calendar{Scope: scheduler.ScopePost, TargetID: ptr(int64(2))}
	if got := ids(FeedFor(c)); !slices.Equal(got, []int64{304, 306}) {
		t.Errorf("post 2: shifts %v", got)
	}
	c.Calendar = &scheduler.Calendar{Scope: scheduler.ScopeGuard, TargetID: ptr(int64(2))}
	g := FeedFor(c)
	if got := ids(g); !slices.Equal(got, []int64{302}) || g.Alarm != time.Hour || len(g.Events) != 0 {
		t.Errorf("guard 2: shifts %v, alarm %v, %d events", got, g.Alarm, len(g.Events))
	}
	c.Calendar = &scheduler.Calendar{Scope: scheduler.ScopePolice}
	p := FeedFor(c)
	if len(p.Shifts) != 5 || len(p.Events) != 1 || len(p.Absences) != 2 {
		t.Errorf("police: %d shifts, %d events, %d absences", len(p.Shifts), len(p.Events), len(p.Absences))
	}
}
