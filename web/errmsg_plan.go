package web

// errorsPlanVI: see domainmsg.go.
var errorsPlanVI = map[string]string{
	"plan.templates_count":         "Một vọng gác có tối đa {max} mẫu ca trực.",
	"plan.template_name_twice":     "Tên mẫu ca «{name}» bị dùng hai lần.",
	"plan.template_hours_range":    "Số giờ phải lớn hơn 0 và không quá {max}.",
	"plan.template_whole_minutes":  "Số giờ phải tròn phút (ví dụ 7,5 hoặc 8,25).",
	"plan.pref_windows_count":      "Tối đa {max} khung giờ.",
	"plan.to_before_from":          "Ngày kết thúc phải sau ngày bắt đầu.",
	"plan.window_years":            "Khoảng thời gian phải nằm trong các năm {min}–{max}.",
	"plan.window_too_long":         "Một kế hoạch dài tối đa {days} ngày.",
	"plan.keep_unknown":            "Cách giữ ca phải là «all», «manual» hoặc «none».",
	"plan.no_posts":                "Hãy chọn ít nhất một vọng gác để lập kế hoạch.",
	"plan.too_many_ids":            "Tối đa {max} mục.",
	"plan.id_twice":                "Số {id} bị chọn hai lần.",
	"plan.shutting_down":           "Máy chủ đang dừng; hãy lập lại kế hoạch sau ít phút.",
	"plan.applied":                 "Kế hoạch số {plan_id} đã được áp dụng rồi.",
	"plan.discarded":               "Kế hoạch số {plan_id} đã bị huỷ.",
	"plan.running":                 "Kế hoạch số {plan_id} vẫn đang chạy; hãy chờ đến khi xong.",
	"plan.failed":                  "Kế hoạch số {plan_id} bị lỗi; hãy lập kế hoạch mới.",
	"plan.roster_changed":          "Lịch trực của các vọng gác hoặc bảo vệ trong kế hoạch số {plan_id} đã thay đổi sau khi lập; hãy lập lại kế hoạch.",
	"plan.preferences_not_own":     "Bảo vệ chỉ xem và đặt được mong muốn của chính mình.",
	"plan.preferences_guard_fixed": "guard_id phải trùng với bảo vệ trong đường dẫn.",
	"plan.me_no_guard":             "Tài khoản này không gắn với bảo vệ nào.",
}
