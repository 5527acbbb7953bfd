package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"catruc/api"

	"github.com/labstack/echo/v4"
)

// Ensure a manager logs in with a form carrying its CSRF token, gets an
// HttpOnly SameSite=Lax session cookie, sees the dashboard in Vietnamese, and logs out.
func TestLoginLogout(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	code, _, loc := b.get("/roster")
	if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/login?next=%2Froster") {
		t.Fatalf("anonymous /roster: %d %s", code, loc)
	}
	code, body, _ := b.get("/login")
	if code != 200 {
		t.Fatalf("login page: %d", code)
	}
	contains(t, body, `name="username"`, `name="password"`, `name="_csrf"`, "Đăng nhập")
	req, _ := http.NewRequest("POST", s.srv.URL+"/login", strings.NewReader(url.Values{"username": {"quanly"}, "password": {managerPass},
		"_csrf": {b.csrf}, "next": {"/alerts"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := b.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/alerts" {
		t.Fatalf("login: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	var session *http.Cookie
	for _, ck := range res.Cookies() {
		if ck.Name == "catruc_session" {
			session = ck
		}
	}
	if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode || session.Secure {
		t.Fatalf("session cookie: %+v", session)
	}
	code, body, _ = b.get("/")
	if code != 200 {
		t.Fatalf("dashboard: %d", code)
	}
	contains(t, body, "Tình hình trực", "Trụ sở HĐND, UBND tỉnh", "quanly")
	if code, _, loc := b.post("/logout", nil); code != http.StatusSeeOther || loc != "/login" {
		t.Fatalf("logout: %d %s", code, loc)
	}
	if code, _, _ := b.get("/"); code != http.StatusSeeOther {
		t.Fatalf("after logout: %d", code)
	}
}

// Ensure a wrong password is refused; after five failures for a name the
// sixth try is 429 even with the right password; an address is blocked after 20.
func TestLoginRateLimit(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	for i := 0; i < 5; i++ {
		b.get("/login")
		code, body, _ := b.post("/login", url.Values{"username": {"quanly"}, "password": {"sai"}})
		if code != http.StatusUnauthorized || !strings.Contains(body, "Sai tên đăng nhập hoặc mật khẩu") {
			t.Fatalf("failure %d: %d", i, code)
		}
	}
	b.get("/login")
	code, body, _ := b.post("/login", url.Values{"username": {"quanly"}, "password": {managerPass}})
	if code != http.StatusTooManyRequests || !strings.Contains(body, "quá nhiều lần") {
		t.Fatalf("sixth try: %d", code)
	}
	// Another user from the same address (a shared proxy) still logs in…
	other := s.browser()
	other.login("an", guardPass)
	// …until the address itself has failed 20 times, whatever the names.
	for i := 5; i < 20; i++ {
		b.get("/login")
		if code, _, _ := b.post("/login", url.Values{"username": {"ai-do-" + strconv.Itoa(i)}, "password": {"sai"}}); code != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i, code)
		}
	}
	third := s.browser()
	third.get("/login")
	if code, _, _ := third.post("/login", url.Values{"username": {"congan"}, "password": {viewerPass}}); code != http.StatusTooManyRequests {
		t.Fatalf("after 20 failures from the address: %d", code)
	}
}

// Ensure a form posted without its CSRF token (or with a wrong one) is refused with 403 and changes nothing.
func TestCSRFRefused(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	b.get("/login")
	if code, _, _ := b.post("/login", url.Values{"username": {"quanly"}, "password": {managerPass}, "_csrf": {"forged"}}); code != http.StatusForbidden {
		t.Fatalf("login with a forged token: %d", code)
	}
	b.login("quanly", managerPass)
	code, body, _ := b.post("/logout", url.Values{"_csrf": {""}})
	if code != http.StatusForbidden || !strings.Contains(body, "Biểu mẫu đã hết hạn") {
		t.Fatalf("logout without token: %d", code)
	}
	if code, _, _ := b.get("/"); code != 200 {
		t.Fatalf("the refused logout logged out: %d", code)
	}
}

// Ensure a guard lands on /me and cannot open the manager's pages.
func TestGuardRole(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	b.get("/login")
	code, _, loc := b.post("/login", url.Values{"username": {"an"}, "password": {guardPass}})
	if code != http.StatusSeeOther || loc != "/me" {
		t.Fatalf("guard login: %d %s", code, loc)
	}
	for _, p := range []string{"/settings", "/dashboard", "/alerts"} {
		if code, _, _ := b.get(p); code != http.StatusForbidden {
			t.Errorf("guard opens %s: %d", p, code)
		}
	}
}

// Ensure pages carry a CSP without inline scripts, forbid framing and keep the referrer to the site.
func TestSecurityHeaders(t *testing.T) {
	s := newSite(t)
	res, err := http.Get(s.srv.URL + "/login")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	csp := res.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") || res.Header.Get("X-Frame-Options") != "DENY" ||
		res.Header.Get("Referrer-Policy") != "same-origin" {
		t.Fatalf("headers: %v", res.Header)
	}
}

// Ensure the language switch shows English and is remembered for the user across logins.
func TestLanguageSwitch(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	b.login("quanly", managerPass)
	if code, _, loc := b.post("/lang", url.Values{"lang": {"en"}, "back": {"/alerts"}}); code != http.StatusSeeOther || loc != "/alerts" {
		t.Fatalf("switch: %d %s", code, loc)
	}
	_, body, _ := b.get("/")
	contains(t, body, "Duty at a glance", "On duty now")
	fresh := s.browser()
	fresh.login("quanly", managerPass)
	_, body, _ = fresh.get("/")
	contains(t, body, "Duty at a glance")
	// Before login, the switch works with the login form's token.
	anon := s.browser()
	anon.get("/login")
	if code, _, _ := anon.post("/lang", url.Values{"lang": {"en"}, "back": {"/login"}}); code != http.StatusSeeOther {
		t.Fatalf("anonymous switch: %d", code)
	}
	_, body, _ = anon.get("/login")
	contains(t, body, "User name", "Password")
}

// Ensure the login throttle's count per address is the client's behind a
// trusted reverse proxy (a proxy shared by everyone would otherwise lock all
// out after 20 failures anywhere), and that without one an X-Forwarded-For
// a client writes itself does not get it past its own address's block.
func TestLoginRateLimitBehindProxy(t *testing.T) {
	fail20 := func(s *site, xff string) {
		t.Helper()
		b := s.browser()
		b.xff = xff
		for i := 0; i < 20; i++ {
			b.get("/login")
			if code, _, _ := b.post("/login", url.Values{"username": {"ai-do-" + strconv.Itoa(i)}, "password": {"sai"}}); code != http.StatusUnauthorized {
				t.Fatalf("failure %d: %d", i, code)
			}
		}
	}
	tryAs := func(s *site, xff string) int {
		t.Helper()
		b := s.browser()
		b.xff = xff
		b.get("/login")
		code, _, _ := b.post("/login", url.Values{"username": {"congan"}, "password": {viewerPass}})
		return code
	}

	// Behind a trusted proxy (the test's own address): one client's 20 failures
	// block that client, not another one behind the same proxy.
	proxied := newSite(t)
	nets, err := api.ParseTrustedProxies("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	api.TrustProxies(proxied.srv.Config.Handler.(*echo.Echo), nets)
	fail20(proxied, "203.0.113.7")
	if code := tryAs(proxied, "203.0.113.8"); code != http.StatusSeeOther {
		t.Fatalf("another client behind the proxy: %d, want 303 (logged in)", code)
	}
	if code := tryAs(proxied, "203.0.113.7"); code != http.StatusTooManyRequests {
		t.Fatalf("the client that failed 20 times: %d, want 429", code)
	}

	// No proxy trusted (the default): the header changes nothing.
	direct := newSite(t)
	fail20(direct, "203.0.113.7")
	if code := tryAs(direct, "198.51.100.1"); code != http.StatusTooManyRequests {
		t.Fatalf("a forged X-Forwarded-For got past the address's block: %d, want 429", code)
	}

	if _, err := api.ParseTrustedProxies("10.0.0.0/8, fe80::1, proxy.local"); err == nil {
		t.Fatal("a host name was taken as a proxy address")
	}
}
