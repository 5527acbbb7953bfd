package web_test

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
)

// Ensure Chromium draws the absent part of a shift on the month grid struck
// through, visible, with the kind of time off beside it, in colours that
// keep 4.5:1 against the cell's background.
func TestBrowserAbsenceStruckThrough(t *testing.T) {
	s := newSite(t)
	l := s.demoLeave()
	hq := s.hqPost().ID
	c := newChrome(t, s)
	c.login("quanly", managerPass)
	if st := c.open("/roster?month=" + l.month); st != 200 {
		t.Fatalf("/roster: %d", st)
	}
	cell := fmt.Sprintf("#c-%d-%s", hq, l.date)
	raw := eval[string](c, `(() => {
		const td = document.querySelector('`+cell+`');
		if (!td) return JSON.stringify({error: "no cell"});
		const s = td.querySelector('.absent s'), kind = td.querySelector('.absent .kind');
		if (!s || !kind) return JSON.stringify({error: "no absence in " + td.innerText});
		const bg = el => { for (; el; el = el.parentElement) { const c = getComputedStyle(el).backgroundColor;
			if (c && c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return c; } return 'rgb(255, 255, 255)'; };
		const r = s.getBoundingClientRect();
		return JSON.stringify({
			line: getComputedStyle(s).textDecorationLine, struck: s.textContent, kind: kind.textContent,
			width: r.width, height: r.height,
			fg: getComputedStyle(s).color, kindFg: getComputedStyle(kind).color, bg: bg(td),
			text: td.innerText});
	})()`)
	var got struct {
		Error, Line, Struck, Kind, Fg, KindFg, Bg, Text string
		Width, Height                                   float64
	}
	if err := json.Unmarshal([]byte(raw), &got); err != nil || got.Error != "" {
		t.Fatalf("reading the cell: %v %s", err, raw)
	}
	if !strings.Contains(got.Line, "line-through") || got.Struck != l.absent || got.Kind != "nghỉ phép" {
		t.Errorf("the absent part is drawn %q %q beside %q, want line-through %s beside nghỉ phép", got.Line, got.Struck, got.Kind, l.absent)
	}
	if got.Width < 10 || got.Height < 5 {
		t.Errorf("the struck part is %vx%v px: not visible", got.Width, got.Height)
	}
	if !strings.Contains(got.Text, l.worked) {
		t.Errorf("the worked part is not shown: %q", got.Text)
	}
	for _, fg := range []string{got.Fg, got.KindFg} {
		if r := contrast(fg, got.Bg); r < 4.5 {
			t.Errorf("%s on %s: contrast %.2f:1, below 4.5:1", fg, got.Bg, r)
		}
	}
	c.screenshot("roster-absence")
}

// contrast is the WCAG contrast ratio of two "rgb(r, g, b)" colours.
func contrast(a, b string) float64 {
	lum := func(c string) float64 {
		var r, g, bl float64
		c = strings.TrimPrefix(strings.TrimPrefix(c, "rgba("), "rgb(")
		fmt.Sscanf(c, "%f, %f, %f", &r, &g, &bl)
		f := func(v float64) float64 {
			v /= 255
			if v <= 0.03928 {
				return v / 12.92
			}
			return math.Pow((v+0.055)/1.055, 2.4)
		}
		return 0.2126*f(r) + 0.7152*f(g) + 0.0722*f(bl)
	}
	la, lb := lum(a), lum(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}
