package web_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"catruc/scheduler"

	"github.com/chromedp/chromedp"
)

// firstScreenJS finds, on the dashboard, the gap alert of the uncovered night
// and the headquarters' gap on the coverage bars, and where they are on the page.
const firstScreenJS = `(() => {
  const inView = e => { if (!e) return -1; const r = e.getBoundingClientRect(); return r.bottom; };
  const alert = [...document.querySelectorAll('[data-live-alerts] li, [data-live-alerts] .alert')].find(e => /thiếu 1 người/.test(e.textContent));
  const row = [...document.querySelectorAll('.cov-row')].find(r => r.textContent.includes('Trụ sở HĐND'));
  const gap = row && [...row.querySelectorAll('.gap-text')].find(e => /khoảng trống/.test(e.textContent));
  return {alert: alert ? alert.textContent.replace(/\s+/g, ' ').trim() : '', alertBottom: inView(alert),
    gap: gap ? gap.textContent.trim() : '', gapBottom: inView(gap), height: window.innerHeight};
})()`

type firstScreen struct {
	Alert       string  `json:"alert"`
	AlertBottom float64 `json:"alertBottom"`
	Gap         string  `json:"gap"`
	GapBottom   float64 `json:"gapBottom"`
	Height      float64 `json:"height"`
}

// Ensure a manager who opens the demo's dashboard on a 1366×768 screen sees
// the uncovered night without scrolling: its gap alert (raised by the sweep
// that `serve` runs at start) heads the open alerts, before the 24-24
// roster's breaches; the week's coverage shows the headquarters' gap too.
func TestBrowserDemoFirstScreen(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	for _, job := range []string{scheduler.JobHorizon, scheduler.JobSweep} { // what serve runs at start
		if r := s.eng.Run(ctx, job); !r.OK {
			t.Fatalf("%s: %+v", job, r)
		}
	}
	c := newChrome(t, s)
	c.viewport(1366, 768, false)
	c.login("quanly", managerPass)
	got := eval[firstScreen](c, firstScreenJS)
	if os.Getenv("CATRUC_FIRST_SCREEN") != "" {
		png, err := chromedp.Run(c.ctx, chromedp.CaptureScreenshot())
		if err == nil {
			os.WriteFile(os.Getenv("CATRUC_FIRST_SCREEN"), png, 0o644)
		}
	}
	if !strings.Contains(got.Alert, "Thứ Sáu, 04/12/2026 18:00") || got.AlertBottom < 0 || got.AlertBottom > got.Height {
		t.Errorf("the uncovered night's alert on the first screen (%.0f px high): %+v", got.Height, got)
	}
	if got.Gap != "1 khoảng trống" {
		t.Errorf("the headquarters' gap on the week's coverage: %+v", got)
	}
}
