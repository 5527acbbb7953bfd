package web

// errorsPlanVI: see domainmsg.go.
var errorsPlanVI = map[string]string{}
