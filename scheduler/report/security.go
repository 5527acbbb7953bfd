package report

import (
	"context"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/security"
)

// SecurityStore is what the security report reads besides Store.
type SecurityStore interface {
	Store
	FindAlerts(ctx context.Context, f scheduler.AlertFilter) ([]*scheduler.Alert, error)
	FindIncidents(ctx context.Context, f scheduler.IncidentFilter) ([]*scheduler.Incident, error)
	// EventNoticesSent counts the police notices delivered per event id.
	EventNoticesSent(ctx context.Context, eventIDs []int64) (map[int64]int, error)
	Office(ctx context.Context) (scheduler.Office, error)
	// FirstShiftStarts is where each post's roster begins.
	FirstShiftStarts(ctx context.Context) (map[int64]time.Time, error)
}

// maxIncidents bounds the incidents one report reads (far above a year's).
const maxIncidents = 100000

// Security loads what the security report over [from, to) needs and computes it.
func Security(ctx context.Context, st SecurityStore, from, to time.Time) (security.Report, error) {
	in := security.Input{From: from, To: to, Loc: st.Location()}
	var err error
	if in.Posts, err = ActivePosts(ctx, st, nil); err != nil {
		return security.Report{}, err
	}
	if in.Guards, err = st.FindGuards(ctx, scheduler.GuardFilter{}); err != nil {
		return security.Report{}, err
	}
	if in.Events, err = st.FindEvents(ctx, scheduler.EventFilter{Status: scheduler.ShiftScheduled, From: &from, To: &to}); err != nil {
		return security.Report{}, err
	}
	if in.Shifts, err = st.FindShifts(ctx, scheduler.ShiftFilter{Status: scheduler.ShiftScheduled, From: &from, To: &to}); err != nil {
		return security.Report{}, err
	}
	if in.TimeOff, err = st.FindTimeOff(ctx, scheduler.TimeOffFilter{Status: scheduler.TimeOffApproved, From: &from, To: &to}); err != nil {
		return security.Report{}, err
	}
	if in.RosterStarts, err = st.FirstShiftStarts(ctx); err != nil {
		return security.Report{}, err
	}
	if err := loadSecurityRecords(ctx, st, &in); err != nil {
		return security.Report{}, err
	}
	if in.Violations, err = Violations(ctx, st, from, to, nil); err != nil {
		return security.Report{}, err
	}
	if in.Staffing, err = Staffing(ctx, st, from, to, nil); err != nil {
		return security.Report{}, err
	}
	return security.Compute(in), nil
}

// loadSecurityRecords loads the alerts, incidents and police notices of the period.
func loadSecurityRecords(ctx context.Context, st SecurityStore, in *security.Input) error {
	var err error
	if in.Alerts, err = st.FindAlerts(ctx, scheduler.AlertFilter{OpenedFrom: &in.From, OpenedTo: &in.To}); err != nil {
		return err
	}
	if in.Incident, err = st.FindIncidents(ctx, scheduler.IncidentFilter{From: &in.From, To: &in.To, Limit: maxIncidents}); err != nil {
		return err
	}
	ids := make([]int64, 0, len(in.Events))
	for _, ev := range in.Events {
		ids = append(ids, ev.ID)
	}
	in.NoticesSent, err = st.EventNoticesSent(ctx, ids)
	return err
}

// SecurityDraft is the security report over [from, to) and its draft as the
// office files it, dated now.
func SecurityDraft(ctx context.Context, st SecurityStore, from, to, now time.Time) (security.Report, security.Draft, error) {
	r, err := Security(ctx, st, from, to)
	if err != nil {
		return r, security.Draft{}, err
	}
	o, err := st.Office(ctx)
	if err != nil {
		return r, security.Draft{}, err
	}
	return r, security.NewDraft(r, o, now, st.Location()), nil
}
