package web

// errorsAPIVI: see domainmsg.go.
var errorsAPIVI = map[string]string{
	"api.limit_range":             "Giới hạn phải là số nguyên từ {min} đến {max}.",
	"api.not_bool":                "«{field}» phải là true hoặc false.",
	"api.import_guard_required":   "Hãy chọn bảo vệ (guard_id) để nhập lịch nghỉ phép.",
	"api.import_post_required":    "Hãy chọn vọng gác (post_id) để nhập ca trực.",
	"api.import_kind_unknown":     "Loại dữ liệu nhập phải là nghỉ phép (time-off), ngày nghỉ lễ (holidays) hoặc ca trực (shifts).",
	"api.to_before_from":          "Thời điểm «đến» phải sau thời điểm «từ».",
	"api.window_too_long":         "Khoảng thời gian dài tối đa {days} ngày.",
	"api.year_not_number":         "Năm phải là một số, ví dụ 2026.",
	"api.effective_from_not_date": "Ngày có hiệu lực phải có dạng năm-tháng-ngày (ví dụ 2026-12-07).",
	"api.until_required":          "Chưa nhập ngày sinh ca đến (dạng năm-tháng-ngày).",
	"api.suggest_window":          "Thời điểm kết thúc phải sau thời điểm bắt đầu, và không quá {hours} giờ sau đó.",
}
