package notify

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"catruc/scheduler"
)

var hcmc = time.FixedZone("ICT", 7*3600)

// hookRequest is what a test webhook receiver saw.
type hookRequest struct {
	Method string
	Header http.Header
	Body   []byte
}

// hookServer is a real HTTP server that records requests and answers with
// the statuses of answer in turn (the last one repeats; 200 when empty).
type hookServer struct {
	*httptest.Server
	mu     sync.Mutex
	reqs   []hookRequest
	answer []int
	body   string // body of non-2xx answers
}

func startHook(t *testing.T, answer ...int) *hookServer {
	t.Helper()
	h := &hookServer{answer: answer}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		h.mu.Lock()
		h.reqs = append(h.reqs, hookRequest{Method: r.Method, Header: r.Header.Clone(), Body: b})
		status := http.StatusOK
		if len(h.answer) > 0 {
			i := min(len(h.reqs), len(h.answer)) - 1
			status = h.answer[i]
		}
		body := h.body
		h.mu.Unlock()
		w.WriteHeader(status)
		if status >= 300 {
			_, _ = io.WriteString(w, body)
		}
	}))
	t.Cleanup(h.Close)
	return h
}

func (h *hookServer) requests() []hookRequest {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]hookRequest(nil), h.reqs...)
}

func hookNotification(id int64, url string, data string) *scheduler.Notification {
	n := &scheduler.Notification{
		ID:        id,
		Channel:   scheduler.ChannelWebhook,
		Recipient: url,
		Type:      scheduler.TypeAlertOpened,
		Status:    scheduler.NotifyPending,
		CreatedAt: time.Date(2026, 3, 1, 21, 30, 5, 0, hcmc),
	}
	if data != "" {
		n.Data = json.RawMessage(data)
	}
	return n
}

// Ensure a webhook POST carries the exact JSON body and the documented
// headers, and that its signature verifies with the webhook's secret.
func TestPostWebhookRequest(t *testing.T) {
	const secret = "khoá-bí-mật"
	now := time.Date(2026, 3, 1, 21, 31, 0, 0, hcmc)
	tests := []struct {
		name     string
		data     string
		wantBody string
	}{
		{
			"with data",
			`{"post": "Trụ sở HĐND, UBND tỉnh", "missing": 2}`,
			`{"id":"ntf_17","type":"alert.opened","created_at":"2026-03-01T21:30:05+07:00","data":{"post":"Trụ sở HĐND, UBND tỉnh","missing":2}}`,
		},
		{
			"without data",
			"",
			`{"id":"ntf_17","type":"alert.opened","created_at":"2026-03-01T21:30:05+07:00","data":null}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := startHook(t)
			n := hookNotification(17, h.URL+"/catruc", tt.data)
			if err := PostWebhook(ctxT(t), nil, scheduler.Webhook{URL: n.Recipient, Secret: secret}, n, now); err != nil {
				t.Fatalf("PostWebhook: %v", err)
			}
			reqs := h.requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			r := reqs[0]
			if r.Method != http.MethodPost {
				t.Errorf("method = %s, want POST", r.Method)
			}
			if got := string(r.Body); got != tt.wantBody {
				t.Errorf("body =\n%s\nwant\n%s", got, tt.wantBody)
			}
			wantHeaders := map[string]string{
				"Content-Type":  "application/json",
				"User-Agent":    "catruc",
				HeaderTimestamp: "1772375460",
				HeaderDelivery:  "ntf_17",
				HeaderSignature: Sign(secret, now.Unix(), []byte(tt.wantBody)),
			}
			for k, want := range wantHeaders {
				if got := r.Header.Get(k); got != want {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
			}
			if err := Verify(secret, r.Header.Get(HeaderTimestamp), r.Header.Get(HeaderSignature), r.Body, now.Add(time.Minute), 5*time.Minute); err != nil {
				t.Errorf("Verify: %v", err)
			}
			if err := Verify("another secret", r.Header.Get(HeaderTimestamp), r.Header.Get(HeaderSignature), r.Body, now, 5*time.Minute); err == nil {
				t.Error("Verify with another secret succeeded")
			}
		})
	}
}

// Ensure only a 2xx answer counts as delivery; any other status, redirects
// included, is an error naming the status and quoting the start of the body.
func TestPostWebhookStatus(t *testing.T) {
	tests := []struct {
		status  int
		body    string
		wantErr string // "" for delivery
	}{
		{200, "", ""},
		{201, "", ""},
		{204, "", ""},
		{302, "", "302 Found"},
		{400, "thiếu trường id", "400 Bad Request: thiếu trường id"},
		{410, "", "410 Gone"},
		{500, "lỗi máy chủ\n  nội bộ", "500 Internal Server Error: lỗi máy chủ nội bộ"},
		{503, strings.Repeat("x", 1<<20), "503 Service Unavailable: xxxx"},
	}
	for _, tt := range tests {
		t.Run(http.StatusText(tt.status), func(t *testing.T) {
			h := startHook(t, tt.status)
			h.body = tt.body
			n := hookNotification(1, h.URL, `{}`)
			err := PostWebhook(ctxT(t), nil, scheduler.Webhook{URL: n.Recipient, Secret: "s"}, n, time.Unix(1772375460, 0))
			if tt.wantErr == "" {
				if err != nil {
					t.Errorf("PostWebhook: %v, want delivery", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("PostWebhook succeeded, want an error containing %q", tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %q does not contain %q", err, tt.wantErr)
			}
			if len(err.Error()) > 400 {
				t.Errorf("error is %d bytes long, want a short message", len(err.Error()))
			}
			if got := len(h.requests()); got != 1 {
				t.Errorf("%d requests, want 1 (no redirect followed)", got)
			}
		})
	}
}

// Ensure a network failure is an error that names the host but not the
// URL's path or query, which may carry a token, nor the secret; and that a
// URL that is not http(s) is a permanent error.
func TestPostWebhookErrors(t *testing.T) {
	h := startHook(t)
	url := h.URL + "/hooks/TOKEN-PATH?key=TOKEN-QUERY"
	h.Close() // nothing listens any more
	n := hookNotification(1, url, "")
	err := PostWebhook(ctxT(t), nil, scheduler.Webhook{URL: url, Secret: "SECRET"}, n, time.Now())
	if err == nil {
		t.Fatal("PostWebhook to a closed server succeeded")
	}
	for _, leak := range []string{"TOKEN-PATH", "TOKEN-QUERY", "SECRET"} {
		if strings.Contains(err.Error(), leak) {
			t.Errorf("error %q contains %q", err, leak)
		}
	}
	if host := strings.TrimPrefix(h.URL, "http://"); !strings.Contains(err.Error(), host) {
		t.Errorf("error %q does not name the host %s", err, host)
	}
	if errors.Is(err, ErrPermanent) {
		t.Errorf("a network error is permanent: %v", err)
	}

	for _, bad := range []string{"ftp://example.com/x", "/relative", "http://"} {
		n := hookNotification(1, bad, "")
		if err := PostWebhook(ctxT(t), nil, scheduler.Webhook{URL: bad}, n, time.Now()); !errors.Is(err, ErrPermanent) {
			t.Errorf("URL %q: err = %v, want ErrPermanent", bad, err)
		}
	}
	n = hookNotification(1, "http://127.0.0.1:1/", `{"broken":`)
	if err := PostWebhook(ctxT(t), nil, scheduler.Webhook{URL: n.Recipient}, n, time.Now()); !errors.Is(err, ErrPermanent) {
		t.Errorf("invalid data: err = %v, want ErrPermanent", err)
	}
}

// Ensure Sign matches an HMAC-SHA256 computed independently (openssl dgst
// -sha256 -hmac), including with an empty secret.
func TestSign(t *testing.T) {
	tests := []struct {
		secret string
		ts     int64
		body   string
		want   string
	}{
		{"bí-mật", 1700000000, `{"id":"ntf_1"}`, "sha256=07a8e59aab525bc71249d54c94e3728c6fef33667047602d8d2104aaac4a0938"},
		{"", 1700000000, "", "sha256=c1da1b6c6b8e9da7f4bbb90f7cab0820f271ad19ccbf80c88479c4e14f37d1c6"},
	}
	for _, tt := range tests {
		if got := Sign(tt.secret, tt.ts, []byte(tt.body)); got != tt.want {
			t.Errorf("Sign(%q, %d, %q) = %s, want %s", tt.secret, tt.ts, tt.body, got, tt.want)
		}
	}
}

// Ensure Verify accepts exactly a matching signature within the tolerance
// and refuses everything else with EUNAUTHORIZED.
func TestVerify(t *testing.T) {
	const secret = "s3cr3t"
	body := []byte(`{"id":"ntf_9","type":"test","created_at":"2026-03-01T00:00:00Z","data":null}`)
	now := time.Unix(1772375460, 0)
	ts := "1772375460"
	sig := Sign(secret, now.Unix(), body)
	tests := []struct {
		name      string
		secret    string
		ts, sig   string
		body      []byte
		now       time.Time
		tolerance time.Duration
		wantOK    bool
	}{
		{"valid", secret, ts, sig, body, now, 5 * time.Minute, true},
		{"valid at the edge of the tolerance", secret, ts, sig, body, now.Add(5 * time.Minute), 5 * time.Minute, true},
		{"valid, no tolerance check", secret, ts, sig, body, now.Add(24 * time.Hour), 0, true},
		{"headers with surrounding spaces", secret, " " + ts + " ", " " + sig, body, now, time.Minute, true},
		{"uppercase prefix", secret, ts, "SHA256=" + sig[len("sha256="):], body, now, time.Minute, false},
		{"uppercase hex", secret, ts, "sha256=" + strings.ToUpper(sig[len("sha256="):]), body, now, time.Minute, true},
		{"wrong secret", "other", ts, sig, body, now, time.Minute, false},
		{"tampered body", secret, ts, sig, append([]byte(nil), append(body[:len(body)-1:len(body)-1], ' ', '}')...), now, time.Minute, false},
		{"timestamp changed", secret, "1772375461", sig, body, now, time.Minute, false},
		{"too old", secret, ts, sig, body, now.Add(5*time.Minute + time.Second), 5 * time.Minute, false},
		{"from the future", secret, ts, sig, body, now.Add(-6 * time.Minute), 5 * time.Minute, false},
		{"no prefix", secret, ts, sig[len("sha256="):], body, now, time.Minute, false},
		{"not hex", secret, ts, "sha256=zz", body, now, time.Minute, false},
		{"empty signature", secret, ts, "", body, now, time.Minute, false},
		{"missing timestamp", secret, "", sig, body, now, time.Minute, false},
		{"timestamp not a number", secret, "hôm qua", sig, body, now, time.Minute, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Verify(tt.secret, tt.ts, tt.sig, tt.body, tt.now, tt.tolerance)
			if tt.wantOK {
				if err != nil {
					t.Errorf("Verify: %v, want nil", err)
				}
				return
			}
			if got := scheduler.ErrorCode(err); got != scheduler.EUNAUTHORIZED {
				t.Errorf("Verify = %v (code %q), want %q", err, got, scheduler.EUNAUTHORIZED)
			}
		})
	}
}
