package coverage

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zones the tests use, whatever the machine has

	"catruc/scheduler"
)

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

var (
	hcm    = mustZone("Asia/Ho_Chi_Minh")
	berlin = mustZone("Europe/Berlin")
)

// tm parses "MM-DD HH:MM" as a wall-clock time of 2026 in the office zone.
// 2026-12-07 is a Monday.
func tm(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", "2026-"+s, hcm)
	if err != nil {
		panic(err)
	}
	return t
}

func gid(id int64) *int64 { return &id }

var everyDay = []int{1, 2, 3, 4, 5, 6, 7}

func req(days []int, start, end string, n int) scheduler.Requirement {
	return scheduler.Requirement{Days: days, Start: start, End: end, Headcount: n}
}

func post(id int64, reqs ...scheduler.Requirement) *scheduler.Post {
	return &scheduler.Post{ID: id, Code: fmt.Sprintf("p%d", id), Kind: scheduler.PostKindGuard, Requirements: reqs, Active: true}
}

func shift(postID int64, guard *int64, start, end string) *scheduler.Shift {
	return &scheduler.Shift{PostID: postID, GuardID: guard, Start: tm(start), End: tm(end), Status: scheduler.ShiftScheduled}
}

func event(extra int, start, end string, posts ...int64) *scheduler.Event {
	return &scheduler.Event{Kind: "delegation", Start: tm(start), End: tm(end), PostIDs: posts, ExtraHeadcount: extra}
}

func fmtSegs(segs []Segment) []string {
	out := []string{}
	for _, s := range segs {
		out = append(out, fmt.Sprintf("%s–%s %d", s.Start.Format("01-02 15:04"), s.End.Format("01-02 15:04"), s.Headcount))
	}
	return out
}

func fmtIvs(ivs []Interval) []string {
	out := []string{}
	for _, iv := range ivs {
		out = append(out, fmt.Sprintf("%s–%s req %d staffed %d missing %d extra %d",
			iv.Start.Format("01-02 15:04"), iv.End.Format("01-02 15:04"), iv.Required, iv.Staffed, iv.Missing, iv.Extra))
	}
	return out
}

// Ensure each shape of requirement, and events, give the headcount the
// domain describes at each instant, over the whole window, with neighbouring
// equal stretches merged.
func TestRequired(t *testing.T) {
	weekdays := []int{1, 2, 3, 4, 5}
	tests := []struct {
		name     string
		reqs     []scheduler.Requirement
		events   []*scheduler.Event
		from, to string
		want     []string
	}{
		{
			name: "whole day every day is one stretch",
			reqs: []scheduler.Requirement{req(everyDay, "00:00", "00:00", 1)},
			from: "12-07 00:00", to: "12-09 00:00",
			want: []string{"12-07 00:00–12-09 00:00 1"},
		},
		{
			name: "07:00-17:00 Monday to Friday skips the weekend",
			reqs: []scheduler.Requirement{req(weekdays, "07:00", "17:00", 1)},
			from: "12-11 00:00", to: "12-14 12:00", // Friday to Monday noon
			want: []string{
				"12-11 00:00–12-11 07:00 0",
				"12-11 07:00–12-11 17:00 1",
				"12-11 17:00–12-14 07:00 0",
				"12-14 07:00–12-14 12:00 1",
			},
		},
		{
			name: "crossing midnight belongs to the day it starts",
			reqs: []scheduler.Requirement{req([]int{1}, "22:00", "06:00", 1)},
			from: "12-06 00:00", to: "12-09 00:00", // Sunday to Wednesday
			want: []string{
				"12-06 00:00–12-07 22:00 0",
				"12-07 22:00–12-08 06:00 1",
				"12-08 06:00–12-09 00:00 0",
			},
		},
		{
			name: "a stretch that started the day before the window reaches into it",
			reqs: []scheduler.Requirement{req([]int{7}, "22:00", "06:00", 1)},
			from: "12-07 00:00", to: "12-07 12:00",
			want: []string{
				"12-07 00:00–12-07 06:00 1",
				"12-07 06:00–12-07 12:00 0",
			},
		},
		{
			name: "start equal to end at 06:00 is 24 hours from 06:00",
			reqs: []scheduler.Requirement{req([]int{1}, "06:00", "06:00", 1)},
			from: "12-07 00:00", to: "12-09 00:00",
			want: []string{
				"12-07 00:00–12-07 06:00 0",
				"12-07 06:00–12-08 06:00 1",
				"12-08 06:00–12-09 00:00 0",
			},
		},
		{
			name: "overlapping requirements take the highest, not the sum",
			reqs: []scheduler.Requirement{
				req(everyDay, "00:00", "00:00", 1),
				req(weekdays, "07:00", "17:00", 2),
				req([]int{1}, "08:00", "12:00", 3),
				req([]int{1}, "09:00", "10:00", 1),
			},
			from: "12-07 00:00", to: "12-08 00:00",
			want: []string{
				"12-07 00:00–12-07 07:00 1",
				"12-07 07:00–12-07 08:00 2",
				"12-07 08:00–12-07 12:00 3",
				"12-07 12:00–12-07 17:00 2",
				"12-07 17:00–12-08 00:00 1",
			},
		},
		{
			name: "events add to the requirement and to each other, only at their posts",
			reqs: []scheduler.Requirement{req(everyDay, "00:00", "00:00", 1)},
			events: []*scheduler.Event{
				event(2, "12-07 09:00", "12-07 11:00", 1),
				event(1, "12-07 10:00", "12-07 12:00", 3, 1),
				event(5, "12-07 08:00", "12-07 20:00", 2),
			},
			from: "12-07 00:00", to: "12-08 00:00",
			want: []string{
				"12-07 00:00–12-07 09:00 1",
				"12-07 09:00–12-07 10:00 3",
				"12-07 10:00–12-07 11:00 4",
				"12-07 11:00–12-07 12:00 2",
				"12-07 12:00–12-08 00:00 1",
			},
		},
		{
			name:   "an event raises a post that needs nobody",
			events: []*scheduler.Event{event(2, "12-07 10:00", "12-07 12:30", 1)},
			from:   "12-07 00:00", to: "12-08 00:00",
			want: []string{
				"12-07 00:00–12-07 10:00 0",
				"12-07 10:00–12-07 12:30 2",
				"12-07 12:30–12-08 00:00 0",
			},
		},
		{
			name: "everything is clipped to the window",
			reqs: []scheduler.Requirement{req(weekdays, "07:00", "17:00", 1)},
			events: []*scheduler.Event{
				event(1, "12-07 11:00", "12-07 20:00", 1),
			},
			from: "12-07 10:30", to: "12-07 11:15",
			want: []string{
				"12-07 10:30–12-07 11:00 1",
				"12-07 11:00–12-07 11:15 2",
			},
		},
		{
			name: "an empty window has no stretches",
			reqs: []scheduler.Requirement{req(everyDay, "00:00", "00:00", 1)},
			from: "12-07 10:00", to: "12-07 10:00",
			want: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fmtSegs(Required(post(1, tt.reqs...), tt.events, tm(tt.from), tm(tt.to), hcm))
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// Ensure a whole-day requirement follows the wall clock across daylight
// saving: 23 h on the day clocks go forward, 25 h on the day they go back,
// and that "06:00 to 06:00" spans the change the same way.
func TestRequiredDST(t *testing.T) {
	day := func(s string) time.Time {
		t, err := time.ParseInLocation("2006-01-02 15:04", s, berlin)
		if err != nil {
			panic(err)
		}
		return t
	}
	tests := []struct {
		name     string
		start    string
		from, to string
		want     float64
	}{
		{"spring forward, midnight to midnight", "00:00", "2026-03-29 00:00", "2026-03-30 00:00", 23},
		{"fall back, midnight to midnight", "00:00", "2026-10-25 00:00", "2026-10-26 00:00", 25},
		{"an ordinary day", "00:00", "2026-03-28 00:00", "2026-03-29 00:00", 24},
		{"spring forward, 06:00 to 06:00", "06:00", "2026-03-28 06:00", "2026-03-29 06:00", 23},
		{"fall back, 06:00 to 06:00", "06:00", "2026-10-24 06:00", "2026-10-25 06:00", 25},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := post(1, req(everyDay, tt.start, tt.start, 1))
			from, to := day(tt.from), day(tt.to)
			rep := Compute(Input{From: from, To: to, Loc: berlin, Posts: []*scheduler.Post{p}})
			if got := rep.Posts[0].RequiredHours; got != tt.want {
				t.Errorf("required hours: got %v, want %v", got, tt.want)
			}
			segs := Required(p, nil, from, to, berlin)
			if len(segs) != 1 || segs[0].Headcount != 1 || !segs[0].Start.Equal(from) || !segs[0].End.Equal(to) {
				t.Errorf("segments: got %v, want one stretch of headcount 1 over the window", fmtSegs(segs))
			}
			if got := segs[0].End.Sub(segs[0].Start).Hours(); got != tt.want {
				t.Errorf("segment length: got %v h, want %v h", got, tt.want)
			}
		})
	}
}

// Ensure the coverage of a post — gaps, overstaffing, hours and percent — is
// what the roster gives, for each rule of what counts as staff.
func TestCompute(t *testing.T) {
	allDay := req(everyDay, "00:00", "00:00", 1)
	type want struct {
		required, covered, percent float64
		gaps, over                 []string
	}
	tests := []struct {
		name     string
		post     *scheduler.Post
		events   []*scheduler.Event
		shifts   []*scheduler.Shift
		timeOff  []*scheduler.TimeOff
		from, to string
		want     want
	}{
		{
			name: "a handover half an hour late is a gap exact to the minute",
			post: post(1, allDay),
			shifts: []*scheduler.Shift{
				shift(1, gid(1), "12-06 23:00", "12-07 07:00"),
				shift(1, gid(2), "12-07 07:30", "12-08 00:00"),
			},
			from: "12-07 00:00", to: "12-08 00:00",
			want: want{24, 23.5, 97.92, []string{"12-07 07:00–12-07 07:30 req 1 staffed 0 missing 1 extra 0"}, []string{}},
		},
		{
			name: "open and cancelled shifts count as uncovered",
			post: post(1, allDay),
			shifts: []*scheduler.Shift{
				shift(1, nil, "12-07 00:00", "12-07 12:00"),
				{PostID: 1, GuardID: gid(1), Start: tm("12-07 12:00"), End: tm("12-08 00:00"), Status: scheduler.ShiftCancelled},
			},
			from: "12-07 00:00", to: "12-08 00:00",
			want: want{24, 0, 0, []string{"12-07 00:00–12-08 00:00 req 1 staffed 0 missing 1 extra 0"}, []string{}},
		},
		{
			name: "time off removes only the part of the shift it overlaps",
			post: post(1, req(everyDay, "06:00", "14:00", 1)),
			shifts: []*scheduler.Shift{
				shift(1, gid(1), "12-07 06:00", "12-07 14:00"),
			},
			timeOff: []*scheduler.TimeOff{
				{GuardID: 1, Start: tm("12-07 10:00"), End: tm("12-07 11:00"), Kind: scheduler.TimeOffTraining},
				{GuardID: 2, Start: tm("12-07 06:00"), End: tm("12-07 14:00"), Kind: scheduler.TimeOffSick},
			},
			from: "12-07 00:00", to: "12-08 00:00",
			want: want{8, 7, 87.5, []string{"12-07 10:00–12-07 11:00 req 1 staffed 0 missing 1 extra 0"}, []string{}},
		},
		{
			name: "neighbouring gaps with different numbers stay apart",
			post: post(1, req(everyDay, "00:00", "00:00", 2)),
			shifts: []*scheduler.Shift{
				shift(1, gid(1), "12-07 00:00", "12-07 12:00"),
				shift(1, gid(2), "12-07 06:00", "12-07 18:00"),
			},
			from: "12-07 00:00", to: "12-08 00:00",
			want: want{48, 24, 50, []string{
				"12-07 00:00–12-07 06:00 req 2 staffed 1 missing 1 extra 0",
				"12-07 12:00–12-07 18:00 req 2 staffed 1 missing 1 extra 0",
				"12-07 18:00–12-08 00:00 req 2 staffed 0 missing 2 extra 0",
			}, []string{}},
		},
		{
			name: "a handover on the minute between guards does not split a gap",
			post: post(1, req(everyDay, "00:00", "00:00", 2)),
			shifts: []*scheduler.Shift{
				shift(1, gid(1), "12-07 00:00", "12-07 12:00"),
				shift(1, gid(2), "12-07 12:00", "12-08 00:00"),
			},
			from: "12-07 00:00", to: "12-08 00:00",
			want: want{48, 24, 50, []string{"12-07 00:00–12-08 00:00 req 2 staffed 1 missing 1 extra 0"}, []string{}},
		},
		{
			name: "a gap where the requirement steps down keeps its parts apart",
			post: post(1, allDay, req([]int{1}, "08:00", "12:00", 2)),
			from: "12-07 00:00", to: "12-07 12:00",
			want: want{16, 0, 0, []string{
				"12-07 00:00–12-07 08:00 req 1 staffed 0 missing 1 extra 0",
				"12-07 08:00–12-07 12:00 req 2 staffed 0 missing 2 extra 0",
			}, []string{}},
		},
		{
			name: "overstaffing, where nobody is needed too",
			post: post(1, req([]int{1}, "07:00", "17:00", 1)),
			shifts: []*scheduler.Shift{
				shift(1, gid(1), "12-07 06:00", "12-07 14:00"),
				shift(1, gid(2), "12-07 13:00", "12-07 18:00"),
			},
			from: "12-07 00:00", to: "12-08 00:00",
			want: want{10, 10, 100, []string{}, []string{
				"12-07 06:00–12-07 07:00 req 0 staffed 1 missing 0 extra 1",
				"12-07 13:00–12-07 14:00 req 1 staffed 2 missing 0 extra 1",
				"12-07 17:00–12-07 18:00 req 0 staffed 1 missing 0 extra 1",
			}},
		},
		{
			name: "a guard on two overlapping shifts of the post counts once",
			post: post(1, allDay),
			shifts: []*scheduler.Shift{
				shift(1, gid(1), "12-07 00:00", "12-07 12:00"),
				shift(1, gid(1), "12-07 06:00", "12-07 18:00"),
			},
			from: "12-07 00:00", to: "12-08 00:00",
			want: want{24, 18, 75, []string{"12-07 18:00–12-08 00:00 req 1 staffed 0 missing 1 extra 0"}, []string{}},
		},
		{
			name: "an event raises the need above the roster",
			post: post(1, allDay),
			events: []*scheduler.Event{
				event(1, "12-07 09:00", "12-07 11:00", 1),
			},
			shifts: []*scheduler.Shift{shift(1, gid(1), "12-07 00:00", "12-08 00:00")},
			from:   "12-07 00:00", to: "12-08 00:00",
			want: want{26, 24, 92.31, []string{"12-07 09:00–12-07 11:00 req 2 staffed 1 missing 1 extra 0"}, []string{}},
		},
		{
			name: "shifts of other posts do not count and shifts are clipped to the window",
			post: post(1, allDay),
			shifts: []*scheduler.Shift{
				shift(1, gid(1), "12-06 22:00", "12-07 10:00"),
				shift(2, gid(2), "12-07 10:00", "12-07 18:00"),
			},
			from: "12-07 06:00", to: "12-07 18:00",
			want: want{12, 4, 33.33, []string{"12-07 10:00–12-07 18:00 req 1 staffed 0 missing 1 extra 0"}, []string{}},
		},
		{
			name: "nothing required and nobody on duty is 100 percent",
			post: post(1),
			from: "12-07 00:00", to: "12-08 00:00",
			want: want{0, 0, 100, []string{}, []string{}},
		},
		{
			name: "an empty window reports nothing",
			post: post(1, allDay),
			from: "12-07 00:00", to: "12-07 00:00",
			want: want{0, 0, 100, []string{}, []string{}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := Compute(Input{
				From: tm(tt.from), To: tm(tt.to), Loc: hcm,
				Posts: []*scheduler.Post{tt.post}, Events: tt.events, Shifts: tt.shifts, TimeOff: tt.timeOff,
			})
			if len(rep.Posts) != 1 {
				t.Fatalf("got %d posts, want 1", len(rep.Posts))
			}
			pc := rep.Posts[0]
			got := want{pc.RequiredHours, pc.CoveredHours, pc.Percent, fmtIvs(pc.Gaps), fmtIvs(pc.Overstaffed)}
			if got.required != tt.want.required || got.covered != tt.want.covered || got.percent != tt.want.percent {
				t.Errorf("hours: got required %v covered %v percent %v, want %v %v %v",
					got.required, got.covered, got.percent, tt.want.required, tt.want.covered, tt.want.percent)
			}
			if !slices.Equal(got.gaps, tt.want.gaps) {
				t.Errorf("gaps: got\n%s\nwant\n%s", strings.Join(got.gaps, "\n"), strings.Join(tt.want.gaps, "\n"))
			}
			if !slices.Equal(got.over, tt.want.over) {
				t.Errorf("overstaffed: got\n%s\nwant\n%s", strings.Join(got.over, "\n"), strings.Join(tt.want.over, "\n"))
			}
		})
	}
}

// Ensure posts come back in the order given, times in the office zone
// whatever zone the input used, and a gap exact to the second when shifts are.
func TestComputeOrderAndZone(t *testing.T) {
	utc := func(s string) time.Time { return tm(s).UTC() }
	rep := Compute(Input{
		From: utc("12-07 00:00"), To: utc("12-08 00:00"), Loc: hcm,
		Posts: []*scheduler.Post{post(2), post(1, req(everyDay, "00:00", "00:00", 1))},
		Shifts: []*scheduler.Shift{
			{PostID: 1, GuardID: gid(1), Start: utc("12-07 00:00"), End: utc("12-07 07:00").Add(-15 * time.Second), Status: scheduler.ShiftScheduled},
			{PostID: 1, GuardID: gid(2), Start: utc("12-07 07:00"), End: utc("12-08 00:00"), Status: scheduler.ShiftScheduled},
		},
	})
	var ids []int64
	for _, pc := range rep.Posts {
		ids = append(ids, pc.PostID)
	}
	if want := []int64{2, 1}; !slices.Equal(ids, want) {
		t.Fatalf("post order: got %v, want %v", ids, want)
	}
	if got, want := rep.From.Location(), hcm; got != want {
		t.Errorf("report zone: got %v, want %v", got, want)
	}
	gaps := rep.Posts[1].Gaps
	if len(gaps) != 1 {
		t.Fatalf("got %d gaps, want 1", len(gaps))
	}
	if got, want := gaps[0].Start.Format(time.RFC3339), "2026-12-07T06:59:45+07:00"; got != want {
		t.Errorf("gap start: got %s, want %s", got, want)
	}
	if got, want := gaps[0].End.Format(time.RFC3339), "2026-12-07T07:00:00+07:00"; got != want {
		t.Errorf("gap end: got %s, want %s", got, want)
	}
}

// Ensure the JSON a client reads has the agreed names, [] rather than null for
// no gaps, and both missing and extra on every interval.
func TestReportJSON(t *testing.T) {
	rep := Compute(Input{
		From: tm("12-07 00:00"), To: tm("12-07 02:00"), Loc: hcm,
		Posts: []*scheduler.Post{post(1, req(everyDay, "00:00", "00:00", 1)), post(2)},
		Shifts: []*scheduler.Shift{
			shift(1, gid(1), "12-07 01:00", "12-07 02:00"),
		},
	})
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	got := string(b)
	want := `{"from":"2026-12-07T00:00:00+07:00","to":"2026-12-07T02:00:00+07:00","posts":[` +
		`{"post_id":1,"required_hours":2,"covered_hours":1,"percent":50,"gaps":[{"start":"2026-12-07T00:00:00+07:00","end":"2026-12-07T01:00:00+07:00","required":1,"staffed":0,"missing":1,"extra":0}],"overstaffed":[]},` +
		`{"post_id":2,"required_hours":0,"covered_hours":0,"percent":100,"gaps":[],"overstaffed":[]}]}`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// naiveRequired is the headcount at instant at, found by asking every
// requirement whether one of its stretches (started that day or the day
// before) holds at, and adding the events that hold at.
func naiveRequired(p *scheduler.Post, events []*scheduler.Event, at time.Time, loc *time.Location) int {
	l := at.In(loc)
	best := 0
	for back := 0; back <= 1; back++ {
		y, m, d := l.Date()
		d -= back
		wd := scheduler.ISOWeekday(time.Date(y, m, d, 12, 0, 0, 0, time.UTC))
		for _, r := range p.Requirements {
			if !r.OnDay(wd) {
				continue
			}
			s := time.Date(y, m, d, 0, r.StartMinute(), 0, 0, loc)
			endDay := d
			if r.EndMinute() <= r.StartMinute() {
				endDay++
			}
			e := time.Date(y, m, endDay, 0, r.EndMinute(), 0, 0, loc)
			if !at.Before(s) && at.Before(e) && r.Headcount > best {
				best = r.Headcount
			}
		}
	}
	for _, ev := range events {
		if slices.Contains(ev.PostIDs, p.ID) && !at.Before(ev.Start) && at.Before(ev.End) {
			best += ev.ExtraHeadcount
		}
	}
	return best
}

// naiveStaffed counts the distinct guards on duty at post p at instant at.
func naiveStaffed(postID int64, shifts []*scheduler.Shift, off []*scheduler.TimeOff, at time.Time) int {
	on := map[int64]bool{}
	for _, s := range shifts {
		if s.PostID != postID || s.Status != scheduler.ShiftScheduled || s.GuardID == nil || at.Before(s.Start) || !at.Before(s.End) {
			continue
		}
		away := false
		for _, o := range off {
			away = away || (o.GuardID == *s.GuardID && !at.Before(o.Start) && at.Before(o.End))
		}
		if !away {
			on[*s.GuardID] = true
		}
	}
	return len(on)
}

// randomRoster makes a few days of requirements, events, shifts and time off
// on whole minutes, untidy on purpose: overlaps, open and cancelled shifts,
// handovers on the minute, a guard twice at a post.
func randomRoster(rng *rand.Rand, base time.Time, days int) ([]*scheduler.Post, []*scheduler.Event, []*scheduler.Shift, []*scheduler.TimeOff) {
	minute := func(maxMin int) time.Time { return base.Add(time.Duration(rng.Intn(maxMin)) * time.Minute) }
	span := days * 24 * 60
	clock := func() string { return scheduler.FormatClock(rng.Intn(48) * 30) }
	var posts []*scheduler.Post
	for id := int64(1); id <= 2; id++ {
		p := post(id)
		for range 1 + rng.Intn(3) {
			var ds []int
			for d := 1; d <= 7; d++ {
				if rng.Intn(3) > 0 {
					ds = append(ds, d)
				}
			}
			if len(ds) == 0 {
				ds = []int{1 + rng.Intn(7)}
			}
			start := clock()
			end := start
			if rng.Intn(3) > 0 {
				end = clock()
			}
			p.Requirements = append(p.Requirements, req(ds, start, end, 1+rng.Intn(3)))
		}
		posts = append(posts, p)
	}
	var events []*scheduler.Event
	for range rng.Intn(4) {
		s := minute(span)
		events = append(events, &scheduler.Event{
			Start: s, End: s.Add(time.Duration(1+rng.Intn(600)) * time.Minute),
			PostIDs: []int64{1 + int64(rng.Intn(2))}, ExtraHeadcount: 1 + rng.Intn(2),
		})
	}
	var shifts []*scheduler.Shift
	var last time.Time
	for range 10 + rng.Intn(30) {
		s := minute(span + 12*60).Add(-6 * time.Hour)
		if rng.Intn(5) == 0 && !last.IsZero() {
			s = last // a handover on the minute
		}
		e := s.Add(time.Duration(1+rng.Intn(16*60)) * time.Minute)
		last = e
		sh := &scheduler.Shift{PostID: 1 + int64(rng.Intn(2)), GuardID: gid(1 + int64(rng.Intn(5))), Start: s, End: e, Status: scheduler.ShiftScheduled}
		switch rng.Intn(10) {
		case 0:
			sh.GuardID = nil
		case 1:
			sh.Status = scheduler.ShiftCancelled
		}
		shifts = append(shifts, sh)
	}
	var off []*scheduler.TimeOff
	for range rng.Intn(5) {
		s := minute(span)
		off = append(off, &scheduler.TimeOff{GuardID: 1 + int64(rng.Intn(5)), Start: s, End: s.Add(time.Duration(1+rng.Intn(36*60)) * time.Minute), Kind: scheduler.TimeOffLeave})
	}
	return posts, events, shifts, off
}

// Ensure, on random rosters walked minute by minute (across daylight saving
// in Berlin), that the report agrees with a naive count at every minute:
// required and staffed numbers, missing and extra, covered + missing =
// required with nothing negative, hours, and intervals that are maximal.
func TestComputeAgreesWithNaive(t *testing.T) {
	rng := rand.New(rand.NewSource(20261207))
	starts := []struct {
		loc  *time.Location
		base string
	}{
		{hcm, "2026-12-05 00:00"},
		{berlin, "2026-03-27 00:00"}, // spring forward on the 29th
		{berlin, "2026-10-23 00:00"}, // fall back on the 25th
	}
	const days = 4
	var sawGap, sawOver, sawMerge int
	for trial := range 60 {
		st := starts[trial%len(starts)]
		base, err := time.ParseInLocation("2006-01-02 15:04", st.base, st.loc)
		if err != nil {
			t.Fatal(err)
		}
		posts, events, shifts, off := randomRoster(rng, base, days)
		from := base.Add(time.Duration(rng.Intn(600)) * time.Minute)
		to := base.Add(days*24*time.Hour - time.Duration(rng.Intn(600))*time.Minute)
		rep := Compute(Input{From: from, To: to, Loc: st.loc, Posts: posts, Events: events, Shifts: shifts, TimeOff: off})

		for i, p := range posts {
			pc := rep.Posts[i]
			name := fmt.Sprintf("trial %d post %d", trial, p.ID)
			type num struct{ req, staff int }
			naive := func(at time.Time) num {
				return num{naiveRequired(p, events, at, st.loc), naiveStaffed(p.ID, shifts, off, at)}
			}
			// Every interval lies on whole minutes inside the window, in time
			// order, and is maximal: the minute before and after differ.
			all := append(slices.Clone(pc.Gaps), pc.Overstaffed...)
			for _, ivs := range [][]Interval{pc.Gaps, pc.Overstaffed} {
				for k, iv := range ivs {
					if iv.Start.Before(from) || iv.End.After(to) || !iv.Start.Before(iv.End) ||
						iv.Start.Sub(from)%time.Minute != 0 || iv.End.Sub(from)%time.Minute != 0 {
						t.Fatalf("%s: interval %v is not whole minutes inside the window", name, fmtIvs([]Interval{iv}))
					}
					if k > 0 && iv.Start.Before(ivs[k-1].End) {
						t.Fatalf("%s: intervals out of order or overlapping: %v", name, fmtIvs(ivs[k-1:k+1]))
					}
					own := num{iv.Required, iv.Staffed}
					if iv.Start.After(from) && naive(iv.Start.Add(-time.Minute)) == own {
						t.Errorf("%s: interval %v could merge with the minute before", name, fmtIvs([]Interval{iv}))
					}
					if iv.End.Before(to) && naive(iv.End) == own {
						t.Errorf("%s: interval %v could merge with the minute after", name, fmtIvs([]Interval{iv}))
					}
					if k > 0 && iv.Start.Equal(ivs[k-1].End) {
						sawMerge++ // neighbours kept apart because their numbers differ
					}
				}
			}
			var reqMin, covMin int
			for at := from; at.Before(to); at = at.Add(time.Minute) {
				want := naive(at)
				var in []Interval
				for _, iv := range all {
					if !at.Before(iv.Start) && at.Before(iv.End) {
						in = append(in, iv)
					}
				}
				if len(in) > 1 {
					t.Fatalf("%s: %s lies in %d intervals", name, at, len(in))
				}
				got := num{want.req, want.req} // outside every interval: exactly staffed
				missing, extra := 0, 0
				if len(in) == 1 {
					got = num{in[0].Required, in[0].Staffed}
					missing, extra = in[0].Missing, in[0].Extra
				}
				if got != want {
					t.Fatalf("%s at %s: got required %d staffed %d, want %d %d", name, at, got.req, got.staff, want.req, want.staff)
				}
				covered := min(got.req, got.staff)
				if covered+missing != got.req || covered < 0 || missing < 0 || extra < 0 || got.staff < 0 {
					t.Fatalf("%s at %s: covered %d + missing %d != required %d, or negative (extra %d)", name, at, covered, missing, got.req, extra)
				}
				if wantMissing, wantExtra := max(0, want.req-want.staff), max(0, want.staff-want.req); missing != wantMissing || extra != wantExtra {
					t.Fatalf("%s at %s: got missing %d extra %d, want %d %d", name, at, missing, extra, wantMissing, wantExtra)
				}
				reqMin += want.req
				covMin += covered
			}
			if got, want := pc.RequiredHours, round2(float64(reqMin)/60); got != want {
				t.Errorf("%s: required hours: got %v, want %v", name, got, want)
			}
			if got, want := pc.CoveredHours, round2(float64(covMin)/60); got != want {
				t.Errorf("%s: covered hours: got %v, want %v", name, got, want)
			}
			sawGap += len(pc.Gaps)
			sawOver += len(pc.Overstaffed)
		}
	}
	// The rosters must exercise what is checked, or the test proves nothing.
	if sawGap < 50 || sawOver < 50 || sawMerge < 10 {
		t.Errorf("random rosters too tame: %d gaps, %d overstaffed, %d touching intervals", sawGap, sawOver, sawMerge)
	}
}

// yearInput is a realistic year of 50 posts: 24/24 with a second guard on
// weekdays at some, three 8-hour shifts a day (ca 1/2/3 at 06:00, 14:00,
// 22:00) among five guards a post, a few open and cancelled shifts, time off
// and events.
func yearInput() Input {
	loc := hcm
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, loc)
	to := from.AddDate(1, 0, 0)
	in := Input{From: from, To: to, Loc: loc}
	rng := rand.New(rand.NewSource(1))
	for p := int64(1); p <= 50; p++ {
		pp := post(p, req(everyDay, "00:00", "00:00", 1))
		if p%3 == 0 {
			pp.Requirements = append(pp.Requirements, req([]int{1, 2, 3, 4, 5}, "07:00", "17:00", 2))
		}
		in.Posts = append(in.Posts, pp)
		for d := range 365 {
			for k, h := range []int{6, 14, 22} {
				g := (p-1)*5 + 1 + int64((d+k)%5)
				s := time.Date(2026, 1, 1+d, h, 0, 0, 0, loc)
				sh := &scheduler.Shift{PostID: p, GuardID: gid(g), Start: s, End: s.Add(8 * time.Hour), Status: scheduler.ShiftScheduled}
				switch rng.Intn(100) {
				case 0:
					sh.GuardID = nil
				case 1:
					sh.Status = scheduler.ShiftCancelled
				}
				in.Shifts = append(in.Shifts, sh)
			}
		}
	}
	for g := int64(1); g <= 250; g++ {
		for range 4 {
			s := from.Add(time.Duration(rng.Intn(365*24)) * time.Hour)
			in.TimeOff = append(in.TimeOff, &scheduler.TimeOff{GuardID: g, Start: s, End: s.Add(time.Duration(4+rng.Intn(72)) * time.Hour), Kind: scheduler.TimeOffLeave})
		}
	}
	for range 200 {
		s := from.Add(time.Duration(rng.Intn(365*24)) * time.Hour)
		in.Events = append(in.Events, &scheduler.Event{
			Kind: "conference", Start: s, End: s.Add(time.Duration(2+rng.Intn(8)) * time.Hour),
			PostIDs: []int64{1 + int64(rng.Intn(50)), 1 + int64(rng.Intn(50))}, ExtraHeadcount: 1 + rng.Intn(2),
		})
	}
	return in
}

// Ensure the year-long roster of 50 posts is computed in full: every post,
// the whole year required, most of it covered, and gaps where time off,
// open shifts and events leave holes.
func TestComputeYear(t *testing.T) {
	in := yearInput()
	rep := Compute(in)
	if got, want := len(rep.Posts), 50; got != want {
		t.Fatalf("posts: got %d, want %d", got, want)
	}
	for _, pc := range rep.Posts {
		if pc.RequiredHours < 8760 {
			t.Errorf("post %d: required %v h, want at least 8760 (24/24 for a year)", pc.PostID, pc.RequiredHours)
		}
		if pc.Percent < 50 || pc.Percent >= 100 || len(pc.Gaps) == 0 {
			t.Errorf("post %d: percent %v with %d gaps, want partial coverage with gaps", pc.PostID, pc.Percent, len(pc.Gaps))
		}
	}
}

func BenchmarkCoverage50Posts365Days(b *testing.B) {
	in := yearInput()
	b.ResetTimer()
	for b.Loop() {
		Compute(in)
	}
}
