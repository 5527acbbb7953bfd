package web_test

import (
	"bytes"
	"context"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"catruc/scheduler"
)

// Ensure /favicon.ico answers without a login: an icon, cacheable.
func TestFavicon(t *testing.T) {
	s := newSite(t)
	res, err := http.Get(s.srv.URL + "/favicon.ico")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/x-icon" {
		t.Fatalf("/favicon.ico: %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if cc := res.Header.Get("Cache-Control"); cc != "public, max-age=86400" {
		t.Errorf("Cache-Control: %q", cc)
	}
	// An ICO header (reserved 0, type 1) with three images.
	if !bytes.HasPrefix(b, []byte{0, 0, 1, 0, 3, 0}) {
		t.Errorf("not an icon: % x", b[:min(len(b), 8)])
	}
}

// tourPage is a page of the site and who opens it.
type tourPage struct {
	name, path, user string
}

// tour lists every page of the site, as the manager (or, for /me, the guard) opens it.
func (s *site) tour() []tourPage {
	s.t.Helper()
	ctx := context.Background()
	hq := s.hqPost()
	rots, err := s.st.FindRotations(ctx, scheduler.RotationFilter{})
	if err != nil || len(rots) == 0 {
		s.t.Fatalf("demo rotations: %v %d", err, len(rots))
	}
	ev := &scheduler.Event{Title: "Đón đoàn khách Trung ương", Kind: "delegation", Start: s.at(3, 8), End: s.at(3, 11),
		PostIDs: []int64{hq.ID}, ExtraHeadcount: 1, NotifyPolice: true, Status: scheduler.ShiftScheduled}
	if err := s.st.CreateEvent(ctx, ev); err != nil {
		s.t.Fatal(err)
	}
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	m := "quanly"
	plan, err := s.plans.Start(ctx, scheduler.Principal{Role: scheduler.RoleManager}, m, scheduler.PlanRequest{
		From: "2026-12-07", To: "2026-12-14", PostIDs: []int64{hq.ID}, Keep: scheduler.KeepNone, TimeLimitS: 2, Seed: 1})
	if err != nil {
		s.t.Fatal(err)
	}
	planWait(s.t, s, plan.ID)
	return []tourPage{
		{"login", "/login", ""},
		{"dashboard", "/", m},
		{"roster month", "/roster?month=2026-12", m},
		{"roster week", "/roster/week?date=2026-12-01", m},
		{"cell editor", "/roster/cell?post=" + id(hq.ID) + "&date=2026-12-01", m},
		{"print", "/roster/print?month=2026-12", m},
		{"rotations", "/rotations", m},
		{"rotation", "/rotations/" + id(rots[0].ID), m},
		{"rotation form", "/rotations/" + id(rots[0].ID) + "/edit", m},
		{"new rotation", "/rotations/new?post=" + id(hq.ID), m},
		{"guards", "/guards", m},
		{"guard form", "/guards/" + id(s.anID), m},
		{"posts", "/posts", m},
		{"post form", "/posts/" + id(hq.ID), m},
		{"time off", "/time-off", m},
		{"events", "/events", m},
		{"event form", "/events/" + id(ev.ID), m},
		{"alerts", "/alerts", m},
		{"violations", "/violations", m},
		{"staffing", "/staffing", m},
		{"plans", "/plans", m},
		{"plan", "/plans/" + id(plan.ID), m},
		{"settings", "/settings", m},
		{"me", "/me", "an"},
	}
}

var (
	tagRE     = regexp.MustCompile(`(?s)<script.*?</script>|<style.*?</style>|<[^>]*>`)
	isoDateRE = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}\b`)
)

// Ensure no page shows a date as 2026-12-01: dates read dd/mm/yyyy (the
// values of <input type=date> stay ISO, as HTML wants, and are not shown as text).
func TestDatesReadDayMonthYear(t *testing.T) {
	s := newSite(t)
	users := map[string]*browser{"": s.browser(), "quanly": s.browser(), "an": s.browser()}
	users["quanly"].login("quanly", managerPass)
	users["an"].login("an", guardPass)
	tour := s.tour()
	for _, l := range []string{"vi", "en"} {
		for _, b := range users {
			b.get("/login")
			if code, _, _ := b.post("/lang", url.Values{"lang": {l}, "back": {"/"}}); code != http.StatusSeeOther {
				t.Fatalf("switch to %s: %d", l, code)
			}
		}
		for _, p := range tour {
			st, body, _ := users[p.user].get(p.path)
			if st != 200 {
				t.Errorf("%s %s (%s): %d", l, p.name, p.path, st)
				continue
			}
			if p.name == "dashboard" && l == "en" && !strings.Contains(body, "Duty at a glance") {
				t.Errorf("the dashboard is not in English")
			}
			text := html.UnescapeString(tagRE.ReplaceAllString(body, " "))
			if found := isoDateRE.FindAllString(text, 5); len(found) > 0 {
				t.Errorf("%s %s (%s) shows ISO dates: %v", l, p.name, p.path, found)
			}
		}
	}
}

// Ensure a form refused on /me names itself as the anchor of the answer and
// holds its message: the browser lands on the message, not at the top.
func TestMeRefusedFormAnchors(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	b.login("an", guardPass)
	code, body, _ := b.post("/me/time-off", url.Values{"kind": {"sick"}, "from": {"2026-12-06"}, "to": {"2026-12-05"}})
	if code != http.StatusBadRequest {
		t.Fatalf("time off: %d", code)
	}
	formRE := regexp.MustCompile(`(?s)<form method="post" action="/me/time-off#timeoff-form" class="stack" id="timeoff-form">\s*<p class="flash bad" role="alert" id="timeoff-error">([^<]+)</p>`)
	if m := formRE.FindStringSubmatch(body); m == nil || m[1] != "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu." {
		t.Errorf("the time-off form does not hold its message: %v", m)
	}
	code, body, _ = b.post("/me/swaps", url.Values{"shift_a": {"x"}})
	if code != http.StatusBadRequest {
		t.Fatalf("swap: %d", code)
	}
	swapRE := regexp.MustCompile(`(?s)<form method="post" action="/me/swaps#swap-form" class="stack" id="swap-form">\s*<p class="flash bad" role="alert" id="swap-error">[^<]+</p>`)
	if !swapRE.MatchString(body) {
		t.Errorf("the swap form does not hold its message")
	}
}

var alertItemRE = regexp.MustCompile(`(?s)<li class="card alert-item" data-alert-id="(\d+)">(.*?)</li>`)

// Ensure the alert list names each guard once (the message names them) and
// every alert links to where it shows on the roster: a gap to its cell, a
// breach of the labour rules to the cell of the guard's first shift in it.
func TestAlertListMarkup(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	if res := s.eng.Run(ctx, "sweep"); !res.OK {
		t.Fatalf("sweep: %+v", res)
	}
	alerts, err := s.st.FindAlerts(ctx, scheduler.AlertFilter{Status: scheduler.AlertOpen})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*scheduler.Alert{}
	kinds := map[string]int{}
	for _, a := range alerts {
		byID[strconv.FormatInt(a.ID, 10)] = a
		kinds[a.Kind]++
	}
	if kinds[scheduler.AlertViolation] == 0 {
		t.Fatalf("the demo raises no breach alert: %v", kinds)
	}
	gn := map[int64]string{}
	gs, _ := s.st.FindGuards(ctx, scheduler.GuardFilter{})
	for _, g := range gs {
		gn[g.ID] = g.Name
	}
	b := s.browser()
	b.login("quanly", managerPass)
	for _, page := range []string{"/alerts", "/", "/fragments/alerts"} {
		_, body, _ := b.get(page)
		if !strings.Contains(body, `<ul class="alerts">`) {
			t.Errorf("%s: no alert list", page)
		}
		items := alertItemRE.FindAllStringSubmatch(body, -1)
		want := len(alerts)
		if page == "/" {
			// The dashboard lists the 8 most urgent and links to the rest.
			want = min(want, 8)
			if more := len(alerts) - want; more > 0 {
				contains(t, body, `<a href="/alerts" data-alerts-more>Xem thêm `+strconv.Itoa(more)+` cảnh báo khác →</a>`)
			}
		}
		if len(items) != want {
			t.Fatalf("%s: %d alerts shown, %d open, want %d", page, len(items), len(alerts), want)
		}
		for _, it := range items {
			a := byID[it[1]]
			li := html.UnescapeString(it[2])
			if a.GuardID != nil {
				if n := strings.Count(li, gn[*a.GuardID]); n != 1 {
					t.Errorf("%s: alert %s names %s %d times: %s", page, it[1], gn[*a.GuardID], n, li)
				}
			}
			want := ""
			if a.Kind == scheduler.AlertGap {
				want = `href="/roster/cell?post=` + strconv.FormatInt(*a.PostID, 10) + `&date=` + a.Start.In(s.loc).Format("2006-01-02") + `"`
			} else {
				shs, _ := s.st.FindShifts(ctx, scheduler.ShiftFilter{GuardID: a.GuardID, Status: scheduler.ShiftScheduled, From: &a.Start, To: &a.End})
				if len(shs) == 0 {
					t.Fatalf("alert %s: no shift of the guard in the breach", it[1])
				}
				sh := shs[0]
				for _, x := range shs {
					if !x.Start.Before(a.Start) {
						sh = x
						break
					}
				}
				want = `href="/roster/cell?post=` + strconv.FormatInt(sh.PostID, 10) + `&date=` + sh.Start.In(s.loc).Format("2006-01-02") + `"`
			}
			if !strings.Contains(li, want) {
				t.Errorf("%s: %s alert %s lacks the link %s: %s", page, a.Kind, it[1], want, li)
			}
		}
	}
}
