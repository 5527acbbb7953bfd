package main

import (
	"bytes"
	"context"
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
