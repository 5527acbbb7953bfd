package scheduler

// messagesPlan: plans, shift templates and guard preferences (validation and
// the plans service). See messages.go.
var messagesPlan = map[string]string{}
