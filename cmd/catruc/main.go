// Command catruc plans and watches the duty roster of the guards who keep an
// office's posts covered 24/24. Subcommands: serve, token, user, backup,
// doctor, version, and the tools (nrp, loadtest).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	_ "time/tzdata" // the office zone must load on machines without a zone database
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "catruc:", err)
		}
		os.Exit(exitStatus(err))
	}
}

// exitError is an error that sets the process's exit status: `nrp check`
// exits 1 when the roster breaks hard constraints. Every other error exits 2.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// exitStatus is the exit status for an error run returned: an exitError's
// code, else 2 (bad usage or a failure).
func exitStatus(err error) int {
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return 2
}

const usage = `catruc — duty rosters that keep every post covered.

Usage:
  catruc serve [--addr 127.0.0.1:8080] [--db catruc.db] [--demo] [--metrics-addr HOST:PORT]
  catruc version
  catruc doctor --db PATH|postgres://… [--key-file FILE]
  catruc token create --db PATH --name NAME --role admin|manager|guard|viewer|metrics [--guard-id N]
  catruc token list   --db PATH
  catruc token revoke --db PATH NAME
  catruc user add --db PATH --name NAME --role ROLE [--guard-id N] --password-stdin
  catruc user list --db PATH
  catruc user passwd --db PATH NAME --password-stdin
  catruc backup --db PATH --out FILE
  catruc copy --from SRC --to DST [--quiet]
      SRC and DST are each a SQLite file or a postgres:// URL; DST must hold no office
      (a new file or an empty database). Every table is copied in one transaction with
      its ids, then verified by rows and SHA-256 per table; exits 1 if they differ.
  catruc nrp solve [--time 60s] [--seed N] [--out FILE] INSTANCE.txt
  catruc nrp check INSTANCE.txt ROSTER
  catruc loadtest [--duration 10s] [--conns 50] [--writers 8] [--readers 20] [--server in-process|child] [--cpuprofile FILE]

Every flag can also be set as an environment variable: --db as CATRUC_DB,
--addr as CATRUC_ADDR, --demo as CATRUC_DEMO=1, and so on.
`

// run is main without the process: testable.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("a subcommand is required")
	}
	switch args[0] {
	case "serve":
		return cmdServe(ctx, args[1:], stdout, stderr)
	case "token":
		return cmdToken(ctx, args[1:], stdout, stderr)
	case "backup":
		return cmdBackup(ctx, args[1:], stdout, stderr)
	case "copy":
		return cmdCopy(ctx, args[1:], stdout, stderr)
	case "user":
		return cmdUser(ctx, args[1:], stdin, stdout, stderr)
	case "nrp":
		return cmdNRP(ctx, args[1:], stdout, stderr)
	case "loadtest":
		return cmdLoadtest(ctx, args[1:], stdout, stderr)
	case "version", "--version":
		return cmdVersion(ctx, args[1:], stdout, stderr)
	case "doctor":
		return cmdDoctor(ctx, args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown subcommand %q", args[0])
}

// envName is the environment variable of a flag: --base-url → CATRUC_BASE_URL.
func envName(flagName string) string {
	return "CATRUC_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// parseFlags parses args, letting flags and positional arguments mix, after
// filling every flag not given on the command line from its CATRUC_*
// environment variable. It returns the positional arguments.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		if v, ok := os.LookupEnv(envName(f.Name)); ok && !given[f.Name] && err == nil {
			if e := f.Value.Set(v); e != nil {
				err = fmt.Errorf("%s=%q: %v", envName(f.Name), v, e)
			}
		}
	})
	return pos, err
}
