package main

import (
	"fmt"
	"log/slog"
	"math"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
)

// defaultMemoryLimit is the Go heap's soft limit that `serve` sets unless
// told otherwise (--memory-limit, or GOMEMLIMIT in the environment): the
// collector then works harder as the heap nears it instead of letting it
// grow to twice the live heap (GOGC=100). The demo under the feed load
// holds about 20 MB live; 48 MiB keeps its peak RSS under 60 MB at a cost
// of a few percent of CPU (BENCHMARKS.md, issue 11).
const defaultMemoryLimit = "48MiB"

// parseMemoryLimit reads a size such as "48MiB", "64MB", "1GiB" or a
// number of bytes; "0" or "off" is no limit (-1).
func parseMemoryLimit(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "0" || strings.EqualFold(s, "off") {
		return -1, nil
	}
	units := []struct {
		suffix string
		mult   float64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"B", 1}}
	num, mult := s, 1.0
	for _, u := range units {
		if strings.HasSuffix(s, u.suffix) {
			num, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.mult
			break
		}
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || v < 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, fmt.Errorf("--memory-limit %q: want a size such as 48MiB, 64MB or 0 (off)", s)
	}
	n := v * mult
	if n < 16<<20 {
		return 0, fmt.Errorf("--memory-limit %q: at least 16MiB, or 0 (off)", s)
	}
	if n > math.MaxInt64/2 {
		return 0, fmt.Errorf("--memory-limit %q: too large", s)
	}
	return int64(n), nil
}

// applyMemoryLimit sets the Go heap's soft limit from limit (a
// --memory-limit value), unless GOMEMLIMIT is set in the environment, which
// the runtime has applied already and wins.
func applyMemoryLimit(limit string, log *slog.Logger) error {
	if env := os.Getenv("GOMEMLIMIT"); env != "" {
		log.Info("memory limit from GOMEMLIMIT", "limit", env)
		return nil
	}
	n, err := parseMemoryLimit(limit)
	if err != nil {
		return err
	}
	if n < 0 {
		debug.SetMemoryLimit(math.MaxInt64)
		return nil
	}
	debug.SetMemoryLimit(n)
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(limitedGCPercent)
	}
	return nil
}

// limitedGCPercent is the collector's pace under a memory limit (unless GOGC
// is set): a collection when the heap has grown by half of what is live,
// not by all of it. With the limit alone the heap of a server answering
// feeds sat at the limit; at 50 % the demo under the feed load peaks about
// 20 MB lower for some 10 % of its feed throughput (BENCHMARKS.md, issue 11).
const limitedGCPercent = 50

// releaseStartupMemory hands the heap that starting up took (migrations, the
// demo's year of shifts, the templates checked) back to the system once, so
// that a server at rest does not hold its start-up peak.
func releaseStartupMemory() { debug.FreeOSMemory() }

// memoryLimitShown is the limit in force, as a load test reports it.
func memoryLimitShown(limit string) string {
	if env := os.Getenv("GOMEMLIMIT"); env != "" {
		return "GOMEMLIMIT=" + env
	}
	return "--memory-limit=" + limit
}
