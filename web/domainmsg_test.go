package web

import (
	"testing"

	"catruc/scheduler"
)

// Ensure the commonest domain messages read in Vietnamese, with the names they carry, and others keep their words.
func TestDomainMessageVietnamese(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{scheduler.Conflict("guard_id", "guard 2 (Trần Minh Đức) already holds shift 14 from 2026-12-01T07:00:00+07:00 to 2026-12-02T07:00:00+07:00, which overlaps"),
			"Trần Minh Đức đã có một ca trực trùng giờ này."},
		{scheduler.Invalid("guard_id", "guard 9 (Võ Thị Dung) may not hold post 3 (Vọng gác Cảnh sát); add the post to the guard's post_ids first"),
			"Võ Thị Dung chưa được phân công trực tại Vọng gác Cảnh sát; hãy thêm vọng gác này cho bảo vệ trước."},
		{scheduler.Invalid("end", "end must be after start"), "Thời điểm kết thúc phải sau thời điểm bắt đầu."},
		{scheduler.Invalid("email", `"an@" is not an email address`), "«an@» không phải là địa chỉ email."},
		{scheduler.Conflict("version", "shift 4 is at version 3, not 2: someone changed it; reload and try again"),
			"Mục này vừa được người khác thay đổi; hãy tải lại trang rồi thử lại."},
		{scheduler.Invalid("x", "something new"), "Không hợp lệ: something new"},
	} {
		if got := domainMessage("vi", tc.err); got != tc.want {
			t.Errorf("%v:\n got %q\nwant %q", tc.err, got, tc.want)
		}
		if got := domainMessage("en", tc.err); got != scheduler.ErrorMessage(tc.err) {
			t.Errorf("English changed: %q", got)
		}
	}
}
