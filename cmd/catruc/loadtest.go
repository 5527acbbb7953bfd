package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"catruc/scheduler"
	"catruc/store"
)

// loadConfig is the configuration of `catruc loadtest`.
type loadConfig struct {
	Duration   time.Duration // of each phase
	Conns      int           // connections of each read phase
	Writers    int           // of the mixed phase
	Readers    int           // of the mixed phase
	Phases     string        // comma-separated: shifts, coverage, mixed, feeds
	DB         string        // a new database file ("" one in a temporary folder) or an empty postgres:// database
	CPUProfile string        // where to write a CPU profile of the phases, if set
	MemProfile string        // where to write a heap profile after the phases (in process), if set
	// MemoryLimit is the Go heap's soft limit, as serve's --memory-limit.
	MemoryLimit string
	// Server is where the server runs: "in-process" (beside the load's
	// clients) or "child" (`catruc serve` in a process of its own, measured alone).
	Server string
	// Instances is how many servers share the database (more than one:
	// child processes, the load's workers dealt among them in turn).
	Instances int
}

func parseLoadConfig(args []string, stderr io.Writer) (loadConfig, error) {
	cfg := loadConfig{}
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.DurationVar(&cfg.Duration, "duration", 10*time.Second, "how long each phase runs")
	fs.IntVar(&cfg.Conns, "conns", 50, "connections of the read phases")
	fs.IntVar(&cfg.Writers, "writers", 8, "writers of the mixed phase (each creates shifts)")
	fs.IntVar(&cfg.Readers, "readers", 20, "readers of the mixed phase (each reads a week's coverage)")
	fs.StringVar(&cfg.Phases, "phases", "shifts,coverage,mixed,feeds", "the phases to run, in order")
	fs.StringVar(&cfg.DB, "db", "", "a new database file to fill with the demo (default: one in a temporary folder), or an empty postgres:// database")
	fs.StringVar(&cfg.CPUProfile, "cpuprofile", "", "write a CPU profile of the phases to this file")
	fs.StringVar(&cfg.MemProfile, "memprofile", "", "write a heap profile (live objects) after the phases to this file (--server in-process)")
	fs.StringVar(&cfg.MemoryLimit, "memory-limit", defaultMemoryLimit, "the Go heap's soft limit, as serve's (0: none; GOMEMLIMIT wins)")
	fs.IntVar(&cfg.Instances, "instances", 1, "how many servers share the database, the load dealt among them (more than 1 needs --server child)")
	fs.StringVar(&cfg.Server, "server", "in-process", "in-process (server and clients in one process) or child (the server as `catruc serve` in a child process: its own CPU and peak RSS)")
	if _, err := parseFlags(fs, args); err != nil {
		return cfg, err
	}
	if cfg.Duration <= 0 || cfg.Conns <= 0 || cfg.Writers <= 0 || cfg.Readers <= 0 {
		return cfg, errors.New("loadtest: --duration, --conns, --writers and --readers must be positive")
	}
	if _, err := parseMemoryLimit(cfg.MemoryLimit); err != nil {
		return cfg, err
	}
	if cfg.Server != "in-process" && cfg.Server != "child" {
		return cfg, fmt.Errorf("loadtest: --server must be in-process or child, not %q", cfg.Server)
	}
	if cfg.Instances < 1 || cfg.Instances > 8 {
		return cfg, errors.New("loadtest: --instances must be 1 to 8")
	}
	if cfg.Instances > 1 && cfg.Server != "child" {
		return cfg, errors.New("loadtest: --instances above 1 runs each server in a process of its own: it needs --server child")
	}
	if cfg.MemProfile != "" && cfg.Server != "in-process" {
		return cfg, errors.New("loadtest: --memprofile profiles this process: it needs --server in-process")
	}
	for _, p := range strings.Split(cfg.Phases, ",") {
		if p != "shifts" && p != "coverage" && p != "mixed" && p != "feeds" {
			return cfg, fmt.Errorf("loadtest: unknown phase %q (shifts, coverage, mixed, feeds)", p)
		}
	}
	return cfg, nil
}

// cmdLoadtest measures the server under load: the real API and pages over
// HTTP on a loopback port, on a real SQLite file filled with the demo office
// and a month of its roster. It prints each phase's requests per second and
// latencies (p50, p99, max), and the answers that failed.
func cmdLoadtest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseLoadConfig(args, stderr)
	if err != nil {
		return err
	}
	if cfg.DB == "" {
		dir, err := os.MkdirTemp("", "catruc-loadtest-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		cfg.DB = filepath.Join(dir, "catruc.db")
	}
	if err := applyMemoryLimit(cfg.MemoryLimit, newLogger(io.Discard, "text", "info")); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "memory limit: %s\n", memoryLimitShown(cfg.MemoryLimit))
	lt, err := startLoadServer(ctx, cfg)
	if err != nil {
		return err
	}
	defer lt.stop()
	if cfg.CPUProfile != "" {
		f, err := os.Create(cfg.CPUProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	fmt.Fprintf(stdout, "catruc load test: %d CPUs (GOMAXPROCS %d), load average %s at start\n", runtime.NumCPU(),
		runtime.GOMAXPROCS(0), loadAverage())
	fmt.Fprintf(stdout, "demo office on %s (%s, %d server instance(s)): GET /shifts returns %d shifts (%s); GET /coverage covers %s\n",
		redactURL(cfg.DB), lt.backend, cfg.Instances, lt.monthShifts, lt.monthQuery, lt.weekQuery)
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "phase\trequests\tconns\tcount\treq/s\tp50\tp99\tmax\t5xx\tother\tCPU/req\t")
	var problems, peaks []string
	for _, phase := range strings.Split(cfg.Phases, ",") {
		cpu0 := lt.cpu()
		rest := lt.rss()
		stopRSS := lt.watchRSS(ctx)
		stats, err := lt.phase(ctx, phase, cfg)
		peak := stopRSS()
		if err != nil {
			return err
		}
		peaks = append(peaks, fmt.Sprintf("%s %s", phase, mb(peak)))
		if lt.child != nil {
			peaks[len(peaks)-1] += " (" + lt.child.memoryShown(rest) + ")"
		}
		cpu := lt.cpu() - cpu0
		total := 0
		for _, s := range stats {
			total += len(s.latencies)
		}
		for _, s := range stats {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%.0f\t%s\t%s\t%s\t%d\t%d\t%s\t\n", phase, s.name, s.workers,
				len(s.latencies), s.rate(), ms(s.quantile(0.5)), ms(s.quantile(0.99)), ms(s.quantile(1)), s.status5xx,
				s.other, perRequest(cpu, total))
			if s.firstBad != "" {
				problems = append(problems, fmt.Sprintf("%s %s: first failure: %s", phase, s.name, s.firstBad))
			}
		}
	}
	tw.Flush()
	if cfg.MemProfile != "" {
		if err := writeHeapProfile(cfg.MemProfile); err != nil {
			return err
		}
	}
	if lt.child != nil {
		fmt.Fprintln(stdout, "CPU/req: the server's CPU time (the child process alone) per answered request of the phase"+lt.instancesShown(" (all %d instances together)"))
		fmt.Fprintf(stdout, "peak RSS of the server alone (child process %d%s, VmHWM) in each phase: %s\n", lt.child.pid(),
			lt.instancesShown(", the first of %d instances"), strings.Join(peaks, ", "))
	} else {
		fmt.Fprintln(stdout, "CPU/req: the process's CPU time (server and load clients together) per answered request of the phase")
		fmt.Fprintf(stdout, "peak RSS of the process (server and clients) in each phase: %s\n", strings.Join(peaks, ", "))
	}
	for _, p := range problems {
		fmt.Fprintln(stdout, p)
	}
	return nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond)) }

func perRequest(cpu time.Duration, n int) string {
	if n == 0 || cpu <= 0 {
		return "-"
	}
	return fmt.Sprintf("%.0fµs", float64(cpu)/float64(n)/float64(time.Microsecond))
}

// loadAverage is the first line of /proc/loadavg's three figures, or "?".
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// loadServer is the server under test and what its phases ask for.
type loadServer struct {
	srv         *http.Server // nil when the server runs as a child process
	st          *store.Store
	bg          *background
	child       *loadChild   // the server's process with --server child
	others      []*loadChild // the other instances' processes (--instances)
	bases       []string     // every instance's address, lt.base first
	backend     string       // the store's: sqlite or postgres
	feeds       []string     // the paths of the demo's calendars, polled by the feeds phase
	base, token string
	post        int64          // the headquarters, where the writers add shifts
	writers     []int64        // a guard for each writer
	slots       []atomic.Int64 // each writer's next shift, counted in days from writeFrom
	writeFrom   time.Time
	monthQuery  string // the query of GET /shifts: one month
	weekQuery   string // the query of GET /coverage: one week
	monthShifts int
}

// phase runs one phase and returns the figures of its groups.
func (lt *loadServer) phase(ctx context.Context, name string, cfg loadConfig) ([]*loadStats, error) {
	if name == "feeds" {
		return lt.feedLoad(ctx, cfg)
	}
	get := func(path string) loadRequest {
		return func(int, int) (string, string, []byte) { return http.MethodGet, path, nil }
	}
	conns := cfg.Conns
	if name == "mixed" {
		conns = cfg.Readers + cfg.Writers
	}
	d := lt.driver(conns)
	defer d.close()
	switch name {
	case "shifts":
		return d.run(ctx, cfg.Duration, loadGroup{name: "GET /shifts", workers: cfg.Conns,
			next: get("/api/v1/shifts?" + lt.monthQuery), want: http.StatusOK}), nil
	case "coverage":
		return d.run(ctx, cfg.Duration, loadGroup{name: "GET /coverage", workers: cfg.Conns,
			next: get("/api/v1/coverage?" + lt.weekQuery), want: http.StatusOK}), nil
	}
	return d.run(ctx, cfg.Duration,
		loadGroup{name: "POST /shifts", workers: cfg.Writers, next: lt.newShift, want: http.StatusCreated},
		loadGroup{name: "GET /coverage", workers: cfg.Readers, next: get("/api/v1/coverage?" + lt.weekQuery), want: http.StatusOK}), nil
}

// newShift is writer w's n-th shift: 8 hours at the headquarters for the
// writer's own guard, every other day from writeFrom, so that no two
// overlap and no labour rule refuses them.
func (lt *loadServer) newShift(w, _ int) (string, string, []byte) {
	w %= len(lt.writers)
	n := int(lt.slots[w].Add(1) - 1) // across phases: never a slot twice
	start := lt.writeFrom.AddDate(0, 0, 2*n).Add(time.Duration(w%3) * time.Hour)
	body, _ := json.Marshal(map[string]any{"post_id": lt.post, "guard_id": lt.writers[w],
		"start": start.Format(time.RFC3339), "end": start.Add(8 * time.Hour).Format(time.RFC3339), "note": "tải thử"})
	return http.MethodPost, "/api/v1/shifts", body
}

func (lt *loadServer) stop() {
	if lt.child != nil {
		lt.stopChildren()
		return
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = lt.srv.Shutdown(sctx)
	lt.bg.stop()
	lt.st.Close()
}

// startLoadServer fills a new database with the demo office, a month of its
// roster, a guard for each writer, an admin token and the demo's calendars,
// and serves it on a loopback port as `serve --jobs=false` does: in this
// process, logging to nowhere, or with cfg.Server "child" as `catruc serve`
// in a child process (the store closed here first).
func startLoadServer(ctx context.Context, cfg loadConfig) (*loadServer, error) {
	path := cfg.DB
	if _, err := os.Stat(path); err == nil && !isPostgresURL(path) {
		return nil, fmt.Errorf("loadtest: %s exists: give a new file", path)
	}
	now := time.Now()
	st, err := store.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	lt := &loadServer{st: st, backend: st.Backend()}
	if err := lt.fill(ctx, now, cfg.Writers); err != nil {
		st.Close()
		return nil, err
	}
	if lt.feeds, err = lt.feedPaths(ctx); err != nil {
		st.Close()
		return nil, err
	}
	if cfg.Server == "child" {
		lt.st = nil
		if err := st.Close(); err != nil {
			return nil, err
		}
		if err := lt.startChildren(ctx, path, cfg); err != nil {
			return nil, err
		}
		return lt, lt.check(ctx)
	}
	return lt, lt.serveInProcess(ctx, path)
}

// serveInProcess serves lt.st on a loopback port from this process.
func (lt *loadServer) serveInProcess(ctx context.Context, path string) error {
	st := lt.st
	log := newLogger(io.Discard, "text", "info") // the access log is written, to nowhere
	cfg := serveConfig{Addr: "127.0.0.1:0", DB: path, LogLevel: "info", LogFormat: "text"}
	var err error
	if lt.bg, err = startBackground(ctx, cfg, st, log); err != nil {
		st.Close()
		return err
	}
	plans, err := startPlanning(ctx, st, log)
	if err != nil {
		lt.bg.stop()
		st.Close()
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		plans.Close()
		lt.bg.stop()
		st.Close()
		return err
	}
	lt.srv, _ = newHTTPServer(cfg, ln, st, lt.bg, plans, log)
	lt.srv.RegisterOnShutdown(func() { plans.Close() })
	lt.base = "http://" + ln.Addr().String()
	lt.bases = []string{lt.base}
	go func() { _ = lt.srv.Serve(ln) }()
	return lt.check(ctx)
}

// fill loads the demo, generates its rotations a month and a half ahead,
// and adds a guard for each writer.
func (lt *loadServer) fill(ctx context.Context, now time.Time, writers int) error {
	ctx = scheduler.WithActor(ctx, "loadtest")
	st := lt.st
	if loaded, err := st.LoadDemo(ctx, now); err != nil {
		return err
	} else if !loaded {
		return fmt.Errorf("loadtest: %s already holds an office: give an empty database", st.Redacted())
	}
	loc := st.Location()
	today := scheduler.DayStart(now, loc)
	rots, err := st.FindRotations(ctx, scheduler.RotationFilter{})
	if err != nil {
		return err
	}
	until := today.AddDate(0, 0, 45).Format(scheduler.DateLayout)
	for _, r := range rots {
		if _, err := st.GenerateRotation(ctx, r.ID, until); err != nil {
			return err
		}
	}
	active := true
	posts, err := st.FindPosts(ctx, scheduler.PostFilter{Active: &active})
	if err != nil {
		return err
	}
	for _, p := range posts {
		if p.Kind == scheduler.PostKindGuard && lt.post == 0 {
			lt.post = p.ID
		}
	}
	for i := range writers {
		g := &scheduler.Guard{Name: fmt.Sprintf("Bảo vệ tải thử %d", i+1), Unit: scheduler.UnitOffice, Active: true,
			Skills: []string{}, PostIDs: []int64{lt.post}}
		if err := st.CreateGuard(ctx, g); err != nil {
			return err
		}
		lt.writers = append(lt.writers, g.ID)
	}
	lt.slots = make([]atomic.Int64, len(lt.writers))
	if lt.token, _, err = st.CreateToken(ctx, "loadtest", scheduler.RoleAdmin, nil); err != nil {
		return err
	}
	lt.writeFrom = today.AddDate(0, 0, 60).Add(7 * time.Hour)
	lt.monthQuery = "from=" + today.Format(scheduler.DateLayout) + "&to=" + today.AddDate(0, 1, 0).Format(scheduler.DateLayout)
	lt.weekQuery = "from=" + today.Format(scheduler.DateLayout) + "&to=" + today.AddDate(0, 0, 7).Format(scheduler.DateLayout)
	return nil
}

// check asks once for what the phases ask, and counts the month's shifts.
func (lt *loadServer) check(ctx context.Context) error {
	d := lt.driver(1)
	defer d.close()
	for i, path := range []string{"/api/v1/shifts?" + lt.monthQuery, "/api/v1/coverage?" + lt.weekQuery} {
		base := lt.bases[i%len(lt.bases)] // with two instances, each answers one
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+path, nil)
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+lt.token)
		resp, err := d.client.Do(req)
		if err != nil {
			return err
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("loadtest: GET %s: %d %s", path, resp.StatusCode, truncate(body, 300))
		}
		if strings.HasPrefix(path, "/api/v1/shifts") {
			var ss []json.RawMessage
			if err := json.Unmarshal(body, &ss); err != nil {
				return fmt.Errorf("loadtest: GET %s: %w", path, err)
			}
			lt.monthShifts = len(ss)
		}
	}
	return nil
}

// writeHeapProfile writes the heap profile of this process to path, after
// a collection (so that its in-use figures are the live heap's).
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
