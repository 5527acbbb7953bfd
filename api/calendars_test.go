package api_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
)

// feedGet fetches a feed URL with headers; it returns status, headers and body (gunzipped).
func feedGet(t *testing.T, method, u string, headers ...string) (int, http.Header, string) {
	t.Helper()
	req, _ := http.NewRequest(method, u, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var r io.Reader = res.Body
	if res.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	}
	b, _ := io.ReadAll(r)
	return res.StatusCode, res.Header, string(b)
}

// Ensure a guard's calendar link is shown once, serves their shifts with
// local times and Vietnamese names, answers 304 to a matching ETag or
// date, shows an edit as a higher SEQUENCE and a cancellation as
// STATUS:CANCELLED, and dies when rotated or revoked.
func TestCalendarFeeds(t *testing.T) {
	en := newEnv(t)
	hq, _, an, duc := en.seedOffice()
	sid := en.must(201, en.do("manager", "POST", "/api/v1/shifts", map[string]any{"post_id": hq, "guard_id": an,
		"start": "2026-12-02T07:00:00+07:00", "end": "2026-12-02T19:00:00+07:00", "note": "Giao ca, kiểm tra PCCC"})).id()
	en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, duc, "2026-12-02T19:00:00+07:00", "2026-12-03T07:00:00+07:00")))
	cal := en.must(201, en.do("manager", "POST", "/api/v1/calendars", map[string]any{"scope": "guard", "target_id": an})).obj()
	url, webcal := cal["url"].(string), cal["webcal_url"].(string)
	if cal["name"] != "Lịch trực – Nguyễn Văn An" || !strings.HasPrefix(url, "http://127.0.0.1:8080/ical/cal_") || !strings.HasSuffix(url, ".ics") ||
		webcal != "webcal"+strings.TrimPrefix(url, "http") {
		t.Fatalf("calendar: %v", cal)
	}
	path := strings.TrimPrefix(url, "http://127.0.0.1:8080")
	feed := en.srv.URL + path
	code, h, body := feedGet(t, "GET", feed)
	if code != 200 || h.Get("Content-Type") != "text/calendar; charset=utf-8" || h.Get("ETag") == "" || h.Get("Last-Modified") == "" {
		t.Fatalf("feed: %d %v", code, h)
	}
	for _, want := range []string{"BEGIN:VCALENDAR", "X-WR-CALNAME:Lịch trực – Nguyễn Văn An", "BEGIN:VTIMEZONE", "TZID:Asia/Ho_Chi_Minh",
		fmt.Sprintf("UID:shift-%d@127.0.0.1", sid), "DTSTART;TZID=Asia/Ho_Chi_Minh:20261202T070000", "DTEND;TZID=Asia/Ho_Chi_Minh:20261202T190000",
		"SUMMARY:Trụ sở HĐND\\, UBND tỉnh\r\n", "BEGIN:VALARM", "REFRESH-INTERVAL;VALUE=DURATION:PT1H"} {
		if !strings.Contains(unfold(body), want) {
			t.Errorf("feed lacks %q", want)
		}
	}
	// What a phone does not show is left out of a personal feed (issue 11):
	// RFC 5545's defaults (SEQUENCE:0, STATUS:CONFIRMED, TRANSP:OPAQUE), the
	// record's times and the post's address.
	for _, unwanted := range []string{"SEQUENCE:", "STATUS:", "TRANSP:", "CREATED:", "LAST-MODIFIED:", "LOCATION:"} {
		if strings.Contains(body, unwanted) {
			t.Errorf("a personal feed holds %q", unwanted)
		}
	}
	if strings.Contains(body, "Trần Minh Đức\r\nEND:VEVENT") || strings.Count(body, "BEGIN:VEVENT") != 1 {
		t.Fatalf("a personal feed shows others' shifts:\n%s", body)
	}
	for _, line := range strings.Split(body, "\r\n") {
		if len(line) > 75 {
			t.Fatalf("line over 75 octets: %q", line)
		}
	}
	// Conditional requests and HEAD.
	if code, _, _ := feedGet(t, "GET", feed, "If-None-Match", h.Get("ETag")); code != 304 {
		t.Fatalf("If-None-Match: %d", code)
	}
	if code, _, _ := feedGet(t, "GET", feed, "If-Modified-Since", h.Get("Last-Modified")); code != 304 {
		t.Fatalf("If-Modified-Since: %d", code)
	}
	if code, hh, b := feedGet(t, "HEAD", feed); code != 200 || b != "" || hh.Get("ETag") != h.Get("ETag") {
		t.Fatalf("HEAD: %d %q", code, b)
	}
	if code, hh, b := feedGet(t, "GET", feed, "Accept-Encoding", "gzip"); code != 200 || hh.Get("Content-Encoding") != "gzip" || b != body {
		t.Fatalf("gzip: %d %v", code, hh)
	}
	// An edit: same UID, higher SEQUENCE, new ETag.
	en.must(200, en.do("manager", "PATCH", fmt.Sprintf("/api/v1/shifts/%d", sid), `{"end":"2026-12-02T18:00:00+07:00"}`))
	code, h2, body2 := feedGet(t, "GET", feed, "If-None-Match", h.Get("ETag"))
	if code != 200 || h2.Get("ETag") == h.Get("ETag") || !strings.Contains(body2, "SEQUENCE:1") ||
		!strings.Contains(body2, "DTEND;TZID=Asia/Ho_Chi_Minh:20261202T180000") || !strings.Contains(body2, fmt.Sprintf("UID:shift-%d@", sid)) {
		t.Fatalf("after an edit: %d\n%s", code, body2)
	}
	// A cancellation stays, as CANCELLED.
	en.must(200, en.do("manager", "DELETE", fmt.Sprintf("/api/v1/shifts/%d", sid), nil))
	_, _, body3 := feedGet(t, "GET", feed)
	if !strings.Contains(body3, "STATUS:CANCELLED") || !strings.Contains(body3, "SEQUENCE:2") || strings.Contains(body3, "BEGIN:VALARM") {
		t.Fatalf("after cancelling:\n%s", body3)
	}
	// Listed with last access; rotated: the old URL dies, the new one works.
	l := en.get("/api/v1/calendars").list()
	if len(l) != 1 || l[0].(map[string]any)["last_access"] == nil || l[0].(map[string]any)["url"] != nil {
		t.Fatalf("list: %v", l)
	}
	id := int64(num(cal["id"]))
	rot := en.must(200, en.do("manager", "POST", fmt.Sprintf("/api/v1/calendars/%d/rotate", id), nil)).obj()
	if code, _, _ := feedGet(t, "GET", feed); code != 404 {
		t.Fatalf("old URL after rotating: %d", code)
	}
	feed2 := en.srv.URL + strings.TrimPrefix(rot["url"].(string), "http://127.0.0.1:8080")
	if code, _, _ := feedGet(t, "GET", feed2); code != 200 {
		t.Fatalf("new URL: %d", code)
	}
	en.must(204, en.do("manager", "DELETE", fmt.Sprintf("/api/v1/calendars/%d", id), nil))
	if code, _, _ := feedGet(t, "GET", feed2); code != 404 {
		t.Fatalf("revoked URL: %d", code)
	}
	if code, _, _ := feedGet(t, "GET", en.srv.URL+"/ical/cal_nothing.ics"); code != 404 {
		t.Fatalf("unknown token: %d", code)
	}
}

// unfold undoes iCalendar line folding.
func unfold(s string) string { return strings.ReplaceAll(s, "\r\n ", "") }

// Ensure the police feed shows the events with notify_police and who of the office is on duty.
func TestPoliceFeed(t *testing.T) {
	en := newEnv(t)
	hq, police, an, _ := en.seedOffice()
	en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, an, "2026-12-03T07:00:00+07:00", "2026-12-03T19:00:00+07:00")))
	en.must(201, en.do("manager", "POST", "/api/v1/events", map[string]any{"title": "Đón đoàn khách Trung ương", "kind": "delegation",
		"start": "2026-12-03T09:00:00+07:00", "end": "2026-12-03T11:00:00+07:00", "post_ids": []int64{hq, police}, "notify_police": true}))
	en.must(201, en.do("manager", "POST", "/api/v1/events", map[string]any{"title": "Họp nội bộ", "kind": "conference",
		"start": "2026-12-03T14:00:00+07:00", "end": "2026-12-03T15:00:00+07:00", "post_ids": []int64{hq}}))
	cal := en.must(201, en.do("manager", "POST", "/api/v1/calendars", `{"scope":"police"}`)).obj()
	_, _, body := feedGet(t, "GET", en.srv.URL+strings.TrimPrefix(cal["url"].(string), "http://127.0.0.1:8080"))
	b := unfold(body)
	if !strings.Contains(b, "Đón đoàn khách Trung ương") || strings.Contains(b, "Họp nội bộ") || !strings.Contains(b, "Nguyễn Văn An") {
		t.Fatalf("police feed:\n%s", b)
	}
	for _, bad := range []string{`{"scope":"guard"}`, `{"scope":"all","target_id":1}`, `{"scope":"city"}`, `{"scope":"post","target_id":999}`} {
		if r := en.do("manager", "POST", "/api/v1/calendars", bad); r.Status != 400 {
			t.Errorf("calendar %s: %d", bad, r.Status)
		}
	}
	// A guard token makes and sees only its own guard's calendar.
	tok := en.guardToken("an", an)
	_ = tok
	if r := en.do("an", "POST", "/api/v1/calendars", `{"scope":"police"}`); r.Status != 403 {
		t.Fatalf("guard makes the police calendar: %d", r.Status)
	}
	en.must(201, en.do("an", "POST", "/api/v1/calendars", map[string]any{"scope": "guard", "target_id": an}))
	if l := en.do("an", "GET", "/api/v1/calendars", nil).list(); len(l) != 1 {
		t.Fatalf("guard's list: %v", l)
	}
	if r := en.do("viewer", "POST", "/api/v1/calendars", `{"scope":"all"}`); r.Status != 403 {
		t.Fatalf("viewer makes a calendar: %d", r.Status)
	}
	_ = context.Background
}

const leaveICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" +
	"BEGIN:VEVENT\r\nUID:leave-1@test\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;VALUE=DATE:20261207\r\nDTEND;VALUE=DATE:20261209\r\nSUMMARY:Nghỉ phép năm\r\nEND:VEVENT\r\n" +
	"BEGIN:VEVENT\r\nUID:train-1@test\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;TZID=Asia/Ho_Chi_Minh:20261214T080000\r\nDTEND;TZID=Asia/Ho_Chi_Minh:20261214T170000\r\n" +
	"RRULE:FREQ=WEEKLY;COUNT=3\r\nEXDATE;TZID=Asia/Ho_Chi_Minh:20261221T080000\r\nSUMMARY:Tập huấn nghiệp vụ\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"

// Ensure importing a leave calendar expands RRULE and EXDATE, previews
// without writing on a dry run, writes all on a real run, skips what is
// already there, and refuses a malformed file naming the line.
func TestImportICS(t *testing.T) {
	en := newEnv(t)
	_, police, an, _ := en.seedOffice()
	q := fmt.Sprintf("/api/v1/import/ics?kind=time-off&guard_id=%d", an)
	dry := en.must(200, en.do("manager", "POST", q+"&dry_run=true", leaveICS)).obj()
	if len(dry["created"].([]any)) != 3 || len(dry["errors"].([]any)) != 0 {
		t.Fatalf("dry run: %v", dry)
	}
	if l := en.get("/api/v1/time-off").list(); len(l) != 0 {
		t.Fatalf("a dry run wrote %d", len(l))
	}
	res := en.must(200, en.do("manager", "POST", q, leaveICS)).obj()
	created := res["created"].([]any)
	if len(created) != 3 {
		t.Fatalf("import: %v", res)
	}
	first := created[0].(map[string]any)
	if first["kind"] != "leave" || first["start"] != "2026-12-07T00:00:00+07:00" || first["end"] != "2026-12-09T00:00:00+07:00" || first["note"] != "Nghỉ phép năm" {
		t.Fatalf("leave: %v", first)
	}
	starts := []string{}
	for _, c := range created[1:] {
		m := c.(map[string]any)
		starts = append(starts, m["start"].(string))
		if m["kind"] != "training" {
			t.Fatalf("training: %v", m)
		}
	}
	if strings.Join(starts, " ") != "2026-12-14T08:00:00+07:00 2026-12-28T08:00:00+07:00" {
		t.Fatalf("expanded occurrences: %v", starts)
	}
	again := en.must(200, en.do("manager", "POST", q, leaveICS)).obj()
	if len(again["created"].([]any)) != 0 || len(again["skipped"].([]any)) != 3 {
		t.Fatalf("second import: %v", again)
	}
	bad := strings.Replace(leaveICS, "DTSTART;VALUE=DATE:20261207", "DTSTART;VALUE=DATE:2026-12-07x", 1)
	r := en.do("manager", "POST", q, bad)
	if r.Status != 400 || r.errField() != "body" || !strings.Contains(r.Raw2(), "line 7") {
		t.Fatalf("malformed: %d %s", r.Status, r.Raw)
	}
	if l := en.get("/api/v1/time-off").list(); len(l) != 3 {
		t.Fatalf("a malformed import wrote: %d", len(l))
	}
	// The police squad's roster, matched by name; an unknown name makes the whole import fail.
	officer := en.must(201, en.do("manager", "POST", "/api/v1/guards", map[string]any{"name": "Thượng úy Võ Thành Nam", "unit": "police", "post_ids": []int64{police}})).id()
	roster := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//pk20//VI\r\n" +
		"BEGIN:VEVENT\r\nUID:a@pk20\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261205T230000Z\r\nDTEND:20261206T070000Z\r\nSUMMARY:Ca 3 – Võ Thành Nam\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:b@pk20\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261206T070000Z\r\nDTEND:20261206T150000Z\r\nSUMMARY:Ca 1 – Nguyễn Vô Danh\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	sq := fmt.Sprintf("/api/v1/import/ics?kind=shifts&post_id=%d", police)
	r = en.do("manager", "POST", sq, roster)
	if r.Status != 400 || len(r.obj()["errors"].([]any)) != 1 || len(r.obj()["created"].([]any)) != 1 {
		t.Fatalf("roster with an unknown officer: %d %s", r.Status, r.Raw)
	}
	if l := en.get(fmt.Sprintf("/api/v1/shifts?post_id=%d", police)).list(); len(l) != 0 {
		t.Fatalf("a failed import wrote shifts: %v", l)
	}
	ok := strings.Replace(roster, "Nguyễn Vô Danh", "Võ Thành Nam", 1)
	res = en.must(200, en.do("manager", "POST", sq, ok)).obj()
	if len(res["created"].([]any)) != 2 {
		t.Fatalf("roster import: %v", res)
	}
	if l := en.get(fmt.Sprintf("/api/v1/shifts?guard_id=%d", officer)).list(); len(l) != 2 || l[0].(map[string]any)["start"] != "2026-12-06T06:00:00+07:00" {
		t.Fatalf("officer's shifts: %v", l)
	}
	// Holidays.
	hol := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//gov//VI\r\nBEGIN:VEVENT\r\nUID:h@gov\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270102\r\nSUMMARY:Nghỉ Tết Dương lịch\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	res = en.must(200, en.do("manager", "POST", "/api/v1/import/ics?kind=holidays", hol)).obj()
	if len(res["created"].([]any)) != 1 || len(res["skipped"].([]any)) != 1 {
		t.Fatalf("holidays (31/12 new, 1/1 already one): %v", res)
	}
	for _, q := range []string{"?kind=cats", "?kind=time-off", "?kind=shifts", "?kind=holidays&dry_run=perhaps"} {
		if r := en.do("manager", "POST", "/api/v1/import/ics"+q, hol); r.Status != 400 {
			t.Errorf("import%s: %d", q, r.Status)
		}
	}
	if r := en.do("viewer", "POST", "/api/v1/import/ics?kind=holidays", hol); r.Status != 403 {
		t.Errorf("viewer imports: %d", r.Status)
	}
}

// Ensure a guard's own feed of a year of the 3×8 roster (about 275 shifts)
// spends at most 318 bytes on a shift (1.5 times GoAlert's calendar on the
// same roster), and keeps what a phone uses: UID, DTSTAMP, the start and end
// in the office zone, the post as SUMMARY and the reminder.
func TestPersonalFeedBytesPerShift(t *testing.T) {
	y := newYearRoster(t)
	body, events := y.get(t, y.guardFeed, false)
	if events < 270 {
		t.Fatalf("%d events, want a year of one guard's shifts", events)
	}
	if per := float64(len(body)) / float64(events); per > 318 {
		t.Errorf("%.0f bytes per shift, want at most 318", per)
	}
	for _, ev := range strings.Split(string(body), "BEGIN:VEVENT\r\n")[1:] {
		for _, want := range []string{"UID:shift-", "DTSTAMP:", "DTSTART;TZID=Asia/Ho_Chi_Minh:", "DTEND;TZID=Asia/Ho_Chi_Minh:",
			"SUMMARY:Trụ sở HĐND\\, UBND tỉnh\r\n", "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Sắp đến ca trực\r\nTRIGGER:-PT1H\r\n"} {
			if !strings.Contains(ev, want) {
				t.Fatalf("a shift lacks %q:\n%s", want, ev)
			}
		}
	}
}

// Ensure a feed is gzipped once per roster version and sent with its length:
// the same compressed bytes to every phone that accepts gzip, plain to one
// that refuses it (q=0), and new bytes once the roster changes.
func TestFeedGzipOncePerVersion(t *testing.T) {
	y := newYearRoster(t)
	plain, _ := y.get(t, y.allFeed, false)
	gz := func(accept string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest("GET", y.srv.URL+y.allFeed, nil)
		req.Header.Set("Accept-Encoding", accept)
		res, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res, b
	}
	r1, b1 := gz("gzip, deflate, br")
	r2, b2 := gz("br;q=1.0, gzip;q=0.8")
	if r1.Header.Get("Content-Encoding") != "gzip" || r2.Header.Get("Content-Encoding") != "gzip" || !bytes.Equal(b1, b2) {
		t.Fatalf("gzip answers: %v %v, same bytes %v", r1.Header, r2.Header, bytes.Equal(b1, b2))
	}
	if r1.ContentLength != int64(len(b1)) || r1.Header.Get("Vary") != "Accept-Encoding" {
		t.Errorf("gzip answer: Content-Length %d for %d bytes, Vary %q", r1.ContentLength, len(b1), r1.Header.Get("Vary"))
	}
	zr, err := gzip.NewReader(bytes.NewReader(b1))
	if err != nil {
		t.Fatal(err)
	}
	if unz, _ := io.ReadAll(zr); !bytes.Equal(unz, plain) {
		t.Errorf("the gzipped feed is not the plain one")
	}
	if r, b := gz("gzip;q=0, identity"); r.Header.Get("Content-Encoding") != "" || !bytes.Equal(b, plain) {
		t.Errorf("a client refusing gzip got Content-Encoding %q", r.Header.Get("Content-Encoding"))
	}
	y.touch(t, 1)
	if _, b3 := gz("gzip"); bytes.Equal(b3, b1) {
		t.Errorf("after a change the same gzipped bytes came back")
	}
}
