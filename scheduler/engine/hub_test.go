package engine

import (
	"bufio"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"catruc/scheduler"
)

// Ensure the stream writes the SSE headers and a retry hint, then each alert
// change as an event (id alert-version, the type's name, the change as JSON),
// a comment at each heartbeat, and ends when the hub closes.
func TestHubStream(t *testing.T) {
	h := NewHub()
	done := make(chan error, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		done <- h.Stream(r.Context(), w, 20*time.Millisecond)
	}))
	defer srv.Close()
	res, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if got := res.Header.Get("Content-Type"); got != "text/event-stream; charset=utf-8" || res.Header.Get("X-Accel-Buffering") != "no" {
		t.Fatalf("headers: %v", res.Header)
	}
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(res.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	read := func(want string) {
		t.Helper()
		deadline := time.After(3 * time.Second)
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("the stream ended before %q", want)
				}
				if l == want {
					return
				}
			case <-deadline:
				t.Fatalf("no line %q", want)
			}
		}
	}
	read("retry: 5000")
	read(": ping")
	for h.Subscribers() == 0 {
		time.Sleep(time.Millisecond)
	}
	h.Publish(AlertEvent{Type: scheduler.TypeAlertOpened, Alert: &scheduler.Alert{ID: 7, Version: 2, Kind: scheduler.AlertGap}})
	read("id: 7-2")
	read("event: alert.opened")
	if l := <-lines; !strings.HasPrefix(l, `data: {"type":"alert.opened","alert":{"id":7,`) {
		t.Fatalf("data: %q", l)
	}
	h.Close()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("stream: %v", err)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("the stream did not end when the hub closed")
	}
}
