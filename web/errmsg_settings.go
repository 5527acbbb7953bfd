package web

// errorsSettingsVI: see domainmsg.go.
var errorsSettingsVI = map[string]string{
	"office.timezone_not_iana": "Múi giờ phải là tên IANA, ví dụ Asia/Ho_Chi_Minh.",
	"office.timezone_unknown":  "Không có múi giờ «{zone}»; hãy dùng tên IANA, ví dụ Asia/Ho_Chi_Minh.",

	"rules.hours_range":  "«{field}» phải từ {min} đến {max} giờ.",
	"rules.night_same":   "Giờ làm đêm kết thúc phải khác giờ làm đêm bắt đầu.",
	"rules.unknown_rule": "«{rule}» không phải là một quy định giờ làm; các quy định là: {rules}.",
	"rules.bad_mode":     "Cách xử lý phải là cảnh báo (warn) hoặc chặn (block), không phải «{mode}».",

	"jobs.unknown":             "Không có tác vụ «{job}» (các tác vụ: {jobs}).",
	"jobs.bad_schedule":        "«{spec}» không phải là lịch chạy cron (ví dụ «*/5 * * * *», «30 6 * * *», «@daily», hoặc «off» để tắt).",
	"jobs.reminder_lead_range": "Mỗi thời gian nhắc trước phải từ 1 phút đến 7 ngày.",

	"smtp.tls_unknown":    "Kiểu mã hóa phải là none, starttls hoặc tls.",
	"smtp.tls_invalid":    "Kiểu mã hóa phải là none, starttls hoặc tls, không phải «{tls}».",
	"smtp.host_with_port": "Máy chủ thư chỉ ghi tên hoặc địa chỉ máy, không kèm cổng.",
	"smtp.host_required":  "Chưa nhập máy chủ thư (SMTP).",
	"smtp.from_required":  "Chưa nhập địa chỉ người gửi.",
	"smtp.from_not_email": "Người gửi phải là một địa chỉ email (có thể kèm tên, ví dụ «Catruc <catruc@example.vn>»).",
	"smtp.port_range":     "Cổng phải từ 1 đến 65535 (0 để dùng cổng mặc định của kiểu mã hóa).",

	"webhook.bad_url":              "Địa chỉ webhook phải là một URL http hoặc https.",
	"webhook.url_twice":            "Địa chỉ webhook này bị ghi hai lần.",
	"webhook.unknown_type":         "Không có loại thông báo «{type}» (các loại: {types}).",
	"webhook.bad_timestamp":        "Webhook: thiếu {header} hoặc giá trị không phải là số giây Unix.",
	"webhook.bad_signature_prefix": "Webhook: thiếu {header} hoặc giá trị không bắt đầu bằng «{prefix}».",
	"webhook.signature_not_hex":    "Webhook: {header} không phải là chuỗi thập lục phân.",
	"webhook.signature_mismatch":   "Webhook: chữ ký không khớp.",
	"webhook.timestamp_skew":       "Webhook: thời điểm gửi lệch {age} so với hiện tại, quá mức cho phép {tolerance}.",

	"holiday.year_range":            "Năm phải từ {min} đến {max}.",
	"holiday.date_range":            "Ngày phải nằm trong các năm từ {min} đến {max}.",
	"holiday.name_required":         "Chưa nhập tên ngày nghỉ (tối đa {max} ký tự).",
	"holiday.exists":                "Ngày {date} đã là ngày nghỉ ({name}).",
	"holiday.not_holiday":           "Ngày {date} không phải là ngày nghỉ.",
	"holiday.tet_days_off":          "Các ngày nghỉ Tết bắt đầu từ {date} không gồm mùng 1 Tết ({tet}).",
	"holiday.national_day_adjacent": "Ngày {date} không liền kề ngày Quốc khánh {national_day}.",
}
