package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"catruc/scheduler"
)

// DemoDays is how many days ahead the demo roster runs.
const DemoDays = 14

// LoadDemo fills an empty database with the demo office: the headquarters,
// the citizen-reception site and the police post, their guards and officers,
// and the next two weeks of shifts as the office works today (two guards
// alternating 24-hour shifts at the headquarters), with one headquarters
// night nine days ahead left uncovered by a guard's leave. It never writes over
// existing data: if any post or guard exists it does nothing and reports
// false. All of it is one transaction.
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
		ctx := scheduler.WithActor(ctx, "demo")
		allWeek := []int{1, 2, 3, 4, 5, 6, 7}
		hq := &scheduler.Post{Code: "tru-so", Name: "Trụ sở HĐND, UBND tỉnh", Site: "52 Hùng Vương, TP. Quảng Ngãi",
			Kind: scheduler.PostKindGuard, Active: true,
			Contact:      scheduler.Contact{Name: "Phòng Quản trị – Tài vụ", Phone: "0255 3822 001", Email: "quantri@vpubnd.example.vn"},
			Requirements: []scheduler.Requirement{{Days: allWeek, Start: "00:00", End: "00:00", Headcount: 1}}}
		reception := &scheduler.Post{Code: "tiep-cong-dan", Name: "Trụ sở Tiếp công dân tỉnh", Site: "Đường Lê Trung Đình, TP. Quảng Ngãi",
			Kind: scheduler.PostKindGuard, Active: true,
			Contact:      scheduler.Contact{Name: "Ban Tiếp công dân tỉnh", Phone: "0255 3822 002", Email: "tiepcongdan@vpubnd.example.vn"},
			Requirements: []scheduler.Requirement{{Days: []int{1, 2, 3, 4, 5}, Start: "07:00", End: "17:00", Headcount: 1}}}
		police := &scheduler.Post{Code: "vong-gac-cong-an", Name: "Vọng gác Cảnh sát bảo vệ mục tiêu", Site: "Cổng chính Trụ sở UBND tỉnh",
			Kind: scheduler.PostKindPolice, Active: true,
			Contact: scheduler.Contact{Name: "Tiểu đội Cảnh sát bảo vệ mục tiêu Trụ sở UBND tỉnh (PK20)", Phone: "0255 3822 113",
				Email: "tieudoi.pk20@congan.example.vn"},
			Requirements: []scheduler.Requirement{{Days: allWeek, Start: "00:00", End: "00:00", Headcount: 1}}}
		for _, p := range []*scheduler.Post{hq, reception, police} {
			if err := s.createPost(ctx, tx, p); err != nil {
				return err
			}
		}
		guard := func(name, phone, email, unit string, skills []string, posts ...int64) (*scheduler.Guard, error) {
			g := &scheduler.Guard{Name: name, Phone: phone, Email: email, Unit: unit, Skills: skills, PostIDs: posts, Active: true}
			return g, s.createGuard(ctx, tx, g)
		}
		var hqGuards, officers []*scheduler.Guard
		for _, x := range []struct{ name, phone, email string }{
			{"Nguyễn Văn An", "0905 111 201", "an.nguyen@vpubnd.example.vn"},
			{"Trần Minh Đức", "0905 111 202", "duc.tran@vpubnd.example.vn"},
		} {
			g, err := guard(x.name, x.phone, x.email, scheduler.UnitOffice, []string{"PCCC", "sơ cứu"}, hq.ID)
			if err != nil {
				return err
			}
			hqGuards = append(hqGuards, g)
		}
		bao, err := guard("Phạm Quốc Bảo", "0905 111 203", "bao.pham@vpubnd.example.vn", scheduler.UnitOffice,
			[]string{"tiếp công dân"}, reception.ID)
		if err != nil {
			return err
		}
		for _, x := range []struct{ name, phone string }{
			{"Thượng úy Võ Thành Nam", "0914 222 301"},
			{"Trung úy Huỳnh Tấn Phát", "0914 222 302"},
			{"Thiếu úy Đặng Minh Khoa", "0914 222 303"},
			{"Hạ sĩ Bùi Văn Tài", "0914 222 304"},
		} {
			g, err := guard(x.name, x.phone, "", scheduler.UnitPolice, []string{"cảnh sát bảo vệ"}, police.ID)
			if err != nil {
				return err
			}
			officers = append(officers, g)
		}
		loc := s.Location()
		today := scheduler.DayStart(now, loc)
		at := func(day, hour int) time.Time {
			return time.Date(today.Year(), today.Month(), today.Day()+day, hour, 0, 0, 0, loc)
		}
		shift := func(p *scheduler.Post, g *scheduler.Guard, start, end time.Time) error {
			id := g.ID
			return s.createShift(ctx, tx, &scheduler.Shift{PostID: p.ID, GuardID: &id, Start: start, End: end,
				Status: scheduler.ShiftScheduled}, false)
		}
		// Headquarters: two guards alternating 24-hour shifts from 07:00, as a
		// 24-24 rotation, from yesterday's handover so that someone is on duty now.
		from := at(-1, 12).Format(scheduler.DateLayout)
		until := at(DemoDays-1, 12).Format(scheduler.DateLayout)
		rot := &scheduler.Rotation{PostID: hq.ID, Name: "Trực 24/24 trụ sở", Preset: scheduler.Preset2424, Handover: "07:00",
			StartDate: from, Members: []int64{hqGuards[0].ID, hqGuards[1].ID}, Active: true}
		if err := s.createRotation(ctx, tx, rot); err != nil {
			return err
		}
		res := newResult()
		if err := s.reconcile(ctx, tx, rot, from, until, &res); err != nil {
			return err
		}
		if len(res.Conflicts) > 0 {
			return fmt.Errorf("demo rotation: %s", res.Conflicts[0].Reason)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE rotations SET generated_until = ? WHERE id = ?`, until, rot.ID); err != nil {
			return err
		}
		// Nine days from now the headquarters guard on duty must leave for the
		// night, and nobody has taken the night over yet: the gap a manager
		// finds on the roster and fixes.
		day9 := at(9, 12)
		hqID := hq.ID
		from9, to9 := at(9, 7), at(9, 8)
		sh9, err := s.findShifts(ctx, tx, scheduler.ShiftFilter{PostID: &hqID, From: &from9, To: &to9})
		if err != nil {
			return err
		}
		if len(sh9) == 1 && sh9[0].GuardID != nil && day9.Before(at(DemoDays, 0)) {
			if err := s.createTimeOff(ctx, tx, &scheduler.TimeOff{GuardID: *sh9[0].GuardID, Kind: scheduler.TimeOffLeave,
				Start: at(9, 18), End: at(10, 7), Note: "Nghỉ phép đột xuất (việc gia đình) – chưa có người thay ca đêm"}); err != nil {
				return err
			}
		}
		for d := -1; d < DemoDays; d++ {
			// Police post: the squad's three 8-hour shifts (06–14, 14–22, 22–06).
			for k, h := range []int{6, 14, 22} {
				if err := shift(police, officers[(3*(d+1)+k)%len(officers)], at(d, h), at(d, h+8)); err != nil {
					return err
				}
			}
			// Citizen reception: weekdays 07:00–17:00.
			if wd := scheduler.ISOWeekday(at(d, 12)); d >= 0 && wd <= 5 {
				if err := shift(reception, bao, at(d, 7), at(d, 17)); err != nil {
					return err
				}
			}
		}
		loaded = true
		return nil
	})
	return loaded, err
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

// IssueDemoLogins makes (or resets) the demo's manager login and a guard
// login for Nguyễn Văn An, with new random passwords, and returns them.
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
	logins := []DemoLogin{{Name: "quanly", Role: scheduler.RoleManager, Who: "office manager"}}
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
