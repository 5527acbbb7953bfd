package labour

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"catruc/scheduler"
)

// seq renders the ids from..to as a violation line does: "[1 2 3]".
func seq(from, to int64) string {
	var ids []int64
	for i := from; i <= to; i++ {
		ids = append(ids, i)
	}
	return fmt.Sprint(ids)
}

// Ensure every rule is quiet exactly at its limit and speaks one minute
// beyond it, with the figures, shift ids and period a user would see.
func TestCheckBoundaries(t *testing.T) {
	loc := mustLoc(t, "Asia/Ho_Chi_Minh")
	tests := []struct {
		name   string
		rule   string
		edit   func(r *Rules)
		shifts []span // all held by guard 1, ids from 1 in this order
		want   []string
	}{
		// shift_length (Arts. 105, 107)
		{"shift of 12 h across midnight", RuleShiftLength, nil,
			[]span{{"2026-12-07 18:00", "2026-12-08 06:00"}}, nil},
		{"shift of 12 h 1 min", RuleShiftLength, nil,
			[]span{{"2026-12-07 18:00", "2026-12-08 06:01"}},
			[]string{"shift_length g1 [1] 12.02/12 2026-12-07 18:00→2026-12-08 06:01"}},
		{"back-to-back shifts of 12 h in all", RuleShiftLength, nil,
			[]span{{"2026-12-07 18:00", "2026-12-08 02:00"}, {"2026-12-08 02:00", "2026-12-08 06:00"}}, nil},
		{"back-to-back shifts of 12 h 1 min are one stretch", RuleShiftLength, nil,
			[]span{{"2026-12-07 18:00", "2026-12-08 02:00"}, {"2026-12-08 02:00", "2026-12-08 06:01"}},
			[]string{"shift_length g1 [1 2] 12.02/12 2026-12-07 18:00→2026-12-08 06:01"}},
		{"a long shift in a stretch is reported once, as the stretch", RuleShiftLength, nil,
			[]span{{"2026-12-07 18:00", "2026-12-08 07:00"}, {"2026-12-08 07:00", "2026-12-08 09:00"}},
			[]string{"shift_length g1 [1 2] 15.0/12 2026-12-07 18:00→2026-12-08 09:00"}},
		{"overlapping shifts count their hours once", RuleShiftLength, nil,
			[]span{{"2026-12-07 18:00", "2026-12-08 02:00"}, {"2026-12-08 01:00", "2026-12-08 06:00"}}, nil},

		// daily_hours (Art. 107)
		{"12 h in a day", RuleDailyHours, nil,
			[]span{{"2026-12-07 00:00", "2026-12-07 06:00"}, {"2026-12-07 18:00", "2026-12-08 00:00"}}, nil},
		{"12 h 1 min in a day", RuleDailyHours, nil,
			[]span{{"2026-12-07 00:00", "2026-12-07 06:01"}, {"2026-12-07 18:00", "2026-12-08 00:00"}},
			[]string{"daily_hours g1 [1 2] 12.02/12 2026-12-07 00:00→2026-12-08 00:00"}},
		{"a night shift is cut at midnight", RuleDailyHours, nil,
			[]span{{"2026-12-07 16:00", "2026-12-08 04:00"}, {"2026-12-08 08:00", "2026-12-08 16:01"}},
			[]string{"daily_hours g1 [1 2] 12.02/12 2026-12-08 00:00→2026-12-09 00:00"}},
		{"a lower daily limit", RuleDailyHours, func(r *Rules) { r.MaxDailyHours = 8 },
			[]span{{"2026-12-07 06:00", "2026-12-07 14:00"}, {"2026-12-08 06:00", "2026-12-08 14:30"}},
			[]string{"daily_hours g1 [2] 8.5/8 2026-12-08 00:00→2026-12-09 00:00"}},

		// rest_between_shifts (Art. 110)
		{"rest of 12 h", RuleRestBetweenShifts, nil,
			[]span{{"2026-12-07 06:00", "2026-12-07 14:00"}, {"2026-12-08 02:00", "2026-12-08 06:00"}}, nil},
		{"rest of 11 h 59 min", RuleRestBetweenShifts, nil,
			[]span{{"2026-12-07 06:00", "2026-12-07 14:00"}, {"2026-12-08 01:59", "2026-12-08 06:00"}},
			[]string{"rest_between_shifts g1 [1 2] 11.98/12 2026-12-07 14:00→2026-12-08 01:59"}},
		{"touching shifts have no rest between them", RuleRestBetweenShifts, nil,
			[]span{{"2026-12-07 06:00", "2026-12-07 14:00"}, {"2026-12-07 14:00", "2026-12-07 18:00"}}, nil},
		{"rest is measured from the end of the stretch", RuleRestBetweenShifts, nil,
			[]span{{"2026-12-07 06:00", "2026-12-07 10:00"}, {"2026-12-07 10:00", "2026-12-07 14:00"},
				{"2026-12-08 01:00", "2026-12-08 06:00"}},
			[]string{"rest_between_shifts g1 [2 3] 11.0/12 2026-12-07 14:00→2026-12-08 01:00"}},
		{"rest rule disabled", RuleRestBetweenShifts, func(r *Rules) { r.MinRestHours = 0 },
			[]span{{"2026-12-07 06:00", "2026-12-07 14:00"}, {"2026-12-07 14:01", "2026-12-07 18:00"}}, nil},

		// weekly_hours (Art. 105)
		{"48 h in a week", RuleWeeklyHours, nil, week6x8("2026-12-07", "14:00"), nil},
		{"48 h 1 min in a week", RuleWeeklyHours, nil, week6x8("2026-12-07", "14:01"),
			[]string{"weekly_hours g1 [1 2 3 4 5 6] 48.02/48 2026-12-07 00:00→2026-12-14 00:00"}},
		{"the ISO week runs from Monday 00:00 to Monday 00:00", RuleWeeklyHours, nil,
			append(append([]span{{"2026-12-06 12:00", "2026-12-07 00:00"}}, week6x8("2026-12-07", "14:00")...),
				span{"2026-12-13 23:00", "2026-12-14 01:00"}),
			[]string{"weekly_hours g1 [2 3 4 5 6 7 8] 49.0/48 2026-12-07 00:00→2026-12-14 00:00"}},

		// weekly_rest (Art. 111)
		{"longest rest of 24 h in a week", RuleWeeklyRest, nil,
			append(daily("2026-12-07", 6, "00:00", "08:00"), span{"2026-12-13 08:00", "2026-12-13 16:00"}), nil},
		{"longest rest of 23 h 59 min in a week", RuleWeeklyRest, nil,
			append(daily("2026-12-07", 6, "00:00", "08:00"), span{"2026-12-13 07:59", "2026-12-13 16:00"}),
			[]string{"weekly_rest g1 [1 2 3 4 5 6 7] 23.98/24 2026-12-07 00:00→2026-12-14 00:00"}},
		{"rest from Monday 00:00 to the first duty counts", RuleWeeklyRest, nil,
			backToBack("2026-12-08 00:00", 18), nil},
		{"rest from Monday 00:00 of 23 h 59 min", RuleWeeklyRest, nil,
			backToBack("2026-12-07 23:59", 18),
			[]string{"weekly_rest g1 " + seq(1, 18) + " 23.98/24 2026-12-07 00:00→2026-12-14 00:00"}},
		{"rest from the last duty to the next Monday counts", RuleWeeklyRest, nil,
			backToBack("2026-12-07 00:00", 18), nil},
		{"rest to the next Monday of 23 h 59 min", RuleWeeklyRest, nil,
			backToBack("2026-12-07 00:01", 18),
			[]string{"weekly_rest g1 " + seq(1, 18) + " 23.98/24 2026-12-07 00:00→2026-12-14 00:00"}},

		// overtime_month (Art. 107): February 2027 is exactly four ISO weeks.
		{"40 h of overtime in a month", RuleOvertimeMonth, nil, weeksOf58("2027-02-01", 4, "14:00"), nil},
		{"40 h 1 min of overtime in a month", RuleOvertimeMonth, nil, weeksOf58("2027-02-01", 4, "14:01"),
			[]string{"overtime_month g1 [5 6 11 12 17 18 23 24] 40.02/40 2027-02-01 00:00→2027-03-01 00:00"}},
		{"overtime falls in the month of the minute", RuleOvertimeMonth,
			func(r *Rules) { r.MaxOvertimeMonthHours = 30 }, daily2x8("2027-03-29", 5),
			[]string{"overtime_month g1 [7 8 9 10] 32.0/30 2027-04-01 00:00→2027-05-01 00:00"}},

		// overtime_year (Art. 107): the week of 28 Dec 2026 straddles two years.
		{"overtime of 16 h in one year and 32 h in the next", RuleOvertimeYear,
			func(r *Rules) { r.MaxOvertimeYearHours = 16; r.MaxOvertimeMonthHours = 1000 }, daily2x8("2026-12-28", 6),
			[]string{"overtime_year g1 [9 10 11 12] 32.0/16 2027-01-01 00:00→2028-01-01 00:00"}},
		{"overtime of 16 h 1 min in a year", RuleOvertimeYear,
			func(r *Rules) { r.MaxOvertimeYearHours = 16; r.MaxOvertimeMonthHours = 1000 },
			append(daily2x8("2026-12-28", 3), span{"2026-12-31 06:00", "2026-12-31 14:00"},
				span{"2026-12-31 14:00", "2026-12-31 22:01"}, span{"2027-01-01 06:00", "2027-01-01 14:00"}),
			[]string{"overtime_year g1 [7 8] 16.02/16 2026-01-01 00:00→2027-01-01 00:00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rules := Defaults()
			if tt.edit != nil {
				tt.edit(&rules)
			}
			if err := rules.Validate(); err != nil {
				t.Fatal(err)
			}
			var r roster
			for _, s := range tt.shifts {
				r.add(1, at(t, loc, s.start), at(t, loc, s.end))
			}
			all := Check(Input{Rules: rules, Loc: loc, Guards: []*scheduler.Guard{office(1, "An")}, Shifts: r.shifts})
			equalLines(t, renderAll(only(all, tt.rule)), tt.want)
		})
	}
}

type span = struct{ start, end string }

// week6x8 is Monday to Saturday 06:00–14:00 from monday, the last shift
// ending at lastEnd instead.
func week6x8(monday, lastEnd string) []span {
	out := daily(monday, 6, "06:00", "14:00")
	out[5].end = out[5].end[:11] + lastEnd
	return out
}

// daily is n days from first, each from start to end.
func daily(first string, n int, start, end string) []span {
	d, _ := time.Parse(scheduler.DateLayout, first)
	var out []span
	for i := range n {
		day := d.AddDate(0, 0, i).Format(scheduler.DateLayout)
		out = append(out, span{day + " " + start, day + " " + end})
	}
	return out
}

// daily2x8 is n days from first of two back-to-back shifts, 06:00–14:00 and 14:00–22:00.
func daily2x8(first string, n int) []span {
	var out []span
	for _, s := range daily(first, n, "06:00", "14:00") {
		out = append(out, s, span{s.end, s.end[:11] + "22:00"})
	}
	return out
}

// backToBack is n shifts of 8 h, each starting when the last ended.
func backToBack(start string, n int) []span {
	t, _ := time.Parse("2006-01-02 15:04", start)
	var out []span
	for range n {
		out = append(out, span{t.Format("2006-01-02 15:04"), t.Add(8 * time.Hour).Format("2006-01-02 15:04")})
		t = t.Add(8 * time.Hour)
	}
	return out
}

// weeksOf58 is n weeks from monday of Monday–Friday 06:00–16:00 and Saturday
// 06:00–14:00 (58 h, of which the last 10 are overtime), the very last
// shift ending at lastEnd instead.
func weeksOf58(monday string, n int, lastEnd string) []span {
	d, _ := time.Parse(scheduler.DateLayout, monday)
	var out []span
	for w := range n {
		first := d.AddDate(0, 0, 7*w).Format(scheduler.DateLayout)
		out = append(out, daily(first, 5, "06:00", "16:00")...)
		sat := d.AddDate(0, 0, 7*w+5).Format(scheduler.DateLayout)
		out = append(out, span{sat + " 06:00", sat + " 14:00"})
	}
	out[len(out)-1].end = out[len(out)-1].end[:11] + lastEnd
	return out
}

// Ensure only the periods overlapping [From, To) are reported, that a rest
// ending exactly at From is (the shift after it is in the window), and that
// a period starting at To is not.
func TestCheckWindow(t *testing.T) {
	loc := mustLoc(t, "Asia/Ho_Chi_Minh")
	var r roster
	r.add(1, at(t, loc, "2026-12-06 10:00"), at(t, loc, "2026-12-06 23:00")) // 13 h on Sunday
	r.add(1, at(t, loc, "2026-12-07 00:00"), at(t, loc, "2026-12-07 04:00")) // after 1 h of rest
	r.add(1, at(t, loc, "2026-12-08 00:00"), at(t, loc, "2026-12-08 13:00")) // 13 h on Tuesday
	tests := []struct {
		name     string
		from, to time.Time
		want     []string
	}{
		{"Monday only", at(t, loc, "2026-12-07 00:00"), at(t, loc, "2026-12-08 00:00"), []string{
			"rest_between_shifts g1 [1 2] 1.0/12 2026-12-06 23:00→2026-12-07 00:00",
		}},
		{"open window", time.Time{}, time.Time{}, []string{
			"daily_hours g1 [1] 13.0/12 2026-12-06 00:00→2026-12-07 00:00",
			"shift_length g1 [1] 13.0/12 2026-12-06 10:00→2026-12-06 23:00",
			"rest_between_shifts g1 [1 2] 1.0/12 2026-12-06 23:00→2026-12-07 00:00",
			"daily_hours g1 [3] 13.0/12 2026-12-08 00:00→2026-12-09 00:00",
			"shift_length g1 [3] 13.0/12 2026-12-08 00:00→2026-12-08 13:00",
		}},
		{"from Tuesday", at(t, loc, "2026-12-08 00:00"), time.Time{}, []string{
			"daily_hours g1 [3] 13.0/12 2026-12-08 00:00→2026-12-09 00:00",
			"shift_length g1 [3] 13.0/12 2026-12-08 00:00→2026-12-08 13:00",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Check(Input{Rules: Defaults(), Loc: loc, From: tt.from, To: tt.to,
				Guards: []*scheduler.Guard{office(1, "An")}, Shifts: r.shifts})
			equalLines(t, renderAll(got), tt.want)
		})
	}
}

// Ensure cancelled and open shifts, shifts of guards not listed, and police
// officers (unless CheckPolice) are left out, and that results are sorted by
// start, guard, rule.
func TestCheckWho(t *testing.T) {
	loc := mustLoc(t, "Asia/Ho_Chi_Minh")
	police := &scheduler.Guard{ID: 3, Name: "Lê Công", Unit: scheduler.UnitPolice, Active: true}
	var r roster
	for _, g := range []int64{1, 2, 3, 4} { // guard 4 is not listed
		r.add(g, at(t, loc, "2026-12-07 06:00"), at(t, loc, "2026-12-07 19:00"))
	}
	cancelled := r.add(1, at(t, loc, "2026-12-07 20:00"), at(t, loc, "2026-12-08 08:00"))
	cancelled.Status = scheduler.ShiftCancelled
	open := r.add(2, at(t, loc, "2026-12-07 20:00"), at(t, loc, "2026-12-08 08:00"))
	open.GuardID = nil
	guards := []*scheduler.Guard{office(2, "Bình"), office(1, "An"), police}
	tests := []struct {
		name        string
		checkPolice bool
		want        []string
	}{
		{"police skipped", false, []string{
			"daily_hours g1 [1] 13.0/12 2026-12-07 00:00→2026-12-08 00:00",
			"daily_hours g2 [2] 13.0/12 2026-12-07 00:00→2026-12-08 00:00",
			"shift_length g1 [1] 13.0/12 2026-12-07 06:00→2026-12-07 19:00",
			"shift_length g2 [2] 13.0/12 2026-12-07 06:00→2026-12-07 19:00",
		}},
		{"police checked", true, []string{
			"daily_hours g1 [1] 13.0/12 2026-12-07 00:00→2026-12-08 00:00",
			"daily_hours g2 [2] 13.0/12 2026-12-07 00:00→2026-12-08 00:00",
			"daily_hours g3 [3] 13.0/12 2026-12-07 00:00→2026-12-08 00:00",
			"shift_length g1 [1] 13.0/12 2026-12-07 06:00→2026-12-07 19:00",
			"shift_length g2 [2] 13.0/12 2026-12-07 06:00→2026-12-07 19:00",
			"shift_length g3 [3] 13.0/12 2026-12-07 06:00→2026-12-07 19:00",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rules := Defaults()
			rules.CheckPolice = tt.checkPolice
			got := Check(Input{Rules: rules, Loc: loc, Guards: guards, Shifts: r.shifts})
			equalLines(t, renderAll(got), tt.want)
		})
	}
}

// Ensure the messages name the guard, the period and the figures, in
// English and in Vietnamese, and cite the article.
func TestMessages(t *testing.T) {
	loc := mustLoc(t, "Asia/Ho_Chi_Minh")
	rules := Defaults()
	rules.MaxOvertimeMonthHours = 30
	rules.MaxOvertimeYearHours = 30
	var r roster
	for _, s := range daily2x8("2027-03-29", 5) {
		r.add(1, at(t, loc, s.start), at(t, loc, s.end))
	}
	r.add(1, at(t, loc, "2027-04-03 06:00"), at(t, loc, "2027-04-03 07:00"))
	r.add(1, at(t, loc, "2027-04-04 06:00"), at(t, loc, "2027-04-04 14:00")) // after 23 h of rest
	got := Check(Input{Rules: rules, Loc: loc, Guards: []*scheduler.Guard{office(1, "Nguyễn Văn An")}, Shifts: r.shifts})
	want := map[string][3]string{
		RuleShiftLength: {"Labor Code 2019, Arts. 105, 107",
			"Nguyễn Văn An works 16.0 h without a break from Mon 29/03/2027 06:00 to Mon 29/03/2027 22:00 (limit 12 h)",
			"Nguyễn Văn An trực liên tục 16,0 giờ từ 06:00 Thứ Hai 29/03/2027 đến 22:00 Thứ Hai 29/03/2027 (tối đa 12 giờ)"},
		RuleDailyHours: {"Labor Code 2019, Art. 107",
			"Nguyễn Văn An works 16.0 h on Mon 29/03/2027 (limit 12 h)",
			"Nguyễn Văn An làm việc 16,0 giờ trong ngày Thứ Hai 29/03/2027 (tối đa 12 giờ)"},
		RuleRestBetweenShifts: {"Labor Code 2019, Art. 110",
			"Nguyễn Văn An rests only 8.0 h between shifts, from Mon 29/03/2027 22:00 to Tue 30/03/2027 06:00 (minimum 12 h)",
			"Nguyễn Văn An chỉ được nghỉ 8,0 giờ giữa hai ca, từ 22:00 Thứ Hai 29/03/2027 đến 06:00 Thứ Ba 30/03/2027 (tối thiểu 12 giờ)"},
		RuleWeeklyHours: {"Labor Code 2019, Art. 105",
			"Nguyễn Văn An works 89.0 h in the week Mon 29/03/2027 – Sun 04/04/2027 (limit 48 h)",
			"Nguyễn Văn An làm việc 89,0 giờ trong tuần Thứ Hai 29/03/2027 – Chủ Nhật 04/04/2027 (tối đa 48 giờ)"},
		RuleWeeklyRest: {"Labor Code 2019, Art. 111",
			"Nguyễn Văn An has at most 23.0 h of uninterrupted rest in the week Mon 29/03/2027 – Sun 04/04/2027 (minimum 24 h)",
			"Nguyễn Văn An chỉ được nghỉ liên tục nhiều nhất 23,0 giờ trong tuần Thứ Hai 29/03/2027 – Chủ Nhật 04/04/2027 (tối thiểu 24 giờ)"},
		RuleOvertimeMonth: {"Labor Code 2019, Art. 107",
			"Nguyễn Văn An works 41.0 h of overtime in April 2027 (limit 30 h a month)",
			"Nguyễn Văn An làm thêm 41,0 giờ trong tháng 4/2027 (tối đa 30 giờ/tháng)"},
		RuleOvertimeYear: {"Labor Code 2019, Art. 107",
			"Nguyễn Văn An works 41.0 h of overtime in 2027 (limit 30 h a year)",
			"Nguyễn Văn An làm thêm 41,0 giờ trong năm 2027 (tối đa 30 giờ/năm)"},
	}
	for _, rule := range RuleNames {
		t.Run(rule, func(t *testing.T) {
			vs := only(got, rule)
			if len(vs) == 0 {
				t.Fatalf("no %s violation in %v", rule, renderAll(got))
			}
			v := vs[0]
			if got, want := [3]string{v.Article, v.Message, v.MessageVI}, want[rule]; got != want {
				t.Errorf("got\n\t%q\nwant\n\t%q", got, want)
			}
			if v.Unit != "hours" {
				t.Errorf("unit: got %q, want hours", v.Unit)
			}
		})
	}
}

// Ensure two guards alternating 24-hour shifts handed over at 07:00 (how the
// office works today) break the shift length, daily, weekly and monthly
// overtime caps, both of them, and not the rest rule: they rest 24 h.
func TestTwoGuardsAlternating24h(t *testing.T) {
	loc := mustLoc(t, "Asia/Ho_Chi_Minh")
	shifts := rota2424(t, loc, [2]int64{1, 2}, "2026-11-23", "2027-01-11")
	from, to := at(t, loc, "2026-12-01 00:00"), at(t, loc, "2027-01-01 00:00")
	if got, want := coverage(shifts, from, to), map[int]int{1: 31 * 24}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("the roster does not hold the post 24/24: hours by number of guards %v, want %v", got, want)
	}
	guards := []*scheduler.Guard{office(1, "Nguyễn Văn An"), office(2, "Trần Thị Bình")}
	got := Check(Input{Rules: Defaults(), Loc: loc, From: from, To: to, Guards: guards, Shifts: shifts})

	for _, g := range []int64{1, 2} {
		broken := rulesBroken(got)[g]
		for _, rule := range []string{RuleShiftLength, RuleDailyHours, RuleWeeklyHours, RuleOvertimeMonth} {
			if !strings.Contains(broken, rule) {
				t.Errorf("guard %d: %s not broken; broken: %s", g, rule, broken)
			}
		}
		for _, rule := range []string{RuleRestBetweenShifts, RuleWeeklyRest} {
			if strings.Contains(broken, rule) {
				t.Errorf("guard %d: %s broken; broken: %s", g, rule, broken)
			}
		}
	}
	want := map[string]bool{
		"Nguyễn Văn An works 17.0 h on Mon 07/12/2026 (limit 12 h)":                                                 true,
		"Trần Thị Bình works 24.0 h without a break from Tue 08/12/2026 07:00 to Wed 09/12/2026 07:00 (limit 12 h)": true,
		"Nguyễn Văn An works 89.0 h in the week Mon 07/12/2026 – Sun 13/12/2026 (limit 48 h)":                       true,
		"Trần Thị Bình works 79.0 h in the week Mon 07/12/2026 – Sun 13/12/2026 (limit 48 h)":                       true,
	}
	for _, v := range got {
		delete(want, v.Message)
		if v.Rule == RuleOvertimeMonth && (v.Value < 130 || v.Value > 170) {
			t.Errorf("%s: overtime of %.1f h in December, want about 36 h a week", v.Message, v.Value)
		}
	}
	for m := range want {
		t.Errorf("missing: %s", m)
	}
}

// Ensure the forward-rotating 8-hour three-shift cycle of four guards
// staggered by two days holds the post 24/24 at 42 h a week each and breaks
// no rule over half a year.
func TestFourGuardsThreeShifts(t *testing.T) {
	loc := mustLoc(t, "Asia/Ho_Chi_Minh")
	var r roster
	rota3x8(t, loc, [4]int64{1, 2, 3, 4}, "2025-12-20", "2026-07-10", &r)
	from, to := at(t, loc, "2026-01-01 00:00"), at(t, loc, "2026-07-01 00:00")
	if got, want := coverage(r.shifts, from, to), map[int]int{1: 181 * 24}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("the roster does not hold the post 24/24: hours by number of guards %v, want %v", got, want)
	}
	// 22 whole cycles of 8 days: 6 shifts of 8 h each, 42 h a week.
	cycles := at(t, loc, "2026-01-01 00:00").AddDate(0, 0, 22*8)
	for g := int64(1); g <= 4; g++ {
		var h time.Duration
		for _, s := range r.shifts {
			if *s.GuardID == g && !s.Start.Before(from) && s.Start.Before(cycles) {
				h += s.End.Sub(s.Start)
			}
		}
		if got, want := h.Hours()/(22*8)*7, 42.0; got != want {
			t.Errorf("guard %d: %.2f h a week, want %.0f", g, got, want)
		}
	}
	guards := []*scheduler.Guard{office(1, "A"), office(2, "B"), office(3, "C"), office(4, "D")}
	got := Check(Input{Rules: Defaults(), Loc: loc, From: from, To: to, Guards: guards, Shifts: r.shifts})
	equalLines(t, renderAll(got), nil)

	// The same roster with one rule tightened shows that it was checked.
	tight := Defaults()
	tight.MaxWeeklyHours = 47
	got = Check(Input{Rules: tight, Loc: loc, From: from, To: to, Guards: guards, Shifts: r.shifts})
	for g := int64(1); g <= 4; g++ {
		if got, want := rulesBroken(got)[g], RuleWeeklyHours; got != want {
			t.Errorf("guard %d with a 47 h week: got %q broken, want %q", g, got, want)
		}
	}
}

// Ensure days, weeks and durations follow the zone across daylight saving
// time: Europe/Berlin's spring day has 23 h, its autumn day 25 h, and a
// shift is measured in elapsed time, not wall-clock time.
func TestCheckDST(t *testing.T) {
	loc := mustLoc(t, "Europe/Berlin")
	tests := []struct {
		name   string
		edit   func(r *Rules)
		shifts []span
		want   []string
	}{
		{"the spring day has 23 h", nil, []span{{"2026-03-29 00:00", "2026-03-30 00:00"}}, []string{
			"daily_hours g1 [1] 23.0/12 2026-03-29 00:00→2026-03-30 00:00",
			"shift_length g1 [1] 23.0/12 2026-03-29 00:00→2026-03-30 00:00",
		}},
		{"22:00 to 11:00 across the change is 12 h", nil, []span{{"2026-03-28 22:00", "2026-03-29 11:00"}}, nil},
		{"22:00 to 11:01 across the change is 12 h 1 min", nil, []span{{"2026-03-28 22:00", "2026-03-29 11:01"}}, []string{
			"shift_length g1 [1] 12.02/12 2026-03-28 22:00→2026-03-29 11:01",
		}},
		{"the autumn day has 25 h", nil,
			[]span{{"2026-10-25 00:00", "2026-10-25 12:00"}, {"2026-10-25 12:00", "2026-10-26 00:00"}}, []string{
				"daily_hours g1 [1 2] 25.0/12 2026-10-25 00:00→2026-10-26 00:00",
				"shift_length g1 [1 2] 25.0/12 2026-10-25 00:00→2026-10-26 00:00",
			}},
		{"the spring week has 167 h", func(r *Rules) { r.MinWeeklyRestHours = 168 },
			[]span{{"2026-03-23 00:00", "2026-03-23 01:00"}}, []string{
				"weekly_rest g1 [1] 166.0/168 2026-03-23 00:00→2026-03-30 00:00",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rules := Defaults()
			if tt.edit != nil {
				tt.edit(&rules)
			}
			var r roster
			for _, s := range tt.shifts {
				r.add(1, at(t, loc, s.start), at(t, loc, s.end))
			}
			got := Check(Input{Rules: rules, Loc: loc, Guards: []*scheduler.Guard{office(1, "An")}, Shifts: r.shifts})
			equalLines(t, renderAll(got), tt.want)
		})
	}
}

// Ensure Check agrees with a minute-by-minute walk of random rosters in
// zones with daylight saving time (Berlin; Santiago, whose midnight is
// skipped; Lord Howe, which moves by 30 minutes) and without: the walk
// knows nothing of Check's period arithmetic, only each minute's local date.
func TestCheckAgainstMinuteWalk(t *testing.T) {
	rules := Defaults()
	rules.MaxShiftHours = 10
	rules.MaxDailyHours = 9
	rules.MinRestHours = 11
	rules.MaxWeeklyHours = 40
	rules.MinWeeklyRestHours = 30
	rules.MaxOvertimeMonthHours = 12
	rules.MaxOvertimeYearHours = 40
	zones := []string{"Asia/Ho_Chi_Minh", "Europe/Berlin", "America/Santiago", "Australia/Lord_Howe"}
	spans := [][2]string{{"2026-03-02", "2026-04-27"}, {"2026-08-31", "2026-11-09"}, {"2026-12-07", "2027-01-25"}}
	for zi, zone := range zones {
		for si, sp := range spans {
			t.Run(zone+" from "+sp[0], func(t *testing.T) {
				loc := mustLoc(t, zone)
				rng := rand.New(rand.NewPCG(uint64(zi), uint64(si)))
				var r roster
				guards := []*scheduler.Guard{office(1, "A"), office(2, "B"), office(3, "C")}
				first, last := at(t, loc, sp[0]+" 00:00").AddDate(0, 0, 1), at(t, loc, sp[1]+" 00:00").AddDate(0, 0, -1)
				for _, g := range guards {
					tm := first.Add(time.Duration(rng.IntN(24*60)) * time.Minute)
					for {
						end := tm.Add(time.Duration(60+rng.IntN(15*60)) * time.Minute)
						if end.After(last) {
							break
						}
						r.add(g.ID, tm, end)
						tm = end
						if rng.IntN(4) > 0 {
							tm = tm.Add(time.Duration(1+rng.IntN(40*60)) * time.Minute)
						}
					}
				}
				got := []string{}
				for _, v := range Check(Input{Rules: rules, Loc: loc, Guards: guards, Shifts: r.shifts}) {
					got = append(got, walkKey(v, loc))
				}
				want := minuteWalk(t, rules, loc, at(t, loc, sp[0]+" 00:00"), at(t, loc, sp[1]+" 00:00"), r.shifts)
				sort.Strings(got)
				sort.Strings(want)
				if len(got) < 20 {
					t.Fatalf("only %d violations: the roster does not exercise the rules", len(got))
				}
				equalLines(t, got, want)
			})
		}
	}
}

// walkKey renders a violation as minuteWalk does: calendar periods by their
// local date and length in minutes, stretches and rests by their instants.
func walkKey(v Violation, loc *time.Location) string {
	var period string
	switch v.Rule {
	case RuleDailyHours, RuleWeeklyHours, RuleWeeklyRest:
		period = fmt.Sprintf("%s len=%d", v.Start.In(loc).Format(scheduler.DateLayout), int(v.End.Sub(v.Start).Minutes()))
	case RuleOvertimeMonth:
		period = v.Start.In(loc).Format("2006-01")
	case RuleOvertimeYear:
		period = v.Start.In(loc).Format("2006")
	default:
		period = v.Start.UTC().Format(time.RFC3339) + "→" + v.End.UTC().Format(time.RFC3339)
	}
	return fmt.Sprintf("%s g%d %v %dmin %s", v.Rule, v.GuardID, v.ShiftIDs, int(math.Round(v.Value*60)), period)
}

// minuteWalk is the reference: it walks [from, to) minute by minute (from
// and to are Mondays 00:00 far enough from the shifts) and applies the rules
// to each minute's local date.
func minuteWalk(t *testing.T, rules Rules, loc *time.Location, from, to time.Time, shifts []*scheduler.Shift) []string {
	n := int(to.Sub(from) / time.Minute)
	type keys struct{ day, week, month, year string }
	k := make([]keys, n)
	for i := range n {
		lt := from.Add(time.Duration(i) * time.Minute).In(loc)
		y, m, d := lt.Date()
		wd := int(lt.Weekday()+6) % 7 // days since Monday
		monday := time.Date(y, m, d-wd, 12, 0, 0, 0, time.UTC).Format(scheduler.DateLayout)
		k[i] = keys{lt.Format(scheduler.DateLayout), monday, lt.Format("2006-01"), lt.Format("2006")}
	}
	instant := func(i int) string { return from.Add(time.Duration(i) * time.Minute).UTC().Format(time.RFC3339) }
	lim := func(h float64) int { return int(math.Round(h * 60)) }
	var out []string
	byGuard := map[int64][]*scheduler.Shift{}
	for _, s := range shifts {
		byGuard[*s.GuardID] = append(byGuard[*s.GuardID], s)
	}
	for g, mine := range byGuard {
		on := make([]int64, n) // the shift held at each minute, 0 if none
		for _, s := range mine {
			for i := int(s.Start.Sub(from) / time.Minute); i < int(s.End.Sub(from)/time.Minute); i++ {
				on[i] = s.ID
			}
		}
		line := func(rule string, ids []int64, minutes int, period string) {
			out = append(out, fmt.Sprintf("%s g%d %v %dmin %s", rule, g, ids, minutes, period))
		}
		addID := func(ids []int64, id int64) []int64 {
			if len(ids) == 0 || ids[len(ids)-1] != id {
				ids = append(ids, id)
			}
			return ids
		}
		// Stretches and rests.
		for i := 0; i < n; {
			j := i
			for j < n && (on[j] != 0) == (on[i] != 0) {
				j++
			}
			if on[i] != 0 && j-i > lim(rules.MaxShiftHours) {
				var ids []int64
				for x := i; x < j; x++ {
					ids = addID(ids, on[x])
				}
				line(RuleShiftLength, ids, j-i, instant(i)+"→"+instant(j))
			}
			if on[i] == 0 && i > 0 && j < n && j-i < lim(rules.MinRestHours) {
				line(RuleRestBetweenShifts, []int64{on[i-1], on[j]}, j-i, instant(i)+"→"+instant(j))
			}
			i = j
		}
		// Days.
		for i := 0; i < n; {
			j, work := i, 0
			var ids []int64
			for ; j < n && k[j].day == k[i].day; j++ {
				if on[j] != 0 {
					work++
					ids = addID(ids, on[j])
				}
			}
			if work > lim(rules.MaxDailyHours) {
				line(RuleDailyHours, ids, work, fmt.Sprintf("%s len=%d", k[i].day, j-i))
			}
			i = j
		}
		// Weeks, their rest and their overtime.
		otMonth, otYear := map[string]int{}, map[string]int{}
		otMonthIDs, otYearIDs := map[string][]int64{}, map[string][]int64{}
		for i := 0; i < n; {
			j, work, rest, longest := i, 0, 0, 0
			var ids []int64
			for ; j < n && k[j].week == k[i].week; j++ {
				if on[j] == 0 {
					rest++
					longest = max(longest, rest)
					continue
				}
				rest = 0
				work++
				ids = addID(ids, on[j])
				if work > lim(rules.MaxWeeklyHours) {
					otMonth[k[j].month]++
					otYear[k[j].year]++
					otMonthIDs[k[j].month] = addID(otMonthIDs[k[j].month], on[j])
					otYearIDs[k[j].year] = addID(otYearIDs[k[j].year], on[j])
				}
			}
			period := fmt.Sprintf("%s len=%d", k[i].week, j-i)
			if work > lim(rules.MaxWeeklyHours) {
				line(RuleWeeklyHours, ids, work, period)
			}
			if work > 0 && longest < lim(rules.MinWeeklyRestHours) {
				line(RuleWeeklyRest, ids, longest, period)
			}
			i = j
		}
		for m, v := range otMonth {
			if v > lim(rules.MaxOvertimeMonthHours) {
				line(RuleOvertimeMonth, otMonthIDs[m], v, m)
			}
		}
		for y, v := range otYear {
			if v > lim(rules.MaxOvertimeYearHours) {
				line(RuleOvertimeYear, otYearIDs[y], v, y)
			}
		}
	}
	if k[0].week != k[0].day || k[n-1].week == k[n-1].day {
		t.Fatalf("the walk must run from a Monday to a Monday: %v … %v", k[0], k[n-1])
	}
	return out
}

// Ensure LoadWindow covers the ISO weeks of whole years plus three days, and
// that loading only the shifts it names gives the same violations as
// loading everything.
func TestLoadWindow(t *testing.T) {
	loc := mustLoc(t, "Asia/Ho_Chi_Minh")
	tests := []struct {
		name, from, to     string
		wantStart, wantEnd string
	}{
		{"a week in December", "2026-12-07 00:00", "2026-12-14 00:00", "2025-12-26 00:00", "2027-01-07 00:00"},
		{"the first day of a year", "2026-01-01 00:00", "2026-01-02 00:00", "2025-12-26 00:00", "2027-01-07 00:00"},
		{"across a new year", "2026-12-28 00:00", "2027-01-04 00:00", "2025-12-26 00:00", "2028-01-06 00:00"},
		{"to the end of a year", "2026-06-01 00:00", "2027-01-01 00:00", "2025-12-26 00:00", "2027-01-07 00:00"},
	}
	shifts := rota2424(t, loc, [2]int64{1, 2}, "2025-06-01", "2028-06-01")
	guards := []*scheduler.Guard{office(1, "An"), office(2, "Bình")}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from, to := at(t, loc, tt.from), at(t, loc, tt.to)
			start, end := LoadWindow(from, to, loc)
			if got, want := start.In(loc).Format("2006-01-02 15:04")+" "+end.In(loc).Format("2006-01-02 15:04"),
				tt.wantStart+" "+tt.wantEnd; got != want {
				t.Fatalf("got %s, want %s", got, want)
			}
			var loaded []*scheduler.Shift
			for _, s := range shifts {
				if scheduler.Overlaps(s.Start, s.End, start, end) {
					loaded = append(loaded, s)
				}
			}
			all := Check(Input{Rules: Defaults(), Loc: loc, From: from, To: to, Guards: guards, Shifts: shifts})
			part := Check(Input{Rules: Defaults(), Loc: loc, From: from, To: to, Guards: guards, Shifts: loaded})
			if len(only(all, RuleOvertimeYear)) == 0 {
				t.Fatalf("no overtime_year: the roster does not test the window")
			}
			equalLines(t, renderAll(part), renderAll(all))
		})
	}
}

// Ensure CheckShift reports what the candidate adds or worsens for its guard
// and nothing that was already there.
func TestCheckShift(t *testing.T) {
	loc := mustLoc(t, "Asia/Ho_Chi_Minh")
	var r roster
	r.add(1, at(t, loc, "2026-11-30 06:00"), at(t, loc, "2026-11-30 19:00")) // 1: 13 h, an old violation
	for _, s := range week6x8("2026-12-07", "14:00") {                       // 2–7: 48 h in the week
		r.add(1, at(t, loc, s.start), at(t, loc, s.end))
	}
	r.add(2, at(t, loc, "2026-12-07 14:00"), at(t, loc, "2026-12-07 22:00")) // 8: guard 2
	police := &scheduler.Guard{ID: 3, Name: "Công an", Unit: scheduler.UnitPolice}
	in := Input{Rules: Defaults(), Loc: loc, Guards: []*scheduler.Guard{office(1, "An"), office(2, "Bình"), police},
		Shifts: r.shifts,
		// CheckShift judges every period the candidate touches, whatever the window.
		From: at(t, loc, "2020-01-01 00:00"), To: at(t, loc, "2020-01-02 00:00")}
	tests := []struct {
		name string
		cand *scheduler.Shift
		want []string
	}{
		{"a shift that breaks nothing", shift(0, 2, at(t, loc, "2026-12-08 14:00"), at(t, loc, "2026-12-08 22:00")), nil},
		{"a shift too soon after another", shift(0, 1, at(t, loc, "2026-12-07 20:00"), at(t, loc, "2026-12-07 23:00")), []string{
			"weekly_hours g1 [2 0 3 4 5 6 7] 51.0/48 2026-12-07 00:00→2026-12-14 00:00",
			"rest_between_shifts g1 [2 0] 6.0/12 2026-12-07 14:00→2026-12-07 20:00",
			"rest_between_shifts g1 [0 3] 7.0/12 2026-12-07 23:00→2026-12-08 06:00",
		}},
		{"a shift that extends another", shift(0, 1, at(t, loc, "2026-12-12 14:00"), at(t, loc, "2026-12-12 18:01")), []string{
			"weekly_hours g1 [2 3 4 5 6 7 0] 52.0/48 2026-12-07 00:00→2026-12-14 00:00",
			"daily_hours g1 [7 0] 12.02/12 2026-12-12 00:00→2026-12-13 00:00",
			"shift_length g1 [7 0] 12.02/12 2026-12-12 06:00→2026-12-12 18:01",
		}},
		{"a change that makes an old violation worse", shift(1, 1, at(t, loc, "2026-11-30 06:00"), at(t, loc, "2026-11-30 20:00")), []string{
			"daily_hours g1 [1] 14.0/12 2026-11-30 00:00→2026-12-01 00:00",
			"shift_length g1 [1] 14.0/12 2026-11-30 06:00→2026-11-30 20:00",
		}},
		{"a change that mends an old violation", shift(1, 1, at(t, loc, "2026-11-30 06:00"), at(t, loc, "2026-11-30 14:00")), nil},
		{"a move that breaks the week", shift(8, 1, at(t, loc, "2026-12-13 06:00"), at(t, loc, "2026-12-13 14:00")), []string{
			"weekly_hours g1 [2 3 4 5 6 7 8] 56.0/48 2026-12-07 00:00→2026-12-14 00:00",
			"weekly_rest g1 [2 3 4 5 6 7 8] 16.0/24 2026-12-07 00:00→2026-12-14 00:00",
		}},
		{"a cancelled candidate", func() *scheduler.Shift {
			s := shift(0, 1, at(t, loc, "2026-12-07 20:00"), at(t, loc, "2026-12-07 23:00"))
			s.Status = scheduler.ShiftCancelled
			return s
		}(), nil},
		{"a candidate with no status yet", func() *scheduler.Shift {
			s := shift(0, 1, at(t, loc, "2026-12-07 20:00"), at(t, loc, "2026-12-08 06:00"))
			s.Status = ""
			return s
		}(), []string{
			"weekly_hours g1 [2 0 3 4 5 6 7] 58.0/48 2026-12-07 00:00→2026-12-14 00:00",
			"rest_between_shifts g1 [2 0] 6.0/12 2026-12-07 14:00→2026-12-07 20:00",
			"shift_length g1 [0 3] 18.0/12 2026-12-07 20:00→2026-12-08 14:00",
			"daily_hours g1 [0 3] 14.0/12 2026-12-08 00:00→2026-12-09 00:00",
		}},
		{"an empty candidate", shift(0, 1, at(t, loc, "2026-12-07 20:00"), at(t, loc, "2026-12-07 20:00")), nil},
		{"an open candidate", &scheduler.Shift{PostID: 1, Start: at(t, loc, "2026-12-07 20:00"), End: at(t, loc, "2026-12-07 23:00")}, nil},
		{"a police officer", shift(0, 3, at(t, loc, "2026-12-07 00:00"), at(t, loc, "2026-12-08 00:00")), nil},
		{"a guard not listed", shift(0, 9, at(t, loc, "2026-12-07 00:00"), at(t, loc, "2026-12-08 00:00")), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CheckShift(in, tt.cand)
			if got == nil {
				t.Fatal("got nil, want a slice")
			}
			sortForShift(got)
			equalLines(t, renderAll(got), tt.want)
		})
	}
	// The input is left as it was.
	if got := len(r.shifts); got != 8 || r.shifts[0].ID != 1 || *r.shifts[7].GuardID != 2 {
		t.Errorf("CheckShift changed its input")
	}
}

// sortForShift keeps Check's order but puts rules of the same start in the
// order of RuleNames, which reads better in the table above.
func sortForShift(vs []Violation) {
	slices.SortStableFunc(vs, func(a, b Violation) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return slices.Index(RuleNames, a.Rule) - slices.Index(RuleNames, b.Rule)
	})
}

// Ensure Check is deterministic: the same input in any order gives the same
// output.
func TestCheckDeterministic(t *testing.T) {
	loc := mustLoc(t, "Asia/Ho_Chi_Minh")
	shifts := rota2424(t, loc, [2]int64{1, 2}, "2026-11-23", "2027-01-11")
	guards := []*scheduler.Guard{office(1, "An"), office(2, "Bình")}
	first := renderAll(Check(Input{Rules: Defaults(), Loc: loc, Guards: guards, Shifts: shifts}))
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 5 {
		t.Run(fmt.Sprint("shuffle ", i), func(t *testing.T) {
			s := slices.Clone(shifts)
			rng.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
			g := []*scheduler.Guard{guards[1], guards[0]}
			equalLines(t, renderAll(Check(Input{Rules: Defaults(), Loc: loc, Guards: g, Shifts: s})), first)
		})
	}
}
