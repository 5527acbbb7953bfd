package main

import (
	"io"
	"testing"
)

// Ensure --memory-limit reads the sizes it documents, refuses the others,
// and defaults to 48 MiB for serve.
func TestMemoryLimitFlag(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64 // -1: no limit; 0: refused
	}{
		{"48MiB", 48 << 20}, {"64MB", 64e6}, {"1GiB", 1 << 30}, {"1.5GiB", 3 << 29}, {"100000000", 1e8},
		{"0", -1}, {"off", -1}, {" 32MiB ", 32 << 20},
		{"", 0}, {"lots", 0}, {"-5MiB", 0}, {"1MiB", 0}, {"48 XB", 0},
	} {
		got, err := parseMemoryLimit(tc.in)
		if tc.want == 0 {
			if err == nil {
				t.Errorf("parseMemoryLimit(%q) = %d, want refused", tc.in, got)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("parseMemoryLimit(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
	cfg, err := parseServeConfig(nil, io.Discard)
	if err != nil || cfg.MemoryLimit != "48MiB" {
		t.Fatalf("serve's default memory limit = %q, %v; want 48MiB", cfg.MemoryLimit, err)
	}
	if _, err := parseServeConfig([]string{"--memory-limit", "a lot"}, io.Discard); err == nil {
		t.Fatal("serve accepted --memory-limit 'a lot'")
	}
}
