package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

// admPostRow is a post of the list, its requirements in words.
type admPostRow struct {
	*scheduler.Post
	Needs []string
}

// admRequirementText says a requirement in words: "T2–CN, cả ngày, 1 người".
func admRequirementText(l string, r scheduler.Requirement) string {
	days := admDaysText(l, r.Days)
	var when string
	switch {
	case r.Start == r.End:
		when = tr(l, "adm.post.all_day")
	case r.End < r.Start:
		when = r.Start + "–" + r.End + " (" + tr(l, "adm.post.overnight") + ")"
	default:
		when = r.Start + "–" + r.End
	}
	return days + ", " + when + ", " + tr(l, "adm.post.people_n", r.Headcount)
}

// admDaysText writes ISO weekdays shortly, a run of three or more as a range.
func admDaysText(l string, ds []int) string {
	s := append([]int(nil), ds...)
	slices.Sort(s)
	var parts []string
	for i := 0; i < len(s); {
		j := i
		for j+1 < len(s) && s[j+1] == s[j]+1 {
			j++
		}
		if j-i >= 2 {
			parts = append(parts, admDayName(l, s[i])+"–"+admDayName(l, s[j]))
		} else {
			for k := i; k <= j; k++ {
				parts = append(parts, admDayName(l, s[k]))
			}
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// GET /posts — every post with its kind, site, contact and requirements.
func (w *Web) admPosts(c echo.Context) error {
	return w.admPostsPage(c, http.StatusOK, "")
}

func (w *Web) admPostsPage(c echo.Context, status int, errMsg string) error {
	l := lang(c)
	ps, err := w.Store.FindPosts(c.Request().Context(), scheduler.PostFilter{})
	if err != nil {
		return err
	}
	var rows []admPostRow
	for _, p := range ps {
		row := admPostRow{Post: p}
		for _, r := range p.Requirements {
			row.Needs = append(row.Needs, admRequirementText(l, r))
		}
		rows = append(rows, row)
	}
	return w.render(c, status, "admin_posts", map[string]any{"Rows": rows, "Error": errMsg})
}

// admReqRow is one row of the requirements editor.
type admReqRow struct {
	I         int
	Days      []int
	Start     string
	End       string
	Headcount string
}

// admPostForm is the create or edit form of a post.
type admPostForm struct {
	ID           int64
	Code         string
	Name         string
	Site         string
	Kind         string
	ContactName  string
	ContactPhone string
	ContactEmail string
	Active       bool
	Rows         []admReqRow
	Templates    []admTplRow
	Defaults     string // the templates the post gets when it gives none, in words
	Handover     string // the post's rotation handover (the defaults start there)
	Errs         admErrs
}

// admTplRow is one row of the shift templates editor.
type admTplRow struct {
	I                  int
	Name, Start, Hours string
}

// blankTemplates adds n empty rows to the templates editor.
func (f *admPostForm) blankTemplates(n int) {
	for range n {
		f.Templates = append(f.Templates, admTplRow{I: len(f.Templates)})
	}
}

// admTemplatesText says a list of templates in words: "Ca sáng 06:00 (8 giờ), …".
func admTemplatesText(l string, ts []scheduler.ShiftTemplate) string {
	var parts []string
	for _, t := range ts {
		parts = append(parts, tr(l, "adm.post.tpl_text", t.Name, t.Start, admNum(l, t.Hours)))
	}
	return strings.Join(parts, "; ")
}

// blank adds n empty rows to the requirements editor.
func (f *admPostForm) blank(n int) {
	for range n {
		f.Rows = append(f.Rows, admReqRow{I: len(f.Rows), Days: []int{}, Headcount: "1"})
	}
}

func (w *Web) admPostFormPage(c echo.Context, status int, f *admPostForm) error {
	l := lang(c)
	p := scheduler.Post{Handover: f.Handover}
	for _, r := range f.Rows {
		hc, _ := strconv.Atoi(r.Headcount)
		p.Requirements = append(p.Requirements, scheduler.Requirement{Days: r.Days, Start: r.Start, End: r.End, Headcount: hc})
	}
	f.Defaults = admTemplatesText(l, scheduler.DefaultTemplates(&p))
	return w.render(c, status, "admin_post_form", map[string]any{"F": f, "Days": admDays(l),
		"Kinds": []admChoice{{scheduler.PostKindGuard, tr(l, "adm.kind.guard")}, {scheduler.PostKindPolice, tr(l, "adm.kind.police")}}})
}

// GET /posts/new
func (w *Web) admPostNew(c echo.Context) error {
	f := &admPostForm{Kind: scheduler.PostKindGuard, Active: true, Errs: admErrs{}}
	f.blank(1)
	f.blankTemplates(1)
	return w.admPostFormPage(c, http.StatusOK, f)
}

func admPostToForm(p *scheduler.Post) *admPostForm {
	f := &admPostForm{ID: p.ID, Code: p.Code, Name: p.Name, Site: p.Site, Kind: p.Kind, ContactName: p.Contact.Name,
		ContactPhone: p.Contact.Phone, ContactEmail: p.Contact.Email, Active: p.Active, Handover: p.Handover, Errs: admErrs{}}
	for i, r := range p.Requirements {
		f.Rows = append(f.Rows, admReqRow{I: i, Days: r.Days, Start: r.Start, End: r.End, Headcount: strconv.Itoa(r.Headcount)})
	}
	f.blank(1)
	for i, t := range p.ShiftTemplates {
		f.Templates = append(f.Templates, admTplRow{I: i, Name: t.Name, Start: t.Start,
			Hours: strconv.FormatFloat(t.Hours, 'f', -1, 64)})
	}
	f.blankTemplates(1)
	return f
}

// admReadPost reads the form into f and returns the post it describes and,
// for each of its requirements, the form row it came from.
func admReadPost(c echo.Context, f *admPostForm) (scheduler.Post, []int, error) {
	l := lang(c)
	f.Code = strings.TrimSpace(c.FormValue("code"))
	f.Name = c.FormValue("name")
	f.Site = c.FormValue("site")
	f.Kind = c.FormValue("kind")
	f.ContactName = c.FormValue("contact_name")
	f.ContactPhone = c.FormValue("contact_phone")
	f.ContactEmail = c.FormValue("contact_email")
	f.Active = admChecked(c, "active")
	form, err := c.FormParams()
	if err != nil {
		return scheduler.Post{}, nil, err
	}
	n := admInt(f.Errs, l, "rows", c.FormValue("rows"), 0)
	n = min(max(n, 0), 100)
	p := scheduler.Post{Code: f.Code, Name: f.Name, Site: f.Site, Kind: f.Kind, Active: f.Active,
		Contact:      scheduler.Contact{Name: f.ContactName, Phone: f.ContactPhone, Email: f.ContactEmail},
		Requirements: []scheduler.Requirement{}}
	var rowOf []int
	for i := range n {
		key := fmt.Sprintf("req-%d-", i)
		row := admReqRow{I: len(f.Rows), Days: []int{}, Start: strings.TrimSpace(c.FormValue(key + "start")),
			End: strings.TrimSpace(c.FormValue(key + "end")), Headcount: strings.TrimSpace(c.FormValue(key + "headcount"))}
		if admChecked(c, key+"remove") {
			continue // dropped: not shown again
		}
		for _, d := range form[key+"days"] {
			x, err := strconv.Atoi(d)
			if err != nil || x < 1 || x > 7 {
				f.Errs.add(fmt.Sprintf("req-%d-days", row.I), tr(l, "adm.err.choice"))
				continue
			}
			row.Days = append(row.Days, x)
		}
		if len(row.Days) == 0 && row.Start == "" && row.End == "" {
			continue // the blank row, left blank
		}
		f.Rows = append(f.Rows, row)
		hc := admInt(f.Errs, l, fmt.Sprintf("req-%d-headcount", row.I), row.Headcount, 0)
		p.Requirements = append(p.Requirements, scheduler.Requirement{Days: row.Days, Start: row.Start, End: row.End, Headcount: hc})
		rowOf = append(rowOf, row.I)
	}
	return p, rowOf, nil
}

// admReadTemplates reads the shift templates editor into f and p; it returns,
// for each template, the form row it came from.
func admReadTemplates(c echo.Context, f *admPostForm, p *scheduler.Post) []int {
	l := lang(c)
	n := min(max(admInt(f.Errs, l, "tpl_rows", c.FormValue("tpl_rows"), 0), 0), 50)
	p.ShiftTemplates = []scheduler.ShiftTemplate{}
	var rowOf []int
	for i := range n {
		key := fmt.Sprintf("tpl-%d-", i)
		row := admTplRow{I: len(f.Templates), Name: strings.TrimSpace(c.FormValue(key + "name")),
			Start: strings.TrimSpace(c.FormValue(key + "start")), Hours: strings.TrimSpace(c.FormValue(key + "hours"))}
		if admChecked(c, key+"remove") || (row.Name == "" && row.Start == "" && row.Hours == "") {
			continue
		}
		f.Templates = append(f.Templates, row)
		h := admFloat(f.Errs, l, fmt.Sprintf("tpl-%d-hours", row.I), row.Hours)
		p.ShiftTemplates = append(p.ShiftTemplates, scheduler.ShiftTemplate{Name: row.Name, Start: row.Start, Hours: h})
		rowOf = append(rowOf, row.I)
	}
	return rowOf
}

func admPostRename(rowOf, tplOf []int) func(string) string {
	return func(field string) string {
		if f, ok := admRowField(field, "requirements", "req", rowOf); ok {
			return f
		}
		if f, ok := admRowField(field, "shift_templates", "tpl", tplOf); ok {
			return f
		}
		if field == "shift_templates" {
			return "tpl"
		}
		return strings.ReplaceAll(field, ".", "_") // contact.phone → contact_phone
	}
}

// admSavePost handles the create and edit forms: "addrow" shows the form
// again with one more blank row; "save" saves.
func (w *Web) admSavePost(c echo.Context, f *admPostForm, save func(p scheduler.Post) error) error {
	l := lang(c)
	p, rowOf, err := admReadPost(c, f)
	if err != nil {
		return err
	}
	tplOf := admReadTemplates(c, f, &p)
	switch c.FormValue("action") {
	case "addrow":
		f.blank(2)
		f.blankTemplates(1)
		return w.admPostFormPage(c, http.StatusOK, f)
	case "addtpl":
		f.blank(1)
		f.blankTemplates(2)
		return w.admPostFormPage(c, http.StatusOK, f)
	}
	f.blank(1)
	f.blankTemplates(1)
	if len(f.Errs) > 0 {
		f.Errs.add("", tr(l, "adm.err.form"))
		return w.admPostFormPage(c, http.StatusBadRequest, f)
	}
	if err := save(p); err != nil {
		errs, status, err := admUserError(l, err, admPostRename(rowOf, tplOf))
		if err != nil {
			return err
		}
		f.Errs = errs
		return w.admPostFormPage(c, status, f)
	}
	w.flash(c, "common.saved")
	return c.Redirect(http.StatusSeeOther, "/posts")
}

// POST /posts — create a post.
func (w *Web) admPostCreate(c echo.Context) error {
	f := &admPostForm{Errs: admErrs{}}
	return w.admSavePost(c, f, func(p scheduler.Post) error {
		return w.Store.CreatePost(c.Request().Context(), &p)
	})
}

func (w *Web) admLoadPost(c echo.Context) (*scheduler.Post, error) {
	return admLoad(w, c, w.Store.FindPostByID)
}

// GET /posts/:id — the edit form.
func (w *Web) admPostEdit(c echo.Context) error {
	p, err := w.admLoadPost(c)
	if p == nil {
		return err
	}
	return w.admPostFormPage(c, http.StatusOK, admPostToForm(p))
}

// POST /posts/:id — save the edit form.
func (w *Web) admPostUpdate(c echo.Context) error {
	cur, err := w.admLoadPost(c)
	if cur == nil {
		return err
	}
	f := &admPostForm{ID: cur.ID, Handover: cur.Handover, Errs: admErrs{}}
	return w.admSavePost(c, f, func(p scheduler.Post) error {
		_, err := w.Store.UpdatePost(c.Request().Context(), cur.ID, func(x *scheduler.Post) error {
			x.Code, x.Name, x.Site, x.Kind, x.Contact, x.Requirements, x.Active = p.Code, p.Name, p.Site, p.Kind, p.Contact, p.Requirements, p.Active
			x.ShiftTemplates = p.ShiftTemplates
			return nil
		})
		return err
	})
}

// POST /posts/:id/delete — refused (409, with the store's reason) when the post has history.
func (w *Web) admPostDelete(c echo.Context) error {
	cur, err := w.admLoadPost(c)
	if cur == nil {
		return err
	}
	if err := w.Store.DeletePost(c.Request().Context(), cur.ID); err != nil {
		if scheduler.ErrorCode(err) == scheduler.ECONFLICT {
			return w.admPostsPage(c, http.StatusConflict, tr(lang(c), "adm.post.delete_refused", cur.Name)+" "+scheduler.ErrorMessage(err))
		}
		return err
	}
	w.flash(c, "adm.post.deleted")
	return c.Redirect(http.StatusSeeOther, "/posts")
}
