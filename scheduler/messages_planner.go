package scheduler

// messagesPlanner: the planner's reasons why a stretch stays unfilled and
// its verdicts. See messages.go.
var messagesPlanner = map[string]string{
	"planner.window_empty":    "the end of the window must come after its start",
	"planner.window_too_long": "a plan covers at most {max} days",
	"planner.no_templates":    "post {post} has no shift template and no requirement to make one from",
	"planner.keep_unknown":    "keep {keep} is not one of all, manual, none",

	"planner.reason.time_off":            "away ({kind}) from {from} to {to}",
	"planner.reason.busy":                "on duty at {post} from {from} to {to}",
	"planner.reason.not_allowed":         "not allowed at this post",
	"planner.reason.inactive":            "not active",
	"planner.reason.no_fit":              "free for part of it, but no whole shift of the post fits",
	"planner.reason.shift_length":        "{hours} h of continuous duty, at most {limit} h",
	"planner.reason.daily_hours":         "{hours} h on {date}, at most {limit} h a day",
	"planner.reason.rest_between_shifts": "only {hours} h of rest around {date}, at least {limit} h",
	"planner.reason.weekly_hours":        "{hours} h in the week of {date}: the {limit} h a week reached",
	"planner.reason.weekly_rest":         "no weekly rest of {limit} h left in the week of {date} (longest {hours} h)",
	"planner.reason.overtime_month":      "{hours} h of overtime in the month of {date}, at most {limit} h",
	"planner.reason.overtime_year":       "{hours} h of overtime in the year of {date}, at most {limit} h",
}
