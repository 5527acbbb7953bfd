package security

import (
	"time"

	"catruc/scheduler"
	"catruc/scheduler/coverage"
)

// postFrom is where the coverage of post p starts within the window: the
// window's start or the post's roster start, whichever is later; false when
// the post has no roster (see Input.RosterStarts).
func postFrom(in Input, p *scheduler.Post) (time.Time, bool) {
	if in.RosterStarts == nil {
		return in.From, true
	}
	s, ok := in.RosterStarts[p.ID]
	if !ok {
		return time.Time{}, false
	}
	return maxTime(s, in.From), true
}

// coverOver is the coverage of each post over [from, to), each post counted
// from its roster start; a post without roster, or whose roster starts after
// to, gives nothing.
func coverOver(in Input, from, to time.Time) []coverage.PostCoverage {
	var out []coverage.PostCoverage
	for _, p := range in.Posts {
		if p == nil {
			continue
		}
		f, ok := postFrom(in, p)
		if !ok {
			continue
		}
		f = maxTime(f, from)
		if !f.Before(to) {
			continue
		}
		rep := coverage.Compute(coverage.Input{From: f, To: to, Loc: in.Loc, Posts: []*scheduler.Post{p},
			Events: in.Events, Shifts: in.Shifts, TimeOff: in.TimeOff})
		out = append(out, rep.Posts...)
	}
	return out
}

// computeCoverage runs the coverage over the window and over each month of it.
func computeCoverage(in Input, names map[int64]Name) Coverage {
	c := Coverage{ByPost: []PostLine{}, ByMonth: []MonthLine{}, Gaps: []Gap{}}
	got := map[int64]coverage.PostCoverage{}
	for _, pc := range coverOver(in, in.From, in.To) {
		got[pc.PostID] = pc
	}
	var req, cov float64
	for _, p := range in.Posts {
		if p == nil {
			continue
		}
		pc, ok := got[p.ID]
		line := PostLine{PostID: p.ID, Name: p.Name, Percent: 100, NoRoster: !ok}
		// Noted from the first day after the window's (a roster that starts
		// at the first handover of the first day starts with the window).
		if f, has := postFrom(in, p); has && scheduler.DayStart(f, in.Loc).After(in.From) && f.Before(in.To) {
			line.RosterFrom = &f
		}
		if ok {
			gaps := mergeGaps(pc, names[pc.PostID])
			line.RequiredHours, line.CoveredHours, line.Percent, line.GapCount = pc.RequiredHours, pc.CoveredHours, pc.Percent, len(gaps)
			for _, g := range gaps {
				line.GapHours += g.Hours
				if c.LongestGap == nil || g.Hours > c.LongestGap.Hours {
					lg := g
					c.LongestGap = &lg
				}
			}
			line.GapHours = round2(line.GapHours)
			c.Gaps = append(c.Gaps, gaps...)
		}
		c.GapCount += line.GapCount
		c.GapHours += line.GapHours
		req += line.RequiredHours
		cov += line.CoveredHours
		c.ByPost = append(c.ByPost, line)
	}
	c.GapHours = round2(c.GapHours)
	c.Percent = percent(cov, req)
	c.ByMonth = byMonth(in)
	return c
}

// mergeGaps joins the touching gap intervals of a post (coverage keeps apart
// stretches whose headcount differs) into uncovered stretches.
func mergeGaps(pc coverage.PostCoverage, name string) []Gap {
	var out []Gap
	for _, iv := range pc.Gaps {
		if n := len(out); n > 0 && out[n-1].End.Equal(iv.Start) {
			out[n-1].End = iv.End
			continue
		}
		out = append(out, Gap{PostID: pc.PostID, PostName: name, Start: iv.Start, End: iv.End})
	}
	for i := range out {
		out[i].Hours = round2(out[i].End.Sub(out[i].Start).Hours())
	}
	return out
}

// byMonth is the coverage of every post month by month, each month clipped to the window.
func byMonth(in Input) []MonthLine {
	out := []MonthLine{}
	f := in.From.In(in.Loc)
	for m := scheduler.DateStart(f.Year(), f.Month(), 1, in.Loc); m.Before(in.To); {
		next := scheduler.DateStart(m.Year(), m.Month()+1, 1, in.Loc)
		s, e := maxTime(m, in.From), minTime(next, in.To)
		var req, cov float64
		pcs := coverOver(in, s, e)
		if len(pcs) == 0 { // no roster yet that month: no figure, rather than 100 %
			m = next
			continue
		}
		for _, pc := range pcs {
			req += pc.RequiredHours
			cov += pc.CoveredHours
		}
		out = append(out, MonthLine{Month: m.Format("2006-01"), RequiredHours: round2(req),
			CoveredHours: round2(cov), Percent: percent(cov, req)})
		m = next
	}
	return out
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// computeAlerts counts the alerts opened in the window by kind, and the
// median time to their acknowledgement.
func computeAlerts(in Input) Alerts {
	a := Alerts{ByKind: map[string]int{}}
	var acks []float64
	for _, al := range in.Alerts {
		if al == nil || !inWindow(al.OpenedAt, in) {
			continue
		}
		a.Count++
		a.ByKind[al.Kind]++
		if al.AcknowledgedAt != nil {
			a.Acknowledged++
			acks = append(acks, al.AcknowledgedAt.Sub(al.OpenedAt).Minutes())
		}
	}
	a.MedianAckMinutes = median(acks)
	return a
}

// computeIncidents counts the incidents declared in the window by kind, and
// the medians of their response times.
func computeIncidents(in Input) Incidents {
	r := Incidents{ByKind: map[string]int{}}
	var first, police []float64
	for _, inc := range in.Incident {
		if inc == nil || !inWindow(inc.DeclaredAt, in) {
			continue
		}
		r.Count++
		r.ByKind[inc.Kind]++
		if inc.EscalatedAt != nil {
			r.Escalated++
		}
		if s := inc.ResponseTimes.FirstAckSeconds; s != nil {
			first = append(first, float64(*s)/60)
		}
		if s := inc.ResponseTimes.PoliceAckSeconds; s != nil {
			police = append(police, float64(*s)/60)
		}
	}
	r.MedianResponseMinutes, r.PoliceAckMedian = median(first), median(police)
	return r
}

// computeEvents counts the scheduled events that start in the window.
func computeEvents(in Input) Events {
	var e Events
	for _, ev := range in.Events {
		if ev == nil || ev.Status != scheduler.ShiftScheduled || !inWindow(ev.Start, in) {
			continue
		}
		e.Count++
		if ev.Kind == "delegation" {
			e.Delegations++
		}
		if ev.NotifyPolice {
			e.PoliceNotified++
		}
		e.NoticesSent += in.NoticesSent[ev.ID]
	}
	return e
}

// computeTraining counts, per guard, the office days of the window that an
// approved time off of kind training touches.
func computeTraining(in Input) Training {
	days := map[int64]map[string]bool{}
	for _, o := range in.TimeOff {
		if o == nil || o.Kind != scheduler.TimeOffTraining || o.Status != scheduler.TimeOffApproved {
			continue
		}
		s, e := maxTime(o.Start, in.From), minTime(o.End, in.To)
		for d := scheduler.DayStart(s, in.Loc); d.Before(e); d = scheduler.DateStart(d.Year(), d.Month(), d.Day()+1, in.Loc) {
			if days[o.GuardID] == nil {
				days[o.GuardID] = map[string]bool{}
			}
			days[o.GuardID][d.Format(scheduler.DateLayout)] = true
		}
	}
	counts := map[int64]int{}
	t := Training{}
	for g, ds := range days {
		counts[g] = len(ds)
		t.GuardDays += len(ds)
	}
	t.ByGuard = byGuard(counts, guardNames(in))
	return t
}

// computeBreaches counts the labour breaches by rule.
func computeBreaches(in Input) Breaches {
	b := Breaches{ByRule: map[string]int{}}
	for _, v := range in.Violations {
		b.Count++
		b.ByRule[v.Rule]++
	}
	return b
}

// computeStaffing lists the staffing verdicts, the office's last.
func computeStaffing(in Input, names map[int64]Name) StaffingLines {
	s := StaffingLines{Verdicts: []Verdict{}}
	line := func(p coverage.PostStaffing, name string) Verdict {
		return Verdict{PostID: p.PostID, Name: name, MinGuards: p.MinGuards, EligibleGuards: p.EligibleGuards,
			Short:   p.MinGuards > p.EligibleGuards,
			Verdict: p.Verdict, VerdictVi: p.VerdictVi}
	}
	for _, p := range in.Staffing.Posts {
		s.Verdicts = append(s.Verdicts, line(p, names[p.PostID]))
	}
	if in.Staffing.Total.Verdict != "" {
		s.Verdicts = append(s.Verdicts, line(in.Staffing.Total, ""))
	}
	return s
}

// computeNoShows counts the no-show alerts opened in the window, per guard.
func computeNoShows(in Input) NoShows {
	n := NoShows{}
	counts := map[int64]int{}
	for _, a := range in.Alerts {
		if a == nil || a.Kind != scheduler.AlertNoShow || !inWindow(a.OpenedAt, in) {
			continue
		}
		n.Count++
		if a.GuardID != nil {
			counts[*a.GuardID]++
		}
	}
	n.ByGuard = byGuard(counts, guardNames(in))
	return n
}
