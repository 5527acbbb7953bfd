package web

// errorsInputVI: see domainmsg.go.
var errorsInputVI = map[string]string{
	"input.date_range": "Ngày nằm ngoài khoảng cho phép (từ {min} đến {max}).",
}
