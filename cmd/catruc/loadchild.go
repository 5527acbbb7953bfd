package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// loadChildCommand makes the command that runs catruc with args: this
// program again (a test replaces it, its own binary being the test's).
var loadChildCommand = func(args []string) *exec.Cmd { return exec.Command(os.Args[0], args...) }

// loadChild is the server of `loadtest --server child`: `catruc serve --demo
// --jobs=false` in a process of its own on the filled database, so that its
// CPU and memory are measured without the load's clients.
type loadChild struct {
	cmd  *exec.Cmd
	base string
	done chan struct{} // closed when the process has exited

	mu   sync.Mutex
	tail []string // the last lines of its log, shown when it fails
}

// startLoadChild starts the server on db on a free loopback port and waits
// (up to a minute) for the line of its log that says where it listens.
func startLoadChild(ctx context.Context, db, memoryLimit string) (*loadChild, error) {
	cmd := loadChildCommand([]string{"serve", "--demo", "--jobs=false", "--db", db, "--addr", "127.0.0.1:0",
		"--memory-limit", memoryLimit, "--log-level", "info"})
	cmd.Stdout = io.Discard // the demo's logins and token: loadtest has its own token
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("loadtest: starting the server: %w", err)
	}
	c := &loadChild{cmd: cmd, done: make(chan struct{})}
	found := make(chan string, 1)
	go c.readLog(stderr, found)
	go func() { _ = cmd.Wait(); close(c.done) }()
	select {
	case c.base = <-found:
		return c, nil
	case <-c.done:
		return nil, fmt.Errorf("loadtest: the server exited at start: %s", c.lastLines())
	case <-ctx.Done():
		c.stop()
		return nil, ctx.Err()
	case <-time.After(time.Minute):
		c.stop()
		return nil, fmt.Errorf("loadtest: the server did not listen within a minute: %s", c.lastLines())
	}
}

var listeningURL = regexp.MustCompile(`msg="catruc listening" url=(http://[0-9.:]+)`)

// readLog reads the server's log (its access log included, one line a
// request) to the end, sends the URL it listens on, and keeps the last lines.
func (c *loadChild) readLog(r io.Reader, found chan<- string) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if m := listeningURL.FindStringSubmatch(line); m != nil {
			found <- m[1]
		}
		c.mu.Lock()
		c.tail = append(c.tail, line)
		if len(c.tail) > 20 {
			c.tail = c.tail[len(c.tail)-10:]
		}
		c.mu.Unlock()
	}
	_, _ = io.Copy(io.Discard, r)
}

func (c *loadChild) lastLines() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return strings.Join(c.tail, "\n")
}

func (c *loadChild) pid() int { return c.cmd.Process.Pid }

// stop asks the server to stop (SIGTERM: it lets requests in flight finish)
// and kills it if it has not exited after 30 s.
func (c *loadChild) stop() {
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-c.done:
	case <-time.After(30 * time.Second):
		_ = c.cmd.Process.Kill()
		<-c.done
	}
}

// cpu is the CPU time the server has used: utime and stime of
// /proc/<pid>/stat, in clock ticks of 1/100 s (Linux's USER_HZ); 0 where /proc is missing.
func (c *loadChild) cpu() time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", c.pid()))
	if err != nil {
		return 0
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')') // the command's name may hold spaces
	if i < 0 {
		return 0
	}
	f := strings.Fields(s[i+1:]) // f[0] is field 3 (state): utime is field 14, stime 15
	if len(f) < 13 {
		return 0
	}
	ut, err1 := strconv.ParseInt(f[11], 10, 64)
	stt, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0
	}
	return time.Duration(ut+stt) * 10 * time.Millisecond
}

// resetPeak sets the server's VmHWM back to its present resident size
// (Linux: "5" written to /proc/<pid>/clear_refs), so that a phase's peak
// does not count the start (the demo's logins hash passwords with 19 MiB each).
func (c *loadChild) resetPeak() error {
	return os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", c.pid()), []byte("5"), 0)
}

// cpu is the CPU time of the server: the child's, or this process's when
// the server runs in it (the load's clients then counted too).
func (lt *loadServer) cpu() time.Duration {
	if lt.child != nil {
		cpu := lt.child.cpu()
		for _, c := range lt.others {
			cpu += c.cpu()
		}
		return cpu
	}
	return processCPU()
}

// watchRSS starts measuring the peak resident memory of the server; the
// function it returns stops and gives it (bytes). In process, VmRSS is
// sampled every 20 ms (clients included); of a child, its VmHWM since the
// start of the watch is taken too, so that no peak between samples is missed.
func (lt *loadServer) watchRSS(ctx context.Context) func() int64 {
	status := "/proc/self/status"
	if lt.child != nil {
		status = lt.child.status()
		if err := lt.child.resetPeak(); err != nil && !errors.Is(err, os.ErrNotExist) {
			fmt.Fprintf(os.Stderr, "loadtest: the server's peak RSS could not be reset (%v): it counts from the start\n", err)
		}
	}
	rctx, stop := context.WithCancel(ctx)
	out := make(chan int64, 1)
	go peakRSS(rctx, status, out)
	return func() int64 {
		stop()
		peak := <-out
		if lt.child != nil {
			peak = max(peak, statusBytes(status, "VmHWM:"))
		}
		return peak
	}
}

// rss is the server's resident memory now: the child's, or this process's.
func (lt *loadServer) rss() int64 {
	if lt.child != nil {
		return statusBytes(lt.child.status(), "VmRSS:")
	}
	return statusBytes("/proc/self/status", "VmRSS:")
}

func (c *loadChild) status() string { return fmt.Sprintf("/proc/%d/status", c.pid()) }

// memoryShown tells the server's resident memory before the phase (rest)
// and after it, split into anonymous memory (heaps: Go's and SQLite's) and
// mapped files (the program's text).
func (c *loadChild) memoryShown(rest int64) string {
	st := c.status()
	return fmt.Sprintf("%s before the phase; after it %s anonymous, %s of files", mb(rest),
		mb(statusBytes(st, "RssAnon:")), mb(statusBytes(st, "RssFile:")))
}
