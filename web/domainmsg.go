package web

import (
	"fmt"
	"regexp"

	"catruc/scheduler"
)

// The store and the scheduler say what is wrong in English (the API's
// language). The pages show the commonest of those messages in Vietnamese;
// any other keeps its English words behind a Vietnamese lead.
var viMessages = []struct {
	re *regexp.Regexp
	vi string // a format taking the submatches
}{
	{regexp.MustCompile(`^(\S+) is required`), "Chưa nhập «%s»."},
	{regexp.MustCompile(`^end must be after start$`), "Thời điểm kết thúc phải sau thời điểm bắt đầu."},
	{regexp.MustCompile(`^a shift lasts at most 24 hours$`), "Một ca trực dài tối đa 24 giờ."},
	{regexp.MustCompile(`^guard \d+ \((.+)\) already holds shift \d+ from \S+ to \S+, which overlaps$`), "%s đã có một ca trực trùng giờ này."},
	{regexp.MustCompile(`^guard \d+ \((.+)\) may not hold post \d+ \((.+)\);`), "%s chưa được phân công trực tại %s; hãy thêm vọng gác này cho bảo vệ trước."},
	{regexp.MustCompile(`^guard \d+ \((.+)\) is not active$`), "%s đang ngừng hoạt động."},
	{regexp.MustCompile(`^post \d+ \((.+)\) is not active$`), "Vọng gác %s đang ngừng hoạt động."},
	{regexp.MustCompile(`^guard \d+ does not exist$`), "Không có bảo vệ này."},
	{regexp.MustCompile(`^post \d+ does not exist$`), "Không có vọng gác này."},
	{regexp.MustCompile(`^this would break a labour rule set to block: (.+)$`), "Thay đổi này vi phạm quy định giờ làm việc đang đặt ở mức chặn: %s"},
	{regexp.MustCompile(`someone changed it`), "Mục này vừa được người khác thay đổi; hãy tải lại trang rồi thử lại."},
	{regexp.MustCompile(`^"(.*)" is not an email address$`), "«%s» không phải là địa chỉ email."},
	{regexp.MustCompile(`^"(.*)" is not a phone number`), "«%s» không phải là số điện thoại."},
	{regexp.MustCompile(`^guard \d+ has shifts, time off, tokens or rotations in the records`), "Bảo vệ này đã có ca trực, nghỉ phép hoặc ca luân phiên trong hồ sơ: hãy cho ngừng hoạt động thay vì xóa."},
	{regexp.MustCompile(`^post \d+ has shifts, rotations or events in the records`), "Vọng gác này đã có ca trực, ca luân phiên hoặc sự kiện trong hồ sơ: hãy cho ngừng hoạt động thay vì xóa."},
	{regexp.MustCompile(`^(\S+) is longer than (\d+) characters$`), "«%s» dài quá %s ký tự."},
	{regexp.MustCompile(`^headcount must be between 1 and (\d+)$`), "Số người phải từ 1 đến %s."},
	{regexp.MustCompile(`is not a clock time HH:MM`), "Giờ phải có dạng HH:MM (ví dụ 07:00)."},
	{regexp.MustCompile(`is not a date YYYY-MM-DD`), "Ngày phải có dạng năm-tháng-ngày (ví dụ 2026-12-07)."},
	{regexp.MustCompile(`^kind must be one of`), "Loại không hợp lệ."},
	{regexp.MustCompile(`^time off %d is (\S+) already`), "Đơn này đã được quyết định rồi."},
	{regexp.MustCompile(`^alert \d+ is already resolved$`), "Cảnh báo này đã được đóng."},
}

// domainMessage shows a domain error's message in language l.
func domainMessage(l string, err error) string {
	msg := scheduler.ErrorMessage(err)
	if l == "en" {
		return msg
	}
	return viMessage(msg)
}

// viMessage is the Vietnamese of an English domain message.
func viMessage(msg string) string {
	for _, m := range viMessages {
		if sub := m.re.FindStringSubmatch(msg); sub != nil {
			args := make([]any, len(sub)-1)
			for i, s := range sub[1:] {
				args[i] = s
			}
			return fmt.Sprintf(m.vi, args...)
		}
	}
	return "Không hợp lệ: " + msg
}
