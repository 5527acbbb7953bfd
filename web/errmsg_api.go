package web

// errorsAPIVI: see domainmsg.go.
var errorsAPIVI = map[string]string{}
