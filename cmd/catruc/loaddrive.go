package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"
)

// loadRequest makes the next request of one worker: n counts that worker's
// requests from 0. The body is sent as JSON when not nil.
type loadRequest func(worker, n int) (method, path string, body []byte)

// loadGroup is a set of workers that send the same kind of request, each
// on its own connection, one request after the other.
type loadGroup struct {
	name    string
	workers int
	next    loadRequest
	want    int            // the status a good answer has (200, 201)
	gzip    func(int) bool // whether worker w asks for gzip (nil: none does)
}

// loadStats is what one group measured.
type loadStats struct {
	name      string
	workers   int
	latencies []time.Duration // of every answered request, sorted
	elapsed   time.Duration
	status5xx int // answers 500–599
	other     int // answers that are neither want nor 5xx, and transport errors
	firstBad  string
}

func (s *loadStats) rate() float64 { return float64(len(s.latencies)) / s.elapsed.Seconds() }

// quantile is the q-quantile of the latencies (nearest rank), 0 when none.
func (s *loadStats) quantile(q float64) time.Duration {
	if len(s.latencies) == 0 {
		return 0
	}
	i := int(q*float64(len(s.latencies))+0.5) - 1
	return s.latencies[min(max(i, 0), len(s.latencies)-1)]
}

// loadDriver sends requests to base with a bearer token; with several
// bases (instances of the server on one database), worker w of each group
// sends to bases[w mod their number], so each group's load is shared evenly.
type loadDriver struct {
	base, token string
	bases       []string
	client      *http.Client
}

func newLoadDriver(base, token string, conns int) *loadDriver {
	tr := &http.Transport{MaxIdleConns: conns, MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns,
		DisableCompression: true, IdleConnTimeout: time.Minute}
	return &loadDriver{base: base, token: token, client: &http.Client{Transport: tr, Timeout: 30 * time.Second}}
}

// run runs the groups side by side for d and returns each one's figures.
func (l *loadDriver) run(ctx context.Context, d time.Duration, groups ...loadGroup) []*loadStats {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	out := make([]*loadStats, len(groups))
	var wg sync.WaitGroup
	var mu sync.Mutex
	start := time.Now()
	for gi, g := range groups {
		out[gi] = &loadStats{name: g.name, workers: g.workers}
		for w := range g.workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				lat, bad5, other, first := l.work(ctx, g, w)
				mu.Lock()
				defer mu.Unlock()
				st := out[gi]
				st.latencies = append(st.latencies, lat...)
				st.status5xx += bad5
				st.other += other
				if st.firstBad == "" {
					st.firstBad = first
				}
			}()
		}
	}
	wg.Wait()
	elapsed := time.Since(start)
	for _, st := range out {
		st.elapsed = elapsed
		slices.Sort(st.latencies)
	}
	return out
}

// work is one worker's loop until ctx ends. A request cut short by the end
// of the run is not counted.
func (l *loadDriver) work(ctx context.Context, g loadGroup, w int) (lat []time.Duration, bad5, other int, first string) {
	for n := 0; ctx.Err() == nil; n++ {
		method, path, body := g.next(w, n)
		var rd io.Reader
		if body != nil {
			rd = bytes.NewReader(body)
		}
		base := l.base
		if len(l.bases) > 0 {
			base = l.bases[w%len(l.bases)]
		}
		req, err := http.NewRequestWithContext(ctx, method, base+path, rd)
		if err != nil {
			return lat, bad5, other + 1, err.Error()
		}
		req.Header.Set("Authorization", "Bearer "+l.token)
		if g.gzip != nil && g.gzip(w) {
			req.Header.Set("Accept-Encoding", "gzip") // the body is read as sent, not unpacked
		}
		if body != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		t0 := time.Now()
		resp, err := l.client.Do(req)
		if err != nil {
			if ctx.Err() == nil {
				other++
				first = firstOf(first, err.Error())
			}
			continue
		}
		var msg []byte
		if resp.StatusCode != g.want {
			msg, _ = io.ReadAll(io.LimitReader(resp.Body, 512))
		}
		_, _ = io.Copy(io.Discard, resp.Body) // not kept: the client's memory stays out of the server's figures
		resp.Body.Close()
		if ctx.Err() != nil {
			break
		}
		lat = append(lat, time.Since(t0))
		switch {
		case resp.StatusCode >= 500:
			bad5++
			first = firstOf(first, fmt.Sprintf("%s %s: %d %s", method, path, resp.StatusCode, truncate(msg, 200)))
		case resp.StatusCode != g.want:
			other++
			first = firstOf(first, fmt.Sprintf("%s %s: %d %s", method, path, resp.StatusCode, truncate(msg, 200)))
		}
	}
	return lat, bad5, other, first
}

func firstOf(first, s string) string {
	if first != "" {
		return first
	}
	return s
}

func truncate(b []byte, n int) string {
	if len(b) > n {
		return string(b[:n]) + "…"
	}
	return string(b)
}

// close closes the driver's idle connections.
func (l *loadDriver) close() { l.client.CloseIdleConnections() }
