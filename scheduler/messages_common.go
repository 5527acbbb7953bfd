package scheduler

// messagesCommon are the messages every area uses. See messages.go.
var messagesCommon = map[string]string{
	"common.internal":  "internal error",
	"common.http":      "the request failed with HTTP status {status}",
	"common.not_found": "{entity} {id} not found",
	"common.required":  "{field} is required",
	"common.too_long":  "{field} is longer than {max} characters",
}
