package web

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/ical"
	"catruc/scheduler/labour"
	"catruc/scheduler/notify"
	"catruc/scheduler/rotation"
)

// englishSentence finds words of an English sentence, which no Vietnamese
// message has (the iCalendar names and values it quotes are upper case or
// inside «»).
var englishSentence = regexp.MustCompile(`(?i)\b(is|must|not|the|be|has|does|already|required|between|longer|than|should|cannot|exists|only|at most|listed)\b`)

// sampleArg is a value of the kind an argument of that name takes.
func sampleArg(name string) any {
	switch name {
	case "field":
		return "name"
	case "date", "tet", "national_day":
		return scheduler.Day("2026-12-07")
	case "kinds", "presets", "roles", "rules", "jobs", "types":
		return []string{"một", "hai"}
	case "message":
		return scheduler.Sentence{EN: "Nguyen Van An works 25.0 h without a break", VI: "Nguyễn Văn An trực liên tục 25,0 giờ"}
	case "age", "tolerance":
		return 5 * time.Minute
	}
	return 7
}

// Ensure every key of the catalogue, given arguments of its kinds, reads in
// Vietnamese with every placeholder filled, dates as dd/mm/yyyy, a sentence
// argument in Vietnamese, and no English sentence.
func TestEveryErrorKeyReadsVietnamese(t *testing.T) {
	for _, k := range scheduler.MessageKeys() {
		args := map[string]any{}
		for _, p := range scheduler.Placeholders(scheduler.MessageEN(k)) {
			args[p] = sampleArg(p)
		}
		kv := []any{}
		for n, v := range args {
			if n != "field" {
				kv = append(kv, n, v)
			}
		}
		field, _ := args["field"].(string)
		vi := domainMessage("vi", scheduler.E(scheduler.EINVALID, field, k, kv...))
		if strings.ContainsAny(vi, "{}") {
			t.Errorf("%s: a placeholder left in %q", k, vi)
		}
		if w := englishSentence.FindString(vi); w != "" {
			t.Errorf("%s: English word %q in %q", k, w, vi)
		}
		if _, ok := args["date"]; ok && (!strings.Contains(vi, "07/12/2026") || strings.Contains(vi, "2026-12-07")) {
			t.Errorf("%s: the date is not dd/mm/yyyy in %q", k, vi)
		}
		if _, ok := args["message"]; ok && !strings.Contains(vi, "Nguyễn Văn An trực liên tục") {
			t.Errorf("%s: the sentence is not in Vietnamese in %q", k, vi)
		}
	}
}

// Ensure representative errors, made by the domain's own checks from bad
// input, carry a key and read in Vietnamese with no English sentence, the
// field named by its label; and in English as the domain says it.
func TestDomainErrorsReadVietnamese(t *testing.T) {
	validPost := func(f func(*scheduler.Post)) error {
		p := &scheduler.Post{Code: "tru-so", Name: "Trụ sở", Kind: scheduler.PostKindGuard,
			Requirements: []scheduler.Requirement{{Days: []int{1}, Start: "07:00", End: "17:00", Headcount: 1}}}
		f(p)
		return p.Validate()
	}
	t0 := time.Date(2026, 12, 3, 7, 0, 0, 0, time.UTC)
	ics := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20261201T070000\r\nDTEND:20261201T060000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	_, icalErr := ical.Parse(strings.NewReader(ics), time.UTC, time.Time{}, time.Time{})
	rules := labour.Defaults()
	rules.MaxShiftHours = 30
	jobs := scheduler.DefaultJobSettings()
	jobs.Schedules[scheduler.JobDigest] = "mỗi sáng"
	cal := scheduler.DefaultCalendarSettings()
	cal.DaysAhead = 5000
	_, dateErr := scheduler.ParseDate("07/12/2026", time.UTC)
	tests := []struct {
		name string
		err  error
		vi   string // a part of the Vietnamese
		en   string // a part of the English
	}{
		{"code not a slug", validPost(func(p *scheduler.Post) { p.Code = "Trụ Sở" }), "Mã «Trụ Sở» không hợp lệ", "must be a slug"},
		{"no weekday", validPost(func(p *scheduler.Post) { p.Requirements[0].Days = nil }), "ít nhất một ngày trong tuần", "at least one ISO weekday"},
		{"clock", validPost(func(p *scheduler.Post) { p.Requirements[0].Start = "25:00" }), "Giờ phải có dạng HH:MM", `"25:00" is not a clock time`},
		{"headcount", validPost(func(p *scheduler.Post) { p.Requirements[0].Headcount = 0 }), "Số người phải từ 1 đến 20", "headcount must be between 1 and 20"},
		{"name too long", validPost(func(p *scheduler.Post) { p.Name = strings.Repeat("x", 201) }), "«Tên» dài quá 200 ký tự", "Name is longer than 200"},
		{"phone", validPost(func(p *scheduler.Post) { p.Contact.Phone = "gọi tôi" }), "«gọi tôi» không phải là số điện thoại", "is not a phone number"},
		{"extra headcount", (&scheduler.Event{Title: "Hội nghị", Kind: "conference", Start: t0, End: t0.Add(time.Hour), ExtraHeadcount: 50}).Validate(),
			"Số người tăng thêm phải từ 0 đến 20", "extra_headcount must be between 0 and 20"},
		{"event title", (&scheduler.Event{Kind: "conference", Start: t0, End: t0.Add(time.Hour)}).Validate(), "Chưa nhập «Tiêu đề»", "title is required"},
		{"shift end", (&scheduler.Shift{PostID: 1, Start: t0, End: t0}).Validate(), "Thời điểm kết thúc phải sau thời điểm bắt đầu", "end must be after start"},
		{"shift too long", (&scheduler.Shift{PostID: 1, Start: t0, End: t0.Add(25 * time.Hour)}).Validate(), "Một ca trực dài tối đa 24 giờ", "a shift lasts at most 24 hours"},
		{"time off kind", (&scheduler.TimeOff{GuardID: 1, Start: t0, End: t0.Add(time.Hour), Kind: "nghỉ mát"}).Validate(), "Loại không hợp lệ", "kind must be one of leave"},
		{"guard unit", (&scheduler.Guard{Name: "Lê Thị Hoa"}).Validate(), "Chưa nhập đơn vị", "unit is required"},
		{"user role", (&scheduler.User{Name: "hoa", Role: "boss"}).Validate(), "Vai trò phải là", "role must be admin"},
		{"password", scheduler.ValidatePassword("ngắn"), "Mật khẩu phải có ít nhất 8 ký tự", "at least 8 characters"},
		{"rotation members", rotation.ValidateRotation(&scheduler.Rotation{Name: "Ca 3", Preset: scheduler.Preset8h3shift, Handover: "06:00",
			StartDate: "2026-12-01", Members: []int64{1, 2}}), "cần đúng 4 người, không phải 2", "takes exactly 4 members, not 2"},
		{"rotation handover", rotation.ValidateRotation(&scheduler.Rotation{Name: "Ca", Preset: scheduler.Preset2424, Handover: "7h",
			StartDate: "2026-12-01", Members: []int64{1, 2}}), "Giờ phải có dạng HH:MM", `"7h" is not a clock time`},
		{"rules", rules.Validate(), "«Ca liên tục tối đa (giờ)» phải từ 1 đến 24 giờ", "max_shift_hours must be between 1 and 24 hours"},
		{"cron", jobs.Validate(), "«mỗi sáng» không phải là lịch chạy cron", "is not a cron schedule"},
		{"calendar", cal.Validate(), "«Số ngày tới hiển thị» phải từ 1 đến 731", "days_ahead must be between 1 and 731"},
		{"zone", func() error {
			o := scheduler.Office{Name: "VP", Timezone: "Mặt Trăng/Tĩnh"}
			_, err := o.Validate()
			return err
		}(),
			"Không có múi giờ «Mặt Trăng/Tĩnh»", `unknown time zone "Mặt Trăng/Tĩnh"`},
		{"manager email", (&scheduler.NotificationSettings{Managers: []scheduler.Person{{Name: "Quản", Email: "không-phải-thư"}},
			EscalateAfterMinutes: 30}).Validate(), "«không-phải-thư» không phải là địa chỉ email", "is not an email address"},
		{"smtp", notify.ValidateSMTP(scheduler.SMTP{}), "Chưa nhập máy chủ thư", "the SMTP host is required"},
		{"ical", icalErr, "Dòng 6: thời điểm kết thúc (DTEND) phải sau thời điểm bắt đầu (DTSTART)", "line 6: DTEND is not after DTSTART"},
		{"date", scheduler.AtField(dateErr, "start_date"), "Ngày phải có dạng năm-tháng-ngày", `"07/12/2026" is not a date YYYY-MM-DD`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.err == nil {
				t.Fatal("no error")
			}
			if k := scheduler.ErrorKey(tt.err); k == "" || k == "common.internal" {
				t.Fatalf("%v: no key (%q)", tt.err, k)
			}
			vi, en := domainMessage("vi", tt.err), domainMessage("en", tt.err)
			if !strings.Contains(vi, tt.vi) {
				t.Errorf("vi = %q, want %q in it", vi, tt.vi)
			}
			if w := englishSentence.FindString(vi); w != "" {
				t.Errorf("English word %q in the Vietnamese %q", w, vi)
			}
			if !strings.Contains(scheduler.ErrorMessage(tt.err), tt.en) && !strings.Contains(en, tt.en) {
				t.Errorf("en = %q (API %q), want %q in it", en, scheduler.ErrorMessage(tt.err), tt.en)
			}
		})
	}
}
