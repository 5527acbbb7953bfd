package web

import (
	"net/http"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

// pageRoute is one route of the pages: method, path, handler, and who may
// open it (access).
type pageRoute struct {
	method, path string
	handler      echo.HandlerFunc
	// access is asset (no session), anyone (no login needed), user (any
	// logged-in user) or a policy action (scheduler.Can) a logged-in user's
	// role needs.
	access string
	mw     []echo.MiddlewareFunc // besides those access implies
}

// The kinds of access that are not policy actions.
const (
	asset  = "asset"  // embedded files: no session, no page headers
	anyone = "anyone" // no login needed (the login form, the language switch)
	user   = "user"   // any logged-in user
)

// routes is the pages' one table of routes.
func (w *Web) routes() []pageRoute {
	const (
		get, post = http.MethodGet, http.MethodPost

		staff    = scheduler.ActionOverview
		managers = scheduler.ActionRosterWrite
		guards   = scheduler.ActionOwnDuty
		ack      = scheduler.ActionAlertsAck
		settings = scheduler.ActionSettingsRead
		admins   = scheduler.ActionSettingsWrite
		planners = scheduler.ActionPlan
	)
	plans := []echo.MiddlewareFunc{w.needPlanning}
	return []pageRoute{
		{get, "/static/*", static(), asset, nil},
		{get, "/favicon.ico", favicon, asset, nil},
		{get, "/login", w.loginPage, anyone, nil},
		{post, "/login", w.login, anyone, nil},
		{post, "/lang", w.setLang, anyone, []echo.MiddlewareFunc{w.checkSessionCSRF}},
		{post, "/logout", w.logout, user, nil},
		{get, "/", w.home, user, nil},

		{get, "/dashboard", w.dashboard, staff, nil},
		{get, "/alerts", w.alertsPage, staff, nil},
		{get, "/fragments/alerts", w.alertsFragment, staff, nil},
		{post, "/alerts/:id/ack", w.ackAlert, ack, nil},
		{post, "/alerts/:id/resolve", w.resolveAlert, ack, nil},
		{get, "/live/alerts", w.liveAlerts, staff, nil},

		{get, "/roster", w.rosterMonth, staff, nil},
		{get, "/roster/week", w.rosterWeek, staff, nil},
		{get, "/roster/print", w.rosterPrint, staff, nil},
		{get, "/roster/cell", w.rosterCell, staff, nil},
		{post, "/roster/check", w.rosterCheck, managers, nil},
		{post, "/roster/shift", w.rosterCreate, managers, nil},
		{post, "/roster/shift/:id", w.rosterReassign, managers, nil},
		{post, "/roster/shift/:id/cancel", w.rosterCancel, managers, nil},
		{post, "/roster/swap", w.rosterSwap, managers, nil},

		{get, "/me", w.mePage, guards, nil},
		{post, "/me/time-off", w.meRequestTimeOff, guards, nil},
		{post, "/me/time-off/:id/withdraw", w.meWithdrawTimeOff, guards, nil},
		{post, "/me/swaps", w.meProposeSwap, guards, nil},
		{post, "/me/swaps/:id/accept", w.meAcceptSwap, guards, nil},
		{post, "/me/swaps/:id/decline", w.meDeclineSwap, guards, nil},
		{post, "/me/preferences", w.meSavePreferences, guards, nil},
		{get, "/me/calendar", w.meCalendarBack, guards, nil},
		{post, "/me/calendar", w.meCreateCalendar, guards, nil},
		{post, "/me/calendar/:id/rotate", w.meRotateCalendar, guards, nil},
		{post, "/me/check-in", w.meCheckIn, guards, nil},
		{post, "/me/check-out", w.meCheckOut, guards, nil},
		{post, "/me/handover/:id/ack", w.meAckHandover, guards, nil},
		{get, "/checkin/:code", w.checkinGet, user, nil},
		{post, "/checkin/:code", w.checkinPost, user, nil},
		{get, "/posts/:id/checkin-sheet", w.checkinSheet, managers, nil},
		{post, "/posts/:id/checkin-sheet", w.checkinSheetRotate, managers, nil},
		{get, "/posts/:id/log", w.dutyLog, staff, nil},

		{get, "/events", w.admEvents, staff, nil},
		{get, "/events/new", w.admEventNew, managers, nil},
		{post, "/events", w.admEventCreate, managers, nil},
		{get, "/events/:id", w.admEventEdit, managers, nil},
		{post, "/events/:id", w.admEventUpdate, managers, nil},
		{post, "/events/:id/cancel", w.admEventCancel, managers, nil},

		{get, "/guards", w.admGuards, managers, nil},
		{get, "/guards/new", w.admGuardNew, managers, nil},
		{post, "/guards", w.admGuardCreate, managers, nil},
		{get, "/guards/:id", w.admGuardEdit, managers, nil},
		{post, "/guards/:id", w.admGuardUpdate, managers, nil},
		{post, "/guards/:id/active", w.admGuardActive, managers, nil},
		{post, "/guards/:id/delete", w.admGuardDelete, managers, nil},

		{get, "/posts", w.admPosts, managers, nil},
		{get, "/posts/new", w.admPostNew, managers, nil},
		{post, "/posts", w.admPostCreate, managers, nil},
		{get, "/posts/:id", w.admPostEdit, managers, nil},
		{post, "/posts/:id", w.admPostUpdate, managers, nil},
		{post, "/posts/:id/delete", w.admPostDelete, managers, nil},

		{get, "/rotations", w.admRotations, managers, nil},
		{get, "/rotations/new", w.admRotationNew, managers, nil},
		{post, "/rotations", w.admRotationCreate, managers, nil},
		{get, "/rotations/:id", w.admRotation, managers, nil},
		{get, "/rotations/:id/edit", w.admRotationEdit, managers, nil},
		{post, "/rotations/:id", w.admRotationUpdate, managers, nil},
		{post, "/rotations/:id/generate", w.admRotationGenerate, managers, nil},
		{post, "/rotations/:id/active", w.admRotationActive, managers, nil},
		{post, "/rotations/:id/delete", w.admRotationDelete, managers, nil},

		{get, "/time-off", w.admTimeOff, managers, nil},
		{post, "/time-off", w.admTimeOffCreate, managers, nil},
		{post, "/time-off/:id/approve", w.admTimeOffApprove, managers, nil},
		{post, "/time-off/:id/decline", w.admTimeOffDecline, managers, nil},
		{post, "/time-off/:id/delete", w.admTimeOffDelete, managers, nil},
		{post, "/time-off/swaps/:id/approve", w.admSwapApprove, managers, nil},
		{post, "/time-off/swaps/:id/decline", w.admSwapDecline, managers, nil},

		{get, "/plans", w.plansPage, planners, plans},
		{post, "/plans", w.planStart, planners, plans},
		{get, "/plans/:id", w.planPageGet, planners, plans},
		{get, "/plans/:id/live", w.planLive, planners, plans},
		{post, "/plans/:id/apply", w.planApply, planners, plans},
		{post, "/plans/:id/discard", w.planDiscard, planners, plans},

		{get, "/reports", w.reportsIndex, managers, nil},
		{get, "/reports/timesheet", w.timesheetPage, scheduler.ActionPayRead, nil},
		{get, "/reports/timesheet/print", w.timesheetPrint, scheduler.ActionPayRead, nil},
		{get, "/reports/timesheet.xlsx", w.timesheetXLSX, scheduler.ActionPayRead, nil},
		{get, "/reports/timesheet.csv", w.timesheetCSV, scheduler.ActionPayRead, nil},

		{get, "/violations", w.admViolations, staff, nil},
		{get, "/staffing", w.admStaffing, staff, nil},
		{get, "/reports/security", w.securityReport, scheduler.ActionReportsRead, nil},
		{get, "/reports/security.docx", w.securityReportDocx, scheduler.ActionReportsRead, nil},

		{get, "/settings", w.admSettings, settings, nil},
		{post, "/settings/office", w.admSaveOffice, admins, nil},
		{post, "/settings/rules", w.admSaveRules, admins, nil},
		{post, "/settings/jobs", w.admSaveJobs, admins, nil},
		{post, "/settings/notifications", w.admSaveNotifications, admins, nil},
		{post, "/settings/notifications/test", w.admTestNotification, admins, nil},
		{post, "/settings/calendar", w.admSaveCalendar, admins, nil},

		{get, "/ack/:token", w.ackIncident, anyone, nil},  // shows the callout and sends the acknowledgement (POST) at once
		{post, "/ack/:token", w.ackIncident, anyone, nil}, // the link's secret is the credential
		{get, "/incidents", w.incidentsPage, staff, nil},
		{get, "/incidents/new", w.incidentNew, scheduler.ActionIncidentDeclare, nil},
		{post, "/incidents", w.incidentCreate, scheduler.ActionIncidentDeclare, nil},
		{get, "/incidents/:id", w.incidentPage, scheduler.ActionRead, nil},
		{post, "/incidents/:id/updates", w.incidentUpdate, scheduler.ActionIncidentManage, nil},
		{post, "/incidents/:id/close", w.incidentClose, scheduler.ActionIncidentManage, nil},
		{get, "/fragments/incidents", w.incidentsFragment, staff, nil},
	}
}

// register adds the table's routes to e: pages get the security headers and
// the session; those for users need a login and the CSRF token, and their
// policy action.
func (w *Web) register(e *echo.Echo) {
	g := e.Group("", w.securityHeaders, w.loadSession)
	u := g.Group("", w.requireUser, w.checkCSRF)
	for _, r := range w.routes() {
		switch r.access {
		case asset:
			e.Add(r.method, r.path, r.handler, r.mw...)
		case anyone:
			g.Add(r.method, r.path, r.handler, r.mw...)
		case user:
			u.Add(r.method, r.path, r.handler, r.mw...)
		default:
			u.Add(r.method, r.path, r.handler, append([]echo.MiddlewareFunc{w.can(r.access)}, r.mw...)...)
		}
	}
}

// can lets through only users whose role the policy allows action (a 403 page otherwise).
func (w *Web) can(action string) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if s := sessionOf(c); s != nil && scheduler.Can(s.User.Role, action) {
				return next(c)
			}
			return w.errorPage(c, http.StatusForbidden, "err.forbidden")
		}
	}
}

// needPlanning answers 404 when no plans service is wired.
func (w *Web) needPlanning(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if w.Planning == nil {
			return w.errorPage(c, http.StatusNotFound, "err.not_found")
		}
		return next(c)
	}
}

// may reports whether the logged-in user's role may do action.
func may(c echo.Context, action string) bool {
	s := sessionOf(c)
	return s != nil && scheduler.Can(s.User.Role, action)
}

// principal is who the logged-in user acts as, for the roster service.
func principal(c echo.Context) scheduler.Principal {
	s := sessionOf(c)
	if s == nil {
		return scheduler.Principal{}
	}
	return scheduler.Principal{Role: s.User.Role, GuardID: s.User.GuardID}
}
