package web

// errorsPlannerVI: see domainmsg.go.
var errorsPlannerVI = map[string]string{}
