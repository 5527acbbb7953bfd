package web

// errorsPeopleVI: see domainmsg.go.
var errorsPeopleVI = map[string]string{}
