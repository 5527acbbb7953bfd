package scheduler

// messagesBody: the reading of a request's JSON body (api). See messages.go.
var messagesBody = map[string]string{
	"body.too_large":       "the request body is larger than {max} bytes",
	"body.unreadable":      "could not read the request body",
	"body.required":        "a JSON body is required",
	"body.not_utf8":        "the body is not valid UTF-8",
	"body.trailing_data":   "the body must hold one JSON value and nothing after it",
	"body.malformed":       "malformed JSON at byte {offset}: {detail}",
	"body.truncated":       "malformed JSON: the body ends too early",
	"body.wrong_kind":      "the body must be a JSON {kind}",
	"body.wrong_type":      "{field} must be {want}, not {got}",
	"body.unknown_field":   "unknown field \"{field}\"",
	"body.not_instant":     "{field} must be an RFC 3339 instant with an offset, e.g. 2026-12-01T07:00:00+07:00",
	"body.wrong_value":     "{field} has a wrong value: {detail}",
	"body.undecodable":     "the body could not be read: {detail}",
	"body.not_object":      "the body must be a JSON object",
	"body.read_only":       "{field} cannot be changed",
	"api.not_id":           "\"{value}\" is not an id",
	"api.not_positive_int": "{field} must be a positive whole number, not \"{value}\"",
}
