package notify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"catruc/scheduler"
)

// memOutbox is an in-memory Outbox with the semantics the SQLite one has.
type memOutbox struct {
	mu       sync.Mutex
	settings scheduler.NotificationSettings
	rows     []*scheduler.Notification
	markErr  map[int64]error // MarkSent/MarkAttempt of these ids fail
	dueCalls int
}

func (o *memOutbox) add(n *scheduler.Notification) {
	o.mu.Lock()
	defer o.mu.Unlock()
	n.Status = scheduler.NotifyPending
	o.rows = append(o.rows, n)
}

func (o *memOutbox) get(id int64) scheduler.Notification {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, n := range o.rows {
		if n.ID == id {
			return *n
		}
	}
	panic(fmt.Sprintf("no notification %d", id))
}

func (o *memOutbox) DueNotifications(_ context.Context, now time.Time, limit int) ([]*scheduler.Notification, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.dueCalls++
	var due []*scheduler.Notification
	for _, n := range o.rows {
		if n.Status == scheduler.NotifyPending && !n.NextAttemptAt.After(now) {
			c := *n
			due = append(due, &c)
		}
	}
	slices.SortStableFunc(due, func(a, b *scheduler.Notification) int { return a.CreatedAt.Compare(b.CreatedAt) })
	if len(due) > limit {
		due = due[:limit]
	}
	return due, nil
}

func (o *memOutbox) find(id int64) (*scheduler.Notification, error) {
	if err := o.markErr[id]; err != nil {
		return nil, err
	}
	for _, n := range o.rows {
		if n.ID == id {
			return n, nil
		}
	}
	return nil, scheduler.NotFound("notification", id)
}

func (o *memOutbox) MarkSent(ctx context.Context, id int64, at time.Time) error {
	if err := ctx.Err(); err != nil {
		return err // as a database driver does
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	n, err := o.find(id)
	if err != nil {
		return err
	}
	n.Status, n.SentAt = scheduler.NotifySent, &at
	return nil
}

func (o *memOutbox) MarkAttempt(ctx context.Context, id int64, errMsg string, next *time.Time) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	n, err := o.find(id)
	if err != nil {
		return err
	}
	n.Attempts++
	n.LastError = errMsg
	if next == nil {
		n.Status = scheduler.NotifyFailed
	} else {
		n.NextAttemptAt = *next
	}
	return nil
}

func (o *memOutbox) NotificationSettings(context.Context) (scheduler.NotificationSettings, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.settings, nil
}

// fakeClock is a scheduler.Clock that moves only when told.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

var t0 = time.Date(2026, 3, 1, 21, 30, 0, 0, hcmc)

func newSender(o *memOutbox, clock *fakeClock, logs *bytes.Buffer) *Sender {
	h := slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})
	o.mu.Lock()
	o.settings.AllowPrivateWebhooks = true // the test receivers listen on 127.0.0.1
	o.mu.Unlock()
	return &Sender{Outbox: o, Now: clock.Now, Logger: slog.New(h)}
}

type flushResult struct{ sent, failed int }

func flush(t *testing.T, s *Sender) flushResult {
	t.Helper()
	sent, failed, err := s.Flush(ctxT(t))
	if err != nil {
		t.Fatalf("Flush: %v", err)
	}
	return flushResult{sent, failed}
}

// Ensure Backoff doubles from 30 s after each failed attempt and stops at an hour.
func TestBackoff(t *testing.T) {
	tests := []struct {
		attempts int
		want     time.Duration
	}{
		{-1, 0}, {0, 0},
		{1, 30 * time.Second}, {2, time.Minute}, {3, 2 * time.Minute}, {4, 4 * time.Minute},
		{7, 32 * time.Minute}, {8, time.Hour}, {9, time.Hour}, {12, time.Hour}, {64, time.Hour}, {1 << 30, time.Hour},
	}
	for _, tt := range tests {
		if got := Backoff(tt.attempts); got != tt.want {
			t.Errorf("Backoff(%d) = %v, want %v", tt.attempts, got, tt.want)
		}
	}
}

// Ensure a webhook that first answers 500 is retried only once the backoff
// has passed, then delivered exactly once, with the same id and body both
// times and the attempt counted.
func TestSenderWebhookRetry(t *testing.T) {
	const secret = "khoá-webhook-2026"
	h := startHook(t, 500, 200)
	o := &memOutbox{settings: scheduler.NotificationSettings{Webhooks: []scheduler.Webhook{{URL: h.URL + "/hook", Secret: secret}}}}
	n := hookNotification(1, h.URL+"/hook", `{"post":"Trụ sở HĐND, UBND tỉnh"}`)
	n.NextAttemptAt = t0
	o.add(n)
	clock := &fakeClock{t: t0}
	var logs bytes.Buffer
	s := newSender(o, clock, &logs)

	steps := []struct {
		advance      time.Duration
		want         flushResult
		wantStatus   string
		wantAttempts int
		wantRequests int
	}{
		{0, flushResult{0, 1}, scheduler.NotifyPending, 1, 1},                // 500
		{29 * time.Second, flushResult{0, 0}, scheduler.NotifyPending, 1, 1}, // not due yet
		{time.Second, flushResult{1, 0}, scheduler.NotifySent, 1, 2},         // 30 s: 200
		{time.Hour, flushResult{0, 0}, scheduler.NotifySent, 1, 2},           // never again
	}
	for i, st := range steps {
		clock.Advance(st.advance)
		if got := flush(t, s); got != st.want {
			t.Errorf("step %d: Flush = %+v, want %+v", i, got, st.want)
		}
		row := o.get(1)
		if row.Status != st.wantStatus || row.Attempts != st.wantAttempts {
			t.Errorf("step %d: status %s, attempts %d; want %s, %d", i, row.Status, row.Attempts, st.wantStatus, st.wantAttempts)
		}
		if got := len(h.requests()); got != st.wantRequests {
			t.Errorf("step %d: %d requests, want %d", i, got, st.wantRequests)
		}
		if i == 0 {
			if want := t0.Add(30 * time.Second); !row.NextAttemptAt.Equal(want) {
				t.Errorf("next attempt at %v, want %v", row.NextAttemptAt, want)
			}
			if !strings.Contains(row.LastError, "500") {
				t.Errorf("last error %q does not give the status", row.LastError)
			}
		}
	}
	if row := o.get(1); row.SentAt == nil || !row.SentAt.Equal(t0.Add(30*time.Second)) {
		t.Errorf("sent at %v, want %v", row.SentAt, t0.Add(30*time.Second))
	}
	reqs := h.requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want 2", len(reqs))
	}
	for i, r := range reqs {
		if got := r.Header.Get(HeaderDelivery); got != "ntf_1" {
			t.Errorf("request %d: %s = %q, want ntf_1", i, HeaderDelivery, got)
		}
		if !bytes.Equal(r.Body, reqs[0].Body) {
			t.Errorf("request %d body %s differs from the first %s", i, r.Body, reqs[0].Body)
		}
		if err := Verify(secret, r.Header.Get(HeaderTimestamp), r.Header.Get(HeaderSignature), r.Body, clock.Now(), 0); err != nil {
			t.Errorf("request %d: %v", i, err)
		}
	}
	if got, want := reqs[1].Header.Get(HeaderTimestamp), fmt.Sprint(t0.Add(30*time.Second).Unix()); got != want {
		t.Errorf("retry timestamp = %s, want the time of the retry %s", got, want)
	}
	if strings.Contains(logs.String(), secret) {
		t.Errorf("logs contain the secret:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), "notification=1 channel=webhook type=alert.opened") {
		t.Errorf("logs do not name the notification, channel and type:\n%s", logs.String())
	}
}

// Ensure an email is retried while the SMTP server is down and delivered,
// once, when it is back, with its stable Message-ID.
func TestSenderEmailServerDownThenUp(t *testing.T) {
	// Take a free port, then free it: nothing listens there until the server starts.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()

	o := &memOutbox{settings: scheduler.NotificationSettings{SMTP: scheduler.SMTP{
		Host: "127.0.0.1", Port: port, From: "vanphong@ubnd.gov.vn", TLS: TLSNone}}}
	n := vnNotification(5)
	n.NextAttemptAt = t0
	o.add(n)
	clock := &fakeClock{t: t0}
	var logs bytes.Buffer
	s := newSender(o, clock, &logs)

	if got, want := flush(t, s), (flushResult{0, 1}); got != want {
		t.Fatalf("Flush with the server down = %+v, want %+v", got, want)
	}
	row := o.get(5)
	if row.Status != scheduler.NotifyPending || row.Attempts != 1 || row.LastError == "" || !row.NextAttemptAt.Equal(t0.Add(30*time.Second)) {
		t.Fatalf("after the failure: %+v", row)
	}

	srv := startSMTP(t, smtpOptions{addr: addr})
	if got, want := flush(t, s), (flushResult{0, 0}); got != want {
		t.Errorf("Flush before the backoff = %+v, want %+v", got, want)
	}
	clock.Advance(30 * time.Second)
	if got, want := flush(t, s), (flushResult{1, 0}); got != want {
		t.Errorf("Flush after the backoff = %+v, want %+v", got, want)
	}
	clock.Advance(time.Hour)
	flush(t, s)
	msgs := srv.messages()
	if len(msgs) != 1 {
		t.Fatalf("server received %d messages, want 1", len(msgs))
	}
	e := parseEmail(t, msgs[0].Data)
	if e.Subject != vnSubject || e.Header.Get("Message-ID") != "<ntf-5@catruc>" {
		t.Errorf("subject %q, Message-ID %q", e.Subject, e.Header.Get("Message-ID"))
	}
	if row := o.get(5); row.Status != scheduler.NotifySent || row.Attempts != 1 {
		t.Errorf("status %s, attempts %d; want sent, 1", row.Status, row.Attempts)
	}
}

// Ensure undeliverable notifications end as the rules say: a removed webhook
// and an invalid recipient fail at once, a missing SMTP host is retried, and
// the last allowed attempt fails for good.
func TestSenderOutcomes(t *testing.T) {
	h := startHook(t, 503)
	smtpSrv := startSMTP(t, smtpOptions{})
	smtpOK := scheduler.SMTP{Host: smtpSrv.host, Port: smtpSrv.port, From: "vanphong@ubnd.gov.vn", TLS: TLSNone}
	hooks := []scheduler.Webhook{{URL: h.URL + "/current", Secret: "secret-1"}}
	tests := []struct {
		name         string
		settings     scheduler.NotificationSettings
		n            *scheduler.Notification
		attempts     int // attempts before this one
		wantStatus   string
		wantAttempts int
		wantErr      string
		wantNext     time.Duration // from t0 when still pending
	}{
		{"removed webhook", scheduler.NotificationSettings{Webhooks: hooks},
			hookNotification(1, h.URL+"/removed", ""), 0, scheduler.NotifyFailed, 1, "webhook no longer configured", 0},
		{"no SMTP host", scheduler.NotificationSettings{},
			vnNotification(1), 0, scheduler.NotifyPending, 1, "SMTP is not configured", 30 * time.Second},
		{"no SMTP host, third attempt", scheduler.NotificationSettings{},
			vnNotification(1), 2, scheduler.NotifyPending, 3, "SMTP is not configured", 2 * time.Minute},
		{"invalid recipient", scheduler.NotificationSettings{SMTP: smtpOK},
			func() *scheduler.Notification { n := vnNotification(1); n.Recipient = "trực ban"; return n }(),
			0, scheduler.NotifyFailed, 1, "recipient", 0},
		{"unknown channel", scheduler.NotificationSettings{SMTP: smtpOK},
			func() *scheduler.Notification { n := vnNotification(1); n.Channel = "sms"; return n }(),
			0, scheduler.NotifyFailed, 1, "unknown channel", 0},
		{"webhook 503 before the last attempt", scheduler.NotificationSettings{Webhooks: hooks},
			hookNotification(1, h.URL+"/current", ""), 10, scheduler.NotifyPending, 11, "503", time.Hour},
		{"webhook 503 at the last attempt", scheduler.NotificationSettings{Webhooks: hooks},
			hookNotification(1, h.URL+"/current", ""), 11, scheduler.NotifyFailed, 12, "503", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := &memOutbox{settings: tt.settings}
			tt.n.Attempts, tt.n.NextAttemptAt = tt.attempts, t0
			o.add(tt.n)
			var logs bytes.Buffer
			s := newSender(o, &fakeClock{t: t0}, &logs)
			if got, want := flush(t, s), (flushResult{0, 1}); got != want {
				t.Errorf("Flush = %+v, want %+v", got, want)
			}
			row := o.get(1)
			if row.Status != tt.wantStatus || row.Attempts != tt.wantAttempts {
				t.Errorf("status %s, attempts %d; want %s, %d", row.Status, row.Attempts, tt.wantStatus, tt.wantAttempts)
			}
			if !strings.Contains(row.LastError, tt.wantErr) {
				t.Errorf("last error %q does not contain %q", row.LastError, tt.wantErr)
			}
			if tt.wantStatus == scheduler.NotifyPending && !row.NextAttemptAt.Equal(t0.Add(tt.wantNext)) {
				t.Errorf("next attempt at %v, want %v", row.NextAttemptAt, t0.Add(tt.wantNext))
			}
		})
	}
	if n := len(smtpSrv.messages()); n != 0 {
		t.Errorf("the SMTP server received %d messages, want none", n)
	}
	// Only the two cases of the configured webhook reach it; the removed one does not.
	if got := len(h.requests()); got != 2 {
		t.Errorf("the webhook server received %d requests, want 2", got)
	}
}

// Ensure a webhook failing every time is tried MaxAttempts times at the
// backoff intervals, then failed and never tried again.
func TestSenderMaxAttempts(t *testing.T) {
	h := startHook(t, 503)
	o := &memOutbox{settings: scheduler.NotificationSettings{Webhooks: []scheduler.Webhook{{URL: h.URL}}}}
	n := hookNotification(1, h.URL, "")
	n.NextAttemptAt = t0
	o.add(n)
	clock := &fakeClock{t: t0}
	var logs bytes.Buffer
	s := newSender(o, clock, &logs)
	s.MaxAttempts = 4

	var gotNext []time.Duration
	for range 10 {
		flush(t, s)
		row := o.get(1)
		if row.Status != scheduler.NotifyPending {
			break
		}
		gotNext = append(gotNext, row.NextAttemptAt.Sub(clock.Now()))
		clock.Advance(row.NextAttemptAt.Sub(clock.Now()))
	}
	if want := []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute}; !slices.Equal(gotNext, want) {
		t.Errorf("waits between attempts = %v, want %v", gotNext, want)
	}
	row := o.get(1)
	if row.Status != scheduler.NotifyFailed || row.Attempts != 4 {
		t.Errorf("status %s, attempts %d; want failed, 4", row.Status, row.Attempts)
	}
	clock.Advance(24 * time.Hour)
	if got, want := flush(t, s), (flushResult{0, 0}); got != want {
		t.Errorf("Flush after failing = %+v, want %+v", got, want)
	}
	if got := len(h.requests()); got != 4 {
		t.Errorf("%d requests, want 4", got)
	}
	if !strings.Contains(logs.String(), "failed for good") {
		t.Errorf("the final failure is not logged:\n%s", logs.String())
	}
}

// Ensure one notification's failure, even a failure to record it, does not
// stop the others in the same Flush, and that such a notification is tried
// only once per Flush although it stays due.
func TestSenderIsolation(t *testing.T) {
	h := startHook(t)
	smtpSrv := startSMTP(t, smtpOptions{})
	o := &memOutbox{
		settings: scheduler.NotificationSettings{
			SMTP:     scheduler.SMTP{Host: smtpSrv.host, Port: smtpSrv.port, From: "vanphong@ubnd.gov.vn", TLS: TLSNone},
			Webhooks: []scheduler.Webhook{{URL: h.URL + "/ok", Secret: "secret-ok"}},
		},
		markErr: map[int64]error{3: errors.New("database is locked")},
	}
	mk := func(n *scheduler.Notification, id int64, created int) {
		n.ID, n.NextAttemptAt, n.CreatedAt = id, t0, t0.Add(time.Duration(created)*time.Second)
		o.add(n)
	}
	mk(hookNotification(0, h.URL+"/gone", ""), 1, 1) // removed webhook: fails
	mk(vnNotification(0), 2, 2)                      // email: delivered
	mk(hookNotification(0, h.URL+"/gone", ""), 3, 3) // fails and cannot be recorded
	mk(hookNotification(0, h.URL+"/ok", ""), 4, 4)   // webhook: delivered
	var logs bytes.Buffer
	s := newSender(o, &fakeClock{t: t0}, &logs)

	sent, failed, err := s.Flush(ctxT(t))
	if sent != 2 || failed != 2 {
		t.Errorf("Flush = %d sent, %d failed; want 2, 2", sent, failed)
	}
	if err == nil || !strings.Contains(err.Error(), "database is locked") || !strings.Contains(err.Error(), "notification 3") {
		t.Errorf("Flush error = %v, want the failure to record notification 3", err)
	}
	want := map[int64]string{1: scheduler.NotifyFailed, 2: scheduler.NotifySent, 3: scheduler.NotifyPending, 4: scheduler.NotifySent}
	for id, st := range want {
		if got := o.get(id).Status; got != st {
			t.Errorf("notification %d: status %s, want %s", id, got, st)
		}
	}
	if n := len(smtpSrv.messages()); n != 1 {
		t.Errorf("%d emails, want 1", n)
	}
	if n := len(h.requests()); n != 1 {
		t.Errorf("%d webhook requests, want 1", n)
	}
}

// Ensure Flush reads past the first batch and tries each due notification
// exactly once, even those that stay due because their outcome could not be
// recorded, and stops when a batch holds nothing new.
func TestSenderManyDue(t *testing.T) {
	tests := []struct {
		name         string
		total        int
		markFails    func(id int64) bool
		wantDueCalls int
	}{
		{"three batches, one mark failing", batchSize*2 + 5, func(id int64) bool { return id == 1 }, 3},
		{"one full batch, every mark failing", batchSize, func(int64) bool { return true }, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := startHook(t)
			o := &memOutbox{settings: scheduler.NotificationSettings{Webhooks: []scheduler.Webhook{{URL: h.URL}}}, markErr: map[int64]error{}}
			for i := 1; i <= tt.total; i++ {
				n := hookNotification(int64(i), h.URL, "")
				n.NextAttemptAt, n.CreatedAt = t0, t0.Add(time.Duration(i)*time.Millisecond)
				o.add(n)
				if tt.markFails(int64(i)) {
					o.markErr[int64(i)] = errors.New("database is locked")
				}
			}
			var logs bytes.Buffer
			s := newSender(o, &fakeClock{t: t0}, &logs)
			sent, failed, err := s.Flush(ctxT(t))
			if sent != tt.total || failed != 0 {
				t.Errorf("Flush = %d sent, %d failed; want %d, 0", sent, failed, tt.total)
			}
			if err == nil || !strings.Contains(err.Error(), "database is locked") || errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("Flush error = %v, want only the mark failures", err)
			}
			if o.dueCalls != tt.wantDueCalls {
				t.Errorf("%d reads of the outbox, want %d", o.dueCalls, tt.wantDueCalls)
			}
			seen := map[string]int{}
			for _, r := range h.requests() {
				seen[r.Header.Get(HeaderDelivery)]++
			}
			if len(seen) != tt.total {
				t.Errorf("%d distinct deliveries, want %d", len(seen), tt.total)
			}
			for id, c := range seen {
				if c != 1 {
					t.Errorf("%s delivered %d times, want once", id, c)
				}
			}
		})
	}
}

// Ensure the password and webhook secrets are kept out of last_error and
// the logs even when an error quotes them, and bodies are not logged.
func TestSenderRedactsSecrets(t *testing.T) {
	const password, secret = "Mật-khẩu-SMTP-2026", "webhook-secret-2026"
	o := &memOutbox{settings: scheduler.NotificationSettings{
		SMTP:     scheduler.SMTP{Host: "smtp.example.invalid", From: "vanphong@ubnd.gov.vn", Username: "u", Password: password},
		Webhooks: []scheduler.Webhook{{URL: "http://127.0.0.1:1/", Secret: secret}},
	}}
	n := vnNotification(1)
	n.NextAttemptAt = t0
	o.add(n)
	var logs bytes.Buffer
	s := newSender(o, &fakeClock{t: t0}, &logs)
	// A server that echoes credentials is what this guards against; the Email
	// hook stands in for it.
	s.Email = func(_ context.Context, c scheduler.SMTP, _ *scheduler.Notification) error {
		return fmt.Errorf("535 authentication failed for %s/%s (hook %s)", c.Username, c.Password, secret)
	}
	if got, want := flush(t, s), (flushResult{0, 1}); got != want {
		t.Fatalf("Flush = %+v, want %+v", got, want)
	}
	last := o.get(1).LastError
	if !strings.Contains(last, "535 authentication failed") {
		t.Errorf("last error %q lost its message", last)
	}
	for _, leak := range []string{password, secret, vnText[:20]} {
		if strings.Contains(last, leak) || strings.Contains(logs.String(), leak) {
			t.Errorf("%q leaked: last error %q, logs:\n%s", leak, last, logs.String())
		}
	}
}

// Ensure Run flushes at start and when woken, between ticks, and returns
// when its context ends.
func TestSenderRun(t *testing.T) {
	h := startHook(t)
	o := &memOutbox{settings: scheduler.NotificationSettings{Webhooks: []scheduler.Webhook{{URL: h.URL}}}}
	n := hookNotification(1, h.URL, "")
	n.NextAttemptAt = t0
	o.add(n)
	var logs bytes.Buffer
	s := newSender(o, &fakeClock{t: t0}, &logs)
	s.HTTP = &http.Client{Timeout: 5 * time.Second}

	ctx, cancel := context.WithCancel(context.Background())
	wake := make(chan struct{}, 1)
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.Run(ctx, time.Hour, wake)
	}()
	waitFor := func(what string, cond func() bool) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for !cond() {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s", what)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	waitFor("the first flush", func() bool { return o.get(1).Status == scheduler.NotifySent })

	n2 := hookNotification(2, h.URL, "")
	n2.NextAttemptAt = t0
	o.add(n2)
	wake <- struct{}{}
	waitFor("the flush on wake", func() bool { return o.get(2).Status == scheduler.NotifySent })

	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after its context ended")
	}
	if got := len(h.requests()); got != 2 {
		t.Errorf("%d requests, want 2", got)
	}
}

// Ensure shutting down during a delivery leaves the notification due and
// untouched (no attempt counted), while a delivery that completed just as
// the shutdown came is still recorded as sent.
func TestSenderShutdown(t *testing.T) {
	t.Run("interrupted webhook stays due", func(t *testing.T) {
		arrived := make(chan struct{}, 1)
		hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.ReadAll(r.Body) // the server notices the client leaving only once the body is read
			arrived <- struct{}{}
			select {
			case <-r.Context().Done():
			case <-time.After(10 * time.Second):
			}
		}))
		defer hook.Close()
		o := &memOutbox{settings: scheduler.NotificationSettings{Webhooks: []scheduler.Webhook{{URL: hook.URL}}}}
		n := hookNotification(1, hook.URL, "")
		n.NextAttemptAt = t0
		o.add(n)
		var logs bytes.Buffer
		s := newSender(o, &fakeClock{t: t0}, &logs)
		ctx, cancel := context.WithCancel(context.Background())
		go func() {
			<-arrived
			cancel()
		}()
		sent, failed, err := s.Flush(ctx)
		if sent != 0 || failed != 0 || !errors.Is(err, context.Canceled) {
			t.Errorf("Flush = %d, %d, %v; want 0, 0, context canceled", sent, failed, err)
		}
		if row := o.get(1); row.Status != scheduler.NotifyPending || row.Attempts != 0 || row.LastError != "" || !row.NextAttemptAt.Equal(t0) {
			t.Errorf("after the interruption: status %s, attempts %d, last error %q, next %v; want it untouched",
				row.Status, row.Attempts, row.LastError, row.NextAttemptAt)
		}
	})
	t.Run("delivered as the shutdown comes is recorded", func(t *testing.T) {
		o := &memOutbox{settings: scheduler.NotificationSettings{SMTP: scheduler.SMTP{Host: "smtp.example.invalid", From: "vanphong@ubnd.gov.vn"}}}
		n := vnNotification(1)
		n.NextAttemptAt = t0
		o.add(n)
		var logs bytes.Buffer
		s := newSender(o, &fakeClock{t: t0}, &logs)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		// The server accepted the message; the shutdown arrives before the outbox is updated.
		s.Email = func(context.Context, scheduler.SMTP, *scheduler.Notification) error {
			cancel()
			return nil
		}
		if sent, _, _ := s.Flush(ctx); sent != 1 {
			t.Errorf("sent = %d, want 1", sent)
		}
		if row := o.get(1); row.Status != scheduler.NotifySent {
			t.Errorf("status %s, want sent: a delivered email would be sent again", row.Status)
		}
	})
}
