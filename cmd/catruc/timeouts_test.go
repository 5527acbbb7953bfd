package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// startServeConfig runs serve with cfg until the test ends and returns its
// base URL and the demo's admin token (with cfg.Demo).
func startServeConfig(t *testing.T, cfg serveConfig) (base, token string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out, errOut := &syncBuffer{}, &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- serve(ctx, cfg, out, errOut) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Error("serve did not stop")
		}
	})
	re := regexp.MustCompile(`url=(http://[0-9.:]+)`)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(errOut.String()); m != nil {
			if cfg.Demo {
				token = demoToken(t, out.String())
			}
			return m[1], token
		}
		select {
		case err := <-done:
			t.Fatalf("serve ended: %v\n%s", err, errOut.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("serve did not start:\n%s", errOut.String())
	return "", ""
}

// quickTimeouts are the server's timeouts shortened for the tests.
var quickTimeouts = httpTimeouts{ReadHeader: 500 * time.Millisecond, Read: 700 * time.Millisecond,
	Write: 700 * time.Millisecond, Idle: 2 * time.Second, MaxHeaderBytes: 8 << 10}

// Ensure a connection that trickles a POST /login body is dropped once the
// read timeout passes, rather than held open.
func TestSlowBodyIsDropped(t *testing.T) {
	base, _ := startServeConfig(t, serveConfig{Addr: "127.0.0.1:0", DB: filepath.Join(t.TempDir(), "catruc.db"),
		LogLevel: "info", LogFormat: "text", timeouts: quickTimeouts})
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprint(conn, "POST /login HTTP/1.1\r\nHost: catruc\r\nContent-Type: application/x-www-form-urlencoded\r\n"+
		"Content-Length: 100000\r\n\r\nusername=")
	closed := make(chan struct{})
	go func() { // the server's answer (a 408 or nothing) and then the end of the connection
		_, _ = io.Copy(io.Discard, conn)
		close(closed)
	}()
	start := time.Now()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-closed:
			t.Logf("dropped after %v", time.Since(start).Round(time.Millisecond))
			return
		case <-tick.C:
			if time.Since(start) > 15*time.Second {
				t.Fatal("a trickling request body still holds its connection 15 s later (read timeout 0.7 s)")
			}
			_, _ = conn.Write([]byte("a")) // one byte at a time, never the whole body
		}
	}
}

// Ensure a request whose headers exceed the limit is refused with 431.
func TestHeaderSizeLimit(t *testing.T) {
	base, _ := startServeConfig(t, serveConfig{Addr: "127.0.0.1:0", DB: filepath.Join(t.TempDir(), "catruc.db"),
		LogLevel: "info", LogFormat: "text", timeouts: quickTimeouts})
	req, _ := http.NewRequest("GET", base+"/healthz", nil)
	req.Header.Set("X-Padding", strings.Repeat("x", 64<<10))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("a 64 KB header answered %d, want 431", res.StatusCode)
	}
}

// Ensure the live alert stream outlives the read and write timeouts: an
// alert acknowledged well after both have passed still reaches it.
func TestStreamOutlivesTimeouts(t *testing.T) {
	base, token := startServeConfig(t, serveConfig{Addr: "127.0.0.1:0", DB: filepath.Join(t.TempDir(), "catruc.db"),
		Demo: true, Jobs: true, LogLevel: "info", LogFormat: "text", timeouts: quickTimeouts})
	// The catch-up sweep opens the demo's gap alert.
	var alerts []struct {
		ID int64 `json:"id"`
	}
	deadline := time.Now().Add(30 * time.Second)
	for len(alerts) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("no open alert 30 s after start")
		}
		time.Sleep(100 * time.Millisecond)
		_, b := get(t, base+"/api/v1/alerts?status=open", token)
		if err := json.Unmarshal(b, &alerts); err != nil {
			t.Fatalf("alerts: %v %s", err, b)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/api/v1/alerts/stream", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	lines := make(chan string, 100)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(res.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	time.Sleep(2 * time.Second) // past the read and write timeouts (0.7 s)
	ack, _ := http.NewRequest("POST", fmt.Sprintf("%s/api/v1/alerts/%d/ack", base, alerts[0].ID), nil)
	ack.Header.Set("Authorization", "Bearer "+token)
	ares, err := http.DefaultClient.Do(ack)
	if err != nil {
		t.Fatal(err)
	}
	ares.Body.Close()
	if ares.StatusCode != 200 {
		t.Fatalf("ack: %d", ares.StatusCode)
	}
	timeout := time.After(10 * time.Second)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("the stream ended before the acknowledgement reached it")
			}
			if l == "event: alert.acknowledged" {
				return
			}
		case <-timeout:
			t.Fatal("the acknowledgement did not reach the stream")
		}
	}
}
