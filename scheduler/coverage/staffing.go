package coverage

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"catruc/scheduler"
)

// Limits are the working-time limits of one guard, in hours.
type Limits struct {
	MaxWeeklyHours        float64 `json:"max_weekly_hours"`         // normal hours a week (Labor Code art. 105: 48)
	MaxOvertimeMonthHours float64 `json:"max_overtime_month_hours"` // overtime a month (art. 107: 40)
	MaxOvertimeYearHours  float64 `json:"max_overtime_year_hours"`  // overtime a year (art. 107: 200)
}

// LaborCodeLimits returns the limits of the Labor Code 2019 (art. 105 and
// 107) for the ordinary sectors: 48 h a week, 40 h of overtime a month, 200 a year.
func LaborCodeLimits() Limits {
	return Limits{MaxWeeklyHours: 48, MaxOvertimeMonthHours: 40, MaxOvertimeYearHours: 200}
}

// WeeklyCapacity is the most hours a guard can lawfully work in an average
// week: the normal hours plus the overtime a week that both the monthly and
// the yearly cap allow, MaxWeeklyHours + min(month·12/52, year/52). For the
// Labor Code: 48 + min(9.23, 3.85) = 51.85 h. Negative overtime counts as 0.
func (l Limits) WeeklyCapacity() float64 {
	ot := max(0, min(l.MaxOvertimeMonthHours*12/52, l.MaxOvertimeYearHours/52))
	return l.MaxWeeklyHours + ot
}

// StaffingInput is what Staffing needs.
type StaffingInput struct {
	From, To time.Time      // the window [From, To) whose requirement is averaged
	Loc      *time.Location // the office zone; nil is UTC
	Posts    []*scheduler.Post
	Events   []*scheduler.Event
	Guards   []*scheduler.Guard
	// Rules limit each guard; when their WeeklyCapacity is not positive (as
	// for the zero value) LaborCodeLimits is used instead.
	Rules Limits
	// TimeOff is the approved time off: a guard away for part of the window
	// gives only the rest of it (requested and declined time off is ignored).
	TimeOff []*scheduler.TimeOff
}

// PostStaffing says how many guards a post needs and has.
type PostStaffing struct {
	PostID int64 `json:"post_id"` // 0 for the total
	// RequiredHoursPerWeek is the required guard-hours over the window scaled
	// to 7 days (168 for one person around the clock), rounded to 2 decimals.
	RequiredHoursPerWeek float64 `json:"required_hours_per_week"`
	// MinGuards is ceil(RequiredHoursPerWeek / WeeklyCapacity): fewer guards
	// cannot hold the post without someone breaking the limits.
	MinGuards int `json:"min_guards"`
	// EligibleGuards counts the active guards allowed at the post.
	EligibleGuards int `json:"eligible_guards"`
	// AwayGuards is how many of them the approved time off takes away, in
	// guards: each counts the share of the window it is away (a guard away
	// for one week of four counts 0.25), rounded to 2 decimals. The verdict
	// weighs MinGuards against EligibleGuards − AwayGuards, the hours the
	// guards can actually work.
	AwayGuards float64 `json:"away_guards"`
	Verdict    string  `json:"verdict"`    // one sentence in English
	VerdictVi  string  `json:"verdict_vi"` // the same in Vietnamese
}

// StaffingReport is the answer of Staffing.
type StaffingReport struct {
	Posts []PostStaffing `json:"posts"`
	Total PostStaffing   `json:"total"`
}

// Staffing works out, for each post in the order given, the guard-hours a
// week its requirement (and the events) takes, the fewest guards that can
// give them within the limits, and the guards it has.
//
// A guard is eligible at a post when active and allowed there (PostIDs); at a
// post of kind "police" only guards of unit "police" count, at any other post
// only guards of other units (police officers are another force and do not
// stand the office's posts).
//
// The total covers the office's own posts, those of kind "guard": their
// required hours summed, the fewest guards for that sum, and the distinct
// guards eligible at one or more of them. The police post is left out of the
// total because its squad is another force with its own numbers; adding its
// hours to the office's would ask the office for guards it cannot use there.
// The total's MinGuards can be below the sum of the posts' when guards can
// split their weeks between posts.
func Staffing(in StaffingInput) StaffingReport {
	loc := orUTC(in.Loc)
	rules := in.Rules
	if rules.WeeklyCapacity() <= 0 {
		rules = LaborCodeLimits()
	}
	capacity := rules.WeeklyCapacity()
	window := in.To.Sub(in.From).Hours()

	rep := StaffingReport{Posts: make([]PostStaffing, 0, len(in.Posts))}
	away := awayShares(in.TimeOff, in.From, in.To)
	var totalHours float64
	office := map[int64]bool{} // guards eligible at an office post
	for _, p := range in.Posts {
		if p == nil {
			continue
		}
		segs := requiredSegs(p, in.Events, in.From, in.To, loc)
		var hours float64
		allDay := len(segs) > 0
		for _, s := range segs {
			hours += float64(s.e-s.s) / float64(time.Hour) * float64(s.h)
			allDay = allDay && s.h > 0
		}
		perWeek := 0.0
		if window > 0 {
			perWeek = hours * 168 / window
		}
		police := p.Kind == scheduler.PostKindPolice
		eligible, gone := 0, 0.0
		for _, g := range in.Guards {
			if g == nil || !g.Active || !g.MayHold(p.ID) || (g.Unit == scheduler.UnitPolice) != police {
				continue
			}
			eligible++
			gone += away[g.ID]
			if !police {
				office[g.ID] = true
			}
		}
		if !police {
			totalHours += perWeek
		}
		ps := PostStaffing{PostID: p.ID, RequiredHoursPerWeek: round2(perWeek), EligibleGuards: eligible, AwayGuards: round2(gone)}
		ps.MinGuards = minGuards(ps.RequiredHoursPerWeek, capacity)
		ps.Verdict, ps.VerdictVi = postVerdict(ps, capacity, allDay, police)
		rep.Posts = append(rep.Posts, ps)
	}
	gone := 0.0
	for id := range office {
		gone += away[id]
	}
	tot := PostStaffing{RequiredHoursPerWeek: round2(totalHours), EligibleGuards: len(office), AwayGuards: round2(gone)}
	tot.MinGuards = minGuards(tot.RequiredHoursPerWeek, capacity)
	tot.Verdict, tot.VerdictVi = totalVerdict(tot, capacity)
	rep.Total = tot
	return rep
}

// awayShares returns, per guard, the share of [from, to) its approved time
// off takes (0–1; overlapping stretches counted once).
func awayShares(offs []*scheduler.TimeOff, from, to time.Time) map[int64]float64 {
	out := map[int64]float64{}
	f, t := from.UnixNano(), to.UnixNano()
	if f >= t {
		return out
	}
	spans := map[int64][]span{}
	for _, o := range offs {
		if o == nil || o.Status != scheduler.TimeOffApproved {
			continue
		}
		if s, e := max(o.Start.UnixNano(), f), min(o.End.UnixNano(), t); s < e {
			spans[o.GuardID] = append(spans[o.GuardID], span{s, e})
		}
	}
	for g, ss := range spans {
		var n int64
		for _, sp := range mergeSpans(ss) {
			n += sp.e - sp.s
		}
		out[g] = float64(n) / float64(t-f)
	}
	return out
}

// available is what the guards of ps can give, in guards.
func (ps PostStaffing) available() float64 { return float64(ps.EligibleGuards) - ps.AwayGuards }

// minGuards is ceil(hours/capacity), with a little slack so that a figure
// exactly on a multiple is not pushed up by rounding error.
func minGuards(hours, capacity float64) int {
	if hours <= 0 {
		return 0
	}
	return int(math.Ceil(hours/capacity - 1e-9))
}

// num formats a figure with at most 2 decimals and no trailing zeros, with a
// decimal comma when vi.
func num(x float64, vi bool) string {
	s := strconv.FormatFloat(round2(x), 'f', -1, 64)
	if vi {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// outcome is the end of a verdict: "2 short" / "enough", "thiếu 2" / "đủ",
// with what time off takes away before it: "2 eligible (1.75 after time off): 2 short".
// The guards short are those whose lawful hours would cover what the
// guards available cannot: ceil(required/capacity − available), which is
// MinGuards − EligibleGuards when nobody is away.
func outcome(ps PostStaffing, capacity float64) (en, vi string) {
	have := ps.available()
	if ps.AwayGuards > 0 {
		en = fmt.Sprintf(" (%s after time off)", num(have, false))
		vi = fmt.Sprintf(" (%s sau khi trừ người nghỉ)", num(have, true))
	}
	short := int(math.Ceil(ps.RequiredHoursPerWeek/capacity - have - 1e-9))
	if short <= 0 || ps.MinGuards == 0 {
		return en + ": enough", vi + ": đủ"
	}
	return fmt.Sprintf("%s: %d short", en, short), fmt.Sprintf("%s: thiếu %d", vi, short)
}

func postVerdict(ps PostStaffing, capacity float64, allDay, police bool) (en, vi string) {
	who, whoVi := "guard", "bảo vệ"
	if police {
		who, whoVi = "officer", "cán bộ công an"
	}
	if ps.MinGuards == 0 {
		return fmt.Sprintf("Nothing is required at this post in this period, so it needs no %ss; it has %d eligible.", who, ps.EligibleGuards),
			fmt.Sprintf("Vọng gác này không cần ai trực trong khoảng thời gian này; hiện có %d %s đủ điều kiện.", ps.EligibleGuards, whoVi)
	}
	held, heldVi := "Held part of the time", "Trực một phần thời gian"
	if allDay {
		held, heldVi = "Held 24/24", "Trực 24/24"
	}
	oEn, oVi := outcome(ps, capacity)
	en = fmt.Sprintf("%s (%s guard-hours a week), this post needs at least %d %s working lawfully (at most %s h a week each) and has %d eligible%s.",
		held, num(ps.RequiredHoursPerWeek, false), ps.MinGuards, plural(ps.MinGuards, who, who+"s"), num(capacity, false), ps.EligibleGuards, oEn)
	vi = fmt.Sprintf("%s (%s giờ-người mỗi tuần), vọng gác này cần ít nhất %d %s làm việc đúng luật (mỗi người tối đa %s giờ một tuần), hiện có %d%s.",
		heldVi, num(ps.RequiredHoursPerWeek, true), ps.MinGuards, whoVi, num(capacity, true), ps.EligibleGuards, oVi)
	return en, vi
}

func totalVerdict(ps PostStaffing, capacity float64) (en, vi string) {
	if ps.MinGuards == 0 {
		return fmt.Sprintf("The office's own posts (the police post not counted) require nobody in this period; %d %s eligible.", ps.EligibleGuards, plural(ps.EligibleGuards, "guard is", "guards are")),
			fmt.Sprintf("Các vọng gác của cơ quan (không tính vọng gác công an) không cần ai trực trong khoảng thời gian này; hiện có %d bảo vệ đủ điều kiện.", ps.EligibleGuards)
	}
	oEn, oVi := outcome(ps, capacity)
	en = fmt.Sprintf("The office's own posts together (the police post not counted) take %s guard-hours a week: they need at least %d %s working lawfully (at most %s h a week each) and have %d eligible%s.",
		num(ps.RequiredHoursPerWeek, false), ps.MinGuards, plural(ps.MinGuards, "guard", "guards"), num(capacity, false), ps.EligibleGuards, oEn)
	vi = fmt.Sprintf("Các vọng gác của cơ quan (không tính vọng gác công an) cần tổng cộng %s giờ-người mỗi tuần: ít nhất %d bảo vệ làm việc đúng luật (mỗi người tối đa %s giờ một tuần), hiện có %d%s.",
		num(ps.RequiredHoursPerWeek, true), ps.MinGuards, num(capacity, true), ps.EligibleGuards, oVi)
	return en, vi
}
