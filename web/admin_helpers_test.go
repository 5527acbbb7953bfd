package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"catruc/scheduler"
)

// Helpers of the manager's pages' tests (prefixed adm so as not to clash with other areas' tests).

const adminPass = "mật-khẩu-quản-trị"

// admAs logs a new browser in as name.
func admAs(s *site, name, pass string) *browser {
	b := s.browser()
	b.login(name, pass)
	return b
}

// admAdmin creates an administrator and logs a browser in as them.
func admAdmin(t *testing.T, s *site) *browser {
	t.Helper()
	if err := s.st.CreateUser(context.Background(), &scheduler.User{Name: "quantri", Role: scheduler.RoleAdmin}, adminPass); err != nil {
		t.Fatal(err)
	}
	return admAs(s, "quantri", adminPass)
}

// admGuard returns the id of the guard named name.
func admGuard(t *testing.T, s *site, name string) int64 {
	t.Helper()
	gs, err := s.st.FindGuards(context.Background(), scheduler.GuardFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gs {
		if g.Name == name {
			return g.ID
		}
	}
	t.Fatalf("no guard %q", name)
	return 0
}

// admPost returns the post with code.
func admPost(t *testing.T, s *site, code string) *scheduler.Post {
	t.Helper()
	ps, err := s.st.FindPosts(context.Background(), scheduler.PostFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.Code == code {
			return p
		}
	}
	t.Fatalf("no post %q", code)
	return nil
}

// admWant fails the test unless the status is want.
func admWant(t *testing.T, what string, code, want int, body string) {
	t.Helper()
	if code != want {
		if len(body) > 3000 {
			body = body[:3000]
		}
		t.Fatalf("%s: status %d, want %d\n%s", what, code, want, body)
	}
}

// admLacks fails the test if body holds any of the strings.
func admLacks(t *testing.T, body string, nots ...string) {
	t.Helper()
	for _, n := range nots {
		if strings.Contains(body, n) {
			t.Errorf("the page shows %q", n)
		}
	}
}

// admForbidden checks that a guard gets 403 on every path, and that a viewer
// gets 403 on the posts (and on the gets, unless viewerReads).
func admForbidden(t *testing.T, s *site, gets []string, posts map[string]url.Values, viewerReads bool) {
	t.Helper()
	g := admAs(s, "an", guardPass)
	v := admAs(s, "congan", viewerPass)
	for _, p := range gets {
		if code, _, _ := g.get(p); code != http.StatusForbidden {
			t.Errorf("guard GET %s: %d, want 403", p, code)
		}
		want := http.StatusForbidden
		if viewerReads {
			want = http.StatusOK
		}
		if code, _, _ := v.get(p); code != want {
			t.Errorf("viewer GET %s: %d, want %d", p, code, want)
		}
	}
	g.get("/me")
	v.get("/")
	for p, form := range posts {
		for who, b := range map[string]*browser{"guard": g, "viewer": v} {
			f := url.Values{}
			for k, vs := range form {
				f[k] = vs
			}
			if code, _, _ := b.post(p, f); code != http.StatusForbidden {
				t.Errorf("%s POST %s: %d, want 403", who, p, code)
			}
		}
	}
}
