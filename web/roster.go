package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/coverage"
	"catruc/scheduler/holiday"
	"catruc/scheduler/report"

	"github.com/labstack/echo/v4"
)

// The roster pages: the month grid, the week, the cell editor (roster_edit.go)
// and the printable month.
// rosterDay is one column of the grid: a calendar day of the office zone.
type rosterDay struct {
	Start, End time.Time
	YMD        string
	Num        string // "03"
	Weekday    string // "T5" / "Thu"
	Long       string // "Thứ Năm, 03/12/2026"
	Weekend    bool
	Holiday    string // the holiday's name in the page's language, if any
	HolidayVI  string // its Vietnamese name (for the print)
	Today      bool
	WeekURL    string
}

// Class is the cell's CSS classes for the day.
func (d rosterDay) Class() string {
	var cs []string
	if d.Weekend {
		cs = append(cs, "weekend")
	}
	if d.Holiday != "" {
		cs = append(cs, "holiday")
	}
	if d.Today {
		cs = append(cs, "today")
	}
	return strings.Join(cs, " ")
}

// rosterEntry is one shift in a cell.
type rosterEntry struct {
	ID         int64
	Name       string // the guard's full name; "" for an open shift
	Short      string // the given name
	Start, End time.Time
	Times      string // "07:00–07:00"
	Compact    string // "7h–7h", for the print
	Open       bool
	Cont       bool     // began on an earlier day
	Rules      []string // the breached rules, translated
	Title      string   // the breaches' messages, one a line
	// Pieces are the worked and absent parts when the guard is on approved
	// time off for some of the shift (nil otherwise); Away names the kinds
	// of time off when the guard is away for all of it.
	Pieces []shiftPiece
	Away   string
}

// RuleText lists the breached rules.
func (e rosterEntry) RuleText() string { return strings.Join(e.Rules, "; ") }

// rosterGap is a stretch of a day with too few people.
type rosterGap struct {
	Start, End time.Time
	Missing    int
	Text       string // "07:00–24:00" within the day
	StartsHere bool   // the gap begins on this day (or the grid's first day)
}

// rosterCell is one post on one day.
type rosterCell struct {
	Day     *rosterDay
	ID      string // element id
	URL     string // the cell editor
	Entries []rosterEntry
	Gaps    []rosterGap
	Missing int
	Flagged bool
	// NoRoster: the day is before the post's first shift (roster_first.go).
	NoRoster bool
}

// Class is the cell's CSS classes.
func (c rosterCell) Class() string {
	cs := c.Day.Class()
	if c.Missing > 0 {
		cs += " gap"
	}
	if c.Flagged {
		cs += " flagged"
	}
	return strings.TrimSpace(cs)
}

// GapText is the stretches of the gaps within the day.
func (c rosterCell) GapText() string {
	var ts []string
	for _, g := range c.Gaps {
		ts = append(ts, g.Text)
	}
	return strings.Join(ts, ", ")
}

type rosterRow struct {
	Post  *scheduler.Post
	Cells []rosterCell
}

// rosterGrid is posts × days.
type rosterGrid struct {
	Days     []rosterDay
	Rows     []rosterRow
	Holidays []rosterDay       // the days of the grid that are holidays
	Guards   []rosterShortName // the guards named in the grid, for the print's legend
	Gaps     int               // cells with a gap
	Breaches int               // shifts with a breach
}

type rosterShortName struct{ Short, Full string }

// rosterParseMonth parses "YYYY-MM" (empty: this month) as the first instant of that month in loc.
func rosterParseMonth(s string, now time.Time, loc *time.Location) (time.Time, bool) {
	if s == "" {
		n := now.In(loc)
		return scheduler.DateStart(n.Year(), n.Month(), 1, loc), true
	}
	t, err := time.ParseInLocation("2006-01", s, loc)
	if err != nil || t.Year() < holiday.FirstYear || t.Year() > holiday.LastYear {
		return time.Time{}, false
	}
	return scheduler.DateStart(t.Year(), t.Month(), 1, loc), true
}

// rosterParseDay parses "YYYY-MM-DD" (empty: today) as the first instant of that day in loc.
func rosterParseDay(s string, now time.Time, loc *time.Location) (time.Time, bool) {
	if s == "" {
		return scheduler.DayStart(now, loc), true
	}
	t, err := scheduler.ParseDate(s, loc)
	if err != nil || t.Year() < holiday.FirstYear || t.Year() > holiday.LastYear {
		return time.Time{}, false
	}
	return scheduler.DayStart(t, loc), true
}

// rosterNextDay is the first instant of the day after the day starting at t.
func rosterNextDay(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return scheduler.DateStart(t.Year(), t.Month(), t.Day()+1, loc)
}

// rosterAddDays is the first instant of the day n days after t's.
func rosterAddDays(t time.Time, n int, loc *time.Location) time.Time {
	t = t.In(loc)
	return scheduler.DateStart(t.Year(), t.Month(), t.Day()+n, loc)
}

// rosterGivenName is the last word of a Vietnamese name ("Nguyễn Văn An" → "An").
func rosterGivenName(full string, words int) string {
	f := strings.Fields(full)
	if len(f) <= words {
		return full
	}
	return strings.Join(f[len(f)-words:], " ")
}

// rosterShortNames gives each guard a short name: the given name, or the last two
// words where two guards share it.
func rosterShortNames(full map[int64]string) map[int64]string {
	count := map[string]int{}
	for _, n := range full {
		count[rosterGivenName(n, 1)]++
	}
	out := map[int64]string{}
	for id, n := range full {
		if count[rosterGivenName(n, 1)] > 1 {
			out[id] = rosterGivenName(n, 2)
		} else {
			out[id] = rosterGivenName(n, 1)
		}
	}
	return out
}

// rosterClock formats t as "15:04", or "24:00" when it is the end of the day starting at dayStart.
func rosterClock(t, dayEnd time.Time, loc *time.Location) string {
	if t.Equal(dayEnd) {
		return "24:00"
	}
	return t.In(loc).Format("15:04")
}

// rosterCompactClock is "7h" or "7h30".
func rosterCompactClock(t, dayEnd time.Time, loc *time.Location) string {
	if t.Equal(dayEnd) {
		return "24h"
	}
	t = t.In(loc)
	if t.Minute() == 0 {
		return fmt.Sprintf("%dh", t.Hour())
	}
	return fmt.Sprintf("%dh%02d", t.Hour(), t.Minute())
}

// rosterRuleTitle names a labour rule in lang.
func rosterRuleTitle(l, rule string) string { return tr(l, "roster.rule."+rule) }

// rosterViolationText is a breach's message in lang.
func rosterViolationText(l string, v scheduler.Violation) string {
	if l == "en" {
		return v.Message
	}
	return v.MessageVI
}

// rosterHolidays returns the holidays of the years that [from, to) touches, by date.
func (w *Web) rosterHolidays(ctx context.Context, from, to time.Time) (map[string]holiday.Holiday, error) {
	loc := w.Store.Location()
	out := map[string]holiday.Holiday{}
	for y := from.In(loc).Year(); y <= to.Add(-time.Nanosecond).In(loc).Year(); y++ {
		if y < holiday.FirstYear || y > holiday.LastYear {
			continue
		}
		hs, err := w.Store.Holidays(ctx, y)
		if err != nil {
			return nil, err
		}
		for _, h := range hs {
			if prev, ok := out[h.Date]; ok {
				h.Name, h.NameEN = prev.Name+"; "+h.Name, prev.NameEN+"; "+h.NameEN
			}
			out[h.Date] = h
		}
	}
	return out, nil
}

// buildRosterGrid lays out the active posts over n days from the day starting at from.
func (w *Web) buildRosterGrid(c echo.Context, from time.Time, n int) (rosterGrid, error) {
	loc := w.Store.Location()
	to := rosterAddDays(from, n, loc)
	var g rosterGrid
	if err := w.rosterDays(c, &g, from, to); err != nil {
		return g, err
	}
	d, err := w.loadRosterGrid(c, from, to)
	if err != nil {
		return g, err
	}
	for _, p := range d.posts {
		row := rosterRow{Post: p}
		for i := range g.Days {
			cell := d.cell(&g, p, i)
			if cell.Missing > 0 {
				g.Gaps++
			}
			row.Cells = append(row.Cells, cell)
		}
		g.Rows = append(g.Rows, row)
	}
	for id := range d.named {
		g.Guards = append(g.Guards, rosterShortName{Short: d.short[id], Full: d.names.Guards[id]})
	}
	sort.Slice(g.Guards, func(i, j int) bool { return g.Guards[i].Short < g.Guards[j].Short })
	return g, nil
}

// rosterDays puts the days of [from, to) into g, with their holidays.
func (w *Web) rosterDays(c echo.Context, g *rosterGrid, from, to time.Time) error {
	loc := w.Store.Location()
	l := rosterLang(c)
	today := scheduler.DayStart(w.Now(), loc)
	hols, err := w.rosterHolidays(c.Request().Context(), from, to)
	if err != nil {
		return err
	}
	for d := from; d.Before(to); d = rosterNextDay(d, loc) {
		day := rosterDay{Start: d, End: rosterNextDay(d, loc), YMD: d.In(loc).Format(scheduler.DateLayout),
			Num: d.In(loc).Format("02"), Weekday: fmtWeekday(l, d, loc, true), Long: fmtDate(l, d, loc),
			Today: d.Equal(today), WeekURL: "/roster/week?date=" + d.In(loc).Format(scheduler.DateLayout)}
		wd := scheduler.ISOWeekday(d.In(loc))
		day.Weekend = wd >= 6
		if h, ok := hols[day.YMD]; ok {
			day.Holiday, day.HolidayVI = h.Name, h.Name
			if l == "en" && h.NameEN != "" {
				day.Holiday = h.NameEN
			}
			g.Holidays = append(g.Holidays, day)
		}
		g.Days = append(g.Days, day)
	}
	return nil
}

// rosterGridData is what the grid shows, loaded once.
type rosterGridData struct {
	l       string
	loc     *time.Location
	posts   []*scheduler.Post
	shifts  []*scheduler.Shift
	names   names
	short   map[int64]string
	gaps    map[int64][]coverage.Interval   // by post
	byShift map[int64][]scheduler.Violation // the breaches of each shift
	named   map[int64]bool                  // guards whose shifts begin in the grid
	starts  rosterStart                     // where each post's roster begins
}

// loadRosterGrid loads the posts, shifts, gaps and breaches of [from, to).
func (w *Web) loadRosterGrid(c echo.Context, from, to time.Time) (*rosterGridData, error) {
	ctx := c.Request().Context()
	st := w.Store
	d := &rosterGridData{l: rosterLang(c), loc: st.Location(), gaps: map[int64][]coverage.Interval{},
		byShift: map[int64][]scheduler.Violation{}, named: map[int64]bool{}}
	var err error
	if d.posts, err = report.ActivePosts(ctx, st, nil); err != nil {
		return nil, err
	}
	if d.shifts, err = st.FindShifts(ctx, scheduler.ShiftFilter{Status: scheduler.ShiftScheduled, From: &from, To: &to}); err != nil {
		return nil, err
	}
	d.shifts = scheduler.ShiftsFor(principal(c), d.shifts) // others' time off reads as busy to viewers
	if d.names, err = w.guardNames(c); err != nil {
		return nil, err
	}
	d.short = rosterShortNames(d.names.Guards)
	cov, err := report.Coverage(ctx, st, from, to, nil)
	if err != nil {
		return nil, err
	}
	for _, pc := range cov.Posts {
		d.gaps[pc.PostID] = pc.Gaps
	}
	if d.starts, err = w.rosterStarts(ctx); err != nil {
		return nil, err
	}
	d.starts.clip(d.gaps)
	vs, err := report.Violations(ctx, st, from, to, nil)
	if err != nil {
		return nil, err
	}
	for _, v := range vs {
		for _, id := range v.ShiftIDs {
			d.byShift[id] = append(d.byShift[id], v)
		}
	}
	return d, nil
}

// cell is post p on day i of g: its shifts and its gaps.
func (d *rosterGridData) cell(g *rosterGrid, p *scheduler.Post, i int) rosterCell {
	day := &g.Days[i]
	cell := rosterCell{Day: day, ID: fmt.Sprintf("c-%d-%s", p.ID, day.YMD),
		URL: fmt.Sprintf("/roster/cell?post=%d&date=%s", p.ID, day.YMD), NoRoster: d.starts.before(p.ID, day.End)}
	for _, sh := range d.shifts {
		if sh.PostID != p.ID || !scheduler.Overlaps(sh.Start, sh.End, day.Start, day.End) {
			continue
		}
		e := d.entry(sh, day)
		if len(e.Rules) > 0 {
			cell.Flagged = true
			if !e.Cont {
				g.Breaches++
			}
		}
		cell.Entries = append(cell.Entries, e)
	}
	for _, gp := range d.gaps[p.ID] {
		if !scheduler.Overlaps(gp.Start, gp.End, day.Start, day.End) {
			continue
		}
		a, b := gp.Start, gp.End
		if a.Before(day.Start) {
			a = day.Start
		}
		if b.After(day.End) {
			b = day.End
		}
		cell.Gaps = append(cell.Gaps, rosterGap{Start: gp.Start, End: gp.End, Missing: gp.Missing,
			Text:       rosterClock(a, day.End, d.loc) + "–" + rosterClock(b, day.End, d.loc),
			StartsHere: !gp.Start.Before(day.Start) || i == 0})
		cell.Missing = max(cell.Missing, gp.Missing)
	}
	return cell
}

// entry is shift sh as the cell of day shows it, its absent parts marked.
func (d *rosterGridData) entry(sh *scheduler.Shift, day *rosterDay) rosterEntry {
	loc, l := d.loc, d.l
	times := func(a, b time.Time) string { return a.In(loc).Format("15:04") + "–" + b.In(loc).Format("15:04") }
	e := rosterEntry{ID: sh.ID, Start: sh.Start, End: sh.End, Open: sh.GuardID == nil,
		Cont:    sh.Start.Before(day.Start),
		Times:   times(sh.Start, sh.End),
		Compact: rosterCompactClock(sh.Start, time.Time{}, loc) + "–" + rosterCompactClock(sh.End, time.Time{}, loc),
		Pieces:  shiftPieces(l, sh, times), Away: awayKinds(l, sh)}
	if e.Cont && e.Away == "" {
		e.Pieces, e.Away = dayPieces(e.Pieces, day)
	}
	if sh.GuardID != nil {
		e.Name, e.Short = d.names.name(sh.GuardID), d.short[*sh.GuardID]
		if !e.Cont {
			d.named[*sh.GuardID] = true
		}
	}
	seen := map[string]bool{}
	var msgs []string
	for _, v := range d.byShift[sh.ID] {
		msgs = append(msgs, rosterViolationText(l, v))
		if !seen[v.Rule] {
			seen[v.Rule] = true
			e.Rules = append(e.Rules, rosterRuleTitle(l, v.Rule))
		}
	}
	e.Title = strings.Join(msgs, "\n")
	return e
}

// rosterPage is the data of the month and week views.
type rosterPage struct {
	Week                 bool
	Heading              string
	Grid                 rosterGrid
	PrevURL, NextURL     string
	PrevLabel, NextLabel string
	MonthURL, WeekURL    string
	PrintURL             string
	Month                string // YYYY-MM, for the month picker
	Date                 string // YYYY-MM-DD, for the date picker
}

// rosterMonthName: "Tháng 12/2026" / "December 2026".
func rosterMonthName(l string, m time.Time) string {
	if l == "en" {
		return m.Format("January 2006")
	}
	return fmt.Sprintf("Tháng %d/%d", int(m.Month()), m.Year())
}

// GET /roster?month=YYYY-MM — the month as posts × days.
func (w *Web) rosterMonth(c echo.Context) error {
	loc := w.Store.Location()
	l := lang(c)
	m, ok := rosterParseMonth(c.QueryParam("month"), w.Now(), loc)
	if !ok {
		return w.errorPage(c, http.StatusBadRequest, "roster.err_month")
	}
	n := rosterAddDays(m, 32, loc)
	n = scheduler.DateStart(n.Year(), n.Month(), 1, loc)
	days := int(n.Sub(m).Hours()/24 + 0.5)
	g, err := w.buildRosterGrid(c, m, days)
	if err != nil {
		return err
	}
	prev := scheduler.DateStart(m.Year(), m.Month()-1, 1, loc)
	month := m.Format("2006-01")
	week := m
	if today := scheduler.DayStart(w.Now(), loc); !today.Before(m) && today.Before(n) {
		week = today
	}
	p := rosterPage{Heading: rosterMonthName(l, m), Grid: g,
		PrevURL: "/roster?month=" + prev.Format("2006-01"), NextURL: "/roster?month=" + n.Format("2006-01"),
		PrevLabel: rosterMonthName(l, prev), NextLabel: rosterMonthName(l, n),
		WeekURL: "/roster/week?date=" + week.Format(scheduler.DateLayout), PrintURL: "/roster/print?month=" + month,
		Month: month, Date: week.Format(scheduler.DateLayout)}
	if prev.Year() < holiday.FirstYear {
		p.PrevURL = ""
	}
	if n.Year() > holiday.LastYear {
		p.NextURL = ""
	}
	return w.render(c, http.StatusOK, "roster", p)
}

// GET /roster/week?date=YYYY-MM-DD — Monday to Sunday of the week holding date.
func (w *Web) rosterWeek(c echo.Context) error {
	loc := w.Store.Location()
	l := lang(c)
	d, ok := rosterParseDay(c.QueryParam("date"), w.Now(), loc)
	if !ok {
		return w.errorPage(c, http.StatusBadRequest, "roster.err_date")
	}
	mon := rosterAddDays(d, 1-scheduler.ISOWeekday(d.In(loc)), loc)
	if mon.Year() < holiday.FirstYear || rosterAddDays(mon, 7, loc).Year() > holiday.LastYear {
		return w.errorPage(c, http.StatusBadRequest, "roster.err_date")
	}
	g, err := w.buildRosterGrid(c, mon, 7)
	if err != nil {
		return err
	}
	sun := rosterAddDays(mon, 6, loc)
	prev, next := rosterAddDays(mon, -7, loc), rosterAddDays(mon, 7, loc)
	p := rosterPage{Week: true, Grid: g,
		Heading:   tr(l, "roster.week_heading", mon.Format("02/01"), sun.Format("02/01/2006")),
		PrevURL:   "/roster/week?date=" + prev.Format(scheduler.DateLayout),
		NextURL:   "/roster/week?date=" + next.Format(scheduler.DateLayout),
		PrevLabel: tr(l, "roster.prev_week"), NextLabel: tr(l, "roster.next_week"),
		MonthURL: "/roster?month=" + d.Format("2006-01"), PrintURL: "/roster/print?month=" + d.Format("2006-01"),
		Month: d.Format("2006-01"), Date: d.Format(scheduler.DateLayout)}
	return w.render(c, http.StatusOK, "roster", p)
}

// rosterPrintItem is one line pair of a printed cell.
type rosterPrintItem struct {
	Name   string
	Times  string
	Gap    bool
	Absent bool   // a part of a shift its guard is away: printed struck through
	Kind   string // then the kind of time off ("nghỉ phép")
}

type rosterPrintCell struct {
	Class string
	Items []rosterPrintItem
}

type rosterPrintRow struct {
	Post  *scheduler.Post
	Cells []rosterPrintCell
}

// rosterPrintPage is the data of the printed month.
type rosterPrintPage struct {
	DocHeader rosterDocHead // the document's heading (roster_heading.go)
	Title     string
	Days      []rosterDay
	Rows      []rosterPrintRow
	Holidays  []rosterDay
	Guards    []rosterShortName
	Back      string
}

// GET /roster/print?month=YYYY-MM — the month as the office prints it (Vietnamese only).
func (w *Web) rosterPrint(c echo.Context) error {
	loc := w.Store.Location()
	m, ok := rosterParseMonth(c.QueryParam("month"), w.Now(), loc)
	if !ok {
		return w.errorPage(c, http.StatusBadRequest, "roster.err_month")
	}
	n := rosterAddDays(m, 32, loc)
	n = scheduler.DateStart(n.Year(), n.Month(), 1, loc)
	days := int(n.Sub(m).Hours()/24 + 0.5)
	// The document is Vietnamese whatever the user's language.
	c.Set(rosterLangKey, "vi")
	g, err := w.buildRosterGrid(c, m, days)
	if err != nil {
		return err
	}
	o, err := w.Store.Office(c.Request().Context())
	if err != nil {
		return err
	}
	p := rosterPrintPage{DocHeader: rosterHeading(o, w.Now(), loc), Days: g.Days, Holidays: g.Holidays, Guards: g.Guards,
		Title: fmt.Sprintf("LỊCH TRỰC BẢO VỆ THÁNG %s/%d", scheduler.AdminNumber(int(m.Month()), 3), m.Year()),
		Back:  "/roster?month=" + m.Format("2006-01")}
	p.Rows = rosterPrintRows(g, loc)
	return w.render(c, http.StatusOK, "roster_print", p)
}

// rosterPrintRows lays out the printed cells: each shift where it begins,
// each gap where it begins (or, in a cell that would otherwise be blank,
// where it runs on), in time order. A part of a shift its guard is away is
// printed struck through with the kind of time off and without the guard's
// name (the name goes with the worked part, or struck through when nothing
// is worked), so that no post-hour shows two people unless both are on duty.
func rosterPrintRows(g rosterGrid, loc *time.Location) []rosterPrintRow {
	type timed struct {
		at time.Time
		rosterPrintItem
	}
	compact := func(a, b time.Time) string {
		return rosterCompactClock(a, time.Time{}, loc) + "–" + rosterCompactClock(b, time.Time{}, loc)
	}
	var rows []rosterPrintRow
	for _, r := range g.Rows {
		pr := rosterPrintRow{Post: r.Post}
		for _, cell := range r.Cells {
			var items []timed
			for _, e := range cell.Entries {
				if e.Cont || e.Open {
					continue // an open shift shows as its gap
				}
				if e.Pieces == nil {
					items = append(items, timed{e.Start, rosterPrintItem{Name: e.Short, Times: e.Compact}})
					continue
				}
				for _, pc := range e.Pieces {
					it := rosterPrintItem{Name: e.Short, Times: compact(pc.Start, pc.End)}
					if pc.Absent {
						it.Absent, it.Kind = true, pc.Kind
						if e.Away == "" {
							it.Name = ""
						}
					}
					items = append(items, timed{pc.Start, it})
				}
			}
			for _, gp := range cell.Gaps {
				if gp.StartsHere {
					items = append(items, timed{gp.Start, rosterPrintItem{Name: "TRỐNG", Times: rosterPrintGap(gp, cell.Day, loc), Gap: true}})
				}
			}
			if len(items) == 0 {
				// A gap that began earlier and runs on: the cell says so rather than stay blank.
				for _, gp := range cell.Gaps {
					items = append(items, timed{gp.Start, rosterPrintItem{Name: "TRỐNG", Times: rosterPrintGap(gp, cell.Day, loc), Gap: true}})
				}
			}
			sort.SliceStable(items, func(i, j int) bool { return items[i].at.Before(items[j].at) })
			pc := rosterPrintCell{Class: cell.Day.Class()}
			for _, it := range items {
				pc.Items = append(pc.Items, it.rosterPrintItem)
			}
			pr.Cells = append(pr.Cells, pc)
		}
		rows = append(rows, pr)
	}
	return rows
}

// rosterPrintGap writes the time of a gap on a printed day: "7h–7h" where it
// begins (its end may be the next day, as for shifts), "từ 6h" if it lasts
// more than a day, and on the days it runs on "cả ngày" or "đến 7h".
func rosterPrintGap(gp rosterGap, day *rosterDay, loc *time.Location) string {
	if gp.StartsHere {
		from := gp.Start
		if from.Before(day.Start) {
			from = day.Start
		}
		if gp.End.Sub(from) <= 24*time.Hour {
			return rosterCompactClock(from, time.Time{}, loc) + "–" + rosterCompactClock(gp.End, time.Time{}, loc)
		}
		return "từ " + rosterCompactClock(from, time.Time{}, loc)
	}
	if gp.End.Before(day.End) {
		return "đến " + rosterCompactClock(gp.End, time.Time{}, loc)
	}
	return "cả ngày"
}

// rosterLangKey forces the language of the roster's own strings (the print is Vietnamese).
const rosterLangKey = "roster.lang"

// rosterLang is the language of the roster's strings for this request.
func rosterLang(c echo.Context) string {
	if l, ok := c.Get(rosterLangKey).(string); ok {
		return l
	}
	return lang(c)
}

// rosterCellURL is the editor of a post on a day.
func rosterCellURL(postID int64, day time.Time, loc *time.Location) string {
	return "/roster/cell?post=" + fmt.Sprint(postID) + "&date=" + url.QueryEscape(day.In(loc).Format(scheduler.DateLayout))
}
