package planner

import (
	"fmt"
	"math"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/holiday"
)

// summary sums the plan up from its shifts alone (so that it can be
// recomputed from what the plan shows).
func (su *setup) summary(shifts []scheduler.PlanShift, unfilled []scheduler.Unfilled) scheduler.PlanSummary {
	var sum scheduler.PlanSummary
	for _, pc := range su.coverageOf(shifts).Posts {
		sum.RequiredHours += pc.RequiredHours
		sum.CoveredHours += pc.CoveredHours
	}
	sum.RequiredHours, sum.CoveredHours = round2(sum.RequiredHours), round2(sum.CoveredHours)
	sum.UncoveredHours = round2(sum.RequiredHours - sum.CoveredHours)
	sum.Breaches = su.breaches(shifts)
	sum.Guards = []scheduler.GuardLoad{}
	first := true
	var lo, hi scheduler.GuardLoad
	for _, g := range su.guards {
		l := su.load(g, shifts)
		sum.Guards = append(sum.Guards, l)
		sum.PreferencesMet += l.PreferencesMet
		sum.PreferencesTotal += l.PreferencesTotal
		if !su.canServe(g) {
			continue
		}
		if first {
			lo, hi, first = l, l, false
			continue
		}
		lo.Hours, hi.Hours = math.Min(lo.Hours, l.Hours), math.Max(hi.Hours, l.Hours)
		lo.Nights, hi.Nights = min(lo.Nights, l.Nights), max(hi.Nights, l.Nights)
		lo.Weekends, hi.Weekends = min(lo.Weekends, l.Weekends), max(hi.Weekends, l.Weekends)
		lo.Holidays, hi.Holidays = min(lo.Holidays, l.Holidays), max(hi.Holidays, l.Holidays)
	}
	sum.Fairness = scheduler.Fairness{HoursSpread: round2(hi.Hours - lo.Hours), NightsSpread: hi.Nights - lo.Nights,
		WeekendsSpread: hi.Weekends - lo.Weekends, HolidaysSpread: hi.Holidays - lo.Holidays}
	su.verdict(&sum)
	return sum
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// canServe: the guard may hold a planned post and is not away for the whole window.
func (su *setup) canServe(g *scheduler.Guard) bool {
	ok := false
	for _, p := range su.in.Posts {
		ok = ok || allowed(g, p)
	}
	if !ok {
		return false
	}
	from, to := su.days[0], su.days[su.D()]
	cur := from
	for _, o := range su.approved[g.ID] {
		if !o.Start.After(cur) && o.End.After(cur) {
			cur = o.End
		}
	}
	return cur.Before(to)
}

// breaches counts the labour violations the plan's new shifts add to the
// guards' records.
func (su *setup) breaches(shifts []scheduler.PlanShift) int {
	mine := map[int64][]*scheduler.Shift{}
	for _, ps := range shifts {
		if ps.Kept {
			continue
		}
		gid := ps.GuardID
		mine[gid] = append(mine[gid], &scheduler.Shift{ID: -1 - int64(len(mine[gid])), PostID: ps.PostID, GuardID: &gid,
			Start: ps.Start, End: ps.End, Status: scheduler.ShiftScheduled})
	}
	n := 0
	for _, g := range su.guards {
		if len(mine[g.ID]) > 0 && su.checks(g) {
			n += len(su.added(g, mine[g.ID], su.baseline(g)))
		}
	}
	return n
}

// load is the guard's share of the plan's roster.
func (su *setup) load(g *scheduler.Guard, shifts []scheduler.PlanShift) scheduler.GuardLoad {
	l := scheduler.GuardLoad{GuardID: g.ID}
	weekend, hol := map[string]bool{}, map[string]bool{}
	var mine []span
	for _, ps := range shifts {
		if ps.GuardID != g.ID {
			continue
		}
		mine = append(mine, span{ps.Start, ps.End})
		l.Hours += ps.End.Sub(ps.Start).Hours()
		if su.nightShift(ps.Start, ps.End) {
			l.Nights++
		}
		date := su.dateKey(ps.Start)
		if scheduler.ISOWeekday(ps.Start.In(su.loc)) >= 6 {
			weekend[date] = true
		}
		if holiday.Contains(su.in.Holidays, date) {
			hol[date] = true
		}
	}
	l.Hours = round2(l.Hours)
	l.Weekends, l.Holidays = len(weekend), len(hol)
	l.PreferencesMet, l.PreferencesTotal = su.prefsMet(g, mine)
	return l
}

// prefsMet counts the guard's wishes over the window and those the plan
// meets: each "avoid" stretch of a day (met: no shift overlaps it), each
// shift on a day with "prefer" stretches (met: inside one), the nights wish
// (met: at most max_nights_per_month pro rata), each requested time off
// (met: no shift overlaps it).
func (su *setup) prefsMet(g *scheduler.Guard, mine []span) (met, total int) {
	p, ok := su.prefs[g.ID]
	if ok {
		for d := 0; d < su.D(); d++ {
			for _, pw := range p.Avoid {
				if st, ok := su.stretch(pw, su.days[d]); ok {
					total++
					if !overlapsAny(st, mine) {
						met++
					}
				}
			}
		}
		nights := 0
		for _, s := range mine {
			d := su.dayIndex(s.s)
			if d >= 0 {
				if in, any := su.inPrefer(p, d, s); any {
					total++
					if in {
						met++
					}
				}
			}
			if su.nightShift(s.s, s.e) {
				nights++
			}
		}
		if p.MaxNightsPerMonth > 0 {
			total++
			if nights <= (p.MaxNightsPerMonth*su.D()+29)/30 {
				met++
			}
		}
	}
	for _, o := range su.requested[g.ID] {
		if o.Start.Before(su.days[su.D()]) && su.days[0].Before(o.End) {
			total++
			if !overlapsAny(span{o.Start, o.End}, mine) {
				met++
			}
		}
	}
	return met, total
}

func overlapsAny(a span, bs []span) bool {
	for _, b := range bs {
		if overlap(a, b) > 0 {
			return true
		}
	}
	return false
}

// dayIndex is the window's day holding t, or -1.
func (su *setup) dayIndex(t time.Time) int {
	for d := 0; d < su.D(); d++ {
		if !t.Before(su.days[d]) && t.Before(su.days[d+1]) {
			return d
		}
	}
	return -1
}

// verdict: how many more guards the uncovered hours need within the weekly
// limit over the window's weeks, in one sentence in each language.
func (su *setup) verdict(sum *scheduler.PlanSummary) {
	weekly := su.rules.MaxWeeklyHours
	if weekly <= 0 {
		weekly = 48
	}
	if sum.UncoveredHours <= 0.005 {
		sum.Verdict = "Every required hour is covered, with no breach of the labour rules."
		sum.VerdictVi = "Mọi giờ cần trực đều có người, không vi phạm quy định lao động."
		return
	}
	weeks := float64(su.D()) / 7
	sum.MoreGuardsNeeded = max(1, int(math.Ceil(sum.UncoveredHours/(weeks*weekly)-1e-9)))
	h := strconvHours(sum.UncoveredHours)
	sum.Verdict = fmt.Sprintf("%s h stay uncovered: %d more guard%s needed to hold them lawfully.", h, sum.MoreGuardsNeeded,
		map[bool]string{true: " is", false: "s are"}[sum.MoreGuardsNeeded == 1])
	sum.VerdictVi = fmt.Sprintf("Cần thêm %d bảo vệ: còn %s giờ không có người trực đúng luật.", sum.MoreGuardsNeeded,
		vi(h))
}

func strconvHours(h float64) string { return fmt.Sprintf("%g", round2(h)) }

func vi(s string) string {
	out := []rune(s)
	for i, r := range out {
		if r == '.' {
			out[i] = ','
		}
	}
	return string(out)
}
