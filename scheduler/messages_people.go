package scheduler

// messagesPeople: see messages.go.
var messagesPeople = map[string]string{}
