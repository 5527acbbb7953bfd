package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// nrpInstance1 is the benchmark's Instance1 (kept beside the checker's tests).
var nrpInstance1 = filepath.Join("..", "..", "scheduler", "nrpcheck", "testdata", "Instance1.txt")

// nrp607 is an optimal roster of Instance1: the published optimum, 607.
const nrp607 = `A - D D D D - - D D - - D D D
B D D D D D - - - D D - - D D
C D D D - - D D D - - D D - -
D D D - - - D D D D D - - - -
E - D D D D - - D D - - D D D
F D D D D D - - D D - - D D -
G - - D D D - - D D D - - D D
H D D - - - - - - D D D D D -
`

func writeTemp(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

// Ensure `catruc nrp check` prints the report with "objective N" last and
// returns what makes main exit 0 (feasible), 1 (hard violations) or 2 (bad
// usage, unreadable or malformed files).
func TestNRPCheck(t *testing.T) {
	allOff := ""
	for _, id := range strings.Fields("A B C D E F G H") {
		allOff += id + strings.Repeat(" -", 14) + "\n"
	}
	// H also works day 13: 6 days in a row (max 5), which meets H's on request (−1) and
	// over-covers day 13 (+1): still 607, but infeasible.
	tooLong := strings.Replace(nrp607, "H D D - - - - - - D D D D D -", "H D D - - - - - - D D D D D D", 1)
	tests := []struct {
		name     string
		args     []string
		status   int    // exitStatus of the error; 0 for none
		last     string // last line of stdout; "" for no stdout
		contains []string
		stderr   string
	}{
		{"optimal roster", []string{nrpInstance1, writeTemp(t, "opt", nrp607)}, 0, "objective 607",
			[]string{"hard violations: 0\n", "on requests: 3 (3 of 21 unmet)\n", "off requests: 3 (1 of 5 met)\n",
				"cover under: 600 (6 short)\n", "cover over: 1 (1 extra)\n"}, ""},
		{"all off", []string{nrpInstance1, writeTemp(t, "off", allOff)}, 1, "objective 7137",
			[]string{"violation: A: min total minutes: 0 < 3360\n", "violation: H: min total minutes: 0 < 3360\n",
				"hard violations: 8\n", "cover under: 7100 (71 short)\n"}, ""},
		{"too many in a row", []string{writeTemp(t, "i.txt", mustRead(t, nrpInstance1)), writeTemp(t, "long", tooLong)}, 1, "objective 607",
			[]string{"violation: H: max consecutive shifts: days 8-13 (Tue-Sun): 6 in a row > 5\nhard violations: 1\n",
				"on requests: 2 (2 of 21 unmet)\n", "cover over: 2 (2 extra)\n"}, ""},
		{"no roster", []string{nrpInstance1}, 2, "", nil, "Usage: catruc nrp check INSTANCE.txt ROSTER"},
		{"missing roster file", []string{nrpInstance1, filepath.Join(t.TempDir(), "none")}, 2, "", nil, ""},
		{"malformed roster", []string{nrpInstance1, writeTemp(t, "bad", strings.Replace(nrp607, "C D D D", "C D X D", 1))}, 2, "", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			err := run(context.Background(), append([]string{"nrp", "check"}, tt.args...), nil, &out, &errOut)
			status := 0
			if err != nil {
				status = exitStatus(err)
			}
			if status != tt.status {
				t.Fatalf("exit status %d (%v), want %d\nstdout:\n%s", status, err, tt.status, out.String())
			}
			if tt.last == "" && out.Len() != 0 {
				t.Errorf("stdout %q, want nothing", out.String())
			}
			if tt.last != "" && lastLine(out.String()) != tt.last {
				t.Errorf("last line %q, want %q\n%s", lastLine(out.String()), tt.last, out.String())
			}
			for _, s := range tt.contains {
				if !strings.Contains(out.String(), s) {
					t.Errorf("stdout lacks %q:\n%s", s, out.String())
				}
			}
			if !strings.Contains(errOut.String(), tt.stderr) {
				t.Errorf("stderr %q lacks %q", errOut.String(), tt.stderr)
			}
		})
	}
	// The errors say what is wrong and where.
	_, err := runErr(nrpInstance1, writeTemp(t, "bad", strings.Replace(nrp607, "C D D D", "C D X D", 1)))
	if err == nil || !strings.Contains(err.Error(), "bad:3: staff C: day 1: unknown shift \"X\"") {
		t.Errorf("malformed roster: %v", err)
	}
	_, err = runErr(nrpInstance1, writeTemp(t, "off", allOff))
	if err == nil || err.Error() != "nrp check: 8 hard violations" {
		t.Errorf("infeasible roster: %v", err)
	}
}

func runErr(args ...string) (string, error) {
	var out bytes.Buffer
	err := run(context.Background(), append([]string{"nrp", "check"}, args...), nil, &out, &bytes.Buffer{})
	return out.String(), err
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Ensure the process itself exits 0, 1 and 2: the test binary runs main()
// again in a child process with the arguments in CATRUC_TEST_MAIN_ARGS.
func TestNRPCheckExitStatus(t *testing.T) {
	if args := os.Getenv("CATRUC_TEST_MAIN_ARGS"); args != "" {
		os.Args = append([]string{"catruc"}, strings.Split(args, "\n")...)
		main()
		os.Exit(0)
	}
	allOff := ""
	for _, id := range strings.Fields("A B C D E F G H") {
		allOff += id + strings.Repeat(" -", 14) + "\n"
	}
	tests := []struct {
		name   string
		args   []string
		status int
		last   string
	}{
		{"feasible", []string{"nrp", "check", nrpInstance1, writeTemp(t, "opt", nrp607)}, 0, "objective 607"},
		{"hard violations", []string{"nrp", "check", nrpInstance1, writeTemp(t, "off", allOff)}, 1, "objective 7137"},
		{"unreadable instance", []string{"nrp", "check", filepath.Join(t.TempDir(), "none.txt"), writeTemp(t, "opt", nrp607)}, 2, ""},
		{"bad usage", []string{"nrp", "check", nrpInstance1}, 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestNRPCheckExitStatus$")
			cmd.Env = append(os.Environ(), "CATRUC_TEST_MAIN_ARGS="+strings.Join(tt.args, "\n"))
			var out, errOut bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errOut
			err := cmd.Run()
			status := 0
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				status = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if status != tt.status {
				t.Errorf("exit status %d, want %d\nstderr: %s", status, tt.status, errOut.String())
			}
			if tt.last != "" && lastLine(out.String()) != tt.last {
				t.Errorf("last line %q, want %q", lastLine(out.String()), tt.last)
			}
			if tt.status != 0 && !strings.Contains(errOut.String(), "catruc: nrp check: ") {
				t.Errorf("stderr %q has no reason", errOut.String())
			}
		})
	}
}
