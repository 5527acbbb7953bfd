package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

// admEventRow is an event of the list with its posts' names.
type admEventRow struct {
	*scheduler.Event
	PostNames []string
	Past      bool
}

// GET /events — the events of the last 30 days and ahead; managers may change them.
func (w *Web) admEvents(c echo.Context) error {
	ctx := c.Request().Context()
	now := w.Now()
	from, to := now.AddDate(0, 0, -30), now.AddDate(1, 0, 0)
	es, err := w.Store.FindEvents(ctx, scheduler.EventFilter{From: &from, To: &to})
	if err != nil {
		return err
	}
	posts, err := w.Store.FindPosts(ctx, scheduler.PostFilter{})
	if err != nil {
		return err
	}
	pn := postNames(posts)
	var upcoming, recent []admEventRow
	for _, e := range es {
		row := admEventRow{Event: e, Past: !e.End.After(now)}
		for _, id := range e.PostIDs {
			row.PostNames = append(row.PostNames, pn[id])
		}
		if row.Past {
			recent = append(recent, row)
		} else {
			upcoming = append(upcoming, row)
		}
	}
	// The most recent first.
	for i, j := 0, len(recent)-1; i < j; i, j = i+1, j-1 {
		recent[i], recent[j] = recent[j], recent[i]
	}
	return w.render(c, http.StatusOK, "admin_events", map[string]any{"Sections": []admEventSection{
		{ID: "upcoming", Title: "adm.ev.upcoming", Rows: upcoming}, {ID: "recent", Title: "adm.ev.recent", Rows: recent}}})
}

// admEventSection is one table of the list: upcoming or recent events.
type admEventSection struct {
	ID, Title string
	Rows      []admEventRow
}

// admEventForm is the create or edit form of an event.
type admEventForm struct {
	ID           int64
	Title        string
	Kind         string
	Start        string
	End          string
	PostIDs      []int64
	Extra        string
	NotifyPolice bool
	Note         string
	Status       string
	Errs         admErrs
}

func (w *Web) admEventFormPage(c echo.Context, status int, f *admEventForm) error {
	l := lang(c)
	posts, err := w.Store.FindPosts(c.Request().Context(), scheduler.PostFilter{})
	if err != nil {
		return err
	}
	var kinds []admChoice
	for _, k := range scheduler.EventKinds {
		kinds = append(kinds, admChoice{k, tr(l, "adm.evkind."+k)})
	}
	if f.PostIDs == nil {
		f.PostIDs = []int64{}
	}
	return w.render(c, status, "admin_event_form", map[string]any{"F": f, "Posts": posts, "Kinds": kinds})
}

// GET /events/new
func (w *Web) admEventNew(c echo.Context) error {
	loc := w.Store.Location()
	start := w.admToday().AddDate(0, 0, 1).Add(8 * time.Hour)
	f := &admEventForm{Kind: "delegation", Start: start.In(loc).Format("2006-01-02T15:04"),
		End: start.Add(3 * time.Hour).In(loc).Format("2006-01-02T15:04"), Extra: "1", Errs: admErrs{}}
	return w.admEventFormPage(c, http.StatusOK, f)
}

// admReadEvent reads the form into f and returns the event it describes.
func (w *Web) admReadEvent(c echo.Context, f *admEventForm) (scheduler.Event, error) {
	l := lang(c)
	loc := w.Store.Location()
	f.Title = c.FormValue("title")
	f.Kind = c.FormValue("kind")
	f.Start = strings.TrimSpace(c.FormValue("start"))
	f.End = strings.TrimSpace(c.FormValue("end"))
	f.Extra = strings.TrimSpace(c.FormValue("extra_headcount"))
	f.NotifyPolice = admChecked(c, "notify_police")
	f.Note = c.FormValue("note")
	form, err := c.FormParams()
	if err != nil {
		return scheduler.Event{}, err
	}
	f.PostIDs = admIDs(f.Errs, l, "post_ids", form["post_ids"])
	e := scheduler.Event{Title: f.Title, Kind: f.Kind, PostIDs: f.PostIDs, NotifyPolice: f.NotifyPolice, Note: f.Note,
		ExtraHeadcount: admInt(f.Errs, l, "extra_headcount", f.Extra, 0)}
	if e.Start, err = formTime(f.Start, loc); err != nil {
		f.Errs.add("start", tr(l, "adm.err.datetime"))
	}
	if e.End, err = formTime(f.End, loc); err != nil {
		f.Errs.add("end", tr(l, "adm.err.datetime"))
	}
	if len(f.Errs) > 0 {
		f.Errs.add("", tr(l, "adm.err.form"))
	}
	return e, nil
}

// POST /events — create an event.
func (w *Web) admEventCreate(c echo.Context) error {
	f := &admEventForm{Errs: admErrs{}}
	e, err := w.admReadEvent(c, f)
	if err != nil {
		return err
	}
	if len(f.Errs) > 0 {
		return w.admEventFormPage(c, http.StatusBadRequest, f)
	}
	if err := w.Store.CreateEvent(c.Request().Context(), &e); err != nil {
		errs, status, err := admUserError(lang(c), err, nil)
		if err != nil {
			return err
		}
		f.Errs = errs
		return w.admEventFormPage(c, status, f)
	}
	w.flash(c, "adm.ev.created")
	return c.Redirect(http.StatusSeeOther, "/events")
}

func (w *Web) admLoadEvent(c echo.Context) (*scheduler.Event, error) {
	return admLoad(w, c, w.Store.FindEventByID)
}

// GET /events/:id — the edit form.
func (w *Web) admEventEdit(c echo.Context) error {
	e, err := w.admLoadEvent(c)
	if e == nil {
		return err
	}
	loc := w.Store.Location()
	f := &admEventForm{ID: e.ID, Title: e.Title, Kind: e.Kind, Start: e.Start.In(loc).Format("2006-01-02T15:04"),
		End: e.End.In(loc).Format("2006-01-02T15:04"), PostIDs: e.PostIDs, Extra: strconv.Itoa(e.ExtraHeadcount),
		NotifyPolice: e.NotifyPolice, Note: e.Note, Status: e.Status, Errs: admErrs{}}
	return w.admEventFormPage(c, http.StatusOK, f)
}

// POST /events/:id — save the edit form.
func (w *Web) admEventUpdate(c echo.Context) error {
	cur, err := w.admLoadEvent(c)
	if cur == nil {
		return err
	}
	f := &admEventForm{ID: cur.ID, Status: cur.Status, Errs: admErrs{}}
	e, err := w.admReadEvent(c, f)
	if err != nil {
		return err
	}
	if len(f.Errs) > 0 {
		return w.admEventFormPage(c, http.StatusBadRequest, f)
	}
	_, err = w.Store.UpdateEvent(c.Request().Context(), cur.ID, func(x *scheduler.Event) error {
		x.Title, x.Kind, x.Start, x.End, x.PostIDs = e.Title, e.Kind, e.Start, e.End, e.PostIDs
		x.ExtraHeadcount, x.NotifyPolice, x.Note = e.ExtraHeadcount, e.NotifyPolice, e.Note
		return nil
	})
	if err != nil {
		errs, status, err := admUserError(lang(c), err, nil)
		if err != nil {
			return err
		}
		f.Errs = errs
		return w.admEventFormPage(c, status, f)
	}
	w.flash(c, "common.saved")
	return c.Redirect(http.StatusSeeOther, "/events")
}

// POST /events/:id/cancel — the event stays, cancelled, so that its cancellation can be announced.
func (w *Web) admEventCancel(c echo.Context) error {
	cur, err := w.admLoadEvent(c)
	if cur == nil {
		return err
	}
	if cur.Status == scheduler.ShiftCancelled {
		w.flash(c, "!adm.ev.already")
		return c.Redirect(http.StatusSeeOther, "/events")
	}
	if _, err := w.Store.UpdateEvent(c.Request().Context(), cur.ID, func(e *scheduler.Event) error {
		e.Status = scheduler.ShiftCancelled
		return nil
	}); err != nil {
		return err
	}
	w.flash(c, "adm.ev.cancelled")
	return c.Redirect(http.StatusSeeOther, "/events")
}
