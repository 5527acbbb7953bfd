package scheduler

// messagesCommon are the messages every area uses. See messages.go.
var messagesCommon = map[string]string{
	"common.internal":     "internal error",
	"common.http":         "the request failed with HTTP status {status}",
	"common.not_found":    "{entity} {id} not found",
	"common.required":     "{field} is required",
	"common.too_long":     "{field} is longer than {max} characters",
	"common.not_utf8":     "{field} is not valid UTF-8",
	"common.control_char": "{field} contains a control character",
	"common.range":        "{field} must be between {min} and {max}",
	"common.not_phone":    "\"{value}\" is not a phone number (digits, spaces, dots or hyphens, optionally a leading +)",
	"common.not_email":    "\"{value}\" is not an email address",
	"common.not_clock":    "\"{value}\" is not a clock time HH:MM",
	"common.not_date":     "\"{value}\" is not a date YYYY-MM-DD",
	"common.not_instant":  "\"{value}\" is not an RFC 3339 instant (e.g. 2026-12-01T07:00:00+07:00) or a date YYYY-MM-DD",
	"common.bad_id":       "not an id",
	"common.exists":       "already exists",
	"common.referenced":   "other records refer to it",
}
