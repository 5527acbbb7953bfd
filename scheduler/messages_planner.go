package scheduler

// messagesPlanner: the planner's reasons why a stretch stays unfilled and
// its verdicts. See messages.go.
var messagesPlanner = map[string]string{}
