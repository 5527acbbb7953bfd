package api_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"catruc/api"
	"catruc/store"
	"catruc/store/storetest"
)

// logBuffer is a log sink safe for the server's goroutines and the test.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}
func (l *logBuffer) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

// lineWith waits (up to 20 s) for a log line containing every one of subs.
func (l *logBuffer) lineWith(t *testing.T, subs ...string) string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
	lines:
		for _, line := range strings.Split(l.String(), "\n") {
			for _, s := range subs {
				if !strings.Contains(line, s) {
					continue lines
				}
			}
			return line
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no log line with %q in:\n%s", subs, l.String())
	return ""
}

// Ensure a client that hangs up while its write waits for the database is
// logged as a client close — status 499 at info level in the access log and
// the error log — and never as an internal error or a 500.
func TestClientHangUpIsLoggedAsClientClose(t *testing.T) {
	path := storetest.DSN(t)
	st, err := store.Open(context.Background(), path, storetest.Options(path, store.WithClock(func() time.Time { return testNow }),
		store.WithBusyTimeout(3*time.Second))...)
	if err != nil {
		t.Fatal(err)
	}
	logs := &logBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	e, _ := api.New(api.Config{Store: st, Logger: log, Now: func() time.Time { return testNow }})
	srv := httptest.NewServer(e)
	t.Cleanup(func() { srv.Close(); st.Close() })
	en := &env{t: t, st: st, srv: srv, tokens: map[string]string{}, path: path}
	secret, _, err := st.CreateToken(context.Background(), "manager-token", "manager", nil)
	if err != nil {
		t.Fatal(err)
	}
	en.tokens["manager"] = secret
	hq, _, _, _ := en.seedOffice()
	holdWriteLock(t, path)

	body := `{"post_id":` + strconv.FormatInt(hq, 10) + `,"start":"2026-12-05T07:00:00+07:00","end":"2026-12-06T07:00:00+07:00"}`
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "POST", srv.URL+"/api/v1/shifts", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+secret)
	if res, err := http.DefaultClient.Do(req); err == nil {
		res.Body.Close()
		t.Fatalf("the request was answered %d before the client hung up", res.StatusCode)
	}

	access := logs.lineWith(t, `msg=request`, `method=POST`, `route=/api/v1/shifts`, `status=4`)
	if !strings.Contains(access, "status=499") || !strings.Contains(access, "level=INFO") {
		t.Errorf("access log line = %q, want status=499 at INFO", access)
	}
	closed := logs.lineWith(t, `msg="client closed request"`)
	if !strings.Contains(closed, "level=INFO") || !strings.Contains(closed, "status=499") {
		t.Errorf("error log line = %q, want level INFO and status 499", closed)
	}
	if all := logs.String(); strings.Contains(all, "level=ERROR") || strings.Contains(all, "internal error") ||
		strings.Contains(all, "status=500") {
		t.Errorf("a client hang-up was logged as a server error:\n%s", all)
	}
}
