package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"catruc/scheduler"
	"catruc/store"
)

// Ensure a fresh `serve --demo`, on whatever day it starts, keeps every post
// filled by a rotation; the sweep at start raises exactly one gap alert, the
// headquarters night store.DemoGapDays ahead (inside the sweep's 168 hours);
// the roster of this month and the next shows that night as its only gap
// cells, and the days before the demo as "chưa có lịch", not as gaps; and the
// printed admin login may save the settings.
func TestServeDemoStart(t *testing.T) {
	demo := startTourDemo(t)
	base, token := demo.base, demo.token
	loc, _ := time.LoadLocation(scheduler.DefaultTimezone)
	today := scheduler.DayStart(time.Now(), loc)
	day := func(n, hour int) time.Time {
		return time.Date(today.Year(), today.Month(), today.Day()+n, hour, 0, 0, 0, loc)
	}

	var rotations []scheduler.Rotation
	getJSON(t, base+"/api/v1/rotations", token, &rotations)
	byPost := map[int64]scheduler.Rotation{}
	for _, r := range rotations {
		byPost[r.PostID] = r
	}
	if len(rotations) != 3 || len(byPost) != 3 || byPost[1].Preset != scheduler.Preset2424 ||
		byPost[2].Preset != scheduler.PresetCustom || byPost[3].Preset != scheduler.Preset8h3shift || len(byPost[3].Members) != 4 {
		t.Fatalf("the demo's rotations: %+v", rotations)
	}
	// The reception's rotation works the weekdays, 07:00–17:00, as its requirement says.
	for _, s := range byPost[2].Pattern.Slots {
		start, _ := time.ParseInLocation(scheduler.DateLayout, byPost[2].StartDate, loc)
		if wd := scheduler.ISOWeekday(start.AddDate(0, 0, s.Day)); wd > 5 || s.Start != "07:00" || s.Hours != 10 {
			t.Errorf("reception slot %+v (weekday %d)", s, wd)
		}
	}

	var alerts []scheduler.Alert
	getJSON(t, base+"/api/v1/alerts?kind=gap", token, &alerts)
	if len(alerts) != 1 || alerts[0].Status != scheduler.AlertOpen || alerts[0].PostID == nil || *alerts[0].PostID != 1 ||
		!alerts[0].Start.Equal(day(store.DemoGapDays, 18)) || !alerts[0].End.Equal(day(store.DemoGapDays+1, 7)) {
		t.Fatalf("gap alerts after the sweep at start: %+v, want the one uncovered night from %v", alerts, day(store.DemoGapDays, 18))
	}
	if h := alerts[0].Start.Sub(time.Now()).Hours(); h <= 0 || h >= 168 {
		t.Errorf("the uncovered night begins in %.0f h: outside the sweep's look-ahead", h)
	}

	c := demoBrowser(t, base, "quanly", demo.passwords["quanly"])
	want := map[string]bool{fmt.Sprintf("1-%s", day(store.DemoGapDays, 12).Format(scheduler.DateLayout)): true,
		fmt.Sprintf("1-%s", day(store.DemoGapDays+1, 12).Format(scheduler.DateLayout)): true}
	cellRE := regexp.MustCompile(`(?s)<td id="c-(\d+)-(\d{4}-\d{2}-\d{2})" class="([^"]*)">(.*?)</td>`)
	gaps, noRoster := map[string]bool{}, 0
	receptionFirst := today // the reception's rotation starts today, on the first weekday
	for scheduler.ISOWeekday(receptionFirst.Add(12*time.Hour)) > 5 {
		receptionFirst = day(int(receptionFirst.Sub(today).Hours()/24+0.5)+1, 0)
	}
	first := time.Date(today.Year(), today.Month(), 1, 12, 0, 0, 0, loc)
	for _, month := range []time.Time{first, first.AddDate(0, 1, 0)} {
		body := c.page(t, "/roster?month="+month.Format("2006-01"))
		cells := cellRE.FindAllStringSubmatch(body, -1)
		if len(cells) < 3*28 {
			t.Fatalf("%s: %d cells", month.Format("2006-01"), len(cells))
		}
		for _, m := range cells {
			d, _ := time.ParseInLocation(scheduler.DateLayout, m[2], loc)
			if strings.Contains(" "+m[3]+" ", " gap ") {
				gaps[m[1]+"-"+m[2]] = true
			}
			before := d.Before(day(-1, 0)) || (m[1] == "2" && d.Before(receptionFirst))
			if has := strings.Contains(m[4], "chưa có lịch"); has != before {
				t.Errorf("cell %s-%s: no roster yet = %v, want %v", m[1], m[2], has, before)
			}
			if before {
				noRoster++
			}
		}
	}
	for k := range want {
		if !gaps[k] {
			t.Errorf("the uncovered night's cell %s is not a gap", k)
		}
	}
	for k := range gaps {
		if !want[k] {
			t.Errorf("cell %s is a gap: the demo has one uncovered night only", k)
		}
	}
	t.Logf("%d cells read as no roster yet", noRoster)

	// The default month of /roster is this month.
	if body := c.page(t, "/roster"); !strings.Contains(body, fmt.Sprintf("Tháng %d/%d", today.Month(), today.Year())) {
		t.Errorf("/roster does not open on this month")
	}
	// Only the administrator may save the settings.
	a := demoBrowser(t, base, "admin", demo.passwords["admin"])
	if code := a.saveOffice(t); code != http.StatusSeeOther {
		t.Errorf("the demo admin saves the office settings: %d", code)
	}
	if code := c.saveOffice(t); code != http.StatusForbidden {
		t.Errorf("the demo manager saves the office settings: %d", code)
	}
}

func getJSON(t *testing.T, u, token string, v any) {
	t.Helper()
	code, body := get(t, u, token)
	if code != 200 {
		t.Fatalf("GET %s: %d %s", u, code, body)
	}
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
}

// demoClient is a logged-in browser session.
type demoClient struct {
	c    *http.Client
	base string
}

func demoBrowser(t *testing.T, base, name, pass string) *demoClient {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &demoClient{c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}, base: base}
	csrf := c.csrf(t, "/login")
	res, err := c.c.PostForm(base+"/login", url.Values{"username": {name}, "password": {pass}, "_csrf": {csrf}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login %s: %d", name, res.StatusCode)
	}
	return c
}

func (c *demoClient) page(t *testing.T, path string) string {
	t.Helper()
	res, err := c.c.Get(c.base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		t.Fatalf("GET %s: %d", path, res.StatusCode)
	}
	return string(b)
}

func (c *demoClient) csrf(t *testing.T, path string) string {
	t.Helper()
	m := regexp.MustCompile(`name="_csrf" value="([^"]+)"`).FindStringSubmatch(c.page(t, path))
	if m == nil {
		t.Fatalf("no CSRF token on %s", path)
	}
	return m[1]
}

// saveOffice sends the office settings form as it stands; it returns the status.
func (c *demoClient) saveOffice(t *testing.T) int {
	t.Helper()
	res, err := c.c.PostForm(c.base+"/settings/office", url.Values{"_csrf": {c.csrf(t, "/settings")},
		"office_name": {"Văn phòng UBND tỉnh Quảng Ngãi"}, "timezone": {"Asia/Ho_Chi_Minh"}, "parent_body": {"UBND tỉnh Quảng Ngãi"},
		"place": {"Quảng Ngãi"}, "doc_number_prefix": {"/LT-VP"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}
