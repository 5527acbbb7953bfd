package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"catruc/store"
	"catruc/store/storetest"
)

// Ensure a page's write that finds the database locked by another writer
// for longer than the busy timeout answers a 503 page with Retry-After that
// says, in Vietnamese, to try again, not the internal-error page; once the
// lock is released the same form goes through.
func TestBusyDatabasePage503(t *testing.T) {
	s := newSite(t, store.WithBusyTimeout(200*time.Millisecond))
	b := s.browser()
	b.login("an", guardPass)
	b.get("/me")
	form := url.Values{"kind": {"sick"}, "from": {"2026-12-05"}, "to": {"2026-12-06"}, "note": {"Sốt xuất huyết"}}

	release := storetest.HoldWriteLock(t, s.st.Path())
	// Logging out while the session cannot be deleted does not pretend to:
	// 503, and the session still works once the lock is gone.
	if code, _, _ := b.post("/logout", url.Values{}); code != http.StatusServiceUnavailable {
		t.Errorf("POST /logout under a held write lock answered %d, want 503", code)
	}
	res, err := b.c.PostForm(s.srv.URL+"/me/time-off", withCSRF(form, b.csrf))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("POST /me/time-off under a held write lock answered %d, want 503", res.StatusCode)
	}
	if n, err := strconv.Atoi(res.Header.Get("Retry-After")); err != nil || n < 1 {
		t.Errorf("Retry-After = %q, want seconds", res.Header.Get("Retry-After"))
	}
	code, body, _ := b.post("/me/time-off", form)
	if code != http.StatusServiceUnavailable {
		t.Fatalf("second try answered %d, want 503", code)
	}
	contains(t, body, "Cơ sở dữ liệu đang bận", "thử lại sau 5 giây")

	release()
	if code, _, loc := b.post("/me/time-off", form); code != http.StatusSeeOther || loc != "/me#timeoff" {
		t.Fatalf("after the lock was released: %d → %q, want 303 → /me#timeoff", code, loc)
	}
}

func withCSRF(form url.Values, token string) url.Values {
	out := url.Values{"_csrf": {token}}
	for k, v := range form {
		out[k] = v
	}
	return out
}
