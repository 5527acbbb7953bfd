package api_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"catruc/api"
	"catruc/store"

	"github.com/getkin/kin-openapi/openapi3"
)

// Ensure the document is served without a token, as JSON, and is a valid
// OpenAPI 3.1 document that kin-openapi loads and validates.
func TestOpenAPIDocumentValid(t *testing.T) {
	en := newEnv(t)
	r := en.must(200, en.do("", "GET", "/api/v1/openapi.json", nil))
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("Content-Type %q", ct)
	}
	doc, err := openapi3.NewLoader().LoadFromData(r.Raw)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" || !doc.IsOpenAPI31OrLater() {
		t.Fatalf("openapi %q, want 3.1.0", doc.OpenAPI)
	}
	op := doc.Paths.Find("/api/v1/shifts/{id}").Patch
	if op == nil || op.OperationID != "patchShift" {
		t.Fatalf("PATCH /api/v1/shifts/{id}: %+v", op)
	}
	for _, st := range []string{"200", "400", "401", "403", "404", "409"} {
		if op.Responses.Value(st) == nil {
			t.Errorf("PATCH /api/v1/shifts/{id} does not describe %s", st)
		}
	}
	if s := doc.Paths.Find("/healthz").Get.Security; s == nil || len(*s) != 0 {
		t.Errorf("GET /healthz security %v, want [] (public)", s)
	}
	shift := doc.Components.Schemas["Shift"].Value
	if g := shift.Properties["guard_id"].Value; !g.Type.Includes("integer") || !g.Type.Includes("null") {
		t.Errorf("Shift.guard_id type %v, want [integer null]", g.Type)
	}
	if s := shift.Properties["start"].Value; s.Format != "date-time" {
		t.Errorf("Shift.start format %q, want date-time", s.Format)
	}
}

// echoParam is an Echo path parameter.
var echoParam = regexp.MustCompile(`:([A-Za-z_]+)`)

// Ensure every route registered under /api/v1 (and the health, docs and
// feed routes) is described, and nothing described is missing from the router.
func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "catruc.db"), store.WithClock(func() time.Time { return testNow }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e, _ := api.New(api.Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return testNow }})
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/openapi.json", nil))
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	described := map[string]bool{}
	for p, ops := range doc.Paths {
		for m, raw := range ops {
			described[strings.ToUpper(m)+" "+p] = true
			var op struct {
				Undescribed bool `json:"x-undescribed"`
			}
			if json.Unmarshal(raw, &op); op.Undescribed {
				t.Errorf("%s %s has no description in api/openapi_routes.go", strings.ToUpper(m), p)
			}
		}
	}
	registered := map[string]bool{}
	for _, r := range e.Routes() {
		if !strings.HasPrefix(r.Path, "/api/") && r.Path != "/healthz" && r.Path != "/readyz" && r.Path != "/metrics" && !strings.HasPrefix(r.Path, "/ical/") {
			continue
		}
		if r.Method == "echo_route_not_found" {
			continue
		}
		k := r.Method + " " + echoParam.ReplaceAllString(r.Path, "{$1}")
		registered[k] = true
		if !described[k] {
			t.Errorf("%s is registered but not described", k)
		}
	}
	for k := range described {
		if !registered[k] {
			t.Errorf("%s is described but not registered", k)
		}
	}
	if len(registered) < 100 {
		keys := make([]string, 0, len(registered))
		for k := range registered {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		t.Fatalf("only %d routes registered: %v", len(registered), keys)
	}
}

// Ensure the contract check itself catches an answer that breaks the
// document, a status it does not describe, and an accepted request that
// breaks it — so that a passing API suite means something.
func TestContractCatchesBreaches(t *testing.T) {
	en := newEnv(t)
	_, router, err := loadContract(en.srv.Config.Handler)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, method, path, body string
		status                   int
		answer                   string
		want                     string
	}{
		{"answer of the wrong shape", "GET", "/api/v1/guards/1", "", 200, `{"id":"one"}`, "the answer breaks the contract"},
		{"error without its key", "GET", "/api/v1/guards/1", "", 404, `{"error":{"code":"not_found","message":"x"}}`, "the answer breaks the contract"},
		{"undescribed status", "GET", "/api/v1/guards", "", 418, `{}`, "the status is not described"},
		{"accepted request with an unknown member", "POST", "/api/v1/holidays", `{"date":"2026-09-02","nam":"x"}`, 201,
			`{"date":"2026-09-02","name":"x"}`, "the request was accepted but breaks the contract"},
		{"undescribed route", "GET", "/api/v1/nowhere", "", 200, `{}`, "the route is not described"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest(c.method, c.path, strings.NewReader(c.body))
			r.Header.Set("Content-Type", "application/json")
			w := &teeWriter{ResponseWriter: httptest.NewRecorder(), status: 200}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(c.status)
			_, _ = w.Write([]byte(c.answer))
			got := checkExchange(router, r, []byte(c.body), w)
			if !strings.Contains(got, c.want) {
				t.Fatalf("got %q, want %q", got, c.want)
			}
		})
	}
}
