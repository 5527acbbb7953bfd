package scheduler

// messagesSettings: see messages.go.
var messagesSettings = map[string]string{}
