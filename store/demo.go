package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"catruc/scheduler"
)

// DemoDays is how many days ahead the demo generates its rotations at load;
// `serve` then keeps them generated up to the horizon (62 days by default).
const DemoDays = 14

// DemoGapDays is how many days ahead the demo's one uncovered night falls:
// inside the 168 hours the sweep looks ahead and the week the dashboard shows,
// so that the sweep at start raises its gap alert.
const DemoGapDays = 3

// demoPoliceEpoch is a day 0 of the police squad's own 3×8 cycle: the squad
// keeps its 8-day cycle whatever day the demo starts, so that its roster file
// (docs/examples/lich-truc-pk20.ics) always agrees with the demo's rotation.
var demoPoliceEpoch = time.Date(2026, 1, 4, 0, 0, 0, 0, time.UTC)

// LoadDemo fills an empty database with the demo office of Quảng Ngãi: the
// office's heading for printed documents, the headquarters, the
// citizen-reception site and the police post, their guards and officers, and
// a rotation for each post, generated DemoDays ahead: the two headquarters
// guards alternating 24-hour shifts from 07:00 (as the office works today)
// and the four officers on the police squad's own 3×8 cycle from yesterday,
// the reception guard on weekdays 07:00–17:00 from today. DemoGapDays ahead the
// headquarters guard on duty leaves for the night and nobody has taken it
// over: the one gap of the roster. It never writes over existing data: if any
// post or guard exists it does nothing and reports false. All of it is one
// transaction.
func (s *Store) LoadDemo(ctx context.Context, now time.Time) (bool, error) {
	loaded := false
	err := s.write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM posts) + (SELECT COUNT(*) FROM guards)`).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		loc := s.Location()
		d := &demo{s: s, tx: tx, ctx: scheduler.WithActor(ctx, "demo"), loc: loc, today: scheduler.DayStart(now, loc), now: now}
		for _, step := range []func() error{d.office, d.posts, d.guards, d.rotations, d.leave, d.duty, d.teams} {
			if err := step(); err != nil {
				return err
			}
		}
		loaded = true
		return nil
	})
	return loaded, err
}

// demo builds the demo office inside one transaction.
type demo struct {
	s     *Store
	tx    *sql.Tx
	ctx   context.Context
	loc   *time.Location
	today time.Time // the first instant of the day the demo is loaded
	now   time.Time // when it is loaded (demo_duty.go records only what lies before)

	hq, reception, police *scheduler.Post
	hqGuards, officers    []*scheduler.Guard
	bao                   *scheduler.Guard
}

// at is the instant of hour o'clock, day days from today.
func (d *demo) at(day, hour int) time.Time {
	return time.Date(d.today.Year(), d.today.Month(), d.today.Day()+day, hour, 0, 0, 0, d.loc)
}

// date is the date days from today, "YYYY-MM-DD".
func (d *demo) date(day int) string { return d.at(day, 12).Format(scheduler.DateLayout) }

// office names the office and the heading of its printed documents.
func (d *demo) office() error {
	o := scheduler.Office{Name: "Văn phòng UBND tỉnh Quảng Ngãi", Timezone: d.loc.String(),
		ParentBody: "UBND tỉnh Quảng Ngãi", Place: "Quảng Ngãi", DocNumberPrefix: "/LT-VP"}
	if _, err := o.Validate(); err != nil {
		return err
	}
	before := scheduler.DefaultOffice()
	if _, err := getSetting(d.ctx, d.tx, officeKey, &before); err != nil {
		return err
	}
	return d.s.putSetting(d.ctx, d.tx, officeKey, before, o)
}

// posts creates the three posts; each post's requirement is what its rotation fills.
func (d *demo) posts() error {
	allWeek := []int{1, 2, 3, 4, 5, 6, 7}
	d.hq = &scheduler.Post{Code: "tru-so", Name: "Trụ sở HĐND, UBND tỉnh", Site: "52 Hùng Vương, TP. Quảng Ngãi",
		Kind: scheduler.PostKindGuard, Active: true,
		Contact:      scheduler.Contact{Name: "Phòng Quản trị – Tài vụ", Phone: "0255 3822 001", Email: "quantri@vpubnd.example.vn"},
		Requirements: []scheduler.Requirement{{Days: allWeek, Start: "00:00", End: "00:00", Headcount: 1}}}
	d.reception = &scheduler.Post{Code: "tiep-cong-dan", Name: "Trụ sở Tiếp công dân tỉnh", Site: "Đường Lê Trung Đình, TP. Quảng Ngãi",
		Kind: scheduler.PostKindGuard, Active: true,
		Contact:      scheduler.Contact{Name: "Ban Tiếp công dân tỉnh", Phone: "0255 3822 002", Email: "tiepcongdan@vpubnd.example.vn"},
		Requirements: []scheduler.Requirement{{Days: []int{1, 2, 3, 4, 5}, Start: "07:00", End: "17:00", Headcount: 1}}}
	d.police = &scheduler.Post{Code: "vong-gac-cong-an", Name: "Vọng gác Cảnh sát bảo vệ mục tiêu", Site: "Cổng chính Trụ sở UBND tỉnh",
		Kind: scheduler.PostKindPolice, Active: true,
		Contact: scheduler.Contact{Name: "Tiểu đội Cảnh sát bảo vệ mục tiêu Trụ sở UBND tỉnh (PK20)", Phone: "0255 3822 113",
			Email: "tieudoi.pk20@congan.example.vn"},
		Requirements: []scheduler.Requirement{{Days: allWeek, Start: "00:00", End: "00:00", Headcount: 1}}}
	for _, p := range []*scheduler.Post{d.hq, d.reception, d.police} {
		if err := d.s.createPost(d.ctx, d.tx, p); err != nil {
			return err
		}
	}
	return nil
}

// guards creates the two headquarters guards, the reception guard and the four officers.
func (d *demo) guards() error {
	guard := func(name, phone, email, unit string, skills []string, posts ...int64) (*scheduler.Guard, error) {
		g := &scheduler.Guard{Name: name, Phone: phone, Email: email, Unit: unit, Skills: skills, PostIDs: posts, Active: true}
		return g, d.s.createGuard(d.ctx, d.tx, g)
	}
	for _, x := range []struct{ name, phone, email string }{
		{"Nguyễn Văn An", "0905 111 201", "an.nguyen@vpubnd.example.vn"},
		{"Trần Minh Đức", "0905 111 202", "duc.tran@vpubnd.example.vn"},
	} {
		g, err := guard(x.name, x.phone, x.email, scheduler.UnitOffice, []string{"PCCC", "sơ cứu"}, d.hq.ID)
		if err != nil {
			return err
		}
		d.hqGuards = append(d.hqGuards, g)
	}
	var err error
	if d.bao, err = guard("Phạm Quốc Bảo", "0905 111 203", "bao.pham@vpubnd.example.vn", scheduler.UnitOffice,
		[]string{"tiếp công dân"}, d.reception.ID); err != nil {
		return err
	}
	for _, x := range []struct{ name, phone string }{
		{"Thượng úy Võ Thành Nam", "0914 222 301"},
		{"Trung úy Huỳnh Tấn Phát", "0914 222 302"},
		{"Thiếu úy Đặng Minh Khoa", "0914 222 303"},
		{"Hạ sĩ Bùi Văn Tài", "0914 222 304"},
	} {
		g, err := guard(x.name, x.phone, "", scheduler.UnitPolice, []string{"cảnh sát bảo vệ"}, d.police.ID)
		if err != nil {
			return err
		}
		d.officers = append(d.officers, g)
	}
	return nil
}

// rotations keeps every post filled by a rotation, generated DemoDays ahead:
// the headquarters and the police post from yesterday (so that someone is on
// duty now), the reception site from today.
func (d *demo) rotations() error {
	ids := func(gs ...*scheduler.Guard) []int64 {
		var out []int64
		for _, g := range gs {
			out = append(out, g.ID)
		}
		return out
	}
	yesterday := d.at(-1, 12)
	// The reception site from today, on the weekdays of its 7-day cycle.
	var weekdays []scheduler.Slot
	for day := range 7 {
		if scheduler.ISOWeekday(d.at(day, 12)) <= 5 {
			weekdays = append(weekdays, scheduler.Slot{Day: day, Start: "07:00", Hours: 10, Member: 0})
		}
	}
	// The police squad's cycle runs from its own day 0: the last one on or before yesterday.
	days := int(time.Date(yesterday.Year(), yesterday.Month(), yesterday.Day(), 0, 0, 0, 0, time.UTC).Sub(demoPoliceEpoch) / (24 * time.Hour))
	cycles := days / 8
	if days%8 < 0 {
		cycles-- // towards the past for days before the epoch
	}
	squadDay := demoPoliceEpoch.AddDate(0, 0, 8*cycles).Format(scheduler.DateLayout)
	for _, r := range []*scheduler.Rotation{
		{PostID: d.hq.ID, Name: "Trực 24/24 trụ sở", Preset: scheduler.Preset2424, Handover: "07:00",
			StartDate: d.date(-1), Members: ids(d.hqGuards...), Active: true},
		{PostID: d.reception.ID, Name: "Tiếp công dân ngày làm việc", Preset: scheduler.PresetCustom, Handover: "07:00",
			StartDate: d.date(0), Members: ids(d.bao), Active: true,
			Pattern: scheduler.Pattern{CycleDays: 7, Slots: weekdays}},
		{PostID: d.police.ID, Name: "Ca 3×8 của Tiểu đội PK20", Preset: scheduler.Preset8h3shift, Handover: "06:00",
			StartDate: squadDay, Members: ids(d.officers...), Active: true},
	} {
		if err := d.generate(r); err != nil {
			return err
		}
	}
	return nil
}

// generate stores a rotation and its shifts from its start (yesterday at the
// earliest) to DemoDays ahead.
func (d *demo) generate(r *scheduler.Rotation) error {
	if err := d.s.createRotation(d.ctx, d.tx, r); err != nil {
		return fmt.Errorf("demo rotation %q: %w", r.Name, err)
	}
	from, until := max(d.date(-1), r.StartDate), d.date(DemoDays-1)
	res := newResult()
	if err := d.s.reconcile(d.ctx, d.tx, r, from, until, &res); err != nil {
		return err
	}
	if len(res.Conflicts) > 0 {
		return fmt.Errorf("demo rotation %q: %s", r.Name, res.Conflicts[0].Reason)
	}
	_, err := d.tx.ExecContext(d.ctx, `UPDATE rotations SET generated_until = ? WHERE id = ?`, until, r.ID)
	return err
}

// leave opens the demo's one gap: DemoGapDays ahead the headquarters guard on
// duty must leave for the night (18:00 to the 07:00 handover), and nobody has
// taken the night over yet — the gap a manager finds on the roster and fixes.
func (d *demo) leave() error {
	hqID := d.hq.ID
	from, to := d.at(DemoGapDays, 7), d.at(DemoGapDays, 8)
	shifts, err := d.s.findShifts(d.ctx, d.tx, scheduler.ShiftFilter{PostID: &hqID, From: &from, To: &to})
	if err != nil {
		return err
	}
	if len(shifts) != 1 || shifts[0].GuardID == nil {
		return fmt.Errorf("demo: no headquarters shift at %s", from)
	}
	return d.s.createTimeOff(d.ctx, d.tx, &scheduler.TimeOff{GuardID: *shifts[0].GuardID, Kind: scheduler.TimeOffLeave,
		Start: d.at(DemoGapDays, 18), End: d.at(DemoGapDays+1, 7),
		Note: "Nghỉ phép đột xuất (việc gia đình) – chưa có người thay ca đêm"})
}

// DemoTokenName names the admin token the demo issues at each start.
const DemoTokenName = "demo-admin"

// IssueDemoToken revokes the previous demo token, if any, and issues a new
// one, so that the token printed at start always works.
func (s *Store) IssueDemoToken(ctx context.Context) (string, error) {
	ctx = scheduler.WithActor(ctx, "demo")
	if err := s.RevokeToken(ctx, DemoTokenName); err != nil && scheduler.ErrorCode(err) != scheduler.ENOTFOUND {
		return "", err
	}
	secret, _, err := s.CreateToken(ctx, DemoTokenName, scheduler.RoleAdmin, nil)
	return secret, err
}

// DemoLogin is a login the demo prints.
type DemoLogin struct {
	Name, Password, Role, Who string
}

// IssueDemoLogins makes (or resets) the demo's logins for the pages, with new
// random passwords, and returns them: an administrator (only an administrator
// may save the settings), the office manager, and Nguyễn Văn An as a guard.
func (s *Store) IssueDemoLogins(ctx context.Context) ([]DemoLogin, error) {
	ctx = scheduler.WithActor(ctx, "demo")
	guards, err := s.FindGuards(ctx, scheduler.GuardFilter{})
	if err != nil {
		return nil, err
	}
	var an *scheduler.Guard
	for _, g := range guards {
		if g.Name == "Nguyễn Văn An" {
			an = g
		}
	}
	logins := []DemoLogin{{Name: "admin", Role: scheduler.RoleAdmin, Who: "administrator: may also save the settings"},
		{Name: "quanly", Role: scheduler.RoleManager, Who: "office manager"}}
	if an != nil {
		logins = append(logins, DemoLogin{Name: "an", Role: scheduler.RoleGuard, Who: "guard Nguyễn Văn An"})
	}
	users, err := s.FindUsers(ctx)
	if err != nil {
		return nil, err
	}
	exists := map[string]bool{}
	for _, u := range users {
		exists[u.Name] = true
	}
	for i := range logins {
		l := &logins[i]
		secret, err := newSecret()
		if err != nil {
			return nil, err
		}
		l.Password = strings.TrimPrefix(secret, tokenPrefix)[:12]
		if exists[l.Name] {
			if err := s.SetPassword(ctx, l.Name, l.Password); err != nil {
				return nil, err
			}
			continue
		}
		u := &scheduler.User{Name: l.Name, Role: l.Role}
		if l.Role == scheduler.RoleGuard {
			u.GuardID = &an.ID
		}
		if err := s.CreateUser(ctx, u, l.Password); err != nil {
			return nil, err
		}
	}
	return logins, nil
}
