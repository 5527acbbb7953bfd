package web

import (
	"catruc/scheduler"
	"fmt"
	"sync"
	"time"
)

// pageWords lists the words of every area of the pages: key → {vi, en}.
var pageWords = []map[string][2]string{
	wordsCommon, wordsDashboard, wordsRoster, wordsRosterFirst, wordsAbsence, wordsMe, wordsAdmin, wordsSettings, wordsPlans,
	wordsDuty,
	wordsIncidents,
}

// allMessages is pageWords merged once (a key defined twice panics).
var allMessages = sync.OnceValue(func() map[string][2]string { return scheduler.MergeAreas("web", pageWords) })

// hasMessage reports whether key has words.
func hasMessage(key string) bool {
	_, ok := allMessages()[key]
	return ok
}

// tr translates key into lang ("vi" or "en"), formatting args into it; an
// unknown key shows as itself, so that a missing word is visible.
func tr(lang, key string, args ...any) string {
	m, ok := allMessages()[key]
	s := key
	if ok {
		s = m[0]
		if lang == "en" && m[1] != "" {
			s = m[1]
		}
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

var weekdaysVI = [7]string{"Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}
var weekdaysShortVI = [7]string{"CN", "T2", "T3", "T4", "T5", "T6", "T7"}

// fmtWeekday: "Thứ Hai" / "Monday"; short: "T2" / "Mon".
func fmtWeekday(lang string, t time.Time, loc *time.Location, short bool) string {
	d := t.In(loc).Weekday()
	if lang == "en" {
		if short {
			return d.String()[:3]
		}
		return d.String()
	}
	if short {
		return weekdaysShortVI[d]
	}
	return weekdaysVI[d]
}

// fmtDate: "Thứ Hai, 07/12/2026" / "Monday 07/12/2026".
func fmtDate(lang string, t time.Time, loc *time.Location) string {
	if lang == "en" {
		return fmtWeekday(lang, t, loc, false) + " " + t.In(loc).Format("02/01/2006")
	}
	return fmtWeekday(lang, t, loc, false) + ", " + t.In(loc).Format("02/01/2006")
}

// fmtSpan: "07:00 – 15:00" on one day, else with dates.
func fmtSpan(a, b time.Time, loc *time.Location) string {
	a, b = a.In(loc), b.In(loc)
	if a.Format("20060102") == b.Format("20060102") {
		return a.Format("15:04") + " – " + b.Format("15:04")
	}
	return a.Format("02/01 15:04") + " – " + b.Format("02/01 15:04")
}

// wordsCommon are words of the pages (key → {Vietnamese, English}); pageWords lists them all.
var wordsCommon = map[string][2]string{
	"app.name":            {"Lịch trực bảo vệ", "Guard duty roster"},
	"nav.dashboard":       {"Tổng quan", "Dashboard"},
	"nav.roster":          {"Lịch trực", "Roster"},
	"nav.rotations":       {"Ca luân phiên", "Rotations"},
	"nav.guards":          {"Bảo vệ", "Guards"},
	"nav.posts":           {"Vọng gác", "Posts"},
	"nav.timeoff":         {"Nghỉ phép", "Time off"},
	"nav.events":          {"Sự kiện", "Events"},
	"nav.alerts":          {"Cảnh báo", "Alerts"},
	"nav.violations":      {"Vi phạm giờ làm", "Breaches"},
	"nav.staffing":        {"Định biên", "Staffing"},
	"nav.security_report": {"Báo cáo an ninh", "Security report"},
	"nav.settings":        {"Cài đặt", "Settings"},
	"nav.me":              {"Lịch của tôi", "My shifts"},
	"nav.logout":          {"Đăng xuất", "Log out"},
	"nav.menu":            {"Trình đơn", "Menu"},
	"lang.switch":         {"English", "Tiếng Việt"},
	"login.title":         {"Đăng nhập", "Log in"},
	"login.username":      {"Tên đăng nhập", "User name"},
	"login.password":      {"Mật khẩu", "Password"},
	"login.submit":        {"Đăng nhập", "Log in"},
	"login.wrong":         {"Sai tên đăng nhập hoặc mật khẩu.", "Wrong user name or password."},
	"login.too_many":      {"Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.", "Too many failed logins. Please try again in a few minutes."},
	"err.title":           {"Có lỗi", "Something went wrong"},
	"err.forbidden":       {"Bạn không có quyền xem trang này.", "You may not open this page."},
	"err.csrf":            {"Biểu mẫu đã hết hạn hoặc không hợp lệ. Hãy tải lại trang và thử lại.", "The form has expired or is not valid. Reload the page and try again."},
	"err.login_first":     {"Hãy đăng nhập trước.", "Please log in first."},
	"err.not_found":       {"Không tìm thấy trang này.", "This page does not exist."},
	"err.internal":        {"Lỗi hệ thống; đã ghi lại để khắc phục.", "Internal error; it has been logged."},
	"err.back":            {"Về trang chính", "Back to the start"},
	"common.save":         {"Lưu", "Save"},
	"common.cancel":       {"Hủy", "Cancel"},
	"common.delete":       {"Xóa", "Delete"},
	"common.none":         {"Không có", "None"},
	"common.open":         {"Trống", "Open"},
	"common.yes":          {"Có", "Yes"},
	"common.no":           {"Không", "No"},
	"common.saved":        {"Đã lưu.", "Saved."},
	"common.from":         {"Từ", "From"},
	"common.to":           {"Đến", "To"},
	"common.note":         {"Ghi chú", "Note"},
	"common.guard":        {"Bảo vệ", "Guard"},
	"common.post":         {"Vọng gác", "Post"},
	"common.actions":      {"Thao tác", "Actions"},
	"common.active":       {"Đang dùng", "Active"},
	"common.status":       {"Trạng thái", "Status"},
	"role.admin":          {"Quản trị", "Administrator"},
	"role.manager":        {"Quản lý", "Manager"},
	"role.guard":          {"Bảo vệ", "Guard"},
	"role.viewer":         {"Xem", "Viewer"},
	"office.motto":        {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIETNAM"},
	"office.motto2":       {"Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"},
	"kind.leave":          {"Nghỉ phép", "Leave"},
	"kind.sick":           {"Ốm", "Sick"},
	"kind.training":       {"Tập huấn", "Training"},
	"kind.other":          {"Khác", "Other"},
	"status.requested":    {"Chờ duyệt", "Requested"},
	"status.approved":     {"Đã duyệt", "Approved"},
	"status.declined":     {"Từ chối", "Declined"},
}
