package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for a writer and a reader at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServe runs `catruc serve` until the test ends; it returns the base URL and stdout.
func startServe(t *testing.T, args ...string) (string, *syncBuffer, func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out, errOut := &syncBuffer{}, &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), nil, out, errOut)
	}()
	re := regexp.MustCompile(`url=(http://[0-9.:]+)`)
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(errOut.String()); m != nil {
			stop := func() error {
				cancel()
				select {
				case err := <-done:
					return err
				case <-time.After(30 * time.Second):
					t.Fatal("serve did not stop")
					return nil
				}
			}
			t.Cleanup(func() { cancel() })
			return m[1], out, stop
		}
		select {
		case err := <-done:
			t.Fatalf("serve ended: %v\n%s", err, errOut.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	cancel()
	t.Fatalf("serve did not start:\n%s", errOut.String())
	return "", nil, nil
}

func get(t *testing.T, url, token string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, b
}

// Ensure `serve --demo` loads the demo office, prints a working admin token and
// the URLs to try, and stops cleanly on cancel; a second start keeps the data
// and prints a new token that works.
func TestServeDemo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	base, out, stop := startServe(t, "--db", db, "--demo")
	token := demoToken(t, out.String())
	if !strings.Contains(out.String(), base+"/api/v1/posts") {
		t.Fatalf("no URLs to try:\n%s", out.String())
	}
	code, body := get(t, base+"/healthz", "")
	if code != 200 || !strings.Contains(string(body), `"status":"ok"`) {
		t.Fatalf("healthz: %d %s", code, body)
	}
	code, body = get(t, base+"/api/v1/posts", token)
	var posts []map[string]any
	json.Unmarshal(body, &posts)
	if code != 200 || len(posts) != 3 || posts[0]["name"] != "Trụ sở HĐND, UBND tỉnh" {
		t.Fatalf("posts: %d %s", code, body)
	}
	code, body = get(t, base+"/login", "")
	if code != 200 || !strings.Contains(string(body), "Đăng nhập") {
		t.Fatalf("login page: %d %s", code, body)
	}
	logins := regexp.MustCompile(`(?m)^  (\S+)\s+password (\S+)`).FindAllStringSubmatch(out.String(), -1)
	if len(logins) != 3 || logins[0][1] != "admin" || logins[1][1] != "quanly" || logins[2][1] != "an" ||
		!strings.Contains(out.String(), "guard Nguyễn Văn An") || !strings.Contains(out.String(), "administrator") {
		t.Fatalf("demo logins printed:\n%s", out.String())
	}
	for _, l := range logins {
		if code := webLogin(t, base, l[1], l[2]); code != http.StatusSeeOther {
			t.Fatalf("demo login %s: %d", l[1], code)
		}
	}
	_, shifts1 := get(t, base+"/api/v1/shifts", token)
	if err := stop(); err != nil {
		t.Fatalf("stop: %v", err)
	}

	base, out, stop = startServe(t, "--db", db, "--demo")
	token2 := demoToken(t, out.String())
	if token2 == token {
		t.Fatal("the same demo token twice")
	}
	if code, _ := get(t, base+"/api/v1/posts", token); code != 401 {
		t.Fatalf("the old demo token still works: %d", code)
	}
	_, shifts2 := get(t, base+"/api/v1/shifts", token2)
	if !bytes.Equal(shifts1, shifts2) {
		t.Fatal("a second demo start changed the shifts")
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}

func demoToken(t *testing.T, out string) string {
	t.Helper()
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "Demo admin token") && sc.Scan() {
			return strings.TrimSpace(sc.Text())
		}
	}
	t.Fatalf("no demo token in:\n%s", out)
	return ""
}

// Ensure `token create` prints the token alone on the last line, and that
// create, list and revoke work while a server runs on the same database.
func TestTokenCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "catruc.db")
	base, _, stop := startServe(t, "--db", db)
	defer stop()
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"token", "create", "--db", db, "--name", "quan-ly", "--role", "manager"}, nil, &out, &errOut); err != nil {
		t.Fatalf("create: %v %s", err, errOut.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	token := lines[len(lines)-1]
	if !regexp.MustCompile(`^ctr_[A-Za-z0-9_-]{43}$`).MatchString(token) {
		t.Fatalf("last line is not a token alone: %q", token)
	}
	if code, body := get(t, base+"/api/v1/me", token); code != 200 || !strings.Contains(string(body), `"role":"manager"`) {
		t.Fatalf("new token on the running server: %d %s", code, body)
	}
	// The database can also come from CATRUC_DB.
	t.Setenv("CATRUC_DB", db)
	out.Reset()
	if err := run(context.Background(), []string{"token", "list"}, nil, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "quan-ly") || !strings.Contains(out.String(), "manager") || strings.Contains(out.String(), token) {
		t.Fatalf("list:\n%s", out.String())
	}
	out.Reset()
	if err := run(context.Background(), []string{"token", "revoke", "quan-ly"}, nil, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if code, _ := get(t, base+"/api/v1/me", token); code != 401 {
		t.Fatalf("revoked token: %d", code)
	}
	err := run(context.Background(), []string{"token", "revoke", "quan-ly"}, nil, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "no live token") {
		t.Fatalf("revoke twice: %v", err)
	}
	err = run(context.Background(), []string{"token", "create", "--name", "x", "--role", "root"}, nil, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "role") {
		t.Fatalf("bad role: %v", err)
	}
}

// Ensure bad configuration is refused before anything starts.
func TestServeConfig(t *testing.T) {
	var out, errOut bytes.Buffer
	for _, args := range [][]string{
		{"serve", "--addr", "nonsense"},
		{"serve", "--log-format", "xml"},
		{"serve", "--db", ""},
		{"frobnicate"},
	} {
		if err := run(context.Background(), args, nil, &out, &errOut); err == nil {
			t.Errorf("%v: accepted", args)
		}
	}
	t.Setenv("CATRUC_LOG_LEVEL", "loud")
	if err := run(context.Background(), []string{"serve"}, nil, &out, &errOut); err == nil || !strings.Contains(err.Error(), "log-level") {
		t.Errorf("bad CATRUC_LOG_LEVEL: %v", err)
	}
}

// Ensure `catruc backup` writes a copy that opens with the same data, while a server runs on the database.
func TestBackupCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "catruc.db")
	base, out, stop := startServe(t, "--db", db, "--demo")
	defer stop()
	token := demoToken(t, out.String())
	var o, e bytes.Buffer
	copyPath := filepath.Join(dir, "sao-luu", "catruc-copy.db")
	if err := run(context.Background(), []string{"backup", "--db", db, "--out", copyPath}, nil, &o, &e); err != nil {
		t.Fatalf("backup: %v %s", err, e.String())
	}
	if !strings.Contains(o.String(), "Backed up") {
		t.Fatalf("output: %s", o.String())
	}
	if err := run(context.Background(), []string{"backup", "--db", db, "--out", copyPath}, nil, &o, &e); err == nil {
		t.Fatal("a backup over an existing file was accepted")
	}
	// The copy serves the same posts.
	_, want := get(t, base+"/api/v1/posts", token)
	base2, _, stop2 := startServe(t, "--db", copyPath, "--jobs=false")
	defer stop2()
	secret := createToken(t, copyPath)
	_, got := get(t, base2+"/api/v1/posts", secret)
	var a, b []map[string]any
	json.Unmarshal(want, &a)
	json.Unmarshal(got, &b)
	if len(a) != 3 || len(b) != 3 || a[0]["name"] != b[0]["name"] {
		t.Fatalf("posts of the copy: %s vs %s", got, want)
	}
}

func createToken(t *testing.T, db string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"token", "create", "--db", db, "--name", "t", "--role", "viewer"}, nil, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	return lines[len(lines)-1]
}

// Ensure `catruc user add/list/passwd` read the password from stdin, store
// only a hash, refuse a bad role or short password, and the user can then log in.
func TestUserCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "catruc.db")
	var out, errOut bytes.Buffer
	ctx := context.Background()
	if err := run(ctx, []string{"user", "add", "--db", db, "--name", "quanly", "--role", "manager", "--password-stdin"},
		strings.NewReader("mật khẩu dài\n"), &out, &errOut); err != nil {
		t.Fatalf("add: %v %s", err, errOut.String())
	}
	for _, tc := range []struct {
		args  []string
		stdin string
		want  string
	}{
		{[]string{"user", "add", "--db", db, "--name", "x", "--role", "chief", "--password-stdin"}, "mật khẩu dài\n", "role"},
		{[]string{"user", "add", "--db", db, "--name", "y", "--role", "manager", "--password-stdin"}, "ngắn\n", "8 characters"},
		{[]string{"user", "add", "--db", db, "--name", "quanly", "--role", "manager", "--password-stdin"}, "mật khẩu dài\n", "exists"},
		{[]string{"user", "add", "--db", db, "--name", "z", "--role", "guard", "--password-stdin"}, "mật khẩu dài\n", "guard"},
		{[]string{"user", "add", "--db", db, "--name", "w", "--role", "manager"}, "", "--password-stdin"},
	} {
		err := run(ctx, tc.args, strings.NewReader(tc.stdin), &out, &errOut)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: %v, want an error about %q", tc.args, err, tc.want)
		}
	}
	out.Reset()
	if err := run(ctx, []string{"user", "list", "--db", db}, nil, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "quanly") || !strings.Contains(out.String(), "manager") || strings.Contains(out.String(), "mật khẩu") {
		t.Fatalf("list:\n%s", out.String())
	}
	if err := run(ctx, []string{"user", "passwd", "--db", db, "quanly", "--password-stdin"}, strings.NewReader("mật khẩu mới nhé\n"), &out, &errOut); err != nil {
		t.Fatal(err)
	}
	base, _, stop := startServe(t, "--db", db, "--jobs=false")
	defer stop()
	if code := webLogin(t, base, "quanly", "mật khẩu dài"); code != http.StatusUnauthorized {
		t.Fatalf("old password: %d", code)
	}
	if code := webLogin(t, base, "quanly", "mật khẩu mới nhé"); code != http.StatusSeeOther {
		t.Fatalf("new password: %d", code)
	}
}

// webLogin posts the login form as a browser would; it returns the status.
func webLogin(t *testing.T, base, name, pass string) int {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Get(base + "/login")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	m := regexp.MustCompile(`name="_csrf" value="([^"]+)"`).FindSubmatch(page)
	if m == nil {
		t.Fatalf("no CSRF token on the login page")
	}
	res, err = c.PostForm(base+"/login", url.Values{"username": {name}, "password": {pass}, "_csrf": {string(m[1])}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}
