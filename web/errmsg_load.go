package web

// errorsLoadVI: see domainmsg.go.
var errorsLoadVI = map[string]string{
	"store.busy":        "Cơ sở dữ liệu đang bận xử lý một thay đổi khác; vui lòng thử lại sau {seconds} giây.",
	"store.unreachable": "Tạm thời không kết nối được cơ sở dữ liệu; vui lòng thử lại sau {seconds} giây.",
}
