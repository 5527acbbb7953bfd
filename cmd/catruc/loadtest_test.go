package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Ensure `catruc loadtest` runs every phase against the demo over HTTP and
// prints each one's figures, with no failed answer (the figures themselves
// are measured, not judged: see BENCHMARKS.md).
func TestLoadtestPrintsFigures(t *testing.T) {
	var out, errb bytes.Buffer
	if err := run(context.Background(), []string{"loadtest", "--duration", "300ms", "--conns", "4", "--writers", "2",
		"--readers", "2"}, nil, &out, &errb); err != nil {
		t.Fatalf("loadtest: %v\n%s", err, errb.String())
	}
	s := strings.Join(strings.Fields(out.String()), " ") // the table's columns aligned with spaces
	for _, want := range []string{"GET /shifts returns", "shifts GET /shifts 4", "coverage GET /coverage 4", "mixed POST /shifts 2",
		"mixed GET /coverage 2", "feeds GET /ical/… 4", "feeds POST /shifts 1", "peak RSS"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "first failure") {
		t.Errorf("a request failed:\n%s", s)
	}
	if strings.Contains(s, "returns 0 shifts") {
		t.Errorf("the month read is empty:\n%s", s)
	}
}

// loadChildEnv carries the arguments of `catruc` to the test binary run
// again as the server of TestLoadtestChildServer.
const loadChildEnv = "CATRUC_TEST_LOAD_CHILD"

// Ensure `catruc loadtest --server child` serves the phases from `catruc
// serve` in a child process and reports that process's own figures: its
// peak RSS (read from /proc) and CPU, with no failed answer.
func TestLoadtestChildServer(t *testing.T) {
	if args := os.Getenv(loadChildEnv); args != "" {
		os.Args = append([]string{"catruc"}, strings.Split(args, "\n")...)
		main()
		os.Exit(0)
	}
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc: the child's memory cannot be read")
	}
	old := loadChildCommand
	defer func() { loadChildCommand = old }()
	loadChildCommand = func(args []string) *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestLoadtestChildServer$")
		cmd.Env = append(os.Environ(), loadChildEnv+"="+strings.Join(args, "\n"))
		return cmd
	}
	var out, errb bytes.Buffer
	if err := run(context.Background(), []string{"loadtest", "--server", "child", "--duration", "300ms", "--conns", "4",
		"--writers", "2", "--readers", "2", "--phases", "shifts,feeds"}, nil, &out, &errb); err != nil {
		t.Fatalf("loadtest: %v\n%s", err, errb.String())
	}
	s := strings.Join(strings.Fields(out.String()), " ")
	for _, want := range []string{"shifts GET /shifts 4", "feeds GET /ical/… 4", "feeds POST /shifts 1",
		"CPU/req: the server's CPU time (the child process alone)", "peak RSS of the server alone (child process"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "first failure") {
		t.Errorf("a request failed:\n%s", s)
	}
	m := regexp.MustCompile(`feeds ([0-9.]+) MB \(([0-9.]+) MB before the phase`).FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("no peak RSS of the feeds phase:\n%s", s)
	}
	if peak, _ := strconv.ParseFloat(m[1], 64); peak < 5 {
		t.Errorf("the server's peak RSS reads %s MB: not a server's", m[1])
	}
}

// Ensure --server takes only its two values.
func TestLoadtestServerFlag(t *testing.T) {
	var errb bytes.Buffer
	if _, err := parseLoadConfig([]string{"--server", "remote"}, &errb); err == nil || !strings.Contains(err.Error(), "--server") {
		t.Errorf("--server remote: err = %v, want one naming --server", err)
	}
}

// Ensure `catruc loadtest --server child --instances 2` serves the load from
// two `catruc serve` processes on one database, each group's workers dealt
// between them, and that every write and read is answered (the writers of
// the two instances never collide: one writer, one guard).
func TestLoadtestTwoInstances(t *testing.T) {
	if args := os.Getenv(loadChildEnv); args != "" {
		os.Args = append([]string{"catruc"}, strings.Split(args, "\n")...)
		main()
		os.Exit(0)
	}
	old := loadChildCommand
	defer func() { loadChildCommand = old }()
	loadChildCommand = func(args []string) *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestLoadtestTwoInstances$")
		cmd.Env = append(os.Environ(), loadChildEnv+"="+strings.Join(args, "\n"))
		return cmd
	}
	var out, errb bytes.Buffer
	if err := run(context.Background(), []string{"loadtest", "--server", "child", "--instances", "2", "--duration", "500ms",
		"--writers", "2", "--readers", "2", "--phases", "mixed"}, nil, &out, &errb); err != nil {
		t.Fatalf("loadtest: %v\n%s", err, errb.String())
	}
	s := strings.Join(strings.Fields(out.String()), " ")
	for _, want := range []string{"(sqlite, 2 server instance(s))", "mixed POST /shifts 2", "mixed GET /coverage 2",
		"(all 2 instances together)", "the first of 2 instances"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "first failure") {
		t.Errorf("a request failed:\n%s", s)
	}
	var errs bytes.Buffer
	if _, err := parseLoadConfig([]string{"--instances", "2"}, &errs); err == nil || !strings.Contains(err.Error(), "--server child") {
		t.Errorf("--instances 2 in process: %v", err)
	}
}
