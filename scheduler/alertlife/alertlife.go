// Package alertlife is the alert lifecycle, as pure functions: from the
// alerts now current and what a sweep found (uncovered stretches of posts,
// labour-rule breaches), which alerts to open, update, escalate and resolve.
// The engine (an adapter: cron, store, notifications) loads the inputs,
// calls Diff and applies what it returns.
package alertlife

import (
	"fmt"
	"sort"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/coverage"
	"catruc/scheduler/render"
)

// Thresholds of gap severity: by how soon the gap starts.
const (
	criticalWithin = 12 * time.Hour
	highWithin     = 48 * time.Hour
)

// Severity of a gap starting at start, seen at now.
func Severity(start, now time.Time) string {
	switch d := start.Sub(now); {
	case d < criticalWithin:
		return scheduler.SeverityCritical
	case d < highWithin:
		return scheduler.SeverityHigh
	}
	return scheduler.SeverityNormal
}

var severityRank = map[string]int{scheduler.SeverityNormal: 0, scheduler.SeverityHigh: 1, scheduler.SeverityCritical: 2}

// Stretch is one uncovered stretch of a post: adjacent gap intervals merged.
type Stretch struct {
	PostID     int64
	Start, End time.Time
	Missing    int // the most guards missing at any time of it
}

// Stretches merges each post's touching gap intervals (the coverage report
// splits them where the numbers change) and keeps those not over by now.
func Stretches(rep coverage.Report, now time.Time) []Stretch {
	var out []Stretch
	for _, pc := range rep.Posts {
		var cur *Stretch
		for _, g := range pc.Gaps {
			if cur != nil && !g.Start.After(cur.End) {
				if g.End.After(cur.End) {
					cur.End = g.End
				}
				if g.Missing > cur.Missing {
					cur.Missing = g.Missing
				}
				continue
			}
			if cur != nil {
				out = append(out, *cur)
			}
			cur = &Stretch{PostID: pc.PostID, Start: g.Start, End: g.End, Missing: g.Missing}
		}
		if cur != nil {
			out = append(out, *cur)
		}
	}
	kept := out[:0]
	for _, s := range out {
		if s.End.After(now) {
			kept = append(kept, s)
		}
	}
	return kept
}

// Input is what Diff decides from.
type Input struct {
	Current    []*scheduler.Alert    // the alerts now current (open, acknowledged, or resolved but not over)
	Gaps       []Stretch             // the uncovered stretches the sweep found
	Violations []scheduler.Violation // the labour-rule breaches the sweep found
	Now        time.Time
	// WindowFrom is where the sweep's window starts: a stretch starting there
	// may be under way since before it.
	WindowFrom time.Time
	// EscalateAfter is how long a critical alert may stay unacknowledged.
	EscalateAfter time.Duration
	Names         render.Names
	Loc           *time.Location
	// Suggest ranks who could fill a stretch (for new and changed gap alerts).
	Suggest func(Stretch) []scheduler.AlertSuggestion
	// NoShows are the shifts not checked in past their grace time (noshow.go).
	NoShows []NoShow
}

// Diff decides which alerts to open, update, resolve and escalate: one gap
// alert per uncovered stretch, updated as the stretch changes rather than
// duplicated; one violation alert per rule, guard and period; what is no
// longer found resolves by itself (quietly when its stretch simply ended);
// a critical gap nobody acknowledged within EscalateAfter escalates once.
// Alerts resolved by hand are left alone while what they are about lasts.
func Diff(in Input) []scheduler.AlertChange {
	matched := map[int64]bool{}
	changes := diffGaps(in, matched)
	changes = append(changes, diffViolations(in, matched)...)
	changes = append(changes, diffNoShows(in, matched)...)
	return append(changes, resolveUnmatched(in, matched)...)
}

// diffGaps matches each stretch to the earliest unmatched current gap alert
// of its post that overlaps it: opens an alert for a stretch with none,
// updates and escalates the matched ones.
func diffGaps(in Input, matched map[int64]bool) []scheduler.AlertChange {
	var changes []scheduler.AlertChange
	byPost := map[int64][]*scheduler.Alert{}
	for _, a := range in.Current {
		if a.Kind == scheduler.AlertGap && a.PostID != nil {
			byPost[*a.PostID] = append(byPost[*a.PostID], a)
		}
	}
	for _, as := range byPost {
		sort.Slice(as, func(i, j int) bool {
			return as[i].Start.Before(as[j].Start) || (as[i].Start.Equal(as[j].Start) && as[i].ID < as[j].ID)
		})
	}
	for _, s := range in.Gaps {
		var m *scheduler.Alert
		for _, a := range byPost[s.PostID] {
			if !matched[a.ID] && scheduler.Overlaps(a.Start, a.End, s.Start, s.End) {
				m = a
				break
			}
		}
		if m == nil {
			changes = append(changes, openGap(in, s))
			continue
		}
		matched[m.ID] = true
		if m.Active() { // resolved by hand: left alone while the stretch lasts
			changes = append(changes, updateGap(in, m, s)...)
		}
	}
	return changes
}

// openGap opens the alert of a new stretch.
func openGap(in Input, s Stretch) scheduler.AlertChange {
	pid, now := s.PostID, in.Now
	a := &scheduler.Alert{Kind: scheduler.AlertGap, PostID: &pid, Start: s.Start, End: s.End, Missing: s.Missing,
		Severity: Severity(s.Start, now), Status: scheduler.AlertOpen, OpenedAt: now}
	if a.Severity == scheduler.SeverityCritical {
		a.CriticalAt = &now
	}
	a.Suggestions = in.Suggest(s)
	gapMessages(a, in.Names, in.Loc)
	return scheduler.AlertChange{Alert: a, Notify: scheduler.TypeAlertOpened}
}

// updateGap follows a matched alert to its stretch as it is now: an update
// when it changed or grew more urgent, an escalation when it is due.
func updateGap(in Input, m *scheduler.Alert, s Stretch) []scheduler.AlertChange {
	var changes []scheduler.AlertChange
	now := in.Now
	a := *m
	start := s.Start
	if start.Equal(in.WindowFrom) && m.Start.Before(in.WindowFrom) {
		start = m.Start // under way since before this sweep: keep the start it was seen with
	}
	a.Start, a.End, a.Missing = start, s.End, s.Missing
	sev := Severity(a.Start, now)
	if severityRank[sev] < severityRank[m.Severity] {
		sev = m.Severity // a gap only grows more urgent
	}
	a.Severity = sev
	if sev == scheduler.SeverityCritical && a.CriticalAt == nil {
		a.CriticalAt = &now
	}
	changed := !a.Start.Equal(m.Start) || !a.End.Equal(m.End) || a.Missing != m.Missing
	if changed {
		a.Suggestions = in.Suggest(s)
	}
	gapMessages(&a, in.Names, in.Loc)
	if changed || a.Severity != m.Severity {
		changes = append(changes, scheduler.AlertChange{Alert: &a, Notify: scheduler.TypeAlertUpdated})
	}
	if a.Status == scheduler.AlertOpen && a.Severity == scheduler.SeverityCritical && a.EscalatedAt == nil &&
		a.CriticalAt != nil && !now.Before(a.CriticalAt.Add(in.EscalateAfter)) {
		esc := a
		esc.EscalatedAt = &now
		changes = append(changes, scheduler.AlertChange{Alert: &esc, Notify: scheduler.TypeAlertEscalated})
	}
	return changes
}

// diffViolations matches breaches to alerts by rule, guard and period.
func diffViolations(in Input, matched map[int64]bool) []scheduler.AlertChange {
	var changes []scheduler.AlertChange
	byKey := map[string]*scheduler.Alert{}
	for _, a := range in.Current {
		if a.Kind == scheduler.AlertViolation {
			byKey[a.Key] = a
		}
	}
	for _, v := range in.Violations {
		key := fmt.Sprintf("%s|%d|%s", v.Rule, v.GuardID, v.Start.UTC().Format(time.RFC3339))
		gid := v.GuardID
		sev := scheduler.SeverityNormal
		if v.Start.Sub(in.Now) < highWithin {
			sev = scheduler.SeverityHigh
		}
		if m, ok := byKey[key]; ok {
			matched[m.ID] = true
			if m.Active() && (m.Message != v.Message || !m.End.Equal(v.End) || m.Severity != sev) {
				a := *m
				a.End, a.Message, a.MessageVI, a.Severity = v.End, v.Message, v.MessageVI, sev
				changes = append(changes, scheduler.AlertChange{Alert: &a})
			}
			continue
		}
		changes = append(changes, scheduler.AlertChange{Notify: scheduler.TypeAlertOpened, Alert: &scheduler.Alert{
			Kind: scheduler.AlertViolation, Key: key, GuardID: &gid, Rule: v.Rule, Start: v.Start, End: v.End,
			Severity: sev, Status: scheduler.AlertOpen, Message: v.Message, MessageVI: v.MessageVI, OpenedAt: in.Now}})
	}
	return changes
}

// resolveUnmatched resolves what is current but no longer found.
func resolveUnmatched(in Input, matched map[int64]bool) []scheduler.AlertChange {
	var changes []scheduler.AlertChange
	now := in.Now
	for _, m := range in.Current {
		if matched[m.ID] || !m.Active() {
			continue
		}
		a := *m
		a.Status, a.ResolvedAt, a.ResolvedBy = scheduler.AlertResolved, &now, scheduler.SystemActor
		notify := scheduler.TypeAlertResolved
		if (a.Kind == scheduler.AlertGap || a.Kind == scheduler.AlertNoShow) && !a.End.After(now) {
			// The stretch (the shift) is over, not filled: close it quietly.
			a.Message += " (ended)"
			notify = ""
		}
		changes = append(changes, scheduler.AlertChange{Alert: &a, Notify: notify})
	}
	return changes
}

func gapMessages(a *scheduler.Alert, names render.Names, loc *time.Location) {
	post := ""
	if p, ok := names.Posts[*a.PostID]; ok {
		post = p.Name
	}
	a.Message = fmt.Sprintf("%s is short of %d guard(s) from %s to %s", post, a.Missing, render.WhenEN(a.Start, loc), render.WhenEN(a.End, loc))
	a.MessageVI = fmt.Sprintf("%s thiếu %d người trực từ %s đến %s", post, a.Missing, render.WhenVI(a.Start, loc), render.WhenVI(a.End, loc))
}
