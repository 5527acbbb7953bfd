package scheduler

// messagesPlan: plans, shift templates and guard preferences (validation and
// the plans service). See messages.go.
var messagesPlan = map[string]string{
	"plan.templates_count":         "a post has at most {max} shift templates",
	"plan.template_name_twice":     "the template name \"{name}\" is used twice",
	"plan.template_hours_range":    "hours must be more than 0 and at most {max}",
	"plan.template_whole_minutes":  "hours must be a whole number of minutes (e.g. 7.5 or 8.25)",
	"plan.pref_windows_count":      "at most {max} windows",
	"plan.to_before_from":          "to must be after from",
	"plan.window_years":            "the window must lie between the years {min} and {max}",
	"plan.window_too_long":         "a plan covers at most {days} days",
	"plan.keep_unknown":            "keep must be \"all\", \"manual\" or \"none\"",
	"plan.no_posts":                "name at least one post to plan",
	"plan.too_many_ids":            "at most {max} ids",
	"plan.id_twice":                "id {id} is listed twice",
	"plan.shutting_down":           "the server is shutting down; start the plan again in a moment",
	"plan.applied":                 "plan {plan_id} has been applied already",
	"plan.discarded":               "plan {plan_id} has been discarded",
	"plan.running":                 "plan {plan_id} is still running; wait until it is done",
	"plan.failed":                  "plan {plan_id} failed; start a new one",
	"plan.roster_changed":          "the roster of the planned posts or guards changed after plan {plan_id} started; plan again",
	"plan.preferences_not_own":     "a guard may see and set only their own preferences",
	"plan.preferences_guard_fixed": "guard_id is the guard of the address",
	"plan.me_no_guard":             "this token is not linked to a guard",
}
