package web_test

import (
	"net/http"
	"testing"
	"time"

	"catruc/store/storetest"
)

// Ensure a manager whose page is asked while PostgreSQL is out of reach
// gets the 503 page in Vietnamese saying so, with Retry-After — not an
// empty 200 (the error page itself read the office's settings, and its
// failure was dropped) — and the page again once the database is back.
func TestPageWithDatabaseOutOfReach(t *testing.T) {
	if !storetest.Postgres() {
		t.Skip("needs CATRUC_TEST_POSTGRES: a database that can be cut off")
	}
	dsn, p := storetest.Through(t, storetest.DSN(t))
	s := newSiteOn(t, dsn)
	b := s.browser()
	b.login("quanly", managerPass)
	if code, _, _ := b.get("/roster"); code != http.StatusOK {
		t.Fatalf("/roster before the cut: %d", code)
	}
	p.Cut()
	req, _ := http.NewRequest(http.MethodGet, s.srv.URL+"/roster", nil)
	res := b.do(req)
	res.Body.Close()
	code, body, _ := b.get("/roster")
	if code != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" {
		t.Fatalf("/roster with the database out of reach: %d (Retry-After %q)\n%s", code, res.Header.Get("Retry-After"), body)
	}
	contains(t, body, "Tạm thời không kết nối được cơ sở dữ liệu; vui lòng thử lại sau 5 giây.")
	p.Restore()
	for i := 0; ; i++ {
		if code, _, _ := b.get("/roster"); code == http.StatusOK {
			break
		} else if i == 100 {
			t.Fatalf("/roster once the database is back: %d", code)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
