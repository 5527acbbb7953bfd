package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/engine"

	"github.com/labstack/echo/v4"
)

// incidentForm is the state of the declaration form: what was typed, and
// the error of a refused one.
type incidentForm struct {
	Kind, Title, Headcount string
	PostID                 int64
	Error, Field           string
}

// incidentView is an incident with the names its page shows.
type incidentView struct {
	*scheduler.Incident
	PostName string
	Acked    int // responders who acknowledged
	Police   bool
	// When is the declaration "02:00 01/12/2026" in the office zone;
	// FirstAck and PoliceAck the response times in words ("" while none).
	When, FirstAck, PoliceAck string
	// By is who declared it, without the actor's "user:" or "token:".
	By string
}

// fmtSeconds writes a response time: "3 phút 5 giây" / "3 min 5 s".
func fmtSeconds(l string, s int64) string {
	m, sec := s/60, s%60
	if l == "en" {
		if m == 0 {
			return fmt.Sprintf("%d s", sec)
		}
		return fmt.Sprintf("%d min %d s", m, sec)
	}
	if m == 0 {
		return fmt.Sprintf("%d giây", sec)
	}
	return fmt.Sprintf("%d phút %d giây", m, sec)
}

// GET /incidents/new — the short form: kind, post, a line of text.
func (w *Web) incidentNew(c echo.Context) error {
	f := incidentForm{Kind: c.QueryParam("kind")}
	if f.Kind == "" {
		f.Kind = scheduler.IncidentCrowd
	}
	f.PostID, _ = strconv.ParseInt(c.QueryParam("post_id"), 10, 64)
	return w.renderIncidentForm(c, http.StatusOK, f)
}

func (w *Web) renderIncidentForm(c echo.Context, status int, f incidentForm) error {
	active := true
	posts, err := w.Store.FindPosts(c.Request().Context(), scheduler.PostFilter{Active: &active})
	if err != nil {
		return err
	}
	if f.PostID == 0 {
		f.PostID = w.currentPost(c, posts)
	}
	return w.render(c, status, "incident_new", map[string]any{"Form": f, "Posts": posts, "Kinds": scheduler.IncidentKinds})
}

// currentPost is the post of the guard's shift now, else the first office post.
func (w *Web) currentPost(c echo.Context, posts []*scheduler.Post) int64 {
	if gid, only := principal(c).OwnGuard(); only && gid != 0 {
		now := w.Now()
		end := now.Add(time.Second)
		shifts, err := w.Store.FindShifts(c.Request().Context(), scheduler.ShiftFilter{GuardID: &gid, Status: scheduler.ShiftScheduled, From: &now, To: &end})
		if err == nil && len(shifts) > 0 {
			return shifts[0].PostID
		}
	}
	for _, p := range posts {
		if p.Kind == scheduler.PostKindGuard {
			return p.ID
		}
	}
	return 0
}

// POST /incidents — declares the incident; its page follows.
func (w *Web) incidentCreate(c echo.Context) error {
	f := incidentForm{Kind: c.FormValue("kind"), Title: c.FormValue("title"), Headcount: strings.TrimSpace(c.FormValue("headcount"))}
	f.PostID, _ = strconv.ParseInt(c.FormValue("post_id"), 10, 64)
	in := scheduler.IncidentInput{Kind: f.Kind, PostID: f.PostID, Title: f.Title, Note: c.FormValue("note")}
	if f.Headcount != "" {
		n, err := strconv.Atoi(f.Headcount)
		if err != nil {
			n = -1
		}
		in.Headcount = n
	}
	inc, err := w.Store.DeclareIncident(c.Request().Context(), in, scheduler.CalloutOptions{BaseURL: w.BaseURL})
	if code := scheduler.ErrorCode(err); code == scheduler.EINVALID {
		f.Error, f.Field = domainMessage(lang(c), err), scheduler.ErrorField(err)
		return w.renderIncidentForm(c, http.StatusBadRequest, f)
	} else if err != nil {
		return err
	}
	w.Hub.PublishIncident(engine.TypeIncidentDeclared, inc)
	w.wakeSender()
	w.flash(c, "inc.declared")
	return c.Redirect(http.StatusSeeOther, "/incidents/"+strconv.FormatInt(inc.ID, 10))
}

func (w *Web) wakeSender() {
	if w.Wake == nil {
		return
	}
	select {
	case w.Wake <- struct{}{}:
	default:
	}
}

// GET /incidents/:id — the checklist, who was called and who acknowledged,
// the timeline; a manager adds updates and closes it here.
func (w *Web) incidentPage(c echo.Context) error {
	id, err := formID(c.Param("id"))
	if err != nil {
		return w.errorPage(c, http.StatusNotFound, "err.not_found")
	}
	inc, err := w.Store.FindIncidentByID(c.Request().Context(), id)
	if err != nil {
		return err
	}
	views, err := w.incidentViews(c, []*scheduler.Incident{inc})
	if err != nil {
		return err
	}
	return w.render(c, http.StatusOK, "incident", map[string]any{"I": views[0]})
}

func (w *Web) incidentViews(c echo.Context, incs []*scheduler.Incident) ([]incidentView, error) {
	posts, err := w.Store.FindPosts(c.Request().Context(), scheduler.PostFilter{})
	if err != nil {
		return nil, err
	}
	pn := postNames(posts)
	names, err := w.actorNames(c)
	if err != nil {
		return nil, err
	}
	loc, l := w.Store.Location(), lang(c)
	out := []incidentView{}
	for _, inc := range incs {
		v := incidentView{Incident: inc, PostName: pn[inc.PostID], When: inc.DeclaredAt.In(loc).Format("15:04 02/01/2006")}
		v.By = inc.DeclaredBy
		if _, who, ok := strings.Cut(inc.DeclaredBy, ":"); ok {
			v.By = who
		}
		if n, ok := names[v.By]; ok {
			v.By = n
		}
		if s := inc.ResponseTimes.FirstAckSeconds; s != nil {
			v.FirstAck = fmtSeconds(l, *s)
		}
		if s := inc.ResponseTimes.PoliceAckSeconds; s != nil {
			v.PoliceAck = fmtSeconds(l, *s)
		}
		for _, r := range inc.Responders {
			if r.AckedAt != nil {
				v.Acked++
			}
			v.Police = v.Police || r.Kind == scheduler.ResponderPolice
		}
		out = append(out, v)
	}
	return out, nil
}

// POST /incidents/:id/updates and /incidents/:id/close (managers).
func (w *Web) incidentUpdate(c echo.Context) error {
	return w.incidentAction(c, engine.TypeIncidentUpdated, "inc.updated", func(id int64) (*scheduler.Incident, error) {
		return w.Store.AddIncidentUpdate(c.Request().Context(), id, c.FormValue("note"))
	})
}

func (w *Web) incidentClose(c echo.Context) error {
	return w.incidentAction(c, engine.TypeIncidentClosed, "inc.closed_ok", func(id int64) (*scheduler.Incident, error) {
		return w.Store.CloseIncident(c.Request().Context(), id, c.FormValue("outcome"))
	})
}

func (w *Web) incidentAction(c echo.Context, typ, done string, act func(int64) (*scheduler.Incident, error)) error {
	id, err := formID(c.Param("id"))
	if err != nil {
		return w.errorPage(c, http.StatusNotFound, "err.not_found")
	}
	inc, err := act(id)
	if err != nil {
		return err
	}
	w.Hub.PublishIncident(typ, inc)
	w.flash(c, done)
	return c.Redirect(http.StatusSeeOther, "/incidents/"+strconv.FormatInt(id, 10))
}

// GET /incidents?status= — the incidents, newest first (the staff).
func (w *Web) incidentsPage(c echo.Context) error {
	status := c.QueryParam("status")
	if status != scheduler.IncidentOpen && status != scheduler.IncidentClosed {
		status = ""
	}
	incs, err := w.Store.FindIncidents(c.Request().Context(), scheduler.IncidentFilter{Status: status, Limit: 200})
	if err != nil {
		return err
	}
	views, err := w.incidentViews(c, incs)
	if err != nil {
		return err
	}
	return w.render(c, http.StatusOK, "incidents", map[string]any{"Incidents": views, "Status": status})
}

// openIncidents are the open incidents, for the dashboard's first section.
func (w *Web) openIncidents(c echo.Context) ([]incidentView, error) {
	incs, err := w.Store.FindIncidents(c.Request().Context(), scheduler.IncidentFilter{Status: scheduler.IncidentOpen, Limit: 50})
	if err != nil {
		return nil, err
	}
	return w.incidentViews(c, incs)
}

// GET /fragments/incidents — the dashboard's open incidents, refreshed live.
func (w *Web) incidentsFragment(c echo.Context) error {
	open, err := w.openIncidents(c)
	if err != nil {
		return err
	}
	return w.render(c, http.StatusOK, "incidents_fragment", map[string]any{"OpenIncidents": open})
}

// GET /ack/:token — the one-tap acknowledge link of a callout: no login;
// the page says it is acknowledged, or was already, or that the link has
// expired or is not known.
func (w *Web) ackIncident(c echo.Context) error {
	ack := w.Store.AcknowledgeIncident
	if c.Request().Method != http.MethodPost {
		ack = w.Store.PeekIncidentAck // a GET changes nothing: mail scanners fetch links
	}
	res, err := ack(c.Request().Context(), c.Param("token"))
	if err != nil {
		return err
	}
	status := http.StatusOK
	switch res.Status {
	case scheduler.AckDone:
		w.Hub.PublishIncident(engine.TypeIncidentAcknowledged, res.Incident)
	case scheduler.AckExpired:
		status = http.StatusGone
	case scheduler.AckUnknown:
		status = http.StatusNotFound
	}
	d := map[string]any{"Status": res.Status}
	if res.Incident != nil {
		views, err := w.incidentViews(c, []*scheduler.Incident{res.Incident})
		if err != nil {
			return err
		}
		d["I"], d["R"] = views[0], res.Responder
	}
	return w.render(c, status, "ack", d)
}

// actorNames maps the login names of guards to the guards' own names.
func (w *Web) actorNames(c echo.Context) (map[string]string, error) {
	ctx := c.Request().Context()
	us, err := w.Store.FindUsers(ctx)
	if err != nil {
		return nil, err
	}
	gs, err := w.Store.FindGuards(ctx, scheduler.GuardFilter{})
	if err != nil {
		return nil, err
	}
	byID := map[int64]string{}
	for _, g := range gs {
		byID[g.ID] = g.Name
	}
	out := map[string]string{}
	for _, u := range us {
		if u.GuardID != nil && byID[*u.GuardID] != "" {
			out[u.Name] = byID[*u.GuardID]
		}
	}
	return out, nil
}
