package scheduler

import "strings"

// The role policy: who may do what, the one home of it. Both doors ask it —
// the API for a token's role on every route, the pages for a user's role on
// every page and for what a page offers — so that they always agree.

// Actions a role may be allowed.
const (
	// ActionRead reads the roster, the reports and the plain settings through
	// the API (every role).
	ActionRead = "read"
	// ActionOverview opens the staff pages: dashboard, roster, alerts,
	// events, reports. Guards have their own page instead.
	ActionOverview = "overview.read"
	// ActionOwnDuty opens a guard's own page: their shifts, requests and calendar.
	ActionOwnDuty = "own.read"
	// ActionRosterWrite changes the roster: posts, guards, shifts, rotations,
	// events, holidays, imports, time-off decisions, swap approvals, job runs;
	// and opens the pages that manage them.
	ActionRosterWrite = "roster.write"
	// ActionAlertsAck acknowledges and resolves alerts.
	ActionAlertsAck = "alerts.ack"
	// ActionAuditRead reads the audit log and the outbox.
	ActionAuditRead = "audit.read"
	// ActionSettingsRead reads the settings that name people to notify, and
	// opens the settings page.
	ActionSettingsRead = "settings.read"
	// ActionSettingsWrite changes the settings (office, rules, jobs,
	// notifications, calendars).
	ActionSettingsWrite = "settings.write"
	// ActionCalendarManage creates, rotates and revokes calendar links (a
	// guard: their own only).
	ActionCalendarManage = "calendar.manage"
	// ActionTimeOffRequest records time off (a guard: asks for their own).
	ActionTimeOffRequest = "timeoff.request"
	// ActionSwapRequest proposes a swap of shifts and accepts one (guards).
	ActionSwapRequest = "swap.request"
	// ActionSwapDecline declines (or withdraws) a swap request.
	ActionSwapDecline = "swap.decline"
	// ActionPlan starts, reads, applies and discards plans of the roster
	// (the planner), and opens the plans page.
	ActionPlan = "plans.write"
	// ActionPreferences reads and sets a guard's planning preferences (a
	// guard: their own only).
	ActionPreferences = "preferences.write"
	// ActionCheckIn checks in and out of shifts and acknowledges handovers
	// (a guard: their own shifts; a manager: anyone's, also on paper).
	ActionCheckIn = "duty.checkin"

	// ActionIncidentDeclare declares an incident (a guard from the post, a
	// manager) and opens the form for it.
	ActionIncidentDeclare = "incidents.declare"
	// ActionIncidentManage adds updates to incidents and closes them.
	ActionIncidentManage = "incidents.manage"

	// ActionPayRead reads the timesheet for pay and the overtime ledger
	// (API, pages and exports): what each guard is paid is the office's.
	ActionPayRead = "pay.read"
	// ActionReportsRead reads the reports the office files: the timesheet
	// and the security report (pages, JSON and downloads).
	ActionReportsRead = "reports.read"

	// ActionMetricsRead scrapes GET /metrics on the main address (the
	// operator's Prometheus): admin tokens and the metrics role.
	ActionMetricsRead = "metrics.read"
)

// RoleMetrics is a role for API tokens only (not logins): it may scrape
// /metrics and nothing else, so a monitoring system holds no roster rights.
const RoleMetrics = "metrics"

// TokenRoles lists the roles an API token may have: the roles of people, and metrics.
var TokenRoles = append(append([]string{}, Roles...), RoleMetrics)

// ValidTokenRole reports whether r is a role an API token may have.
func ValidTokenRole(r string) bool {
	for _, x := range TokenRoles {
		if x == r {
			return true
		}
	}
	return false
}

// policy maps each action to the roles allowed it.
var policy = map[string][]string{
	ActionRead:           {RoleAdmin, RoleManager, RoleGuard, RoleViewer},
	ActionOverview:       {RoleAdmin, RoleManager, RoleViewer},
	ActionOwnDuty:        {RoleGuard},
	ActionRosterWrite:    {RoleAdmin, RoleManager},
	ActionAlertsAck:      {RoleAdmin, RoleManager},
	ActionAuditRead:      {RoleAdmin, RoleManager},
	ActionSettingsRead:   {RoleAdmin, RoleManager},
	ActionSettingsWrite:  {RoleAdmin},
	ActionCalendarManage: {RoleAdmin, RoleManager, RoleGuard},
	ActionTimeOffRequest: {RoleAdmin, RoleManager, RoleGuard},
	ActionSwapRequest:    {RoleGuard},
	ActionSwapDecline:    {RoleAdmin, RoleManager, RoleGuard},
	ActionPlan:           {RoleAdmin, RoleManager},
	ActionPreferences:    {RoleAdmin, RoleManager, RoleGuard},
	ActionCheckIn:        {RoleAdmin, RoleManager, RoleGuard},

	ActionIncidentDeclare: {RoleAdmin, RoleManager, RoleGuard},
	ActionIncidentManage:  {RoleAdmin, RoleManager},
	ActionPayRead:         {RoleAdmin, RoleManager},
	ActionReportsRead:     {RoleAdmin, RoleManager},
	ActionMetricsRead:     {RoleAdmin, RoleMetrics},
}

// Actions lists every action of the policy.
func Actions() []string {
	out := make([]string, 0, len(policy))
	for a := range policy {
		out = append(out, a)
	}
	return out
}

// Can reports whether role may do action. An unknown action is allowed to nobody.
func Can(role, action string) bool {
	for _, r := range policy[action] {
		if r == role {
			return true
		}
	}
	return false
}

// Require returns nil if role may do action, else EFORBIDDEN naming the roles that may.
func Require(role, action string) error {
	if Can(role, action) {
		return nil
	}
	return E(EFORBIDDEN, "", "policy.forbidden", "role", role, "roles", strings.Join(policy[action], ", "))
}

// Principal is who acts: a role and, for a guard, whose record it is. The
// API makes one from a token, the pages from the logged-in user.
type Principal struct {
	Role    string
	GuardID *int64
}

// Can reports whether p may do action.
func (p Principal) Can(action string) bool { return Can(p.Role, action) }

// Require is Require for p's role.
func (p Principal) Require(action string) error { return Require(p.Role, action) }

// OwnGuard tells whether p acts only for their own guard (a guard does: own
// time off, own swap requests, own calendars) and which guard that is (0 for
// a guard login linked to no guard record, which then owns nothing).
func (p Principal) OwnGuard() (id int64, only bool) {
	if p.Role != RoleGuard {
		return 0, false
	}
	if p.GuardID == nil {
		return 0, true
	}
	return *p.GuardID, true
}
