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
	"time"

	"catruc/api"
	"catruc/scheduler"
	"catruc/scheduler/engine"
	"catruc/scheduler/notify"
	"catruc/scheduler/roster"
	"catruc/store"
	"catruc/web"
)

// serveConfig is the configuration of `catruc serve`: defaults, then
// environment, then flags; Validate before use.
type serveConfig struct {
	Addr      string
	DB        string
	Demo      bool
	Jobs      bool
	BaseURL   string
	LogLevel  string
	LogFormat string
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
	cfg := serveConfig{}
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.Addr, "addr", "127.0.0.1:8080", "address to listen on")
	fs.StringVar(&cfg.DB, "db", "catruc.db", "SQLite database file (created if missing)")
	fs.BoolVar(&cfg.Demo, "demo", false, "load the demo office into an empty database and print a demo admin token")
	fs.StringVar(&cfg.BaseURL, "base-url", "", "the public address used in links, e.g. https://lichtruc.example.vn (default: http://<addr>)")
	fs.BoolVar(&cfg.Jobs, "jobs", true, "run the cron jobs and deliver notifications (--jobs=false: API only)")
	fs.StringVar(&cfg.LogLevel, "log-level", "info", "debug, info, warn or error")
	fs.StringVar(&cfg.LogFormat, "log-format", "text", "text or json")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	log := newLogger(stderr, cfg.LogFormat, cfg.LogLevel)

	st, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	schema, _ := st.SchemaVersion(ctx)
	log.Info("database open", "path", cfg.DB, "schema", schema, "timezone", st.Location().String())

	var demoToken string
	var demoLogins []store.DemoLogin
	if cfg.Demo {
		loaded, err := st.LoadDemo(ctx, time.Now())
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		if loaded {
			log.Info("demo office loaded", "days", store.DemoDays)
		} else {
			log.Info("the database already holds data: the demo office was not loaded over it")
		}
		if demoToken, err = st.IssueDemoToken(ctx); err != nil {
			return fmt.Errorf("demo token: %w", err)
		}
		if demoLogins, err = st.IssueDemoLogins(ctx); err != nil {
			return fmt.Errorf("demo logins: %w", err)
		}
	}

	hub := engine.NewHub()
	wake := make(chan struct{}, 1)
	var eng *engine.Engine
	runCtx, stopRun := context.WithCancel(context.WithoutCancel(ctx))
	defer stopRun()
	senderDone := make(chan struct{})
	catchUp := make(chan struct{})
	if cfg.Jobs {
		eng = engine.New(engine.Config{Store: st, Logger: log, Hub: hub, Wake: wake})
		if err := eng.Start(ctx); err != nil {
			return fmt.Errorf("jobs: %w", err)
		}
		// Catch up at start: the roster filled ahead and the alerts current
		// without waiting for the first scheduled runs.
		go func() {
			defer close(catchUp)
			for _, job := range []string{scheduler.JobHorizon, scheduler.JobSweep} {
				eng.Run(runCtx, job)
			}
		}()
		sender := &notify.Sender{Outbox: st, Logger: log}
		go func() { defer close(senderDone); sender.Run(runCtx, 30*time.Second, wake) }()
		log.Info("jobs scheduled", "timezone", st.Location().String())
	} else {
		close(senderDone)
		close(catchUp)
	}

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	baseURL := cfg.BaseURL
	if baseURL == "" {
		baseURL = "http://" + ln.Addr().String()
	}
	svc := roster.New(st) // one roster service behind both doors
	e, _ := api.New(api.Config{Store: st, Roster: svc, Logger: log, Now: scheduler.SystemClock, Engine: eng, Hub: hub,
		Wake: wake, BaseURL: strings.TrimRight(baseURL, "/")})
	web.Register(e, web.Deps{Store: st, Roster: svc, Engine: eng, Hub: hub, Wake: wake, Logger: log,
		BaseURL: strings.TrimRight(baseURL, "/")})

	srv := &http.Server{Handler: e, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute,
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	srv.RegisterOnShutdown(hub.Close) // live streams end, so that shutdown need not wait for them
	base := "http://" + ln.Addr().String()
	log.Info("catruc listening", "url", base)
	if cfg.Demo {
		printDemo(stdout, base, demoToken, demoLogins)
	}

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
	err = srv.Shutdown(sctx)
	if eng != nil {
		eng.Stop() // waits for running jobs
	}
	stopRun()
	<-senderDone
	<-catchUp
	if err != nil {
		return err
	}
	log.Info("stopped")
	return nil
}

func printDemo(w io.Writer, base, token string, logins []store.DemoLogin) {
	var b strings.Builder
	fmt.Fprintf(&b, "\ncatruc demo office is running at %s\n\n", base)
	fmt.Fprintf(&b, "Log in at %s/login (new passwords at each start):\n", base)
	for _, l := range logins {
		fmt.Fprintf(&b, "  %-8s password %s   (%s)\n", l.Name, l.Password, l.Who)
	}
	fmt.Fprintln(&b)
	fmt.Fprintf(&b, "Demo admin token (shown once; a new one is issued at each start):\n  %s\n\n", token)
	fmt.Fprintf(&b, "Try:\n")
	fmt.Fprintf(&b, "  curl %s/healthz\n", base)
	fmt.Fprintf(&b, "  curl -H 'Authorization: Bearer %s' %s/api/v1/posts\n", token, base)
	fmt.Fprintf(&b, "  curl -H 'Authorization: Bearer %s' %s/api/v1/guards\n", token, base)
	fmt.Fprintf(&b, "  curl -H 'Authorization: Bearer %s' '%s/api/v1/shifts?from=%s&post_id=1'\n\n", token, base,
		time.Now().Format(scheduler.DateLayout))
	fmt.Fprint(w, b.String())
}
