package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"catruc/api"
	"catruc/scheduler"
	"catruc/scheduler/engine"
	"catruc/scheduler/notify"
	"catruc/scheduler/planning"
	"catruc/scheduler/roster"
	"catruc/store"
	"catruc/web"
)

// serveConfig is the configuration of `catruc serve`: defaults, then
// environment, then flags; Validate before use.
type serveConfig struct {
	Addr string
	DB   string // a SQLite file, or a postgres:// DSN
	// KeyFile is the key that seals stored secrets ("": <db>.key beside a
	// SQLite file, catruc.key on PostgreSQL; every instance needs the same).
	KeyFile   string
	Demo      bool
	Jobs      bool
	BaseURL   string
	LogLevel  string
	LogFormat string
	// MemoryLimit is the Go heap's soft limit (memlimit.go): "48MiB" by
	// default, "0" for none; GOMEMLIMIT in the environment wins.
	MemoryLimit string
	// MetricsAddr, when set, is a second listener serving GET /metrics
	// without a token, for the operator's network only ("": none; the main
	// address serves /metrics to admin and metrics tokens either way).
	MetricsAddr string
	// TrustedProxies lists the reverse proxies (addresses or CIDR ranges,
	// comma-separated) whose X-Forwarded-For names the client: the login
	// throttle counts per client address, which behind a proxy is otherwise
	// the proxy's, shared by everyone.
	TrustedProxies string

	// sender, when set, adjusts the outbox's sender before it starts (a test
	// keeps every email and webhook on the machine this way).
	sender func(*notify.Sender)
	// timeouts are the HTTP server's; zero fields take the defaults (tests shorten them).
	timeouts httpTimeouts
}

// httpTimeouts bound what one connection may hold of the server. Zero
// fields take the defaults of defaultTimeouts.
type httpTimeouts struct {
	ReadHeader time.Duration // to read a request's headers
	Read       time.Duration // to read a whole request, body included
	// Write bounds a handler's answer (from the end of the headers); the
	// live streams lift it for their own length.
	Write          time.Duration
	Idle           time.Duration // a kept-alive connection waiting for its next request
	MaxHeaderBytes int           // the request line and headers
}

// defaultTimeouts: a request has 30 s to arrive whole (a trickled body is
// dropped then) and its answer 60 s to be written (the longest a write may
// wait for a busy database is well under that); an idle connection is
// closed after 2 minutes; headers are limited to 32 KB.
var defaultTimeouts = httpTimeouts{ReadHeader: 10 * time.Second, Read: 30 * time.Second, Write: time.Minute,
	Idle: 2 * time.Minute, MaxHeaderBytes: 32 << 10}

// withDefaults fills the zero fields from defaultTimeouts.
func (t httpTimeouts) withDefaults() httpTimeouts {
	d := defaultTimeouts
	if t.ReadHeader > 0 {
		d.ReadHeader = t.ReadHeader
	}
	if t.Read > 0 {
		d.Read = t.Read
	}
	if t.Write > 0 {
		d.Write = t.Write
	}
	if t.Idle > 0 {
		d.Idle = t.Idle
	}
	if t.MaxHeaderBytes > 0 {
		d.MaxHeaderBytes = t.MaxHeaderBytes
	}
	return d
}

func (c *serveConfig) Validate() error {
	if c.Addr == "" {
		return errors.New("--addr is required")
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return fmt.Errorf("--addr %q: %v", c.Addr, err)
	}
	if c.DB == "" {
		return errors.New("--db is required")
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") {
			return fmt.Errorf("--base-url must be an http or https address without a path, e.g. https://lichtruc.example.vn")
		}
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return fmt.Errorf("--log-format must be text or json")
	}
	var l slog.Level
	if err := l.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return fmt.Errorf("--log-level must be debug, info, warn or error")
	}
	if c.MemoryLimit != "" {
		if _, err := parseMemoryLimit(c.MemoryLimit); err != nil {
			return err
		}
	}
	if c.MetricsAddr != "" {
		if _, _, err := net.SplitHostPort(c.MetricsAddr); err != nil {
			return fmt.Errorf("--metrics-addr %q: %v", c.MetricsAddr, err)
		}
	}
	if _, err := api.ParseTrustedProxies(c.TrustedProxies); err != nil {
		return fmt.Errorf("--trusted-proxies: %v", err)
	}
	return nil
}

func newLogger(w io.Writer, format, level string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level))
	opts := &slog.HandlerOptions{Level: l}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseServeConfig(args, stderr)
	if err != nil {
		return err
	}
	return serve(ctx, cfg, stdout, stderr)
}

// parseServeConfig reads the flags of `serve` (and their CATRUC_* variables) and validates them.
func parseServeConfig(args []string, stderr io.Writer) (serveConfig, error) {
	cfg := serveConfig{}
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.Addr, "addr", "127.0.0.1:8080", "address to listen on")
	fs.StringVar(&cfg.DB, "db", "catruc.db", "SQLite database file (created if missing), or postgres://user:password@host/db (PostgreSQL)")
	fs.StringVar(&cfg.KeyFile, "key-file", "", "the key that seals stored secrets (default: <db>.key beside a SQLite file, "+store.DefaultPGKeyFile+" on PostgreSQL)")
	fs.BoolVar(&cfg.Demo, "demo", false, "load the demo office into an empty database and print demo logins and an admin token")
	fs.StringVar(&cfg.BaseURL, "base-url", "", "the public address used in links, e.g. https://lichtruc.example.vn (default: http://<addr>)")
	fs.BoolVar(&cfg.Jobs, "jobs", true, "run the cron jobs and deliver notifications (--jobs=false: API only)")
	fs.StringVar(&cfg.LogLevel, "log-level", "info", "debug, info, warn or error")
	fs.StringVar(&cfg.LogFormat, "log-format", "text", "text or json")
	fs.StringVar(&cfg.MemoryLimit, "memory-limit", defaultMemoryLimit, "the Go heap's soft limit, e.g. 48MiB, 64MB; 0: none (GOMEMLIMIT in the environment wins)")
	fs.StringVar(&cfg.TrustedProxies, "trusted-proxies", "", "reverse proxies whose X-Forwarded-For names the client, e.g. 10.0.0.5 or 172.28.0.0/16 (comma-separated; default none)")
	fs.StringVar(&cfg.MetricsAddr, "metrics-addr", "", "also serve GET /metrics without a token on this address, e.g. 127.0.0.1:9090 (keep it off public networks)")
	if _, err := parseFlags(fs, args); err != nil {
		return cfg, err
	}
	return cfg, cfg.Validate()
}

// serve runs the server of cfg until ctx ends, then stops it gracefully.
func serve(ctx context.Context, cfg serveConfig, stdout, stderr io.Writer) error {
	log := newLogger(stderr, cfg.LogFormat, cfg.LogLevel)
	if cfg.MemoryLimit != "" {
		if err := applyMemoryLimit(cfg.MemoryLimit, log); err != nil {
			return err
		}
	}
	var opts []store.Option
	if cfg.KeyFile != "" {
		opts = append(opts, store.WithKeyFile(cfg.KeyFile))
	}
	st, err := openStore(ctx, cfg.DB, log, opts...)
	if err != nil {
		return err
	}
	defer st.Close()
	var access *demoAccess
	if cfg.Demo {
		if access, err = prepareDemo(ctx, st, log, time.Now()); err != nil {
			return err
		}
	}
	bg, err := startBackground(ctx, cfg, st, log)
	if err != nil {
		return err
	}
	defer bg.stop()
	plans, err := startPlanning(ctx, st, log)
	if err != nil {
		return err
	}
	defer plans.Close() // before the store closes: running plans end "failed", interrupted
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	srv, metricsHandler := newHTTPServer(cfg, ln, st, bg, plans, log)
	if cfg.MetricsAddr != "" {
		stopMetrics, err := serveMetrics(cfg.MetricsAddr, metricsHandler, log)
		if err != nil {
			ln.Close()
			return err
		}
		defer stopMetrics()
	}
	base := "http://" + ln.Addr().String()
	if access != nil {
		// Printed before the "listening" line, which is what scripts wait for.
		printDemo(stdout, base, access, time.Now().In(st.Location()))
	}
	releaseStartupMemory()
	log.Info("catruc listening", "url", base)
	return runHTTP(ctx, srv, ln, bg, log)
}

// openStore opens (creating and migrating) the database.
func openStore(ctx context.Context, path string, log *slog.Logger, opts ...store.Option) (*store.Store, error) {
	st, err := store.Open(ctx, path, opts...)
	if err != nil {
		return nil, err
	}
	schema, _ := st.SchemaVersion(ctx)
	log.Info("database open", "backend", st.Backend(), "path", st.Redacted(), "schema", schema, "timezone", st.Location().String())
	return st, nil
}

// demoAccess is what the demo prints at start: new at each start.
type demoAccess struct {
	Token  string            // an admin API token
	Logins []store.DemoLogin // logins for the pages
}

// prepareDemo loads the demo office into an empty database and issues its token and logins.
func prepareDemo(ctx context.Context, st *store.Store, log *slog.Logger, now time.Time) (*demoAccess, error) {
	loaded, err := st.LoadDemo(ctx, now)
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	if loaded {
		log.Info("demo office loaded", "days", store.DemoDays)
	} else {
		log.Info("the database already holds data: the demo office was not loaded over it")
	}
	a := &demoAccess{}
	if a.Token, err = st.IssueDemoToken(ctx); err != nil {
		return nil, fmt.Errorf("demo token: %w", err)
	}
	if a.Logins, err = st.IssueDemoLogins(ctx); err != nil {
		return nil, fmt.Errorf("demo logins: %w", err)
	}
	return a, nil
}

// background is what runs beside the requests: the cron jobs, the catch-up
// runs and the outbox's sender. Without jobs only the hub and the wake
// channel exist.
type background struct {
	hub     *engine.Hub
	wake    chan struct{}
	eng     *engine.Engine    // nil with --jobs=false
	lead    *store.Leadership // nil with --jobs=false
	stopRun context.CancelFunc
	catchUp sync.WaitGroup  // the catch-up runs in flight
	done    []chan struct{} // closed when the sender has ended
	st      *store.Store    // whose outbox claims the sender gives back when it stops
}

// isLeader reports whether this instance runs the cron jobs: with --jobs,
// while it holds the leadership (always on SQLite); never without.
func (bg *background) isLeader() bool { return bg.lead != nil && bg.lead.IsLeader() }

// startBackground starts the jobs and the sender (with cfg.Jobs). The jobs
// run on the cron leader only (several instances may share a PostgreSQL
// database; on SQLite this instance leads at once); each time this instance
// becomes leader it first catches up: the rotations generated up to the
// horizon, then a sweep, so that the alerts are current without waiting for
// the next scheduled runs. The sender runs on every instance: the outbox
// hands each notification to one of them.
func startBackground(ctx context.Context, cfg serveConfig, st *store.Store, log *slog.Logger) (*background, error) {
	runCtx, stopRun := context.WithCancel(context.WithoutCancel(ctx))
	bg := &background{hub: engine.NewHub(), wake: make(chan struct{}, 1), stopRun: stopRun}
	bridgeHub(runCtx, bg.hub, st, log)
	if !cfg.Jobs {
		return bg, nil
	}
	// leading follows the leadership's own calls: the first comes from its
	// goroutine, possibly before Lead has returned.
	var leading atomic.Bool
	eng := engine.New(engine.Config{Store: st, Logger: log, Hub: bg.hub, Wake: bg.wake, Leader: leading.Load})
	lead := st.Lead(runCtx, func(leads bool) {
		leading.Store(leads)
		eng.LeaderChanged(leads)
		if leads {
			bg.catchUp.Add(1)
			go func() { defer bg.catchUp.Done(); catchUpJobs(runCtx, eng, log) }()
		}
	}, store.LeadOptions{Logger: log})
	bg.eng, bg.lead, bg.st = eng, lead, st
	if err := eng.Start(ctx); err != nil {
		stopRun()
		lead.Stop()
		bg.catchUp.Wait()
		return nil, fmt.Errorf("jobs: %w", err)
	}
	senderDone := make(chan struct{})
	bg.done = []chan struct{}{senderDone}
	sender := &notify.Sender{Outbox: st, Logger: log}
	if cfg.sender != nil {
		cfg.sender(sender)
	}
	go func() { defer close(senderDone); sender.Run(runCtx, 30*time.Second, bg.wake) }()
	log.Info("jobs scheduled", "timezone", st.Location().String(), "database", st.Backend())
	return bg, nil
}

// bridgeHub connects the live alert streams to the other instances on the
// database (PostgreSQL; on SQLite this instance is alone) until ctx ends.
func bridgeHub(ctx context.Context, hub *engine.Hub, st *store.Store, log *slog.Logger) {
	if st.Backend() != "postgres" {
		return
	}
	hooks := store.ListenHooks{Lost: func(err error) {
		log.Warn("live alerts of the other instances: connection lost; listening again", "err", err)
	}}
	hub.Bridge(ctx, st, engine.ListenFunc(func(ctx context.Context, topic string, fn func([]byte)) error {
		return st.Listen(ctx, topic, fn, hooks)
	}), st, log)
}

// catchUpJobs runs the jobs that catch up, while this instance leads.
func catchUpJobs(ctx context.Context, eng *engine.Engine, log *slog.Logger) {
	for _, job := range []string{scheduler.JobHorizon, scheduler.JobSweep} {
		if ctx.Err() != nil || !eng.IsLeader() {
			return
		}
		eng.Run(ctx, job)
	}
	log.Info("jobs caught up", "jobs", scheduler.JobHorizon+", "+scheduler.JobSweep)
}

// stop stops the jobs (waiting for those running), gives the leadership up,
// and stops the sender. It may be called twice.
func (bg *background) stop() {
	if bg.eng != nil {
		bg.eng.Stop()
		bg.eng = nil
	}
	bg.lead.Stop()
	bg.stopRun()
	bg.catchUp.Wait()
	for _, c := range bg.done {
		<-c
	}
	if bg.st != nil {
		// What this sender claimed and did not deliver is another instance's at once.
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_ = bg.st.ReleaseClaims(ctx)
		cancel()
		bg.st = nil
	}
}

// startPlanning starts the plans service; the plans a previous server left
// running are marked failed (interrupted), the expired ones removed.
func startPlanning(ctx context.Context, st *store.Store, log *slog.Logger) (*planning.Service, error) {
	plans := planning.New(st, planning.Options{Logger: log, Now: scheduler.SystemClock})
	n, err := plans.Recover(ctx)
	if err != nil {
		return nil, fmt.Errorf("plans: %w", err)
	}
	if n > 0 {
		log.Warn("plans interrupted by the last stop marked failed", "plans", n)
	}
	return plans, nil
}

// newHTTPServer wires the API and the pages into one server; it returns the
// API's /metrics handler too, for --metrics-addr.
func newHTTPServer(cfg serveConfig, ln net.Listener, st *store.Store, bg *background, plans *planning.Service, log *slog.Logger) (*http.Server, http.Handler) {
	baseURL := strings.TrimRight(cfg.BaseURL, "/")
	if baseURL == "" {
		baseURL = "http://" + ln.Addr().String()
	}
	svc := roster.New(st)                                     // one roster service behind both doors
	proxies, _ := api.ParseTrustedProxies(cfg.TrustedProxies) // checked by validate
	e, apiSrv := api.New(api.Config{Store: st, Roster: svc, TrustedProxies: proxies, Planning: plans, Logger: log, Now: scheduler.SystemClock,
		Engine: bg.eng, Hub: bg.hub, Wake: bg.wake, BaseURL: baseURL, Leader: bg.isLeader, Version: readBuildInfo().String()})
	web.Register(e, web.Deps{Store: st, Roster: svc, Engine: bg.eng, Hub: bg.hub, Wake: bg.wake, Logger: log, BaseURL: baseURL, Planning: plans})
	to := cfg.timeouts.withDefaults()
	srv := &http.Server{Handler: e, ReadHeaderTimeout: to.ReadHeader, ReadTimeout: to.Read, WriteTimeout: to.Write,
		IdleTimeout: to.Idle, MaxHeaderBytes: to.MaxHeaderBytes, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	srv.RegisterOnShutdown(bg.hub.Close) // live streams end, so that shutdown need not wait for them
	return srv, apiSrv.MetricsHandler()
}

// runHTTP serves until ctx ends, then lets the requests in flight finish (up
// to 30 s) and stops the background.
func runHTTP(ctx context.Context, srv *http.Server, ln net.Listener, bg *background, log *slog.Logger) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: letting requests in flight finish")
	sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := srv.Shutdown(sctx)
	bg.stop()
	if err != nil {
		return err
	}
	log.Info("stopped")
	return nil
}

// printDemo tells how to log in and what to try; today is now in the office zone.
func printDemo(w io.Writer, base string, a *demoAccess, today time.Time) {
	var b strings.Builder
	fmt.Fprintf(&b, "\ncatruc demo office is running at %s\n\n", base)
	fmt.Fprintf(&b, "Log in at %s/login (new passwords at each start):\n", base)
	for _, l := range a.Logins {
		fmt.Fprintf(&b, "  %-8s password %s   (%s)\n", l.Name, l.Password, l.Who)
	}
	fmt.Fprintln(&b)
	fmt.Fprintf(&b, "Demo admin token (shown once; a new one is issued at each start):\n  %s\n\n", a.Token)
	fmt.Fprintf(&b, "Try:\n")
	fmt.Fprintf(&b, "  curl %s/healthz\n", base)
	fmt.Fprintf(&b, "  curl -H 'Authorization: Bearer %s' %s/api/v1/posts\n", a.Token, base)
	fmt.Fprintf(&b, "  curl -H 'Authorization: Bearer %s' %s/api/v1/guards\n", a.Token, base)
	fmt.Fprintf(&b, "  curl -H 'Authorization: Bearer %s' '%s/api/v1/shifts?from=%s&post_id=1'\n\n", a.Token, base,
		today.Format(scheduler.DateLayout))
	fmt.Fprintf(&b, "Duty desk (check-in, handover, no-shows):\n")
	fmt.Fprintf(&b, "  an: still checked in from yesterday's 24-hour shift at the headquarters: %s/me offers the check-out with the handover\n", base)
	fmt.Fprintf(&b, "  today's headquarters shift (07:00) raises a no_show alert at 07:15 until its guard checks in\n")
	fmt.Fprintf(&b, "  check-in sheet (QR) of a post: %s/posts/1/checkin-sheet; the day's duty log: %s/posts/3/log\n\n", base, base)
	fmt.Fprint(w, b.String())
}
