package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"catruc/scheduler"
	"catruc/scheduler/labour"
	"catruc/scheduler/render"

	"github.com/labstack/echo/v4"
)

// The words of the office's document heading (the other settings' words are in msg_admin.go).
// wordsSettings are words of the pages (key → {Vietnamese, English}); pageWords lists them all.
var wordsSettings = map[string][2]string{
	"adm.set.f.parent_body":       {"Cơ quan chủ quản", "Parent body"},
	"adm.set.h.parent_body":       {"In trên tên cơ quan, ví dụ UBND TỈNH QUẢNG NGÃI.", "Printed above the office's name, e.g. UBND TỈNH QUẢNG NGÃI."},
	"adm.set.f.place":             {"Địa danh", "Place"},
	"adm.set.h.place":             {"Ghi trước ngày: «Quảng Ngãi, ngày …».", "Written before the date: «Quảng Ngãi, ngày …»."},
	"adm.set.f.doc_number_prefix": {"Ký hiệu số văn bản", "Document number symbol"},
	"adm.set.h.doc_number_prefix": {"Ghi sau số (để trống), ví dụ /LT-VP.", "Written after the number (left blank), e.g. /LT-VP."},
}

// The numeric fields of each section, in display order; input names match
// the settings' JSON fields so that a domain error names its input.
var (
	admRuleHours = []string{"max_shift_hours", "max_daily_hours", "min_rest_hours", "max_weekly_hours",
		"min_weekly_rest_hours", "max_overtime_month_hours", "max_overtime_year_hours"}
	admJobNumbers      = []string{"horizon_days", "lookahead_hours", "notify_lead_hours", "backup_keep"}
	admCalendarNumbers = []string{"alarm_minutes", "days_back", "days_ahead", "refresh_minutes"}
	admSMTPTLS         = []string{"starttls", "tls", "none"}
)

// admPersonRow is a row of a list of people to notify.
type admPersonRow struct {
	I           int
	Name, Email string
}

// admWebhookRow is a row of the webhooks.
type admWebhookRow struct {
	I         int
	URL       string
	HasSecret bool
	Events    map[string]bool
}

// admSettingsView is the settings page: every section's values as the
// inputs show them, and the errors of the section just sent.
type admSettingsView struct {
	Admin         bool
	V             map[string]string
	RuleHours     []string
	RuleNames     []string
	Jobs          []string
	JobNumbers    []string
	CalNumbers    []string
	TLS           []string
	Types         []string
	Managers      []admPersonRow
	Escalation    []admPersonRow
	Webhooks      []admWebhookRow
	PasswordSet   bool
	BackupDir     string
	Notifications []*scheduler.Notification
	Queued        string
	Errs          admErrs
	// The inputs of each section, ready to show (see prepare).
	OfficeFields, RuleFields, JobFields, NotifFields, CalFields []admField
	EscalateField                                               admField
}

// admField is one input of the settings page with its label, value and error.
type admField struct {
	Name, Label, Type, Value, Err, Hint, Step, Min string
}

// admHint is the hint of an input, if it has one.
func admHint(l, key string) string {
	ok := hasMessage(key)
	if !ok {
		return ""
	}
	return tr(l, key)
}

// prepare lays out the inputs of every section in language l.
func (v *admSettingsView) prepare(l string) {
	f := func(name, typ string) admField {
		x := admField{Name: name, Label: tr(l, "adm.set.f."+name), Type: typ, Value: v.V[name], Err: v.Errs[name],
			Hint: admHint(l, "adm.set.h."+name)}
		if typ == "number" {
			x.Step, x.Min = "any", "0"
		}
		return x
	}
	v.OfficeFields = []admField{f("office_name", "text"), f("timezone", "text"), f("parent_body", "text"),
		f("place", "text"), f("doc_number_prefix", "text")}
	v.RuleFields = nil
	for _, n := range admRuleHours {
		v.RuleFields = append(v.RuleFields, f(n, "number"))
	}
	v.RuleFields = append(v.RuleFields, f("night_start", "time"), f("night_end", "time"))
	v.JobFields = nil
	for _, n := range scheduler.JobNames {
		x := f("sched-"+n, "text")
		x.Label = tr(l, "adm.set.job."+n)
		v.JobFields = append(v.JobFields, x)
	}
	for _, n := range admJobNumbers {
		x := f(n, "number")
		x.Step, x.Min = "1", "1"
		v.JobFields = append(v.JobFields, x)
	}
	v.JobFields = append(v.JobFields, f("reminder_lead_minutes", "text"))
	v.EscalateField = f("escalate_after_minutes", "number")
	v.EscalateField.Step, v.EscalateField.Min = "1", "1"
	v.NotifFields = []admField{f("smtp_host", "text"), f("smtp_port", "number"), f("smtp_username", "text"), f("smtp_from", "text")}
	v.NotifFields[1].Step, v.NotifFields[1].Min = "1", "1"
	v.CalFields = nil
	for _, n := range admCalendarNumbers {
		x := f(n, "number")
		x.Step = "1"
		v.CalFields = append(v.CalFields, x)
	}
}

// admRenderSettings shows the settings page.
func (w *Web) admRenderSettings(c echo.Context, status int, v *admSettingsView) error {
	v.prepare(lang(c))
	return w.render(c, status, "admin_settings", map[string]any{"S": v})
}

func admF(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// admLoadSettings fills the page with the stored settings.
func (w *Web) admLoadSettings(c echo.Context) (*admSettingsView, error) {
	ctx := c.Request().Context()
	s := sessionOf(c)
	v := &admSettingsView{Admin: s != nil && scheduler.Can(s.User.Role, scheduler.ActionSettingsWrite), V: map[string]string{},
		RuleHours: admRuleHours, RuleNames: labour.RuleNames, Jobs: scheduler.JobNames, JobNumbers: admJobNumbers,
		CalNumbers: admCalendarNumbers, TLS: admSMTPTLS, Types: scheduler.NotificationTypes, Errs: admErrs{}}
	o, err := w.Store.Office(ctx)
	if err != nil {
		return nil, err
	}
	v.V["office_name"], v.V["timezone"] = o.Name, o.Timezone
	v.V["parent_body"], v.V["place"], v.V["doc_number_prefix"] = o.ParentBody, o.Place, o.DocNumberPrefix
	r, err := w.Store.Rules(ctx)
	if err != nil {
		return nil, err
	}
	for k, x := range map[string]float64{"max_shift_hours": r.MaxShiftHours, "max_daily_hours": r.MaxDailyHours,
		"min_rest_hours": r.MinRestHours, "max_weekly_hours": r.MaxWeeklyHours, "min_weekly_rest_hours": r.MinWeeklyRestHours,
		"max_overtime_month_hours": r.MaxOvertimeMonthHours, "max_overtime_year_hours": r.MaxOvertimeYearHours} {
		v.V[k] = admF(x)
	}
	v.V["night_start"], v.V["night_end"] = r.NightStart, r.NightEnd
	for _, n := range labour.RuleNames {
		v.V["enf-"+n] = r.Mode(n)
	}
	if r.CheckPolice {
		v.V["check_police"] = "1"
	}
	j, err := w.Store.JobSettings(ctx)
	if err != nil {
		return nil, err
	}
	for _, n := range scheduler.JobNames {
		v.V["sched-"+n] = j.Schedules[n]
	}
	v.V["horizon_days"], v.V["lookahead_hours"] = strconv.Itoa(j.HorizonDays), strconv.Itoa(j.LookaheadHours)
	v.V["notify_lead_hours"], v.V["backup_keep"] = strconv.Itoa(j.NotifyLeadHours), strconv.Itoa(j.BackupKeep)
	var leads []string
	for _, m := range j.ReminderLeadMinutes {
		leads = append(leads, strconv.Itoa(m))
	}
	v.V["reminder_lead_minutes"] = strings.Join(leads, ", ")
	v.BackupDir = j.BackupDir
	ns, err := w.Store.NotificationSettings(ctx)
	if err != nil {
		return nil, err
	}
	v.V["escalate_after_minutes"] = strconv.Itoa(ns.EscalateAfterMinutes)
	v.V["smtp_host"], v.V["smtp_port"], v.V["smtp_username"] = ns.SMTP.Host, strconv.Itoa(ns.SMTP.Port), ns.SMTP.Username
	v.V["smtp_from"], v.V["smtp_tls"] = ns.SMTP.From, ns.SMTP.TLS
	v.PasswordSet = ns.SMTP.Password != ""
	for i, p := range ns.Managers {
		v.Managers = append(v.Managers, admPersonRow{I: i, Name: p.Name, Email: p.Email})
	}
	for i, p := range ns.Escalation {
		v.Escalation = append(v.Escalation, admPersonRow{I: i, Name: p.Name, Email: p.Email})
	}
	for i, wh := range ns.Webhooks {
		row := admWebhookRow{I: i, URL: wh.URL, HasSecret: wh.Secret != "", Events: map[string]bool{}}
		for _, e := range wh.Events {
			row.Events[e] = true
		}
		v.Webhooks = append(v.Webhooks, row)
	}
	v.blankRows()
	cs, err := w.Store.CalendarSettings(ctx)
	if err != nil {
		return nil, err
	}
	v.V["alarm_minutes"], v.V["days_back"] = strconv.Itoa(cs.AlarmMinutes), strconv.Itoa(cs.DaysBack)
	v.V["days_ahead"], v.V["refresh_minutes"] = strconv.Itoa(cs.DaysAhead), strconv.Itoa(cs.RefreshMinutes)
	if v.Notifications, err = w.Store.FindNotifications(ctx, "", 20); err != nil {
		return nil, err
	}
	return v, nil
}

// blankRows adds an empty row to each list, to add one.
func (v *admSettingsView) blankRows() {
	v.Managers = append(v.Managers, admPersonRow{I: len(v.Managers)})
	v.Escalation = append(v.Escalation, admPersonRow{I: len(v.Escalation)})
	v.Webhooks = append(v.Webhooks, admWebhookRow{I: len(v.Webhooks), Events: map[string]bool{}})
}

// GET /settings — every setting; only an administrator may change them.
func (w *Web) admSettings(c echo.Context) error {
	v, err := w.admLoadSettings(c)
	if err != nil {
		return err
	}
	var ids []string
	for _, s := range strings.Split(c.QueryParam("queued"), ",") {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil && id > 0 {
			ids = append(ids, "#"+strconv.FormatInt(id, 10))
		}
	}
	v.Queued = strings.Join(ids, ", ")
	return w.admRenderSettings(c, http.StatusOK, v)
}

// admSaveSection runs one section's save: read puts the form's values into
// v.V (so that they show again on an error) and returns the save, or nil
// when the form itself has errors; rename maps domain fields to inputs.
func (w *Web) admSaveSection(c echo.Context, anchor, done string, read func(v *admSettingsView) func() error, rename func(string) string) error {
	l := lang(c)
	v, err := w.admLoadSettings(c)
	if err != nil {
		return err
	}
	save := read(v)
	status := http.StatusBadRequest
	if len(v.Errs) == 0 && save != nil {
		err := save()
		if err == nil {
			w.flash(c, done)
			return c.Redirect(http.StatusSeeOther, "/settings#"+anchor)
		}
		errs, st, err := admUserError(l, err, rename)
		if err != nil {
			return err
		}
		v.Errs, status = errs, st
	}
	v.Errs.add("", tr(l, "adm.err.form"))
	return w.admRenderSettings(c, status, v)
}

// admTake copies the named inputs of the form into v.V.
func admTake(c echo.Context, v *admSettingsView, names ...string) {
	for _, n := range names {
		v.V[n] = strings.TrimSpace(c.FormValue(n))
	}
}

// POST /settings/office (office_name, timezone, parent_body, place, doc_number_prefix)
func (w *Web) admSaveOffice(c echo.Context) error {
	return w.admSaveSection(c, "office", "adm.set.saved", func(v *admSettingsView) func() error {
		admTake(c, v, "office_name", "timezone", "parent_body", "place", "doc_number_prefix")
		o := scheduler.Office{Name: v.V["office_name"], Timezone: v.V["timezone"], ParentBody: v.V["parent_body"],
			Place: v.V["place"], DocNumberPrefix: v.V["doc_number_prefix"]}
		return func() error {
			ctx := c.Request().Context()
			if _, err := w.Store.SetOffice(ctx, o); err != nil {
				return err
			}
			if w.Engine != nil {
				return w.Engine.Reload(ctx) // the jobs run in the office zone
			}
			return nil
		}
	}, func(f string) string {
		if f == "name" {
			return "office_name"
		}
		return f
	})
}

// POST /settings/rules — the labour rules, their enforcement and check_police.
func (w *Web) admSaveRules(c echo.Context) error {
	l := lang(c)
	return w.admSaveSection(c, "rules", "adm.set.saved", func(v *admSettingsView) func() error {
		admTake(c, v, admRuleHours...)
		admTake(c, v, "night_start", "night_end")
		r := labour.Rules{NightStart: v.V["night_start"], NightEnd: v.V["night_end"], Enforcement: map[string]string{},
			CheckPolice: admChecked(c, "check_police")}
		v.V["check_police"] = ""
		if r.CheckPolice {
			v.V["check_police"] = "1"
		}
		hours := map[string]*float64{"max_shift_hours": &r.MaxShiftHours, "max_daily_hours": &r.MaxDailyHours,
			"min_rest_hours": &r.MinRestHours, "max_weekly_hours": &r.MaxWeeklyHours, "min_weekly_rest_hours": &r.MinWeeklyRestHours,
			"max_overtime_month_hours": &r.MaxOvertimeMonthHours, "max_overtime_year_hours": &r.MaxOvertimeYearHours}
		for _, n := range admRuleHours {
			*hours[n] = admFloat(v.Errs, l, n, v.V[n])
		}
		for _, n := range labour.RuleNames {
			admTake(c, v, "enf-"+n)
			r.Enforcement[n] = v.V["enf-"+n]
		}
		return func() error {
			_, err := w.Store.SetRules(c.Request().Context(), r)
			return err
		}
	}, func(f string) string {
		if strings.HasPrefix(f, "enforcement.") {
			return "enf-" + strings.TrimPrefix(f, "enforcement.")
		}
		return f
	})
}

// POST /settings/jobs — schedules and numbers; the engine picks them up at once.
func (w *Web) admSaveJobs(c echo.Context) error {
	l := lang(c)
	return w.admSaveSection(c, "jobs", "adm.set.saved", func(v *admSettingsView) func() error {
		j := scheduler.JobSettings{Schedules: map[string]string{}, BackupDir: v.BackupDir}
		for _, n := range scheduler.JobNames {
			admTake(c, v, "sched-"+n)
			j.Schedules[n] = v.V["sched-"+n]
			if j.Schedules[n] == "" {
				v.Errs.add("sched-"+n, tr(l, "adm.err.required"))
			}
		}
		admTake(c, v, admJobNumbers...)
		admTake(c, v, "reminder_lead_minutes")
		j.HorizonDays = admInt(v.Errs, l, "horizon_days", v.V["horizon_days"], 0)
		j.LookaheadHours = admInt(v.Errs, l, "lookahead_hours", v.V["lookahead_hours"], 0)
		j.NotifyLeadHours = admInt(v.Errs, l, "notify_lead_hours", v.V["notify_lead_hours"], 0)
		j.BackupKeep = admInt(v.Errs, l, "backup_keep", v.V["backup_keep"], 0)
		j.ReminderLeadMinutes = []int{}
		for _, s := range admSplit(v.V["reminder_lead_minutes"]) {
			j.ReminderLeadMinutes = append(j.ReminderLeadMinutes, admInt(v.Errs, l, "reminder_lead_minutes", s, 0))
		}
		return func() error {
			ctx := c.Request().Context()
			if _, err := w.Store.SetJobSettings(ctx, j); err != nil {
				return err
			}
			if w.Engine != nil {
				return w.Engine.Reload(ctx)
			}
			return nil
		}
	}, func(f string) string {
		if strings.HasPrefix(f, "schedules.") {
			return "sched-" + strings.TrimPrefix(f, "schedules.")
		}
		return f
	})
}

// admReadPeople reads the rows prefix-<i>-name/email; a row left blank is dropped.
func admReadPeople(c echo.Context, prefix string) ([]scheduler.Person, []admPersonRow, []int) {
	n := min(max(admInt(admErrs{}, "", "", c.FormValue(prefix+"_rows"), 0), 0), 200)
	ps := []scheduler.Person{}
	var rows []admPersonRow
	var rowOf []int
	for i := range n {
		name := strings.TrimSpace(c.FormValue(fmt.Sprintf("%s-%d-name", prefix, i)))
		email := strings.TrimSpace(c.FormValue(fmt.Sprintf("%s-%d-email", prefix, i)))
		if name == "" && email == "" {
			continue
		}
		row := admPersonRow{I: len(rows), Name: name, Email: email}
		rows = append(rows, row)
		rowOf = append(rowOf, row.I)
		ps = append(ps, scheduler.Person{Name: name, Email: email})
	}
	return ps, rows, rowOf
}

// POST /settings/notifications — who is told and how. The SMTP password and
// the webhooks' secrets are write-only: left empty, the stored ones stay.
func (w *Web) admSaveNotifications(c echo.Context) error {
	l := lang(c)
	var mgrOf, escOf, whOf []int
	return w.admSaveSection(c, "notifications", "adm.set.saved", func(v *admSettingsView) func() error {
		ns := scheduler.NotificationSettings{}
		ns.Managers, v.Managers, mgrOf = admReadPeople(c, "mgr")
		ns.Escalation, v.Escalation, escOf = admReadPeople(c, "esc")
		admTake(c, v, "escalate_after_minutes", "smtp_host", "smtp_port", "smtp_username", "smtp_from", "smtp_tls")
		ns.EscalateAfterMinutes = admInt(v.Errs, l, "escalate_after_minutes", v.V["escalate_after_minutes"], 0)
		ns.SMTP = scheduler.SMTP{Host: v.V["smtp_host"], Port: admInt(v.Errs, l, "smtp_port", v.V["smtp_port"], 0),
			Username: v.V["smtp_username"], Password: c.FormValue("smtp_password"), From: v.V["smtp_from"], TLS: v.V["smtp_tls"]}
		old := map[string]bool{}
		for _, wh := range v.Webhooks {
			old[wh.URL] = wh.HasSecret
		}
		form, err := c.FormParams()
		if err != nil {
			v.Errs.add("", err.Error())
			return nil
		}
		n := min(max(admInt(admErrs{}, "", "", c.FormValue("wh_rows"), 0), 0), 100)
		ns.Webhooks = []scheduler.Webhook{}
		v.Webhooks = nil
		for i := range n {
			p := fmt.Sprintf("wh-%d-", i)
			u := strings.TrimSpace(c.FormValue(p + "url"))
			if u == "" {
				continue
			}
			wh := scheduler.Webhook{URL: u, Secret: c.FormValue(p + "secret"), Events: []string{}}
			row := admWebhookRow{I: len(v.Webhooks), URL: u, HasSecret: old[u] || wh.Secret != "", Events: map[string]bool{}}
			for _, e := range form[p+"events"] {
				wh.Events = append(wh.Events, e)
				row.Events[e] = true
			}
			ns.Webhooks = append(ns.Webhooks, wh)
			v.Webhooks = append(v.Webhooks, row)
			whOf = append(whOf, row.I)
		}
		v.blankRows()
		return func() error {
			// allow_private_webhooks is set through the API only: the form keeps it.
			cur, err := w.Store.NotificationSettings(c.Request().Context())
			if err != nil {
				return err
			}
			ns.AllowPrivateWebhooks = cur.AllowPrivateWebhooks
			_, err = w.Store.SetNotificationSettings(c.Request().Context(), ns, false)
			return err
		}
	}, func(f string) string {
		if r, ok := admRowField(f, "managers", "mgr", mgrOf); ok {
			return r
		}
		if r, ok := admRowField(f, "escalation", "esc", escOf); ok {
			return r
		}
		if r, ok := admRowField(f, "webhooks", "wh", whOf); ok {
			return r
		}
		return strings.ReplaceAll(f, ".", "_") // smtp.host → smtp_host
	})
}

// POST /settings/calendar — how the calendar feeds look.
func (w *Web) admSaveCalendar(c echo.Context) error {
	l := lang(c)
	return w.admSaveSection(c, "calendar", "adm.set.saved", func(v *admSettingsView) func() error {
		admTake(c, v, admCalendarNumbers...)
		cs := scheduler.CalendarSettings{
			AlarmMinutes:   admInt(v.Errs, l, "alarm_minutes", v.V["alarm_minutes"], -1),
			DaysBack:       admInt(v.Errs, l, "days_back", v.V["days_back"], -1),
			DaysAhead:      admInt(v.Errs, l, "days_ahead", v.V["days_ahead"], 0),
			RefreshMinutes: admInt(v.Errs, l, "refresh_minutes", v.V["refresh_minutes"], 0),
		}
		return func() error {
			_, err := w.Store.SetCalendarSettings(c.Request().Context(), cs)
			return err
		}
	}, nil)
}

// POST /settings/notifications/test (test_email) — queues a test message to
// that address (default: every manager) and to every webhook that wants it,
// as the API's POST /api/v1/settings/notifications/test does, and wakes the sender.
func (w *Web) admTestNotification(c echo.Context) error {
	l := lang(c)
	ctx := c.Request().Context()
	email := strings.TrimSpace(c.FormValue("test_email"))
	fail := func(msg string) error {
		v, err := w.admLoadSettings(c)
		if err != nil {
			return err
		}
		v.V["test_email"] = email
		v.Errs.add("test_email", msg)
		v.Errs.add("", tr(l, "adm.err.form"))
		return w.admRenderSettings(c, http.StatusBadRequest, v)
	}
	if email != "" {
		check := scheduler.NotificationSettings{Managers: []scheduler.Person{{Email: email}}, EscalateAfterMinutes: 1}
		if check.Validate() != nil {
			return fail(tr(l, "adm.err.email"))
		}
	}
	ns, err := w.Store.NotificationSettings(ctx)
	if err != nil {
		return err
	}
	queue, err := render.TestNotifications(ns, email, w.Now(), w.Store.Location())
	if err != nil {
		return err
	}
	if len(queue) == 0 {
		return fail(tr(l, "adm.set.test_nobody"))
	}
	if _, err := w.Store.Enqueue(ctx, queue); err != nil {
		return err
	}
	if w.Wake != nil {
		select {
		case w.Wake <- struct{}{}:
		default:
		}
	}
	var ids []string
	for _, q := range queue {
		if q.ID > 0 {
			ids = append(ids, strconv.FormatInt(q.ID, 10))
		}
	}
	w.flash(c, "adm.set.test_queued")
	return c.Redirect(http.StatusSeeOther, "/settings?queued="+strings.Join(ids, ",")+"#test")
}
