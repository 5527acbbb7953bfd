package ical

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"catruc/scheduler"
)

// The real client libraries the feeds are checked with. CI installs both
// and sets CATRUC_CALENDAR_TESTS=1, which turns a missing one into a failure:
//
//	apt-get install -y python3-icalendar
//	(cd scheduler/ical/testdata/js && npm ci)
const strictEnv = "CATRUC_CALENDAR_TESTS"

// clientEvent is what testdata/js/check.mjs and testdata/py/check.py print
// for each VEVENT.
type clientEvent struct {
	UID         string  `json:"uid"`
	Summary     string  `json:"summary"`
	Description string  `json:"description"`
	Location    string  `json:"location"`
	Status      string  `json:"status"`
	Sequence    int     `json:"sequence"`
	TZID        string  `json:"tzid"`
	Start       string  `json:"start"`
	End         string  `json:"end"`
	StartUTC    string  `json:"start_utc"`
	EndUTC      string  `json:"end_utc"`
	Alarms      []int64 `json:"alarms"`
}

type clientCalendar struct {
	Name     string        `json:"name"`
	Timezone string        `json:"timezone"`
	Events   []clientEvent `json:"events"`
}

// client is a way to run one of the checkers on a file.
type client struct {
	name string
	cmd  func(file string) *exec.Cmd
}

// missing skips the test, or fails it when CI asked for the real clients.
func missing(t *testing.T, what, install string) {
	t.Helper()
	if os.Getenv(strictEnv) == "1" {
		t.Fatalf("%s is missing but %s=1: install it (%s)", what, strictEnv, install)
	}
	t.Skipf("%s is missing, so the feeds are not checked with it; install it with `%s` (set %s=1 to make this a failure)", what, install, strictEnv)
}

func icalJS(t *testing.T) client {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("testdata", "js"))
	if err != nil {
		t.Fatal(err)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		missing(t, "node (for ical.js)", "apt-get install -y nodejs npm")
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "ical.js", "package.json")); err != nil {
		missing(t, "ical.js", "cd scheduler/ical/testdata/js && npm ci")
	}
	return client{"ical.js", func(file string) *exec.Cmd { return exec.Command(node, filepath.Join(dir, "check.mjs"), file) }}
}

func pyICalendar(t *testing.T) client {
	t.Helper()
	script, err := filepath.Abs(filepath.Join("testdata", "py", "check.py"))
	if err != nil {
		t.Fatal(err)
	}
	// The Debian package installs for the system's python3, which need not
	// be the first python3 on PATH.
	for _, py := range []string{"python3", "/usr/bin/python3"} {
		path, err := exec.LookPath(py)
		if err != nil {
			continue
		}
		if exec.Command(path, "-c", "import icalendar").Run() == nil {
			return client{"python icalendar", func(file string) *exec.Cmd { return exec.Command(path, script, file) }}
		}
	}
	missing(t, "python3 with icalendar", "apt-get install -y python3-icalendar")
	return client{}
}

// clients are the checkers, by name; get skips (or fails) when one is missing.
var clients = []struct {
	name string
	get  func(*testing.T) client
}{
	{"icaljs", icalJS},
	{"python", pyICalendar},
}

// read runs the client on the feed and decodes what it printed.
func (c client) read(t *testing.T, feed []byte) clientCalendar {
	t.Helper()
	file := filepath.Join(t.TempDir(), "feed.ics")
	if err := os.WriteFile(file, feed, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := c.cmd(file)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Env = append(os.Environ(), "TZ=UTC") // nothing may depend on the machine's zone
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", c.name, err, stderr.String())
	}
	var cal clientCalendar
	if err := json.Unmarshal(out, &cal); err != nil {
		t.Fatalf("%s printed no JSON: %v\n%s", c.name, err, out)
	}
	return cal
}

// expect is what a client must read for the feed: every shift and event
// with its local times in the feed's zone (or UTC, where Build wrote UTC).
func expect(f Feed) clientCalendar {
	want := clientCalendar{Name: f.Name, Timezone: f.Loc.String()}
	add := func(uid, summary, status string, seq int, start, end time.Time, alarm bool) {
		e := clientEvent{UID: uid, Summary: summary, Status: status, Sequence: seq, TZID: f.Loc.String(),
			Start: start.In(f.Loc).Format("2006-01-02T15:04"), End: end.In(f.Loc).Format("2006-01-02T15:04"),
			StartUTC: start.UTC().Format("2006-01-02T15:04:05Z"), EndUTC: end.UTC().Format("2006-01-02T15:04:05Z"), Alarms: []int64{}}
		if ambiguous(start, f.Loc) {
			e.TZID, e.Start = "UTC", start.UTC().Format("2006-01-02T15:04")
		}
		if ambiguous(end, f.Loc) {
			e.End = end.UTC().Format("2006-01-02T15:04")
		}
		if alarm {
			e.Alarms = []int64{-int64(f.Alarm / time.Second)}
		}
		want.Events = append(want.Events, e)
	}
	status := func(s string) string {
		if s == scheduler.ShiftCancelled {
			return "CANCELLED"
		}
		return "CONFIRMED"
	}
	// A personal feed names the post only and leaves RFC 5545's default
	// status (confirmed) unsaid (issue 11).
	shiftStatus := func(st string) string {
		if f.Personal && st == "CONFIRMED" {
			return ""
		}
		return st
	}
	shiftSummary := func(post, guard string) string {
		if f.Personal {
			return post
		}
		return post + " – " + guard
	}
	for _, it := range f.Shifts {
		s := it.Shift
		g := it.GuardName
		if g == "" {
			g = OpenGuard
		}
		// A shift shows its worked hours; one its guard is away for wholly is cancelled.
		start, end, st, away := s.Start, s.End, status(s.Status), ""
		if w := s.Worked(); len(s.Absences) > 0 && len(w) > 0 {
			start, end = w[0].Start, w[len(w)-1].End
		} else if len(s.Absences) > 0 {
			st, away = "CANCELLED", " (nghỉ: "+TimeOffName(s.Absences[0].Kind)+")"
		}
		add("shift-"+itoa64(s.ID)+"@"+f.Host, shiftSummary(it.PostName, g)+away, shiftStatus(st), s.Version-1, start, end,
			f.Alarm > 0 && st != "CANCELLED")
	}
	for _, it := range f.Absences {
		a := it.Absence
		who := OpenGuard
		if len(it.Cover) > 0 {
			var names []string
			for _, cv := range it.Cover {
				names = append(names, cv.Name)
			}
			who = strings.Join(names, ", ") + " trực thay"
		}
		add("absence-"+itoa64(it.Shift.ID)+"-"+itoa64(a.TimeOffID)+"@"+f.Host,
			it.PostName+" – Vắng: "+it.GuardName+" ("+TimeOffName(a.Kind)+") – "+who, "CONFIRMED", 0, a.Start, a.End, false)
	}
	for _, it := range f.Events {
		e := it.Event
		add("event-"+itoa64(e.ID)+"@"+f.Host, "[Sự kiện] "+e.Title, status(e.Status), e.Version-1, e.Start, e.End, false)
	}
	return want
}

// compare checks the client's reading against want, event by event by UID.
func compare(t *testing.T, who string, got, want clientCalendar) {
	t.Helper()
	if got.Name != want.Name || got.Timezone != want.Timezone {
		t.Errorf("%s: calendar %q in %q, want %q in %q", who, got.Name, got.Timezone, want.Name, want.Timezone)
	}
	if len(got.Events) != len(want.Events) {
		t.Fatalf("%s: %d events, want %d", who, len(got.Events), len(want.Events))
	}
	byUID := map[string]clientEvent{}
	for _, e := range got.Events {
		byUID[e.UID] = e
	}
	for _, w := range want.Events {
		g, ok := byUID[w.UID]
		if !ok {
			t.Errorf("%s: no event %s", who, w.UID)
			continue
		}
		g.Description, g.Location = "", ""
		if !equalEvents(g, w) {
			t.Errorf("%s: %s\n got %+v\nwant %+v", who, w.UID, g, w)
		}
	}
}

func equalEvents(a, b clientEvent) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}

// Ensure Mozilla's ical.js and Python's icalendar read every feed as meant:
// Vietnamese names, local times in the office zone, statuses, sequences and
// alarms, and — converting with the feed's own VTIMEZONE — the right instants,
// in Asia/Ho_Chi_Minh and across the DST changes of Europe/Berlin (2026-03-29,
// 2026-10-25) and America/Chicago.
func TestClientsReadFeeds(t *testing.T) {
	feeds := allFeeds(t)
	for _, cl := range clients {
		for _, name := range []string{"guard", "police", "cancelled", "absence-guard", "absence-post", "berlin", "chicago"} {
			f := feeds[name]
			t.Run(cl.name+"/"+name, func(t *testing.T) {
				c := cl.get(t)
				out, err := Build(f)
				if err != nil {
					t.Fatal(err)
				}
				got := c.read(t, out)
				compare(t, c.name, got, expect(f))
				if name == "guard" {
					// The text of a description, commas, semicolons and
					// backslash included, after folding.
					want := "Cùng trực: " + guardBinh + " (" + hqName + "), " + officerDung + " (" + policeName + ")\n" +
						"Liên hệ công an: " + policeRing + "\nGhi chú: Kiểm tra cổng phụ, khóa kho; bàn giao sổ trực\\ca sau"
					for _, e := range got.Events {
						if e.UID == "shift-101@catruc.example.vn" && (e.Description != want || e.Location != hqSite) {
							t.Errorf("%s: description %q location %q\nwant %q location %q", c.name, e.Description, e.Location, want, hqSite)
						}
					}
				}
			})
		}
	}
}

// Ensure the client checks read the VTIMEZONE the feed carries and would
// catch a wrong one: with its DAYLIGHT observances taken out, summer shifts
// in Berlin come out an hour late.
func TestClientsUseVTimezone(t *testing.T) {
	f := allFeeds(t)["berlin"]
	out, err := Build(f)
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for {
		i := strings.Index(s, "BEGIN:DAYLIGHT\r\n")
		if i < 0 {
			break
		}
		j := strings.Index(s[i:], "END:DAYLIGHT\r\n")
		s = s[:i] + s[i+j+len("END:DAYLIGHT\r\n"):]
	}
	var summer *scheduler.Shift
	for _, it := range f.Shifts {
		if it.Shift.Start.Month() == time.July {
			summer = it.Shift
		}
	}
	for _, cl := range clients {
		t.Run(cl.name, func(t *testing.T) {
			c := cl.get(t)
			got := c.read(t, []byte(s))
			for _, e := range got.Events {
				if e.UID != "shift-"+itoa64(summer.ID)+"@"+f.Host {
					continue
				}
				wrong := summer.Start.Add(time.Hour).UTC().Format("2006-01-02T15:04:05Z")
				if e.StartUTC != wrong {
					t.Errorf("%s: with no DAYLIGHT the July shift starts at %s, want %s: the check does not read the feed's VTIMEZONE", c.name, e.StartUTC, wrong)
				}
				return
			}
			t.Errorf("%s: the July shift is missing", c.name)
		})
	}
}
