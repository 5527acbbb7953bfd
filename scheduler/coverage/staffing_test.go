package coverage

import (
	"encoding/json"
	"math"
	"slices"
	"testing"

	"catruc/scheduler"
)

func guard(id int64, unit string, active bool, posts ...int64) *scheduler.Guard {
	return &scheduler.Guard{ID: id, Name: "g", Unit: unit, PostIDs: posts, Active: active}
}

// demoOffice is the office of the report: the headquarters held 24/24 by its
// 2 guards, the citizen-reception site open on weekdays with 1 guard, and the
// police post held 24/24 by a squad of 4, plus guards that must not count.
func demoOffice() StaffingInput {
	hq := post(1, req(everyDay, "00:00", "00:00", 1))
	reception := post(2, req([]int{1, 2, 3, 4, 5}, "07:00", "17:00", 1))
	police := post(3, req(everyDay, "00:00", "00:00", 1))
	police.Kind = scheduler.PostKindPolice
	return StaffingInput{
		From: tm("12-07 00:00"), To: tm("12-14 00:00"), Loc: hcm,
		Posts: []*scheduler.Post{hq, reception, police},
		Guards: []*scheduler.Guard{
			guard(1, scheduler.UnitOffice, true, 1),
			guard(2, scheduler.UnitOffice, true, 1, 3), // allowed at the police post, but not police
			guard(3, "self-defence", true, 2),
			guard(4, scheduler.UnitPolice, true, 3),
			guard(5, scheduler.UnitPolice, true, 3),
			guard(6, scheduler.UnitPolice, true, 3, 1), // allowed at headquarters, but police
			guard(7, scheduler.UnitPolice, true, 3),
			guard(8, scheduler.UnitOffice, false, 1, 2), // inactive
		},
		Rules: LaborCodeLimits(),
	}
}

// Ensure the demo office is told what the domain says: the headquarters needs
// at least 4 lawful guards and has 2, in English and in Vietnamese, and each
// post counts only the guards that may stand it.
func TestStaffingDemoOffice(t *testing.T) {
	got := Staffing(demoOffice())
	want := StaffingReport{
		Posts: []PostStaffing{
			{
				PostID: 1, RequiredHoursPerWeek: 168, MinGuards: 4, EligibleGuards: 2,
				Verdict:   "Held 24/24 (168 guard-hours a week), this post needs at least 4 guards working lawfully (at most 51.85 h a week each) and has 2 eligible: 2 short.",
				VerdictVi: "Trực 24/24 (168 giờ-người mỗi tuần), vọng gác này cần ít nhất 4 bảo vệ làm việc đúng luật (mỗi người tối đa 51,85 giờ một tuần), hiện có 2: thiếu 2.",
			},
			{
				PostID: 2, RequiredHoursPerWeek: 50, MinGuards: 1, EligibleGuards: 1,
				Verdict:   "Held part of the time (50 guard-hours a week), this post needs at least 1 guard working lawfully (at most 51.85 h a week each) and has 1 eligible: enough.",
				VerdictVi: "Trực một phần thời gian (50 giờ-người mỗi tuần), vọng gác này cần ít nhất 1 bảo vệ làm việc đúng luật (mỗi người tối đa 51,85 giờ một tuần), hiện có 1: đủ.",
			},
			{
				PostID: 3, RequiredHoursPerWeek: 168, MinGuards: 4, EligibleGuards: 4,
				Verdict:   "Held 24/24 (168 guard-hours a week), this post needs at least 4 officers working lawfully (at most 51.85 h a week each) and has 4 eligible: enough.",
				VerdictVi: "Trực 24/24 (168 giờ-người mỗi tuần), vọng gác này cần ít nhất 4 cán bộ công an làm việc đúng luật (mỗi người tối đa 51,85 giờ một tuần), hiện có 4: đủ.",
			},
		},
		Total: PostStaffing{
			PostID: 0, RequiredHoursPerWeek: 218, MinGuards: 5, EligibleGuards: 3,
			Verdict:   "The office's own posts together (the police post not counted) take 218 guard-hours a week: they need at least 5 guards working lawfully (at most 51.85 h a week each) and have 3 eligible: 2 short.",
			VerdictVi: "Các vọng gác của cơ quan (không tính vọng gác công an) cần tổng cộng 218 giờ-người mỗi tuần: ít nhất 5 bảo vệ làm việc đúng luật (mỗi người tối đa 51,85 giờ một tuần), hiện có 3: thiếu 2.",
		},
	}
	if len(got.Posts) != len(want.Posts) {
		t.Fatalf("got %d posts, want %d", len(got.Posts), len(want.Posts))
	}
	for i := range want.Posts {
		if got.Posts[i] != want.Posts[i] {
			t.Errorf("post %d:\ngot  %+v\nwant %+v", want.Posts[i].PostID, got.Posts[i], want.Posts[i])
		}
	}
	if got.Total != want.Total {
		t.Errorf("total:\ngot  %+v\nwant %+v", got.Total, want.Total)
	}
}

// Ensure the requirement is scaled to a week whatever the window, events
// count, and the minimum follows the limits, including a need that is an
// exact multiple of the capacity.
func TestStaffingFigures(t *testing.T) {
	allDay := req(everyDay, "00:00", "00:00", 1)
	tests := []struct {
		name      string
		reqs      []scheduler.Requirement
		events    []*scheduler.Event
		from, to  string
		rules     Limits
		wantHours float64
		wantMin   int
	}{
		{"one day of 24/24 scales to a week", []scheduler.Requirement{allDay}, nil, "12-07 00:00", "12-08 00:00", LaborCodeLimits(), 168, 4},
		{"two weeks of 24/24 average to one", []scheduler.Requirement{allDay}, nil, "12-07 00:00", "12-21 00:00", LaborCodeLimits(), 168, 4},
		{"a weekend of a weekday requirement needs nobody", []scheduler.Requirement{req([]int{1, 2, 3, 4, 5}, "07:00", "17:00", 1)}, nil, "12-12 00:00", "12-14 00:00", LaborCodeLimits(), 0, 0},
		{"two at a time around the clock", []scheduler.Requirement{req(everyDay, "00:00", "00:00", 2)}, nil, "12-07 00:00", "12-14 00:00", LaborCodeLimits(), 336, 7},
		{"an event adds its guard-hours", []scheduler.Requirement{allDay}, []*scheduler.Event{event(2, "12-08 08:00", "12-08 20:00", 1)}, "12-07 00:00", "12-14 00:00", LaborCodeLimits(), 192, 4},
		{"the zero rules are the Labor Code", []scheduler.Requirement{allDay}, nil, "12-07 00:00", "12-14 00:00", Limits{}, 168, 4},
		{"40 hours and no overtime", []scheduler.Requirement{allDay}, nil, "12-07 00:00", "12-14 00:00", Limits{MaxWeeklyHours: 40}, 168, 5},
		{"an exact multiple is not rounded up", []scheduler.Requirement{allDay}, nil, "12-07 00:00", "12-14 00:00", Limits{MaxWeeklyHours: 42}, 168, 4},
		{"an exact multiple with rounding error is not rounded up", []scheduler.Requirement{allDay}, nil, "12-07 00:00", "12-14 00:00", Limits{MaxWeeklyHours: 11.2}, 168, 15}, // 168/11.2 = 15.000000000000002 in floating point
		{"the yearly overtime cap binds before the monthly", []scheduler.Requirement{allDay}, nil, "12-07 00:00", "12-14 00:00", Limits{MaxWeeklyHours: 40, MaxOvertimeMonthHours: 40, MaxOvertimeYearHours: 100}, 168, 5},
		{"the monthly overtime cap binds before the yearly", []scheduler.Requirement{allDay}, nil, "12-07 00:00", "12-14 00:00", Limits{MaxWeeklyHours: 40, MaxOvertimeMonthHours: 1, MaxOvertimeYearHours: 520}, 168, 5},
		{"overtime lowers the minimum", []scheduler.Requirement{allDay}, nil, "12-07 00:00", "12-14 00:00", Limits{MaxWeeklyHours: 40, MaxOvertimeMonthHours: 40, MaxOvertimeYearHours: 520}, 168, 4},
		{"an empty window needs nobody", []scheduler.Requirement{allDay}, nil, "12-07 00:00", "12-07 00:00", LaborCodeLimits(), 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := Staffing(StaffingInput{
				From: tm(tt.from), To: tm(tt.to), Loc: hcm, Rules: tt.rules,
				Posts: []*scheduler.Post{post(1, tt.reqs...)}, Events: tt.events,
			})
			got := rep.Posts[0]
			if got.RequiredHoursPerWeek != tt.wantHours || got.MinGuards != tt.wantMin {
				t.Errorf("got %v h a week and %d guards, want %v and %d", got.RequiredHoursPerWeek, got.MinGuards, tt.wantHours, tt.wantMin)
			}
			if rep.Total.RequiredHoursPerWeek != got.RequiredHoursPerWeek || rep.Total.MinGuards != got.MinGuards {
				t.Errorf("total: got %+v, want the only post's figures", rep.Total)
			}
		})
	}
}

// Ensure the weekly capacity is normal hours plus the overtime both caps
// allow: 51.85 h under the Labor Code, as the verdicts say.
func TestWeeklyCapacity(t *testing.T) {
	tests := []struct {
		name  string
		rules Limits
		want  float64
	}{
		{"Labor Code", LaborCodeLimits(), 48 + 200.0/52},
		{"the 300-hour sectors", Limits{48, 40, 300}, 48 + 300.0/52},
		{"monthly cap binding", Limits{48, 10, 300}, 48 + 120.0/52},
		{"no overtime", Limits{MaxWeeklyHours: 40}, 40},
		{"negative overtime counts as none", Limits{48, -5, 200}, 48},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.rules.WeeklyCapacity(); math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	if got, want := round2(LaborCodeLimits().WeeklyCapacity()), 51.85; got != want {
		t.Errorf("Labor Code capacity rounded: got %v, want %v", got, want)
	}
}

// Ensure a post or office that needs nobody says so rather than asking for guards.
func TestStaffingNothingRequired(t *testing.T) {
	rep := Staffing(StaffingInput{
		From: tm("12-07 00:00"), To: tm("12-14 00:00"), Loc: hcm,
		Posts:  []*scheduler.Post{post(1)},
		Guards: []*scheduler.Guard{guard(1, scheduler.UnitOffice, true, 1)},
	})
	tests := []struct{ name, got, want string }{
		{"post", rep.Posts[0].Verdict, "Nothing is required at this post in this period, so it needs no guards; it has 1 eligible."},
		{"post vi", rep.Posts[0].VerdictVi, "Vọng gác này không cần ai trực trong khoảng thời gian này; hiện có 1 bảo vệ đủ điều kiện."},
		{"total", rep.Total.Verdict, "The office's own posts (the police post not counted) require nobody in this period; 1 guard is eligible."},
		{"total vi", rep.Total.VerdictVi, "Các vọng gác của cơ quan (không tính vọng gác công an) không cần ai trực trong khoảng thời gian này; hiện có 1 bảo vệ đủ điều kiện."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got  %q\nwant %q", tt.got, tt.want)
			}
		})
	}
}

// Ensure the JSON of a staffing report has exactly the agreed names, with the
// total as post 0.
func TestStaffingJSON(t *testing.T) {
	b, err := json.Marshal(Staffing(demoOffice()))
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Posts []map[string]any `json:"posts"`
		Total map[string]any   `json:"total"`
	}
	var top map[string]any
	if err := json.Unmarshal(b, &top); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	keys := func(m map[string]any) []string {
		var ks []string
		for k := range m {
			ks = append(ks, k)
		}
		slices.Sort(ks)
		return ks
	}
	want := []string{"away_guards", "eligible_guards", "min_guards", "post_id", "required_hours_per_week", "verdict", "verdict_vi"}
	if ks := keys(top); !slices.Equal(ks, []string{"posts", "total"}) {
		t.Errorf("top-level keys: got %v, want [posts total]", ks)
	}
	for i, p := range append(got.Posts, got.Total) {
		if ks := keys(p); !slices.Equal(ks, want) {
			t.Errorf("item %d keys: got %v, want %v", i, ks, want)
		}
	}
	if got.Total["post_id"] != float64(0) || got.Posts[0]["min_guards"] != float64(4) || got.Posts[0]["eligible_guards"] != float64(2) {
		t.Errorf("got total post_id %v, headquarters min %v eligible %v; want 0, 4, 2",
			got.Total["post_id"], got.Posts[0]["min_guards"], got.Posts[0]["eligible_guards"])
	}
}

func BenchmarkStaffing50Posts365Days(b *testing.B) {
	in := yearInput()
	var guards []*scheduler.Guard
	for g := int64(1); g <= 250; g++ {
		guards = append(guards, guard(g, scheduler.UnitOffice, true, (g-1)/5+1))
	}
	sin := StaffingInput{From: in.From, To: in.To, Loc: in.Loc, Posts: in.Posts, Events: in.Events, Guards: guards, Rules: LaborCodeLimits()}
	b.ResetTimer()
	for b.Loop() {
		Staffing(sin)
	}
}
