package web

// errorsIncidentsVI: reserve teams, incident plans and incidents; see domainmsg.go.
var errorsIncidentsVI = map[string]string{
	"team.kind_unknown":           "Loại đội phải là một trong: {kinds}.",
	"team.too_many_members":       "Một đội có tối đa {max} người.",
	"team.unknown":                "Không có đội này (số {team_id}).",
	"team.in_plan":                "Đội số {team_id} đang có trong phương án xử lý sự cố loại {kind}: hãy bỏ đội khỏi phương án trước.",
	"incident.kind_unknown":       "Loại sự cố phải là một trong: {kinds}.",
	"incident.plan_twice":         "Phương án cho loại sự cố {kind} bị nhập hai lần.",
	"incident.team_twice":         "Đội số {team_id} bị chọn hai lần.",
	"incident.checklist_too_long": "Danh sách việc cần làm có tối đa {max} mục.",
	"incident.closed":             "Sự cố này đã kết thúc.",
	"incident.status_filter":      "Trạng thái phải là đang xử lý (open) hoặc đã kết thúc (closed).",
}
