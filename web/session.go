package web

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

const (
	sessionCookie = "catruc_session"
	loginCSRF     = "catruc_login_csrf" // double-submit cookie of the login form (no session yet)
	langCookie    = "catruc_lang"       // the language of someone not logged in
	sessionKey    = "web.session"
)

// sessionOf returns the session of a logged-in request, or nil.
func sessionOf(c echo.Context) *scheduler.Session {
	s, _ := c.Get(sessionKey).(*scheduler.Session)
	return s
}

// secure reports whether the request came over TLS (directly or through a proxy that says so).
func secure(c echo.Context) bool {
	return c.Request().TLS != nil || strings.EqualFold(c.Request().Header.Get("X-Forwarded-Proto"), "https")
}

// loadSession puts the session of the cookie, if live, into the context.
func (w *Web) loadSession(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if ck, err := c.Cookie(sessionCookie); err == nil && ck.Value != "" {
			s, err := w.Store.SessionBySecret(c.Request().Context(), ck.Value)
			if err == nil {
				c.Set(sessionKey, s)
				actor := "user:" + s.User.Name
				c.SetRequest(c.Request().WithContext(scheduler.WithActor(c.Request().Context(), actor)))
			} else if scheduler.ErrorCode(err) != scheduler.EUNAUTHORIZED {
				return err
			}
		}
		return next(c)
	}
}

// requireUser sends visitors without a session to the login page.
func (w *Web) requireUser(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if sessionOf(c) == nil {
			if c.Request().Method != http.MethodGet {
				return w.errorPage(c, http.StatusUnauthorized, "err.login_first")
			}
			return c.Redirect(http.StatusSeeOther, "/login?next="+url.QueryEscape(c.Request().URL.RequestURI()))
		}
		return next(c)
	}
}

// checkSessionCSRF applies checkCSRF to requests that have a session (the
// others are checked by their handler against the login form's token).
func (w *Web) checkSessionCSRF(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if sessionOf(c) == nil {
			return next(c)
		}
		return w.checkCSRF(next)(c)
	}
}

// checkCSRF refuses (403) a state-changing request whose _csrf field is not the session's token.
func (w *Web) checkCSRF(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		m := c.Request().Method
		if m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions {
			return next(c)
		}
		s := sessionOf(c)
		got := csrfOf(c)
		if s == nil || got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(s.CSRF)) != 1 {
			return w.errorPage(c, http.StatusForbidden, "err.csrf")
		}
		return next(c)
	}
}

func randomToken() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// clientIP is the client's address as the server was told to read it
// (api.TrustProxies): the connection's peer, or behind a trusted reverse
// proxy the address it forwarded — never a header a client can forge.
func clientIP(c echo.Context) string { return c.RealIP() }

// safeNext keeps a post-login redirect on this site.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}

// GET /login
func (w *Web) loginPage(c echo.Context) error {
	if sessionOf(c) != nil {
		return c.Redirect(http.StatusSeeOther, safeNext(c.QueryParam("next")))
	}
	return w.renderLogin(c, http.StatusOK, "")
}

func (w *Web) renderLogin(c echo.Context, status int, msg string) error {
	return w.render(c, status, "login", map[string]any{"Next": safeNext(c.QueryParam("next")),
		"Error": msg, "Username": c.FormValue("username")})
}

const anonCSRFKey = "web.anon_csrf"

// anonCSRF is the token of forms sent before login (the login form, the
// language switch): a double-submit cookie, made once per visitor.
func anonCSRF(c echo.Context) string {
	if t, ok := c.Get(anonCSRFKey).(string); ok {
		return t
	}
	token := ""
	if ck, err := c.Cookie(loginCSRF); err == nil && len(ck.Value) >= 32 {
		token = ck.Value
	} else {
		token = randomToken()
		c.SetCookie(&http.Cookie{Name: loginCSRF, Value: token, Path: "/", HttpOnly: true, Secure: secure(c),
			SameSite: http.SameSiteStrictMode, MaxAge: 3600})
	}
	c.Set(anonCSRFKey, token)
	return token
}

// POST /login (username, password, _csrf)
func (w *Web) login(c echo.Context) error {
	if !loginCSRFOK(c) {
		return w.errorPage(c, http.StatusForbidden, "err.csrf")
	}
	name := strings.TrimSpace(c.FormValue("username"))
	now := w.Now()
	ctx := c.Request().Context()
	keys := scheduler.LoginKeys(name, clientIP(c))
	ok, wait, err := w.Store.ReserveLogin(ctx, now, keys)
	if err != nil {
		return err
	}
	if !ok {
		c.Response().Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
		return w.renderLogin(c, http.StatusTooManyRequests, "login.too_many")
	}
	u, err := w.Store.Login(ctx, name, c.FormValue("password"))
	if scheduler.ErrorCode(err) == scheduler.EUNAUTHORIZED {
		return w.renderLogin(c, http.StatusUnauthorized, "login.wrong") // the reserved attempt stays a failure
	} else if err != nil {
		_ = w.Store.ReleaseLogin(ctx, now, keys[0].Key, keys[1].Key)
		return err
	}
	// The address's attempt is given back; the name's count starts again.
	if err := w.Store.ReleaseLogin(ctx, now, keys[1].Key); err != nil {
		return err
	}
	if err := w.Store.ResetLogin(ctx, keys[0].Key); err != nil {
		return err
	}
	secret, _, err := w.Store.CreateSession(c.Request().Context(), u.ID, sessionTTL)
	if err != nil {
		return err
	}
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: secret, Path: "/", HttpOnly: true, Secure: secure(c),
		SameSite: http.SameSiteLaxMode, MaxAge: int(sessionTTL.Seconds())})
	c.SetCookie(&http.Cookie{Name: loginCSRF, Value: "", Path: "/", MaxAge: -1})
	next := safeNext(c.FormValue("next"))
	if next == "/" && !scheduler.Can(u.Role, scheduler.ActionOverview) {
		next = "/me"
	}
	return c.Redirect(http.StatusSeeOther, next)
}

// csrfHeader carries the CSRF token of a request sent by script.
const csrfHeader = "X-CSRF-Token"

// csrfOf is the CSRF token a request carries: the _csrf field of its form
// body, else the X-CSRF-Token header — never the URL query, which leaks
// through logs, history and Referer headers.
func csrfOf(c echo.Context) string {
	r := c.Request()
	if r.PostForm == nil {
		if strings.HasPrefix(r.Header.Get(echo.HeaderContentType), echo.MIMEMultipartForm) {
			_ = r.ParseMultipartForm(32 << 20)
		} else {
			_ = r.ParseForm()
		}
	}
	if v := r.PostForm.Get("_csrf"); v != "" {
		return v
	}
	return r.Header.Get(csrfHeader)
}

// loginCSRFOK checks the double-submit token of a form sent before login.
func loginCSRFOK(c echo.Context) bool {
	ck, err := c.Cookie(loginCSRF)
	got := csrfOf(c)
	return err == nil && got != "" && subtle.ConstantTimeCompare([]byte(ck.Value), []byte(got)) == 1
}

// POST /logout
func (w *Web) logout(c echo.Context) error {
	if ck, err := c.Cookie(sessionCookie); err == nil {
		// A session that could not be ended (a busy database: 503) must
		// not look ended: the page says so and the guard tries again.
		if err := w.Store.DeleteSession(c.Request().Context(), ck.Value); err != nil {
			return err
		}
	}
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: secure(c)})
	return c.Redirect(http.StatusSeeOther, "/login")
}

// POST /lang (lang, _csrf when logged in) — remembered per user, or in a cookie before login.
func (w *Web) setLang(c echo.Context) error {
	if sessionOf(c) == nil && !loginCSRFOK(c) {
		return w.errorPage(c, http.StatusForbidden, "err.csrf")
	}
	lang := c.FormValue("lang")
	if lang != "vi" && lang != "en" {
		lang = "vi"
	}
	if s := sessionOf(c); s != nil {
		if err := w.Store.SetUserLang(c.Request().Context(), s.User.ID, lang); err != nil {
			return err
		}
	}
	c.SetCookie(&http.Cookie{Name: langCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode,
		Secure: secure(c), HttpOnly: true})
	back := safeNext(c.FormValue("back"))
	return c.Redirect(http.StatusSeeOther, back)
}
