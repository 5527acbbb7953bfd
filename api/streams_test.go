package api_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"catruc/api"
	"catruc/scheduler"
	"catruc/scheduler/engine"
	"catruc/store"
	"catruc/store/storetest"
)

// newStreamEnv is newEnv with the live hub and streams that check their
// token every 50 ms and live at most maxAge.
func newStreamEnv(t *testing.T, maxAge time.Duration) *env {
	t.Helper()
	path := storetest.DSN(t)
	st, err := store.Open(context.Background(), path, storetest.Options(path, store.WithClock(func() time.Time { return testNow }))...)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	hub := engine.NewHub()
	e, _ := api.New(api.Config{Store: st, Logger: log, Now: func() time.Time { return testNow }, Hub: hub,
		Streams: scheduler.StreamLimits{Recheck: 50 * time.Millisecond, MaxAge: maxAge}})
	srv := httptest.NewServer(e)
	t.Cleanup(func() { srv.Close(); st.Close() })
	en := &env{t: t, st: st, srv: srv, tokens: map[string]string{}, path: path, hub: hub}
	for _, role := range []string{"admin", "manager", "viewer"} {
		secret, _, err := st.CreateToken(context.Background(), role+"-token", role, nil)
		if err != nil {
			t.Fatal(err)
		}
		en.tokens[role] = secret
	}
	return en
}

// openStream opens the stream at path as role and returns a reader of its
// lines and a channel closed when the stream ends.
func (en *env) openStream(role, path string) (lines <-chan string) {
	en.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	en.t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", en.srv.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+en.tokens[role])
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		en.t.Fatal(err)
	}
	if res.StatusCode != 200 {
		en.t.Fatalf("GET %s: %d", path, res.StatusCode)
	}
	ch := make(chan string, 100)
	go func() {
		defer close(ch)
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		for sc.Scan() {
			ch <- sc.Text()
		}
	}()
	return ch
}

// waitClosed fails unless the stream ends within 10 s.
func waitClosed(t *testing.T, what string, lines <-chan string) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case _, ok := <-lines:
			if !ok {
				return
			}
		case <-deadline:
			t.Fatalf("%s: the stream is still open 10 s later", what)
		}
	}
}

// waitLine waits (10 s) for a line of the stream that contains sub.
func waitLine(t *testing.T, lines <-chan string, sub string) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("the stream ended before a line with %q", sub)
			}
			if strings.Contains(l, sub) {
				return
			}
		case <-deadline:
			t.Fatalf("no line with %q within 10 s", sub)
		}
	}
}

// Ensure the live streams of the API close once their token is revoked (at
// the next check) and, with a valid token, once they reach their maximum age.
func TestStreamsEndWithTheirToken(t *testing.T) {
	t.Run("alerts stream, token revoked", func(t *testing.T) {
		en := newStreamEnv(t, time.Hour)
		lines := en.openStream("viewer", "/api/v1/alerts/stream")
		waitLine(t, lines, "catruc alert stream")
		if err := en.st.RevokeToken(context.Background(), "viewer-token"); err != nil {
			t.Fatal(err)
		}
		waitClosed(t, "alerts after revoke", lines)
		for i := 0; i < 500 && en.hub.Subscribers() > 0; i++ { // the handler unsubscribes as it returns
			time.Sleep(10 * time.Millisecond)
		}
		if n := en.hub.Subscribers(); n != 0 {
			t.Errorf("%d subscribers left on the hub", n)
		}
	})
	t.Run("alerts stream, maximum age", func(t *testing.T) {
		en := newStreamEnv(t, 300*time.Millisecond)
		lines := en.openStream("viewer", "/api/v1/alerts/stream")
		waitLine(t, lines, "catruc alert stream")
		waitClosed(t, "alerts at maximum age", lines)
	})
	t.Run("plan events, token revoked", func(t *testing.T) {
		en := newStreamEnv(t, time.Hour)
		if _, err := en.st.LoadDemo(context.Background(), testNow); err != nil {
			t.Fatal(err)
		}
		var hq int64
		for _, p := range en.must(200, en.do("viewer", "GET", "/api/v1/posts", nil)).list() {
			if m := p.(map[string]any); m["code"] == "tru-so" {
				hq = int64(m["id"].(float64))
			}
		}
		// A plan of four weeks with two minutes to search runs on while the stream is watched.
		id := en.must(202, en.do("manager", "POST", "/api/v1/plans", map[string]any{"from": "2026-12-07", "to": "2027-01-04",
			"post_ids": []int64{hq}, "time_limit_s": 120})).id()
		path := fmt.Sprintf("/api/v1/plans/%d", id)
		t.Cleanup(func() { en.do("admin", "DELETE", path, nil) })
		lines := en.openStream("manager", path+"/events")
		waitLine(t, lines, "catruc plan stream")
		if err := en.st.RevokeToken(context.Background(), "manager-token"); err != nil {
			t.Fatal(err)
		}
		deadline := time.After(10 * time.Second)
	read:
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					break read
				}
				if l == "event: done" || l == "event: failed" {
					t.Fatalf("the plan ended (%s) before its stream could show it outlives its token", l)
				}
			case <-deadline:
				t.Fatal("plan events after revoke: the stream is still open 10 s later")
			}
		}
		if got := en.must(200, en.do("admin", "GET", path, nil)).obj()["status"]; got != "running" {
			t.Errorf("plan status %v after its stream closed, want running (the stream closed for its token)", got)
		}
	})
}
