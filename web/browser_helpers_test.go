package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// The browser tests drive a real headless Chromium (Debian's package
// "chromium") through the DevTools protocol. Without a browser, or with
// -short, they skip, unless CATRUC_BROWSER_TESTS=1 says that they must run
// (CI). With CATRUC_SCREENSHOTS=1 they also write docs/screenshots/*.png.

// browserTimeout bounds each browser test.
const browserTimeout = 20 * time.Second

// chromiumPath finds a Chromium or Chrome: $CATRUC_CHROMIUM, then the usual names.
func chromiumPath() string {
	if p := os.Getenv("CATRUC_CHROMIUM"); p != "" {
		if lp, err := exec.LookPath(p); err == nil {
			return lp
		}
		return ""
	}
	for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromium-browser", "chromium", "chromium-browser",
		"google-chrome", "google-chrome-stable"} {
		if lp, err := exec.LookPath(p); err == nil {
			return lp
		}
	}
	return ""
}

// noBrowser skips the test, or fails it when CATRUC_BROWSER_TESTS=1.
func noBrowser(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("CATRUC_BROWSER_TESTS") == "1" {
		t.Fatalf("CATRUC_BROWSER_TESTS=1 but %s", msg)
	}
	t.Skipf("%s; skipping the browser test (install it with `apt-get install -y chromium`, or set CATRUC_CHROMIUM)", msg)
}

// chrome is one headless browser tab on a site.
type chrome struct {
	t   *testing.T
	s   *site
	ctx context.Context
}

// newChrome starts a headless Chromium for the site (the site must be made first,
// so that the browser closes before the server does).
func newChrome(t *testing.T, s *site) *chrome {
	t.Helper()
	return newChromeFor(t, s, browserTimeout)
}

// newChromeFor is newChrome for a test that needs longer than browserTimeout.
func newChromeFor(t *testing.T, s *site, timeout time.Duration) *chrome {
	t.Helper()
	if testing.Short() && os.Getenv("CATRUC_BROWSER_TESTS") != "1" {
		t.Skip("browser tests are skipped with -short")
	}
	path := chromiumPath()
	if path == "" {
		noBrowser(t, "no Chromium found ($CATRUC_CHROMIUM, /usr/bin/chromium, /usr/bin/chromium-browser, google-chrome)")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("lang", "vi-VN"),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelTab(); cancelAlloc() })
	// Start the browser with a context of its own (a timeout on the first
	// call would bind the browser's life to it), then bound the test.
	start := make(chan error, 1)
	go func() { start <- chromedp.Do(ctx) }()
	select {
	case err := <-start:
		if err != nil {
			noBrowser(t, "Chromium at %s does not start: %v", path, err)
		}
	case <-time.After(browserTimeout):
		noBrowser(t, "Chromium at %s did not start within %s", path, browserTimeout)
	}
	tctx, cancel := context.WithTimeout(ctx, timeout)
	t.Cleanup(cancel)
	// A browser of the office: Vietnamese, in its time zone.
	if _, err := chromedp.Call(tctx, emulation.SetLocaleOverride, emulation.SetLocaleOverrideParams{Locale: "vi_VN"}); err != nil {
		t.Fatalf("locale: %v", err)
	}
	if _, err := chromedp.Call(tctx, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: "Asia/Ho_Chi_Minh"}); err != nil {
		t.Fatalf("time zone: %v", err)
	}
	return &chrome{t: t, s: s, ctx: tctx}
}

// do runs actions, failing the test on an error.
func (c *chrome) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	c.t.Helper()
	if err := chromedp.Do(c.ctx, steps...); err != nil {
		c.t.Fatalf("%s: %v", what, err)
	}
}

// open loads a page of the site and returns its HTTP status.
func (c *chrome) open(path string) int64 {
	c.t.Helper()
	res, err := chromedp.Run(c.ctx, chromedp.NavigateResponse(c.s.srv.URL+path))
	if err != nil {
		c.t.Fatalf("open %s: %v", path, err)
	}
	return res.Status
}

// submit runs steps that submit a form (a click), waits for the next page and returns its HTTP status.
func (c *chrome) submit(what string, steps ...chromedp.Action[chromedp.Void]) int64 {
	c.t.Helper()
	res, err := chromedp.RunResponse(c.ctx, steps...)
	if err != nil {
		c.t.Fatalf("%s: %v", what, err)
	}
	if res == nil {
		c.t.Fatalf("%s: no page loaded", what)
	}
	return res.Status
}

// path is the current page's path (with its query).
func (c *chrome) path() string {
	c.t.Helper()
	loc, err := chromedp.Run(c.ctx, chromedp.Location())
	if err != nil {
		c.t.Fatal(err)
	}
	return strings.TrimPrefix(loc, c.s.srv.URL)
}

// text is the visible text of the first element that matches a CSS selector.
func (c *chrome) text(sel string) string {
	c.t.Helper()
	s, err := chromedp.Run(c.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		c.t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// eval runs JavaScript in the page and decodes its result.
func eval[T any](c *chrome, js string) T {
	c.t.Helper()
	v, err := chromedp.Run(c.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		c.t.Fatalf("eval %s: %v", js, err)
	}
	return v
}

// login logs in through the form, as a person would, and returns the status of the page it lands on.
func (c *chrome) login(name, pass string) int64 {
	c.t.Helper()
	if st := c.open("/login"); st != 200 {
		c.t.Fatalf("login page: %d", st)
	}
	c.do("type the credentials",
		chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), name),
		chromedp.SendKeys(chromedp.ID("password"), pass))
	return c.submit("log in", chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`)))
}

// viewport sets the size of the page's window (a phone: mobile with touch).
func (c *chrome) viewport(w, h int64, phone bool) {
	c.t.Helper()
	if phone {
		c.do("phone viewport", chromedp.EmulateViewport(w, h, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(2)))
	} else {
		c.do("viewport", chromedp.EmulateViewport(w, h))
	}
}

// screenshot writes docs/screenshots/<name>.png when CATRUC_SCREENSHOTS=1.
func (c *chrome) screenshot(name string) {
	c.t.Helper()
	if os.Getenv("CATRUC_SCREENSHOTS") != "1" {
		return
	}
	png, err := chromedp.Run(c.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		c.t.Fatalf("screenshot %s: %v", name, err)
	}
	dir := filepath.Join("..", "docs", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		c.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		c.t.Fatal(err)
	}
}

// axeTags are the rules axe-core checks: WCAG 2.1, levels A and AA.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}

// axeSource is axe-core's script, installed by `npm ci` in web/testdata/js
// (package.json and package-lock.json pin the version).
func axeSource(t *testing.T) string {
	t.Helper()
	p := filepath.Join("testdata", "js", "node_modules", "axe-core", "axe.min.js")
	b, err := os.ReadFile(p)
	if err != nil {
		msg := fmt.Sprintf("axe-core is missing (%v); install it with `cd web/testdata/js && npm ci`", err)
		if os.Getenv("CATRUC_BROWSER_TESTS") == "1" {
			t.Fatalf("CATRUC_BROWSER_TESTS=1 but %s", msg)
		}
		t.Skip(msg)
	}
	return string(b)
}

// axeViolation is one rule axe-core found broken, with where.
type axeViolation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	Targets []struct {
		Target  []any  `json:"target"`
		Summary string `json:"summary"`
	} `json:"nodes"`
}

func (v axeViolation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s", v.ID, v.Impact, v.Help)
	for i, n := range v.Targets {
		if i == 5 {
			fmt.Fprintf(&b, "\n      … and %d more", len(v.Targets)-5)
			break
		}
		fmt.Fprintf(&b, "\n      %v: %s", n.Target, strings.ReplaceAll(n.Summary, "\n", " "))
	}
	return b.String()
}

// axe runs axe-core (src, from axeSource) on the current page and returns what it finds broken.
func (c *chrome) axe(src string) []axeViolation {
	c.t.Helper()
	if !eval[bool](c, `typeof window.axe === "object"`) {
		c.do("load axe-core", chromedp.Evaluate[chromedp.Void](src))
	}
	tags, _ := json.Marshal(axeTags)
	js := `axe.run(document, {runOnly: {type: "tag", values: ` + string(tags) + `}, resultTypes: ["violations"]})
		.then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
			nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary}))})))`
	vs, err := chromedp.Run(c.ctx, chromedp.Evaluate[[]axeViolation](js, chromedp.EvalAwaitPromise))
	if err != nil {
		c.t.Fatalf("axe: %v", err)
	}
	return vs
}

// shot writes a screenshot of the page to $CATRUC_SHOTS/<name>.png when that is set (to look at while working).
func (c *chrome) shot(name string) {
	c.t.Helper()
	dir := os.Getenv("CATRUC_SHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(c.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		c.t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		c.t.Fatal(err)
	}
}

// printA4 prints the open page to PDF as Chromium prints it for the user (A4,
// the page's own @page size and margins when it gives them, backgrounds) and
// returns its page count and its first page's size in points; the test fails
// when the output is not a PDF or has no MediaBox.
func (c *chrome) printA4(landscape bool) (pages int, w, h float64) {
	c.t.Helper()
	opts := []chromedp.PDFOption{chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize(),
		chromedp.PDFPrintBackground()}
	if landscape {
		opts = append(opts, chromedp.PDFLandscape(), chromedp.PDFMargin(12/25.4)) // the prints' @page margin, 12 mm
	}
	pdf, err := chromedp.Run(c.ctx, chromedp.PrintToPDF(opts...))
	if err != nil {
		c.t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		c.t.Fatal("not a PDF")
	}
	m := mediaBoxRE.FindSubmatch(pdf)
	if m == nil {
		c.t.Fatal("the PDF has no MediaBox")
	}
	w, _ = strconv.ParseFloat(string(m[1]), 64)
	h, _ = strconv.ParseFloat(string(m[2]), 64)
	return len(pdfPageRE.FindAll(pdf, -1)), w, h
}
