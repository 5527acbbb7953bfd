package ical

import (
	"errors"
	"strings"
	"testing"
	"time"

	"catruc/scheduler"
)

// ics joins lines into a calendar body with CRLF line ends.
func ics(lines ...string) string { return strings.Join(lines, "\r\n") + "\r\n" }

// got is an occurrence as the tables write it: start and end in UTC.
type got struct {
	UID, Summary string
	Start, End   string // "2006-01-02T15:04Z"
	AllDay       bool
	Line         int
}

func view(items []Item) []got {
	out := make([]got, 0, len(items))
	for _, it := range items {
		out = append(out, got{it.UID, it.Summary, it.Start.UTC().Format("2006-01-02T15:04Z"), it.End.UTC().Format("2006-01-02T15:04Z"), it.AllDay, it.Line})
	}
	return out
}

func sameItems(t *testing.T, g, w []got) {
	t.Helper()
	if len(g) != len(w) {
		t.Fatalf("%d items, want %d:\n got %+v\nwant %+v", len(g), len(w), g, w)
	}
	for i := range g {
		if g[i] != w[i] {
			t.Errorf("item %d\n got %+v\nwant %+v", i, g[i], w[i])
		}
	}
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// weekly is a weekly meeting in Berlin across the spring change of 2026,
// with an exception, an extra date, a moved and a cancelled instance.
var weekly = ics(
	"BEGIN:VCALENDAR", // 1
	"VERSION:2.0",
	"PRODID:-//test//EN",
	"BEGIN:VEVENT", // 4
	"UID:giao-ban@example",
	"SUMMARY:Giao ban tuần, phòng họp số 2",
	"DTSTART;TZID=Europe/Berlin:20260316T090000",
	"DTEND;TZID=Europe/Berlin:20260316T103000",
	"RRULE:FREQ=WEEKLY;UNTIL=20260421T000000Z",
	"EXDATE;TZID=Europe/Berlin:20260323T090000",
	"RDATE;TZID=Europe/Berlin:20260402T140000",
	"END:VEVENT",
	"BEGIN:VEVENT", // 13
	"UID:giao-ban@example",
	"SUMMARY:Giao ban tuần (dời lịch)",
	"RECURRENCE-ID;TZID=Europe/Berlin:20260406T090000",
	"DTSTART;TZID=Europe/Berlin:20260407T100000",
	"DTEND;TZID=Europe/Berlin:20260407T110000",
	"END:VEVENT",
	"BEGIN:VEVENT", // 20
	"UID:giao-ban@example",
	"RECURRENCE-ID;TZID=Europe/Berlin:20260413T090000",
	"STATUS:CANCELLED",
	"DTSTART;TZID=Europe/Berlin:20260413T090000",
	"DTEND;TZID=Europe/Berlin:20260413T103000",
	"END:VEVENT",
	"END:VCALENDAR",
)

// Ensure a weekly RRULE with a TZID keeps its wall-clock time across DST,
// and EXDATE, RDATE, a moved instance (RECURRENCE-ID) and a cancelled one
// are applied, within the window asked for.
func TestParseRecurring(t *testing.T) {
	const s, m = "Giao ban tuần, phòng họp số 2", "Giao ban tuần (dời lịch)"
	for _, tc := range []struct {
		name     string
		from, to time.Time
		want     []got
	}{
		{"all", day(2026, 3, 1), day(2026, 5, 1), []got{
			{"giao-ban@example", s, "2026-03-16T08:00Z", "2026-03-16T09:30Z", false, 4}, // CET
			{"giao-ban@example", s, "2026-03-30T07:00Z", "2026-03-30T08:30Z", false, 4}, // CEST
			{"giao-ban@example", s, "2026-04-02T12:00Z", "2026-04-02T13:30Z", false, 4}, // RDATE
			{"giao-ban@example", m, "2026-04-07T08:00Z", "2026-04-07T09:00Z", false, 13},
			{"giao-ban@example", s, "2026-04-20T07:00Z", "2026-04-20T08:30Z", false, 4},
		}},
		{"window", time.Date(2026, 3, 30, 8, 30, 0, 0, time.UTC), time.Date(2026, 4, 7, 8, 0, 0, 0, time.UTC), []got{
			{"giao-ban@example", s, "2026-04-02T12:00Z", "2026-04-02T13:30Z", false, 4},
		}},
		{"window overlaps", time.Date(2026, 3, 30, 8, 29, 0, 0, time.UTC), time.Date(2026, 4, 7, 8, 1, 0, 0, time.UTC), []got{
			{"giao-ban@example", s, "2026-03-30T07:00Z", "2026-03-30T08:30Z", false, 4},
			{"giao-ban@example", s, "2026-04-02T12:00Z", "2026-04-02T13:30Z", false, 4},
			{"giao-ban@example", m, "2026-04-07T08:00Z", "2026-04-07T09:00Z", false, 13},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			items, err := Parse(strings.NewReader(weekly), mustLoad(t, scheduler.DefaultTimezone), tc.from, tc.to)
			if err != nil {
				t.Fatal(err)
			}
			sameItems(t, view(items), tc.want)
			for _, it := range items {
				if it.Start.Location().String() != scheduler.DefaultTimezone {
					t.Errorf("start in %s, want the loc given", it.Start.Location())
				}
			}
		})
	}
}

// Ensure all-day events span whole days of loc: DTEND exclusive, one day
// without DTEND, DURATION in days, and a yearly all-day recurrence.
func TestParseAllDay(t *testing.T) {
	body := ics(
		"BEGIN:VCALENDAR",
		"BEGIN:VEVENT", // 2
		"UID:a",
		"SUMMARY:Tập huấn",
		"DTSTART;VALUE=DATE:20261202",
		"END:VEVENT",
		"BEGIN:VEVENT", // 7
		"UID:b",
		"SUMMARY:Nghỉ Giáng sinh",
		"DTSTART;VALUE=DATE:20261224",
		"DTEND;VALUE=DATE:20261227",
		"END:VEVENT",
		"BEGIN:VEVENT", // 13
		"UID:c",
		"SUMMARY:Tết Dương lịch",
		"DTSTART:20270101",
		"RRULE:FREQ=YEARLY;COUNT=3",
		"END:VEVENT",
		"BEGIN:VEVENT", // 19
		"UID:d",
		"SUMMARY:Diễn tập",
		"DTSTART;VALUE=DATE:20261210",
		"DURATION:P2D",
		"END:VEVENT",
		"END:VCALENDAR",
	)
	items, err := Parse(strings.NewReader(body), mustLoad(t, scheduler.DefaultTimezone), day(2026, 12, 1), day(2029, 1, 1))
	if err != nil {
		t.Fatal(err)
	}
	sameItems(t, view(items), []got{
		{"a", "Tập huấn", "2026-12-01T17:00Z", "2026-12-02T17:00Z", true, 2},
		{"d", "Diễn tập", "2026-12-09T17:00Z", "2026-12-11T17:00Z", true, 19},
		{"b", "Nghỉ Giáng sinh", "2026-12-23T17:00Z", "2026-12-26T17:00Z", true, 7},
		{"c", "Tết Dương lịch", "2026-12-31T17:00Z", "2027-01-01T17:00Z", true, 13},
		{"c", "Tết Dương lịch", "2027-12-31T17:00Z", "2028-01-01T17:00Z", true, 13},
		{"c", "Tết Dương lịch", "2028-12-31T17:00Z", "2029-01-01T17:00Z", true, 13},
	})
}

// Ensure DURATION gives the end: hours exactly, days and weeks as calendar
// days (the same clock time after a change of offset).
func TestParseDuration(t *testing.T) {
	for _, tc := range []struct {
		name, start, duration string
		wantStart, wantEnd    string
	}{
		{"8 hours", "DTSTART;TZID=Asia/Ho_Chi_Minh:20261201T070000", "PT8H", "2026-12-01T00:00Z", "2026-12-01T08:00Z"},
		{"10 hours across the autumn change", "DTSTART;TZID=Europe/Berlin:20261024T220000", "PT10H", "2026-10-24T20:00Z", "2026-10-25T06:00Z"},
		{"one day across the autumn change is 25 hours", "DTSTART;TZID=Europe/Berlin:20261024T120000", "P1D", "2026-10-24T10:00Z", "2026-10-25T11:00Z"},
		{"one week and a half hour", "DTSTART:20261201T070000Z", "P1WT30M", "2026-12-01T07:00Z", "2026-12-08T07:30Z"},
		{"floating, in loc", "DTSTART:20261201T230000", "PT1H30M", "2026-12-01T16:00Z", "2026-12-01T17:30Z"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := ics("BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:x", "SUMMARY:x", tc.start, "DURATION:"+tc.duration, "END:VEVENT", "END:VCALENDAR")
			items, err := Parse(strings.NewReader(body), mustLoad(t, scheduler.DefaultTimezone), time.Time{}, time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			sameItems(t, view(items), []got{{"x", "x", tc.wantStart, tc.wantEnd, false, 2}})
		})
	}
}

// outlookZones are VTIMEZONEs as Outlook writes them: Windows names that
// Go's zone data does not know, observances from 1601 with yearly RRULEs.
const outlookZones = "BEGIN:VTIMEZONE\r\n" +
	"TZID:SE Asia Standard Time\r\n" +
	"BEGIN:STANDARD\r\nDTSTART:16010101T000000\r\nTZOFFSETFROM:+0700\r\nTZOFFSETTO:+0700\r\nEND:STANDARD\r\n" +
	"END:VTIMEZONE\r\n" +
	"BEGIN:VTIMEZONE\r\n" +
	"TZID:W. Europe Standard Time\r\n" +
	"BEGIN:STANDARD\r\nDTSTART:16011028T030000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\n" +
	"BEGIN:DAYLIGHT\r\nDTSTART:16010325T020000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\n" +
	"END:VTIMEZONE\r\n" +
	"BEGIN:VTIMEZONE\r\n" +
	"TZID:America/Chicago\r\n" + // a wrong definition of an IANA name: Go's data wins
	"BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0300\r\nTZOFFSETTO:+0300\r\nEND:STANDARD\r\n" +
	"END:VTIMEZONE\r\n"

// Ensure times are read in the right zone: floating in loc, UTC, IANA
// names, and a file's own VTIMEZONE (Outlook's Windows names), including a
// time skipped by the spring change (read with the offset before it) and one
// repeated in autumn (the first of the two).
func TestParseZones(t *testing.T) {
	for _, tc := range []struct {
		name, start string
		want        string
	}{
		{"floating", "DTSTART:20261201T070000", "2026-12-01T00:00Z"},
		{"UTC", "DTSTART:20261201T070000Z", "2026-12-01T07:00Z"},
		{"IANA", "DTSTART;TZID=America/Chicago:20261201T070000", "2026-12-01T13:00Z"},
		{"quoted IANA", `DTSTART;TZID="Europe/Berlin":20260701T070000`, "2026-07-01T05:00Z"},
		{"Outlook, no DST", "DTSTART;TZID=SE Asia Standard Time:20261201T070000", "2026-12-01T00:00Z"},
		{"Outlook, winter", "DTSTART;TZID=W. Europe Standard Time:20261201T070000", "2026-12-01T06:00Z"},
		{"Outlook, summer", "DTSTART;TZID=W. Europe Standard Time:20260701T070000", "2026-07-01T05:00Z"},
		{"Outlook, skipped 02:30", "DTSTART;TZID=W. Europe Standard Time:20260329T023000", "2026-03-29T01:30Z"},
		{"Outlook, repeated 02:30", "DTSTART;TZID=W. Europe Standard Time:20261025T023000", "2026-10-25T00:30Z"},
		{"IANA, skipped 02:30", "DTSTART;TZID=Europe/Berlin:20260329T023000", "2026-03-29T01:30Z"},
		{"IANA, repeated 02:30", "DTSTART;TZID=Europe/Berlin:20261025T023000", "2026-10-25T00:30Z"},
		{"Chicago, repeated 01:30", "DTSTART;TZID=America/Chicago:20261101T013000", "2026-11-01T06:30Z"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := "BEGIN:VCALENDAR\r\n" + outlookZones +
				ics("BEGIN:VEVENT", "UID:x", "SUMMARY:x", tc.start, "DURATION:PT1H", "END:VEVENT", "END:VCALENDAR")
			items, err := Parse(strings.NewReader(body), mustLoad(t, scheduler.DefaultTimezone), time.Time{}, time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			if len(items) != 1 {
				t.Fatalf("%d items", len(items))
			}
			if g := items[0].Start.UTC().Format("2006-01-02T15:04Z"); g != tc.want {
				t.Errorf("start %s, want %s", g, tc.want)
			}
		})
	}
}

// Ensure a weekly rule in an Outlook zone keeps its wall-clock time across
// the change, like the same rule in the IANA zone.
func TestParseRecurringOwnZone(t *testing.T) {
	body := "BEGIN:VCALENDAR\r\n" + outlookZones + ics(
		"BEGIN:VEVENT",
		"UID:x",
		"SUMMARY:x",
		"DTSTART;TZID=W. Europe Standard Time:20261019T090000",
		"DTEND;TZID=W. Europe Standard Time:20261019T100000",
		"RRULE:FREQ=WEEKLY;COUNT=3",
		"END:VEVENT",
		"END:VCALENDAR")
	items, err := Parse(strings.NewReader(body), time.UTC, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var starts []string
	for _, g := range view(items) {
		starts = append(starts, g.Start)
	}
	if want := "2026-10-19T07:00Z 2026-10-26T08:00Z 2026-11-02T08:00Z"; strings.Join(starts, " ") != want {
		t.Errorf("starts %v, want %s", starts, want)
	}
}

// Ensure a malformed file is an EINVALID error on field "body" whose message
// names the line at fault, for the structure, the grammar go-ical would choke
// on (some of which make it panic) and the values.
func TestParseErrors(t *testing.T) {
	head := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\n" // lines 1-4
	for _, tc := range []struct {
		name, body string
		want       string
	}{
		{"empty", "", "line 1: no calendar"},
		{"not a calendar", "hello\r\n", "line 1: malformed line"},
		{"BEGIN:VEVENT first", "BEGIN:VEVENT\r\nEND:VEVENT\r\n", "line 1: expected BEGIN:VCALENDAR"},
		{"no colon", head + "DTSTART;TZID=Asia/Ho_Chi_Minh:20261201T070000\r\nDTEND 20261201T150000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "line 6: malformed line"},
		{"parameter without value (go-ical panics)", head + "DTSTART;TZID\r\n", "line 5: DTSTART: parameter"},
		{"parameter running to the end (go-ical panics)", head + "DTSTART;TZID=Asia\r\n", "line 5: DTSTART: no colon"},
		{"text after a quoted parameter (go-ical panics)", head + "DTSTART;TZID=\"Asia\"x:20261201T070000\r\n", "line 5: DTSTART: unexpected 'x'"},
		{"unclosed quote", head + "DTSTART;TZID=\"Asia:20261201T070000\r\n", "line 5: DTSTART: a quoted parameter value is not closed"},
		{"wrong END", head + "DTSTART:20261201T070000Z\r\nDURATION:PT1H\r\nEND:VTODO\r\n", "line 7: expected END:VEVENT (for BEGIN:VEVENT on line 3)"},
		{"never closed", head + "DTSTART:20261201T070000Z\r\nDURATION:PT1H\r\n", "line 3: BEGIN:VEVENT is never closed"},
		{"bad date", head + "DTSTART:2026-12-01T07:00\r\nDURATION:PT1H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "line 5: DTSTART \"2026-12-01T07:00\""},
		{"bad month", head + "DTSTART:20261301T070000\r\nDURATION:PT1H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "line 5: DTSTART"},
		{"no DTSTART", head + "DURATION:PT1H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "line 3: VEVENT has no DTSTART"},
		{"no end", head + "SUMMARY:Họp\r\nDTSTART:20261201T070000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "line 3: VEVENT has neither DTEND nor DURATION"},
		{"end before start", head + "DTSTART:20261201T070000\r\nDTEND:20261201T060000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "line 6: DTEND is not after DTSTART"},
		{"date and date-time", head + "DTSTART;VALUE=DATE:20261201\r\nDTEND:20261201T060000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "line 6: DTEND and DTSTART must both be"},
		{"bad duration", head + "DTSTART:20261201T070000\r\nDURATION:8 hours\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "line 6: DURATION \"8 hours\""},
		{"unknown zone", head + "DTSTART;TZID=Giờ Hà Nội:20261201T070000\r\nDURATION:PT1H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "line 5: unknown time zone \"Giờ Hà Nội\""},
		{"bad RRULE", head + "DTSTART:20261201T070000\r\nDURATION:PT1H\r\nRRULE:FREQ=FORTNIGHTLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "line 7: RRULE"},
		{"bad EXDATE", head + "DTSTART:20261201T070000\r\nDURATION:PT1H\r\nRRULE:FREQ=DAILY;COUNT=3\r\nEXDATE:tomorrow\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "line 8: EXDATE \"tomorrow\""},
		{"bad VTIMEZONE offset", "BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nTZID:Z\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+07\r\nTZOFFSETTO:+0700\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n" +
			"BEGIN:VEVENT\r\nUID:x\r\nDTSTART;TZID=Z:20261201T070000\r\nDURATION:PT1H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "line 6: TZOFFSETFROM \"+07\""},
		{"invalid UTF-8", head + "SUMMARY:Tr\xe1\xbb\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "line 5: the text is not valid UTF-8"},
		{"folded lines count", head + "SUMMARY:Một dòng\r\n  dài\r\nDTSTART:20261201T070000\r\nDTEND:bad\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "line 8: DTEND \"bad\""},
		{"garbage after the calendar", head + "DTSTART:20261201T070000Z\r\nDURATION:PT1H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\nxyz:1\r\n", "line 9: expected BEGIN:VCALENDAR, got XYZ"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			items, err := Parse(strings.NewReader(tc.body), time.UTC, time.Time{}, time.Time{})
			var e *scheduler.Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v (items %v), want a *scheduler.Error", err, items)
			}
			if e.Code != scheduler.EINVALID || e.Field != "body" || !strings.HasPrefix(e.Message, tc.want) {
				t.Errorf("got %s / %s / %q, want invalid / body / %q…", e.Code, e.Field, e.Message, tc.want)
			}
		})
	}
}

// Ensure a recurrence with more than MaxOccurrences occurrences in the
// window is refused, naming its VEVENT, and one that recurs too densely
// before the window is refused naming its RRULE, quickly.
func TestParseTooMany(t *testing.T) {
	for _, tc := range []struct {
		name, start, rule string
		from, to          time.Time
		want              string
	}{
		{"hourly for two years", "DTSTART:20260101T000000Z", "RRULE:FREQ=HOURLY", day(2026, 1, 1), day(2028, 1, 1),
			"line 2: more than 10000 occurrences"},
		{"every minute since 1990", "DTSTART:19900101T000000Z", "RRULE:FREQ=MINUTELY", day(2026, 1, 1), day(2026, 1, 8),
			"line 2: more than 10000 occurrences"},
		{"a million minutes since 1990 (COUNT: no skipping)", "DTSTART:19900101T000000Z", "RRULE:FREQ=MINUTELY;COUNT=1000000", day(2026, 1, 1), day(2026, 1, 2),
			"line 6: RRULE makes more than 200000 occurrences"},
		{"endless, no window", "DTSTART:20260101T000000Z", "RRULE:FREQ=DAILY", time.Time{}, time.Time{},
			"line 2: more than 10000 occurrences"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := ics("BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:x", tc.start, "DURATION:PT30M", tc.rule, "END:VEVENT", "END:VCALENDAR")
			start := time.Now()
			_, err := Parse(strings.NewReader(body), time.UTC, tc.from, tc.to)
			if scheduler.ErrorCode(err) != scheduler.EINVALID || !strings.HasPrefix(scheduler.ErrorMessage(err), tc.want) {
				t.Errorf("err = %v, want %q…", err, tc.want)
			}
			if d := time.Since(start); d > 15*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

// Ensure text values are unescaped, an unescaped comma is kept (go-ical's
// own Text would cut there), LF-only files and folded lines are read, and
// Line is the physical line of BEGIN:VEVENT.
func TestParseText(t *testing.T) {
	body := strings.Join([]string{
		"\ufeffBEGIN:VCALENDAR",
		"X-WR-CALNAME:Lịch",
		"",
		"BEGIN:VEVENT",
		"UID:x@example",
		`SUMMARY:Kỳ họp HĐND\, UBND tỉnh\; phiên 1\\2`,
		"DESCRIPTION:Dòng một\\nDòng hai, không thoát dấu phẩy",
		"LOCATION:Hội trường tầng 3 – Trụ sở HĐND",
		" \\, UBND tỉnh",
		"DTSTART:20261201T070000",
		"DTEND:20261201T110000",
		"END:VEVENT",
		"END:VCALENDAR",
	}, "\n")
	items, err := Parse(strings.NewReader(body), mustLoad(t, scheduler.DefaultTimezone), time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	want := Item{UID: "x@example", Summary: `Kỳ họp HĐND, UBND tỉnh; phiên 1\2`, Description: "Dòng một\nDòng hai, không thoát dấu phẩy",
		Location: "Hội trường tầng 3 – Trụ sở HĐND, UBND tỉnh", Line: 4}
	if len(items) != 1 {
		t.Fatalf("%d items", len(items))
	}
	g := items[0]
	if g.UID != want.UID || g.Summary != want.Summary || g.Description != want.Description || g.Location != want.Location || g.Line != want.Line {
		t.Errorf("got %+v\nwant %+v", g, want)
	}
}

// Ensure a feed this package writes reads back with Parse: the shifts that
// are not cancelled, with their exact Vietnamese text, sorted by start.
func TestParseBuiltFeed(t *testing.T) {
	f := personalFeed(t)
	out, err := Build(f)
	if err != nil {
		t.Fatal(err)
	}
	items, err := Parse(strings.NewReader(string(out)), f.Loc, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var g []string
	for _, it := range items {
		g = append(g, it.UID+" "+it.Summary+" "+it.Location+" "+it.Start.Format(time.RFC3339)+" "+it.End.Format(time.RFC3339))
	}
	want := []string{
		"shift-101@catruc.example.vn " + hqName + " – " + guardAn + " " + hqSite + " 2026-12-01T07:00:00+07:00 2026-12-01T15:00:00+07:00",
		"shift-102@catruc.example.vn " + hqName + " – " + guardAn + " " + hqSite + " 2026-12-02T15:00:00+07:00 2026-12-02T23:00:00+07:00",
		"shift-103@catruc.example.vn " + recName + " – " + guardAn + " " + recSite + " 2026-12-03T23:00:00+07:00 2026-12-04T07:00:00+07:00",
	}
	if strings.Join(g, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(g, "\n"), strings.Join(want, "\n"))
	}
}

// Ensure rules that match nothing, each a walk through every day of the
// window, cannot keep Parse busy past its time budget.
func TestParseTimeBudget(t *testing.T) {
	defer func(d time.Duration) { expandTime = d }(expandTime)
	expandTime = 300 * time.Millisecond
	lines := []string{"BEGIN:VCALENDAR"}
	for i := 0; i < 1000; i++ {
		lines = append(lines, "BEGIN:VEVENT", "UID:x", "DTSTART:20260101T000000Z", "DURATION:PT1H",
			"RRULE:FREQ=SECONDLY;COUNT=5;BYMONTH=2;BYMONTHDAY=30", "END:VEVENT")
	}
	lines = append(lines, "END:VCALENDAR")
	start := time.Now()
	_, err := Parse(strings.NewReader(ics(lines...)), time.UTC, day(2026, 1, 1), day(2028, 1, 1))
	if scheduler.ErrorCode(err) != scheduler.EINVALID || !strings.Contains(scheduler.ErrorMessage(err), "takes too long") {
		t.Errorf("err = %v, want EINVALID … takes too long", err)
	}
	if d := time.Since(start); d > 10*time.Second { // the budget is 0.3 s; the whole work takes seconds
		t.Errorf("took %v", d)
	}
}

// Ensure a rule started near the window (advance) has exactly the
// occurrences in the window that it has when expanded from its DTSTART,
// for rules of every frequency, with intervals, BYxxx parts and BYSETPOS.
func TestAdvanceKeepsOccurrences(t *testing.T) {
	start := time.Date(1998, 1, 31, 9, 30, 15, 0, time.UTC) // a Saturday, the 31st
	target := time.Date(2026, 3, 17, 13, 0, 0, 0, time.UTC)
	end := target.AddDate(3, 0, 0)
	for _, rule := range []string{
		"FREQ=YEARLY",
		"FREQ=YEARLY;INTERVAL=3;BYMONTH=3,4",
		"FREQ=YEARLY;BYWEEKNO=12;BYDAY=MO",
		"FREQ=YEARLY;BYYEARDAY=80,-200",
		"FREQ=MONTHLY",
		"FREQ=MONTHLY;INTERVAL=5",
		"FREQ=MONTHLY;BYDAY=-1FR",
		"FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
		"FREQ=MONTHLY;BYMONTHDAY=-1;BYHOUR=7,19",
		"FREQ=WEEKLY",
		"FREQ=WEEKLY;INTERVAL=3",
		"FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,WE;WKST=SU",
		"FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,WE;WKST=MO",
		"FREQ=DAILY",
		"FREQ=DAILY;INTERVAL=3",
		"FREQ=DAILY;INTERVAL=7;BYHOUR=6,14,22;BYMINUTE=0",
		"FREQ=HOURLY;INTERVAL=5",
		"FREQ=HOURLY;INTERVAL=7;BYHOUR=1,2,3,4,5",
		"FREQ=MINUTELY;INTERVAL=97;BYHOUR=8",
		"FREQ=SECONDLY;INTERVAL=7919;BYMINUTE=5",
	} {
		for i := 0; i < 3; i++ {
			// Three targets, so that some fall between the rule's periods.
			target := target.Add(time.Duration(i) * (24*time.Hour + time.Hour + time.Minute + time.Second) * 1)
			if i == 2 {
				target = target.AddDate(0, 1, 8)
			}
			checkAdvance(t, rule, start, target, end)
		}
	}
}

func checkAdvance(t *testing.T, rule string, start, target, end time.Time) {
	t.Run(rule+" from "+target.Format("2006-01-02T15:04:05"), func(t *testing.T) {
		var want, got []string
		for _, skip := range []time.Time{{}, target} {
			r, err := newRule(rule, start, nil, end, skip)
			if err != nil {
				t.Fatal(err)
			}
			var list []string
			next := r.Iterator()
			for n := 0; n < 3000000; n++ {
				w, ok := next()
				if !ok {
					break
				}
				if !w.Before(target) {
					list = append(list, w.Format(time.RFC3339))
				}
			}
			if skip.IsZero() {
				want = list
			} else {
				got = list
				if !r.GetDTStart().After(start) {
					t.Errorf("the rule was not advanced")
				}
			}
		}
		if len(want) == 0 || strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("advanced: %d occurrences %v\nfrom DTSTART: %d occurrences %v", len(got), head(got), len(want), head(want))
		}
	})
}

func head(l []string) []string {
	if len(l) > 5 {
		return l[:5]
	}
	return l
}
