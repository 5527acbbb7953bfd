package main

import (
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

// Ensure `serve --metrics-addr` serves /metrics without a token on its own
// listener (and nothing else there), while the main address still asks for one.
func TestServeMetricsAddr(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	base, _ := startServeConfig(t, serveConfig{Addr: "127.0.0.1:0", DB: filepath.Join(t.TempDir(), "catruc.db"),
		LogLevel: "info", LogFormat: "text", MetricsAddr: addr})
	get := func(u string) (int, string) {
		t.Helper()
		res, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	if code, _ := get(base + "/metrics"); code != 401 {
		t.Fatalf("main address without a token: %d", code)
	}
	get(base + "/healthz")
	code, body := get("http://" + addr + "/metrics")
	if code != 200 || !strings.Contains(body, "# HELP catruc_http_requests_total") ||
		!strings.Contains(body, `catruc_http_requests_total{method="GET",route="/healthz",status="200"} 1`) {
		t.Fatalf("metrics listener: %d\n%s", code, body)
	}
	if code, _ := get("http://" + addr + "/api/v1/posts"); code != 404 {
		t.Fatalf("the metrics listener serves the API: %d", code)
	}
	if _, err := parseServeConfig([]string{"--metrics-addr", "nope"}, io.Discard); err == nil {
		t.Fatal("a bad --metrics-addr was accepted")
	}
}

// Ensure --trusted-proxies takes addresses and CIDR ranges (also from
// CATRUC_TRUSTED_PROXIES) and refuses anything else, naming the flag.
func TestServeTrustedProxiesFlag(t *testing.T) {
	cfg, err := parseServeConfig([]string{"--trusted-proxies", "10.0.0.5, 172.28.0.0/16,fd00::/8"}, io.Discard)
	if err != nil || cfg.TrustedProxies != "10.0.0.5, 172.28.0.0/16,fd00::/8" {
		t.Fatalf("good proxies: %+v %v", cfg.TrustedProxies, err)
	}
	t.Setenv("CATRUC_TRUSTED_PROXIES", "10.1.2.3")
	if cfg, err := parseServeConfig(nil, io.Discard); err != nil || cfg.TrustedProxies != "10.1.2.3" {
		t.Fatalf("from the environment: %q %v", cfg.TrustedProxies, err)
	}
	_, err = parseServeConfig([]string{"--trusted-proxies", "caddy"}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "--trusted-proxies") || !strings.Contains(err.Error(), `"caddy"`) {
		t.Fatalf("a host name: %v", err)
	}
}
