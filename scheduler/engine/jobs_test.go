package engine_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"catruc/scheduler"
	"catruc/store/storetest"
)

// newOffice opens a demo office at the given time with a mailbox for email.
func newOffice(t *testing.T, at time.Time) (*office, *mailbox) {
	t.Helper()
	mb := startMailbox(t)
	o := &office{t: t, path: filepath.Join(t.TempDir(), "catruc.db"), clk: &clock{t: at}}
	o.open()
	t.Cleanup(func() { o.close() })
	ctx := context.Background()
	if _, err := o.st.LoadDemo(ctx, at); err != nil {
		t.Fatal(err)
	}
	if _, err := o.st.SetNotificationSettings(ctx, scheduler.NotificationSettings{
		Managers: []scheduler.Person{{Name: "Chánh Văn phòng", Email: manager}}, EscalateAfterMinutes: 30,
		SMTP: scheduler.SMTP{Host: mb.host, Port: mb.port, From: "catruc@vpubnd.example.vn", TLS: "none"},
	}, false); err != nil {
		t.Fatal(err)
	}
	return o, mb
}

// Ensure each guard with an email is reminded 12 h and 1 h before a shift,
// once per shift and lead time, and only the shortest lead when both are due.
func TestReminders(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	o, mb := newOffice(t, time.Date(2026, 12, 1, 18, 0, 0, 0, loc))
	an := "an.nguyen@vpubnd.example.vn"
	// 18:00 Tuesday: the 07:00 Wednesday headquarters shift is 13 h away: no reminder yet.
	o.run(scheduler.JobReminders)
	o.flush()
	hqSubjects := func(addr string) []string {
		var out []string
		for _, s := range mb.subjects(addr) {
			if strings.Contains(s, "Trụ sở HĐND") {
				out = append(out, s)
			}
		}
		return out
	}
	before := len(hqSubjects(an)) + len(hqSubjects("duc.tran@vpubnd.example.vn"))
	if before != 0 {
		t.Fatalf("reminders 13 h ahead: %d", before)
	}
	o.clk.add(time.Hour + 5*time.Minute) // 19:05: 11 h 55 min ahead
	o.run(scheduler.JobReminders)
	o.run(scheduler.JobReminders)
	o.flush()
	sh := o.shiftAt(1, time.Date(2026, 12, 2, 7, 0, 0, 0, loc))
	guard := o.guardEmail(*sh.GuardID)
	subs := hqSubjects(guard)
	if len(subs) != 1 || !strings.Contains(subs[0], "Nhắc ca trực: Trụ sở HĐND, UBND tỉnh, Thứ Tư, 02/12/2026 07:00") {
		t.Fatalf("12 h reminders to %s: %q", guard, subs)
	}
	o.clk.t = time.Date(2026, 12, 2, 6, 0, 0, 0, loc) // 1 h ahead
	o.run(scheduler.JobReminders)
	o.run(scheduler.JobReminders)
	o.flush()
	if subs := hqSubjects(guard); len(subs) != 2 {
		t.Fatalf("after the 1 h reminder: %q", subs)
	}
	// A shift made 30 minutes ahead gets one reminder, not two.
	reserve := &scheduler.Guard{Name: "Lê Văn Cường", Unit: "office", Email: "cuong.le@vpubnd.example.vn", PostIDs: []int64{1}, Active: true}
	if err := o.st.CreateGuard(context.Background(), reserve); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 12, 2, 6, 30, 0, 0, loc)
	if err := o.st.CreateShift(context.Background(), &scheduler.Shift{PostID: 1, GuardID: &reserve.ID, Start: start, End: start.Add(4 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	o.run(scheduler.JobReminders)
	o.flush()
	if subs := hqSubjects(reserve.Email); len(subs) != 1 || !strings.Contains(subs[0], "06:30") {
		t.Fatalf("short-notice reminders: %q", subs)
	}
}

// Ensure the digest gives managers today's roster by post, the open alerts and the week's gaps, once a day.
func TestDigest(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	o, mb := newOffice(t, time.Date(2026, 12, 1, 6, 30, 0, 0, loc))
	// Open the Thursday headquarters shift: a gap in the week.
	sh := o.shiftAt(1, time.Date(2026, 12, 3, 7, 0, 0, 0, loc))
	if _, err := o.st.UpdateShift(context.Background(), sh.ID, 0, func(s *scheduler.Shift) error { s.GuardID = nil; return nil }); err != nil {
		t.Fatal(err)
	}
	o.run(scheduler.JobDigest)
	o.run(scheduler.JobDigest)
	o.flush()
	subs := mb.subjects(manager)
	if len(subs) != 1 || !strings.Contains(subs[0], "Lịch trực hôm nay, Thứ Ba, 01/12/2026") || !strings.Contains(subs[0], "2 khoảng trống") {
		t.Fatalf("digest subjects: %q", subs)
	}
	body := mb.bodyTo(manager)
	for _, want := range []string{"Trụ sở HĐND, UBND tỉnh", "Vọng gác Cảnh sát bảo vệ mục tiêu", "Trụ sở Tiếp công dân tỉnh",
		"Thứ Năm, 03/12/2026 07:00", "(thiếu 1)"} {
		if !strings.Contains(body, want) {
			t.Errorf("digest lacks %q:\n%s", want, body)
		}
	}
}

// Ensure the digest shows a shift its guard is partly away from as the part
// worked and the part away with the kind, and the reminder names the hours
// really worked: a guard whose leave covers a shift's first hours is reminded
// before the work starts, not before the shift did.
func TestDigestAndReminderCountAbsence(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	ctx := context.Background()
	o, mb := newOffice(t, time.Date(2026, 12, 1, 6, 30, 0, 0, loc))
	today := o.shiftAt(1, time.Date(2026, 12, 1, 7, 0, 0, 0, loc))
	if err := o.st.CreateTimeOff(ctx, &scheduler.TimeOff{GuardID: *today.GuardID, Kind: scheduler.TimeOffSick,
		Start: time.Date(2026, 12, 1, 18, 0, 0, 0, loc), End: time.Date(2026, 12, 2, 7, 0, 0, 0, loc)}); err != nil {
		t.Fatal(err)
	}
	tomorrow := o.shiftAt(1, time.Date(2026, 12, 2, 7, 0, 0, 0, loc))
	if err := o.st.CreateTimeOff(ctx, &scheduler.TimeOff{GuardID: *tomorrow.GuardID, Kind: scheduler.TimeOffTraining,
		Start: time.Date(2026, 12, 2, 7, 0, 0, 0, loc), End: time.Date(2026, 12, 2, 13, 0, 0, 0, loc)}); err != nil {
		t.Fatal(err)
	}
	o.run(scheduler.JobDigest)
	o.flush()
	body := mb.bodyTo(manager)
	name := o.guardName(*today.GuardID)
	for _, want := range []string{"07:00 – 18:00 " + name, "vắng (ốm)"} {
		if !strings.Contains(body, want) {
			t.Errorf("digest lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "07:00 – Thứ Tư, 02/12/2026 07:00 "+name) {
		t.Errorf("the digest shows the sick guard's whole shift as on duty:\n%s", body)
	}
	// 19:05 the day before: 11 h 55 min before 07:00, but the guard works from 13:00: no reminder yet.
	guard := o.guardEmail(*tomorrow.GuardID)
	o.clk.t = time.Date(2026, 12, 1, 19, 5, 0, 0, loc)
	o.run(scheduler.JobReminders)
	o.flush()
	if subs := mb.subjects(guard); len(subs) != 0 {
		t.Fatalf("reminded 12 h before the shift's start although the training takes its first hours: %q", subs)
	}
	o.clk.t = time.Date(2026, 12, 2, 1, 5, 0, 0, loc) // 11 h 55 min before 13:00
	o.run(scheduler.JobReminders)
	o.flush()
	subs := mb.subjects(guard)
	if len(subs) != 1 || !strings.Contains(subs[0], "13:00") {
		t.Fatalf("reminders before the worked hours: %q", subs)
	}
}

// Ensure the backup job writes a timestamped copy that opens, and keeps only the newest backup_keep.
func TestBackupJob(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	o, _ := newOffice(t, time.Date(2026, 12, 1, 2, 0, 0, 0, loc))
	ctx := context.Background()
	js, _ := o.st.JobSettings(ctx)
	js.BackupKeep = 2
	js.BackupDir = filepath.Join(t.TempDir(), "sao-luu")
	if _, err := o.st.SetJobSettings(ctx, js); err != nil {
		t.Fatal(err)
	}
	var files []string
	for i := 0; i < 3; i++ {
		r := o.run(scheduler.JobBackup)
		files = append(files, r.Result.(map[string]any)["file"].(string))
		o.clk.add(24 * time.Hour)
	}
	left, _ := filepath.Glob(filepath.Join(js.BackupDir, "catruc-*.db"))
	if len(left) != 2 || left[0] != files[1] || left[1] != files[2] || !strings.HasSuffix(files[0], "catruc-20261130-190000.db") {
		t.Fatalf("backups left %v of %v", left, files)
	}
	if _, err := os.Stat(files[0]); !os.IsNotExist(err) {
		t.Fatalf("the oldest backup is still there: %v", err)
	}
}

// Ensure an unknown job is refused and jobs that never ran show their next run and no last run.
func TestJobStatusBeforeRuns(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	o, _ := newOffice(t, time.Date(2026, 12, 1, 8, 0, 0, 0, loc))
	r := o.eng.Run(context.Background(), "nonsense")
	if r.OK || r.Error == "" {
		t.Fatalf("unknown job: %+v", r)
	}
	js, err := o.eng.Jobs(context.Background())
	if err != nil || len(js) != 7 { // … and incidents (issue 12)
		t.Fatalf("jobs: %v %v", js, err)
	}
	for _, j := range js {
		if j.LastRun != nil || j.NextRun == nil || j.Running {
			t.Fatalf("fresh job status: %+v", j)
		}
	}
}

// Ensure a gap that starts inside the sweep's look-ahead and runs past it is
// announced with its real end, not the end of the window.
func TestSweepGapPastTheWindow(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	ctx := context.Background()
	day := time.Date(2026, 12, 1, 9, 30, 0, 0, loc)
	o, _ := newOffice(t, day)
	// The demo's uncovered night is 3 days ahead, 18:00 to 07:00; the window ends at 21:30 that night.
	js, _ := o.st.JobSettings(ctx)
	js.LookaheadHours = 3*24 + 12
	if _, err := o.st.SetJobSettings(ctx, js); err != nil {
		t.Fatal(err)
	}
	o.run(scheduler.JobSweep)
	as := o.gapAlerts(scheduler.AlertOpen)
	if len(as) != 1 {
		t.Fatalf("gap alerts: %d, want the demo's night", len(as))
	}
	start, end := time.Date(2026, 12, 4, 18, 0, 0, 0, loc), time.Date(2026, 12, 5, 7, 0, 0, 0, loc)
	if !as[0].Start.Equal(start) || !as[0].End.Equal(end) || !strings.Contains(as[0].MessageVI, "05/12/2026 07:00") {
		t.Fatalf("the night's alert: %s – %s %q, want %s – %s", as[0].Start, as[0].End, as[0].MessageVI, start, end)
	}
}

// Ensure the backup job on PostgreSQL (CATRUC_TEST_POSTGRES) skips and says
// why — the database is backed up with pg_dump — instead of failing every
// night; on SQLite the same office gets its file.
func TestBackupJobOnEitherBackend(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	o := &office{t: t, path: storetest.DSN(t), clk: &clock{t: time.Date(2026, 12, 1, 2, 0, 0, 0, loc)}}
	o.open()
	t.Cleanup(func() { o.close() })
	ctx := context.Background()
	js, _ := o.st.JobSettings(ctx)
	js.BackupDir = filepath.Join(t.TempDir(), "sao-luu")
	if _, err := o.st.SetJobSettings(ctx, js); err != nil {
		t.Fatal(err)
	}
	r := o.run(scheduler.JobBackup)
	res, _ := r.Result.(map[string]any)
	if storetest.Postgres() {
		if !r.OK || res["skipped"] != "PostgreSQL: back it up with pg_dump" {
			t.Fatalf("backup job on PostgreSQL: %+v", r)
		}
		if left, _ := filepath.Glob(filepath.Join(js.BackupDir, "*")); len(left) != 0 {
			t.Fatalf("files written on PostgreSQL: %v", left)
		}
		return
	}
	if file, _ := res["file"].(string); !r.OK || !strings.HasPrefix(file, js.BackupDir) {
		t.Fatalf("backup job on SQLite: %+v", r)
	}
}
