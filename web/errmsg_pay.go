package web

// errorsPayVI: the timesheet for pay and its settings, in Vietnamese.
var errorsPayVI = map[string]string{
	"pay.rate_range":        "Phải từ {min} đến {max} (phần trăm).",
	"timesheet.bad_month":   "Tháng phải ghi dạng YYYY-MM, ví dụ 2025-12, không phải \"{value}\".",
	"timesheet.month_range": "Tháng phải từ {min} đến {max}.",
}
