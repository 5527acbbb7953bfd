package web

import (
	"fmt"
	"strings"
	"time"

	"catruc/scheduler"
)

// Domain errors carry a stable key and named arguments (scheduler.Error). The
// pages render the key in the user's language: Vietnamese from errorTextsVI
// (one map per area, errmsg_*.go), English from the domain's own catalogue
// unless errorTextsEN says otherwise. A test walks every key of the domain and
// fails where a language lacks it. Nothing here reads the English text.

// errorAreasVI lists the Vietnamese texts of every area.
var errorAreasVI = []map[string]string{
	errorsCommonVI,
	errorsRosterVI,
	errorsPeopleVI,
	errorsSettingsVI,
	errorsCalendarVI,
	errorsAPIVI,
	errorsServiceVI,
	errorsBodyVI,
	errorsPlanVI,
	errorsPlannerVI,
	errorsLoadVI,
	errorsInputVI,
	errorsDutyVI,
	errorsIncidentsVI,
	errorsPayVI,
}

// errorTextVI is the Vietnamese text of key.
func errorTextVI(key string) (string, bool) {
	for _, m := range errorAreasVI {
		if t, ok := m[key]; ok {
			return t, true
		}
	}
	return "", false
}

// domainMessage shows a domain error in language l.
func domainMessage(l string, err error) string {
	key := scheduler.ErrorKey(err)
	args := map[string]any{}
	for k, v := range scheduler.ErrorArgs(err) {
		args[k] = v
	}
	if f, ok := args["field"].(string); ok {
		args["field"] = fieldName(f)
	}
	if key == "" {
		// An error not yet given a key: never show its English to a Vietnamese reader.
		if l == "en" {
			return scheduler.ErrorMessage(err)
		}
		if f := scheduler.ErrorField(err); f != "" {
			return fmt.Sprintf("Giá trị của «%s» không hợp lệ.", fieldLabel("vi", f))
		}
		return "Yêu cầu không hợp lệ."
	}
	if l != "en" {
		if t, ok := errorTextVI(key); ok {
			return scheduler.RenderMessage(t, args, func(v any) string { return formatArg("vi", v) })
		}
	}
	return scheduler.RenderMessage(scheduler.MessageEN(key), args, func(v any) string { return formatArg("en", v) })
}

// formatArg writes an argument of a message: instants as "15:04 02/01/2006"
// (Vietnamese) or "02/01/2006 15:04", dates as "02/01/2006", lists joined, a
// sentence in language l, the "field" argument as the field's label.
func formatArg(l string, v any) string {
	switch x := v.(type) {
	case time.Time:
		if l == "en" {
			return x.Format("02/01/2006 15:04")
		}
		return x.Format("15:04 02/01/2006")
	case []string:
		return strings.Join(x, ", ")
	case scheduler.Day:
		if t, err := time.Parse(scheduler.DateLayout, string(x)); err == nil {
			return t.Format("02/01/2006")
		}
		return string(x)
	case scheduler.Sentence:
		if l == "en" {
			return x.EN
		}
		return x.VI
	case fieldName:
		return fieldLabel(l, string(x))
	}
	return scheduler.FormatArgEN(v)
}

// fieldName marks an argument that names a field (shown by its label).
type fieldName string

// fieldLabel is the label of a domain field name ("post_id", "requirements.0.start")
// in language l; an unknown name shows as itself.
func fieldLabel(l, f string) string {
	base := f
	if i := strings.LastIndexAny(base, ".]"); i >= 0 {
		base = base[i+1:]
	}
	if base == "" {
		base = f
	}
	if t, ok := fieldLabels[base]; ok {
		if l == "en" {
			return t[1]
		}
		return t[0]
	}
	return f
}

// fieldLabels: field name → {Vietnamese, English}.
var fieldLabels = map[string][2]string{
	"name":            {"Tên", "Name"},
	"code":            {"Mã", "Code"},
	"site":            {"Địa điểm", "Site"},
	"kind":            {"Loại", "Kind"},
	"phone":           {"Số điện thoại", "Phone"},
	"email":           {"Email", "Email"},
	"unit":            {"Đơn vị", "Unit"},
	"note":            {"Ghi chú", "Note"},
	"title":           {"Tiêu đề", "Title"},
	"start":           {"Bắt đầu", "Start"},
	"end":             {"Kết thúc", "End"},
	"date":            {"Ngày", "Date"},
	"days":            {"Các ngày trong tuần", "Weekdays"},
	"headcount":       {"Số người", "Headcount"},
	"post_id":         {"Vọng gác", "Post"},
	"post_ids":        {"Vọng gác", "Posts"},
	"guard_id":        {"Bảo vệ", "Guard"},
	"guard":           {"Bảo vệ", "Guard"},
	"post":            {"Vọng gác", "Post"},
	"members":         {"Thành viên", "Members"},
	"preset":          {"Kiểu luân phiên", "Pattern"},
	"start_date":      {"Ngày bắt đầu", "Start date"},
	"effective_from":  {"Áp dụng từ", "Effective from"},
	"until":           {"Đến ngày", "Until"},
	"extra_headcount": {"Số người tăng thêm", "Extra headcount"},
	"status":          {"Trạng thái", "Status"},
	"version":         {"Phiên bản", "Version"},
	"timezone":        {"Múi giờ", "Time zone"},
	"username":        {"Tên đăng nhập", "User name"},
	"password":        {"Mật khẩu", "Password"},
	"role":            {"Vai trò", "Role"},
	"skills":          {"Kỹ năng", "Skills"},
	"contact":         {"Liên hệ", "Contact"},
	"requirements":    {"Yêu cầu trực", "Requirements"},
	"handover":        {"Giờ giao ca", "Handover"},
	"pattern":         {"Chu kỳ", "Pattern"},
	"url":             {"Địa chỉ", "Address"},
	"secret":          {"Khóa bí mật", "Secret"},
	"host":            {"Máy chủ", "Host"},
	"port":            {"Cổng", "Port"},
	"from":            {"Từ", "From"},
	"to":              {"Đến", "To"},
	"a":               {"Ca thứ nhất", "First shift"},
	"b":               {"Ca thứ hai", "Second shift"},
	"id":              {"Mã số", "Id"},
	"limit":           {"Giới hạn", "Limit"},
	"dry_run":         {"Chạy thử", "Dry run"},
	"lang":            {"Ngôn ngữ", "Language"},
	"year":            {"Năm", "Year"},
	"target_id":       {"Đối tượng của lịch", "Calendar target"},
	"scope":           {"Phạm vi lịch", "Calendar scope"},
	"body":            {"Nội dung tệp", "File contents"},
	"active":          {"Đang hoạt động", "Active"},
	"cycle_days":      {"Số ngày của chu kỳ", "Cycle length"},
	"slots":           {"Các ca trong chu kỳ", "Slots"},
	"hours":           {"Số giờ", "Hours"},
	"member":          {"Người trực", "Member"},
	"tls":             {"Mã hóa", "Encryption"},
	"events":          {"Loại thông báo", "Types"},
	"recipient":       {"Người nhận", "Recipient"},
	// Settings (the words of the settings page).
	"office_name":              {"Tên cơ quan", "Office name"},
	"max_shift_hours":          {"Ca liên tục tối đa (giờ)", "Longest stretch of duty (h)"},
	"max_daily_hours":          {"Giờ làm tối đa mỗi ngày", "Most hours a day"},
	"min_rest_hours":           {"Nghỉ tối thiểu giữa hai ca (giờ)", "Least rest between shifts (h)"},
	"max_weekly_hours":         {"Giờ làm tối đa mỗi tuần", "Most hours a week"},
	"min_weekly_rest_hours":    {"Nghỉ liên tục tối thiểu mỗi tuần (giờ)", "Least weekly rest in a row (h)"},
	"max_overtime_month_hours": {"Làm thêm tối đa mỗi tháng (giờ)", "Most overtime a month (h)"},
	"max_overtime_year_hours":  {"Làm thêm tối đa mỗi năm (giờ)", "Most overtime a year (h)"},
	"night_start":              {"Giờ làm đêm bắt đầu", "Night work starts"},
	"night_end":                {"Giờ làm đêm kết thúc", "Night work ends"},
	"horizon_days":             {"Sinh ca trước bao nhiêu ngày", "Days generated ahead"},
	"lookahead_hours":          {"Quét trước bao nhiêu giờ", "Hours the sweep looks ahead"},
	"notify_lead_hours":        {"Báo công an trước bao nhiêu giờ", "Hours ahead the police are told"},
	"backup_keep":              {"Số bản sao lưu giữ lại", "Backups kept"},
	"reminder_lead_minutes":    {"Nhắc ca trước (phút)", "Remind before a shift (minutes)"},
	"escalate_after_minutes":   {"Báo cấp trên sau (phút)", "Escalate after (minutes)"},
	"alarm_minutes":            {"Nhắc trong lịch trước (phút)", "Calendar alarm before a shift (minutes)"},
	"days_back":                {"Số ngày đã qua hiển thị", "Days back"},
	"days_ahead":               {"Số ngày tới hiển thị", "Days ahead"},
	"refresh_minutes":          {"Làm mới sau (phút)", "Refresh every (minutes)"},
}
