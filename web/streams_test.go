package web_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
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

// newStreamSite is the demo office with a manager, whose live streams check
// the session every 50 ms and live at most maxAge; the API and the pages
// share one plans service, as in serve.
func newStreamSite(t *testing.T, maxAge time.Duration) (*site, string) {
	t.Helper()
	ctx := context.Background()
	now := func() time.Time { return testNow }
	dsn := storetest.DSN(t)
	st, err := store.Open(ctx, dsn, storetest.Options(dsn, store.WithClock(now))...)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.LoadDemo(ctx, testNow); err != nil {
		t.Fatal(err)
	}
	if err := st.CreateUser(ctx, &scheduler.User{Name: "quanly", Role: scheduler.RoleManager}, managerPass); err != nil {
		t.Fatal(err)
	}
	token, _, err := st.CreateToken(ctx, "quan-ly", scheduler.RoleManager, nil)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	limits := scheduler.StreamLimits{Recheck: 50 * time.Millisecond, MaxAge: maxAge}
	s := &site{t: t, st: st, loc: st.Location(), hub: engine.NewHub()}
	s.plans = planning.New(st, planning.Options{Logger: log, Now: now, Workers: 1})
	e, _ := api.New(api.Config{Store: st, Logger: log, Now: now, Hub: s.hub, Planning: s.plans, Streams: limits})
	web.Register(e, web.Deps{Store: st, Hub: s.hub, Logger: log, Now: now, Planning: s.plans, Streams: limits})
	s.srv = httptest.NewServer(e)
	t.Cleanup(func() { s.srv.Close(); s.plans.Close(); st.Close() })
	return s, token
}

// streamEnds fails unless the stream ends within 10 s.
func streamEnds(t *testing.T, what string, ended <-chan struct{}) {
	t.Helper()
	select {
	case <-ended:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s: the stream is still open 10 s later", what)
	}
}

// Ensure the pages' live streams close once their session is gone (logout)
// at the next check, and with a live session once they reach their maximum age.
func TestPageStreamsEndWithTheirSession(t *testing.T) {
	t.Run("alerts, logout", func(t *testing.T) {
		s, _ := newStreamSite(t, time.Hour)
		b := s.browser()
		b.login("quanly", managerPass)
		ended := watchEnd(t, b, "/live/alerts")
		if code, _, loc := b.post("/logout", nil); code != http.StatusSeeOther || loc != "/login" {
			t.Fatalf("logout: %d %s", code, loc)
		}
		streamEnds(t, "/live/alerts after logout", ended)
	})
	t.Run("alerts, maximum age", func(t *testing.T) {
		s, _ := newStreamSite(t, 300*time.Millisecond)
		b := s.browser()
		b.login("quanly", managerPass)
		streamEnds(t, "/live/alerts at maximum age", watchEnd(t, b, "/live/alerts"))
	})
	t.Run("plan progress, logout", func(t *testing.T) {
		s, token := newStreamSite(t, time.Hour)
		b := s.browser()
		b.login("quanly", managerPass)
		posts, err := s.st.FindPosts(context.Background(), scheduler.PostFilter{})
		if err != nil {
			t.Fatal(err)
		}
		// A plan of four weeks with two minutes to search runs on while its page's stream is watched.
		p := &scheduler.Plan{}
		req := apiRequest(t, s, token, "POST", "/api/v1/plans", `{"from":"2026-12-07","to":"2027-01-04","post_ids":[`+
			strconv.FormatInt(posts[0].ID, 10)+`],"time_limit_s":120}`, p)
		if req != http.StatusAccepted {
			t.Fatalf("POST /api/v1/plans: %d", req)
		}
		t.Cleanup(func() { apiRequest(t, s, token, "DELETE", "/api/v1/plans/"+strconv.FormatInt(p.ID, 10), "", nil) })
		ended := watchEnd(t, b, "/plans/"+strconv.FormatInt(p.ID, 10)+"/live")
		if code, _, _ := b.post("/logout", nil); code != http.StatusSeeOther {
			t.Fatalf("logout: %d", code)
		}
		streamEnds(t, "plan progress after logout", ended)
		got, err := s.st.FindPlanByID(context.Background(), p.ID)
		if err != nil || got.Status != scheduler.PlanRunning {
			t.Errorf("plan after its page's stream closed: %v %v, want still running", got.Status, err)
		}
	})
}

// watchEnd opens a page's stream and returns a channel closed when it ends.
func watchEnd(t *testing.T, b *browser, path string) <-chan struct{} {
	t.Helper()
	req, _ := http.NewRequest("GET", b.s.srv.URL+path, nil)
	res, err := b.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", path, res.StatusCode)
	}
	b.csrf = csrfOf(t, b)
	ended := make(chan struct{})
	go func() {
		defer close(ended)
		defer res.Body.Close()
		_, _ = io.Copy(io.Discard, res.Body)
	}()
	t.Cleanup(func() { res.Body.Close() })
	return ended
}

// csrfOf reads the session's CSRF token from a page.
func csrfOf(t *testing.T, b *browser) string {
	t.Helper()
	b.get("/")
	if b.csrf == "" {
		t.Fatal("no CSRF token on /")
	}
	return b.csrf
}

// apiRequest sends a JSON request with a token and decodes the answer into v.
func apiRequest(t *testing.T, s *site, token, method, path, body string, v any) int {
	t.Helper()
	req, _ := http.NewRequest(method, s.srv.URL+path, stringsReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if v != nil {
		_ = jsonDecode(res.Body, v)
	}
	return res.StatusCode
}

func stringsReader(s string) io.Reader { return strings.NewReader(s) }

func jsonDecode(r io.Reader, v any) error { return json.NewDecoder(r).Decode(v) }
