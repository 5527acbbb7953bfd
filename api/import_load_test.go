package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// denseRosterICS is the police squad's roster as n back-to-back one-hour
// entries for officer, from start (UTC) on.
func denseRosterICS(n int, officer string, start time.Time) string {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//pk20//VI\r\n")
	for i := 0; i < n; i++ {
		s := start.Add(time.Duration(i) * time.Hour)
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:dense-%d@pk20\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:%s\r\nDTEND:%s\r\nSUMMARY:Trực – %s\r\nEND:VEVENT\r\n",
			i, s.Format("20060102T150405Z"), s.Add(time.Hour).Format("20060102T150405Z"), officer)
	}
	b.WriteString("END:VCALENDAR\r\n")
	return b.String()
}

// hourlyRuleICS is one entry for officer repeated every hour n times from start (UTC).
func hourlyRuleICS(n int, officer string, start time.Time) string {
	return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//pk20//VI\r\nBEGIN:VEVENT\r\nUID:hourly@pk20\r\nDTSTAMP:20261101T000000Z\r\n" +
		"DTSTART:" + start.Format("20060102T150405Z") + "\r\nDTEND:" + start.Add(time.Hour).Format("20060102T150405Z") + "\r\n" +
		fmt.Sprintf("RRULE:FREQ=HOURLY;COUNT=%d\r\nSUMMARY:Trực – %s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", n, officer)
}

// Ensure a large import does not stall the office: shifts written by others
// while it runs all succeed (none answers 5xx: the import parses and checks
// before it takes the write lock, and writes in one short transaction), and
// the import itself creates every entry. Two shapes: 2,000 dense hourly
// entries, and one hourly rule of 5,000 occurrences.
func TestImportDoesNotStallWrites(t *testing.T) {
	en := newEnv(t)
	hq, police, an, duc := en.seedOffice()
	en.must(201, en.do("manager", "POST", "/api/v1/guards", map[string]any{"name": "Thượng úy Võ Thành Nam", "unit": "police", "post_ids": []int64{police}}))
	en.must(201, en.do("manager", "POST", "/api/v1/guards", map[string]any{"name": "Trung úy Lê Văn Tâm", "unit": "police", "post_ids": []int64{police}}))
	q := fmt.Sprintf("/api/v1/import/ics?kind=shifts&post_id=%d", police)
	first := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		ics  string
		want int
	}{
		{"2000 dense entries", denseRosterICS(2000, "Võ Thành Nam", time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)), 2000},
		{"hourly rule of 5000", hourlyRuleICS(5000, "Lê Văn Tâm", time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)), 5000},
	}
	for ci, c := range cases {
		writes, failures, took := importWhileWriting(en, q, c.ics, c.want, hq, []int64{an, duc}, first.AddDate(0, 0, 200*ci))
		if len(failures) > 0 || writes == 0 {
			t.Fatalf("%s: %d of %d concurrent writes failed during the import (%v): %v", c.name, len(failures), writes, took, failures)
		}
		t.Logf("%s: import took %v; %d concurrent writes succeeded", c.name, took, writes)
	}
}

// importWhileWriting runs the import q of ics, which must create want shifts,
// while one writer per guard creates a shift a day for it at post from day
// on, and returns how many writes were sent, those that failed, and how
// long the import took. The writers start first, and each has written once
// before the import begins.
func importWhileWriting(en *env, q, ics string, want int, post int64, guards []int64, day time.Time) (int64, []string, time.Duration) {
	en.t.Helper()
	done := make(chan struct{})
	var wg, started sync.WaitGroup
	var writes atomic.Int64
	var mu sync.Mutex
	var failures []string
	for w, guard := range guards {
		wg.Add(1)
		started.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				d := day.AddDate(0, 0, i).Format("2006-01-02")
				st, raw := en.rawPost("manager", "/api/v1/shifts", shiftBody(post, guard, d+"T07:00:00+07:00", d+"T11:00:00+07:00"))
				writes.Add(1)
				if st != http.StatusCreated {
					mu.Lock()
					failures = append(failures, fmt.Sprintf("writer %d, %s: %d %s", w, d, st, raw))
					mu.Unlock()
				}
				if i == 0 {
					started.Done()
				}
				select {
				case <-done:
					return
				case <-time.After(10 * time.Millisecond):
				}
			}
		}()
	}
	started.Wait()
	start := time.Now()
	res := en.do("manager", "POST", q, ics)
	took := time.Since(start)
	close(done)
	wg.Wait()
	if res.Status != 200 || len(res.obj()["created"].([]any)) != want {
		en.t.Fatalf("import: %d %.300s", res.Status, res.Raw)
	}
	return writes.Load(), failures, took
}

// rawPost sends a JSON body as role from any goroutine (it never fails the
// test itself) and returns the status and body; a transport error is status 0.
func (en *env) rawPost(role, path string, body any) (int, string) {
	j, err := json.Marshal(body)
	if err != nil {
		return 0, err.Error()
	}
	req, err := http.NewRequest("POST", en.srv.URL+path, bytes.NewReader(j))
	if err != nil {
		return 0, err.Error()
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+en.tokens[role])
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err.Error()
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(raw)
}
