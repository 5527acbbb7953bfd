package web

// errorsRosterVI: see domainmsg.go.
var errorsRosterVI = map[string]string{}
