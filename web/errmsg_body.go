package web

// errorsBodyVI: see domainmsg.go. The pages send forms, not JSON; these read
// for completeness (and for any page that relays an API answer).
var errorsBodyVI = map[string]string{
	"body.too_large":       "Dữ liệu gửi lên lớn hơn {max} byte.",
	"body.unreadable":      "Không đọc được dữ liệu gửi lên.",
	"body.required":        "Cần gửi kèm dữ liệu JSON.",
	"body.not_utf8":        "Dữ liệu gửi lên không phải UTF-8 hợp lệ.",
	"body.trailing_data":   "Dữ liệu chỉ được chứa một giá trị JSON.",
	"body.malformed":       "JSON sai cú pháp tại byte {offset}.",
	"body.truncated":       "JSON sai cú pháp: dữ liệu kết thúc quá sớm.",
	"body.wrong_kind":      "Dữ liệu phải là một {kind} JSON.",
	"body.wrong_type":      "«{field}» phải là {want}, không phải {got}.",
	"body.unknown_field":   "Không có trường «{field}».",
	"body.not_instant":     "«{field}» phải là thời điểm theo RFC 3339 có múi giờ, ví dụ 2026-12-01T07:00:00+07:00.",
	"body.wrong_value":     "Giá trị của «{field}» không hợp lệ.",
	"body.undecodable":     "Không đọc được dữ liệu gửi lên.",
	"body.not_object":      "Dữ liệu phải là một đối tượng JSON.",
	"body.read_only":       "Không được thay đổi «{field}».",
	"api.not_id":           "«{value}» không phải là mã số.",
	"api.not_positive_int": "«{field}» phải là số nguyên dương, không phải «{value}».",
}
