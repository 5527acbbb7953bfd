package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"catruc/scheduler"
)

// feedPaths makes the demo's calendars — every guard's own, every post's,
// the whole office's and the police post's — and returns their paths.
func (lt *loadServer) feedPaths(ctx context.Context) ([]string, error) {
	ctx = scheduler.WithActor(ctx, "loadtest")
	var cals []*scheduler.Calendar
	guards, err := lt.st.FindGuards(ctx, scheduler.GuardFilter{})
	if err != nil {
		return nil, err
	}
	for _, g := range guards {
		id := g.ID
		cals = append(cals, &scheduler.Calendar{Scope: scheduler.ScopeGuard, TargetID: &id})
	}
	posts, err := lt.st.FindPosts(ctx, scheduler.PostFilter{})
	if err != nil {
		return nil, err
	}
	for _, p := range posts {
		id := p.ID
		cals = append(cals, &scheduler.Calendar{Scope: scheduler.ScopePost, TargetID: &id})
	}
	cals = append(cals, &scheduler.Calendar{Scope: scheduler.ScopeAll}, &scheduler.Calendar{Scope: scheduler.ScopePolice})
	var paths []string
	for _, c := range cals {
		secret, err := lt.st.CreateCalendar(ctx, c)
		if err != nil {
			return nil, err
		}
		paths = append(paths, "/ical/"+secret+".ics")
	}
	return paths, nil
}

// feedLoad is the feeds phase: phones polling every calendar of the demo
// (half of them asking for gzip), while a manager changes the roster every
// changeEvery, so that feeds are built again after each change.
func (lt *loadServer) feedLoad(ctx context.Context, cfg loadConfig) ([]*loadStats, error) {
	paths := lt.feeds
	d := lt.driver(cfg.Conns + 1)
	defer d.close()
	var next atomic.Int64
	poll := func(w, n int) (string, string, []byte) {
		return http.MethodGet, paths[int(next.Add(1))%len(paths)], nil
	}
	gzipOf := func(w int) bool { return w%2 == 0 }
	changes := func(w, n int) (string, string, []byte) {
		time.Sleep(changeEvery)
		return lt.newShift(0, n)
	}
	return d.run(ctx, cfg.Duration,
		loadGroup{name: "GET /ical/…", workers: cfg.Conns, next: poll, want: http.StatusOK, gzip: gzipOf},
		loadGroup{name: "POST /shifts", workers: 1, next: changes, want: http.StatusCreated}), nil
}

// changeEvery is how often the feeds phase changes the roster.
const changeEvery = 250 * time.Millisecond

// peakRSS samples the resident memory of the process whose /proc status
// file is status until ctx ends, and then sends the highest seen (bytes; 0
// where /proc is missing).
func peakRSS(ctx context.Context, status string, out chan<- int64) {
	var peak int64
	t := time.NewTicker(20 * time.Millisecond)
	defer t.Stop()
	for {
		if v := statusBytes(status, "VmRSS:"); v > peak {
			peak = v
		}
		select {
		case <-ctx.Done():
			out <- peak
			return
		case <-t.C:
		}
	}
}

// statusBytes is a field of a /proc status file given in kB (VmRSS:,
// VmHWM:), in bytes; 0 when it cannot be read.
func statusBytes(status, field string) int64 {
	b, err := os.ReadFile(status)
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, field); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				kb, _ := strconv.ParseInt(f[0], 10, 64)
				return kb * 1024
			}
		}
	}
	return 0
}

func mb(b int64) string { return fmt.Sprintf("%.1f MB", float64(b)/(1<<20)) }
