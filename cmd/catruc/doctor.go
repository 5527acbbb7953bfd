package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strconv"
	"time"

	"catruc/store"
)

// `catruc doctor` checks a deployment: one line per check, OK, WARN or
// FAIL, and exit status 1 when any check fails. It only reads: it never
// creates, migrates or seals anything.

// Check statuses.
const (
	checkOK   = "OK"
	checkWarn = "WARN"
	checkFail = "FAIL"
)

// checkResult is one line of the doctor's report.
type checkResult struct {
	Status, Name, Detail string
}

// doctorConfig is what doctor checks.
type doctorConfig struct {
	DB      string
	Key     string        // the secrets key file ("": the store's default, as serve's --key-file)
	Timeout time.Duration // for each network check
}

// Clock skew against the database beyond which doctor warns, and fails.
const (
	skewWarn = 2 * time.Second
	skewFail = time.Minute
)

func cmdDoctor(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg := doctorConfig{}
	fs := flag.NewFlagSet("doctor", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.DB, "db", "catruc.db", "SQLite file, or postgres://… (PostgreSQL)")
	keyHelp := "the key file that seals stored secrets, as given to serve (default: <db>.key beside a SQLite file, " +
		store.DefaultPGKeyFile + " on PostgreSQL)"
	fs.StringVar(&cfg.Key, "key-file", "", keyHelp)
	fs.StringVar(&cfg.Key, "key", "", "the same as --key-file")
	fs.DurationVar(&cfg.Timeout, "timeout", 3*time.Second, "how long each network check may take")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if cfg.Timeout <= 0 {
		return errors.New("--timeout must be positive")
	}
	failed := 0
	for _, r := range runDoctor(ctx, cfg) {
		fmt.Fprintf(stdout, "%-4s  %-9s %s\n", r.Status, r.Name, r.Detail)
		if r.Status == checkFail {
			failed++
		}
	}
	if failed > 0 {
		return &exitError{code: 1, err: fmt.Errorf("doctor: %d check(s) failed", failed)}
	}
	return nil
}

// runDoctor runs every check it can: the schema first, and the others only
// on a database at this binary's schema (opening an older one would migrate it).
func runDoctor(ctx context.Context, cfg doctorConfig) []checkResult {
	res, current := checkSchema(ctx, cfg.DB)
	if !current {
		return append(res, checkResult{checkWarn, "other", "the other checks were not run: they need a database at this binary's schema"})
	}
	var opts []store.Option
	if cfg.Key != "" {
		opts = append(opts, store.WithKeyFile(cfg.Key))
	}
	st, err := store.Open(ctx, cfg.DB, opts...)
	if err != nil {
		return append(res, checkResult{checkFail, "database", err.Error()})
	}
	defer st.Close()
	res = append(res, checkIntegrity(ctx, st))
	targets, terr := st.NotifyTargets(ctx)
	res = append(res, checkKey(st, targets.Sealed), checkTimezone(ctx, st))
	if terr != nil {
		res = append(res, checkResult{checkFail, "notify", "reading the notification settings: " + terr.Error()})
	} else {
		res = append(res, checkSMTP(ctx, targets, cfg.Timeout))
		res = append(res, checkWebhooks(ctx, targets, cfg.Timeout)...)
	}
	return append(res, checkLeader(ctx, st), checkClock(ctx, st))
}

// checkSchema compares the database's schema with this binary's newest,
// without opening it as a store; current reports whether they are equal.
func checkSchema(ctx context.Context, dsn string) (res []checkResult, current bool) {
	newest := store.NewestSchema(dsn)
	v, err := store.PeekSchema(ctx, dsn)
	switch {
	case errors.Is(err, store.ErrNoDatabase):
		return []checkResult{{checkFail, "schema", fmt.Sprintf("no database at %s", dsn)}}, false
	case err != nil:
		return []checkResult{{checkFail, "schema", "the database does not answer: " + err.Error()}}, false
	case v == 0:
		return []checkResult{{checkFail, "schema", "not a catruc database (no schema): `catruc serve` creates one"}}, false
	case v < newest:
		return []checkResult{{checkWarn, "schema", fmt.Sprintf("schema %d, this binary's newest is %d: `catruc serve` migrates it at start", v, newest)}}, false
	case v > newest:
		return []checkResult{{checkFail, "schema", fmt.Sprintf("schema %d is newer than this binary's %d: run a newer catruc", v, newest)}}, false
	}
	return []checkResult{{checkOK, "schema", fmt.Sprintf("schema %d (this binary's newest)", v)}}, true
}

func checkIntegrity(ctx context.Context, st *store.Store) checkResult {
	v, err := st.Integrity(ctx)
	if err != nil {
		return checkResult{checkFail, "integrity", err.Error()}
	}
	if st.Backend() == "postgres" {
		return checkResult{checkOK, "integrity", "connected to " + v}
	}
	return checkResult{checkOK, "integrity", "SQLite integrity_check: " + v}
}

// checkKey checks the key that seals the SMTP password and webhook secrets.
// Missing is a failure only when a secret is stored that needs it.
func checkKey(st *store.Store, sealed bool) checkResult {
	path := st.KeyFile()
	mode, err := store.CheckKeyFile(path)
	switch {
	case errors.Is(err, os.ErrNotExist) && sealed:
		return checkResult{checkFail, "key", path + " is missing: the stored SMTP password and webhook secrets cannot be opened"}
	case errors.Is(err, os.ErrNotExist):
		return checkResult{checkWarn, "key", path + " does not exist yet (made when a secret is first saved)"}
	case err != nil:
		return checkResult{checkFail, "key", err.Error()}
	}
	return checkResult{checkOK, "key", fmt.Sprintf("%s, mode %04o, readable by its owner only", path, mode)}
}

func checkTimezone(ctx context.Context, st *store.Store) checkResult {
	tz, err := st.OfficeTimezone(ctx)
	if err != nil {
		return checkResult{checkFail, "timezone", fmt.Sprintf("%q: %v", tz, err)}
	}
	return checkResult{checkOK, "timezone", tz + " loads"}
}

// checkSMTP dials the SMTP server of the settings.
func checkSMTP(ctx context.Context, t store.NotifyTargets, timeout time.Duration) checkResult {
	if t.SMTPHost == "" {
		return checkResult{checkWarn, "smtp", "no SMTP server set: no email is sent"}
	}
	addr := net.JoinHostPort(t.SMTPHost, strconv.Itoa(t.SMTPPort))
	if err := dialCheck(ctx, addr, timeout); err != nil {
		return checkResult{checkFail, "smtp", addr + " unreachable: " + err.Error()}
	}
	return checkResult{checkOK, "smtp", addr + " reachable"}
}

// checkWebhooks dials the host of each webhook of the settings.
func checkWebhooks(ctx context.Context, t store.NotifyTargets, timeout time.Duration) []checkResult {
	if len(t.Webhooks) == 0 {
		return []checkResult{{checkOK, "webhook", "none set"}}
	}
	var out []checkResult
	for _, raw := range t.Webhooks {
		u, err := url.Parse(raw)
		if err != nil || u.Hostname() == "" {
			out = append(out, checkResult{checkFail, "webhook", "a webhook's URL does not parse"})
			continue
		}
		port := u.Port()
		if port == "" {
			port = map[string]string{"http": "80"}[u.Scheme]
			if port == "" {
				port = "443"
			}
		}
		addr := net.JoinHostPort(u.Hostname(), port)
		if err := dialCheck(ctx, addr, timeout); err != nil {
			out = append(out, checkResult{checkFail, "webhook", addr + " unreachable: " + err.Error()})
			continue
		}
		out = append(out, checkResult{checkOK, "webhook", addr + " reachable"})
	}
	return out
}

// dialCheck opens (and closes) a TCP connection to addr within timeout.
func dialCheck(ctx context.Context, addr string, timeout time.Duration) error {
	d := net.Dialer{Timeout: timeout}
	c, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	return c.Close()
}

func checkLeader(ctx context.Context, st *store.Store) checkResult {
	pid, client, held, ok, err := st.LeaderSession(ctx)
	switch {
	case !ok:
		return checkResult{checkOK, "leader", "SQLite: the serving process runs the jobs (this process would lead)"}
	case err != nil:
		return checkResult{checkWarn, "leader", "unknown: " + err.Error()}
	case !held:
		return checkResult{checkWarn, "leader", "no instance holds the cron leadership: the jobs run nowhere now"}
	}
	if client == "" {
		client = "local socket"
	}
	return checkResult{checkOK, "leader", fmt.Sprintf("held by a live session (backend pid %d, client %s)", pid, client)}
}

// checkClock compares this machine's clock with the database server's.
func checkClock(ctx context.Context, st *store.Store) checkResult {
	before := time.Now()
	dbNow, ok, err := st.DatabaseNow(ctx)
	if !ok {
		return checkResult{checkOK, "clock", "same machine (SQLite)"}
	}
	if err != nil {
		return checkResult{checkFail, "clock", "reading the database's clock: " + err.Error()}
	}
	local := before.Add(time.Since(before) / 2) // the middle of the round trip
	skew := local.Sub(dbNow)
	detail := fmt.Sprintf("this machine is %v off the database's clock", skew.Round(time.Millisecond))
	switch abs := max(skew, -skew); {
	case abs > skewFail:
		return checkResult{checkFail, "clock", detail}
	case abs > skewWarn:
		return checkResult{checkWarn, "clock", detail}
	}
	return checkResult{checkOK, "clock", detail}
}
