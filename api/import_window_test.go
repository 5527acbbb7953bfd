package api_test

import (
	"fmt"
	"strings"
	"testing"
)

// Ensure entries outside the import window (31 days back, two years ahead of
// now, 01/12/2026) are listed as skipped with the reason — by key, with the
// English message and the line — and not dropped silently: a 2030 roster
// answers each entry as skipped, and a rule without end imports its two
// years and says the rest is left out.
func TestImportListsEntriesOutsideTheWindow(t *testing.T) {
	en := newEnv(t)
	_, _, an, _ := en.seedOffice()
	q := fmt.Sprintf("/api/v1/import/ics?kind=time-off&guard_id=%d", an)
	ev := func(uid, start, end, extra string) string {
		return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;VALUE=DATE:" + start +
			"\r\nDTEND;VALUE=DATE:" + end + "\r\n" + extra + "SUMMARY:Nghỉ phép năm\r\nEND:VEVENT\r\n"
	}
	cal := func(events ...string) string {
		return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + strings.Join(events, "") + "END:VCALENDAR\r\n"
	}

	// A roster wholly in 2030: every entry skipped, none dropped.
	far := cal(ev("a@x", "20300107", "20300108", ""), ev("b@x", "20300114", "20300115", ""))
	res := en.must(200, en.do("manager", "POST", q, far)).obj()
	skipped := res["skipped"].([]any)
	if len(res["created"].([]any)) != 0 || len(res["errors"].([]any)) != 0 || len(skipped) != 2 {
		t.Fatalf("2030 roster: %s", en.do("manager", "POST", q+"&dry_run=1", far).Raw)
	}
	first := skipped[0].(map[string]any)
	if first["line"] != 4.0 || first["key"] != "import.outside_window" || first["start"] != "2030-01-07T00:00:00+07:00" ||
		first["reason"] != "line 4: outside the stretch imported (2026-10-31 to 2028-12-01): not imported" {
		t.Fatalf("skipped: %v", first)
	}
	if args := first["args"].(map[string]any); args["from"] != "2026-10-31" || args["to"] != "2028-12-01" || args["line"] != 4.0 {
		t.Fatalf("skipped args: %v", args)
	}

	// Before the window, in it, and a weekly rule without end from inside it.
	mixed := cal(ev("old@x", "20261001", "20261002", ""), ev("now@x", "20261207", "20261208", ""),
		ev("weekly@x", "20261209", "20261210", "RRULE:FREQ=WEEKLY\r\n"))
	res = en.must(200, en.do("manager", "POST", q+"&dry_run=true", mixed)).obj()
	var keys []string
	for _, s := range res["skipped"].([]any) {
		m := s.(map[string]any)
		keys = append(keys, fmt.Sprintf("%v %v %v", m["line"], m["key"], m["start"]))
	}
	want := "4 import.outside_window 2026-10-01T00:00:00+07:00 | 18 import.recurrence_outside_window 2026-12-09T00:00:00+07:00"
	if got := strings.Join(keys, " | "); got != want {
		t.Fatalf("skipped:\n got %s\nwant %s", got, want)
	}
	// 1 + the Wednesdays from 09/12/2026 to 29/11/2028 (104 weeks).
	if n := len(res["created"].([]any)); n != 1+104 {
		t.Fatalf("created %d, want 105", n)
	}
}

// Ensure the hourly rule of the issue (5,000 occurrences) previews as a dry
// run, and a rule beyond the limits (10,000 occurrences in the window, 200,000
// steps of expansion) is a 400 naming its line and the limit, by key.
func TestImportHourlyRuleBounded(t *testing.T) {
	en := newEnv(t)
	_, _, an, _ := en.seedOffice()
	q := fmt.Sprintf("/api/v1/import/ics?kind=time-off&guard_id=%d&dry_run=true", an)
	rule := func(r string) string {
		return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:h@x\r\nDTSTAMP:20261101T000000Z\r\n" +
			"DTSTART:20261202T000000Z\r\nDTEND:20261202T003000Z\r\n" + r + "\r\nSUMMARY:Tập huấn\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	}
	res := en.must(200, en.do("manager", "POST", q, rule("RRULE:FREQ=HOURLY;COUNT=5000"))).obj()
	if len(res["created"].([]any)) != 5000 || len(res["skipped"].([]any)) != 0 {
		t.Fatalf("5,000 hourly: created %d, skipped %v", len(res["created"].([]any)), res["skipped"])
	}
	for _, r := range []string{"RRULE:FREQ=HOURLY;COUNT=20000", "RRULE:FREQ=MINUTELY", "RRULE:FREQ=SECONDLY;INTERVAL=7"} {
		bad := en.do("manager", "POST", q, rule(r))
		e, _ := bad.obj()["error"].(map[string]any)
		args, _ := e["args"].(map[string]any)
		// The line of the entry (too many occurrences) or of its RRULE (too many steps to expand).
		if bad.Status != 400 || bad.errField() != "body" || (args["line"] != 4.0 && args["line"] != 9.0) ||
			!strings.HasPrefix(e["key"].(string), "ical.") || args["max"] == nil {
			t.Errorf("%s: %d %.300s", r, bad.Status, bad.Raw)
		}
	}
}
