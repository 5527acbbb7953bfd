package ical

import (
	"bytes"
	"testing"
	"time"

	"catruc/scheduler"
)

// rosterFeed is a feed of days days from 2026-12-01 in the office zone:
// with all set, the demo office's three posts (headquarters on three 8-hour
// shifts, the reception site by day, the police post on two 12-hour shifts,
// and an event a week); otherwise guard An's own shifts, one 8-hour shift
// every third day, rotating through morning, afternoon and night.
func rosterFeed(b testing.TB, days int, all bool) Feed {
	loc := mustLoad(b, scheduler.DefaultTimezone)
	f := Feed{Name: "Lịch trực – " + guardAn, Loc: loc, Host: "catruc.example.vn", Now: fixedNow, Alarm: time.Hour}
	id := int64(0)
	add := func(post, site, guard string, start time.Time, hours int) {
		id++
		s := &scheduler.Shift{ID: id, PostID: 1, GuardID: ptr(int64(1)), Start: start, End: start.Add(time.Duration(hours) * time.Hour),
			Status: scheduler.ShiftScheduled, Version: 1 + int(id%3), Note: "Bàn giao sổ trực, kiểm tra cổng", CreatedAt: fixedNow, UpdatedAt: fixedNow}
		f.Shifts = append(f.Shifts, ShiftItem{Shift: s, PostName: post, Site: site, GuardName: guard,
			Others: []string{guardBinh + " (" + hqName + ")", officerDung + " (" + policeName + ")"}, Contact: policeRing})
	}
	for d := 0; d < days; d++ {
		date := time.Date(2026, 12, 1+d, 0, 0, 0, 0, loc)
		if !all {
			if d%3 == 0 {
				add(hqName, hqSite, guardAn, date.Add(time.Duration(7+8*(d/3%3))*time.Hour), 8)
			}
			continue
		}
		for _, h := range []int{7, 15, 23} {
			add(hqName, hqSite, guardAn, date.Add(time.Duration(h)*time.Hour), 8)
		}
		add(recName, recSite, guardCuong, date.Add(7*time.Hour), 10)
		for _, h := range []int{7, 19} {
			add(policeName, hqSite, officerDung, date.Add(time.Duration(h)*time.Hour), 12)
		}
		if d%7 == 3 {
			f.Events = append(f.Events, EventItem{
				Event: &scheduler.Event{ID: int64(d), Title: "Kỳ họp HĐND tỉnh", Kind: "conference", Start: date.Add(7 * time.Hour),
					End: date.Add(17 * time.Hour), ExtraHeadcount: 1, Status: scheduler.ShiftScheduled, Version: 1},
				PostNames: []string{hqName}, OnDuty: []string{guardAn, guardBinh}})
		}
	}
	return f
}

func benchBuild(b *testing.B, f Feed) {
	out, err := Build(f)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(out)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Build(f); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGuardFeed210Days builds one guard's feed of 210 days (70
// shifts). Target: under 1 ms.
func BenchmarkGuardFeed210Days(b *testing.B) {
	f := rosterFeed(b, 210, false)
	if len(f.Shifts) != 70 {
		b.Fatalf("%d shifts", len(f.Shifts))
	}
	benchBuild(b, f)
}

// BenchmarkDemoRoster builds the feed of the whole demo roster over 210
// days (1,260 shifts and 30 events). Target: under 20 ms.
func BenchmarkDemoRoster(b *testing.B) {
	f := rosterFeed(b, 210, true)
	if len(f.Shifts) != 1260 {
		b.Fatalf("%d shifts", len(f.Shifts))
	}
	benchBuild(b, f)
}

// BenchmarkParseDemoRoster reads the demo roster's feed back.
func BenchmarkParseDemoRoster(b *testing.B) {
	f := rosterFeed(b, 210, true)
	out, err := Build(f)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(out)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Parse(bytes.NewReader(out), f.Loc, time.Time{}, time.Time{}); err != nil {
			b.Fatal(err)
		}
	}
}

// Ensure the benchmark feeds are well formed and hold what they say.
func TestBenchmarkFeeds(t *testing.T) {
	for _, tc := range []struct {
		name           string
		all            bool
		shifts, events int
	}{
		{"guard", false, 70, 0},
		{"roster", true, 1260, 30},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := rosterFeed(t, 210, tc.all)
			out, err := Build(f)
			if err != nil {
				t.Fatal(err)
			}
			items, err := Parse(bytes.NewReader(out), f.Loc, time.Time{}, time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Shifts) != tc.shifts || len(f.Events) != tc.events || len(items) != tc.shifts+tc.events {
				t.Errorf("%d shifts, %d events, %d items read; want %d, %d, %d", len(f.Shifts), len(f.Events), len(items), tc.shifts, tc.events, tc.shifts+tc.events)
			}
		})
	}
}
