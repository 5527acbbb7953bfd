package web

// errorsCommonVI: see domainmsg.go.
var errorsCommonVI = map[string]string{
	"common.internal":     "Lỗi hệ thống; đã ghi lại để khắc phục.",
	"common.http":         "Yêu cầu không thành công (mã HTTP {status}).",
	"common.not_found":    "Không tìm thấy mục này.",
	"common.required":     "Chưa nhập «{field}».",
	"common.too_long":     "«{field}» dài quá {max} ký tự.",
	"common.not_utf8":     "«{field}» chứa ký tự lỗi (không phải UTF-8).",
	"common.control_char": "«{field}» chứa ký tự điều khiển; hãy xóa ký tự đó.",
	"common.range":        "«{field}» phải từ {min} đến {max}.",
	"common.not_phone":    "«{value}» không phải là số điện thoại (chỉ gồm chữ số, dấu cách, dấu chấm hoặc gạch nối; có thể bắt đầu bằng +).",
	"common.not_email":    "«{value}» không phải là địa chỉ email.",
	"common.not_clock":    "Giờ phải có dạng HH:MM (ví dụ 07:00); «{value}» không đúng dạng đó.",
	"common.not_date":     "Ngày phải có dạng năm-tháng-ngày (ví dụ 2026-12-07); «{value}» không đúng dạng đó.",
	"common.not_instant":  "«{value}» không phải là thời điểm (ví dụ 2026-12-01T07:00:00+07:00) hay ngày dạng năm-tháng-ngày.",
	"common.bad_id":       "Mã số không hợp lệ.",
	"common.exists":       "Mục này đã có rồi.",
	"common.referenced":   "Không thực hiện được vì còn dữ liệu khác liên quan đến mục này.",
}
