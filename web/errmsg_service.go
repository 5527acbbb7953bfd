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

	"api.body_too_large":    "Dữ liệu gửi lên lớn hơn {max} byte.",
	"auth.token_required":   "Cần mã truy cập API: Authorization: Bearer <mã>.",
	"auth.bearer_malformed": "Tiêu đề Authorization phải có dạng \"Bearer <mã>\".",
	"api.if_match":          "If-Match phải là phiên bản (ETag) của ca trực, không phải {value}.",
	"alert.status_filter":   "Trạng thái phải là: đang mở, đã biết hoặc đã đóng.",
	"alert.kind_filter":     "Loại cảnh báo phải là: thiếu người hoặc vi phạm.",
	"notify.status_filter":  "Trạng thái phải là: chờ gửi, đã gửi hoặc gửi lỗi.",
	"notify.nobody":         "Chưa có ai để gửi: hãy nhập một địa chỉ email, hoặc đặt danh sách quản lý hay webhook trước.",
	"api.stream_off":        "Luồng cảnh báo trực tiếp không chạy.",
	"api.engine_off":        "Bộ chạy tác vụ định kỳ không chạy.",
	"job.unknown":           "Không có tác vụ {name} (các tác vụ: {jobs}).",
	"job.running":           "Tác vụ {name} đang chạy.",

	"roster.not_datetime": "«{field}» phải là ngày và giờ.",
	"roster.form_guard":   "Hãy chọn một bảo vệ hoặc «trống».",

	"swap.self":              "Không thể đổi một ca với chính nó.",
	"swap.shift_unknown":     "Không có ca trực số {shift_id}.",
	"swap.shift_cancelled":   "Ca trực số {shift_id} đã bị hủy.",
	"swap.both_open":         "Cả hai ca đều trống: không có người để đổi.",
	"swap.not_yours":         "Ca trực số {shift_id} không phải của bạn.",
	"swap.not_colleague":     "Ca trực số {shift_id} không phải của một đồng nghiệp.",
	"swap.shift_past":        "Ca trực số {shift_id} đã bị hủy hoặc đã bắt đầu.",
	"swap.accept_not_asked":  "Chỉ người được đề nghị mới đồng ý được.",
	"swap.not_accepted":      "Đề nghị này chưa được đồng nghiệp đồng ý.",
	"swap.request_not_yours": "Đề nghị này không phải của bạn.",
	"swap.request_status":    "Đề nghị này đã được xử lý.",

	"timeoff.guard_unknown":    "Bảo vệ số {guard_id} không có.",
	"timeoff.decision_unknown": "Chỉ có thể duyệt hoặc từ chối.",
	"timeoff.decided":          "Đề nghị nghỉ này đã được xử lý trước đó.",
}
