package api_test

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// q escapes an instant for a query string.
func q(s string) string { return url.QueryEscape(s) }

// Ensure a shift carries the absences of its guard's approved time off: none
// while the leave is only asked for, then the part from 18:00 with the kind
// and the time off's id, in GET /shifts/:id, GET /shifts and a PATCH answer;
// and that the coverage shows exactly that part as a gap.
func TestShiftAbsencesAPI(t *testing.T) {
	en := newEnv(t)
	hq, _, an, _ := en.seedOffice()
	en.guardToken("an", an)
	created := en.must(201, en.do("manager", "POST", "/api/v1/shifts",
		shiftBody(hq, an, "2026-12-03T07:00:00+07:00", "2026-12-04T07:00:00+07:00"))).obj()
	sid := int64(num(created["id"]))
	if a, ok := created["absences"].([]any); !ok || len(a) != 0 {
		t.Fatalf("a new shift's absences: %s, want []", en.do("manager", "GET", fmt.Sprintf("/api/v1/shifts/%d", sid), nil).Raw)
	}
	off := en.must(201, en.do("an", "POST", "/api/v1/time-off", map[string]any{"guard_id": an, "kind": "leave",
		"start": "2026-12-03T18:00:00+07:00", "end": "2026-12-05T00:00:00+07:00", "note": "Việc gia đình"})).id()
	absences := func(obj map[string]any) []any {
		a, ok := obj["absences"].([]any)
		if !ok {
			t.Fatalf("absences is not an array: %v", obj)
		}
		return a
	}
	if a := absences(en.get(fmt.Sprintf("/api/v1/shifts/%d", sid)).obj()); len(a) != 0 {
		t.Fatalf("a requested leave already makes absences: %v", a)
	}
	en.must(200, en.do("manager", "POST", fmt.Sprintf("/api/v1/time-off/%d/approve", off), nil))

	want := fmt.Sprintf(`[map[end:2026-12-04T07:00:00+07:00 kind:leave start:2026-12-03T18:00:00+07:00 time_off_id:%d]]`, off)
	// (Issue 11: a viewer reads another guard's time off as busy, without its kind.)
	busy := strings.Replace(want, "kind:leave", "kind:busy", 1)
	if got := fmt.Sprint(absences(en.get2("manager", fmt.Sprintf("/api/v1/shifts/%d", sid)).obj())); got != want {
		t.Errorf("GET /shifts/:id absences %s, want %s", got, want)
	}
	if got := fmt.Sprint(absences(en.get(fmt.Sprintf("/api/v1/shifts/%d", sid)).obj())); got != busy {
		t.Errorf("GET /shifts/:id absences as a viewer %s, want %s", got, busy)
	}
	list := en.get2("manager", "/api/v1/shifts?from=2026-12-03&to=2026-12-05").list()
	if len(list) != 1 || fmt.Sprint(absences(list[0].(map[string]any))) != want {
		t.Errorf("GET /shifts: %v", list)
	}
	if list := en.get("/api/v1/shifts?from=2026-12-03&to=2026-12-05").list(); len(list) != 1 || fmt.Sprint(absences(list[0].(map[string]any))) != busy {
		t.Errorf("GET /shifts as a viewer: %v", list)
	}
	patched := en.must(200, en.do("manager", "PATCH", fmt.Sprintf("/api/v1/shifts/%d", sid), `{"note":"Bàn giao sổ"}`)).obj()
	if got := fmt.Sprint(absences(patched)); got != want {
		t.Errorf("PATCH answer absences %s, want %s", got, want)
	}

	cov := en.get(fmt.Sprintf("/api/v1/coverage?from=%s&to=%s&post_id=%d",
		q("2026-12-03T07:00:00+07:00"), q("2026-12-04T07:00:00+07:00"), hq)).obj()
	gaps := cov["posts"].([]any)[0].(map[string]any)["gaps"].([]any)
	if len(gaps) != 1 {
		t.Fatalf("gaps %v, want exactly the leave", gaps)
	}
	g := gaps[0].(map[string]any)
	if g["start"] != "2026-12-03T18:00:00+07:00" || g["end"] != "2026-12-04T07:00:00+07:00" || num(g["missing"]) != 1 {
		t.Errorf("gap %v, want 18:00 to 07:00 next day, 1 missing", g)
	}
	if h := num(cov["posts"].([]any)[0].(map[string]any)["covered_hours"]); h != 11 {
		t.Errorf("covered %v h, want the 11 h worked", h)
	}
}

// Ensure GET /violations no longer reports the shifts inside an approved
// week of training (shift_length 24 h, weekly 79 h), and a shift partly
// absent counts only its worked part.
func TestViolationsSkipAbsentHours(t *testing.T) {
	en := newEnv(t)
	hq, _, an, _ := en.seedOffice()
	// An: 24 h shifts from 07:00 on Monday 7, Wednesday 9, Friday 11 and Sunday 13 December.
	for _, d := range []string{"07", "09", "11", "13"} {
		en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, an,
			"2026-12-"+d+"T07:00:00+07:00", fmt.Sprintf("2026-12-%02dT07:00:00+07:00", atoi(d)+1))))
	}
	path := fmt.Sprintf("/api/v1/violations?guard_id=%d&from=2026-12-07&to=2026-12-14", an)
	rules := func() string {
		var out []string
		for _, v := range en.get(path).list() {
			m := v.(map[string]any)
			out = append(out, fmt.Sprintf("%s %v", m["rule"], m["value"]))
		}
		return strings.Join(out, "; ")
	}
	before := rules()
	if !strings.Contains(before, "shift_length 24") || !strings.Contains(before, "weekly_hours 89") {
		t.Fatalf("without time off: %s", before)
	}
	// Leave from 18:00 on Monday: that shift counts 11 h, the week 76 h.
	en.must(201, en.do("manager", "POST", "/api/v1/time-off", map[string]any{"guard_id": an, "kind": "leave",
		"start": "2026-12-07T18:00:00+07:00", "end": "2026-12-08T12:00:00+07:00"}))
	partly := en.get(path).list()
	for _, v := range partly {
		m := v.(map[string]any)
		if ids := fmt.Sprint(m["shift_ids"]); m["rule"] == "shift_length" && strings.HasPrefix(ids, "[1]") {
			t.Errorf("Monday's shift, worked 11 h, is still too long: %v", m)
		}
		if m["rule"] == "weekly_hours" && num(m["value"]) != 76 {
			t.Errorf("the week counts %v h, want 76", m["value"])
		}
	}
	// A week of training: nothing inside it breaks a rule.
	en.must(201, en.do("manager", "POST", "/api/v1/time-off", map[string]any{"guard_id": an, "kind": "training",
		"start": "2026-12-07T00:00:00+07:00", "end": "2026-12-14T12:00:00+07:00", "note": "Tập huấn nghiệp vụ"}))
	if after := en.get(path).list(); len(after) != 0 {
		t.Errorf("breaches inside the training: %s", rules())
	}
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// Ensure the feeds show an approved absence once approved (the feed's ETag
// moves): the guard's own feed cancels the shift the guard is away for and
// names the kind, shows the worked hours of one partly absent; the post's
// feed shows the absent part with who holds the post, or nobody.
func TestFeedsShowAbsences(t *testing.T) {
	en := newEnv(t)
	hq, _, an, duc := en.seedOffice()
	part := en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, an, "2026-12-03T07:00:00+07:00", "2026-12-04T07:00:00+07:00"))).id()
	whole := en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, an, "2026-12-07T07:00:00+07:00", "2026-12-08T07:00:00+07:00"))).id()
	cover := en.must(201, en.do("manager", "POST", "/api/v1/shifts", shiftBody(hq, duc, "2026-12-03T18:00:00+07:00", "2026-12-04T07:00:00+07:00"))).id()
	feedOf := func(scope string, target int64) string {
		cal := en.must(201, en.do("manager", "POST", "/api/v1/calendars", map[string]any{"scope": scope, "target_id": target})).obj()
		return en.srv.URL + strings.TrimPrefix(cal["url"].(string), "http://127.0.0.1:8080")
	}
	guardFeed, postFeed := feedOf("guard", an), feedOf("post", hq)
	_, h, _ := feedGet(t, "GET", guardFeed)

	en.must(201, en.do("manager", "POST", "/api/v1/time-off", map[string]any{"guard_id": an, "kind": "leave",
		"start": "2026-12-03T18:00:00+07:00", "end": "2026-12-04T12:00:00+07:00"}))
	en.must(201, en.do("manager", "POST", "/api/v1/time-off", map[string]any{"guard_id": an, "kind": "training",
		"start": "2026-12-07T00:00:00+07:00", "end": "2026-12-12T00:00:00+07:00"}))

	code, h2, body := feedGet(t, "GET", guardFeed, "If-None-Match", h.Get("ETag"))
	if code != 200 || h2.Get("ETag") == h.Get("ETag") {
		t.Fatalf("after the time off the guard's feed answers %d with the same ETag", code)
	}
	ev := events(unfold(body))
	w := ev[fmt.Sprintf("shift-%d@127.0.0.1", whole)]
	// The guard's own feed names the post only (issue 11).
	for _, want := range []string{"STATUS:CANCELLED", "DESCRIPTION:Nghỉ: tập huấn", "SUMMARY:Trụ sở HĐND\\, UBND tỉnh (nghỉ: tập huấn)\r\n"} {
		if !strings.Contains(w, want) {
			t.Errorf("wholly absent shift lacks %q:\n%s", want, w)
		}
	}
	if strings.Contains(w, "BEGIN:VALARM") {
		t.Errorf("wholly absent shift keeps its reminder")
	}
	p := ev[fmt.Sprintf("shift-%d@127.0.0.1", part)]
	if strings.Contains(p, "STATUS:") {
		t.Errorf("partly absent shift has a STATUS: confirmed is the default a personal feed leaves unsaid (issue 11):\n%s", p)
	}
	for _, want := range []string{"DTSTART;TZID=Asia/Ho_Chi_Minh:20261203T070000",
		"DTEND;TZID=Asia/Ho_Chi_Minh:20261203T180000", "Nghỉ: nghỉ phép\\, 18:00 03/12 – 07:00 04/12"} {
		if !strings.Contains(p, want) {
			t.Errorf("partly absent shift lacks %q:\n%s", want, p)
		}
	}

	_, _, body = feedGet(t, "GET", postFeed)
	ev = events(unfold(body))
	leave := ev[fmt.Sprintf("absence-%d-1@127.0.0.1", part)]
	for _, want := range []string{"DTSTART;TZID=Asia/Ho_Chi_Minh:20261203T180000", "DTEND;TZID=Asia/Ho_Chi_Minh:20261204T070000",
		// A post's calendar is read on its guards' phones: others' time off shows as busy (issue 11).
		"SUMMARY:Trụ sở HĐND\\, UBND tỉnh – Vắng: Nguyễn Văn An (bận) – Trần Minh Đức trực thay"} {
		if !strings.Contains(leave, want) {
			t.Errorf("the leave in the post's feed lacks %q:\n%s", want, leave)
		}
	}
	training := ev[fmt.Sprintf("absence-%d-2@127.0.0.1", whole)]
	if !strings.Contains(training, "SUMMARY:Trụ sở HĐND\\, UBND tỉnh – Vắng: Nguyễn Văn An (bận) – Chưa có người trực") {
		t.Errorf("the training in the post's feed:\n%s", training)
	}
	if c := ev[fmt.Sprintf("shift-%d@127.0.0.1", cover)]; strings.Contains(c, "Cùng trực: Nguyễn Văn An") {
		t.Errorf("Đức's cover lists An, who is on leave, as on duty with him:\n%s", c)
	}
}

// events splits an unfolded feed into its VEVENTs, by UID.
func events(feed string) map[string]string {
	out := map[string]string{}
	for _, part := range strings.Split(feed, "BEGIN:VEVENT")[1:] {
		part = part[:strings.Index(part, "END:VEVENT")]
		for _, line := range strings.Split(part, "\r\n") {
			if uid, ok := strings.CutPrefix(line, "UID:"); ok {
				out[uid] = part
			}
		}
	}
	return out
}
