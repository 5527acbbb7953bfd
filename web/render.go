package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"
	"time"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

// pages are the page templates: each page file with the layout and the
// partials (files whose name starts with "_"). Every page is parsed once at
// start (a broken template stops the server there), but a page is kept
// parsed only once it is shown: html/template copies the layout's and the
// partials' trees for every page, a few hundred kilobytes each, which a
// server answering mostly calendar feeds would hold for nothing.
type pages struct {
	base  *template.Template // the layout and the partials, never executed
	files map[string]string  // page name → template file
	mu    sync.Mutex
	ready map[string]*template.Template
}

func loadPages() *pages {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		panic(err)
	}
	base := template.New("").Funcs(funcs)
	var partials []string
	for _, n := range names {
		b := path.Base(n)
		if b == "layout.html" || strings.HasPrefix(b, "_") {
			partials = append(partials, n)
		}
	}
	p := &pages{base: template.Must(base.ParseFS(templateFS, partials...)), files: map[string]string{},
		ready: map[string]*template.Template{}}
	for _, n := range names {
		b := path.Base(n)
		if b == "layout.html" || strings.HasPrefix(b, "_") {
			continue
		}
		p.files[strings.TrimSuffix(b, ".html")] = n
		p.parse(n) // checked now, kept when first shown
	}
	return p
}

// parse is page file n with the layout and the partials.
func (p *pages) parse(n string) *template.Template {
	return template.Must(template.Must(p.base.Clone()).ParseFS(templateFS, n))
}

// get is the parsed page name (false when there is none).
func (p *pages) get(name string) (*template.Template, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if t, ok := p.ready[name]; ok {
		return t, true
	}
	n, ok := p.files[name]
	if !ok {
		return nil, false
	}
	t := p.parse(n)
	p.ready[name] = t
	return t, true
}

// view is what every page template gets, besides its own data in .D.
type view struct {
	L       string // language: vi or en
	S       *scheduler.Session
	CSRF    string
	Office  scheduler.Office
	Path    string // the request's path with its query, for "back" links
	Page    string
	Flash   string
	FlashOK bool
	Now     time.Time
	Loc     *time.Location
	D       any
}

// Can reports whether the user's role may do action (scheduler.Can): what a
// page offers follows the same policy as the routes.
func (v view) Can(action string) bool { return v.S != nil && scheduler.Can(v.S.User.Role, action) }

// Manager reports whether the user may change the roster.
func (v view) Manager() bool { return v.Can(scheduler.ActionRosterWrite) }

// lang chooses the language: the user's, else the cookie, else Vietnamese.
func lang(c echo.Context) string {
	if s := sessionOf(c); s != nil && (s.User.Lang == "en" || s.User.Lang == "vi") {
		return s.User.Lang
	}
	if ck, err := c.Cookie(langCookie); err == nil && ck.Value == "en" {
		return "en"
	}
	return "vi"
}

const flashCookie = "catruc_flash"

// flash leaves a message (a translation key; "!" in front marks an error) for the next page.
func (w *Web) flash(c echo.Context, key string) {
	c.SetCookie(&http.Cookie{Name: flashCookie, Value: url.QueryEscape(key), Path: "/", MaxAge: 60, HttpOnly: true,
		Secure: secure(c), SameSite: http.SameSiteLaxMode})
}

// render writes a page in the layout.
func (w *Web) render(c echo.Context, status int, page string, data any) error {
	t, ok := w.pages.get(page)
	if !ok {
		return fmt.Errorf("web: no page %q", page)
	}
	v := view{L: lang(c), S: sessionOf(c), Path: c.Request().URL.RequestURI(), Page: page, Now: w.Now(),
		Loc: w.Store.Location(), D: data}
	if v.S != nil {
		v.CSRF = v.S.CSRF
	} else {
		v.CSRF = anonCSRF(c)
	}
	o, err := w.Store.Office(c.Request().Context())
	if err != nil && page != "error" {
		return err
	}
	if err != nil { // the error page itself, with the database out of reach: the default office's header
		o = scheduler.DefaultOffice()
	}
	v.Office = o
	if ck, err := c.Cookie(flashCookie); err == nil && ck.Value != "" {
		key, _ := url.QueryUnescape(ck.Value)
		v.FlashOK = !strings.HasPrefix(key, "!")
		v.Flash = tr(v.L, strings.TrimPrefix(key, "!"))
		c.SetCookie(&http.Cookie{Name: flashCookie, Value: "", Path: "/", MaxAge: -1})
	}
	name := "layout"
	if t.Lookup("standalone") != nil {
		name = "standalone"
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, v); err != nil {
		return err
	}
	return c.HTMLBlob(status, buf.Bytes())
}

// errorPage answers with a page that says what went wrong (key: a translation key).
func (w *Web) errorPage(c echo.Context, status int, key string, args ...any) error {
	return w.render(c, status, "error", map[string]any{"Status": status, "Message": tr(lang(c), key, args...)})
}

var funcs = template.FuncMap{
	"tr":      tr,
	"date":    fmtDate,
	"dmy":     fmtDMY,
	"clock":   func(t time.Time, loc *time.Location) string { return t.In(loc).Format("15:04") },
	"day":     func(t time.Time, loc *time.Location) string { return t.In(loc).Format("02/01") },
	"ymd":     func(t time.Time, loc *time.Location) string { return t.In(loc).Format(scheduler.DateLayout) },
	"dtlocal": func(t time.Time, loc *time.Location) string { return t.In(loc).Format("2006-01-02T15:04") },
	"span":    fmtSpan,
	"weekday": fmtWeekday,
	"json": func(v any) (string, error) {
		b, err := json.Marshal(v)
		return string(b), err
	},
	"add": func(a, b int) int { return a + b },
	"deref": func(p *int64) int64 {
		if p == nil {
			return 0
		}
		return *p
	},
	"hours": func(d time.Duration) string { return fmt.Sprintf("%.1f", d.Hours()) },
	"pct":   func(f float64) string { return fmt.Sprintf("%.0f%%", f) },
	"join":  strings.Join,
	"eq64":  func(a *int64, b int64) bool { return a != nil && *a == b },
	"has": func(list []int64, x int64) bool {
		for _, y := range list {
			if y == x {
				return true
			}
		}
		return false
	},
	"hasInt": func(list []int, x int) bool {
		for _, y := range list {
			if y == x {
				return true
			}
		}
		return false
	},
	"safeURL":   func(s string) template.URL { return template.URL(s) },
	"dmyt":      func(t time.Time, loc *time.Location) string { return t.In(loc).Format("02/01/2006") },
	"monthText": func(ym string) string { return ym[min(5, len(ym)):] + "/" + ym[:min(4, len(ym))] }, // "2027-01" → "01/2027"
	"planBadge": planBadge,
	"prefRows": func(v any, f *mePrefs, kind string, rows []mePrefRow) map[string]any {
		return map[string]any{"V": v, "F": f, "Kind": kind, "Rows": rows}
	},
	"hasPrefix": strings.HasPrefix,
}
