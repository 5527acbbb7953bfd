package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"catruc/scheduler"
	"catruc/store"
)

// doctorEnv is a deployment for doctor: a SQLite office whose notification
// settings name a live SMTP listener and a live webhook receiver, with an
// SMTP password sealed (so that the key file exists).
type doctorEnv struct {
	db   string
	smtp net.Listener
}

func newDoctorEnv(t *testing.T) *doctorEnv {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0") // a real listener: the doctor only connects
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Write([]byte("220 test ESMTP\r\n"))
			c.Close()
		}
	}()
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {}))
	t.Cleanup(hook.Close)
	db := filepath.Join(t.TempDir(), "catruc.db")
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	ns := store.DefaultNotificationSettings()
	ns.SMTP = scheduler.SMTP{Host: "127.0.0.1", Port: port, From: "lichtruc@example.vn", TLS: "none", Username: "u", Password: "mật khẩu"}
	ns.Webhooks = []scheduler.Webhook{{URL: hook.URL + "/catruc"}}
	ns.AllowPrivateWebhooks = true
	if _, err := st.SetNotificationSettings(context.Background(), ns, false); err != nil {
		t.Fatal(err)
	}
	return &doctorEnv{db: db, smtp: ln}
}

// doctor runs `catruc doctor` and returns its report and its exit status.
func doctor(t *testing.T, args ...string) (string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), append([]string{"doctor", "--timeout", "5s"}, args...), nil, &out, &errOut)
	if err != nil {
		return out.String(), exitStatus(err)
	}
	return out.String(), 0
}

// line is the report's line of a check.
func line(report, name string) string {
	for _, l := range strings.Split(report, "\n") {
		if f := strings.Fields(l); len(f) > 1 && f[1] == name {
			return l
		}
	}
	return ""
}

// Ensure doctor passes a sound deployment, one OK line per check, with exit status 0.
func TestDoctorHealthy(t *testing.T) {
	en := newDoctorEnv(t)
	report, code := doctor(t, "--db", en.db)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, report)
	}
	want := map[string]string{
		"schema":    "schema " + strconv.Itoa(store.NewestSchema(en.db)) + " (this binary's newest)",
		"integrity": "SQLite integrity_check: ok",
		"key":       "mode 0600, readable by its owner only",
		"timezone":  "Asia/Ho_Chi_Minh loads",
		"smtp":      "127.0.0.1:" + strconv.Itoa(en.smtp.Addr().(*net.TCPAddr).Port) + " reachable",
		"webhook":   "reachable",
		"leader":    "this process would lead",
		"clock":     "same machine (SQLite)",
	}
	for name, detail := range want {
		if l := line(report, name); !strings.HasPrefix(l, "OK") || !strings.Contains(l, detail) {
			t.Errorf("%s: %q, want OK … %q\n%s", name, l, detail, report)
		}
	}
}

// Ensure doctor fails, with exit status 1, a key file others may read, an
// SMTP server that does not answer, a missing key while secrets are stored,
// and a database that is not there (without creating it).
func TestDoctorFailures(t *testing.T) {
	t.Run("key readable by others", func(t *testing.T) {
		en := newDoctorEnv(t)
		if err := os.Chmod(en.db+".key", 0o644); err != nil {
			t.Fatal(err)
		}
		report, code := doctor(t, "--db", en.db)
		if l := line(report, "key"); code != 1 || !strings.HasPrefix(l, "FAIL") || !strings.Contains(l, "mode 0644") {
			t.Fatalf("exit %d, key line %q:\n%s", code, l, report)
		}
	})
	t.Run("key missing", func(t *testing.T) {
		en := newDoctorEnv(t)
		if err := os.Remove(en.db + ".key"); err != nil {
			t.Fatal(err)
		}
		report, code := doctor(t, "--db", en.db)
		if l := line(report, "key"); code != 1 || !strings.HasPrefix(l, "FAIL") || !strings.Contains(l, "missing") {
			t.Fatalf("exit %d, key line %q:\n%s", code, l, report)
		}
		if _, err := os.Stat(en.db + ".key"); err == nil {
			t.Fatal("doctor made a key file")
		}
	})
	t.Run("smtp down", func(t *testing.T) {
		en := newDoctorEnv(t)
		en.smtp.Close()
		report, code := doctor(t, "--db", en.db)
		if l := line(report, "smtp"); code != 1 || !strings.HasPrefix(l, "FAIL") || !strings.Contains(l, "unreachable") {
			t.Fatalf("exit %d, smtp line %q:\n%s", code, l, report)
		}
		if l := line(report, "key"); !strings.HasPrefix(l, "OK") {
			t.Fatalf("key: %q", l)
		}
	})
	t.Run("no database", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "none.db")
		report, code := doctor(t, "--db", db)
		if l := line(report, "schema"); code != 1 || !strings.HasPrefix(l, "FAIL") || !strings.Contains(l, "no database") {
			t.Fatalf("exit %d:\n%s", code, report)
		}
		if _, err := os.Stat(db); err == nil {
			t.Fatal("doctor created the database")
		}
	})
}

// Ensure `catruc version` prints the version, the commit and the Go
// version, the ldflags' version when set.
func TestVersion(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"version"}, nil, &out, &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "catruc dev") || !strings.HasPrefix(lines[1], "commit ") ||
		!strings.HasPrefix(lines[2], "go go1.") {
		t.Fatalf("version:\n%s", out.String())
	}
	defer func(v, c string) { version, commit = v, c }(version, commit)
	version, commit = "1.4.0", "0123456789abcdef0123"
	b := readBuildInfo()
	if b.String() != "1.4.0" || b.Commit != "0123456789abcdef0123" {
		t.Fatalf("with ldflags: %+v", b)
	}
	version = ""
	if b := readBuildInfo(); b.String() != "dev-0123456789ab" {
		t.Fatalf("without a version: %q", b.String())
	}
}
