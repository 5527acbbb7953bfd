package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/notify"
	"catruc/store"
	"catruc/store/storetest"

	"github.com/emersion/go-smtp"
)

// clusterChildEnv, when set, makes TestClusterLeaderFailover run `catruc
// serve` with the arguments it holds (one a line) instead of the test: one
// of the instances the test starts, and kills.
const clusterChildEnv = "CATRUC_CLUSTER_CHILD_ARGS"

// Ensure two instances on one PostgreSQL database share the work as issue
// 14 says: exactly one is the cron leader and runs each scheduled job (no
// tick runs on both); when the leader is killed (SIGKILL) the other takes
// over within a minute and its jobs go on (the job's last run moves on);
// and every notification, queued before or after the kill, through either
// instance or by the jobs, reaches the SMTP server exactly once.
func TestClusterLeaderFailover(t *testing.T) {
	if args := os.Getenv(clusterChildEnv); args != "" {
		os.Args = append([]string{"catruc"}, strings.Split(args, "\n")...)
		main()
		os.Exit(0)
	}
	if !storetest.Postgres() {
		t.Skip("several instances need PostgreSQL (" + storetest.Env + ")")
	}
	if testing.Short() {
		t.Skip("starts two servers and waits for two minutes' jobs")
	}
	mb := startClusterMailbox(t)
	dsn, key := storetest.DSN(t), filepath.Join(t.TempDir(), "catruc.key")
	c := seedCluster(t, dsn, key, mb)
	insts := []*instance{startInstance(t, dsn, key, "a"), startInstance(t, dsn, key, "b")}
	lead := waitLeader(t, insts, 30*time.Second)
	other := insts[1-indexOf(insts, lead)]
	t.Logf("leader %s, follower %s", lead.name, other.name)

	// Work through both instances: each shift queues news for its guard.
	c.shift(t, other, c.an, 1)
	c.shift(t, lead, c.binh, 1)
	// The leader's next scheduled sweep (every minute): it alone runs it.
	lead.waitLog(t, `msg="job ran" job=sweep by=schedule`, 75*time.Second)
	c.waitDelivered(t, mb, 30*time.Second)

	// SIGKILL the leader at a quiet moment (nothing claimed, nothing unsent):
	// a kill between a delivery and its record is the one repeat the outbox allows.
	killedAt := time.Now()
	lead.kill(t)
	newLead := waitLeader(t, []*instance{other}, time.Minute)
	t.Logf("%s leads %.1f s after the kill", newLead.name, time.Since(killedAt).Seconds())
	c.shift(t, other, c.an, 2)
	c.shift(t, other, c.binh, 2)
	// The jobs go on there: a scheduled sweep after the take-over.
	other.waitLog(t, `msg="job ran" job=sweep by=schedule`, 75*time.Second)
	c.waitDelivered(t, mb, 30*time.Second)

	checkOnceEach(t, c, mb)
	checkTicksOnce(t, insts)
	runs, err := c.st.JobRuns(context.Background())
	if err != nil || !runs[scheduler.JobSweep].LastRun.After(killedAt) {
		t.Fatalf("the sweep's last run %v is not after the kill at %v (%v)", runs[scheduler.JobSweep].LastRun, killedAt, err)
	}
}

// cluster is the seeded office: a post watched around the clock, two guards
// with email, a manager told of gaps, an admin token.
type cluster struct {
	st       *store.Store
	token    string
	post     int64
	an, binh int64
}

func seedCluster(t *testing.T, dsn, key string, mb *clusterMailbox) *cluster {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dsn, store.WithKeyFile(key))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c := &cluster{st: st}
	p := &scheduler.Post{Code: "tru-so", Name: "Trụ sở HĐND, UBND tỉnh", Kind: "guard", Active: true,
		Requirements: []scheduler.Requirement{{Days: []int{1, 2, 3, 4, 5, 6, 7}, Start: "07:00", End: "19:00", Headcount: 1}}}
	if err := st.CreatePost(ctx, p); err != nil {
		t.Fatal(err)
	}
	c.post = p.ID
	for _, g := range []struct {
		id          *int64
		name, email string
	}{{&c.an, "Nguyễn Văn An", "an@example.vn"}, {&c.binh, "Lê Văn Bình", "binh@example.vn"}} {
		gd := &scheduler.Guard{Name: g.name, Email: g.email, Unit: "office", Active: true, PostIDs: []int64{p.ID}}
		if err := st.CreateGuard(ctx, gd); err != nil {
			t.Fatal(err)
		}
		*g.id = gd.ID
	}
	if _, err := st.SetNotificationSettings(ctx, scheduler.NotificationSettings{EscalateAfterMinutes: 30,
		Managers: []scheduler.Person{{Name: "Trần Thị Hoa", Email: "hoa@example.vn"}},
		SMTP:     scheduler.SMTP{Host: "127.0.0.1", Port: mb.port, From: "catruc@example.vn", TLS: "none"}}, false); err != nil {
		t.Fatal(err)
	}
	js := scheduler.DefaultJobSettings()
	js.Schedules[scheduler.JobSweep] = "* * * * *"
	if _, err := st.SetJobSettings(ctx, js); err != nil {
		t.Fatal(err)
	}
	if c.token, _, err = st.CreateToken(ctx, "cluster-test", scheduler.RoleAdmin, nil); err != nil {
		t.Fatal(err)
	}
	return c
}

// shift creates guard's day shift day days ahead through inst's API.
func (c *cluster) shift(t *testing.T, inst *instance, guard int64, day int) {
	t.Helper()
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	d := time.Now().In(loc).AddDate(0, 0, day)
	start := time.Date(d.Year(), d.Month(), d.Day(), 7, 0, 0, 0, loc)
	body := fmt.Sprintf(`{"post_id":%d,"guard_id":%d,"start":%q,"end":%q}`, c.post, guard,
		start.Format(time.RFC3339), start.Add(12*time.Hour).Format(time.RFC3339))
	req, _ := http.NewRequest("POST", inst.base+"/api/v1/shifts", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 201 {
		t.Fatalf("POST /shifts on %s: %d %s", inst.name, res.StatusCode, b)
	}
}

// waitDelivered waits until the outbox holds no pending notification.
func (c *cluster) waitDelivered(t *testing.T, mb *clusterMailbox, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		pending, err := c.st.FindNotifications(context.Background(), scheduler.NotifyPending, 1000)
		if err != nil {
			t.Fatal(err)
		}
		if len(pending) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d notifications still pending after %v (first: %s to %s)", len(pending), within,
				pending[0].Type, pending[0].Recipient)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// checkOnceEach checks that every notification queued was sent, and
// received exactly once, and that nothing else was received.
func checkOnceEach(t *testing.T, c *cluster, mb *clusterMailbox) {
	t.Helper()
	all, err := c.st.FindNotifications(context.Background(), "", 1000)
	if err != nil {
		t.Fatal(err)
	}
	got := mb.byID()
	types := map[string]int{}
	for _, n := range all {
		types[n.Type]++
		if n.Status != scheduler.NotifySent {
			t.Errorf("notification %d (%s to %s) is %s: %s", n.ID, n.Type, n.Recipient, n.Status, n.LastError)
		}
		if k := got[fmt.Sprint(n.ID)]; k != 1 {
			t.Errorf("notification %d (%s to %s) received %d times", n.ID, n.Type, n.Recipient, k)
		}
		delete(got, fmt.Sprint(n.ID))
	}
	if len(got) != 0 {
		t.Errorf("received messages of no queued notification: %v", got)
	}
	if types[scheduler.TypeShiftChanged] < 4 || types[scheduler.TypeAlertOpened] < 1 {
		t.Errorf("notifications by type %v: want the 4 shifts' news and the sweep's gap alerts", types)
	}
	t.Logf("%d notifications, each received once: %v", len(all), types)
}

// checkTicksOnce checks that no scheduled run of a job at one minute's tick
// happened on both instances.
func checkTicksOnce(t *testing.T, insts []*instance) {
	t.Helper()
	re := regexp.MustCompile(`msg="job ran" job=(\S+) by=schedule started=(\S+)`)
	seen := map[string]string{}
	for _, in := range insts {
		for _, line := range in.lines() {
			m := re.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			at, err := time.Parse(time.RFC3339Nano, m[2])
			if err != nil {
				t.Fatalf("%s: %v", line, err)
			}
			tick := m[1] + " " + at.Truncate(time.Minute).UTC().Format(time.RFC3339)
			if prev, ok := seen[tick]; ok {
				t.Errorf("job %s ran on %s and on %s", tick, prev, in.name)
			}
			seen[tick] = in.name
		}
	}
	if len(seen) < 2 {
		t.Errorf("scheduled runs %v: want at least one before and one after the kill", seen)
	}
}

// instance is a `catruc serve` child process.
type instance struct {
	name string
	cmd  *exec.Cmd
	base string
	mu   sync.Mutex
	log  []string
	grew chan struct{} // signalled when a line is added
}

func startInstance(t *testing.T, dsn, key, name string) *instance {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestClusterLeaderFailover$")
	cmd.Env = append(os.Environ(), clusterChildEnv+"="+strings.Join([]string{"serve", "--addr", "127.0.0.1:0", "--db", dsn, "--key-file", key}, "\n"))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	in := &instance{name: name, cmd: cmd, grew: make(chan struct{}, 1)}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	go in.read(stderr)
	m := in.waitLog(t, `url=(http://[0-9.:]+)`, 30*time.Second)
	in.base = m[1]
	return in
}

// read keeps the child's log lines.
func (in *instance) read(r io.Reader) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		in.mu.Lock()
		in.log = append(in.log, sc.Text())
		in.mu.Unlock()
		select {
		case in.grew <- struct{}{}:
		default:
		}
	}
}

func (in *instance) lines() []string {
	in.mu.Lock()
	defer in.mu.Unlock()
	return append([]string(nil), in.log...)
}

// waitLog waits for a log line matching pattern (from the start of the log)
// and returns its submatches.
func (in *instance) waitLog(t *testing.T, pattern string, within time.Duration) []string {
	t.Helper()
	re := regexp.MustCompile(pattern)
	deadline := time.After(within)
	for {
		for _, l := range in.lines() {
			if m := re.FindStringSubmatch(l); m != nil {
				return m
			}
		}
		select {
		case <-in.grew:
		case <-time.After(200 * time.Millisecond):
		case <-deadline:
			t.Fatalf("%s logged no %q within %v; its log:\n%s", in.name, pattern, within, strings.Join(in.lines(), "\n"))
		}
	}
}

func (in *instance) kill(t *testing.T) {
	t.Helper()
	if err := in.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = in.cmd.Wait()
}

// leads reports whether the instance says it leads: its GET /readyz's
// "leader" (or, from a server without /readyz, its log).
func (in *instance) leads(t *testing.T) bool {
	res, err := http.Get(in.base + "/readyz")
	if err != nil {
		return false
	}
	defer res.Body.Close()
	if !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		taken, lost := 0, 0
		for _, l := range in.lines() {
			if strings.Contains(l, "cron leadership taken") {
				taken++
			}
			if strings.Contains(l, "cron leadership lost") {
				lost++
			}
		}
		return taken > lost
	}
	var r struct {
		Leader bool `json:"leader"`
	}
	if err := json.NewDecoder(res.Body).Decode(&r); err != nil {
		t.Fatalf("GET /readyz on %s: %v", in.name, err)
	}
	return r.Leader
}

// waitLeader waits until exactly one of insts leads, and stays so a
// second, and returns it.
func waitLeader(t *testing.T, insts []*instance, within time.Duration) *instance {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		var leaders []*instance
		for _, in := range insts {
			if in.leads(t) {
				leaders = append(leaders, in)
			}
		}
		if len(leaders) > 1 {
			t.Fatalf("%d instances lead at once", len(leaders))
		}
		if len(leaders) == 1 {
			time.Sleep(time.Second)
			if leaders[0].leads(t) {
				return leaders[0]
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no instance leads within %v", within)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func indexOf(insts []*instance, in *instance) int {
	for i, x := range insts {
		if x == in {
			return i
		}
	}
	return -1
}

// clusterMailbox is a real SMTP server (go-smtp) on loopback that counts
// the messages it receives by their notification id.
type clusterMailbox struct {
	mu   sync.Mutex
	ids  map[string]int
	port int
}

func (m *clusterMailbox) NewSession(*smtp.Conn) (smtp.Session, error) {
	return &clusterSession{m: m}, nil
}

type clusterSession struct{ m *clusterMailbox }

func (s *clusterSession) Mail(string, *smtp.MailOptions) error { return nil }
func (s *clusterSession) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (s *clusterSession) Reset()                               {}
func (s *clusterSession) Logout() error                        { return nil }
func (s *clusterSession) Data(r io.Reader) error {
	msg, err := mail.ReadMessage(r)
	if err != nil {
		return err
	}
	s.m.mu.Lock()
	s.m.ids[msg.Header.Get(notify.HeaderNotification)]++
	s.m.mu.Unlock()
	return nil
}

func (m *clusterMailbox) byID() map[string]int {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := map[string]int{}
	for k, v := range m.ids {
		out[k] = v
	}
	return out
}

func startClusterMailbox(t *testing.T) *clusterMailbox {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	m := &clusterMailbox{ids: map[string]int{}, port: l.Addr().(*net.TCPAddr).Port}
	srv := smtp.NewServer(m)
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.ErrorLog = log.New(io.Discard, "", 0)
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return m
}
