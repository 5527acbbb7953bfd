package web

import (
	"context"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/labour"
	"catruc/scheduler/rotation"

	"github.com/labstack/echo/v4"
)

// admPresetOrder lists the presets offered on the form.
var admPresetOrder = []string{scheduler.Preset2424, scheduler.Preset2448, scheduler.PresetPanama,
	scheduler.Preset4on4off, scheduler.Preset8h3shift}

// admPresetInfo is a preset as the form offers it.
type admPresetInfo struct {
	Value   string
	Members int
	Label   string // "8h-3shift — 4 người"
	Desc    string // one line
}

func admPresets(l string, withCustom bool) []admPresetInfo {
	var out []admPresetInfo
	for _, p := range admPresetOrder {
		n, _ := rotation.PresetMembers(p)
		out = append(out, admPresetInfo{Value: p, Members: n, Label: p + " — " + tr(l, "adm.rot.members_n", n),
			Desc: tr(l, "adm.preset."+p)})
	}
	if withCustom {
		out = append(out, admPresetInfo{Value: scheduler.PresetCustom, Label: tr(l, "adm.preset.custom_label"),
			Desc: tr(l, "adm.preset.custom")})
	}
	return out
}

func admPresetLabel(l, p string) string {
	if p == scheduler.PresetCustom {
		return tr(l, "adm.preset.custom_label")
	}
	return p
}

// admRotRow is a rotation of the list.
type admRotRow struct {
	*scheduler.Rotation
	PostName    string
	PresetLabel string
	MemberNames []string
}

// GET /rotations — every rotation with its post, preset, members and how far it is generated.
func (w *Web) admRotations(c echo.Context) error {
	ctx := c.Request().Context()
	l := lang(c)
	rs, err := w.Store.FindRotations(ctx, scheduler.RotationFilter{})
	if err != nil {
		return err
	}
	posts, err := w.Store.FindPosts(ctx, scheduler.PostFilter{})
	if err != nil {
		return err
	}
	gn, err := w.guardNames(c)
	if err != nil {
		return err
	}
	pn := postNames(posts)
	var rows []admRotRow
	for _, r := range rs {
		row := admRotRow{Rotation: r, PostName: pn[r.PostID], PresetLabel: admPresetLabel(l, r.Preset)}
		for _, id := range r.Members {
			row.MemberNames = append(row.MemberNames, gn.Guards[id])
		}
		rows = append(rows, row)
	}
	active := true
	activePosts, err := w.Store.FindPosts(ctx, scheduler.PostFilter{Active: &active})
	if err != nil {
		return err
	}
	return w.render(c, http.StatusOK, "admin_rotations", map[string]any{"Rows": rows, "Posts": activePosts})
}

// admRotForm is the create or edit form of a rotation, with its preview.
type admRotForm struct {
	Edit          bool
	ID            int64
	Post          *scheduler.Post
	Posts         []*scheduler.Post // to choose from when no post is chosen yet
	Name          string
	Preset        string
	Handover      string
	StartDate     string
	StartEditable bool
	EffectiveFrom string
	Members       []int64 // padded to len(Slots) with zeros
	Slots         []int
	Eligible      []*scheduler.Guard
	Presets       []admPresetInfo
	Preview       *admPreview
	Errs          admErrs
}

// pad makes room for a select per member: at least 4 (the most any preset takes).
func (f *admRotForm) pad() {
	n := max(4, len(f.Members))
	for len(f.Members) < n {
		f.Members = append(f.Members, 0)
	}
	f.Slots = make([]int, n)
	for i := range f.Slots {
		f.Slots[i] = i
	}
}

// eligible returns the active guards allowed at the post.
func (w *Web) admEligible(ctx context.Context, postID int64) ([]*scheduler.Guard, error) {
	active := true
	return w.Store.FindGuards(ctx, scheduler.GuardFilter{PostID: &postID, Active: &active})
}

func (w *Web) admToday() time.Time {
	return scheduler.DayStart(w.Now(), w.Store.Location())
}

// GET /rotations/new?post= — choose a post, then fill in the rotation.
func (w *Web) admRotationNew(c echo.Context) error {
	ctx := c.Request().Context()
	l := lang(c)
	f := &admRotForm{Preset: scheduler.Preset8h3shift, Handover: "06:00", StartEditable: true,
		StartDate: w.admToday().AddDate(0, 0, 1).Format(scheduler.DateLayout), Presets: admPresets(l, false), Errs: admErrs{}}
	if p := c.QueryParam("post"); p != "" {
		id, err := formID(p)
		if err != nil {
			return w.errorPage(c, http.StatusNotFound, "err.not_found")
		}
		post, err := w.Store.FindPostByID(ctx, id)
		if scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
			return w.errorPage(c, http.StatusNotFound, "err.not_found")
		} else if err != nil {
			return err
		}
		f.Post = post
		if f.Eligible, err = w.admEligible(ctx, id); err != nil {
			return err
		}
	} else {
		active := true
		ps, err := w.Store.FindPosts(ctx, scheduler.PostFilter{Active: &active})
		if err != nil {
			return err
		}
		f.Posts = ps
	}
	f.pad()
	return w.render(c, http.StatusOK, "admin_rotation_form", map[string]any{"F": f})
}

// admReadRotation reads the fields the create and edit forms share into f.
func (w *Web) admReadRotation(c echo.Context, f *admRotForm) error {
	ctx := c.Request().Context()
	l := lang(c)
	f.Name = strings.TrimSpace(c.FormValue("name"))
	f.Preset = c.FormValue("preset")
	f.Handover = strings.TrimSpace(c.FormValue("handover"))
	if f.StartEditable {
		f.StartDate = strings.TrimSpace(c.FormValue("start_date"))
	}
	form, err := c.FormParams()
	if err != nil {
		return err
	}
	f.Members = admIDs(f.Errs, l, "members", form["member"])
	f.Presets = admPresets(l, f.Preset == scheduler.PresetCustom && f.Edit)
	if f.Eligible, err = w.admEligible(ctx, f.Post.ID); err != nil {
		return err
	}
	return nil
}

// admCheckMembers reports a member who may not hold the post (as saving would).
func admCheckMembers(l string, f *admRotForm) {
	for _, id := range f.Members {
		if !slices.ContainsFunc(f.Eligible, func(g *scheduler.Guard) bool { return g.ID == id }) {
			f.Errs.add("members", tr(l, "adm.rot.not_eligible"))
			f.Errs.add("", tr(l, "adm.err.form"))
			return
		}
	}
}

// admRotRename maps the rotation's fields to the form's inputs.
func admRotRename(field string) string {
	switch {
	case field == "post_id":
		return "post"
	case strings.HasPrefix(field, "pattern"):
		return "preset"
	case strings.HasPrefix(field, "members"):
		return "members"
	}
	return field
}

// POST /rotations (action=preview|save) — preview the next 4 weeks of an
// unsaved rotation, or save it and go to its page (where it is generated).
func (w *Web) admRotationCreate(c echo.Context) error {
	ctx := c.Request().Context()
	l := lang(c)
	pid, err := formID(c.FormValue("post"))
	if err != nil {
		return w.errorPage(c, http.StatusBadRequest, "adm.rot.no_post")
	}
	post, err := w.Store.FindPostByID(ctx, pid)
	if scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
		return w.errorPage(c, http.StatusBadRequest, "adm.rot.no_post")
	} else if err != nil {
		return err
	}
	f := &admRotForm{Post: post, StartEditable: true, Errs: admErrs{}}
	if err := w.admReadRotation(c, f); err != nil {
		return err
	}
	r := scheduler.Rotation{PostID: post.ID, Name: f.Name, Preset: f.Preset, Handover: f.Handover, StartDate: f.StartDate,
		Members: f.Members, Active: true}
	status := http.StatusOK
	if len(f.Errs) == 0 {
		if c.FormValue("action") == "preview" {
			admCheckMembers(l, f)
			if len(f.Errs) == 0 {
				from := r.StartDate
				if today := w.admToday().Format(scheduler.DateLayout); from < today {
					from = today
				}
				f.Preview, err = w.admPreview(ctx, l, r, nil, from, 0)
			}
		} else if err = w.Store.CreateRotation(ctx, &r); err == nil {
			w.flash(c, "adm.rot.created")
			return c.Redirect(http.StatusSeeOther, "/rotations/"+strconv.FormatInt(r.ID, 10))
		}
		if err != nil {
			errs, st, err := admUserError(l, err, admRotRename)
			if err != nil {
				return err
			}
			f.Errs, status = errs, st
		}
	}
	if len(f.Errs) > 0 && status == http.StatusOK {
		status = http.StatusBadRequest
	}
	f.pad()
	return w.render(c, status, "admin_rotation_form", map[string]any{"F": f})
}

// admLoadRotation reads the :id rotation, or answers 404.
func (w *Web) admLoadRotation(c echo.Context) (*scheduler.Rotation, *scheduler.Post, error) {
	ctx := c.Request().Context()
	r, err := admLoad(w, c, w.Store.FindRotationByID)
	if r == nil {
		return nil, nil, err
	}
	p, err := w.Store.FindPostByID(ctx, r.PostID)
	if err != nil {
		return nil, nil, err
	}
	return r, p, nil
}

// admPeriodView is who held a rotation from a date.
type admPeriodView struct {
	From  string
	Names []string
}

// admConflictView is a planned shift that could not be placed.
type admConflictView struct {
	scheduler.GenerateConflict
	Name string
}

// admRotationPage renders a rotation's page, with the outcome of the last action if any.
func (w *Web) admRotationPage(c echo.Context, status int, r *scheduler.Rotation, post *scheduler.Post,
	kind string, res *scheduler.GenerateResult, errs admErrs, until string) error {
	l := lang(c)
	gn, err := w.guardNames(c)
	if err != nil {
		return err
	}
	var periods []admPeriodView
	for _, p := range r.MemberPeriods {
		v := admPeriodView{From: p.From}
		for _, id := range p.Members {
			v.Names = append(v.Names, gn.Guards[id])
		}
		periods = append(periods, v)
	}
	var conflicts []admConflictView
	if res != nil {
		for _, x := range res.Conflicts {
			conflicts = append(conflicts, admConflictView{GenerateConflict: x, Name: gn.Guards[x.GuardID]})
		}
	}
	if until == "" {
		until = w.admToday().AddDate(0, 0, 62).Format(scheduler.DateLayout)
	}
	if errs == nil {
		errs = admErrs{}
	}
	return w.render(c, status, "admin_rotation", map[string]any{"R": r, "Post": post, "PresetLabel": admPresetLabel(l, r.Preset),
		"Periods": periods, "Until": until, "Today": w.admToday().Format(scheduler.DateLayout), "Kind": kind,
		"Result": res, "Conflicts": conflicts, "Errs": errs})
}

// GET /rotations/:id — the rotation, its members over time, and the forms to
// generate, change, deactivate or delete it.
func (w *Web) admRotation(c echo.Context) error {
	r, post, err := w.admLoadRotation(c)
	if r == nil {
		return err
	}
	return w.admRotationPage(c, http.StatusOK, r, post, "", nil, nil, "")
}

// POST /rotations/:id/generate (until) — creates the rotation's shifts up to until.
func (w *Web) admRotationGenerate(c echo.Context) error {
	r, post, err := w.admLoadRotation(c)
	if r == nil {
		return err
	}
	l := lang(c)
	until := strings.TrimSpace(c.FormValue("until"))
	if until == "" {
		until = w.admToday().AddDate(0, 0, 62).Format(scheduler.DateLayout)
	}
	res, err := w.Store.GenerateRotation(c.Request().Context(), r.ID, until)
	if err != nil {
		errs, status, err := admUserError(l, err, nil)
		if err != nil {
			return err
		}
		if _, ok := errs["active"]; ok {
			errs[""] = tr(l, "adm.rot.inactive")
		}
		return w.admRotationPage(c, status, r, post, "", nil, errs, until)
	}
	if r, err = w.Store.FindRotationByID(c.Request().Context(), r.ID); err != nil {
		return err
	}
	return w.admRotationPage(c, http.StatusOK, r, post, "generate", &res, nil, until)
}

// GET /rotations/:id/edit — change name, preset, handover or members from a date.
func (w *Web) admRotationEdit(c echo.Context) error {
	r, post, err := w.admLoadRotation(c)
	if r == nil {
		return err
	}
	l := lang(c)
	f := &admRotForm{Edit: true, ID: r.ID, Post: post, Name: r.Name, Preset: r.Preset, Handover: r.Handover,
		StartDate: r.StartDate, StartEditable: r.GeneratedUntil == "", Members: append([]int64(nil), r.Members...),
		EffectiveFrom: w.admToday().Format(scheduler.DateLayout), Presets: admPresets(l, r.Preset == scheduler.PresetCustom),
		Errs: admErrs{}}
	if f.Eligible, err = w.admEligible(c.Request().Context(), post.ID); err != nil {
		return err
	}
	f.pad()
	return w.render(c, http.StatusOK, "admin_rotation_form", map[string]any{"F": f})
}

// POST /rotations/:id (action=preview|save, effective_from) — preview or
// apply a change; a change of members or preset holds from effective_from
// and re-plans the shifts already generated from then on.
func (w *Web) admRotationUpdate(c echo.Context) error {
	cur, post, err := w.admLoadRotation(c)
	if cur == nil {
		return err
	}
	ctx := c.Request().Context()
	l := lang(c)
	f := &admRotForm{Edit: true, ID: cur.ID, Post: post, StartDate: cur.StartDate, StartEditable: cur.GeneratedUntil == "",
		Errs: admErrs{}}
	if err := w.admReadRotation(c, f); err != nil {
		return err
	}
	f.EffectiveFrom = strings.TrimSpace(c.FormValue("effective_from"))
	if f.EffectiveFrom == "" {
		f.EffectiveFrom = w.admToday().Format(scheduler.DateLayout)
	} else if _, err := scheduler.ParseDate(f.EffectiveFrom, w.Store.Location()); err != nil {
		f.Errs.add("effective_from", tr(l, "adm.err.date"))
	}
	apply := func(r *scheduler.Rotation) error {
		r.Name, r.Preset, r.Handover, r.Members = f.Name, f.Preset, f.Handover, f.Members
		if f.StartEditable {
			r.StartDate = f.StartDate
		}
		return nil
	}
	status := http.StatusOK
	if len(f.Errs) == 0 {
		if c.FormValue("action") == "preview" {
			admCheckMembers(l, f)
			if len(f.Errs) == 0 {
				next := *cur
				_ = apply(&next)
				from := f.EffectiveFrom
				if from < next.StartDate {
					from = next.StartDate
				}
				var periods []scheduler.MemberPeriod
				for _, p := range cur.MemberPeriods {
					if p.From < from {
						periods = append(periods, p)
					}
				}
				periods = append(periods, scheduler.MemberPeriod{From: from, Members: next.Members})
				f.Preview, err = w.admPreview(ctx, l, next, periods, from, cur.ID)
			}
		} else {
			var r *scheduler.Rotation
			var res scheduler.GenerateResult
			if r, res, err = w.Store.UpdateRotation(ctx, cur.ID, f.EffectiveFrom, apply); err == nil {
				return w.admRotationPage(c, http.StatusOK, r, post, "update", &res, nil, "")
			}
		}
		if err != nil {
			errs, st, err := admUserError(l, err, admRotRename)
			if err != nil {
				return err
			}
			f.Errs, status = errs, st
		}
	}
	if len(f.Errs) > 0 && status == http.StatusOK {
		status = http.StatusBadRequest
	}
	f.pad()
	return w.render(c, status, "admin_rotation_form", map[string]any{"F": f})
}

// POST /rotations/:id/active (active=0|1, effective_from) — stop or restart a
// rotation; stopping cancels its untouched shifts from that day on.
func (w *Web) admRotationActive(c echo.Context) error {
	cur, post, err := w.admLoadRotation(c)
	if cur == nil {
		return err
	}
	l := lang(c)
	on := c.FormValue("active") == "1"
	eff := strings.TrimSpace(c.FormValue("effective_from"))
	r, res, err := w.Store.UpdateRotation(c.Request().Context(), cur.ID, eff, func(r *scheduler.Rotation) error {
		r.Active = on
		return nil
	})
	if err != nil {
		errs, status, err := admUserError(l, err, nil)
		if err != nil {
			return err
		}
		if msg, ok := errs["effective_from"]; ok {
			errs[""] = msg
		}
		return w.admRotationPage(c, status, cur, post, "", nil, errs, "")
	}
	kind := "deactivate"
	if on {
		kind = "activate"
	}
	return w.admRotationPage(c, http.StatusOK, r, post, kind, &res, nil, "")
}

// POST /rotations/:id/delete — cancels its untouched future shifts, keeps the others, removes it.
func (w *Web) admRotationDelete(c echo.Context) error {
	id, err := formID(c.Param("id"))
	if err != nil {
		return w.errorPage(c, http.StatusNotFound, "err.not_found")
	}
	if _, err := w.Store.DeleteRotation(c.Request().Context(), id); scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
		return w.errorPage(c, http.StatusNotFound, "err.not_found")
	} else if err != nil {
		return err
	}
	w.flash(c, "adm.rot.deleted")
	return c.Redirect(http.StatusSeeOther, "/rotations")
}

// admPreview is four weeks of a rotation laid out as a table (day × shift),
// with the breaches of the labour rules those shifts would cause.
type admPreview struct {
	From, Until time.Time
	Cols        []string // "06:00 – 14:00"
	Days        []admPrevDay
	Violations  []scheduler.Violation
	Busy        int // planned shifts that clash with a shift the guard has already
	Shifts      int
	Hours       []admMemberHours
}

type admPrevDay struct {
	Date    time.Time
	Weekend bool
	Cells   [][]admPrevEntry // one list per column
}

type admPrevEntry struct {
	Name string
	Busy bool
}

type admMemberHours struct {
	Name  string
	Hours string // a week, on average
}

// admPreviewDays is how far the preview looks.
const admPreviewDays = 28

// admPreview expands r (with periods) over admPreviewDays days from the date
// from and checks the result, with the members' other shifts, against the
// labour rules. Shifts of rotation exclude from the first day on are left
// out of the record (the change re-plans them).
func (w *Web) admPreview(ctx context.Context, l string, r scheduler.Rotation, periods []scheduler.MemberPeriod, from string, exclude int64) (*admPreview, error) {
	loc := w.Store.Location()
	if err := rotation.ValidateRotation(&r); err != nil {
		return nil, err
	}
	first, err := scheduler.ParseDate(from, loc)
	if err != nil {
		return nil, scheduler.AtField(err, "start_date")
	}
	lastDay := first.AddDate(0, 0, admPreviewDays-1)
	end := first.AddDate(0, 0, admPreviewDays)
	plan, err := rotation.Expand(r, periods, from, lastDay.Format(scheduler.DateLayout), loc)
	if err != nil {
		return nil, err
	}
	rec, err := w.admPreviewRecord(ctx, plan, first, end, exclude)
	if err != nil {
		return nil, err
	}
	pv := &admPreview{From: first, Until: lastDay, Shifts: len(plan)}
	colOf := pv.layColumns(plan, r.Handover, loc)
	check := pv.place(l, plan, rec, colOf, first, end, r.PostID, loc)
	vs := labour.Check(labour.Input{Rules: rec.rules, Loc: loc, From: first, To: end, Guards: rec.members, Shifts: check})
	pv.Violations = []scheduler.Violation{}
	for _, v := range vs {
		if slices.ContainsFunc(v.ShiftIDs, func(id int64) bool { return id < 0 }) { // a breach the plan causes
			v.Article = lawArticle(l, v.Article) // the preview shows it, nothing stores it
			pv.Violations = append(pv.Violations, v)
		}
	}
	return pv, nil
}

// admPrevRecord is what a plan is checked against: the members and their
// other shifts, and the labour rules.
type admPrevRecord struct {
	byID    map[int64]*scheduler.Guard
	members []*scheduler.Guard
	shifts  []*scheduler.Shift
	rules   labour.Rules
}

// admPreviewRecord loads the guards of a plan, their other scheduled shifts
// around [first, end) (without rotation exclude's from first on) and the rules.
func (w *Web) admPreviewRecord(ctx context.Context, plan []scheduler.PlannedShift, first, end time.Time, exclude int64) (admPrevRecord, error) {
	rec := admPrevRecord{byID: map[int64]*scheduler.Guard{}}
	gs, err := w.Store.FindGuards(ctx, scheduler.GuardFilter{})
	if err != nil {
		return rec, err
	}
	for _, g := range gs {
		rec.byID[g.ID] = g
	}
	if rec.rules, err = w.Store.Rules(ctx); err != nil {
		return rec, err
	}
	lf, lt := labour.LoadWindow(first, end, w.Store.Location())
	seen := map[int64]bool{}
	for _, p := range plan {
		if seen[p.GuardID] {
			continue
		}
		seen[p.GuardID] = true
		if g := rec.byID[p.GuardID]; g != nil {
			rec.members = append(rec.members, g)
		}
		gid := p.GuardID
		ss, err := w.Store.FindShifts(ctx, scheduler.ShiftFilter{GuardID: &gid, Status: scheduler.ShiftScheduled, From: &lf, To: &lt})
		if err != nil {
			return rec, err
		}
		for _, s := range ss {
			if exclude != 0 && s.RotationID != nil && *s.RotationID == exclude && !s.Start.Before(first) {
				continue
			}
			rec.shifts = append(rec.shifts, s)
		}
	}
	return rec, nil
}

// admPrevLabel is a planned shift's column: its clock span.
func admPrevLabel(p scheduler.PlannedShift, loc *time.Location) string {
	return p.Start.In(loc).Format("15:04") + " – " + p.End.In(loc).Format("15:04")
}

// layColumns makes the table's columns, the distinct clock spans of the plan
// in order from the handover, and returns the column of each span.
func (pv *admPreview) layColumns(plan []scheduler.PlannedShift, handover string, loc *time.Location) map[string]int {
	hand, _ := scheduler.ParseClock(handover)
	colOf := map[string]int{}
	type colKey struct {
		label string
		order int
	}
	var keys []colKey
	for _, p := range plan {
		lb := admPrevLabel(p, loc)
		if _, ok := colOf[lb]; ok {
			continue
		}
		st := p.Start.In(loc)
		colOf[lb] = -1
		keys = append(keys, colKey{lb, ((st.Hour()*60+st.Minute())-hand+24*60)%(24*60)*10000 + int(p.End.Sub(p.Start).Minutes())})
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].order < keys[j].order })
	for i, k := range keys {
		colOf[k.label] = i
		pv.Cols = append(pv.Cols, k.label)
	}
	return colOf
}

// place lays the planned shifts out by day and column, marks those that clash
// with a shift the guard holds already, sums each member's hours, and returns
// the record with the planned shifts added (with ids of their own, negative)
// for the labour check.
func (pv *admPreview) place(l string, plan []scheduler.PlannedShift, rec admPrevRecord, colOf map[string]int,
	first, end time.Time, postID int64, loc *time.Location) []*scheduler.Shift {
	dayIdx := map[string]int{}
	for d := first; d.Before(end); d = d.AddDate(0, 0, 1) {
		dayIdx[d.Format(scheduler.DateLayout)] = len(pv.Days)
		pv.Days = append(pv.Days, admPrevDay{Date: d, Weekend: scheduler.ISOWeekday(d) >= 6, Cells: make([][]admPrevEntry, len(pv.Cols))})
	}
	name := func(gid int64) string {
		if g := rec.byID[gid]; g != nil {
			return g.Name
		}
		return tr(l, "adm.rot.guard_n", gid)
	}
	hours := map[int64]time.Duration{}
	var order []int64
	check := append([]*scheduler.Shift(nil), rec.shifts...)
	for i, p := range plan {
		gid := p.GuardID
		sh := &scheduler.Shift{ID: -int64(i + 1), PostID: postID, GuardID: &gid, Start: p.Start, End: p.End,
			Status: scheduler.ShiftScheduled}
		busy := scheduler.Overlapping(sh, rec.shifts) != nil
		if busy {
			pv.Busy++
		}
		if di, ok := dayIdx[p.Start.In(loc).Format(scheduler.DateLayout)]; ok {
			ci := colOf[admPrevLabel(p, loc)]
			pv.Days[di].Cells[ci] = append(pv.Days[di].Cells[ci], admPrevEntry{Name: name(gid), Busy: busy})
		}
		if _, ok := hours[gid]; !ok {
			order = append(order, gid)
		}
		hours[gid] += p.End.Sub(p.Start)
		check = append(check, sh)
	}
	for _, gid := range order {
		pv.Hours = append(pv.Hours, admMemberHours{Name: name(gid), Hours: admNum(l, hours[gid].Hours()*7/admPreviewDays)})
	}
	return check
}

// fmtDMY shows a date kept as "YYYY-MM-DD" (a rotation's start, the last day
// generated, a member period's first day) as people read it: "30/11/2026".
// Anything else is shown as it is.
func fmtDMY(ymd string) string {
	t, err := time.Parse(scheduler.DateLayout, ymd)
	if err != nil {
		return ymd
	}
	return t.Format("02/01/2006")
}
