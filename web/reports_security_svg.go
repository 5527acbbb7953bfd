package web

import (
	"fmt"
	"html"
	"html/template"
	"strings"

	"catruc/scheduler"
	"catruc/scheduler/security"
)

// The charts of the security report are drawn here as inline SVG (no script,
// they print as drawn): black on white, with the figures written on them so
// that a photocopy still reads.

// coverageChart draws the coverage of each month as a column, 0–100 %.
func coverageChart(months []security.MonthLine) template.HTML {
	const w, h, top, bottom, left = 600.0, 210.0, 22.0, 30.0, 34.0
	if len(months) == 0 {
		return ""
	}
	plot := h - top - bottom
	slot := (w - left) / float64(len(months))
	bar := slot * 0.55
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %g %g" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg" font-family="Times New Roman, serif" font-size="12">`,
		w, h, html.EscapeString("Tỷ lệ thời gian có người trực theo tháng"))
	for _, p := range []float64{0, 50, 100} {
		y := top + plot*(1-p/100)
		fmt.Fprintf(&b, `<line x1="%g" y1="%.1f" x2="%g" y2="%.1f" stroke="#999" stroke-width="0.5"/><text x="%g" y="%.1f" text-anchor="end">%g%%</text>`,
			left, y, w, y, left-4, y+4, p)
	}
	for i, m := range months {
		x := left + slot*float64(i) + (slot-bar)/2
		bh := plot * m.Percent / 100
		label := m.Month[5:] + "/" + m.Month[:4]
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="#555"><title>%s: %s%%</title></rect>`,
			x, top+plot-bh, bar, bh, label, security.NumVI(m.Percent))
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle">%s%%</text><text x="%.1f" y="%g" text-anchor="middle">T%s</text>`,
			x+bar/2, top+plot-bh-4, security.NumVI(m.Percent), x+bar/2, h-10, html.EscapeString(strings.TrimPrefix(label, "0")))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// incidentChart draws the incidents of each kind as a horizontal bar.
func incidentChart(byKind map[string]int) template.HTML {
	var kinds []string
	most := 0
	for _, k := range scheduler.IncidentKinds {
		if n := byKind[k]; n > 0 {
			kinds = append(kinds, k)
			most = max(most, n)
		}
	}
	if len(kinds) == 0 {
		return ""
	}
	const w, row, left = 600.0, 26.0, 190.0
	h := row*float64(len(kinds)) + 8
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %g %g" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg" font-family="Times New Roman, serif" font-size="13">`,
		w, h, html.EscapeString("Số vụ việc theo loại"))
	for i, k := range kinds {
		y := 4 + row*float64(i)
		n := byKind[k]
		bw := (w - left - 40) * float64(n) / float64(most)
		name := html.EscapeString(security.IncidentKindVI(k))
		fmt.Fprintf(&b, `<text x="%g" y="%.1f" text-anchor="end">%s</text><rect x="%g" y="%.1f" width="%.1f" height="%g" fill="#555"><title>%s: %d</title></rect><text x="%.1f" y="%.1f">%d</text>`,
			left-6, y+row/2+4, name, left, y+3, bw, row-8, name, n, left+bw+5, y+row/2+4, n)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
