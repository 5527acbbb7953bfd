package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"catruc/scheduler/nrp"
	"catruc/scheduler/solver"
)

const nrpInstance3 = "../../scheduler/nrp/testdata/Instance3.txt"

// The roster file has one line per member in the file's order: the ID, then
// one token per day separated by single spaces, "-" off; stdout ends with
// "objective N", and N is the recomputed objective of the written roster.
func TestNRPSolveWritesTheRosterFormat(t *testing.T) {
	out := filepath.Join(t.TempDir(), "roster.txt")
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"nrp", "solve", "--time", "20s", "--iterations", "100", "--seed", "2", "--out", out, nrpInstance3}, nil, &stdout, &stderr)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	lines := strings.Split(strings.TrimRight(stdout.String(), "\n"), "\n")
	last := lines[len(lines)-1]
	mo := regexp.MustCompile(`^objective (\d+)$`).FindStringSubmatch(last)
	if mo == nil {
		t.Fatalf("last stdout line %q", last)
	}
	if !strings.Contains(stderr.String(), "best ") {
		t.Fatalf("no progress on stderr: %q", stderr.String())
	}
	f, _ := os.Open(nrpInstance3)
	m, err := nrp.Parse(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	rows := strings.Split(string(data), "\n")
	if rows[len(rows)-1] != "" || len(rows)-1 != len(m.Staff) {
		t.Fatalf("%d lines for %d members:\n%s", len(rows)-1, len(m.Staff), data)
	}
	shift := map[string]int{"-": solver.Off}
	for s, st := range m.Shifts {
		shift[st.ID] = s
	}
	r := make(solver.Roster, len(m.Staff))
	for e, row := range rows[:len(m.Staff)] {
		tok := strings.Split(row, " ")
		if tok[0] != m.Staff[e].ID || len(tok) != m.Days+1 {
			t.Fatalf("line %d = %q", e, row)
		}
		for _, x := range tok[1:] {
			s, ok := shift[x]
			if !ok {
				t.Fatalf("line %d: token %q", e, x)
			}
			r[e] = append(r[e], s)
		}
	}
	if v := m.Violations(r); len(v) > 0 {
		t.Fatalf("written roster breaks %v", v[0])
	}
	if got, _ := strconv.Atoi(mo[1]); got != m.Objective(r) {
		t.Fatalf("printed objective %d, roster's %d", got, m.Objective(r))
	}
}

func TestNRPSolveInfeasibleWritesNothing(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(nrpInstance3)
	if err != nil {
		t.Fatal(err)
	}
	// A may not work at all yet must work 3360 minutes.
	bad := strings.Replace(string(data), "A,E=14|D=14|L=0,", "A,E=0|D=0|L=0,", 1)
	inst := filepath.Join(dir, "bad.txt")
	os.WriteFile(inst, []byte(bad), 0o644)
	out := filepath.Join(dir, "roster.txt")
	var stdout, stderr bytes.Buffer
	err = run(context.Background(), []string{"nrp", "solve", "--time", "5s", "--iterations", "10", "--out", out, inst}, nil, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "no feasible roster") {
		t.Fatalf("err = %v", err)
	}
	if _, e := os.Stat(out); !os.IsNotExist(e) {
		t.Fatal("a roster file was written")
	}
	if strings.Contains(stdout.String(), "objective") {
		t.Fatalf("stdout %q", stdout.String())
	}
}

func TestNRPSolveNeedsAnInstance(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"nrp", "solve"}, nil, &stdout, &stderr); err == nil {
		t.Fatal("no error without an instance")
	}
}
