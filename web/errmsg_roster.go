package web

// errorsRosterVI: see domainmsg.go.
var errorsRosterVI = map[string]string{
	"shift.bad_guard_id":         "Bảo vệ không hợp lệ: hãy chọn một bảo vệ, hoặc để trống nếu ca chưa có người.",
	"shift.end_before_start":     "Thời điểm kết thúc phải sau thời điểm bắt đầu.",
	"shift.too_long":             "Một ca trực dài tối đa {hours} giờ.",
	"shift.status_unknown":       "Trạng thái ca trực phải là «đã lên lịch» (scheduled) hoặc «đã hủy» (cancelled).",
	"shift.breaks_blocking_rule": "Thay đổi này vi phạm quy định giờ làm việc đang đặt ở mức chặn: {message}",

	"timeoff.end_before_start": "Thời điểm kết thúc phải sau thời điểm bắt đầu.",
	"timeoff.too_long":         "Một lần nghỉ dài tối đa {days} ngày; hãy chia thời gian nghỉ dài hơn thành nhiều lần.",
	"timeoff.kind_unknown":     "Loại không hợp lệ: hãy chọn một loại nghỉ trong danh sách.",
	"timeoff.status_unknown":   "Trạng thái phải là chờ duyệt (requested), đã duyệt (approved) hoặc từ chối (declined).",

	"event.kind_unknown":          "Loại không hợp lệ: hãy chọn một loại sự kiện trong danh sách.",
	"event.end_before_start":      "Thời điểm kết thúc phải sau thời điểm bắt đầu.",
	"event.too_long":              "Một sự kiện kéo dài tối đa {days} ngày.",
	"event.extra_headcount_range": "Số người tăng thêm phải từ {min} đến {max}.",
	"event.status_unknown":        "Trạng thái sự kiện phải là «đã lên lịch» (scheduled) hoặc «đã hủy» (cancelled).",
	"event.new_not_scheduled":     "Sự kiện mới phải ở trạng thái «đã lên lịch» (scheduled).",

	"rotation.custom_needs_pattern": "Kiểu «{preset}» không có mẫu sẵn: hãy tự khai báo chu kỳ và các ca.",
	"rotation.preset_unknown":       "Kiểu ca luân phiên không hợp lệ: hãy chọn một kiểu trong danh sách.",
	"rotation.members_count":        "Kiểu ca «{preset}» cần đúng {want} người, không phải {got}.",
	"rotation.cycle_days_range":     "Chu kỳ phải dài từ 1 đến {max} ngày.",
	"rotation.no_slots":             "Chu kỳ cần có ít nhất một ca.",
	"rotation.slot_day_range":       "Ngày của ca phải từ 0 đến {max} (ngày trong chu kỳ đếm từ 0).",
	"rotation.slot_hours":           "Số giờ của một ca phải lớn hơn 0 và không quá 24, tính tròn phút.",
	"rotation.no_members":           "Ca luân phiên chưa có thành viên nào.",
	"rotation.slot_member_range":    "Người trực của ca phải từ 0 đến {max} (số thứ tự trong danh sách thành viên).",
	"rotation.slot_overlap":         "Ca {slot} trùng giờ với ca {other} của cùng một người (tính cả khi chu kỳ lặp lại).",
	"rotation.members_empty":        "Hãy chọn ít nhất một bảo vệ.",
	"rotation.member_bad_id":        "Mã số bảo vệ {guard_id} không hợp lệ.",
	"rotation.member_twice":         "Bảo vệ số {guard_id} được chọn hai lần.",
	"rotation.expand_too_long":      "Mỗi lần chỉ xếp được tối đa {days} ngày.",
	"rotation.start_date_range":     "Ngày bắt đầu phải nằm trong các năm từ {min} đến {max}.",
	"rotation.post_fixed":           "Ca luân phiên không đổi được vọng gác; hãy tạo ca luân phiên khác cho vọng gác khác.",
	"rotation.start_date_fixed":     "Không đổi được ngày bắt đầu khi đã sinh ca; hãy dùng «Có hiệu lực từ ngày» để đổi người hoặc kiểu ca.",
	"rotation.until_too_far":        "Chỉ sinh ca được tối đa {days} ngày tới (đến hết ngày {date}).",
	"rotation.inactive":             "Ca luân phiên đang ngừng; hãy dùng lại trước khi sinh ca.",

	"alert.resolved": "Cảnh báo này đã được đóng.",
}
