package web

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"time"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

// Reading the cell editor's forms, and showing what went wrong with them.

// rosterAssignForm is the assign form as sent: the shift it asks for, the
// editor's state to show again, and what was wrong with the form itself.
type rosterAssignForm struct {
	Post *scheduler.Post
	Day  time.Time
	St   rosterCellState
	Cand *scheduler.Shift
	Err  error // the form's own fault (a field that does not parse)
}

// rosterReadAssign reads the assign form (post, start, end, date, guard,
// note). When the post or the date cannot be read it has answered with an
// error page already: the caller returns resp.
func (w *Web) rosterReadAssign(c echo.Context) (f rosterAssignForm, resp error, ok bool) {
	loc := w.Store.Location()
	postID, err := formID(c.FormValue("post"))
	if err != nil {
		return f, w.errorPage(c, http.StatusBadRequest, "roster.err_post"), false
	}
	f.Post, err = w.Store.FindPostByID(c.Request().Context(), postID)
	if scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
		return f, w.errorPage(c, http.StatusNotFound, "err.not_found"), false
	} else if err != nil {
		return f, err, false
	}
	start, errS := formTime(c.FormValue("start"), loc)
	end, errE := formTime(c.FormValue("end"), loc)
	fallback := w.Now()
	if errS == nil {
		fallback = start
	}
	if f.Day, ok = w.rosterFormDay(c, fallback); !ok {
		return f, w.errorPage(c, http.StatusBadRequest, "roster.err_date"), false
	}
	f.St = rosterCellState{Note: c.FormValue("note")}
	if errS == nil && errE == nil && end.After(start) {
		f.St.Start, f.St.End = start, end
	}
	gid, err := rosterFormGuard(c)
	if gid != nil {
		f.St.Pick = *gid
	} else if err == nil {
		f.St.PickOpen = true
	}
	switch {
	case err != nil:
		f.Err = err
	case errS != nil:
		f.Err = scheduler.E(scheduler.EINVALID, "start", "roster.not_datetime")
	case errE != nil:
		f.Err = scheduler.E(scheduler.EINVALID, "end", "roster.not_datetime")
	}
	f.Cand = &scheduler.Shift{PostID: f.Post.ID, GuardID: gid, Start: start, End: end, Note: f.St.Note}
	return f, nil, true
}

// rosterFormGuard reads the guard field: "open" or empty is nobody, else a
// guard's id (whether that guard may take the shift is the service's to say).
func rosterFormGuard(c echo.Context) (*int64, error) {
	v := c.FormValue("guard")
	if v == "" || v == "open" {
		return nil, nil
	}
	id, err := formID(v)
	if err != nil {
		return nil, scheduler.E(scheduler.EINVALID, "guard_id", "roster.form_guard")
	}
	return &id, nil
}

// rosterFormDay reads the date field of a form, else the day of fallback.
func (w *Web) rosterFormDay(c echo.Context, fallback time.Time) (time.Time, bool) {
	loc := w.Store.Location()
	if v := c.FormValue("date"); v != "" {
		return rosterParseDay(v, w.Now(), loc)
	}
	return scheduler.DayStart(fallback, loc), true
}

// rosterShiftDay loads the shift a form is about and the day its editor shows
// (the form's date, else the shift's). When it cannot, it has answered with
// an error page already: the caller returns resp.
func (w *Web) rosterShiftDay(c echo.Context, id int64) (sh *scheduler.Shift, day time.Time, resp error, ok bool) {
	sh, err := w.Store.FindShiftByID(c.Request().Context(), id)
	if scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
		return nil, day, w.errorPage(c, http.StatusNotFound, "err.not_found"), false
	} else if err != nil {
		return nil, day, err, false
	}
	day, ok = w.rosterFormDay(c, sh.Start)
	if !ok {
		return nil, day, w.errorPage(c, http.StatusBadRequest, "roster.err_date"), false
	}
	return sh, day, nil, true
}

// rosterExplain turns a domain error into a status and a message for the
// editor, by its code, field and key (status 0: not the user's doing).
func rosterExplain(l string, err error) (int, string, string) {
	field := scheduler.ErrorField(err)
	switch field {
	case "guard_id":
		field = "guard"
	case "post_id":
		field = "post"
	}
	switch scheduler.ErrorCode(err) {
	case scheduler.ENOTFOUND:
		return http.StatusNotFound, tr(l, "err.not_found"), ""
	case scheduler.ECONFLICT:
		switch {
		case field == "version":
			return http.StatusConflict, tr(l, "roster.stale"), field
		case field == "status":
			return http.StatusConflict, tr(l, "roster.err_cancelled"), field
		}
		return http.StatusConflict, domainMessage(l, err), field
	case scheduler.EINVALID:
		if l != "en" {
			if k, ok := rosterInvalidKeys[field]; ok {
				return http.StatusBadRequest, tr(l, k), field
			}
		}
		return http.StatusBadRequest, domainMessage(l, err), field
	}
	return 0, "", ""
}

// rosterInvalidKeys are the Vietnamese messages of the editor's invalid
// fields, each worded for the form's own input.
var rosterInvalidKeys = map[string]string{
	"start":   "roster.err_start",
	"end":     "roster.err_end",
	"guard":   "roster.err_guard",
	"post":    "roster.err_post_inactive",
	"note":    "roster.err_note",
	"version": "roster.err_version",
	"a":       "roster.err_swap",
	"b":       "roster.err_swap",
}

// rosterFail shows the editor again with the error, or an error page.
func (w *Web) rosterFail(c echo.Context, postID int64, day time.Time, st rosterCellState, err error) error {
	status, msg, field := rosterExplain(lang(c), err)
	switch status {
	case 0:
		return err
	case http.StatusNotFound:
		return w.errorPage(c, status, "err.not_found")
	}
	st.Error, st.ErrorField = msg, field
	return w.rosterEditor(c, status, postID, day, st)
}

func rosterLines(l string, vs []scheduler.Violation) []string {
	var out []string
	for _, v := range vs {
		out = append(out, rosterBreachLine(l, v))
	}
	return out
}

// rosterAcceptedCookie carries the breaches a manager accepted to the next page.
const rosterAcceptedCookie = "catruc_roster_warn"

type rosterAcceptedList struct {
	N int         `json:"n"`
	L [][2]string `json:"l"` // Vietnamese, English
}

// rosterSavedWith leaves the flash of a save, and the breaches it was saved with.
func (w *Web) rosterSavedWith(c echo.Context, vs []scheduler.Violation) {
	if len(vs) == 0 {
		w.flash(c, "roster.saved")
		return
	}
	w.flash(c, "roster.saved_warn")
	a := rosterAcceptedList{N: len(vs)}
	for _, v := range vs {
		a.L = append(a.L, [2]string{rosterBreachLine("vi", v), rosterBreachLine("en", v)})
	}
	var val string
	for len(a.L) > 0 {
		b, _ := json.Marshal(a)
		if val = base64.RawURLEncoding.EncodeToString(b); len(val) <= 3000 {
			break
		}
		a.L = a.L[:len(a.L)-1]
		val = ""
	}
	if val == "" {
		b, _ := json.Marshal(a)
		val = base64.RawURLEncoding.EncodeToString(b)
	}
	c.SetCookie(&http.Cookie{Name: rosterAcceptedCookie, Value: val, Path: "/roster", MaxAge: 60, HttpOnly: true,
		Secure: secure(c), SameSite: http.SameSiteLaxMode})
}

// rosterReadAccepted takes the accepted breaches left by a save: the lines, and how many more there were.
func rosterReadAccepted(c echo.Context) ([]string, int) {
	ck, err := c.Cookie(rosterAcceptedCookie)
	if err != nil || ck.Value == "" {
		return nil, 0
	}
	c.SetCookie(&http.Cookie{Name: rosterAcceptedCookie, Value: "", Path: "/roster", MaxAge: -1})
	b, err := base64.RawURLEncoding.DecodeString(ck.Value)
	var a rosterAcceptedList
	if err != nil || json.Unmarshal(b, &a) != nil {
		return nil, 0
	}
	l := lang(c)
	var out []string
	for _, p := range a.L {
		if l == "en" {
			out = append(out, p[1])
		} else {
			out = append(out, p[0])
		}
	}
	return out, max(a.N-len(out), 0)
}
