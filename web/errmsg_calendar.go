package web

// errorsCalendarVI: see domainmsg.go.
var errorsCalendarVI = map[string]string{}
