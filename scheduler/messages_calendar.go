package scheduler

// messagesCalendar: see messages.go.
var messagesCalendar = map[string]string{}
