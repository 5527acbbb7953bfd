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
	"assign.blocked":           "this would break a labour rule set to block: {breach}",

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
}
