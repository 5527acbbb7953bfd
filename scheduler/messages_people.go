package scheduler

// messagesPeople: posts, guards, users, tokens and sessions. See messages.go.
var messagesPeople = map[string]string{
	"post.code_not_slug":          "code \"{code}\" must be a slug of lowercase letters, digits and single hyphens, at most {max} characters (e.g. \"tru-so\")",
	"post.code_taken":             "post {post_id} ({post}) already has the code \"{code}\"",
	"post.code_in_use":            "another post has this code",
	"post.kind_unknown":           "kind must be \"guard\" or \"police\"",
	"post.bad_id":                 "post id {post_id} is not valid",
	"post.unknown":                "post {post_id} does not exist",
	"post.inactive":               "post {post_id} ({post}) is not active",
	"post.in_use":                 "post {post_id} has shifts, rotations or events in the records; set \"active\": false instead of deleting it",
	"requirement.no_weekday":      "days must list at least one ISO weekday (1 = Monday … 7 = Sunday)",
	"requirement.bad_weekday":     "day {day} is not an ISO weekday (1 = Monday … 7 = Sunday)",
	"requirement.weekday_twice":   "day {day} is listed twice",
	"requirement.headcount_range": "headcount must be between 1 and {max}",

	"guard.unit_required":       "unit is required (\"office\", \"police\" or another team name)",
	"guard.skill_empty":         "a skill is empty",
	"guard.too_many_skills":     "at most {max} skills",
	"guard.rest_day_range":      "rest_day must be an ISO weekday from 1 (Monday) to 7 (Sunday), not {value}",
	"guard.unknown":             "guard {guard_id} does not exist",
	"guard.inactive":            "guard {guard_id} ({guard}) is not active",
	"guard.not_allowed_at_post": "guard {guard_id} ({guard}) may not hold post {post_id} ({post})",
	"guard.in_use":              "guard {guard_id} has shifts, time off, tokens or rotations in the records; set \"active\": false instead of deleting",

	"user.bad_name":          "a login name is 1–64 letters, digits, '.', '_', '@' or '-'",
	"user.bad_role":          "role must be admin, manager, guard or viewer",
	"user.guard_required":    "a guard user is linked to a guard (--guard-id)",
	"user.guard_not_allowed": "only guard users are linked to a guard",
	"user.bad_lang":          "lang must be vi or en",
	"user.password_short":    "a password has at least {min} characters",
	"user.password_long":     "a password has at most {max} bytes",
	"user.name_taken":        "a user named \"{name}\" exists",
	"user.no_such_name":      "no user is named {name}",
	"user.no_guard":          "this user is not linked to a guard",

	"token.bad_name":          "token name must be 1–64 letters, digits, '.', '_', '@' or '-'",
	"token.bad_role":          "role must be one of {roles}",
	"token.guard_required":    "a guard token names its guard",
	"token.guard_not_allowed": "only guard tokens name a guard",
	"token.name_taken":        "a token named \"{name}\" exists; revoke it first or choose another name",
	"token.no_such_name":      "no live token is named {name}",
	"token.unknown":           "the token is unknown or revoked",

	"session.bad_login": "wrong name or password",
	"session.none":      "not logged in",
}
