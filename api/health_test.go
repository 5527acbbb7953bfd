package api_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"catruc/api"
	"catruc/store/storetest"
)

// getJSON fetches u without a token and decodes its JSON answer.
func getJSON(t *testing.T, u string) (int, map[string]any) {
	t.Helper()
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body map[string]any
	raw, _ := io.ReadAll(res.Body)
	if err := json.Unmarshal(raw, &body); err != nil {
		t.Fatalf("%s: not JSON: %q", u, raw)
	}
	return res.StatusCode, body
}

// Ensure /healthz tells the version it was given, and "dev" without one.
func TestHealthzVersion(t *testing.T) {
	en := newEnv(t)
	if _, b := getJSON(t, en.srv.URL+"/healthz"); b["version"] != "dev" {
		t.Fatalf("healthz: %v", b)
	}
	e, _ := api.New(api.Config{Store: en.st, Version: "1.4.0", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	srv := httptest.NewServer(e)
	defer srv.Close()
	if code, b := getJSON(t, srv.URL+"/api/v1/healthz"); code != 200 || b["version"] != "1.4.0" || b["status"] != "ok" {
		t.Fatalf("healthz: %d %v", code, b)
	}
	fams, _ := (&env{t: t, st: en.st, srv: srv, tokens: en.tokens}).scrape("admin")
	if _, ok := metricValue(fams, "catruc_build_info", map[string]string{"version": "1.4.0"}); !ok {
		t.Fatal("catruc_build_info lacks the version")
	}
}

// Ensure /readyz needs no token, answers ok with whether this instance
// leads the jobs (always, without a Leader), and 503 "unavailable" once the
// database is gone.
func TestReadyz(t *testing.T) {
	st := storetest.Open(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	leader := false
	for _, tc := range []struct {
		name   string
		cfg    api.Config
		leader bool
	}{
		{"no leader func", api.Config{Store: st, Logger: log}, true},
		{"follower", api.Config{Store: st, Logger: log, Leader: func() bool { return leader }}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, _ := api.New(tc.cfg)
			srv := httptest.NewServer(e)
			defer srv.Close()
			code, b := getJSON(t, srv.URL+"/readyz")
			if code != 200 || b["status"] != "ok" || b["db"] != "ok" || b["leader"] != tc.leader {
				t.Fatalf("readyz: %d %v", code, b)
			}
		})
	}
	e, _ := api.New(api.Config{Store: st, Logger: log, Leader: func() bool { return leader }})
	srv := httptest.NewServer(e)
	defer srv.Close()
	leader = true
	if _, b := getJSON(t, srv.URL+"/readyz"); b["leader"] != true {
		t.Fatalf("readyz after taking the lead: %v", b)
	}
	st.Close()
	code, b := getJSON(t, srv.URL+"/readyz")
	if code != 503 || b["status"] != "unavailable" || b["db"] != "closed" || b["leader"] != true {
		t.Fatalf("readyz with the database closed: %d %v", code, b)
	}
}
