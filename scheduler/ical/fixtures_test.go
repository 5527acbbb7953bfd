package ical

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"catruc/scheduler"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// The names of the demo office, with every Vietnamese diacritic a feed must keep.
const (
	hqName      = "Trụ sở HĐND, UBND tỉnh"
	hqSite      = "Số 28 đường Trần Hưng Đạo, phường Quyết Thắng, tỉnh Bình Định; cổng chính"
	recName     = "Trụ sở Tiếp công dân"
	recSite     = "Số 5 đường Lê Lợi, tỉnh Bình Định"
	policeName  = "Tiểu đội Cảnh sát bảo vệ mục tiêu"
	policeRing  = "Tiểu đội Cảnh sát bảo vệ mục tiêu – Đ/c Phạm Quốc Huy, 0912 345 678"
	guardAn     = "Nguyễn Văn An"
	guardBinh   = "Trần Thị Bình"
	guardCuong  = "Lê Văn Cường"
	officerDung = "Võ Đức Dũng"
)

func mustLoad(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// fixedNow is the clock of every golden feed.
var fixedNow = time.Date(2026, 11, 20, 1, 0, 0, 0, time.UTC)

func ptr[T any](v T) *T { return &v }

// shift makes a shift at local wall-clock times in loc.
func shift(id int64, guard int64, loc *time.Location, y int, m time.Month, d, h, hours int, version int) *scheduler.Shift {
	s := &scheduler.Shift{
		ID:        id,
		PostID:    1,
		Start:     time.Date(y, m, d, h, 0, 0, 0, loc),
		Status:    scheduler.ShiftScheduled,
		Version:   version,
		CreatedAt: time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC),
		UpdatedAt: time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC).Add(time.Duration(version-1) * time.Hour),
	}
	s.End = s.Start.Add(time.Duration(hours) * time.Hour)
	if guard > 0 {
		s.GuardID = ptr(guard)
	}
	return s
}

// personalFeed is guard An's own calendar for a few days in the office zone.
func personalFeed(t testing.TB) Feed {
	loc := mustLoad(t, scheduler.DefaultTimezone)
	s1 := shift(101, 1, loc, 2026, 12, 1, 7, 8, 1)
	s1.Note = "Kiểm tra cổng phụ, khóa kho; bàn giao sổ trực\\ca sau"
	s2 := shift(102, 1, loc, 2026, 12, 2, 15, 8, 3) // reassigned twice
	s3 := shift(103, 1, loc, 2026, 12, 3, 23, 8, 1) // across midnight
	return Feed{
		Name:  "Lịch trực – " + guardAn,
		Loc:   loc,
		Host:  "catruc.example.vn",
		Now:   fixedNow,
		Alarm: time.Hour,
		Shifts: []ShiftItem{
			{Shift: s2, PostName: hqName, Site: hqSite, GuardName: guardAn, Others: []string{guardBinh + " (" + hqName + ")"}, Contact: policeRing},
			{Shift: s1, PostName: hqName, Site: hqSite, GuardName: guardAn, Others: []string{guardBinh + " (" + hqName + ")", officerDung + " (" + policeName + ")"}, Contact: policeRing},
			{Shift: s3, PostName: recName, Site: recSite, GuardName: guardAn, Contact: policeRing},
		},
	}
}

// policeFeed is the police post's calendar: the events it is told of and who
// of the office is on duty then.
func policeFeed(t testing.TB) Feed {
	loc := mustLoad(t, scheduler.DefaultTimezone)
	e1 := &scheduler.Event{
		ID: 7, Title: "Đón đoàn công tác của Bộ Nội vụ", Kind: "delegation",
		Start: time.Date(2026, 12, 2, 8, 0, 0, 0, loc), End: time.Date(2026, 12, 2, 11, 30, 0, 0, loc),
		PostIDs: []int64{1}, ExtraHeadcount: 2, NotifyPolice: true, Status: scheduler.ShiftScheduled, Version: 2,
		Note: "Khách A, đón tại sảnh chính; giữ xe khu B", CreatedAt: fixedNow.Add(-72 * time.Hour), UpdatedAt: fixedNow.Add(-24 * time.Hour),
	}
	e2 := &scheduler.Event{
		ID: 8, Title: "Kỳ họp thứ 12, HĐND tỉnh khóa XIII", Kind: "conference",
		Start: time.Date(2026, 12, 8, 7, 30, 0, 0, loc), End: time.Date(2026, 12, 10, 17, 0, 0, 0, loc),
		PostIDs: []int64{1, 2}, ExtraHeadcount: 1, NotifyPolice: true, Status: scheduler.ShiftScheduled, Version: 1,
		CreatedAt: fixedNow.Add(-48 * time.Hour), UpdatedAt: fixedNow.Add(-48 * time.Hour),
	}
	e3 := &scheduler.Event{
		ID: 9, Title: "Công dân tập trung khiếu nại", Kind: "crowd",
		Start: time.Date(2026, 12, 4, 7, 0, 0, 0, loc), End: time.Date(2026, 12, 4, 12, 0, 0, 0, loc),
		PostIDs: []int64{2}, NotifyPolice: true, Status: scheduler.ShiftCancelled, Version: 3,
		CreatedAt: fixedNow.Add(-96 * time.Hour), UpdatedAt: fixedNow.Add(-2 * time.Hour),
	}
	return Feed{
		Name: "Lịch sự kiện – " + policeName,
		Loc:  loc,
		Host: "catruc.example.vn",
		Now:  fixedNow,
		Events: []EventItem{
			{Event: e2, PostNames: []string{hqName, recName}, OnDuty: []string{guardAn + " (" + hqName + ")", guardCuong + " (" + recName + ")"}},
			{Event: e1, PostNames: []string{hqName}, OnDuty: []string{guardAn + " (" + hqName + ")", guardBinh + " (" + hqName + ")"}},
			{Event: e3, PostNames: []string{recName}},
		},
	}
}

// cancelledFeed is the reception post's calendar with a cancelled shift and
// an open one.
func cancelledFeed(t testing.TB) Feed {
	loc := mustLoad(t, scheduler.DefaultTimezone)
	open := shift(201, 0, loc, 2026, 12, 5, 7, 8, 1)
	gone := shift(202, 3, loc, 2026, 12, 6, 7, 8, 2)
	gone.Status = scheduler.ShiftCancelled
	gone.Note = "Nghỉ lễ, đóng cửa tiếp dân"
	kept := shift(203, 3, loc, 2026, 12, 7, 7, 8, 1)
	return Feed{
		Name:  "Lịch trực – " + recName,
		Loc:   loc,
		Host:  "catruc.example.vn",
		Now:   fixedNow,
		Alarm: time.Hour,
		Shifts: []ShiftItem{
			{Shift: open, PostName: recName, Site: recSite},
			{Shift: gone, PostName: recName, Site: recSite, GuardName: guardCuong},
			{Shift: kept, PostName: recName, Site: recSite, GuardName: guardCuong},
		},
	}
}

// dstFeed has shifts in loc around the changes of offset of 2026, written
// as local wall-clock times of that zone: spring night, summer, the autumn
// night and the repeated hour.
func dstFeed(t testing.TB, loc *time.Location, spring, autumn time.Time) Feed {
	var items []ShiftItem
	add := func(id int64, start time.Time, hours int, status string) {
		s := &scheduler.Shift{ID: id, PostID: 1, GuardID: ptr(int64(1)), Start: start, End: start.Add(time.Duration(hours) * time.Hour),
			Status: status, Version: 1, UpdatedAt: fixedNow}
		items = append(items, ShiftItem{Shift: s, PostName: hqName, Site: hqSite, GuardName: guardAn})
	}
	day := func(base time.Time, dd, h int) time.Time {
		y, m, d := base.In(loc).Date()
		return time.Date(y, m, d+dd, h, 0, 0, 0, loc)
	}
	add(1, day(spring, -1, 23), 8, scheduler.ShiftScheduled) // the night clocks go forward: 7 h long
	add(2, day(spring, 0, 7), 8, scheduler.ShiftScheduled)
	add(3, time.Date(2026, 7, 1, 7, 0, 0, 0, loc), 8, scheduler.ShiftScheduled)
	add(4, day(autumn, -1, 23), 9, scheduler.ShiftScheduled) // the night clocks go back
	add(5, day(autumn, 0, 7), 8, scheduler.ShiftCancelled)
	// One in the repeated hour: the second 01:30 (Chicago) or 02:30 (Berlin).
	add(6, autumn.Add(30*time.Minute), 4, scheduler.ShiftScheduled)
	add(7, time.Date(2026, 12, 1, 7, 0, 0, 0, loc), 8, scheduler.ShiftScheduled)
	return Feed{Name: "DST " + loc.String(), Loc: loc, Host: "catruc.example.vn", Now: fixedNow, Alarm: time.Hour, Shifts: items}
}

// transition returns the first change of offset of loc after t.
func transition(t testing.TB, loc *time.Location, after time.Time) time.Time {
	t.Helper()
	_, end := after.In(loc).ZoneBounds()
	if end.IsZero() {
		t.Fatalf("%s has no transition after %v", loc, after)
	}
	return end
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the feed built (run go test -update after checking the change):\n%s", path, diffLines(string(want), string(got)))
	}
}

// diffLines shows the first lines that differ.
func diffLines(want, got string) string {
	w, g := strings.Split(want, "\r\n"), strings.Split(got, "\r\n")
	var sb strings.Builder
	n := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			sb.WriteString("line " + strconv.Itoa(i+1) + ":\n  want " + a + "\n  got  " + b + "\n")
			if n++; n == 5 {
				break
			}
		}
	}
	return sb.String()
}
