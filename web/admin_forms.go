package web

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

// The office manager's pages (rotations, guards, posts, time off, events,
// reports, settings) share these helpers for reading forms and showing the
// errors of a form next to its fields.

// admErrs maps an input's name to the message shown next to it; the key ""
// holds a message for the whole form.
type admErrs map[string]string

// add records a message for a field, keeping the first one.
func (e admErrs) add(field, msg string) {
	if _, ok := e[field]; !ok {
		e[field] = msg
	}
}

// admUserError turns a domain error of a write into the form's messages and the
// status to answer with: 400 for invalid input, 409 for a conflict. Any other
// error comes back as is (the page fails with the error page). rename maps the
// domain's field name (e.g. "requirements[0].start") to the form input's name.
func admUserError(l string, err error, rename func(string) string) (admErrs, int, error) {
	status := 0
	switch scheduler.ErrorCode(err) {
	case scheduler.EINVALID:
		status = http.StatusBadRequest
	case scheduler.ECONFLICT:
		status = http.StatusConflict
	default:
		return nil, 0, err
	}
	field := scheduler.ErrorField(err)
	if rename != nil {
		field = rename(field)
	}
	errs := admErrs{}
	msg := domainMessage(l, err)
	if field != "" && scheduler.ErrorKey(err) == "common.required" {
		msg = tr(l, "adm.err.required") // next to its field: no need to name it
	}
	errs.add(field, msg)
	if field != "" {
		errs.add("", tr(l, "adm.err.form"))
	}
	return errs, status, nil
}

// admInt reads a whole number; empty gives def.
func admInt(errs admErrs, l, name, s string, def int) int {
	s = strings.TrimSpace(s)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		errs.add(name, tr(l, "adm.err.int"))
		return def
	}
	return n
}

// admFloat reads a number, accepting a decimal comma; empty is an error.
func admFloat(errs admErrs, l, name, s string) float64 {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", ".")
	if s == "" {
		errs.add(name, tr(l, "adm.err.required"))
		return 0
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		errs.add(name, tr(l, "adm.err.number"))
		return 0
	}
	return f
}

// admIDs reads the ids of a set of checkboxes or selects, ignoring empty ones.
func admIDs(errs admErrs, l, name string, vals []string) []int64 {
	ids := []int64{}
	for _, v := range vals {
		if strings.TrimSpace(v) == "" {
			continue
		}
		id, err := formID(v)
		if err != nil {
			errs.add(name, tr(l, "adm.err.choice"))
			continue
		}
		ids = append(ids, id)
	}
	return ids
}

// admChecked reads a checkbox.
func admChecked(c echo.Context, name string) bool {
	v := c.FormValue(name)
	return v != "" && v != "0" && v != "off"
}

// admSplit splits "a, b,c" into trimmed non-empty items.
func admSplit(s string) []string {
	out := []string{}
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

var admIndexed = regexp.MustCompile(`^([a-z_]+)\[(\d+)\](?:\.(.+))?$`)

// admRowField renames a domain field "list[k].sub" to the form input
// "<prefix>-<row>-<sub>" where rows[k] is the form row the k-th item came
// from; ok is false for another field.
func admRowField(field, list, prefix string, rows []int) (string, bool) {
	m := admIndexed.FindStringSubmatch(field)
	if m == nil || m[1] != list {
		return "", false
	}
	k, _ := strconv.Atoi(m[2])
	if k < 0 || k >= len(rows) {
		return "", false
	}
	sub := m[3]
	if sub == "" {
		sub = "row"
	}
	return fmt.Sprintf("%s-%d-%s", prefix, rows[k], sub), true
}

// admDate reads a date field "YYYY-MM-DD" of the office zone.
func admDate(errs admErrs, l, name, s string, def time.Time, loc *time.Location) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return def
	}
	t, err := scheduler.ParseDate(s, loc)
	if err != nil {
		errs.add(name, tr(l, "adm.err.date"))
		return def
	}
	return t
}

// admNum writes a figure without needless decimals, with a decimal comma in Vietnamese.
func admNum(l string, v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if i := strings.IndexByte(s, '.'); i >= 0 && len(s)-i > 3 {
		s = strconv.FormatFloat(v, 'f', 2, 64)
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if l == "vi" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// dayNames are the short names of ISO weekdays 1…7.
func admDayName(l string, d int) string {
	vi := [...]string{"", "T2", "T3", "T4", "T5", "T6", "T7", "CN"}
	en := [...]string{"", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
	if d < 1 || d > 7 {
		return "?"
	}
	if l == "en" {
		return en[d]
	}
	return vi[d]
}

// admDay is one ISO weekday for the day checkboxes.
type admDay struct {
	N    int
	Name string
}

func admDays(l string) []admDay {
	out := make([]admDay, 7)
	for i := range out {
		out[i] = admDay{N: i + 1, Name: admDayName(l, i+1)}
	}
	return out
}

// admRosterLink is the roster's week page holding t.
func admRosterLink(t time.Time, loc *time.Location) string {
	return "/roster/week?date=" + t.In(loc).Format(scheduler.DateLayout)
}

// admChoice is an option of a <select>.
type admChoice struct {
	Value, Label string
}

// admLoad reads :id and finds the item with find. When it cannot, it has
// answered with the not-found page already and returns nil: the caller
// returns the error it got (nil after a page was written).
func admLoad[T any](w *Web, c echo.Context, find func(context.Context, int64) (*T, error)) (*T, error) {
	id, err := formID(c.Param("id"))
	if err != nil {
		return nil, w.errorPage(c, http.StatusNotFound, "err.not_found")
	}
	v, err := find(c.Request().Context(), id)
	if scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
		return nil, w.errorPage(c, http.StatusNotFound, "err.not_found")
	}
	return v, err
}
