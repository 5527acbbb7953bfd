package labour

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"catruc/scheduler"
)

// suggestCase is a post with guards in every situation Suggest must tell
// apart, asked who should hold it on Thu 10/12/2026 06:00–14:00.
func suggestCase(t *testing.T) SuggestInput {
	loc := mustLoc(t, "Asia/Ho_Chi_Minh")
	var r roster
	add := func(g int64, start, end string) *scheduler.Shift { return r.add(g, at(t, loc, start), at(t, loc, end)) }
	// 1 An: 4 nights and 56 h in December, 32 h in the week, last shift ended 26 h before.
	add(1, "2026-12-01 22:00", "2026-12-02 06:00")
	add(1, "2026-12-02 22:00", "2026-12-03 06:00")
	add(1, "2026-12-03 22:00", "2026-12-04 06:00")
	add(1, "2026-12-07 06:00", "2026-12-07 14:00")
	add(1, "2026-12-08 22:00", "2026-12-09 04:00")
	add(1, "2026-12-12 06:00", "2026-12-12 18:00")
	add(1, "2026-12-13 06:00", "2026-12-13 12:00")
	// 3 is inactive, 4 not allowed at the post: their shifts do not matter.
	// 5 is on leave; 6 holds another post's shift that overlaps.
	add(6, "2026-12-10 10:00", "2026-12-10 18:00").PostID = 2
	// 7 Chi ended a shift 6 h before: too little rest.
	add(7, "2026-12-09 16:00", "2026-12-10 00:00")
	add(7, "2026-12-02 14:00", "2026-12-02 22:30").ID = 99 // 30 min of night: not a night shift
	// 8 is a police officer, rested 1 h, 2 nights.
	add(8, "2026-12-07 21:00", "2026-12-08 05:00")
	add(8, "2026-12-09 21:00", "2026-12-10 05:00")
	// 9 Dũng ends a shift as this one starts: 14 h in a row.
	add(9, "2026-12-10 00:00", "2026-12-10 06:00")
	// A cancelled shift of Bình's that would otherwise exclude her.
	add(2, "2026-12-10 06:00", "2026-12-10 14:00").Status = scheduler.ShiftCancelled
	// 2 Bình and 10 Em have no shifts at all.

	guards := []*scheduler.Guard{
		office(10, "Em"), office(1, "Nguyễn Văn An"), office(2, "Trần Thị Bình"),
		{ID: 3, Name: "Inactive", Unit: scheduler.UnitOffice, Active: false, PostIDs: []int64{1}},
		{ID: 4, Name: "Elsewhere", Unit: scheduler.UnitOffice, Active: true, PostIDs: []int64{2}},
		office(5, "On leave"), office(6, "Busy"), office(7, "Chi"),
		{ID: 8, Name: "Công an", Unit: scheduler.UnitPolice, Active: true, PostIDs: []int64{1}},
		office(9, "Dũng"),
	}
	timeOff := []*scheduler.TimeOff{
		{ID: 1, GuardID: 5, Start: at(t, loc, "2026-12-10 13:00"), End: at(t, loc, "2026-12-11 00:00"), Kind: scheduler.TimeOffLeave},
		// Ends as the shift starts: does not exclude Bình.
		{ID: 2, GuardID: 2, Start: at(t, loc, "2026-12-09 06:00"), End: at(t, loc, "2026-12-10 06:00"), Kind: scheduler.TimeOffTraining},
	}
	return SuggestInput{
		Rules: Defaults(), Loc: loc, PostID: 1,
		Start: at(t, loc, "2026-12-10 06:00"), End: at(t, loc, "2026-12-10 14:00"),
		Now:    at(t, loc, "2026-12-09 09:00"),
		Guards: guards, Shifts: r.shifts, TimeOff: timeOff,
	}
}

// Ensure Suggest leaves out who cannot take the shift, puts those who break
// no rule first and the more rested and less loaded first among them, ranks
// violations by how many and how bad, and states its figures.
func TestSuggest(t *testing.T) {
	in := suggestCase(t)
	got := Suggest(in)

	var order []string
	for _, s := range got {
		order = append(order, fmt.Sprintf("%d:%.1f", s.GuardID, s.Score))
	}
	if got, want := strings.Join(order, " "), "2:100.0 10:100.0 1:77.8 8:74.5 7:19.6 9:14.7"; got != want {
		t.Fatalf("guard:score got %s, want %s", got, want)
	}
	by := map[int64]Suggestion{}
	for _, s := range got {
		by[s.GuardID] = s
	}
	tests := []struct {
		name       string
		guard      int64
		reasons    []string
		reasonsVI  []string
		violations []string
	}{
		{"loaded guard", 1,
			[]string{"breaks no labour rule", "last shift ended 26 h before", "32 h this week", "56 h this month", "4 nights this month"},
			[]string{"không vi phạm quy định lao động nào", "ca trước kết thúc 26 giờ trước đó", "32 giờ trong tuần này",
				"56 giờ trong tháng này", "4 ca đêm trong tháng này"},
			nil},
		{"fresh guard", 2,
			[]string{"breaks no labour rule", "no earlier shift on record", "0 h this week", "0 h this month", "0 nights this month"},
			[]string{"không vi phạm quy định lao động nào", "chưa có ca trực nào trước đó", "0 giờ trong tuần này",
				"0 giờ trong tháng này", "0 ca đêm trong tháng này"},
			nil},
		{"police officer", 8,
			[]string{"police officer: labour rules not checked", "last shift ended 1 h before", "16 h this week", "16 h this month", "2 nights this month"},
			[]string{"cán bộ công an: không kiểm tra quy định lao động", "ca trước kết thúc 1 giờ trước đó", "16 giờ trong tuần này",
				"16 giờ trong tháng này", "2 ca đêm trong tháng này"},
			nil},
		{"too little rest", 7,
			[]string{"would break: rest between shifts", "last shift ended 6 h before", "8 h this week", "16.5 h this month", "1 night this month"},
			[]string{"sẽ vi phạm: nghỉ giữa hai ca", "ca trước kết thúc 6 giờ trước đó", "8 giờ trong tuần này",
				"16,5 giờ trong tháng này", "1 ca đêm trong tháng này"},
			[]string{"rest_between_shifts g7 [9 0] 6.0/12 2026-12-10 00:00→2026-12-10 06:00"}},
		{"back to back", 9,
			[]string{"would break: shift length, daily hours", "last shift ended 0 h before", "6 h this week", "6 h this month", "1 night this month"},
			[]string{"sẽ vi phạm: độ dài ca trực, số giờ làm trong ngày", "ca trước kết thúc 0 giờ trước đó", "6 giờ trong tuần này",
				"6 giờ trong tháng này", "1 ca đêm trong tháng này"},
			[]string{
				"daily_hours g9 [13 0] 14.0/12 2026-12-10 00:00→2026-12-11 00:00",
				"shift_length g9 [13 0] 14.0/12 2026-12-10 00:00→2026-12-10 14:00",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, ok := by[tt.guard]
			if !ok {
				t.Fatalf("guard %d not suggested", tt.guard)
			}
			equalLines(t, s.Reasons, tt.reasons)
			equalLines(t, s.ReasonsVI, tt.reasonsVI)
			equalLines(t, renderAll(s.Violations), tt.violations)
		})
	}
}

// Ensure a rule enforced as a block weighs more than several warnings.
func TestSuggestBlock(t *testing.T) {
	in := suggestCase(t)
	in.Rules.Enforcement[RuleRestBetweenShifts] = ModeBlock
	got := Suggest(in)
	var order []int64
	for _, s := range got {
		order = append(order, s.GuardID)
		if s.GuardID == 7 {
			if got, want := s.Reasons[0], "would break: rest between shifts (blocking)"; got != want {
				t.Errorf("reason: got %q, want %q", got, want)
			}
		}
	}
	if got, want := fmt.Sprint(order), "[2 10 1 8 9 7]"; got != want {
		t.Errorf("order: got %s, want %s", got, want)
	}
}

// Ensure the edge cases give an empty list, never null, and that a
// suggestion marshals its lists as JSON arrays.
func TestSuggestEdges(t *testing.T) {
	in := suggestCase(t)
	tests := []struct {
		name string
		edit func(in *SuggestInput)
		want int
	}{
		{"end before start", func(in *SuggestInput) { in.End = in.Start }, 0},
		{"a post nobody may hold", func(in *SuggestInput) { in.PostID = 99 }, 0},
		{"no guards", func(in *SuggestInput) { in.Guards = nil }, 0},
		{"police checked", func(in *SuggestInput) { in.Rules.CheckPolice = true }, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := in
			c.Rules = Defaults()
			tt.edit(&c)
			got := Suggest(c)
			if got == nil || len(got) != tt.want {
				t.Fatalf("got %d suggestions (nil %v), want %d", len(got), got == nil, tt.want)
			}
		})
	}
	// With police checked, the officer's 1 h of rest and 13 h day are violations.
	c := in
	c.Rules.CheckPolice = true
	for _, s := range Suggest(c) {
		if got, want := rulesBroken(s.Violations)[8], "daily_hours rest_between_shifts"; s.GuardID == 8 && got != want {
			t.Errorf("police checked: got %q, want %q", got, want)
		}
	}
	b, err := json.Marshal(Suggest(in)[0])
	if err != nil {
		t.Fatal(err)
	}
	if got := string(b); !strings.Contains(got, `"violations":[]`) || !strings.Contains(got, `"guard_id":2`) {
		t.Errorf("JSON: got %s", got)
	}
}

// Ensure a shift counts as night work by how much of it falls between
// night_start and night_end, across midnight and daylight saving time.
func TestNightOverlap(t *testing.T) {
	hcm := mustLoc(t, "Asia/Ho_Chi_Minh")
	berlin := mustLoc(t, "Europe/Berlin")
	tests := []struct {
		name       string
		loc        *time.Location
		start, end string
		night      [2]int
		want       time.Duration
	}{
		{"ca 3", hcm, "2026-12-07 22:00", "2026-12-08 06:00", [2]int{22 * 60, 6 * 60}, 8 * time.Hour},
		{"ca 1", hcm, "2026-12-07 06:00", "2026-12-07 14:00", [2]int{22 * 60, 6 * 60}, 0},
		{"ca 2", hcm, "2026-12-07 14:00", "2026-12-07 22:00", [2]int{22 * 60, 6 * 60}, 0},
		{"24 h from 07:00", hcm, "2026-12-07 07:00", "2026-12-08 07:00", [2]int{22 * 60, 6 * 60}, 8 * time.Hour},
		{"early morning", hcm, "2026-12-07 04:00", "2026-12-07 12:00", [2]int{22 * 60, 6 * 60}, 2 * time.Hour},
		{"one hour late", hcm, "2026-12-07 21:00", "2026-12-07 23:00", [2]int{22 * 60, 6 * 60}, time.Hour},
		{"59 minutes late", hcm, "2026-12-07 21:30", "2026-12-07 22:59", [2]int{22 * 60, 6 * 60}, 59 * time.Minute},
		{"two nights", hcm, "2026-12-07 18:00", "2026-12-09 01:00", [2]int{22 * 60, 6 * 60}, 11 * time.Hour},
		{"night within the day", hcm, "2026-12-07 22:00", "2026-12-08 06:00", [2]int{0, 5 * 60}, 5 * time.Hour},
		{"the short night of spring", berlin, "2026-03-28 22:00", "2026-03-29 06:00", [2]int{22 * 60, 6 * 60}, 7 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := nightOverlap(at(t, tt.loc, tt.start), at(t, tt.loc, tt.end), tt.loc, tt.night[0], tt.night[1])
			if got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
