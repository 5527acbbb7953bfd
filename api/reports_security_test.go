package api_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"catruc/api"
	"catruc/scheduler"
	"catruc/store"
	"catruc/store/storetest"
)

// secEnv is an API on a real SQLite file whose clock the test moves.
type secEnv struct {
	*env
	clock atomic.Int64 // Unix nanoseconds
	loc   *time.Location
}

func (e *secEnv) set(t time.Time) { e.clock.Store(t.UnixNano()) }

func newSecEnv(t *testing.T) *secEnv {
	t.Helper()
	se := &secEnv{}
	se.set(testNow)
	now := func() time.Time { return time.Unix(0, se.clock.Load()).UTC() }
	path := storetest.DSN(t)
	st, err := store.Open(context.Background(), path, storetest.Options(path, store.WithClock(now))...)
	if err != nil {
		t.Fatal(err)
	}
	e, _ := api.New(api.Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: now})
	srv := httptest.NewServer(e)
	t.Cleanup(func() { srv.Close(); st.Close() })
	se.env = &env{t: t, st: st, srv: srv, tokens: map[string]string{}, path: path}
	for _, role := range []string{"admin", "manager", "viewer"} {
		secret, _, err := st.CreateToken(context.Background(), role+"-token", role, nil)
		if err != nil {
			t.Fatal(err)
		}
		se.tokens[role] = secret
	}
	se.loc = st.Location()
	return se
}

var secAckRE = regexp.MustCompile(`/ack/([A-Za-z0-9_-]{43})`)

// secFixture writes a small office for the week Monday 5 – Sunday 11 January
// 2026: the gate needs one guard 07:00–19:00 every day; An holds Mon–Wed
// (Wednesday from 09:00 only) and Bình Thu–Sat; Sunday is uncovered. So 84
// guard-hours are required, 70 covered (83,33 %), in two gaps of 2 h and
// 12 h. Two alerts acknowledged after 12 and 30 minutes and a no-show; a
// crowd and a fire whose police post acknowledged after 6 and 4 minutes; a
// delegation announced to the police (2 notices sent) and a conference;
// Cường on training Tuesday and Wednesday.
func secFixture(t *testing.T, e *secEnv) {
	ctx := context.Background()
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, e.loc)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	gate := &scheduler.Post{Code: "cong-chinh", Name: "Cổng chính", Kind: scheduler.PostKindGuard, Active: true,
		Requirements: []scheduler.Requirement{{Days: []int{1, 2, 3, 4, 5, 6, 7}, Start: "07:00", End: "19:00", Headcount: 1}}}
	must(e.st.CreatePost(ctx, gate))
	police := &scheduler.Post{Code: "pk20", Name: "Tiểu đội Cảnh sát bảo vệ", Kind: scheduler.PostKindPolice, Active: true,
		Contact: scheduler.Contact{Name: "Tiểu đội PK20", Email: "pk20@congan.example.vn"}}
	must(e.st.CreatePost(ctx, police))
	var ids []int64
	for _, n := range []string{"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"} {
		g := &scheduler.Guard{Name: n, Unit: "office", Active: true, PostIDs: []int64{gate.ID}}
		must(e.st.CreateGuard(ctx, g))
		ids = append(ids, g.ID)
	}
	for d, start := range []string{"07:00", "07:00", "09:00", "07:00", "07:00", "07:00"} {
		day := at("2026-01-05 00:00").AddDate(0, 0, d).Format("2006-01-02")
		g := ids[d/3]
		must(e.st.CreateShift(ctx, &scheduler.Shift{PostID: gate.ID, GuardID: &g, Start: at(day + " " + start), End: at(day + " 19:00"),
			Status: scheduler.ShiftScheduled}))
	}
	must(e.st.CreateTimeOff(ctx, &scheduler.TimeOff{GuardID: ids[2], Kind: scheduler.TimeOffTraining, Status: scheduler.TimeOffApproved,
		Start: at("2026-01-06 08:00"), End: at("2026-01-07 17:00")}))

	// Alerts: opened at known times, acknowledged 12 and 30 minutes later.
	alert := func(kind, opened string, guard *int64, key string) *scheduler.Alert {
		as, err := e.st.ApplyAlertChanges(ctx, []scheduler.AlertChange{{Alert: &scheduler.Alert{Kind: kind, Key: key, PostID: &gate.ID,
			GuardID: guard, Start: at(opened), End: at(opened).Add(time.Hour), Missing: 1, Severity: scheduler.SeverityHigh,
			Status: scheduler.AlertOpen, OpenedAt: at(opened), Suggestions: []scheduler.AlertSuggestion{}}}}, nil)
		must(err)
		return as[0]
	}
	a1 := alert(scheduler.AlertGap, "2026-01-07 06:00", nil, "")
	a2 := alert(scheduler.AlertGap, "2026-01-10 18:00", nil, "")
	alert(scheduler.AlertNoShow, "2026-01-06 07:20", &ids[0], "no_show|2|1")
	e.set(at("2026-01-07 06:12"))
	_, err := e.st.AcknowledgeAlert(ctx, a1.ID)
	must(err)
	e.set(at("2026-01-10 18:30"))
	_, err = e.st.AcknowledgeAlert(ctx, a2.ID)
	must(err)

	// Incidents: the police post acknowledges after 6 and 4 minutes.
	incident := func(kind, declared string, after time.Duration) {
		e.set(at(declared))
		inc, err := e.st.DeclareIncident(ctx, scheduler.IncidentInput{Kind: kind, PostID: gate.ID, Title: "Vụ việc " + kind},
			scheduler.CalloutOptions{BaseURL: "https://lichtruc.example.vn"})
		must(err)
		ns, err := e.st.FindNotifications(ctx, "", 500)
		must(err)
		secret := ""
		for _, n := range ns {
			if n.Type == scheduler.TypeIncidentCallout && n.Recipient == "pk20@congan.example.vn" && strings.Contains(n.BodyText, inc.Title) {
				if m := secAckRE.FindStringSubmatch(n.BodyText); m != nil {
					secret = m[1]
				}
			}
		}
		if secret == "" {
			t.Fatalf("no callout to the police post for %s", kind)
		}
		e.set(at(declared).Add(after))
		res, err := e.st.AcknowledgeIncident(ctx, secret)
		must(err)
		if res.Status != scheduler.AckDone {
			t.Fatalf("ack %s: %s", kind, res.Status)
		}
	}
	incident(scheduler.IncidentCrowd, "2026-01-08 09:00", 6*time.Minute)
	incident(scheduler.IncidentFire, "2026-01-09 10:00", 4*time.Minute)

	// Events; the delegation's police notice went to two addresses.
	e.set(testNow)
	deleg := &scheduler.Event{Title: "Đón đoàn khách Trung ương", Kind: "delegation", Start: at("2026-01-07 08:00"),
		End: at("2026-01-07 11:00"), NotifyPolice: true, PostIDs: []int64{}, Status: scheduler.ShiftScheduled}
	must(e.st.CreateEvent(ctx, deleg))
	must(e.st.CreateEvent(ctx, &scheduler.Event{Title: "Hội nghị tổng kết", Kind: "conference", Start: at("2026-01-09 08:00"),
		End: at("2026-01-09 11:00"), PostIDs: []int64{}, Status: scheduler.ShiftScheduled}))
	for _, to := range []string{"pk20@congan.example.vn", "truc@congan.example.vn"} {
		_, err := e.st.Enqueue(ctx, []*scheduler.Notification{{Channel: "email", Recipient: to, Type: scheduler.TypeEventNotice,
			Subject: "Thông báo", DedupeKey: "police:" + itoa(deleg.ID) + ":v1:email:" + to, Status: "pending", NextAttemptAt: testNow}})
		must(err)
	}
	ns, err := e.st.FindNotifications(ctx, "pending", 500)
	must(err)
	for _, n := range ns {
		if n.Type == scheduler.TypeEventNotice {
			must(e.st.MarkSent(ctx, n.ID, testNow))
		}
	}
}

// download fetches a file as role: status, headers and bytes.
func (e *secEnv) download(role, path string) resp {
	e.t.Helper()
	req, _ := http.NewRequest("GET", e.srv.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+e.tokens[role])
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return resp{Status: res.StatusCode, Header: res.Header, Raw: raw}
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

// Ensure the security report's figures are those worked out by hand from
// the fixture, for a manager; a viewer and a guard may not read it; a bad
// period is a 400 naming the field.
func TestSecurityReportFigures(t *testing.T) {
	e := newSecEnv(t)
	secFixture(t, e)
	r := e.do("manager", "GET", "/api/v1/reports/security?from=2026-01-05&to=2026-01-12", nil)
	if r.Status != 200 {
		t.Fatalf("status %d: %s", r.Status, r.Raw)
	}
	var got struct {
		Coverage struct {
			Percent    float64 `json:"percent"`
			GapCount   int     `json:"gap_count"`
			GapHours   float64 `json:"gap_hours"`
			LongestGap struct {
				PostName string    `json:"post_name"`
				Start    time.Time `json:"start"`
				Hours    float64   `json:"hours"`
			} `json:"longest_gap"`
			ByPost []struct {
				Name          string  `json:"name"`
				RequiredHours float64 `json:"required_hours"`
				CoveredHours  float64 `json:"covered_hours"`
			} `json:"by_post"`
			ByMonth []struct {
				Month   string  `json:"month"`
				Percent float64 `json:"percent"`
			} `json:"by_month"`
		} `json:"coverage"`
		Alerts struct {
			ByKind           map[string]int `json:"by_kind"`
			MedianAckMinutes *float64       `json:"median_ack_minutes"`
		} `json:"alerts"`
		Incidents struct {
			ByKind                map[string]int `json:"by_kind"`
			MedianResponseMinutes *float64       `json:"median_response_minutes"`
			PoliceAckMedian       *float64       `json:"police_ack_median"`
		} `json:"incidents"`
		Events   map[string]int `json:"events"`
		Training struct {
			GuardDays int `json:"guard_days"`
			ByGuard   []struct {
				Name  string `json:"name"`
				Count int    `json:"count"`
			} `json:"by_guard"`
		} `json:"training"`
		Breaches struct {
			ByRule map[string]int `json:"by_rule"`
		} `json:"breaches"`
		Staffing struct {
			Verdicts []map[string]any `json:"verdicts"`
		} `json:"staffing"`
		NoShows struct {
			Count int `json:"count"`
		} `json:"no_shows"`
	}
	if err := json.Unmarshal(r.Raw, &got); err != nil {
		t.Fatal(err)
	}
	c := got.Coverage
	if c.Percent != 83.33 || c.GapCount != 2 || c.GapHours != 14 {
		t.Errorf("coverage %v %% in %d gaps of %v h, want 83.33 %% in 2 gaps of 14 h", c.Percent, c.GapCount, c.GapHours)
	}
	if lg := c.LongestGap; lg.PostName != "Cổng chính" || lg.Hours != 12 || lg.Start.In(e.loc).Format("02/01 15:04") != "11/01 07:00" {
		t.Errorf("longest gap %+v, want 12 h at Cổng chính from 11/01 07:00", lg)
	}
	if len(c.ByPost) != 2 || c.ByPost[0].Name != "Cổng chính" || c.ByPost[0].RequiredHours != 84 || c.ByPost[0].CoveredHours != 70 {
		t.Errorf("by post %+v", c.ByPost)
	}
	if len(c.ByMonth) != 1 || c.ByMonth[0].Month != "2026-01" || c.ByMonth[0].Percent != 83.33 {
		t.Errorf("by month %+v", c.ByMonth)
	}
	if k := got.Alerts.ByKind; k["gap"] != 2 || k["no_show"] != 1 || len(k) != 2 {
		t.Errorf("alerts by kind %v", k)
	}
	if m := got.Alerts.MedianAckMinutes; m == nil || *m != 21 { // 12 and 30
		t.Errorf("median ack %v, want 21", m)
	}
	if k := got.Incidents.ByKind; k["crowd"] != 1 || k["fire"] != 1 || len(k) != 2 {
		t.Errorf("incidents by kind %v", k)
	}
	if m := got.Incidents.PoliceAckMedian; m == nil || *m != 5 { // 6 and 4
		t.Errorf("police median %v, want 5", m)
	}
	if m := got.Incidents.MedianResponseMinutes; m == nil || *m > 5 {
		t.Errorf("median response %v, want at most 5", m)
	}
	if ev := got.Events; ev["count"] != 2 || ev["delegations"] != 1 || ev["police_notified"] != 1 || ev["notices_sent"] != 2 {
		t.Errorf("events %v", ev)
	}
	if tr := got.Training; tr.GuardDays != 2 || len(tr.ByGuard) != 1 || tr.ByGuard[0].Name != "Lê Văn Cường" {
		t.Errorf("training %+v", tr)
	}
	if got.Breaches.ByRule == nil || len(got.Breaches.ByRule) != 0 {
		t.Errorf("breaches %v, want none (and not null)", got.Breaches.ByRule)
	}
	if len(got.Staffing.Verdicts) == 0 || got.NoShows.Count != 1 {
		t.Errorf("staffing %v, no-shows %d", got.Staffing.Verdicts, got.NoShows.Count)
	}

	for _, role := range []string{"viewer", ""} {
		if r := e.do(role, "GET", "/api/v1/reports/security", nil); r.Status != 403 && r.Status != 401 {
			t.Errorf("%q: %d", role, r.Status)
		}
	}
	for q, field := range map[string]string{"from=2026-01-01&to=2027-03-01": "to", "from=2026-02-01&to=2026-01-01": "to", "from=hôm-qua": "from"} {
		r := e.do("manager", "GET", "/api/v1/reports/security?"+q, nil)
		if r.Status != 400 || r.errField() != field {
			t.Errorf("%s: %d field %q, want 400 on %q", q, r.Status, r.errField(), field)
		}
	}
}

// Ensure the default period is the last full half-year (the clock reads
// December 2026: January to June 2026).
func TestSecurityReportDefaultPeriod(t *testing.T) {
	e := newSecEnv(t)
	r := e.do("admin", "GET", "/api/v1/reports/security", nil)
	if r.Status != 200 {
		t.Fatalf("%d %s", r.Status, r.Raw)
	}
	if f, to := r.obj()["from"], r.obj()["to"]; f != "2026-01-01T00:00:00+07:00" || to != "2026-07-01T00:00:00+07:00" {
		t.Errorf("period %v – %v", f, to)
	}
	for _, k := range []string{"coverage", "alerts", "incidents", "events", "training", "breaches", "staffing", "no_shows"} {
		if r.obj()[k] == nil {
			t.Errorf("section %s is missing", k)
		}
	}
}

// Ensure the Word file downloads, reads back as WordprocessingML, and holds
// the figures and the Vietnamese headings.
func TestSecurityReportDocx(t *testing.T) {
	e := newSecEnv(t)
	secFixture(t, e)
	r := e.download("manager", "/api/v1/reports/security.docx?from=2026-01-05&to=2026-01-12")
	if r.Status != 200 {
		t.Fatalf("%d %s", r.Status, r.Raw)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.wordprocessingml.document" {
		t.Errorf("content type %q", ct)
	}
	if cd := r.Header.Get("Content-Disposition"); !strings.Contains(cd, "bao-cao-an-ninh-20260105-20260111.docx") {
		t.Errorf("disposition %q", cd)
	}
	z, err := zip.NewReader(bytes.NewReader(r.Raw), int64(len(r.Raw)))
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, f := range z.File {
		if f.Name != "word/document.xml" {
			continue
		}
		rc, _ := f.Open()
		dec := xml.NewDecoder(rc)
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("document.xml: %v", err)
			}
			switch v := tok.(type) {
			case xml.CharData:
				text.Write(v)
			case xml.EndElement:
				if v.Name.Local == "p" {
					text.WriteString("\n")
				}
			}
		}
		rc.Close()
	}
	for _, want := range []string{"BÁO CÁO", "Kết quả công tác bảo vệ trụ sở cơ quan từ ngày 05/01/2026 đến ngày 11/01/2026",
		"I. KẾT QUẢ THỰC HIỆN", "II. TỒN TẠI, HẠN CHẾ", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ",
		"đạt 83,33% so với yêu cầu", "có 2 khoảng thời gian vọng gác thiếu người trực, tổng cộng 14 giờ",
		"\nCổng chính\n84\n70\n83,33\n2\n14\n", "\nKhiếu kiện đông người\n1\n", "\nCháy\n1\n", "xác nhận (trung vị): 5 phút",
		"(2 thông báo đã gửi)", "thời gian tiếp nhận (trung vị): 21 phút", "Lê Văn Cường (2 ngày)",
		"Nguyễn Văn An (1 lần)", "Nơi nhận:", "CHÁNH VĂN PHÒNG"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("the Word file lacks %q", want)
		}
	}
	if t.Failed() {
		t.Logf("text:\n%s", text.String())
	}
	if r := e.do("viewer", "GET", "/api/v1/reports/security.docx", nil); r.Status != 403 {
		t.Errorf("viewer: %d", r.Status)
	}
}
