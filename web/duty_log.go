package web

// The day's duty log of a post (sổ trực), printed on A4 in administrative
// form: the shifts with their check-in and check-out, late minutes, the
// handovers, and the incidents.

import (
	"context"
	"net/http"
	"time"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

// dutyLogIncidents is what a store that keeps incidents (issue 12 §3) offers
// the log: the incidents of a post in [from, to). The log asks for it by a
// type assertion, so that it prints without incidents where none are kept.
type dutyLogIncidents interface {
	DutyLogIncidents(ctx context.Context, postID int64, from, to time.Time) ([]scheduler.DutyLogIncident, error)
}

// dutyLogRow is one shift of the log.
type dutyLogRow struct {
	*scheduler.Shift
	Guard    string
	Handover *scheduler.Handover
	AckBy    string // the acknowledging guard's name, else the actor
	// In, Out and AckAt are "15:04 02/01" of the check-in, the check-out
	// and the handover's acknowledgement; "" when there is none.
	In, Out, AckAt string
}

type dutyLogPage struct {
	DocHeader rosterDocHead
	Post      *scheduler.Post
	Date      time.Time
	DateVI    string // dd/mm/yyyy
	Prev      string // the previous and next days, YYYY-MM-DD
	Next      string
	Rows      []dutyLogRow
	Incidents []scheduler.DutyLogIncident
	Kept      bool // the store keeps incidents
}

// GET /posts/:id/log?date=YYYY-MM-DD — the day's duty log (default today).
func (w *Web) dutyLog(c echo.Context) error {
	post, ok, err := w.pathPost(c)
	if !ok {
		return err
	}
	loc := w.Store.Location()
	day := scheduler.DayStart(w.Now(), loc)
	if v := c.QueryParam("date"); v != "" {
		if day, err = scheduler.ParseDate(v, loc); err != nil {
			return w.errorPage(c, http.StatusBadRequest, "duty.log.bad_date")
		}
	}
	y, m, d := day.Date()
	end := scheduler.DateStart(y, m, d+1, loc)
	p := dutyLogPage{DocHeader: rosterHeading(mustOffice(c, w), w.Now(), loc), Post: post, Date: day, DateVI: day.Format("02/01/2006"),
		Prev: scheduler.DateStart(y, m, d-1, loc).Format(scheduler.DateLayout), Next: end.Format(scheduler.DateLayout)}
	if p.Rows, err = w.dutyLogRows(c, post.ID, day, end); err != nil {
		return err
	}
	if src, ok := w.Store.(dutyLogIncidents); ok {
		p.Kept = true
		if p.Incidents, err = src.DutyLogIncidents(c.Request().Context(), post.ID, day, end); err != nil {
			return err
		}
	}
	return w.render(c, http.StatusOK, "duty_log", p)
}

// mustOffice is the office settings, or the defaults if they cannot be read
// (the heading of a printed page is not worth a failure).
func mustOffice(c echo.Context, w *Web) scheduler.Office {
	o, err := w.Store.Office(c.Request().Context())
	if err != nil {
		return scheduler.DefaultOffice()
	}
	return o
}

// dutyLogRows loads the post's scheduled shifts overlapping the day, with
// their check-ins and handovers.
func (w *Web) dutyLogRows(c echo.Context, postID int64, from, to time.Time) ([]dutyLogRow, error) {
	ctx := c.Request().Context()
	shifts, err := w.Store.FindShifts(ctx, scheduler.ShiftFilter{PostID: &postID, Status: scheduler.ShiftScheduled, From: &from, To: &to})
	if err != nil {
		return nil, err
	}
	hfrom, hto := from.Add(-scheduler.MaxShiftLength), to.Add(2*scheduler.MaxShiftLength)
	hs, err := w.Store.FindHandovers(ctx, scheduler.HandoverFilter{PostID: &postID, From: &hfrom, To: &hto})
	if err != nil {
		return nil, err
	}
	byShift := map[int64]*scheduler.Handover{}
	for _, h := range hs {
		byShift[h.ShiftID] = h
	}
	names, err := w.guardNames(c)
	if err != nil {
		return nil, err
	}
	loc := w.Store.Location()
	rows := []dutyLogRow{}
	for _, sh := range shifts {
		r := dutyLogRow{Shift: sh, Guard: names.name(sh.GuardID), Handover: byShift[sh.ID], In: logTime(sh.CheckInAt, loc),
			Out: logTime(sh.CheckOutAt, loc)}
		if r.Handover != nil {
			r.AckAt = logTime(r.Handover.AcknowledgedAt, loc)
			r.AckBy = names.name(r.Handover.AcknowledgedGuardID)
			if r.AckBy == "" {
				r.AckBy = r.Handover.AcknowledgedBy
			}
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// logTime is "15:04 02/01" of t in loc, "" for nil.
func logTime(t *time.Time, loc *time.Location) string {
	if t == nil {
		return ""
	}
	return t.In(loc).Format("15:04 02/01")
}
