package scheduler

// messagesIncidents: reserve teams, incident plans and incidents. See messages.go.
var messagesIncidents = map[string]string{
	"team.kind_unknown":           "kind must be one of {kinds}",
	"team.too_many_members":       "a team has at most {max} members",
	"team.unknown":                "team {team_id} does not exist",
	"team.in_plan":                "team {team_id} is called out by the incident plan of kind {kind}; take it out of the plan first",
	"incident.kind_unknown":       "kind must be one of {kinds}",
	"incident.plan_twice":         "the plan of kind {kind} is given twice",
	"incident.team_twice":         "team {team_id} is listed twice",
	"incident.checklist_too_long": "a checklist has at most {max} items",
	"incident.closed":             "incident {incident_id} is closed already",
	"incident.status_filter":      "status must be open or closed",
}
