package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/notify"
)

// tourCommand is one shell command of the README's tour, as written.
type tourCommand struct {
	Text string
	Line int // its first line in README.md
}

// tourResult is what a command did.
type tourResult struct {
	tourCommand
	Out, Err string // its standard output and error
	Codes    []int  // the HTTP status of each curl it ran
	Exit     int
	Val      string // for NAME=$(…): the value NAME got
}

// tourVar is a command that sets a variable: NAME=$(…).
var tourVar = regexp.MustCompile(`^([A-Z][A-Z0-9]*)=\$\(`)

// tourStreaming marks a command the README documents as streaming: it runs
// with a time limit (curl's exit code 28).
const tourStreaming = "(streams until Ctrl-C)"

// readmeTour returns the shell commands of the README's API tour: the sh
// blocks from "## API tour" to "## Running it" that call curl, split into
// complete commands (a command goes on while bash finds it unfinished).
func readmeTour(t *testing.T, readme string) []tourCommand {
	t.Helper()
	lines := strings.Split(readme, "\n")
	var cmds []tourCommand
	in, inTour := false, false
	var block []string
	first := 0
	for i, l := range lines {
		switch {
		case strings.HasPrefix(l, "## API tour"):
			inTour = true
		case strings.HasPrefix(l, "## Running it"):
			inTour = false
		case inTour && !in && l == "```sh":
			in, block, first = true, nil, i+2
		case in && l == "```":
			in = false
			if strings.Contains(strings.Join(block, "\n"), "curl ") {
				cmds = append(cmds, splitShell(t, block, first)...)
			}
		case in:
			block = append(block, l)
		}
	}
	if len(cmds) < 30 {
		t.Fatalf("only %d tour commands found in README.md", len(cmds))
	}
	return cmds
}

// splitShell splits a block into complete commands, leaving out blank lines and comments alone on a line.
func splitShell(t *testing.T, block []string, firstLine int) []tourCommand {
	t.Helper()
	var out []tourCommand
	var cur []string
	start := 0
	for i, l := range block {
		if len(cur) == 0 && (strings.TrimSpace(l) == "" || strings.HasPrefix(strings.TrimSpace(l), "#")) {
			continue
		}
		if len(cur) == 0 {
			start = firstLine + i
		}
		cur = append(cur, l)
		text := strings.Join(cur, "\n")
		if err := exec.Command("bash", "-n", "-c", text).Run(); err == nil {
			out = append(out, tourCommand{Text: text, Line: start})
			cur = nil
		}
	}
	if len(cur) > 0 {
		t.Fatalf("README.md line %d: an unfinished shell command:\n%s", start, strings.Join(cur, "\n"))
	}
	return out
}

// tourScript is the tour as one bash script: curl reports each status on
// standard error, and markers separate the commands' outputs.
func tourScript(cmds []tourCommand, token, base string) string {
	var b strings.Builder
	// The body goes to the command's output as the README shows it; the
	// status is written apart, in one write, after the body: a pipeline such
	// as "| tee /dev/stderr" must not cut the marker in two.
	b.WriteString(`curl() { local f rc; f=$(mktemp); command curl -sS -o "$f" -w '%{http_code}' "$@" > "$f.code"; rc=$?; ` +
		`cat "$f"; printf '\n@@HTTP %s\n' "$(cat "$f.code")" >&2; rm -f "$f" "$f.code"; return $rc; }` + "\n")
	for i, c := range cmds {
		text := regexp.MustCompile(`(?m)^T=.*$`).ReplaceAllString(c.Text, "T="+token)
		text = strings.ReplaceAll(text, "http://127.0.0.1:8080", base)
		if strings.Contains(text, tourStreaming) {
			text = strings.Replace(text, "curl -N", "curl -N --max-time 2", 1)
		}
		fmt.Fprintf(&b, "printf '\\n@@CMD %d\\n'; printf '\\n@@CMD %d\\n' >&2\n%s\n__rc=$?\n", i, i, text)
		if m := tourVar.FindStringSubmatch(c.Text); m != nil {
			fmt.Fprintf(&b, "printf '\\n@@VAL %%s\\n' \"$%s\"\n", m[1])
		}
		fmt.Fprintf(&b, "printf '\\n@@END %%d\\n' $__rc >&2\n")
	}
	return b.String()
}

// tourSplit cuts an output stream at the @@CMD markers.
func tourSplit(s string, n int) []string {
	parts := make([]string, n)
	re := regexp.MustCompile(`\n@@CMD (\d+)\n`)
	idx := re.FindAllStringSubmatchIndex(s, -1)
	for k, m := range idx {
		i, _ := strconv.Atoi(s[m[2]:m[3]])
		end := len(s)
		if k+1 < len(idx) {
			end = idx[k+1][0]
		}
		if i < n {
			parts[i] = s[m[1]:end]
		}
	}
	return parts
}

// runTour runs the commands with bash in the repository's folder (where the README's paths start).
func runTour(t *testing.T, cmds []tourCommand, token, base string) []tourResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "-c", tourScript(cmds, token, base))
	cmd.Dir = filepath.Join("..", "..")
	var out, errOut syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("the tour's script: %v\n%s", err, errOut.String())
	}
	outs, errs := tourSplit(out.String(), len(cmds)), tourSplit(errOut.String(), len(cmds))
	res := make([]tourResult, len(cmds))
	codeRE, endRE := regexp.MustCompile(`@@HTTP (\d+)`), regexp.MustCompile(`\n@@END (\d+)\n`)
	valRE := regexp.MustCompile(`\n@@VAL (.*)\n$`)
	for i, c := range cmds {
		r := tourResult{tourCommand: c, Out: outs[i], Err: errs[i], Exit: -1}
		if m := endRE.FindStringSubmatchIndex(r.Err); m != nil {
			r.Exit, _ = strconv.Atoi(r.Err[m[2]:m[3]])
			r.Err = r.Err[:m[0]]
		}
		for _, m := range codeRE.FindAllStringSubmatch(r.Err, -1) {
			code, _ := strconv.Atoi(m[1])
			r.Codes = append(r.Codes, code)
		}
		r.Err = codeRE.ReplaceAllString(r.Err, "")
		if m := valRE.FindStringSubmatchIndex(r.Out); m != nil {
			r.Val = r.Out[m[2]:m[3]]
			r.Out = r.Out[:m[0]]
		}
		r.Out = strings.TrimSpace(r.Out)
		res[i] = r
	}
	return res
}

// tourCheck is what one command of the tour must answer, beyond a 2xx status.
type tourCheck struct {
	match *regexp.Regexp
	check func(r tourResult, env *tourEnv) error
}

// tourEnv is what the checks know: the variables the tour set, and the demo's days.
type tourEnv struct {
	vars  map[string]string
	today time.Time // the first instant of today in the office zone
	base  string
}

func (e *tourEnv) day(n, hour int) time.Time {
	return time.Date(e.today.Year(), e.today.Month(), e.today.Day()+n, hour, 0, 0, 0, e.today.Location())
}

func jsonOf(s string) (any, error) {
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return nil, fmt.Errorf("not JSON (%v): %.300s", err, s)
	}
	return v, nil
}

func jsonList(s string, min int) ([]any, error) {
	v, err := jsonOf(s)
	if err != nil {
		return nil, err
	}
	l, ok := v.([]any)
	if !ok || len(l) < min {
		return nil, fmt.Errorf("want a JSON list of at least %d, got %.300s", min, s)
	}
	return l, nil
}

func jsonObj(s string) (map[string]any, error) {
	v, err := jsonOf(s)
	if err != nil {
		return nil, err
	}
	o, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("want a JSON object, got %.300s", s)
	}
	return o, nil
}

// wants checks that a JSON object has the members given, with these values where one is given (not nil).
func wants(s string, members map[string]any) error {
	o, err := jsonObj(s)
	if err != nil {
		return err
	}
	for k, want := range members {
		got, ok := o[k]
		if !ok {
			return fmt.Errorf("no %q in %.300s", k, s)
		}
		if want != nil && fmt.Sprint(got) != fmt.Sprint(want) {
			return fmt.Errorf("%s = %v, want %v", k, got, want)
		}
	}
	return nil
}

func contains(s string, subs ...string) error {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return fmt.Errorf("lacks %q: %.400s", sub, s)
		}
	}
	return nil
}

// anID checks that a variable got a positive id.
func anID(r tourResult, env *tourEnv) error {
	if n, err := strconv.Atoi(r.Val); err != nil || n <= 0 {
		return fmt.Errorf("the variable got %q, want an id", r.Val)
	}
	env.vars[tourVar.FindStringSubmatch(r.Text)[1]] = r.Val
	return nil
}

// documented checks the answer against the JSON the README shows after '#':
// equal when it is whole, else the same members.
func documented(r tourResult, _ *tourEnv) error {
	m := regexp.MustCompile(`#\s*(\{.*?\})(\s|$)`).FindStringSubmatch(r.Text)
	if m == nil {
		return errors.New("the README shows no output for it")
	}
	if !strings.Contains(m[1], "…") {
		if r.Out != m[1] {
			return fmt.Errorf("answers %s, the README says %s", r.Out, m[1])
		}
		return nil
	}
	members := map[string]any{}
	for _, k := range regexp.MustCompile(`"(\w+)":`).FindAllStringSubmatch(m[1], -1) {
		members[k[1]] = nil
	}
	return wants(r.Out, members)
}

// tourChecks says, for each command of the tour (the first that matches),
// what its answer must be. A command of the tour that none matches fails the
// test: say what a new command answers here.
var tourChecks = []tourCheck{
	{regexp.MustCompile(`^P=`), anID},
	{regexp.MustCompile(`plans/\$P/events`), func(r tourResult, _ *tourEnv) error {
		return contains(r.Out, "event: progress", "event: done", `"status":"done"`)
	}},
	{regexp.MustCompile(`-X DELETE \$B/plans/\$P`), func(r tourResult, _ *tourEnv) error { return nil }},
	{regexp.MustCompile(`\$B/plans/\$P\s`), func(r tourResult, _ *tourEnv) error {
		return contains(r.Out, `"status":"done"`, `"summary":{`, `"unfilled":[`)
	}},
	{regexp.MustCompile(`/healthz`), documented},
	{regexp.MustCompile(`\$B/posts\s`), func(r tourResult, _ *tourEnv) error {
		if _, err := jsonList(r.Out, 3); err != nil {
			return err
		}
		return contains(r.Out, "Trụ sở HĐND, UBND tỉnh", "Trụ sở Tiếp công dân tỉnh", "Vọng gác Cảnh sát bảo vệ mục tiêu")
	}},
	{regexp.MustCompile(`guards\?post_id=1`), func(r tourResult, _ *tourEnv) error {
		return contains(r.Out, "Nguyễn Văn An", "Trần Minh Đức")
	}},
	{regexp.MustCompile(`shifts\?from=\$\(D 0\)&to=\$\(D 7\)&post_id=1`), func(r tourResult, _ *tourEnv) error {
		l, err := jsonList(r.Out, 7)
		if err != nil {
			return err
		}
		for _, x := range l {
			if x.(map[string]any)["post_id"] != 1.0 {
				return fmt.Errorf("a shift of another post: %v", x)
			}
		}
		return nil
	}},
	{regexp.MustCompile(`^G=`), anID},
	{regexp.MustCompile(`^S=`), func(r tourResult, env *tourEnv) error {
		if err := anID(r, env); err != nil {
			return err
		}
		return contains(r.Err, `"violations"`, `"post_id":2`, `"guard_id":3`, "Tiếp dân buổi tối", env.day(5, 17).Format(time.RFC3339))
	}},
	{regexp.MustCompile(`If-Match: 1`), func(r tourResult, env *tourEnv) error {
		return wants(r.Out, map[string]any{"guard_id": env.vars["G"], "version": 2})
	}},
	{regexp.MustCompile(`"guard_id":null`), func(r tourResult, _ *tourEnv) error {
		return wants(r.Out, map[string]any{"guard_id": nil, "version": 3})
	}},
	{regexp.MustCompile(`-X DELETE \$B/shifts/\$S`), func(r tourResult, _ *tourEnv) error {
		return wants(r.Out, map[string]any{"status": "cancelled"})
	}},
	{regexp.MustCompile(`-X POST \$B/time-off`), func(r tourResult, env *tourEnv) error {
		return wants(r.Out, map[string]any{"guard_id": 1, "kind": "training", "status": "approved", "start": env.day(7, 0).Format(time.RFC3339)})
	}},
	{regexp.MustCompile(`audit\?entity=shift&entity_id=\$S`), func(r tourResult, _ *tourEnv) error {
		_, err := jsonList(r.Out, 4) // created, given, opened, cancelled
		return err
	}},
	{regexp.MustCompile(`coverage\?from=`), func(r tourResult, env *tourEnv) error {
		o, err := jsonObj(r.Out)
		if err != nil {
			return err
		}
		for _, p := range o["posts"].([]any) {
			p := p.(map[string]any)
			gaps, _ := p["gaps"].([]any)
			if p["post_id"] != 1.0 {
				if len(gaps) != 0 {
					return fmt.Errorf("post %v has gaps: %v", p["post_id"], gaps)
				}
				continue
			}
			want := map[string]any{"start": env.day(3, 18).Format(time.RFC3339), "end": env.day(4, 7).Format(time.RFC3339)}
			if len(gaps) != 1 || gaps[0].(map[string]any)["start"] != want["start"] || gaps[0].(map[string]any)["end"] != want["end"] {
				return fmt.Errorf("headquarters gaps %v, want the uncovered night %v", gaps, want)
			}
		}
		return nil
	}},
	{regexp.MustCompile(`violations\?from=`), func(r tourResult, _ *tourEnv) error {
		_, err := jsonList(r.Out, 1)
		return err
	}},
	{regexp.MustCompile(`\$B/staffing`), func(r tourResult, _ *tourEnv) error {
		return contains(r.Out, "needs at least 4 guards working lawfully", "and has 3 eligible (2.8 after time off): 1 short.")
	}},
	{regexp.MustCompile(`holidays\?year=2027`), func(r tourResult, _ *tourEnv) error { return contains(r.Out, "Tết", "Hùng") }},
	{regexp.MustCompile(`^G2=`), anID},
	{regexp.MustCompile(`-X PATCH \$B/rotations/1`), func(r tourResult, env *tourEnv) error {
		return contains(r.Out, `"preset":"8h-3shift"`, `"from":"`+env.day(7, 0).Format(scheduler.DateLayout)+`"`)
	}},
	{regexp.MustCompile(`rotations/1/generate`), documented},
	{regexp.MustCompile(`suggestions\?post_id=1`), func(r tourResult, _ *tourEnv) error {
		l, err := jsonList(r.Out, 1)
		if err != nil {
			return err
		}
		_, ok := l[0].(map[string]any)["guard_id"]
		if !ok {
			return fmt.Errorf("a suggestion without a guard: %v", l[0])
		}
		return contains(r.Out, "Lê Văn Cường")
	}},
	{regexp.MustCompile(`^X=`), func(r tourResult, _ *tourEnv) error {
		_, err := jsonList(r.Val, 2)
		return err
	}},
	{regexp.MustCompile(`shifts/swap`), func(r tourResult, _ *tourEnv) error {
		_, err := jsonOf(r.Out)
		return err
	}},
	{regexp.MustCompile(`\$B/jobs\s`), func(r tourResult, _ *tourEnv) error { return contains(r.Out, `"name":"sweep"`, `"name":"horizon"`) }},
	{regexp.MustCompile(`jobs/sweep/run`), func(r tourResult, _ *tourEnv) error {
		_, err := jsonObj(r.Out)
		return err
	}},
	{regexp.MustCompile(`alerts\?status=open"\s`), func(r tourResult, _ *tourEnv) error { return contains(r.Out, `"kind":"gap"`) }},
	{regexp.MustCompile(`^A=`), anID},
	{regexp.MustCompile(`alerts/\$A/ack`), func(r tourResult, _ *tourEnv) error {
		return wants(r.Out, map[string]any{"status": "acknowledged"})
	}},
	{regexp.MustCompile(`alerts/stream`), func(r tourResult, _ *tourEnv) error { return contains(r.Out, "catruc alert stream") }},
	{regexp.MustCompile(`-X PUT \$B/settings/notifications`), func(r tourResult, _ *tourEnv) error {
		return contains(r.Out, "Chánh Văn phòng", "mail.example.vn")
	}},
	{regexp.MustCompile(`settings/notifications/test`), func(r tourResult, _ *tourEnv) error {
		_, err := jsonOf(r.Out)
		return err
	}},
	{regexp.MustCompile(`notifications\?status=failed`), func(r tourResult, _ *tourEnv) error {
		_, err := jsonList(r.Out, 0)
		return err
	}},
	{regexp.MustCompile(`"scope":"guard"`), func(r tourResult, _ *tourEnv) error { return contains(r.Out, `"url":`, "Nguyễn Văn An") }},
	{regexp.MustCompile(`"scope":"police"`), func(r tourResult, _ *tourEnv) error { return contains(r.Out, `"url":`) }},
	{regexp.MustCompile(`^C=`), anID},
	{regexp.MustCompile(`^U=`), func(r tourResult, env *tourEnv) error {
		if !strings.HasPrefix(r.Val, env.base+"/ical/cal_") {
			return fmt.Errorf("the new feed URL is %q", r.Val)
		}
		return nil
	}},
	{regexp.MustCompile(`curl -s "\$U"`), func(r tourResult, _ *tourEnv) error {
		if n, err := strconv.Atoi(r.Out); err != nil || n < 10 {
			return fmt.Errorf("the feed has %q events", r.Out)
		}
		return nil
	}},
	{regexp.MustCompile(`\$B/calendars\s`), func(r tourResult, _ *tourEnv) error {
		_, err := jsonList(r.Out, 3)
		return err
	}},
	{regexp.MustCompile(`kind=time-off&guard_id=1&dry_run=true`), func(r tourResult, _ *tourEnv) error {
		return contains(r.Out, `"errors":[]`, "Nghỉ phép năm – Nguyễn Văn An", "Tập huấn nghiệp vụ PCCC")
	}},
	{regexp.MustCompile(`kind=holidays`), func(r tourResult, _ *tourEnv) error {
		return contains(r.Out, `"errors":[]`, "Kỷ niệm Ngày giải phóng tỉnh Quảng Ngãi (24/3/1975)")
	}},
	{regexp.MustCompile(`kind=shifts&post_id=3&dry_run=true`), func(r tourResult, _ *tourEnv) error {
		m := regexp.MustCompile(`^\{'created': (\d+), 'skipped': (\d+), 'errors': 0\}$`).FindStringSubmatch(r.Out)
		if m == nil || m[1] == "0" || m[2] == "0" {
			return fmt.Errorf("the police roster's preview: %s, want some created, some skipped (already on the roster), no errors", r.Out)
		}
		return nil
	}},
}

// loopbackOnly dials only this machine: no email or webhook of the tour leaves it (nor asks a DNS server).
func loopbackOnly(ctx context.Context, network, addr string) (net.Conn, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return nil, fmt.Errorf("tour test: %s is not on this machine", addr)
	}
	var d net.Dialer
	return d.DialContext(ctx, network, addr)
}

// tourDemo is a demo server running for a test.
type tourDemo struct {
	base, token string
	passwords   map[string]string // the printed logins
}

// startTourDemo runs `serve --demo` in this process on a fresh database, its
// outbox delivering nothing beyond this machine, and waits until the jobs at
// start have run.
func startTourDemo(t *testing.T) tourDemo {
	t.Helper()
	cfg, err := parseServeConfig([]string{"--addr", "127.0.0.1:0", "--db", filepath.Join(t.TempDir(), "demo.db"), "--demo"}, os.Stderr)
	if err != nil {
		t.Fatal(err)
	}
	cfg.sender = func(s *notify.Sender) {
		s.Email = func(context.Context, scheduler.SMTP, *scheduler.Notification) error {
			return errors.New("tour test: no email leaves the machine")
		}
		s.HTTP = &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DialContext: loopbackOnly}}
	}
	ctx, cancel := context.WithCancel(context.Background())
	out, errOut := &syncBuffer{}, &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- serve(ctx, cfg, out, errOut) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Error("serve did not stop")
		}
	})
	re := regexp.MustCompile(`url=(http://[0-9.:]+)`)
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := re.FindStringSubmatch(errOut.String()); m != nil && strings.Contains(errOut.String(), "jobs caught up") {
			d := tourDemo{base: m[1], token: demoToken(t, out.String()), passwords: map[string]string{}}
			for _, l := range regexp.MustCompile(`(?m)^  (\S+)\s+password (\S+)`).FindAllStringSubmatch(out.String(), -1) {
				d.passwords[l[1]] = l[2]
			}
			return d
		}
		select {
		case err := <-done:
			t.Fatalf("serve ended: %v\n%s", err, errOut.String())
		default:
		}
	}
	t.Fatalf("the demo did not start and catch up:\n%s", errOut.String())
	return tourDemo{}
}

// Ensure every command of the README's API tour (and of the sections after
// it) runs as written, in order, on a fresh demo: each curl answers 2xx, and
// each answer has the shape (and, where the README shows it, the value) the
// README promises. The streaming command runs for two seconds.
func TestReadmeTour(t *testing.T) {
	for _, tool := range []string{"bash", "curl", "python3"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("the README's tour needs %s: %v", tool, err)
		}
	}
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	cmds := readmeTour(t, string(readme))
	demo := startTourDemo(t)
	base, token := demo.base, demo.token
	loc, _ := time.LoadLocation(scheduler.DefaultTimezone)
	env := &tourEnv{vars: map[string]string{}, today: scheduler.DayStart(time.Now(), loc), base: base}
	for _, r := range runTour(t, cmds, token, base) {
		streaming := strings.Contains(r.Text, tourStreaming)
		var errs []string
		if !strings.Contains(r.Text, "curl") { // the setting up: variables and helpers
			if r.Exit != 0 || r.Out != "" || strings.TrimSpace(r.Err) != "" {
				t.Errorf("README.md line %d: %s: exit %d, stdout %q, stderr %q", r.Line, firstLine(r.Text), r.Exit, r.Out, r.Err)
			}
			continue
		}
		if wantExit := map[bool]int{true: 28, false: 0}[streaming]; r.Exit != wantExit {
			errs = append(errs, fmt.Sprintf("exit status %d, want %d", r.Exit, wantExit))
		}
		if len(r.Codes) == 0 {
			errs = append(errs, "no HTTP answer")
		}
		for _, code := range r.Codes {
			if code < 200 || code > 299 {
				errs = append(errs, fmt.Sprintf("HTTP %d", code))
			}
		}
		matched := false
		for _, c := range tourChecks {
			if c.match.MatchString(r.Text) {
				matched = true
				if err := c.check(r, env); err != nil {
					errs = append(errs, err.Error())
				}
				break
			}
		}
		if !matched {
			errs = append(errs, "the test does not know what it answers: add it to tourChecks")
		}
		if len(errs) > 0 {
			t.Errorf("README.md line %d: %s\n  %s\n  stdout: %.600s\n  stderr: %.600s", r.Line, firstLine(r.Text),
				strings.Join(errs, "\n  "), r.Out, r.Err)
		}
	}
}

func firstLine(s string) string {
	sc := bufio.NewScanner(strings.NewReader(s))
	sc.Scan()
	return sc.Text()
}
