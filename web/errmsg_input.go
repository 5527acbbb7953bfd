package web

// errorsInputVI: see domainmsg.go.
var errorsInputVI = map[string]string{
	"input.date_range":         "Ngày nằm ngoài khoảng cho phép (từ {min} đến {max}).",
	"input.offset_range":       "Độ lệch múi giờ phải nhỏ hơn 24 giờ (ví dụ +07:00).",
	"input.line_break":         "«{field}» phải viết trên một dòng, không có dấu xuống dòng hay ký tự điều khiển.",
	"jobs.too_often":           "Mỗi tác vụ chạy nhiều nhất {minutes} phút một lần.",
	"jobs.backup_dir_relative": "Thư mục sao lưu phải là đường dẫn tuyệt đối (ví dụ /var/backups/catruc), «{value}» thì không.",
	"swap.already_approved":    "Đề nghị đổi ca này đã được duyệt rồi.",
	"swap.already_declined":    "Đề nghị đổi ca này đã bị từ chối nên không duyệt được nữa.",
	"webhook.private_address":  "Địa chỉ webhook «{host}» thuộc máy này hoặc mạng nội bộ; chỉ dùng được khi bật cho phép webhook nội bộ (allow_private_webhooks).",
}
