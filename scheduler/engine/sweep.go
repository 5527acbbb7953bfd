package engine

import (
	"context"
	"fmt"
	"sort"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/coverage"
	"catruc/scheduler/labour"
	"catruc/scheduler/render"
)

// Thresholds of gap severity: by how soon the gap starts.
const (
	criticalWithin = 12 * time.Hour
	highWithin     = 48 * time.Hour
	// topSuggestions is how many replacement suggestions a gap alert carries.
	topSuggestions = 3
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

// stretch is one uncovered stretch of a post: adjacent gap intervals merged.
type stretch struct {
	postID     int64
	start, end time.Time
	missing    int
}

// stretches merges each post's touching gap intervals (the coverage report
// splits them where the numbers change) and keeps those not over by now.
func stretches(rep coverage.Report, now time.Time) []stretch {
	var out []stretch
	for _, pc := range rep.Posts {
		var cur *stretch
		for _, g := range pc.Gaps {
			if cur != nil && !g.Start.After(cur.end) {
				if g.End.After(cur.end) {
					cur.end = g.End
				}
				if g.Missing > cur.missing {
					cur.missing = g.Missing
				}
				continue
			}
			if cur != nil {
				out = append(out, *cur)
			}
			cur = &stretch{postID: pc.PostID, start: g.Start, end: g.End, missing: g.Missing}
		}
		if cur != nil {
			out = append(out, *cur)
		}
	}
	kept := out[:0]
	for _, s := range out {
		if s.end.After(now) {
			kept = append(kept, s)
		}
	}
	return kept
}

// SweepResult counts what a sweep did.
type SweepResult struct {
	Gaps       int `json:"gaps"`
	Violations int `json:"violations"`
	Opened     int `json:"opened"`
	Updated    int `json:"updated"`
	Resolved   int `json:"resolved"`
	Escalated  int `json:"escalated"`
	Queued     int `json:"notifications"`
}

// sweep turns the coverage gaps and labour-rule breaches from now to now +
// lookahead into alerts: one per uncovered stretch, updated as it changes,
// resolved when filled; critical ones nobody acknowledged are escalated.
func (e *Engine) sweep(ctx context.Context, now time.Time) (any, error) {
	st := e.store
	js, err := st.JobSettings(ctx)
	if err != nil {
		return nil, err
	}
	ns, err := st.NotificationSettings(ctx)
	if err != nil {
		return nil, err
	}
	rules, err := st.Rules(ctx)
	if err != nil {
		return nil, err
	}
	loc := st.Location()
	// Coverage is read from now: a stretch already under way at its first
	// sweep starts now, and keeps the start it was first seen with after that.
	from, to := now, now.Add(time.Duration(js.LookaheadHours)*time.Hour)
	w, err := e.loadWorld(ctx, from, to)
	if err != nil {
		return nil, err
	}
	rep := coverage.Compute(coverage.Input{From: from, To: to, Loc: loc, Posts: w.activePosts, Events: w.events,
		Shifts: w.shifts, TimeOff: w.timeOff})
	gaps := stretches(rep, now)
	lf, lt := labour.LoadWindow(now, to, loc)
	lshifts, err := st.FindShifts(ctx, scheduler.ShiftFilter{Status: scheduler.ShiftScheduled, From: &lf, To: &lt})
	if err != nil {
		return nil, err
	}
	violations := labour.Check(labour.Input{Rules: rules, Loc: loc, From: now, To: to, Guards: w.guardList, Shifts: lshifts})
	current, err := st.FindAlerts(ctx, scheduler.AlertFilter{Current: &now})
	if err != nil {
		return nil, err
	}
	suggest := func(s stretch) []scheduler.AlertSuggestion {
		end := s.end
		if end.Sub(s.start) > scheduler.MaxShiftLength {
			end = s.start.Add(scheduler.MaxShiftLength)
		}
		start := s.start
		if start.Before(now) && end.After(now) {
			start = now
		}
		var cands []*scheduler.Guard
		for _, g := range w.guardList {
			if g.MayHold(s.postID) {
				cands = append(cands, g)
			}
		}
		ss := labour.Suggest(labour.SuggestInput{Rules: rules, Loc: loc, PostID: s.postID, Start: start, End: end, Now: now,
			Guards: cands, Shifts: lshifts, TimeOff: w.timeOff})
		out := []scheduler.AlertSuggestion{}
		for i, x := range ss {
			if i == topSuggestions {
				break
			}
			out = append(out, scheduler.AlertSuggestion{GuardID: x.GuardID, Name: x.Name, Score: x.Score, Reasons: x.ReasonsVI})
		}
		return out
	}
	changes := diffAlerts(current, gaps, violations, now, from, time.Duration(ns.EscalateAfterMinutes)*time.Minute, w.names, loc, suggest)
	res := SweepResult{Gaps: len(gaps), Violations: len(violations)}
	for _, ch := range changes {
		switch ch.Notify {
		case scheduler.TypeAlertOpened:
			res.Opened++
		case scheduler.TypeAlertUpdated:
			res.Updated++
		case scheduler.TypeAlertResolved:
			res.Resolved++
		case scheduler.TypeAlertEscalated:
			res.Escalated++
		}
	}
	if len(changes) == 0 {
		return res, nil
	}
	applied, err := st.ApplyAlertChanges(ctx, changes, func(a *scheduler.Alert, typ string) ([]*scheduler.Notification, error) {
		out, err := alertNotifications(a, typ, ns, w, loc)
		res.Queued += len(out)
		return out, err
	})
	if err != nil {
		return nil, err
	}
	for i, a := range applied {
		typ := changes[i].Notify
		if typ == "" {
			typ = scheduler.TypeAlertUpdated
		}
		e.hub.Publish(AlertEvent{Type: typ, Alert: a})
	}
	if res.Queued > 0 {
		e.notify()
	}
	return res, nil
}

// diffAlerts decides, from the alerts now current and what the sweep found,
// which alerts to open, update, resolve and escalate.
func diffAlerts(current []*scheduler.Alert, gaps []stretch, violations []scheduler.Violation, now, windowFrom time.Time,
	escalateAfter time.Duration, names render.Names, loc *time.Location, suggest func(stretch) []scheduler.AlertSuggestion) []scheduler.AlertChange {
	var changes []scheduler.AlertChange
	matched := map[int64]bool{}
	// Gaps: match each stretch to the earliest unmatched current alert of its post that overlaps it.
	byPost := map[int64][]*scheduler.Alert{}
	for _, a := range current {
		if a.Kind == scheduler.AlertGap && a.PostID != nil {
			byPost[*a.PostID] = append(byPost[*a.PostID], a)
		}
	}
	for _, as := range byPost {
		sort.Slice(as, func(i, j int) bool {
			return as[i].Start.Before(as[j].Start) || (as[i].Start.Equal(as[j].Start) && as[i].ID < as[j].ID)
		})
	}
	for _, s := range gaps {
		var m *scheduler.Alert
		for _, a := range byPost[s.postID] {
			if !matched[a.ID] && scheduler.Overlaps(a.Start, a.End, s.start, s.end) {
				m = a
				break
			}
		}
		pid := s.postID
		if m == nil {
			a := &scheduler.Alert{Kind: scheduler.AlertGap, PostID: &pid, Start: s.start, End: s.end, Missing: s.missing,
				Severity: Severity(s.start, now), Status: scheduler.AlertOpen, OpenedAt: now}
			if a.Severity == scheduler.SeverityCritical {
				a.CriticalAt = &now
			}
			a.Suggestions = suggest(s)
			gapMessages(a, names, loc)
			changes = append(changes, scheduler.AlertChange{Alert: a, Notify: scheduler.TypeAlertOpened})
			continue
		}
		matched[m.ID] = true
		if !m.Active() {
			continue // resolved by hand: left alone while the stretch lasts
		}
		a := *m
		start := s.start
		if start.Equal(windowFrom) && m.Start.Before(windowFrom) {
			start = m.Start // under way since before this sweep: keep the start it was seen with
		}
		a.Start, a.End, a.Missing = start, s.end, s.missing
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
			a.Suggestions = suggest(s)
		}
		gapMessages(&a, names, loc)
		if changed || a.Severity != m.Severity {
			changes = append(changes, scheduler.AlertChange{Alert: &a, Notify: scheduler.TypeAlertUpdated})
		}
		if a.Status == scheduler.AlertOpen && a.Severity == scheduler.SeverityCritical && a.EscalatedAt == nil &&
			a.CriticalAt != nil && !now.Before(a.CriticalAt.Add(escalateAfter)) {
			esc := a
			esc.EscalatedAt = &now
			changes = append(changes, scheduler.AlertChange{Alert: &esc, Notify: scheduler.TypeAlertEscalated})
		}
	}
	// Violations: match by rule, guard and period.
	byKey := map[string]*scheduler.Alert{}
	for _, a := range current {
		if a.Kind == scheduler.AlertViolation {
			byKey[a.Key] = a
		}
	}
	for _, v := range violations {
		key := fmt.Sprintf("%s|%d|%s", v.Rule, v.GuardID, v.Start.UTC().Format(time.RFC3339))
		gid := v.GuardID
		sev := scheduler.SeverityNormal
		if v.Start.Sub(now) < highWithin {
			sev = scheduler.SeverityHigh
		}
		if m, ok := byKey[key]; ok {
			matched[m.ID] = true
			if !m.Active() {
				continue
			}
			if m.Message != v.Message || !m.End.Equal(v.End) || m.Severity != sev {
				a := *m
				a.End, a.Message, a.MessageVI, a.Severity = v.End, v.Message, v.MessageVI, sev
				changes = append(changes, scheduler.AlertChange{Alert: &a})
			}
			continue
		}
		changes = append(changes, scheduler.AlertChange{Notify: scheduler.TypeAlertOpened, Alert: &scheduler.Alert{
			Kind: scheduler.AlertViolation, Key: key, GuardID: &gid, Rule: v.Rule, Start: v.Start, End: v.End,
			Severity: sev, Status: scheduler.AlertOpen, Message: v.Message, MessageVI: v.MessageVI, OpenedAt: now}})
	}
	// What is current but no longer found resolves by itself.
	for _, m := range current {
		if matched[m.ID] || !m.Active() {
			continue
		}
		a := *m
		a.Status, a.ResolvedAt, a.ResolvedBy = scheduler.AlertResolved, &now, scheduler.SystemActor
		notify := scheduler.TypeAlertResolved
		if a.Kind == scheduler.AlertGap && !a.End.After(now) {
			// The stretch is over, not filled: close it quietly.
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

// alertNotifications renders an alert change for every recipient: managers
// (escalations: the escalation contacts), the police post's contact for
// alerts on a police post, and the webhooks that want the type.
func alertNotifications(a *scheduler.Alert, typ string, ns scheduler.NotificationSettings, w *world, loc *time.Location) ([]*scheduler.Notification, error) {
	msg, err := render.Alert(a, typ, w.names, loc)
	if err != nil {
		return nil, err
	}
	people := ns.Managers
	if typ == scheduler.TypeAlertEscalated {
		people = ns.Escalation
	}
	emails := []string{}
	for _, p := range people {
		emails = append(emails, p.Email)
	}
	if a.PostID != nil {
		if p, ok := w.names.Posts[*a.PostID]; ok && p.Kind == scheduler.PostKindPolice && p.Contact.Email != "" {
			emails = append(emails, p.Contact.Email)
		}
	}
	key := fmt.Sprintf("alert:%d:v%d:%s", a.ID, a.Version, typ)
	return render.FanOut(key, typ, msg, emails, ns.Webhooks), nil
}
