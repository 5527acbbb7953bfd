package web

// errorsPeopleVI: see domainmsg.go.
var errorsPeopleVI = map[string]string{
	"post.code_not_slug": "Mã «{code}» không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu gạch nối đơn, tối đa {max} ký tự (ví dụ «tru-so»).",
	"post.code_taken":    "Mã «{code}» đã được dùng cho vọng gác {post}; hãy chọn mã khác.",
	"post.code_in_use":   "Mã này đã được dùng cho một vọng gác khác; hãy chọn mã khác.",
	"post.kind_unknown":  "Loại vọng gác phải là bảo vệ cơ quan (guard) hoặc công an (police).",
	"post.bad_id":        "Mã số vọng gác {post_id} không hợp lệ.",
	"post.unknown":       "Không có vọng gác này (số {post_id}).",
	"post.inactive":      "Vọng gác {post} đang ngừng hoạt động.",
	"post.in_use":        "Vọng gác này đã có ca trực, ca luân phiên hoặc sự kiện trong hồ sơ: hãy cho ngừng hoạt động thay vì xóa.",

	"requirement.no_weekday":      "Hãy chọn ít nhất một ngày trong tuần.",
	"requirement.bad_weekday":     "{day} không phải là ngày trong tuần (1 = Thứ Hai … 7 = Chủ Nhật).",
	"requirement.weekday_twice":   "Ngày {day} trong tuần bị chọn hai lần.",
	"requirement.headcount_range": "Số người phải từ 1 đến {max}.",

	"guard.unit_required":       "Chưa nhập đơn vị (bảo vệ cơ quan, công an hoặc tên một đơn vị khác).",
	"guard.skill_empty":         "Có một kỹ năng để trống.",
	"guard.too_many_skills":     "Chỉ ghi được tối đa {max} kỹ năng.",
	"guard.rest_day_range":      "Ngày nghỉ hằng tuần phải từ 1 (thứ Hai) đến 7 (Chủ Nhật), không phải {value}.",
	"guard.unknown":             "Không có bảo vệ này (số {guard_id}).",
	"guard.inactive":            "Bảo vệ {guard} đang ngừng hoạt động.",
	"guard.not_allowed_at_post": "Bảo vệ {guard} chưa được phân công trực tại vọng gác {post}; hãy thêm vọng gác này cho bảo vệ trước.",
	"guard.in_use":              "Bảo vệ này đã có ca trực, nghỉ phép, mã truy cập hoặc ca luân phiên trong hồ sơ: hãy cho ngừng hoạt động thay vì xóa.",

	"user.bad_name":          "Tên đăng nhập gồm 1–64 chữ cái, chữ số hoặc các dấu '.', '_', '@', '-'.",
	"user.bad_role":          "Vai trò phải là quản trị (admin), quản lý (manager), bảo vệ (guard) hoặc người xem (viewer).",
	"user.guard_required":    "Tài khoản bảo vệ phải gắn với một bảo vệ (--guard-id).",
	"user.guard_not_allowed": "Chỉ tài khoản bảo vệ mới gắn với một bảo vệ.",
	"user.bad_lang":          "Ngôn ngữ phải là tiếng Việt (vi) hoặc tiếng Anh (en).",
	"user.password_short":    "Mật khẩu phải có ít nhất {min} ký tự.",
	"user.password_long":     "Mật khẩu dài tối đa {max} byte.",
	"user.name_taken":        "Đã có tài khoản tên «{name}».",
	"user.no_such_name":      "Không có tài khoản nào tên «{name}».",
	"user.no_guard":          "Tài khoản này không gắn với bảo vệ nào.",

	"token.bad_name":          "Tên mã truy cập gồm 1–64 chữ cái không dấu, chữ số hoặc các dấu '.', '_', '@', '-'.",
	"token.bad_role":          "Vai trò phải là một trong: {roles}.",
	"token.guard_required":    "Mã truy cập của bảo vệ phải ghi rõ là của bảo vệ nào.",
	"token.guard_not_allowed": "Chỉ mã truy cập của bảo vệ mới ghi tên một bảo vệ.",
	"token.name_taken":        "Đã có mã truy cập tên «{name}»; hãy thu hồi mã đó trước hoặc chọn tên khác.",
	"token.no_such_name":      "Không có mã truy cập còn hiệu lực nào tên «{name}».",
	"token.unknown":           "Mã truy cập không đúng hoặc đã bị thu hồi.",

	"session.bad_login": "Sai tên đăng nhập hoặc mật khẩu.",
	"session.none":      "Bạn chưa đăng nhập.",
}
