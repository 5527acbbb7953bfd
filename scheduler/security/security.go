// Package security works out the figures of the office's six-month and annual
// security report (báo cáo công tác bảo vệ cơ quan): how well the posts were
// held, the alerts and how fast they were acknowledged, the incidents and how
// fast the responders answered, the events, the guards' training, the labour
// breaches, the staffing verdicts and the no-shows.
//
// Everything here is a pure function of its Input: the window, the zone and
// the records are given, nothing is read or written. Sections whose records
// are absent (no incidents, no check-ins) come out empty, never missing:
// slices and maps are never nil, and a median of nothing is null.
package security

import (
	"cmp"
	"math"
	"slices"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/coverage"
)

// Input is what the report is computed from. Records outside [From, To) are
// left out where their time says so (alerts by OpenedAt, incidents by
// DeclaredAt, events by Start); shifts, time off and events may reach over the
// edges, coverage clips them.
type Input struct {
	From, To time.Time
	Loc      *time.Location // the office zone; nil is UTC
	Posts    []*scheduler.Post
	Guards   []*scheduler.Guard
	Events   []*scheduler.Event    // scheduled events overlapping the window
	Shifts   []*scheduler.Shift    // scheduled shifts overlapping the window
	TimeOff  []*scheduler.TimeOff  // approved time off overlapping the window
	Alerts   []*scheduler.Alert    // alerts opened in the window
	Incident []*scheduler.Incident // incidents declared in the window
	// NoticesSent counts, per event id, the police notices the outbox sent.
	NoticesSent map[int64]int
	Violations  []scheduler.Violation // the labour breaches over the window
	// RosterStarts is where each post's roster begins (its first shift):
	// coverage is counted from there, since the time before the office kept
	// its roster in catruc is not a gap. A post absent from a non-nil map
	// has no roster yet and is left out of the coverage; nil counts every
	// post over the whole window.
	RosterStarts map[int64]time.Time
	Staffing     coverage.StaffingReport
}

// Report is the answer of Compute (GET /api/v1/reports/security).
type Report struct {
	From      time.Time      `json:"from"`
	To        time.Time      `json:"to"` // exclusive
	Coverage  Coverage       `json:"coverage"`
	Alerts    Alerts         `json:"alerts"`
	Incidents Incidents      `json:"incidents"`
	Events    Events         `json:"events"`
	Training  Training       `json:"training"`
	Breaches  Breaches       `json:"breaches"`
	Staffing  StaffingLines  `json:"staffing"`
	NoShows   NoShows        `json:"no_shows"`
	Posts     map[int64]Name `json:"-"` // names for the documents
}

// Name is a post's or a guard's name.
type Name = string

// Coverage is how well the posts were held.
type Coverage struct {
	// Percent is 100·covered/required guard-hours over every post, to 2
	// decimals; 100 when nothing was required.
	Percent float64 `json:"percent"`
	// GapCount counts the uncovered stretches: a stretch is maximal, so one
	// whose missing headcount changes on the way counts once.
	GapCount int `json:"gap_count"`
	// GapHours is the length of those stretches added up, in hours (2 decimals).
	GapHours   float64     `json:"gap_hours"`
	LongestGap *Gap        `json:"longest_gap"` // null when there was none
	ByPost     []PostLine  `json:"by_post"`
	ByMonth    []MonthLine `json:"by_month"`
	Gaps       []Gap       `json:"-"` // every merged gap, for the documents
}

// Gap is one uncovered stretch of a post.
type Gap struct {
	PostID   int64     `json:"post_id"`
	PostName string    `json:"post_name"`
	Start    time.Time `json:"start"`
	End      time.Time `json:"end"`
	Hours    float64   `json:"hours"`
}

// PostLine is the coverage of one post.
type PostLine struct {
	PostID        int64   `json:"post_id"`
	Name          string  `json:"name"`
	RequiredHours float64 `json:"required_hours"` // guard-hours
	CoveredHours  float64 `json:"covered_hours"`  // guard-hours
	Percent       float64 `json:"percent"`
	GapCount      int     `json:"gap_count"`
	GapHours      float64 `json:"gap_hours"`
	// RosterFrom is where the post's roster begins when that is inside the
	// window (coverage is counted from there); NoRoster: no roster at all.
	RosterFrom *time.Time `json:"roster_from,omitempty"`
	NoRoster   bool       `json:"no_roster,omitempty"`
}

// MonthLine is the coverage of every post over one month (clipped to the window).
type MonthLine struct {
	Month         string  `json:"month"` // "2026-01"
	RequiredHours float64 `json:"required_hours"`
	CoveredHours  float64 `json:"covered_hours"`
	Percent       float64 `json:"percent"`
}

// Alerts counts the alerts opened in the window.
type Alerts struct {
	Count  int            `json:"count"`
	ByKind map[string]int `json:"by_kind"`
	// MedianAckMinutes is the median of the minutes from opening to the
	// acknowledgement, over the acknowledged alerts; null when none was.
	MedianAckMinutes *float64 `json:"median_ack_minutes"`
	Acknowledged     int      `json:"acknowledged"`
}

// Incidents counts the incidents declared in the window.
type Incidents struct {
	Count  int            `json:"count"`
	ByKind map[string]int `json:"by_kind"`
	// MedianResponseMinutes is the median of the minutes from the declaration
	// to the first acknowledgement, over the incidents someone acknowledged.
	MedianResponseMinutes *float64 `json:"median_response_minutes"`
	// PoliceAckMedian is the same to the police post's acknowledgement, in minutes.
	PoliceAckMedian *float64 `json:"police_ack_median"`
	Escalated       int      `json:"escalated"` // the police post did not answer in time
}

// Events counts the events that start in the window.
type Events struct {
	Count          int `json:"count"`
	Delegations    int `json:"delegations"`     // of kind "delegation" (đón tiếp khách)
	PoliceNotified int `json:"police_notified"` // marked to be announced to the police post
	NoticesSent    int `json:"notices_sent"`    // police notices the outbox delivered
}

// Training is the guards' time off of kind training.
type Training struct {
	GuardDays int          `json:"guard_days"` // office days touched, added up over the guards
	ByGuard   []GuardCount `json:"by_guard"`
}

// GuardCount is a number for one guard.
type GuardCount struct {
	GuardID int64  `json:"guard_id"`
	Name    string `json:"name"`
	Count   int    `json:"count"`
}

// Breaches counts the labour breaches by rule.
type Breaches struct {
	Count  int            `json:"count"`
	ByRule map[string]int `json:"by_rule"`
}

// StaffingLines are the staffing verdicts of the posts and of the office.
type StaffingLines struct {
	Verdicts []Verdict `json:"verdicts"`
}

// Verdict is the staffing verdict of a post (PostID 0 and no Name: the
// office's own posts together).
type Verdict struct {
	PostID         int64  `json:"post_id"`
	Name           string `json:"name"`
	MinGuards      int    `json:"min_guards"`
	EligibleGuards int    `json:"eligible_guards"`
	// Short: fewer eligible guards than the post needs, time off aside.
	Short     bool   `json:"short"`
	Verdict   string `json:"verdict"`
	VerdictVi string `json:"verdict_vi"`
}

// NoShows counts the no-show alerts (a guard did not check in).
type NoShows struct {
	Count   int          `json:"count"`
	ByGuard []GuardCount `json:"by_guard"`
}

// Compute works out the report.
func Compute(in Input) Report {
	loc := in.Loc
	if loc == nil {
		loc = time.UTC
	}
	in.Loc = loc
	names := map[int64]Name{}
	for _, p := range in.Posts {
		if p != nil {
			names[p.ID] = p.Name
		}
	}
	return Report{
		From: in.From.In(loc), To: in.To.In(loc), Posts: names,
		Coverage:  computeCoverage(in, names),
		Alerts:    computeAlerts(in),
		Incidents: computeIncidents(in),
		Events:    computeEvents(in),
		Training:  computeTraining(in),
		Breaches:  computeBreaches(in),
		Staffing:  computeStaffing(in, names),
		NoShows:   computeNoShows(in),
	}
}

// round2 rounds to 2 decimals.
func round2(x float64) float64 { return math.Round(x*100) / 100 }

// percent is 100·a/b to 2 decimals, 100 when b is 0.
func percent(a, b float64) float64 {
	if b <= 0 {
		return 100
	}
	return round2(100 * a / b)
}

// median of xs (which it sorts), or nil when xs is empty; to 1 decimal.
func median(xs []float64) *float64 {
	if len(xs) == 0 {
		return nil
	}
	slices.Sort(xs)
	m := xs[len(xs)/2]
	if len(xs)%2 == 0 {
		m = (xs[len(xs)/2-1] + xs[len(xs)/2]) / 2
	}
	m = math.Round(m*10) / 10
	return &m
}

func inWindow(t time.Time, in Input) bool { return !t.Before(in.From) && t.Before(in.To) }

// guardNames maps guard ids to names.
func guardNames(in Input) map[int64]string {
	out := map[int64]string{}
	for _, g := range in.Guards {
		if g != nil {
			out[g.ID] = g.Name
		}
	}
	return out
}

// byGuard turns counts per guard into lines, most first, then by name.
func byGuard(counts map[int64]int, names map[int64]string) []GuardCount {
	out := []GuardCount{}
	for id, n := range counts {
		out = append(out, GuardCount{GuardID: id, Name: names[id], Count: n})
	}
	slices.SortFunc(out, func(a, b GuardCount) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.GuardID, b.GuardID))
	})
	return out
}
