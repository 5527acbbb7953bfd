package ical

import (
	"errors"
	"strings"
	"testing"
	"time"

	"catruc/scheduler"
)

// Ensure no file makes the import's reader panic or answer anything but its
// items or an EINVALID error on "body" naming a line (never an internal
// error, which the API would answer 500), and that what it answers keeps
// its promises: at most MaxOccurrences items, each inside the window and not
// empty, in time order, and each entry left out named by its line.
//
// The seed corpus (testdata/fuzz/FuzzParse) holds real-world shapes: Google,
// Outlook and Apple exports, RRULE with EXDATE and RECURRENCE-ID, TZID with
// and without VTIMEZONE, all-day holidays, folded lines, Vietnamese text, and
// the hourly rule of issue 11. To fuzz longer (see README, "Fuzzing"):
//
//	go test ./scheduler/ical -run '^$' -fuzz FuzzParse -fuzztime 10m
func FuzzParse(f *testing.F) {
	f.Add(weekly)
	f.Add("BEGIN:VCALENDAR\r\n" + outlookZones + "END:VCALENDAR\r\n")
	f.Add("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;TZID=\"a\"b:1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
	f.Add("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260101\r\nRRULE:FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		f.Fatal(err)
	}
	from, to := day(2026, 1, 1), day(2027, 1, 1)
	f.Fuzz(func(t *testing.T, body string) {
		items, outside, err := ParseAll(strings.NewReader(body), loc, from, to)
		if err != nil {
			var e *scheduler.Error
			if !errors.As(err, &e) || e.Code != scheduler.EINVALID || e.Field != "body" || !strings.HasPrefix(e.Message, "line ") {
				t.Fatalf("err = %#v", err)
			}
			if line, ok := e.Args["line"].(int); !ok || line < 1 {
				t.Fatalf("error without a line: %#v", e)
			}
			return
		}
		if len(items) > MaxOccurrences {
			t.Fatalf("%d items", len(items))
		}
		for i, it := range items {
			if !it.End.After(it.Start) || !it.Start.Before(to) || !it.End.After(from) || it.Line < 1 {
				t.Fatalf("item %d: %+v", i, it)
			}
			if i > 0 && it.Start.Before(items[i-1].Start) {
				t.Fatalf("items out of order at %d", i)
			}
		}
		for _, o := range outside {
			if o.Line < 1 || (!o.Recurring && o.Start.Before(to) && o.End.After(from)) {
				t.Fatalf("left out but inside the window: %+v", o)
			}
		}
	})
}
