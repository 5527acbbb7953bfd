package web

// The duty desk on the pages (issue 12 §1, §2): the check-in / check-out
// button and the previous guard's handover on /me, the page a scanned
// check-in sheet opens, and the sheet itself. The rules are the duty
// service's (scheduler/duty), which the API shares.

import (
	"encoding/base64"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"catruc/scheduler"
	"catruc/scheduler/duty"

	"github.com/labstack/echo/v4"
	qrcode "github.com/skip2/go-qrcode"
)

// desk is the duty service over the pages' store and clock.
func (w *Web) desk() *duty.Service { return duty.New(w.Store, w.Now) }

// meDuty is the duty card of /me.
type meDuty struct {
	*duty.Desk
	PrevGuard string // who wrote the handover
	Late      int    // minutes late now, before check-in (0: not late)
	InAt      string // "07:42": when the shift was checked in
	ReadAt    string // when the handover was acknowledged
}

// meDutyLoad loads the guard's duty card.
func (w *Web) meDutyLoad(c echo.Context, d *meData) error {
	desk, err := w.desk().Desk(c.Request().Context(), d.Guard.ID)
	if err != nil {
		return err
	}
	md := &meDuty{Desk: desk}
	if desk.Shift != nil && desk.CanCheckIn {
		md.Late = scheduler.LateMinutes(desk.Shift.Start, w.Now())
	}
	loc := w.Store.Location()
	if desk.Shift != nil && desk.Shift.CheckInAt != nil {
		md.InAt = desk.Shift.CheckInAt.In(loc).Format("15:04")
	}
	if desk.Handover != nil && desk.Handover.AcknowledgedAt != nil {
		md.ReadAt = desk.Handover.AcknowledgedAt.In(loc).Format("15:04")
	}
	if desk.Handover != nil {
		names, err := w.guardNames(c)
		if err != nil {
			return err
		}
		md.PrevGuard = names.name(desk.Handover.GuardID)
	}
	d.Duty = md
	return nil
}

// meDutyRefused shows /me again with a refused duty action's message.
func (w *Web) meDutyRefused(c echo.Context, err error) error {
	code := scheduler.ErrorCode(err)
	status := meStatus(code)
	switch code {
	case scheduler.EINVALID, scheduler.ECONFLICT:
	case scheduler.EFORBIDDEN:
		status = http.StatusForbidden
	case scheduler.ENOTFOUND:
		status = http.StatusNotFound
	default:
		return err
	}
	return w.renderMe(c, status, meForm{Which: "duty", Field: scheduler.ErrorField(err), Error: domainMessage(lang(c), err)})
}

// POST /me/check-in {shift_id} — the big button.
func (w *Web) meCheckIn(c echo.Context) error {
	id, err := formID(c.FormValue("shift_id"))
	if err != nil {
		return w.errorPage(c, http.StatusNotFound, "err.not_found")
	}
	if _, err := w.desk().CheckIn(c.Request().Context(), principal(c), id, scheduler.CheckInRequest{Method: scheduler.CheckInApp}); err != nil {
		return w.meDutyRefused(c, err)
	}
	w.flash(c, "duty.flash.in")
	return c.Redirect(http.StatusSeeOther, "/me#duty")
}

// POST /me/check-out {shift_id, note, item_N, ok_N, remark_N} — with the handover.
func (w *Web) meCheckOut(c echo.Context) error {
	id, err := formID(c.FormValue("shift_id"))
	if err != nil {
		return w.errorPage(c, http.StatusNotFound, "err.not_found")
	}
	req := scheduler.CheckOutRequest{HandoverNote: c.FormValue("note"), Checklist: []scheduler.ChecklistItem{}}
	for i := range scheduler.MaxChecklistItems {
		n := strconv.Itoa(i)
		item := strings.TrimSpace(c.FormValue("item_" + n))
		if item == "" {
			continue
		}
		req.Checklist = append(req.Checklist, scheduler.ChecklistItem{Item: item, OK: c.FormValue("ok_"+n) != "",
			Note: c.FormValue("remark_" + n)})
	}
	if _, _, err := w.desk().CheckOut(c.Request().Context(), principal(c), id, req); err != nil {
		return w.meDutyRefused(c, err)
	}
	w.flash(c, "duty.flash.out")
	return c.Redirect(http.StatusSeeOther, "/me#duty")
}

// POST /me/handover/:id/ack — "Đã đọc": :id is the shift the handover was written at.
func (w *Web) meAckHandover(c echo.Context) error {
	id, err := formID(c.Param("id"))
	if err != nil {
		return w.errorPage(c, http.StatusNotFound, "err.not_found")
	}
	if _, err := w.desk().AckHandover(c.Request().Context(), principal(c), id); err != nil {
		return w.meDutyRefused(c, err)
	}
	w.flash(c, "duty.flash.read")
	return c.Redirect(http.StatusSeeOther, "/me#duty")
}

// checkinPage is the page a scanned check-in sheet opens.
type checkinPage struct {
	Code  string
	Post  *scheduler.Post
	Error string
	Done  *scheduler.Shift // checked in
	At    string           // when, "07:42"
}

// GET /checkin/:code — says which post the sheet is of, and offers the check-in.
func (w *Web) checkinGet(c echo.Context) error {
	p := checkinPage{Code: c.Param("code")}
	ctx := c.Request().Context()
	postID, err := w.Store.CheckInCodePost(ctx, p.Code)
	if err == nil {
		p.Post, err = w.Store.FindPostByID(ctx, postID)
	}
	if err == nil {
		if _, only := principal(c).OwnGuard(); !only {
			err = scheduler.E(scheduler.EFORBIDDEN, "", "duty.qr_guard_only")
		}
	}
	if err != nil {
		return w.checkinRefused(c, p, err)
	}
	return w.render(c, http.StatusOK, "checkin", p)
}

// POST /checkin/:code — checks the guard in to their shift at the sheet's post (method qr).
func (w *Web) checkinPost(c echo.Context) error {
	p := checkinPage{Code: c.Param("code")}
	sh, post, err := w.desk().QRCheckIn(c.Request().Context(), principal(c), p.Code)
	p.Post = post
	if err != nil {
		return w.checkinRefused(c, p, err)
	}
	p.Done, p.At = sh, sh.CheckInAt.In(w.Store.Location()).Format("15:04")
	return w.render(c, http.StatusOK, "checkin", p)
}

// checkinRefused shows the check-in page with why it was refused.
func (w *Web) checkinRefused(c echo.Context, p checkinPage, err error) error {
	status := http.StatusBadRequest
	switch scheduler.ErrorCode(err) {
	case scheduler.EINVALID:
	case scheduler.ECONFLICT:
		status = http.StatusConflict
	case scheduler.EFORBIDDEN:
		status = http.StatusForbidden
	case scheduler.ENOTFOUND:
		status = http.StatusNotFound
	default:
		return err
	}
	p.Error = domainMessage(lang(c), err)
	return w.render(c, status, "checkin", p)
}

// sheetPage is the post's check-in sheet page: without Code, the page that
// offers to make a new code; with it, the printable A4 sheet.
type sheetPage struct {
	Post    *scheduler.Post
	Created string // when the current code was made, "" if never
	Code    string
	URL     string
	QR      template.URL
}

// GET /posts/:id/checkin-sheet — the code is kept only as a hash, so a sheet
// is printed when its code is made: the page offers that.
func (w *Web) checkinSheet(c echo.Context) error {
	p, ok, err := w.sheetPost(c)
	if !ok {
		return err
	}
	at, err := w.Store.CheckInCodeCreated(c.Request().Context(), p.Post.ID)
	if err != nil {
		return err
	}
	if at != nil {
		p.Created = at.In(w.Store.Location()).Format("15:04 02/01/2006")
	}
	return w.render(c, http.StatusOK, "checkin_sheet", p)
}

// POST /posts/:id/checkin-sheet — makes a new code (the old sheet stops
// working) and shows the sheet to print.
func (w *Web) checkinSheetRotate(c echo.Context) error {
	p, ok, err := w.sheetPost(c)
	if !ok {
		return err
	}
	if p.Code, err = w.Store.RotateCheckInCode(c.Request().Context(), p.Post.ID); err != nil {
		return err
	}
	p.URL = strings.TrimRight(w.BaseURL, "/") + "/checkin/" + p.Code
	png, err := qrcode.Encode(p.URL, qrcode.High, 512)
	if err != nil {
		return err
	}
	p.QR = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))
	return w.render(c, http.StatusOK, "checkin_print", p)
}

// sheetPost reads the :id post of the sheet pages; !ok when it answered
// already (a 404 page) or failed (err).
func (w *Web) sheetPost(c echo.Context) (sheetPage, bool, error) {
	post, ok, err := w.pathPost(c)
	return sheetPage{Post: post}, ok, err
}

// pathPost reads the :id post; !ok when it answered a 404 page already or failed (err).
func (w *Web) pathPost(c echo.Context) (*scheduler.Post, bool, error) {
	id, err := formID(c.Param("id"))
	if err != nil {
		return nil, false, w.errorPage(c, http.StatusNotFound, "err.not_found")
	}
	post, err := w.Store.FindPostByID(c.Request().Context(), id)
	if scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
		return nil, false, w.errorPage(c, http.StatusNotFound, "err.not_found")
	}
	return post, err == nil, err
}
