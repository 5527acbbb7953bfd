package scheduler

// messagesAPI: the reading of API requests (query parameters, bodies) by
// the api handlers. See messages.go.
var messagesAPI = map[string]string{
	"api.limit_range":             "limit must be a whole number from {min} to {max}",
	"api.not_bool":                "{field} must be true or false",
	"api.import_guard_required":   "guard_id is required to import time off",
	"api.import_post_required":    "post_id is required to import shifts",
	"api.import_kind_unknown":     "kind must be time-off, holidays or shifts",
	"api.to_before_from":          "to must be after from",
	"api.window_too_long":         "the window may be at most {days} days",
	"api.year_not_number":         "year must be a number such as 2026",
	"api.effective_from_not_date": "effective_from must be a date YYYY-MM-DD",
	"api.until_required":          "until is required (YYYY-MM-DD)",
	"api.suggest_window":          "end must be after start, at most {hours} hours later",
}
