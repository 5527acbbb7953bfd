package web

// errorsServiceVI: see domainmsg.go.
var errorsServiceVI = map[string]string{
	"policy.forbidden": "Vai trò của bạn không được làm việc này.",

	"assign.post_unknown":      "Vọng gác số {post_id} không có.",
	"assign.post_inactive":     "Vọng gác «{post}» đã ngừng hoạt động.",
	"assign.guard_unknown":     "Bảo vệ số {guard_id} không có.",
	"assign.guard_inactive":    "{guard} đã ngừng trực (không còn hoạt động).",
	"assign.guard_not_allowed": "{guard} không được trực ở vọng gác «{post}»; hãy thêm vọng gác này cho người đó trước.",
	"assign.overlap":           "{guard} đã có ca trực trùng giờ: {start} – {end}.",
	"assign.stale":             "Ca trực này vừa được người khác thay đổi; hãy tải lại trang rồi làm lại.",
	"assign.blocked":           "Không lưu được vì vi phạm quy định đang đặt ở chế độ chặn.",

	"roster.new_status":         "Ca trực mới luôn ở trạng thái đã xếp lịch.",
	"roster.cancelled":          "Ca này đã bị hủy, không thể giao cho người khác.",
	"roster.same_guard":         "Ca này đã do người này trực.",
	"roster.version_required":   "Thiếu phiên bản của ca trực; hãy tải lại trang.",
	"roster.swap_shift":         "Hãy chọn một ca trực để đổi.",
	"roster.timeoff_not_own":    "Bảo vệ chỉ được xin nghỉ cho chính mình.",
	"roster.timeoff_decided":    "Đề nghị nghỉ này đã được xử lý, không rút lại được.",
	"roster.swap_status":        "Trạng thái phải là: đã đề nghị, đã đồng ý, đã duyệt hoặc đã từ chối.",
	"roster.guard_only":         "Chỉ bảo vệ mới làm được việc này, cho chính mình.",
	"roster.swap_not_your_post": "Bạn không được phân công trực tại vọng gác của ca này.",
}
