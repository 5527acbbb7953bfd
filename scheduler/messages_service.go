package scheduler

// messagesService are the messages of the role policy and the roster service
// (scheduler/roster) and of the checks of a shift every write applies. See messages.go.
var messagesService = map[string]string{
	"policy.forbidden": "a {role} may not do this (it needs {roles})",

	// The checks of a shift (assign.go), in the store's writes and the previews.
	"assign.post_unknown":      "post {post_id} does not exist",
	"assign.post_inactive":     "post {post_id} ({post}) is not active",
	"assign.guard_unknown":     "guard {guard_id} does not exist",
	"assign.guard_inactive":    "guard {guard_id} ({guard}) is not active",
	"assign.guard_not_allowed": "guard {guard_id} ({guard}) may not hold post {post_id} ({post}); add the post to the guard's post_ids first",
	"assign.overlap":           "guard {guard_id} ({guard}) already holds shift {shift_id} from {start} to {end}, which overlaps",
	"assign.stale":             "shift {shift_id} is at version {version}, not {if_version}: someone changed it; reload and try again",

	// The roster service (scheduler/roster).
	"roster.new_status":         "a new shift is {status}",
	"roster.cancelled":          "shift {shift_id} is cancelled",
	"roster.same_guard":         "shift {shift_id} has this guard already",
	"roster.version_required":   "version must be the shift's version",
	"roster.swap_shift":         "{which} must be a shift id",
	"roster.timeoff_not_own":    "a guard may ask for time off only for themself",
	"roster.timeoff_decided":    "time off {id} is {status} already: only a waiting request may be withdrawn",
	"roster.swap_status":        "status must be proposed, accepted, approved or declined",
	"roster.guard_only":         "only a guard may do this, for themself",
	"roster.swap_not_your_post": "you may not hold the post of shift {shift_id}",

	// The API's own answers (api/): tokens, the body's size, If-Match, filters, the engine.
	"api.body_too_large":    "the request body is larger than {max} bytes",
	"auth.token_required":   "an API token is required: Authorization: Bearer <token>",
	"auth.bearer_malformed": "the Authorization header must be \"Bearer <token>\"",
	"api.if_match":          "If-Match must be the shift's version (its ETag), not {value}",
	"alert.status_filter":   "status must be open, acknowledged or resolved",
	"alert.kind_filter":     "kind must be gap or violation",
	"notify.status_filter":  "status must be pending, sent or failed",
	"notify.nobody":         "there is nobody to send to: give an email, or set managers or webhooks first",
	"api.stream_off":        "the live stream is not running",
	"api.engine_off":        "the job engine is not running",
	"job.unknown":           "there is no job {name} (jobs: {jobs})",
	"job.running":           "job {name} is already running",

	// The cell editor's own fields (web/).
	"roster.not_datetime": "{field} must be a date and time",
	"roster.form_guard":   "guard must be a guard's id or \"open\"",

	// Swapping two shifts, and guards' swap requests (the store's checks).
	"swap.self":              "a shift cannot be swapped with itself",
	"swap.shift_unknown":     "shift {shift_id} does not exist",
	"swap.shift_cancelled":   "shift {shift_id} is cancelled",
	"swap.both_open":         "both shifts are open: there is nobody to swap",
	"swap.not_yours":         "shift {shift_id} is not yours",
	"swap.not_colleague":     "shift {shift_id} is not a colleague's",
	"swap.shift_past":        "shift {shift_id} is cancelled or has started",
	"swap.accept_not_asked":  "only the colleague asked may accept",
	"swap.not_accepted":      "the request is {status}; the colleague must accept it first",
	"swap.request_not_yours": "this request is not yours",
	"swap.request_status":    "the request is {status}",

	// Time-off decisions (the store's checks).
	"timeoff.guard_unknown":    "guard {guard_id} does not exist",
	"timeoff.decision_unknown": "status must be approved or declined",
	"timeoff.decided":          "time off {id} is {status} already",
}
