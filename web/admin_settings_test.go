package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"catruc/scheduler"
	"catruc/scheduler/labour"
)

// admRulesForm is the rules form as the page fills it, with changes.
func admRulesForm(set map[string]string) url.Values {
	f := url.Values{"max_shift_hours": {"12"}, "max_daily_hours": {"12"}, "min_rest_hours": {"12"}, "max_weekly_hours": {"48"},
		"min_weekly_rest_hours": {"24"}, "max_overtime_month_hours": {"40"}, "max_overtime_year_hours": {"200"},
		"night_start": {"22:00"}, "night_end": {"06:00"}}
	for _, r := range labour.RuleNames {
		f.Set("enf-"+r, "warn")
	}
	for k, v := range set {
		f.Set(k, v)
	}
	return f
}

// Ensure a manager sees every setting read-only (forms disabled) and is
// refused (403) when saving, while an administrator saves the labour rules;
// a bad figure is shown next to its field and nothing is written.
func TestAdminSettingsRules(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	t.Cleanup(s.eng.Stop)
	m := admAs(s, "quanly", managerPass)
	code, body, _ := m.get("/settings")
	admWant(t, "manager view", code, 200, body)
	contains(t, body, "Chỉ quản trị viên được thay đổi cài đặt", `<fieldset class="adm-plain" disabled>`, "Quy định giờ làm",
		`id="max_weekly_hours" name="max_weekly_hours" type="number" value="48"`, "Văn phòng UBND tỉnh", "Asia/Ho_Chi_Minh")
	for path, form := range map[string]url.Values{"/settings/rules": admRulesForm(map[string]string{"max_weekly_hours": "40"}),
		"/settings/office": {"office_name": {"X"}, "timezone": {"UTC"}}, "/settings/jobs": {"horizon_days": {"5"}},
		"/settings/notifications": {"escalate_after_minutes": {"5"}}, "/settings/calendar": {"alarm_minutes": {"5"}},
		"/settings/notifications/test": {"test_email": {"a@example.vn"}}} {
		if code, _, _ := m.post(path, form); code != http.StatusForbidden {
			t.Errorf("manager POST %s: %d, want 403", path, code)
		}
	}
	if r, _ := s.st.Rules(ctx); r.MaxWeeklyHours != 48 {
		t.Fatalf("a manager changed the rules: %+v", r)
	}

	a := admAdmin(t, s)
	code, body, _ = a.get("/settings")
	admWant(t, "admin view", code, 200, body)
	admLacks(t, body, "Chỉ quản trị viên được thay đổi cài đặt", "disabled>")
	code, body, _ = a.post("/settings/rules", admRulesForm(map[string]string{"max_shift_hours": "30"}))
	admWant(t, "shift too long", code, http.StatusBadRequest, body)
	contains(t, body, `id="max_shift_hours-err"`, "«Ca liên tục tối đa (giờ)» phải từ 1 đến 24 giờ.", `value="30"`)
	code, body, _ = a.post("/settings/rules", admRulesForm(map[string]string{"min_rest_hours": "mười hai"}))
	admWant(t, "not a number", code, http.StatusBadRequest, body)
	contains(t, body, `id="min_rest_hours-err"`, "Hãy nhập một số", `value="mười hai"`)
	if r, _ := s.st.Rules(ctx); r.MaxShiftHours != 12 || r.MinRestHours != 12 {
		t.Fatalf("bad input was written: %+v", r)
	}
	code, body, loc := a.post("/settings/rules", admRulesForm(map[string]string{"max_weekly_hours": "44,5",
		"enf-weekly_hours": "block", "check_police": "1", "night_start": "21:00"}))
	if code != http.StatusSeeOther || loc != "/settings#rules" {
		t.Fatalf("save rules: %d %s %s", code, loc, body)
	}
	r, _ := s.st.Rules(ctx)
	if r.MaxWeeklyHours != 44.5 || r.Mode(labour.RuleWeeklyHours) != labour.ModeBlock || r.Mode(labour.RuleDailyHours) != labour.ModeWarn ||
		!r.CheckPolice || r.NightStart != "21:00" {
		t.Fatalf("stored %+v", r)
	}
	_, body, _ = a.get("/settings")
	contains(t, body, "Đã lưu cài đặt.", `value="44.5"`, `<option value="block" selected>Chặn</option>`, `id="check_police" name="check_police" value="1" checked`)
}

// Ensure an administrator saves the office, the jobs (the engine reloads them)
// and the calendar settings, with bad values refused next to their field.
func TestAdminSettingsOfficeJobsCalendar(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	t.Cleanup(s.eng.Stop)
	a := admAdmin(t, s)
	a.get("/settings")
	code, body, _ := a.post("/settings/office", url.Values{"office_name": {"Văn phòng UBND tỉnh Quảng Ngãi"}, "timezone": {"Mặt Trăng/Tĩnh"}})
	admWant(t, "bad zone", code, http.StatusBadRequest, body)
	contains(t, body, `id="timezone-err"`, "Không có múi giờ «Mặt Trăng/Tĩnh»")
	code, _, _ = a.post("/settings/office", url.Values{"office_name": {"Văn phòng UBND tỉnh Quảng Ngãi"}, "timezone": {"Asia/Ho_Chi_Minh"}})
	admWant(t, "office", code, http.StatusSeeOther, "")
	if o, _ := s.st.Office(ctx); o.Name != "Văn phòng UBND tỉnh Quảng Ngãi" {
		t.Fatalf("office %+v", o)
	}

	jobs := url.Values{"horizon_days": {"30"}, "lookahead_hours": {"72"}, "notify_lead_hours": {"24"}, "backup_keep": {"7"},
		"reminder_lead_minutes": {"120, 30"}}
	for _, n := range scheduler.JobNames {
		jobs.Set("sched-"+n, scheduler.DefaultJobSettings().Schedules[n])
	}
	jobs.Set("sched-digest", "mỗi sáng")
	code, body, _ = a.post("/settings/jobs", jobs)
	admWant(t, "bad schedule", code, http.StatusBadRequest, body)
	contains(t, body, `id="sched-digest-err"`, "«mỗi sáng» không phải là lịch chạy cron", `value="mỗi sáng"`)
	jobs.Set("sched-digest", "0 7 * * *")
	jobs.Set("sched-backup", "off")
	code, body, _ = a.post("/settings/jobs", jobs)
	admWant(t, "jobs", code, http.StatusSeeOther, body)
	j, _ := s.st.JobSettings(ctx)
	if j.Schedules[scheduler.JobDigest] != "0 7 * * *" || j.HorizonDays != 30 || len(j.ReminderLeadMinutes) != 2 || j.ReminderLeadMinutes[0] != 120 ||
		j.Schedules[scheduler.JobBackup] != "off" {
		t.Fatalf("jobs %+v", j)
	}
	js, err := s.eng.Jobs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, x := range js {
		if x.Name == scheduler.JobDigest {
			found = x.Schedule == "0 7 * * *"
		}
	}
	if !found {
		t.Errorf("the engine did not reload the schedules: %+v", js)
	}

	code, body, _ = a.post("/settings/calendar", url.Values{"alarm_minutes": {"30"}, "days_back": {"7"}, "days_ahead": {"5000"}, "refresh_minutes": {"60"}})
	admWant(t, "bad calendar", code, http.StatusBadRequest, body)
	contains(t, body, `id="days_ahead-err"`, "«Số ngày tới hiển thị» phải từ 1 đến 731.")
	code, _, _ = a.post("/settings/calendar", url.Values{"alarm_minutes": {"30"}, "days_back": {"7"}, "days_ahead": {"90"}, "refresh_minutes": {"60"}})
	admWant(t, "calendar", code, http.StatusSeeOther, "")
	if cs, _ := s.st.CalendarSettings(ctx); cs.AlarmMinutes != 30 || cs.DaysAhead != 90 {
		t.Fatalf("calendar %+v", cs)
	}
	_, body, _ = a.get("/settings")
	contains(t, body, "Văn phòng UBND tỉnh Quảng Ngãi", `value="0 7 * * *"`, `value="120, 30"`, `id="days_ahead" name="days_ahead" type="number" value="90"`)
}

// Ensure an administrator sets who is notified and how: people as rows, SMTP
// with a write-only password ("đã đặt", never shown, kept when left empty),
// webhooks with a write-only secret; a bad address is shown on its row.
func TestAdminSettingsNotifications(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	a := admAdmin(t, s)
	a.get("/settings")
	form := url.Values{"mgr_rows": {"2"}, "mgr-0-name": {"Trần Văn Quản"}, "mgr-0-email": {"quan.tran@vpubnd.example.vn"},
		"esc_rows": {"1"}, "esc-0-name": {"Chánh Văn phòng"}, "esc-0-email": {"chanhvp@vpubnd.example.vn"},
		"escalate_after_minutes": {"20"}, "smtp_host": {"smtp.vpubnd.example.vn"}, "smtp_port": {"587"}, "smtp_username": {"lichtruc"},
		"smtp_password": {"mật-khẩu-thư"}, "smtp_from": {"Lịch trực <lichtruc@vpubnd.example.vn>"}, "smtp_tls": {"starttls"},
		"wh_rows": {"1"}, "wh-0-url": {"https://hooks.example.vn/catruc"}, "wh-0-secret": {"bí-mật-webhook"},
		"wh-0-events": {"alert.opened", "test"}}
	bad := url.Values{}
	for k, v := range form {
		bad[k] = v
	}
	bad.Set("mgr-1-email", "không-phải-thư")
	code, body, _ := a.post("/settings/notifications", bad)
	admWant(t, "bad email", code, http.StatusBadRequest, body)
	contains(t, body, `id="mgr-1-email-err"`, "không phải là địa chỉ email", `value="Trần Văn Quản"`)
	if ns, _ := s.st.NotificationSettings(ctx); len(ns.Managers) != 0 {
		t.Fatalf("written: %+v", ns)
	}
	code, body, _ = a.post("/settings/notifications", form)
	admWant(t, "save", code, http.StatusSeeOther, body)
	ns, _ := s.st.NotificationSettings(ctx)
	if len(ns.Managers) != 1 || ns.Managers[0].Name != "Trần Văn Quản" || len(ns.Escalation) != 1 || ns.EscalateAfterMinutes != 20 ||
		ns.SMTP.Password != "mật-khẩu-thư" || ns.SMTP.Host != "smtp.vpubnd.example.vn" || len(ns.Webhooks) != 1 ||
		ns.Webhooks[0].Secret != "bí-mật-webhook" || len(ns.Webhooks[0].Events) != 2 {
		t.Fatalf("stored %+v", ns)
	}
	_, body, _ = a.get("/settings")
	contains(t, body, "Trần Văn Quản", "chanhvp@vpubnd.example.vn", "<strong>đã đặt</strong>", "https://hooks.example.vn/catruc",
		`id="wh-0-ev-alert.opened" name="wh-0-events" value="alert.opened" checked`, `name="mgr_rows" value="2"`)
	admLacks(t, body, "mật-khẩu-thư", "bí-mật-webhook")
	// Saving again with the password and secret left empty keeps them.
	form.Set("smtp_password", "")
	form.Set("wh-0-secret", "")
	form.Set("escalate_after_minutes", "45")
	code, body, _ = a.post("/settings/notifications", form)
	admWant(t, "save again", code, http.StatusSeeOther, body)
	ns, _ = s.st.NotificationSettings(ctx)
	if ns.SMTP.Password != "mật-khẩu-thư" || ns.Webhooks[0].Secret != "bí-mật-webhook" || ns.EscalateAfterMinutes != 45 {
		t.Fatalf("secrets not kept: %+v", ns)
	}
}

// Ensure the test-send button queues a test message (pending in the outbox),
// shows its id and lists it among the last notifications; a bad address is refused.
func TestAdminSettingsTestSend(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	a := admAdmin(t, s)
	a.get("/settings")
	code, body, _ := a.post("/settings/notifications/test", url.Values{"test_email": {"không-phải-thư"}})
	admWant(t, "bad address", code, http.StatusBadRequest, body)
	contains(t, body, `id="test_email-err"`, "Địa chỉ thư điện tử không hợp lệ.")
	code, body, _ = a.post("/settings/notifications/test", url.Values{"test_email": {""}})
	admWant(t, "nobody", code, http.StatusBadRequest, body)
	contains(t, body, "Chưa có ai để gửi")
	if ns, _ := s.st.FindNotifications(ctx, "", 0); len(ns) != 0 {
		t.Fatalf("queued %+v", ns)
	}
	code, _, loc := a.post("/settings/notifications/test", url.Values{"test_email": {"thu.nghiem@vpubnd.example.vn"}})
	if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/settings?queued=") {
		t.Fatalf("test send: %d %s", code, loc)
	}
	pending, _ := s.st.FindNotifications(ctx, scheduler.NotifyPending, 0)
	if len(pending) != 1 || pending[0].Recipient != "thu.nghiem@vpubnd.example.vn" || pending[0].Type != scheduler.TypeTest ||
		pending[0].Channel != scheduler.ChannelEmail {
		t.Fatalf("pending %+v", pending)
	}
	code, body, _ = a.get(loc)
	admWant(t, "after test", code, 200, body)
	contains(t, body, "Đã xếp hàng gửi thư thử.", "Đã xếp hàng gửi: #", "thu.nghiem@vpubnd.example.vn", "Chờ gửi", "thư thử nghiệm")
	if !strings.Contains(loc, "queued="+strconv.FormatInt(pending[0].ID, 10)) {
		t.Errorf("redirect %s does not name notification %d", loc, pending[0].ID)
	}
}

// Ensure guards and viewers may not open the settings at all.
func TestAdminSettingsRoles(t *testing.T) {
	s := newSite(t)
	admForbidden(t, s, []string{"/settings"}, map[string]url.Values{"/settings/rules": admRulesForm(nil),
		"/settings/notifications/test": {"test_email": {"a@example.vn"}}}, false)
	if ns, _ := s.st.FindNotifications(context.Background(), "", 0); len(ns) != 0 {
		t.Fatalf("queued %+v", ns)
	}
}
