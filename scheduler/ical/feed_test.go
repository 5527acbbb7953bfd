package ical

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"

	"catruc/scheduler"
)

// Ensure the three kinds of feed come out byte for byte as reviewed in
// testdata/*.ics (a fixed clock; go test -update rewrites them).
func TestBuildGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		feed func(testing.TB) Feed
	}{
		{"guard.ics", personalFeed},
		{"police.ics", policeFeed},
		{"cancelled.ics", cancelledFeed},
		{"absence_guard.ics", absenceGuardFeed},
		{"absence_post.ics", absencePostFeed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Build(tc.feed(t))
			if err != nil {
				t.Fatal(err)
			}
			golden(t, tc.name, got)
		})
	}
}

// allFeeds are the feeds whose form every test of lines checks.
func allFeeds(t testing.TB) map[string]Feed {
	berlin := mustLoad(t, "Europe/Berlin")
	chicago := mustLoad(t, "America/Chicago")
	return map[string]Feed{
		"guard":         personalFeed(t),
		"police":        policeFeed(t),
		"cancelled":     cancelledFeed(t),
		"absence-guard": absenceGuardFeed(t),
		"absence-post":  absencePostFeed(t),
		"berlin": dstFeed(t, berlin,
			transition(t, berlin, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)),
			transition(t, berlin, time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC))),
		"chicago": dstFeed(t, chicago,
			transition(t, chicago, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)),
			transition(t, chicago, time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC))),
		"empty": {Name: "Trống", Loc: mustLoad(t, scheduler.DefaultTimezone), Host: "h", Now: fixedNow},
	}
}

// Ensure every physical line of every feed ends in CRLF, is at most 75
// octets and is valid UTF-8 on its own (no character split by folding).
func TestBuildLines(t *testing.T) {
	for name, f := range allFeeds(t) {
		t.Run(name, func(t *testing.T) {
			out, err := Build(f)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasSuffix(out, []byte("\r\n")) {
				t.Fatalf("the feed does not end with CRLF")
			}
			lines := bytes.Split(out[:len(out)-2], []byte("\r\n"))
			folded := 0
			for i, l := range lines {
				if bytes.ContainsAny(l, "\r\n") {
					t.Errorf("line %d has a bare CR or LF: %q", i+1, l)
				}
				if len(l) > maxLine {
					t.Errorf("line %d is %d octets: %q", i+1, len(l), l)
				}
				if !utf8.Valid(l) {
					t.Errorf("line %d is not valid UTF-8 on its own: %q", i+1, l)
				}
				if len(l) > 0 && l[0] == ' ' {
					folded++
				}
			}
			if name != "empty" && name != "berlin" && name != "chicago" && folded == 0 {
				t.Errorf("no line was folded; the test data should need folding")
			}
		})
	}
}

// unfold undoes folding (RFC 5545 §3.1).
func unfold(b []byte) string {
	return strings.ReplaceAll(strings.ReplaceAll(string(b), "\r\n ", ""), "\r\n\t", "")
}

// Ensure unfolding a feed and reading its text values gives back the exact
// Vietnamese text, commas, semicolons and backslashes included.
func TestBuildTextSurvives(t *testing.T) {
	f := personalFeed(t)
	out, err := Build(f)
	if err != nil {
		t.Fatal(err)
	}
	u := unfold(out)
	for _, want := range []string{
		"SUMMARY:Trụ sở HĐND\\, UBND tỉnh – Nguyễn Văn An\r\n",
		"LOCATION:Số 28 đường Trần Hưng Đạo\\, phường Quyết Thắng\\, tỉnh Bình Định\\; cổng chính\r\n",
		"X-WR-CALNAME:Lịch trực – Nguyễn Văn An\r\n",
	} {
		if !strings.Contains(u, want) {
			t.Errorf("the unfolded feed lacks %q", want)
		}
	}
	cal, err := goical.NewDecoder(strings.NewReader(u)).Decode()
	if err != nil {
		t.Fatal(err)
	}
	byUID := map[string]goical.Event{}
	for _, e := range cal.Events() {
		uid, _ := e.Props.Text(goical.PropUID)
		byUID[uid] = e
	}
	e := byUID["shift-101@catruc.example.vn"]
	if e.Component == nil {
		t.Fatal("shift 101 is missing")
	}
	for _, tc := range []struct{ prop, want string }{
		{goical.PropSummary, hqName + " – " + guardAn},
		{goical.PropLocation, hqSite},
		{goical.PropDescription, "Cùng trực: " + guardBinh + " (" + hqName + "), " + officerDung + " (" + policeName + ")\n" +
			"Liên hệ công an: " + policeRing + "\n" +
			"Ghi chú: Kiểm tra cổng phụ, khóa kho; bàn giao sổ trực\\ca sau"},
	} {
		// go-ical's Text cuts at an unescaped comma: whole text back means
		// every comma was escaped, and only once.
		got, err := e.Props.Text(tc.prop)
		if err != nil {
			t.Fatalf("%s: %v", tc.prop, err)
		}
		if got != tc.want {
			t.Errorf("%s = %q, want %q", tc.prop, got, tc.want)
		}
	}
}

// Ensure a feed read back with go-ical holds the same shifts: UIDs, local
// start and end with the TZID, summaries, statuses, sequences and alarms.
func TestBuildRoundTrip(t *testing.T) {
	for _, name := range []string{"guard", "cancelled", "berlin", "chicago"} {
		f := allFeeds(t)[name]
		t.Run(name, func(t *testing.T) {
			out, err := Build(f)
			if err != nil {
				t.Fatal(err)
			}
			cal, err := goical.NewDecoder(bytes.NewReader(out)).Decode()
			if err != nil {
				t.Fatal(err)
			}
			type shiftView struct {
				uid, summary, status, seq string
				start, end                time.Time
				alarms                    int
			}
			var got []shiftView
			for _, e := range cal.Events() {
				var v shiftView
				v.uid, _ = e.Props.Text(goical.PropUID)
				v.summary, _ = e.Props.Text(goical.PropSummary)
				v.status, _ = e.Props.Text(goical.PropStatus)
				v.seq = e.Props.Get(goical.PropSequence).Value
				if v.start, err = e.DateTimeStart(nil); err != nil {
					t.Fatal(err)
				}
				if v.end, err = e.DateTimeEnd(nil); err != nil {
					t.Fatal(err)
				}
				for _, p := range []string{goical.PropDateTimeStart, goical.PropDateTimeEnd} {
					tz := e.Props.Get(p).Params.Get(goical.PropTimezoneID)
					if tz != f.Loc.String() && !strings.HasSuffix(e.Props.Get(p).Value, "Z") {
						t.Errorf("%s %s has TZID %q, want %q", v.uid, p, tz, f.Loc)
					}
				}
				v.alarms = len(e.Children)
				got = append(got, v)
			}
			if len(got) != len(f.Shifts) {
				t.Fatalf("%d events, want %d", len(got), len(f.Shifts))
			}
			for i, g := range got {
				if i > 0 && g.start.Before(got[i-1].start) {
					t.Errorf("%s comes after a later shift", g.uid)
				}
				var it *ShiftItem
				for j := range f.Shifts {
					if "shift-"+itoa64(f.Shifts[j].Shift.ID)+"@"+f.Host == g.uid {
						it = &f.Shifts[j]
					}
				}
				if it == nil {
					t.Fatalf("unknown UID %s", g.uid)
				}
				s := it.Shift
				guard := it.GuardName
				if guard == "" {
					guard = OpenGuard
				}
				wantStatus, wantAlarms := "CONFIRMED", 1
				if s.Status == scheduler.ShiftCancelled {
					wantStatus, wantAlarms = "CANCELLED", 0
				}
				want := shiftView{uid: g.uid, summary: it.PostName + " – " + guard, status: wantStatus,
					seq: itoa64(int64(s.Version - 1)), start: s.Start, end: s.End, alarms: wantAlarms}
				if g.uid != want.uid || g.summary != want.summary || g.status != want.status || g.seq != want.seq ||
					!g.start.Equal(want.start) || !g.end.Equal(want.end) || g.alarms != want.alarms {
					t.Errorf("got  %+v\nwant %+v", g, want)
				}
				if !strings.HasSuffix(e0(cal, g.uid).Props.Get(goical.PropDateTimeStart).Value, "Z") &&
					g.start.In(f.Loc).Format(localLayout) != s.Start.In(f.Loc).Format(localLayout) {
					t.Errorf("%s: local start %s, want %s", g.uid, g.start.In(f.Loc), s.Start.In(f.Loc))
				}
			}
		})
	}
}

func e0(cal *goical.Calendar, uid string) goical.Event {
	for _, e := range cal.Events() {
		if u, _ := e.Props.Text(goical.PropUID); u == uid {
			return e
		}
	}
	return goical.Event{Component: goical.NewComponent(goical.CompEvent)}
}

func itoa64(i int64) string { return strconv.FormatInt(i, 10) }

// Ensure an edited shift keeps its UID and gets a higher SEQUENCE and
// LAST-MODIFIED, and a cancelled one turns STATUS:CANCELLED and loses its
// alarm, so that phones update the event in place.
func TestBuildEditAndCancel(t *testing.T) {
	f := personalFeed(t)
	f.Shifts = f.Shifts[1:2] // shift 101, version 1
	before, err := Build(f)
	if err != nil {
		t.Fatal(err)
	}
	edited := *f.Shifts[0].Shift
	edited.End = edited.End.Add(time.Hour)
	edited.Version++
	edited.UpdatedAt = edited.UpdatedAt.Add(time.Hour)
	f.Shifts = []ShiftItem{f.Shifts[0]}
	f.Shifts[0].Shift = &edited
	after, err := Build(f)
	if err != nil {
		t.Fatal(err)
	}
	cancelled := edited
	cancelled.Status = scheduler.ShiftCancelled
	cancelled.Version++
	f.Shifts[0].Shift = &cancelled
	gone, err := Build(f)
	if err != nil {
		t.Fatal(err)
	}
	read := func(b []byte) map[string]string {
		cal, err := goical.NewDecoder(bytes.NewReader(b)).Decode()
		if err != nil {
			t.Fatal(err)
		}
		e := cal.Events()[0]
		m := map[string]string{"alarms": itoa64(int64(len(e.Children)))}
		for _, p := range []string{"UID", "SEQUENCE", "STATUS", "LAST-MODIFIED", "DTEND", "TRANSP"} {
			m[p] = e.Props.Get(p).Value
		}
		return m
	}
	for _, tc := range []struct {
		name string
		got  map[string]string
		want map[string]string
	}{
		{"new", read(before), map[string]string{"UID": "shift-101@catruc.example.vn", "SEQUENCE": "0", "STATUS": "CONFIRMED",
			"LAST-MODIFIED": "20261101T020000Z", "DTEND": "20261201T150000", "TRANSP": "OPAQUE", "alarms": "1"}},
		{"edited", read(after), map[string]string{"UID": "shift-101@catruc.example.vn", "SEQUENCE": "1", "STATUS": "CONFIRMED",
			"LAST-MODIFIED": "20261101T030000Z", "DTEND": "20261201T160000", "TRANSP": "OPAQUE", "alarms": "1"}},
		{"cancelled", read(gone), map[string]string{"UID": "shift-101@catruc.example.vn", "SEQUENCE": "2", "STATUS": "CANCELLED",
			"LAST-MODIFIED": "20261101T030000Z", "DTEND": "20261201T160000", "TRANSP": "TRANSPARENT", "alarms": "0"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for k, want := range tc.want {
				if tc.got[k] != want {
					t.Errorf("%s = %q, want %q", k, tc.got[k], want)
				}
			}
		})
	}
}

// Ensure the calendar carries the properties a subscribing phone reads, and
// the refresh interval follows Feed.Refresh.
func TestBuildCalendarProperties(t *testing.T) {
	for _, tc := range []struct {
		name    string
		refresh time.Duration
		want    []string
	}{
		{"default refresh", 0, []string{"PRODID:-//catruc//Lich truc 1.0//VI", "VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
			"X-WR-CALNAME:Lịch trực – Nguyễn Văn An", "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
			"REFRESH-INTERVAL;VALUE=DURATION:PT1H", "X-PUBLISHED-TTL:PT1H"}},
		{"90 minutes", 90 * time.Minute, []string{"REFRESH-INTERVAL;VALUE=DURATION:PT1H30M", "X-PUBLISHED-TTL:PT1H30M"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := personalFeed(t)
			f.Refresh = tc.refresh
			out, err := Build(f)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(unfold(out), "\r\n")
			for _, want := range tc.want {
				found := false
				for _, l := range lines {
					found = found || l == want
				}
				if !found {
					t.Errorf("no line %q", want)
				}
			}
		})
	}
}

// Ensure the VTIMEZONE of a zone without changes near the feed is one
// STANDARD observance, and that of a zone with DST has one observance per
// change in the feed's years, each with the right offsets and onset.
func TestVTimezone(t *testing.T) {
	for _, tc := range []struct {
		zone     string
		from, to time.Time
		want     []string // kind DTSTART FROM TO NAME
	}{
		{"Asia/Ho_Chi_Minh", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC),
			[]string{"STANDARD 19700101T000000 +0700 +0700 +07"}},
		{"Europe/Berlin", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),
			[]string{"STANDARD 19700101T000000 +0100 +0100 CET", "DAYLIGHT 20260329T020000 +0100 +0200 CEST", "STANDARD 20261025T030000 +0200 +0100 CET"}},
		{"America/Chicago", time.Date(2026, 1, 1, 6, 0, 0, 0, time.UTC), time.Date(2028, 1, 1, 6, 0, 0, 0, time.UTC),
			[]string{"STANDARD 19700101T000000 -0600 -0600 CST",
				"DAYLIGHT 20260308T020000 -0600 -0500 CDT", "STANDARD 20261101T020000 -0500 -0600 CST",
				"DAYLIGHT 20270314T020000 -0600 -0500 CDT", "STANDARD 20271107T020000 -0500 -0600 CST"}},
		{"Australia/Sydney", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),
			[]string{"DAYLIGHT 19700101T000000 +1100 +1100 AEDT", "STANDARD 20260405T030000 +1100 +1000 AEST", "DAYLIGHT 20261004T020000 +1000 +1100 AEDT"}},
	} {
		t.Run(tc.zone, func(t *testing.T) {
			tz := vtimezone(mustLoad(t, tc.zone), tc.from, tc.to)
			if got := tz.Props.Get(goical.PropTimezoneID).Value; got != tc.zone {
				t.Errorf("TZID %q, want %q", got, tc.zone)
			}
			var got []string
			for _, c := range tz.Children {
				got = append(got, strings.Join([]string{c.Name, c.Props.Get("DTSTART").Value, c.Props.Get("TZOFFSETFROM").Value,
					c.Props.Get("TZOFFSETTO").Value, c.Props.Get("TZNAME").Value}, " "))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("observances:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// Ensure the emitted VTIMEZONE alone, read by this package's own VTIMEZONE
// reader under a name Go does not know, maps each shift's local times to the
// right instants across DST (and so does the TZID read with Go's zone data).
func TestBuildVTimezoneConverts(t *testing.T) {
	for _, name := range []string{"berlin", "chicago", "guard"} {
		f := allFeeds(t)[name]
		t.Run(name, func(t *testing.T) {
			out, err := Build(f)
			if err != nil {
				t.Fatal(err)
			}
			renamed := strings.ReplaceAll(string(out), f.Loc.String(), "Giờ văn phòng")
			for variant, body := range map[string]string{"own VTIMEZONE": renamed, "IANA name": string(out)} {
				items, err := Parse(strings.NewReader(body), time.UTC, time.Time{}, time.Time{})
				if err != nil {
					t.Fatalf("%s: %v", variant, err)
				}
				got := map[string][2]time.Time{}
				for _, it := range items {
					got[it.UID] = [2]time.Time{it.Start, it.End}
				}
				for _, s := range f.Shifts {
					uid := "shift-" + itoa64(s.Shift.ID) + "@" + f.Host
					if s.Shift.Status == scheduler.ShiftCancelled {
						continue // Parse leaves cancelled events out
					}
					g := got[uid]
					if !g[0].Equal(s.Shift.Start) || !g[1].Equal(s.Shift.End) {
						t.Errorf("%s: %s is %v – %v, want %v – %v", variant, uid, g[0], g[1], s.Shift.Start.UTC(), s.Shift.End.UTC())
					}
				}
			}
		})
	}
}

// Ensure an instant in the hour repeated when clocks go back is written in
// UTC (as a local time RFC 5545 would read it as the first run of the hour),
// and every other instant as a local time with TZID.
func TestBuildRepeatedHour(t *testing.T) {
	berlin := mustLoad(t, "Europe/Berlin")
	back := time.Date(2026, 10, 25, 1, 0, 0, 0, time.UTC) // 03:00 CEST → 02:00 CET
	for _, tc := range []struct {
		name string
		at   time.Time
		want string
	}{
		{"first 02:30 (CEST)", back.Add(-30 * time.Minute), "DTSTART;TZID=Europe/Berlin:20261025T023000"},
		{"second 02:30 (CET)", back.Add(30 * time.Minute), "DTSTART:20261025T013000Z"},
		{"03:00 CET", back.Add(time.Hour), "DTSTART;TZID=Europe/Berlin:20261025T030000"},
		{"the change itself, 02:00 CET", back, "DTSTART:20261025T010000Z"},
		{"spring 03:00 CEST", time.Date(2026, 3, 29, 1, 0, 0, 0, time.UTC), "DTSTART;TZID=Europe/Berlin:20260329T030000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := &scheduler.Shift{ID: 1, Start: tc.at, End: tc.at.Add(8 * time.Hour), Status: scheduler.ShiftScheduled, Version: 1}
			out, err := Build(Feed{Loc: berlin, Host: "h", Now: fixedNow, Shifts: []ShiftItem{{Shift: s, PostName: "P"}}})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(out), "\r\n"+tc.want+"\r\n") {
				t.Errorf("no line %q in\n%s", tc.want, out)
			}
		})
	}
}

// Ensure Build refuses a feed it cannot write right, with EINTERNAL.
func TestBuildErrors(t *testing.T) {
	loc := mustLoad(t, scheduler.DefaultTimezone)
	for _, tc := range []struct {
		name string
		feed Feed
		want string
	}{
		{"no zone", Feed{Host: "h", Now: fixedNow}, "time zone"},
		{"Local zone", Feed{Loc: time.Local, Host: "h", Now: fixedNow}, "time zone"},
		{"no host", Feed{Loc: loc, Now: fixedNow}, "host"},
		{"no clock", Feed{Loc: loc, Host: "h"}, "time now"},
		{"nil shift", Feed{Loc: loc, Host: "h", Now: fixedNow, Shifts: []ShiftItem{{}}}, "no shift"},
		{"nil event", Feed{Loc: loc, Host: "h", Now: fixedNow, Events: []EventItem{{}}}, "no event"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Build(tc.feed)
			if scheduler.ErrorCode(err) != scheduler.EINTERNAL || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want EINTERNAL about %q", err, tc.want)
			}
		})
	}
}

// Ensure folding cuts at 75 octets, continues with one space, never splits
// a UTF-8 character and leaves short lines alone.
func TestFold(t *testing.T) {
	long := "DESCRIPTION:" + strings.Repeat("ạ", 40) // 12 + 120 octets
	for _, tc := range []struct {
		name, in, want string
	}{
		{"short", "A:b\r\n", "A:b\r\n"},
		{"exactly 75", strings.Repeat("x", 75) + "\r\n", strings.Repeat("x", 75) + "\r\n"},
		{"76 ASCII", strings.Repeat("x", 76) + "\r\n", strings.Repeat("x", 75) + "\r\n x\r\n"},
		{"three-octet characters", long + "\r\n",
			"DESCRIPTION:" + strings.Repeat("ạ", 21) + "\r\n " + strings.Repeat("ạ", 19) + "\r\n"},
		{"no final CRLF", "A:b", "A:b\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := string(fold([]byte(tc.in)))
			if got != tc.want {
				t.Errorf("fold(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
			if unfold([]byte(got)) != strings.TrimSuffix(tc.in, "\r\n")+"\r\n" {
				t.Errorf("unfolding does not give the line back")
			}
		})
	}
}

// Ensure text values are escaped once, as RFC 5545 TEXT, and made safe for
// one content line.
func TestEscapeText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Trụ sở HĐND, UBND tỉnh", `Trụ sở HĐND\, UBND tỉnh`},
		{`a;b\c`, `a\;b\\c`},
		{"hai\ndòng", `hai\ndòng`},
		{"CR LF\r\nand CR\rend", `CR LF\nand CR\nend`},
		{"tab\tkept, bell\x07 dropped", `tab` + "\t" + `kept\, bell dropped`},
		{"bad \xff byte", "bad \uFFFD byte"},
		{`already \, escaped`, `already \\\, escaped`},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := escapeText(tc.in); got != tc.want {
				t.Errorf("escapeText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// Ensure durations and offsets are written in RFC 5545 form.
func TestFormatDurationOffset(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{time.Hour, "PT1H"}, {-time.Hour, "-PT1H"}, {90 * time.Minute, "PT1H30M"}, {0, "PT0S"},
		{-15 * time.Minute, "-PT15M"}, {24 * time.Hour, "PT24H"}, {time.Hour + 5*time.Second, "PT1H5S"},
	} {
		if got := formatDuration(tc.d); got != tc.want {
			t.Errorf("formatDuration(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
	for _, tc := range []struct {
		sec  int
		want string
	}{
		{7 * 3600, "+0700"}, {-6 * 3600, "-0600"}, {0, "+0000"}, {5*3600 + 30*60, "+0530"}, {-(3600 + 2), "-010002"},
	} {
		if got := formatOffset(tc.sec); got != tc.want {
			t.Errorf("formatOffset(%d) = %q, want %q", tc.sec, got, tc.want)
		}
	}
}
