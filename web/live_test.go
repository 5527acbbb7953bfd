package web_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"catruc/scheduler"
)

// sseEvent is one Server-Sent Event: its name and data.
type sseEvent struct{ name, data string }

// listen opens a live stream with req and sends its events to the channel it returns.
func listen(t *testing.T, c *http.Client, req *http.Request) <-chan sseEvent {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	res, err := c.Do(req.WithContext(ctx))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Body.Close() })
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/event-stream") ||
		res.Header.Get("Cache-Control") != "no-cache" {
		t.Fatalf("%s: %d %s", req.URL.Path, res.StatusCode, res.Header.Get("Content-Type"))
	}
	out := make(chan sseEvent, 100)
	go func() {
		sc := bufio.NewScanner(res.Body)
		var name string
		for sc.Scan() {
			switch line := sc.Text(); {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				out <- sseEvent{name, strings.TrimPrefix(line, "data: ")}
			}
		}
	}()
	return out
}

// Ensure an alert change reaches a client of the API's stream (token) and
// one of the pages' stream (session) alike — one stream loop serves both —
// each event named for the change, with the alert as its data.
func TestLiveAlertsBothDoors(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	secret, _, err := s.st.CreateToken(ctx, "giam-sat", scheduler.RoleViewer, nil)
	if err != nil {
		t.Fatal(err)
	}
	apiReq, _ := http.NewRequest("GET", s.srv.URL+"/api/v1/alerts/stream", nil)
	apiReq.Header.Set("Authorization", "Bearer "+secret)
	fromAPI := listen(t, http.DefaultClient, apiReq)
	b := s.browser()
	b.login("quanly", managerPass)
	pageReq, _ := http.NewRequest("GET", s.srv.URL+"/live/alerts", nil)
	fromPages := listen(t, b.c, pageReq)
	for i := 0; i < 200 && s.hub.Subscribers() < 2; i++ {
		time.Sleep(10 * time.Millisecond)
	}
	if n := s.hub.Subscribers(); n != 2 {
		t.Fatalf("%d subscribers, want 2", n)
	}

	// The demo has an uncovered night: the sweep opens its alert.
	if res := s.eng.Run(ctx, "sweep"); res.Error != "" {
		t.Fatalf("sweep: %+v", res)
	}
	open, err := s.st.FindAlerts(ctx, scheduler.AlertFilter{Status: scheduler.AlertOpen})
	if err != nil || len(open) == 0 {
		t.Fatalf("open alerts: %v %v", open, err)
	}
	want := map[int64]bool{}
	for _, a := range open {
		want[a.ID] = true
	}
	for door, ch := range map[string]<-chan sseEvent{"api": fromAPI, "pages": fromPages} {
		got := map[int64]bool{}
		for len(got) < len(want) {
			ev := next(t, door, ch)
			if ev.name != scheduler.TypeAlertOpened {
				continue
			}
			got[alertID(t, door, ev)] = true
		}
		for id := range want {
			if !got[id] {
				t.Errorf("%s: no alert.opened for alert %d", door, id)
			}
		}
	}

	// A manager acknowledges one on the dashboard: both streams hear it.
	id := open[0].ID
	if code, _, _ := b.post(fmt.Sprintf("/alerts/%d/ack", id), nil); code != http.StatusSeeOther {
		t.Fatalf("ack: %d", code)
	}
	for door, ch := range map[string]<-chan sseEvent{"api": fromAPI, "pages": fromPages} {
		for {
			ev := next(t, door, ch)
			if ev.name == "alert.acknowledged" {
				if got := alertID(t, door, ev); got != id {
					t.Errorf("%s: acknowledged %d, want %d", door, got, id)
				}
				break
			}
		}
	}
}

func next(t *testing.T, door string, ch <-chan sseEvent) sseEvent {
	t.Helper()
	select {
	case ev := <-ch:
		return ev
	case <-time.After(5 * time.Second):
		t.Fatalf("%s: no event", door)
	}
	return sseEvent{}
}

func alertID(t *testing.T, door string, ev sseEvent) int64 {
	t.Helper()
	var p struct {
		Type  string           `json:"type"`
		Alert *scheduler.Alert `json:"alert"`
	}
	if err := json.Unmarshal([]byte(ev.data), &p); err != nil || p.Alert == nil || p.Type != ev.name {
		t.Fatalf("%s: event data %q", door, ev.data)
	}
	return p.Alert.ID
}
