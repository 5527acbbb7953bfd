package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"catruc/api"
	"catruc/scheduler/engine"
	"catruc/store"
	"catruc/store/storetest"
)

// testNow is the pinned clock of the tests: Tuesday 1 December 2026, 09:30 in the office.
var testNow = time.Date(2026, 12, 1, 2, 30, 0, 0, time.UTC)

// env is a running API on a real SQLite file.
type env struct {
	t      *testing.T
	st     *store.Store
	srv    *httptest.Server
	tokens map[string]string // role → secret
	path   string
	hub    *engine.Hub
}

func newEnv(t *testing.T) *env {
	return newEnvWith(t, false)
}

// newEnvWith starts the API, with the job engine and the live hub when jobs is true.
func newEnvWith(t *testing.T, jobs bool) *env {
	t.Helper()
	path := storetest.DSN(t)
	st, err := store.Open(context.Background(), path, storetest.Options(path, store.WithClock(func() time.Time { return testNow }))...)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg := api.Config{Store: st, Logger: log, Now: func() time.Time { return testNow }}
	var hub *engine.Hub
	if jobs {
		hub = engine.NewHub()
		cfg.Hub = hub
		cfg.Engine = engine.New(engine.Config{Store: st, Now: cfg.Now, Logger: log, Hub: hub})
	}
	e, _ := api.New(cfg)
	srv := httptest.NewServer(e)
	t.Cleanup(func() { srv.Close(); st.Close() })
	en := &env{t: t, st: st, srv: srv, tokens: map[string]string{}, path: path, hub: hub}
	for _, role := range []string{"admin", "manager", "viewer"} {
		secret, _, err := st.CreateToken(context.Background(), role+"-token", role, nil)
		if err != nil {
			t.Fatal(err)
		}
		en.tokens[role] = secret
	}
	return en
}

// resp is an answer: status, headers and the decoded JSON body.
type resp struct {
	Status int
	Header http.Header
	Raw    []byte
	Body   any
}

// obj is the body as an object.
func (r resp) obj() map[string]any {
	m, _ := r.Body.(map[string]any)
	return m
}

// list is the body as an array.
func (r resp) list() []any {
	l, _ := r.Body.([]any)
	return l
}

// errField and errCode read the error body.
func (r resp) errCode() string {
	e, _ := r.obj()["error"].(map[string]any)
	s, _ := e["code"].(string)
	return s
}

func (r resp) errField() string {
	e, _ := r.obj()["error"].(map[string]any)
	s, _ := e["field"].(string)
	return s
}

// do sends a request as role ("" for none); body is a string or a value to encode.
func (en *env) do(role, method, path string, body any, headers ...string) resp {
	en.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			en.t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, en.srv.URL+path, rd)
	if err != nil {
		en.t.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if role != "" {
		tok, ok := en.tokens[role]
		if !ok {
			tok = role // a raw secret
		}
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		en.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	r := resp{Status: res.StatusCode, Header: res.Header, Raw: raw}
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &r.Body); err != nil {
			en.t.Fatalf("%s %s: body is not JSON: %q", method, path, raw)
		}
	}
	if r.Status >= 500 {
		en.t.Fatalf("%s %s answered %d: %s", method, path, r.Status, raw)
	}
	return r
}

// must checks the status and returns the response.
func (en *env) must(status int, r resp) resp {
	en.t.Helper()
	if r.Status != status {
		en.t.Fatalf("status %d, want %d: %s", r.Status, status, r.Raw)
	}
	return r
}

// id reads the id of an object body.
func (r resp) id() int64 {
	f, _ := r.obj()["id"].(float64)
	return int64(f)
}

// seedOffice creates the headquarters and police posts and two guards; it returns their ids.
func (en *env) seedOffice() (hq, police, an, duc int64) {
	en.t.Helper()
	hq = en.must(201, en.do("manager", "POST", "/api/v1/posts", map[string]any{
		"code": "tru-so", "name": "Trụ sở HĐND, UBND tỉnh", "site": "52 Hùng Vương", "kind": "guard",
		"requirements": []any{map[string]any{"days": []int{1, 2, 3, 4, 5, 6, 7}, "start": "00:00", "end": "00:00", "headcount": 1}},
	})).id()
	police = en.must(201, en.do("manager", "POST", "/api/v1/posts", map[string]any{
		"code": "vong-gac", "name": "Vọng gác Cảnh sát", "kind": "police",
		"contact": map[string]any{"name": "Tiểu đội CSBV", "phone": "0255 3822 113", "email": "pk20@congan.example.vn"},
	})).id()
	an = en.must(201, en.do("manager", "POST", "/api/v1/guards", map[string]any{
		"name": "Nguyễn Văn An", "phone": "0905 111 201", "email": "an@example.vn", "post_ids": []int64{hq}})).id()
	duc = en.must(201, en.do("manager", "POST", "/api/v1/guards", map[string]any{
		"name": "Trần Minh Đức", "post_ids": []int64{hq}})).id()
	return
}

// Raw2 is the body as text.
func (r resp) Raw2() string { return string(r.Raw) }
