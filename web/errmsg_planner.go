package web

// errorsPlannerVI: see domainmsg.go.
var errorsPlannerVI = map[string]string{
	"planner.window_empty":    "Ngày kết thúc phải sau ngày bắt đầu",
	"planner.window_too_long": "Mỗi kế hoạch chỉ lập cho tối đa {max} ngày",
	"planner.no_templates":    "Vọng gác {post} chưa có mẫu ca trực và cũng chưa có yêu cầu để tạo mẫu ca",
	"planner.keep_unknown":    "Cách giữ ca «{keep}» không hợp lệ (all, manual, none)",

	"planner.reason.time_off":            "Đang nghỉ ({kind}) từ {from} đến {to}",
	"planner.reason.busy":                "Đang trực tại {post} từ {from} đến {to}",
	"planner.reason.not_allowed":         "Không được phân công tại vọng gác này",
	"planner.reason.inactive":            "Đã ngừng hoạt động",
	"planner.reason.no_fit":              "Rảnh một phần, nhưng không có ca nào của vọng gác vừa khoảng này",
	"planner.reason.shift_length":        "Trực liên tục {hours} giờ, tối đa {limit} giờ",
	"planner.reason.daily_hours":         "{hours} giờ trong ngày {date}, tối đa {limit} giờ mỗi ngày",
	"planner.reason.rest_between_shifts": "Chỉ nghỉ {hours} giờ quanh ngày {date}, cần ít nhất {limit} giờ",
	"planner.reason.weekly_hours":        "{hours} giờ trong tuần của ngày {date}: đã đủ {limit} giờ mỗi tuần",
	"planner.reason.weekly_rest":         "Tuần của ngày {date} không còn {limit} giờ nghỉ liền (dài nhất {hours} giờ)",
	"planner.reason.overtime_month":      "{hours} giờ làm thêm trong tháng của ngày {date}, tối đa {limit} giờ",
	"planner.reason.overtime_year":       "{hours} giờ làm thêm trong năm của ngày {date}, tối đa {limit} giờ",
}
