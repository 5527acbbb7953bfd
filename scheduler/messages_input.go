package scheduler

// messagesInput are the messages of hostile or out-of-bounds input: dates
// outside the range the service accepts, settings that would harm the
// office, repeated decisions. See messages.go.
var messagesInput = map[string]string{
	"input.date_range": "the date lies outside {min} … {max}, the dates the roster accepts",
}
