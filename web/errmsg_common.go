package web

// errorsCommonVI: see domainmsg.go.
var errorsCommonVI = map[string]string{
	"common.internal":  "Lỗi hệ thống; đã ghi lại để khắc phục.",
	"common.http":      "Yêu cầu không thành công (mã HTTP {status}).",
	"common.not_found": "Không tìm thấy mục này.",
	"common.required":  "Chưa nhập «{field}».",
	"common.too_long":  "«{field}» dài quá {max} ký tự.",
}
