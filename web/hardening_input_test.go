package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// Ensure the login limit cannot be raced: forty wrong passwords for one name
// sent at once let exactly five through to the password check (401) and
// refuse the other thirty-five (429).
func TestLoginLimitConcurrent(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	b.get("/login")
	form := url.Values{"username": {"quanly"}, "password": {"sai"}, "_csrf": {b.csrf}}
	var wg sync.WaitGroup
	var mu sync.Mutex
	codes := map[int]int{}
	start := make(chan struct{})
	for i := 0; i < 40; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			res, err := b.c.PostForm(s.srv.URL+"/login", form)
			if err != nil {
				t.Error(err)
				return
			}
			res.Body.Close()
			mu.Lock()
			codes[res.StatusCode]++
			mu.Unlock()
		}()
	}
	close(start)
	wg.Wait()
	if codes[http.StatusUnauthorized] != 5 || codes[http.StatusTooManyRequests] != 35 {
		t.Fatalf("40 concurrent wrong passwords: got %v, want 5 × 401 and 35 × 429", codes)
	}
	// The name stays blocked, even with the right password.
	b.get("/login")
	if code, _, _ := b.post("/login", url.Values{"username": {"quanly"}, "password": {managerPass}}); code != http.StatusTooManyRequests {
		t.Fatalf("right password after the limit: %d", code)
	}
}

// Ensure a successful login does not use up an attempt: six good logins in a
// row all work.
func TestLoginSuccessDoesNotCount(t *testing.T) {
	s := newSite(t)
	for i := 0; i < 6; i++ {
		b := s.browser()
		b.login("quanly", managerPass)
	}
}

// Ensure the CSRF token is taken only from the form body or a header, never
// from the URL query: a form posted with the token in the query is refused.
func TestCSRFNotFromQuery(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	b.login("quanly", managerPass)
	res, err := b.c.PostForm(s.srv.URL+"/logout?_csrf="+url.QueryEscape(b.csrf), url.Values{})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Fatalf("logout with the token in the query: %d, want 403", res.StatusCode)
	}
	if code, _, _ := b.get("/"); code != http.StatusOK {
		t.Fatalf("the refused logout logged out: %d", code)
	}
	// The login form's token in the query is refused too.
	a := s.browser()
	a.get("/login")
	res, err = a.c.PostForm(s.srv.URL+"/login?_csrf="+url.QueryEscape(a.csrf),
		url.Values{"username": {"quanly"}, "password": {managerPass}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Fatalf("login with the token in the query: %d, want 403", res.StatusCode)
	}
	// A header carries the token as well as the body does.
	req, _ := http.NewRequest(http.MethodPost, s.srv.URL+"/logout", strings.NewReader(""))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-CSRF-Token", b.csrf)
	res, err = b.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout with the token in a header: %d, want 303", res.StatusCode)
	}
}

// Ensure a viewer sees a guard's time off on the roster as busy, without its
// kind (a manager sees "nghỉ phép"; the viewer "bận").
func TestViewerSeesTimeOffAsBusy(t *testing.T) {
	s := newSite(t)
	l := s.demoLeave()
	hq := s.hqPost().ID
	b := s.browser()
	b.login("congan", viewerPass)
	_, month, _ := b.get("/roster?month=" + l.month)
	cell := cellOf(t, month, hq, l.date)
	contains(t, cell, `<s>`+l.absent+`</s> <span class="kind">bận</span>`)
	if strings.Contains(cell, "nghỉ phép") { // (the legend names kinds as examples, not anyone's)
		t.Errorf("the viewer's roster names the kind of time off:\n%s", cell)
	}
	_, week, _ := b.get("/roster/week?date=" + l.date)
	if c := cellOf(t, week, hq, l.date); strings.Contains(c, "nghỉ phép") || !strings.Contains(c, "bận") {
		t.Errorf("the viewer's week names the kind of time off:\n%s", c)
	}
}
