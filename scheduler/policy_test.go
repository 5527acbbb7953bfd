package scheduler_test

import (
	"testing"

	"catruc/scheduler"
)

// Ensure the role policy allows each role exactly what the office agreed: an
// admin everything, a manager all but the settings, a viewer reading, a guard
// reading and their own requests; and that every action of the policy is in
// this table, so that a new one cannot slip in untested.
func TestPolicy(t *testing.T) {
	const (
		A = scheduler.RoleAdmin
		M = scheduler.RoleManager
		G = scheduler.RoleGuard
		V = scheduler.RoleViewer
	)
	table := map[string][]string{
		scheduler.ActionRead:           {A, M, G, V},
		scheduler.ActionOverview:       {A, M, V},
		scheduler.ActionOwnDuty:        {G},
		scheduler.ActionRosterWrite:    {A, M},
		scheduler.ActionAlertsAck:      {A, M},
		scheduler.ActionAuditRead:      {A, M},
		scheduler.ActionSettingsRead:   {A, M},
		scheduler.ActionSettingsWrite:  {A},
		scheduler.ActionCalendarManage: {A, M, G},
		scheduler.ActionTimeOffRequest: {A, M, G},
		scheduler.ActionSwapRequest:    {G},
		scheduler.ActionSwapDecline:    {A, M, G},
		scheduler.ActionPlan:           {A, M},
		scheduler.ActionPreferences:    {A, M, G},
		scheduler.ActionCheckIn:        {A, M, G},

		scheduler.ActionIncidentDeclare: {A, M, G},
		scheduler.ActionIncidentManage:  {A, M},
		scheduler.ActionPayRead:         {A, M},
		scheduler.ActionReportsRead:     {A, M},
		scheduler.ActionMetricsRead:     {A, scheduler.RoleMetrics},
	}
	for _, action := range scheduler.Actions() {
		if _, ok := table[action]; !ok {
			t.Errorf("action %q is not in the test's table", action)
		}
	}
	for action, allowed := range table {
		for _, role := range append(scheduler.TokenRoles, "", "root") {
			want := false
			for _, r := range allowed {
				want = want || r == role
			}
			t.Run(action+"/"+role, func(t *testing.T) {
				if got := scheduler.Can(role, action); got != want {
					t.Errorf("Can(%q, %q) = %v, want %v", role, action, got, want)
				}
				err := scheduler.Require(role, action)
				if want && err != nil {
					t.Errorf("Require: %v", err)
				}
				if !want && scheduler.ErrorCode(err) != scheduler.EFORBIDDEN {
					t.Errorf("Require = %v, want forbidden", err)
				}
			})
		}
	}
	if scheduler.Can(A, "no.such.action") {
		t.Error("an unknown action is allowed")
	}
}

// Ensure a guard acts only for their own guard record, and others for anyone.
func TestPrincipalOwnGuard(t *testing.T) {
	id := int64(7)
	for _, tc := range []struct {
		p        scheduler.Principal
		wantID   int64
		wantOnly bool
	}{
		{scheduler.Principal{Role: scheduler.RoleGuard, GuardID: &id}, 7, true},
		{scheduler.Principal{Role: scheduler.RoleGuard}, 0, true},
		{scheduler.Principal{Role: scheduler.RoleManager}, 0, false},
		{scheduler.Principal{Role: scheduler.RoleAdmin, GuardID: &id}, 0, false},
	} {
		if id, only := tc.p.OwnGuard(); id != tc.wantID || only != tc.wantOnly {
			t.Errorf("%+v: OwnGuard = %d, %v; want %d, %v", tc.p, id, only, tc.wantID, tc.wantOnly)
		}
	}
	err := scheduler.Require(scheduler.RoleViewer, scheduler.ActionRosterWrite)
	if got, want := scheduler.ErrorMessage(err), "a viewer may not do this (it needs admin, manager)"; got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
}
