package scheduler

// messagesAPI: see messages.go.
var messagesAPI = map[string]string{}
