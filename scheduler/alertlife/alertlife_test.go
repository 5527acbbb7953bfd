package alertlife

import (
	"testing"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/render"
)

// Ensure severity follows how soon a gap starts: critical within 12 h (or started), high within 48 h.
func TestSeverity(t *testing.T) {
	now := time.Date(2026, 12, 1, 6, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   time.Duration
		want string
	}{{-time.Hour, "critical"}, {0, "critical"}, {12*time.Hour - time.Minute, "critical"}, {12 * time.Hour, "high"},
		{48*time.Hour - time.Minute, "high"}, {48 * time.Hour, "normal"}} {
		if got := Severity(now.Add(tc.in), now); got != tc.want {
			t.Errorf("start in %v: %s, want %s", tc.in, got, tc.want)
		}
	}
}

// Ensure the diff opens one alert per stretch, updates a changed stretch
// rather than duplicating it, leaves a hand-resolved one alone, resolves what
// is filled quietly when it simply ended, and escalates once.
func TestDiffAlerts(t *testing.T) {
	loc := time.UTC
	now := time.Date(2026, 12, 1, 6, 0, 0, 0, loc)
	at := func(h int) time.Time { return now.Add(time.Duration(h) * time.Hour) }
	names := render.Names{Posts: map[int64]*scheduler.Post{1: {ID: 1, Name: "Trụ sở"}}}
	none := func(Stretch) []scheduler.AlertSuggestion { return nil }
	windowFrom := now

	// A new stretch opens an alert.
	ch := diff(nil, []Stretch{{PostID: 1, Start: at(2), End: at(10), Missing: 1}}, nil, now, windowFrom, 30*time.Minute, names, loc, none)
	if len(ch) != 1 || ch[0].Notify != scheduler.TypeAlertOpened || ch[0].Alert.Severity != "critical" || ch[0].Alert.CriticalAt == nil {
		t.Fatalf("open: %+v", ch)
	}
	existing := *ch[0].Alert
	existing.ID, existing.Version = 7, 1

	// The same stretch again: nothing.
	if ch := diff([]*scheduler.Alert{&existing}, []Stretch{{PostID: 1, Start: at(2), End: at(10), Missing: 1}}, nil, now, windowFrom, time.Hour, names, loc, none); len(ch) != 0 {
		t.Fatalf("unchanged: %+v", ch)
	}
	// The stretch grows: one update of the same alert.
	ch = diff([]*scheduler.Alert{&existing}, []Stretch{{PostID: 1, Start: at(2), End: at(14), Missing: 2}}, nil, now, windowFrom, time.Hour, names, loc, none)
	if len(ch) != 1 || ch[0].Alert.ID != 7 || ch[0].Notify != scheduler.TypeAlertUpdated || !ch[0].Alert.End.Equal(at(14)) || ch[0].Alert.Missing != 2 {
		t.Fatalf("grown: %+v", ch)
	}
	// Split in two: the first keeps the alert, the second opens another.
	ch = diff([]*scheduler.Alert{&existing}, []Stretch{{PostID: 1, Start: at(2), End: at(4), Missing: 1}, {PostID: 1, Start: at(6), End: at(10), Missing: 1}},
		nil, now, windowFrom, time.Hour, names, loc, none)
	if len(ch) != 2 || ch[0].Alert.ID != 7 || ch[1].Alert.ID != 0 || ch[1].Notify != scheduler.TypeAlertOpened {
		t.Fatalf("split: %+v", ch)
	}
	// Filled: resolved by the system, announced.
	ch = diff([]*scheduler.Alert{&existing}, nil, nil, now, windowFrom, time.Hour, names, loc, none)
	if len(ch) != 1 || ch[0].Alert.Status != "resolved" || ch[0].Alert.ResolvedBy != "system" || ch[0].Notify != scheduler.TypeAlertResolved {
		t.Fatalf("filled: %+v", ch)
	}
	// Ended unfilled: resolved quietly.
	past := existing
	past.End = now
	ch = diff([]*scheduler.Alert{&past}, nil, nil, now, windowFrom, time.Hour, names, loc, none)
	if len(ch) != 1 || ch[0].Notify != "" || ch[0].Alert.Status != "resolved" {
		t.Fatalf("ended: %+v", ch)
	}
	// Resolved by hand: left alone while the stretch lasts, not reopened.
	manual := existing
	manual.Status, manual.ResolvedBy = scheduler.AlertResolved, "token:quan-ly"
	if ch := diff([]*scheduler.Alert{&manual}, []Stretch{{PostID: 1, Start: at(2), End: at(10), Missing: 1}}, nil, now, windowFrom, time.Hour, names, loc, none); len(ch) != 0 {
		t.Fatalf("hand-resolved: %+v", ch)
	}
	// Critical and unacknowledged for 30 minutes: escalated once.
	crit := existing
	c := now.Add(-31 * time.Minute)
	crit.CriticalAt = &c
	ch = diff([]*scheduler.Alert{&crit}, []Stretch{{PostID: 1, Start: at(2), End: at(10), Missing: 1}}, nil, now, windowFrom, 30*time.Minute, names, loc, none)
	if len(ch) != 1 || ch[0].Notify != scheduler.TypeAlertEscalated || ch[0].Alert.EscalatedAt == nil {
		t.Fatalf("escalate: %+v", ch)
	}
	acked := crit
	acked.Status = scheduler.AlertAcknowledged
	if ch := diff([]*scheduler.Alert{&acked}, []Stretch{{PostID: 1, Start: at(2), End: at(10), Missing: 1}}, nil, now, windowFrom, 30*time.Minute, names, loc, none); len(ch) != 0 {
		t.Fatalf("acknowledged alerts are not escalated: %+v", ch)
	}
	// A stretch under way since an earlier sweep keeps the start it was seen with.
	old := existing
	old.Start = now.Add(-3 * time.Hour)
	if ch := diff([]*scheduler.Alert{&old}, []Stretch{{PostID: 1, Start: windowFrom, End: at(10), Missing: 1}}, nil, now, windowFrom, time.Hour, names, loc, none); len(ch) != 0 {
		t.Fatalf("clipped start made a change: %+v", ch)
	}
}

// diff is Diff with the arguments in the order the tests read best.
func diff(current []*scheduler.Alert, gaps []Stretch, violations []scheduler.Violation, now, windowFrom time.Time,
	escalateAfter time.Duration, names render.Names, loc *time.Location, suggest func(Stretch) []scheduler.AlertSuggestion) []scheduler.AlertChange {
	return Diff(Input{Current: current, Gaps: gaps, Violations: violations, Now: now, WindowFrom: windowFrom,
		EscalateAfter: escalateAfter, Names: names, Loc: loc, Suggest: suggest})
}
