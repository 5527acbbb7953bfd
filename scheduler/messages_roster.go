package scheduler

// messagesRoster: see messages.go.
var messagesRoster = map[string]string{}
