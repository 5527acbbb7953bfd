package api

import (
	"net/http"
	"reflect"

	"catruc/scheduler"
	"catruc/scheduler/coverage"
	"catruc/scheduler/engine"
	"catruc/scheduler/holiday"
	"catruc/scheduler/labour"
	"catruc/scheduler/security"
	"catruc/scheduler/timesheet"
)

// The description of every route of routes() for the OpenAPI document, by
// "METHOD path" as the table has it. A route added to the table without a
// line here makes the document fail to build (and its test fail).

// The answers of the handlers that answer a map or an unnamed struct, as types.
type (
	healthAnswer struct {
		Status  string `json:"status"`
		Schema  int    `json:"schema"`
		Version string `json:"version,omitempty"` // the build's version, where the server reports it
		DB      string `json:"db,omitempty"`      // "unreachable" when the database did not answer (the schema is the last read)
	}
	readyAnswer struct {
		Status string `json:"status"`
		DB     string `json:"db,omitempty"`
		Leader *bool  `json:"leader,omitempty"`
	}
	swapAnswer struct {
		A          shiftView             `json:"a"`
		B          shiftView             `json:"b"`
		Violations []scheduler.Violation `json:"violations"`
	}
	checkOutAnswer struct {
		*scheduler.Shift
		Handover *scheduler.Handover `json:"handover"`
	}
	checklistAnswer struct {
		PostID int64    `json:"post_id"`
		Items  []string `json:"items"`
	}
	checkInCodeAnswer struct {
		PostID int64  `json:"post_id"`
		Code   string `json:"code"`
		URL    string `json:"url"`
	}
	testNotificationAnswer struct {
		Queued          int     `json:"queued"`
		NotificationIDs []int64 `json:"notification_ids"`
		At              string  `json:"at"`
	}
	notificationSettingsInput struct {
		scheduler.NotificationSettings
		Clear   bool     `json:"clear_smtp_password"`
		Set     bool     `json:"smtp_password_set"`
		Secrets []string `json:"webhooks_with_secret"`
	}
	rotationPatch struct {
		scheduler.Rotation
		EffectiveFrom string `json:"effective_from"`
	}
	// The small bodies the handlers decode into unnamed structs.
	swapShiftsInput struct {
		A int64 `json:"a"`
		B int64 `json:"b"`
	}
	proposeSwapInput struct {
		ShiftA int64  `json:"shift_a"`
		ShiftB int64  `json:"shift_b"`
		Note   string `json:"note"`
	}
	generateInput struct {
		Until string `json:"until"`
	}
	holidayInput struct {
		Date string `json:"date"`
		Name string `json:"name"`
	}
	calendarInput struct {
		Scope    string `json:"scope"`
		TargetID *int64 `json:"target_id"`
	}
	qrInput struct {
		Code string `json:"code"`
	}
	checklistInput struct {
		Items []string `json:"items"`
	}
	incidentNoteInput struct {
		Note string `json:"note"`
	}
	incidentCloseInput struct {
		Outcome string `json:"outcome"`
	}
	testNotificationInput struct {
		Email string `json:"email"`
	}
)

// componentNames name the components whose Go names would mislead or collide.
var componentNames = map[reflect.Type]string{
	reflect.TypeOf(coverage.Report{}):           "CoverageReport",
	reflect.TypeOf(security.Report{}):           "SecurityReport",
	reflect.TypeOf(engine.Status{}):             "JobStatus",
	reflect.TypeOf(engine.Result{}):             "JobResult",
	reflect.TypeOf(runView{}):                   "JobRun",
	reflect.TypeOf(shiftView{}):                 "ShiftWithViolations",
	reflect.TypeOf(rotationView{}):              "RotationReplanned",
	reflect.TypeOf(notificationSettingsView{}):  "NotificationSettingsView",
	reflect.TypeOf(notificationSettingsInput{}): "NotificationSettingsPut",
	reflect.TypeOf(readyAnswer{}):               "ReadyAnswer",
	reflect.TypeOf(timesheet.Sheet{}):           "Timesheet",
	reflect.TypeOf(timesheet.Pay{}):             "PaySettings",
	reflect.TypeOf(labour.Rules{}):              "Rules",
	reflect.TypeOf(holiday.Holiday{}):           "Holiday",
}

// tagDescriptions describe the tags.
var tagDescriptions = map[string]string{
	"health":    "Liveness and the contract.",
	"me":        "The token in use and its guard.",
	"posts":     "Posts: the places guarded, their requirements, checklists and check-in codes.",
	"guards":    "Guards and their planning preferences.",
	"plans":     "The planner: proposals of the roster computed in the background.",
	"shifts":    "Shifts: the roster itself, with optimistic concurrency by version (ETag / If-Match).",
	"time-off":  "Leave, sickness and training: requests and decisions.",
	"swaps":     "Swap requests between guards.",
	"rotations": "Rotations that generate shifts from a pattern.",
	"events":    "Events at the posts (meetings, receptions) that may need the police.",
	"analysis":  "Coverage, staffing, labour-rule breaches and suggestions.",
	"reports":   "The security report and the timesheet.",
	"holidays":  "Public holidays and the office's changes to them.",
	"alerts":    "Alerts (gaps, breaches) and their live stream; the outbox of notifications.",
	"jobs":      "The scheduled jobs.",
	"calendars": "Calendar subscriptions (iCalendar feeds) and imports.",
	"audit":     "The audit log.",
	"settings":  "The office's settings.",
	"duty":      "The duty desk: check-in and out, handovers.",
	"teams":     "Reserve teams for incidents.",
	"incidents": "Incidents: declaration, callout, timeline, closing.",
}

// schemaOverrides say what a member's JSON is beyond its Go type, by
// "GoType.member" (answers only: an input may leave a member empty for its
// default).
var schemaOverrides = map[string]func(schema) schema{
	"Shift.status": enum(scheduler.ShiftScheduled, scheduler.ShiftCancelled),
	"Event.status": enum(scheduler.ShiftScheduled, scheduler.ShiftCancelled),
	"Post.kind":    enum(scheduler.PostKindGuard, scheduler.PostKindPolice),
	"Guard.unit":   enum(scheduler.UnitOffice, scheduler.UnitPolice),
	"TimeOff.kind": enum(scheduler.TimeOffLeave, scheduler.TimeOffSick, scheduler.TimeOffTraining, scheduler.TimeOffOther,
		scheduler.TimeOffBusy), // busy: another guard's time off, as a guard sees it
	"TimeOff.status":      enum(scheduler.TimeOffRequested, scheduler.TimeOffApproved, scheduler.TimeOffDeclined),
	"Alert.kind":          enum(scheduler.AlertKinds...),
	"Alert.status":        enum(scheduler.AlertOpen, scheduler.AlertAcknowledged, scheduler.AlertResolved),
	"Alert.severity":      enum(scheduler.SeverityCritical, scheduler.SeverityHigh, scheduler.SeverityNormal),
	"Incident.kind":       enum(scheduler.IncidentKinds...),
	"Incident.status":     enum(scheduler.IncidentOpen, scheduler.IncidentClosed),
	"Plan.status":         enum(scheduler.PlanRunning, scheduler.PlanDone, scheduler.PlanFailed, scheduler.PlanApplied, scheduler.PlanDiscarded),
	"SwapRequest.status":  enum(scheduler.SwapProposed, scheduler.SwapAccepted, scheduler.SwapApproved, scheduler.SwapDeclined),
	"Notification.status": enum(scheduler.NotifyPending, scheduler.NotifySent, scheduler.NotifyFailed),
	"Calendar.scope":      enum(scheduler.ScopeGuard, scheduler.ScopePost, scheduler.ScopeAll, scheduler.ScopePolice),
	"Token.role":          enum(scheduler.TokenRoles...),
	"Rotation.start_date": format("date"),
	"Requirement.start":   clock,
	"Requirement.end":     clock,
}

// enum limits a string member to values.
func enum(values ...string) func(schema) schema {
	return func(s schema) schema {
		out := schema{}
		for k, v := range s {
			out[k] = v
		}
		vs := []any{}
		for _, v := range values {
			vs = append(vs, v)
		}
		out["enum"] = vs
		return out
	}
}

// format gives a string member its format.
func format(f string) func(schema) schema {
	return func(s schema) schema {
		out := schema{}
		for k, v := range s {
			out[k] = v
		}
		out["format"] = f
		return out
	}
}

// clock is a clock time HH:MM.
func clock(s schema) schema {
	out := schema{}
	for k, v := range s {
		out[k] = v
	}
	out["pattern"] = "^([01][0-9]|2[0-3]):[0-5][0-9]$"
	out["description"] = "a clock time, HH:MM"
	return out
}

const v1 = "/api/v1"

var (
	sampleShifts = []*scheduler.Shift(nil)
	sampleShift  = (*scheduler.Shift)(nil)
	idDesc       = func(what string) param { return qID(what+"_id", "only those of this "+what) }
	qLimit       = qInt("limit", "at most this many", 1, 5000)
	etag         = "the shift's version, quoted"
)

// openapiRoutes describes each route.
var openapiRoutes = map[string]opDoc{
	routeKey(http.MethodGet, "/healthz"):    op("health", "health", "Liveness").ok(healthAnswer{}).says("The server is up; schema is the database's schema version."),
	routeKey(http.MethodGet, v1+"/healthz"): op("healthV1", "health", "Liveness (under /api/v1)").ok(healthAnswer{}),
	// Readiness and metrics (issue 14 §2), described here for when they join the route table.
	routeKey(http.MethodGet, "/readyz"): op("ready", "health", "Readiness").
		doc("Checks the database; leader tells whether this instance runs the cron jobs (always true on SQLite).").
		ok(readyAnswer{}).answer(http.StatusServiceUnavailable, schema{"anyOf": []any{
		schema{"$ref": "#/components/schemas/ReadyAnswer"}, schema{"$ref": "#/components/schemas/Error"}}}, "").
		says("The database is unreachable"),
	routeKey(http.MethodGet, "/metrics"): op("metrics", "health", "Metrics (Prometheus)").
		doc("The Prometheus text format: requests, coverage, alerts, outbox, jobs, feeds, database retries.").
		file(200, "text/plain"),
	routeKey(http.MethodGet, "/ical/:file"): op("feed", "calendars", "A calendar feed").
		doc("The iCalendar feed of a calendar subscription; the secret URL is the credential. Answers 304 to a matching If-None-Match, and gzip when asked.").
		file(200, "text/calendar").header("ETag", "the feed's version").file(304, "").says("Not modified"),
	routeKey(http.MethodHead, "/ical/:file"): op("feedHead", "calendars", "A calendar feed's headers").
		file(200, "text/calendar").header("ETag", "the feed's version").file(304, "").says("Not modified"),
	routeKey(http.MethodGet, v1+"/openapi.json"): op("openapi", "health", "This document").
		doc("The OpenAPI 3.1 description of the API.").ok(schema{"type": "object"}),
	routeKey(http.MethodGet, "/api/docs"): op("apiDocs", "health", "The rendered reference of this API").
		file(200, "text/html"),
	routeKey(http.MethodGet, v1+"/me"): op("me", "me", "The token in use").ok((*scheduler.Token)(nil)),
	routeKey(http.MethodGet, v1+"/me/preferences"): op("getMyPreferences", "me", "My planning preferences").
		doc("The preferences of the token's guard; 404 when the token is not a guard's.").ok((*scheduler.Preferences)(nil)).errors(404),
	routeKey(http.MethodPut, v1+"/me/preferences"): op("putMyPreferences", "me", "Set my planning preferences").
		in(scheduler.Preferences{}).ok((*scheduler.Preferences)(nil)),

	routeKey(http.MethodGet, v1+"/posts"): op("listPosts", "posts", "List posts").
		q(qBool("active", "only active (true) or inactive (false) posts"),
			qEnum("kind", "only posts of this kind", scheduler.PostKindGuard, scheduler.PostKindPolice)).
		ok([]*scheduler.Post(nil)),
	routeKey(http.MethodPost, v1+"/posts"): op("createPost", "posts", "Create a post").
		in(scheduler.Post{}).created((*scheduler.Post)(nil)),
	routeKey(http.MethodGet, v1+"/posts/:id"): op("getPost", "posts", "Get a post").
		doc("shift_templates is always the effective list: the post's own, or the defaults from its requirements.").
		ok((*scheduler.Post)(nil)),
	routeKey(http.MethodPatch, v1+"/posts/:id"): op("patchPost", "posts", "Change a post").
		patch(scheduler.Post{}).ok((*scheduler.Post)(nil)),
	routeKey(http.MethodDelete, v1+"/posts/:id"): op("deletePost", "posts", "Delete a post").noContent(),

	routeKey(http.MethodGet, v1+"/guards"): op("listGuards", "guards", "List guards").
		q(idDesc("post"), qEnum("unit", "only guards of this unit", scheduler.UnitOffice, scheduler.UnitPolice),
			qBool("active", "only active (true) or inactive (false) guards")).
		ok([]*scheduler.Guard(nil)),
	routeKey(http.MethodPost, v1+"/guards"): op("createGuard", "guards", "Create a guard").
		in(scheduler.Guard{}).created((*scheduler.Guard)(nil)),
	routeKey(http.MethodGet, v1+"/guards/:id"):    op("getGuard", "guards", "Get a guard").ok((*scheduler.Guard)(nil)),
	routeKey(http.MethodPatch, v1+"/guards/:id"):  op("patchGuard", "guards", "Change a guard").patch(scheduler.Guard{}).ok((*scheduler.Guard)(nil)),
	routeKey(http.MethodDelete, v1+"/guards/:id"): op("deleteGuard", "guards", "Delete a guard").noContent(),
	routeKey(http.MethodGet, v1+"/guards/:id/preferences"): op("getPreferences", "guards", "A guard's planning preferences").
		doc("A guard's token: only their own.").ok((*scheduler.Preferences)(nil)),
	routeKey(http.MethodPut, v1+"/guards/:id/preferences"): op("putPreferences", "guards", "Set a guard's planning preferences").
		in(scheduler.Preferences{}).ok((*scheduler.Preferences)(nil)),

	routeKey(http.MethodGet, v1+"/plans"): op("listPlans", "plans", "List plans").doc("The unexpired plans, newest first.").
		ok([]*scheduler.Plan(nil)),
	routeKey(http.MethodPost, v1+"/plans"): op("startPlan", "plans", "Start a plan").
		doc("Starts the planner in the background: 202 with the plan, status running. Follow it at /plans/{id}/events.").
		in(scheduler.PlanRequest{}).accepted((*scheduler.Plan)(nil)).header("Location", "the plan's URL"),
	routeKey(http.MethodGet, v1+"/plans/:id"): op("getPlan", "plans", "Get a plan").ok((*scheduler.Plan)(nil)),
	routeKey(http.MethodGet, v1+"/plans/:id/events"): op("planEvents", "plans", "A plan's progress (Server-Sent Events)").
		doc("Events `progress` {elapsed_s, best_objective} while the plan runs, then one `done` or `failed` with the whole plan.").
		file(200, "text/event-stream"),
	routeKey(http.MethodPost, v1+"/plans/:id/apply"): op("applyPlan", "plans", "Apply a plan to the roster").
		ok(scheduler.PlanApplyResult{}),
	routeKey(http.MethodDelete, v1+"/plans/:id"): op("discardPlan", "plans", "Discard a plan").noContent(),

	routeKey(http.MethodGet, v1+"/shifts"): op("listShifts", "shifts", "List shifts").
		doc("The shifts that overlap [from, to), by start. With no dates: from 31 days back to 62 days ahead; at most 400 days.").
		q(qRange("")...).q(idDesc("post"), idDesc("guard"),
		qEnum("status", "only shifts of this status", scheduler.ShiftScheduled, scheduler.ShiftCancelled)).
		ok(sampleShifts),
	routeKey(http.MethodPost, v1+"/shifts"): op("createShift", "shifts", "Create a shift").
		doc("201 with the new shift. A shift with a guard at exactly the times of an open shift of the post fills it instead: 200 with the filled shift.").
		in(scheduler.Shift{}).created(shiftView{}).header("ETag", etag).ok(shiftView{}).says("An open shift was filled").header("ETag", etag),
	routeKey(http.MethodPost, v1+"/shifts/swap"): op("swapShifts", "shifts", "Swap the guards of two shifts").
		in(swapShiftsInput{}).ok(swapAnswer{}),
	routeKey(http.MethodGet, v1+"/shifts/:id"): op("getShift", "shifts", "Get a shift").ok(sampleShift).header("ETag", etag),
	routeKey(http.MethodPatch, v1+"/shifts/:id"): op("patchShift", "shifts", "Change a shift").
		doc("If-Match (or version in the body) guards against lost updates: 409 when stale.").
		patch(scheduler.Shift{}).ok(shiftView{}).header("ETag", etag),
	routeKey(http.MethodDelete, v1+"/shifts/:id"): op("cancelShift", "shifts", "Cancel a shift").
		doc("The shift stays, cancelled, for history and feeds. If-Match guards against lost updates.").
		ok(shiftView{}).header("ETag", etag),

	routeKey(http.MethodGet, v1+"/time-off"): op("listTimeOff", "time-off", "List time off").
		q(qRange("")...).q(idDesc("guard"), qEnum("status", "only time off of this status",
		scheduler.TimeOffRequested, scheduler.TimeOffApproved, scheduler.TimeOffDeclined)).
		ok([]*scheduler.TimeOff(nil)),
	routeKey(http.MethodPost, v1+"/time-off"): op("createTimeOff", "time-off", "Record or request time off").
		doc("A manager's entry is approved at once; a guard's (their own only) waits for a manager.").
		in(scheduler.TimeOff{}).created(scheduler.TimeOff{}),
	routeKey(http.MethodPost, v1+"/time-off/:id/approve"): op("approveTimeOff", "time-off", "Approve a request").ok((*scheduler.TimeOff)(nil)),
	routeKey(http.MethodPost, v1+"/time-off/:id/decline"): op("declineTimeOff", "time-off", "Decline a request").ok((*scheduler.TimeOff)(nil)),
	routeKey(http.MethodDelete, v1+"/time-off/:id"): op("deleteTimeOff", "time-off", "Withdraw a request").
		doc("A guard only their own request, while it waits.").noContent(),

	routeKey(http.MethodGet, v1+"/swap-requests"): op("listSwaps", "swaps", "List swap requests").
		doc("A guard sees their own.").q(qStr("status", "only requests of this status")).ok([]*scheduler.SwapRequest(nil)),
	routeKey(http.MethodPost, v1+"/swap-requests"): op("proposeSwap", "swaps", "Propose a swap").
		in(proposeSwapInput{}).created((*scheduler.SwapRequest)(nil)),
	routeKey(http.MethodPost, v1+"/swap-requests/:id/accept"):  op("acceptSwap", "swaps", "Accept a swap (the colleague)").ok((*scheduler.SwapRequest)(nil)),
	routeKey(http.MethodPost, v1+"/swap-requests/:id/approve"): op("approveSwap", "swaps", "Approve a swap (a manager)").ok((*scheduler.SwapRequest)(nil)),
	routeKey(http.MethodPost, v1+"/swap-requests/:id/decline"): op("declineSwap", "swaps", "Decline a swap").ok((*scheduler.SwapRequest)(nil)),

	routeKey(http.MethodGet, v1+"/rotations"): op("listRotations", "rotations", "List rotations").
		q(idDesc("post"), qBool("active", "only active (true) or inactive (false) rotations")).ok([]*scheduler.Rotation(nil)),
	routeKey(http.MethodPost, v1+"/rotations"): op("createRotation", "rotations", "Create a rotation").
		doc("A preset fills the pattern; custom takes it as given.").in(scheduler.Rotation{}).created(scheduler.Rotation{}),
	routeKey(http.MethodGet, v1+"/rotations/:id"): op("getRotation", "rotations", "Get a rotation").ok((*scheduler.Rotation)(nil)),
	routeKey(http.MethodPatch, v1+"/rotations/:id"): op("patchRotation", "rotations", "Change a rotation").
		doc("A JSON merge patch, plus effective_from (YYYY-MM-DD, default today): shifts generated from that day on are re-planned, except those a manager changed.").
		patch(rotationPatch{}).ok(rotationView{}),
	routeKey(http.MethodDelete, v1+"/rotations/:id"): op("deleteRotation", "rotations", "Delete a rotation").
		doc("Cancels its untouched shifts from today on.").ok(scheduler.GenerateResult{}),
	routeKey(http.MethodPost, v1+"/rotations/:id/generate"): op("generateRotation", "rotations", "Generate a rotation's shifts").
		in(generateInput{}).ok(scheduler.GenerateResult{}),

	routeKey(http.MethodGet, v1+"/events"): op("listEvents", "events", "List events").
		q(qRange("")...).q(idDesc("post"), qBool("notify_police", "only events that do (or do not) notify the police"),
		qEnum("status", "only events of this status", scheduler.ShiftScheduled, scheduler.ShiftCancelled)).
		ok([]*scheduler.Event(nil)),
	routeKey(http.MethodPost, v1+"/events"):    op("createEvent", "events", "Create an event").in(scheduler.Event{}).created(scheduler.Event{}),
	routeKey(http.MethodGet, v1+"/events/:id"): op("getEvent", "events", "Get an event").ok((*scheduler.Event)(nil)),
	routeKey(http.MethodPatch, v1+"/events/:id"): op("patchEvent", "events", "Change an event").
		patch(scheduler.Event{}).ok((*scheduler.Event)(nil)),
	routeKey(http.MethodDelete, v1+"/events/:id"): op("cancelEvent", "events", "Cancel an event").
		doc("The event stays, cancelled, so that the cancellation is announced.").ok((*scheduler.Event)(nil)),

	routeKey(http.MethodGet, v1+"/coverage"): op("getCoverage", "analysis", "Coverage of the posts").
		doc("For each post, required and covered hours, every gap and overstaffed stretch, exact to the minute. Default window: the next 7 days; at most 400 days.").
		q(qRange(" (default now)")...).q(idDesc("post")).ok(coverage.Report{}),
	routeKey(http.MethodGet, v1+"/staffing"): op("getStaffing", "analysis", "Staffing of the posts").
		doc("How many guards each post needs to be held lawfully, against how many may hold it. Default window: the next 4 weeks.").
		q(qRange(" (default now)")...).q(idDesc("post")).ok(coverage.StaffingReport{}),
	routeKey(http.MethodGet, v1+"/violations"): op("listViolations", "analysis", "Labour-rule breaches").
		doc("The breaches of the roster over the periods overlapping the window. Default window: the next 7 days.").
		q(qRange(" (default now)")...).q(idDesc("guard")).ok([]scheduler.Violation(nil)),
	routeKey(http.MethodGet, v1+"/reports/security"): op("getSecurityReport", "reports", "The security report's figures").
		doc("Coverage, alerts, incidents, events, training, breaches, staffing and no-shows over [from, to). Default: the last full half-year.").
		q(qRange("")...).ok(security.Report{}),
	routeKey(http.MethodGet, v1+"/reports/security.docx"): op("getSecurityReportDocx", "reports", "The security report as a Word draft").
		q(qRange("")...).file(200, "application/vnd.openxmlformats-officedocument.wordprocessingml.document").
		header("Content-Disposition", "attachment; filename=…"),
	routeKey(http.MethodGet, v1+"/suggestions"): op("listSuggestions", "analysis", "Who can take a post then").
		doc("Best first, with the reasons and the breaches each would cause; end - start at most 24 h.").
		q(qID("post_id", "the post").must(), qTime("start", "the shift's start").must(), qTime("end", "the shift's end").must()).
		ok([]labour.Suggestion(nil)),

	routeKey(http.MethodGet, v1+"/holidays"): op("listHolidays", "holidays", "List public holidays").
		doc("Labor Code Art. 112 with the office's changes.").q(qInt("year", "the year (default this year)", 1, 9999)).
		ok([]holiday.Holiday(nil)),
	routeKey(http.MethodPost, v1+"/holidays"):         op("addHoliday", "holidays", "Add a day off").in(holidayInput{}).created(holiday.Holiday{}),
	routeKey(http.MethodDelete, v1+"/holidays/:date"): op("removeHoliday", "holidays", "Take a day off the list").noContent(),

	routeKey(http.MethodGet, v1+"/alerts"): op("listAlerts", "alerts", "List alerts").
		q(qEnum("status", "only alerts of this status", scheduler.AlertOpen, scheduler.AlertAcknowledged, scheduler.AlertResolved),
			qEnum("kind", "only alerts of this kind", scheduler.AlertKinds...), idDesc("post"), qLimit).
		ok([]*scheduler.Alert(nil)),
	routeKey(http.MethodGet, v1+"/alerts/stream"): op("streamAlerts", "alerts", "Live alert changes (Server-Sent Events)").
		doc("One event per alert change (alert.opened, alert.updated, alert.escalated, alert.resolved, alert.acknowledged; data {type, alert}), a comment every 25 s. Ends when the token is revoked and after an hour. 404 when the server runs no engine.").
		file(200, "text/event-stream").errors(404),
	routeKey(http.MethodGet, v1+"/alerts/:id"):          op("getAlert", "alerts", "Get an alert").ok((*scheduler.Alert)(nil)),
	routeKey(http.MethodPost, v1+"/alerts/:id/ack"):     op("ackAlert", "alerts", "Acknowledge an alert").doc("Seen: stops the escalation.").ok((*scheduler.Alert)(nil)),
	routeKey(http.MethodPost, v1+"/alerts/:id/resolve"): op("resolveAlert", "alerts", "Resolve an alert by hand").ok((*scheduler.Alert)(nil)),
	routeKey(http.MethodGet, v1+"/notifications"): op("listNotifications", "alerts", "The outbox of notifications").
		q(qEnum("status", "only notifications of this status", scheduler.NotifyPending, scheduler.NotifySent, scheduler.NotifyFailed),
			qInt("limit", "at most this many (default 500)", 1, 5000)).
		ok([]*scheduler.Notification(nil)),

	routeKey(http.MethodGet, v1+"/jobs"): op("listJobs", "jobs", "The jobs and their last runs").
		doc("404 when the server runs no engine.").ok([]engine.Status(nil)).errors(404),
	routeKey(http.MethodPost, v1+"/jobs/:name/run"): op("runJob", "jobs", "Run a job now").
		doc("Answers when the job has finished, with its outcome; 409 when it is running already.").ok(runView{}),

	routeKey(http.MethodGet, v1+"/calendars"): op("listCalendars", "calendars", "List calendar subscriptions").
		doc("With last_access, not their URLs (those are shown once). A guard sees their own.").
		q(qEnum("scope", "only calendars of this scope", scheduler.ScopeGuard, scheduler.ScopePost, scheduler.ScopeAll, scheduler.ScopePolice),
			qID("target_id", "only calendars of this guard or post")).
		ok([]*scheduler.Calendar(nil)),
	routeKey(http.MethodPost, v1+"/calendars"): op("createCalendar", "calendars", "Create a calendar subscription").
		doc("The answer carries the feed's URL, shown once.").in(calendarInput{}).created((*scheduler.Calendar)(nil)),
	routeKey(http.MethodPost, v1+"/calendars/:id/rotate"): op("rotateCalendar", "calendars", "A new URL for a calendar").
		doc("The old URL stops working.").ok((*scheduler.Calendar)(nil)),
	routeKey(http.MethodDelete, v1+"/calendars/:id"): op("revokeCalendar", "calendars", "Revoke a calendar").noContent(),
	routeKey(http.MethodPost, v1+"/import/ics"): op("importICS", "calendars", "Import an iCalendar file").
		doc("kind=time-off&guard_id=N, kind=holidays, or kind=shifts&post_id=N. All or nothing; a dry run shows {created, skipped, errors} and writes nothing. With errors (not a dry run): 400 with the error and the same members.").
		q(qEnum("kind", "what the entries are", "time-off", "holidays", "shifts").must(), qID("guard_id", "the guard (kind=time-off)"),
			qID("post_id", "the post (kind=shifts)"), qBool("dry_run", "check only")).
		raw("text/calendar").ok(scheduler.ImportResult{}),

	routeKey(http.MethodGet, v1+"/audit"): op("listAudit", "audit", "The audit log").doc("Newest first.").
		q(qRange("")...).q(qStr("entity", "only entries of this entity (shift, post, …)"), qID("entity_id", "only entries of this entity's id"), qLimit).
		ok([]*scheduler.AuditEntry(nil)),

	routeKey(http.MethodGet, v1+"/settings/office"): op("getOffice", "settings", "The office").ok(scheduler.Office{}),
	routeKey(http.MethodPut, v1+"/settings/office"): op("putOffice", "settings", "Set the office").in(scheduler.Office{}).ok(scheduler.Office{}),
	routeKey(http.MethodGet, v1+"/settings/rules"):  op("getRules", "settings", "The labour rules").ok(labour.Rules{}),
	routeKey(http.MethodPut, v1+"/settings/rules"): op("putRules", "settings", "Set the labour rules").
		doc("The whole rule set; missing numbers are refused, missing enforcement is warn.").in(labour.Rules{}).ok(labour.Rules{}),
	routeKey(http.MethodGet, v1+"/settings/jobs"): op("getJobSettings", "settings", "The jobs' schedules").ok(scheduler.JobSettings{}),
	routeKey(http.MethodPut, v1+"/settings/jobs"): op("putJobSettings", "settings", "Set the jobs' schedules").
		doc("Schedules take effect at once.").in(scheduler.JobSettings{}).ok(scheduler.JobSettings{}),
	routeKey(http.MethodGet, v1+"/settings/notifications"): op("getNotificationSettings", "settings", "The notification settings").
		doc("Passwords and secrets are never returned: smtp_password_set and webhooks_with_secret say which are set.").
		ok(notificationSettingsView{}),
	routeKey(http.MethodPut, v1+"/settings/notifications"): op("putNotificationSettings", "settings", "Set the notification settings").
		doc("A password or secret left out keeps the stored one; clear_smtp_password removes the password.").
		in(notificationSettingsInput{}).ok(notificationSettingsView{}),
	routeKey(http.MethodPost, v1+"/settings/notifications/test"): op("testNotification", "settings", "Send a test notification").
		doc("Queues a test message to email (default: every manager) and to every webhook.").
		optIn(testNotificationInput{}).accepted(testNotificationAnswer{}),
	routeKey(http.MethodGet, v1+"/settings/calendars"): op("getCalendarSettings", "settings", "The calendar settings").ok(scheduler.CalendarSettings{}),
	routeKey(http.MethodPut, v1+"/settings/calendars"): op("putCalendarSettings", "settings", "Set the calendar settings").
		in(scheduler.CalendarSettings{}).ok(scheduler.CalendarSettings{}),

	routeKey(http.MethodPost, v1+"/shifts/:id/check-in"): op("checkIn", "duty", "Check in to a shift").
		doc("A guard their own shift (method app, or qr with the post's code); a manager anyone's (at: a paper record's time).").
		optIn(scheduler.CheckInRequest{}).ok(sampleShift),
	routeKey(http.MethodPost, v1+"/shifts/:id/check-out"): op("checkOut", "duty", "Check out of a shift").
		doc("The handover is written with it; the answer is the shift with its handover.").
		optIn(scheduler.CheckOutRequest{}).ok(checkOutAnswer{}),
	routeKey(http.MethodPost, v1+"/checkin/qr"): op("checkInQR", "duty", "Check in by a post's QR code").
		in(qrInput{}).ok(sampleShift),
	routeKey(http.MethodGet, v1+"/handovers"): op("listHandovers", "duty", "List handovers").
		q(idDesc("post")).q(qRange("")...).ok([]*scheduler.Handover(nil)),
	routeKey(http.MethodPost, v1+"/handovers/:id/ack"): op("ackHandover", "duty", "Acknowledge a handover").
		doc(":id is the shift the handover was written at.").ok((*scheduler.Handover)(nil)),
	routeKey(http.MethodGet, v1+"/posts/:id/checklist"): op("getChecklist", "posts", "A post's checklist").ok(checklistAnswer{}),
	routeKey(http.MethodPut, v1+"/posts/:id/checklist"): op("putChecklist", "posts", "Set a post's checklist").
		in(checklistInput{}).ok(checklistAnswer{}),
	routeKey(http.MethodPost, v1+"/posts/:id/checkin-code"): op("rotateCheckInCode", "posts", "A new check-in code for a post").
		doc("Shown once; the previous sheet stops working.").created(checkInCodeAnswer{}),
	routeKey(http.MethodGet, v1+"/settings/duty"): op("getDutySettings", "settings", "The duty desk's settings").ok(scheduler.DutySettings{}),
	routeKey(http.MethodPut, v1+"/settings/duty"): op("putDutySettings", "settings", "Set the duty desk's settings").
		in(scheduler.DutySettings{}).ok(scheduler.DutySettings{}),
	routeKey(http.MethodGet, v1+"/teams"):        op("listTeams", "teams", "List reserve teams").ok([]*scheduler.Team(nil)),
	routeKey(http.MethodPost, v1+"/teams"):       op("createTeam", "teams", "Create a team").in(scheduler.Team{}).created((*scheduler.Team)(nil)),
	routeKey(http.MethodGet, v1+"/teams/:id"):    op("getTeam", "teams", "Get a team").ok((*scheduler.Team)(nil)),
	routeKey(http.MethodPatch, v1+"/teams/:id"):  op("patchTeam", "teams", "Change a team").patch(scheduler.Team{}).ok((*scheduler.Team)(nil)),
	routeKey(http.MethodDelete, v1+"/teams/:id"): op("deleteTeam", "teams", "Delete a team").noContent(),
	routeKey(http.MethodGet, v1+"/settings/incidents"): op("getIncidentPlans", "settings", "The incident plans").
		doc("One plan per kind (the defaults until set).").ok([]scheduler.IncidentPlan(nil)),
	routeKey(http.MethodPut, v1+"/settings/incidents"): op("putIncidentPlans", "settings", "Set incident plans").
		doc("Kinds left out keep their plan; answers with all the plans.").in([]scheduler.IncidentPlan(nil)).ok([]scheduler.IncidentPlan(nil)),
	routeKey(http.MethodGet, v1+"/incidents"): op("listIncidents", "incidents", "List incidents").doc("Newest first.").
		q(qEnum("status", "only incidents of this status", scheduler.IncidentOpen, scheduler.IncidentClosed),
			qEnum("kind", "only incidents of this kind", scheduler.IncidentKinds...), idDesc("post")).
		q(qRange("")...).q(qLimit).ok([]*scheduler.Incident(nil)),
	routeKey(http.MethodPost, v1+"/incidents"): op("declareIncident", "incidents", "Declare an incident").
		doc("201 with the incident and its responders; the callout is in the outbox already.").
		in(scheduler.IncidentInput{}).created((*scheduler.Incident)(nil)),
	routeKey(http.MethodGet, v1+"/incidents/:id"): op("getIncident", "incidents", "Get an incident").ok((*scheduler.Incident)(nil)),
	routeKey(http.MethodPost, v1+"/incidents/:id/updates"): op("addIncidentUpdate", "incidents", "Add to an incident's timeline").
		in(incidentNoteInput{}).ok((*scheduler.Incident)(nil)),
	routeKey(http.MethodPost, v1+"/incidents/:id/close"): op("closeIncident", "incidents", "Close an incident").
		in(incidentCloseInput{}).ok((*scheduler.Incident)(nil)),
	routeKey(http.MethodGet, v1+"/reports/timesheet"): op("getTimesheet", "reports", "The month's timesheet").
		q(qStr("month", "YYYY-MM").must(), idDesc("guard")).ok(timesheet.Sheet{}),
	routeKey(http.MethodGet, v1+"/reports/timesheet.xlsx"): op("getTimesheetXLSX", "reports", "The month's timesheet as a spreadsheet").
		q(qStr("month", "YYYY-MM").must(), idDesc("guard")).
		file(200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").header("Content-Disposition", "attachment; filename=…"),
	routeKey(http.MethodGet, v1+"/reports/timesheet.csv"): op("getTimesheetCSV", "reports", "The month's timesheet as CSV").
		doc("UTF-8 with a byte-order mark.").q(qStr("month", "YYYY-MM").must(), idDesc("guard")).
		file(200, "text/csv").header("Content-Disposition", "attachment; filename=…"),
	routeKey(http.MethodGet, v1+"/settings/pay"): op("getPaySettings", "settings", "The pay settings").ok(timesheet.Pay{}),
	routeKey(http.MethodPut, v1+"/settings/pay"): op("putPaySettings", "settings", "Set the pay settings").in(timesheet.Pay{}).ok(timesheet.Pay{}),
}
