package web

// errorsSettingsVI: see domainmsg.go.
var errorsSettingsVI = map[string]string{}
