package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"catruc/api"
	"catruc/scheduler"
	"catruc/scheduler/engine"
	"catruc/scheduler/planning"
	"catruc/store"
	"catruc/store/storetest"
	"catruc/web"
)

// testNow is the pinned clock: Tuesday 1 December 2026, 09:30 in the office.
var testNow = time.Date(2026, 12, 1, 2, 30, 0, 0, time.UTC)

// site is the demo office served over real HTTP on a real SQLite file, with
// a manager, a guard (Nguyễn Văn An) and a viewer who can log in.
type site struct {
	t   *testing.T
	st  *store.Store
	srv *httptest.Server
	hub *engine.Hub
	eng *engine.Engine
	// plans is the plans service both doors share.
	plans *planning.Service
	loc   *time.Location
	anID  int64 // the guard user's guard
}

// Passwords of the test users.
const (
	managerPass = "mật-khẩu-quản-lý"
	guardPass   = "mật-khẩu-bảo-vệ"
	viewerPass  = "mật-khẩu-xem-1"
)

func newSite(t *testing.T, opts ...store.Option) *site {
	t.Helper()
	return newSiteOn(t, storetest.DSN(t), opts...)
}

// newSiteOn is newSite on the database at path (storetest.DSN, or a proxy of one).
func newSiteOn(t *testing.T, path string, opts ...store.Option) *site {
	t.Helper()
	ctx := context.Background()
	now := func() time.Time { return testNow }
	st, err := store.Open(ctx, path, storetest.Options(path, append([]store.Option{store.WithClock(now)}, opts...)...)...)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.LoadDemo(ctx, testNow); err != nil {
		t.Fatal(err)
	}
	s := &site{t: t, st: st, loc: st.Location()}
	gs, _ := st.FindGuards(ctx, scheduler.GuardFilter{})
	for _, g := range gs {
		if g.Name == "Nguyễn Văn An" {
			s.anID = g.ID
		}
	}
	for _, u := range []struct {
		name, role, pass string
		guard            *int64
	}{{"quanly", "manager", managerPass, nil}, {"an", "guard", guardPass, &s.anID}, {"congan", "viewer", viewerPass, nil}} {
		if err := st.CreateUser(ctx, &scheduler.User{Name: u.name, Role: u.role, GuardID: u.guard}, u.pass); err != nil {
			t.Fatal(err)
		}
	}
	log := slog.New(slog.NewTextHandler(testLog{t}, nil))
	s.hub = engine.NewHub()
	s.eng = engine.New(engine.Config{Store: st, Now: now, Logger: log, Hub: s.hub})
	s.plans = planning.New(st, planning.Options{Logger: log, Now: now, Workers: 1})
	e, _ := api.New(api.Config{Store: st, Logger: log, Now: now, Engine: s.eng, Hub: s.hub, Planning: s.plans})
	web.Register(e, web.Deps{Store: st, Engine: s.eng, Hub: s.hub, Logger: log, Now: now, BaseURL: "https://lichtruc.example.vn",
		Planning: s.plans})
	s.srv = httptest.NewServer(e)
	t.Cleanup(func() { s.srv.Close(); s.plans.Close(); st.Close() })
	return s
}

// browser is an HTTP client with cookies: one person's visits.
type browser struct {
	s    *site
	c    *http.Client
	csrf string // the session's CSRF token, read from the last page
	xff  string // sent as X-Forwarded-For when set (a client behind a proxy, or one forging it)
}

// do sends req with the browser's X-Forwarded-For, if any.
func (b *browser) do(req *http.Request) *http.Response {
	b.s.t.Helper()
	if b.xff != "" {
		req.Header.Set("X-Forwarded-For", b.xff)
	}
	res, err := b.c.Do(req)
	if err != nil {
		b.s.t.Fatal(err)
	}
	return res
}

func (s *site) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{s: s, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

var csrfRE = regexp.MustCompile(`name="_csrf" value="([^"]*)"`)

// get fetches a page and remembers its CSRF token; it returns status, body and the Location header.
func (b *browser) get(path string) (int, string, string) {
	b.s.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, b.s.srv.URL+path, nil)
	res := b.do(req)
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if m := csrfRE.FindStringSubmatch(string(body)); m != nil {
		b.csrf = m[1]
	}
	return res.StatusCode, string(body), res.Header.Get("Location")
}

// post sends a form with the remembered CSRF token (unless the form has one).
func (b *browser) post(path string, form url.Values) (int, string, string) {
	b.s.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if _, ok := form["_csrf"]; !ok {
		form.Set("_csrf", b.csrf)
	}
	req, _ := http.NewRequest(http.MethodPost, b.s.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res := b.do(req)
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if m := csrfRE.FindStringSubmatch(string(body)); m != nil {
		b.csrf = m[1]
	}
	return res.StatusCode, string(body), res.Header.Get("Location")
}

// login logs in and fails the test unless it works.
func (b *browser) login(name, pass string) {
	b.s.t.Helper()
	b.get("/login")
	code, body, loc := b.post("/login", url.Values{"username": {name}, "password": {pass}})
	if code != http.StatusSeeOther {
		b.s.t.Fatalf("login %s: %d %s", name, code, body)
	}
	b.get(loc)
}

// contains fails the test unless body holds every want.
func contains(t *testing.T, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("the page lacks %q", w)
		}
	}
}

// testLog sends the server's log to the test's log.
type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}
