package api_test

import (
	"context"
	"encoding/json"
	"sort"
	"strings"
	"testing"
)

// Ensure the contract holds for the demo office as a manager meets it: the
// demo loaded, its jobs run (gaps, breaches, no-shows, incidents raised),
// then every GET route of /api/v1 without a path parameter, and the item
// routes of what the lists return, asked by an admin. Each answer passes the
// contract check of the test server (every exchange is validated against the
// served document), so a kind or status the document does not list fails here.
func TestContractOnDemoOffice(t *testing.T) {
	en := newEnvWith(t, true)
	ctx := context.Background()
	if _, err := en.st.LoadDemo(ctx, testNow); err != nil {
		t.Fatal(err)
	}
	for _, job := range []string{"horizon", "sweep", "incidents"} {
		en.must(200, en.do("admin", "POST", "/api/v1/jobs/"+job+"/run", nil))
	}
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(en.must(200, en.do("", "GET", "/api/v1/openapi.json", nil)).Raw, &doc); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for p, ops := range doc.Paths {
		if _, ok := ops["get"]; ok && strings.HasPrefix(p, "/api/v1/") && !strings.Contains(p, "{") && !strings.HasSuffix(p, "/stream") && !strings.Contains(p, ".") {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	if len(paths) < 30 {
		t.Fatalf("only %d GET routes without parameters: %v", len(paths), paths)
	}
	asked := 0
	for _, p := range paths {
		r := en.do("admin", "GET", p, nil)
		if r.Status >= 500 {
			t.Errorf("GET %s: %d %s", p, r.Status, r.Raw)
		}
		asked++
		// The first item of a list, by its own route.
		items, ok := r.Body.([]any)
		if r.Status != 200 || !ok || len(items) == 0 {
			continue
		}
		first, _ := items[0].(map[string]any)
		if id, ok := first["id"].(float64); ok {
			if _, described := doc.Paths[p+"/{id}"]["get"]; described {
				item := en.do("admin", "GET", p+"/"+jsonNum(id), nil)
				if item.Status != 200 {
					t.Errorf("GET %s/%s: %d %s", p, jsonNum(id), item.Status, item.Raw)
				}
				asked++
			}
		}
	}
	t.Logf("%d answers of the demo office checked against the contract", asked)
}

func jsonNum(f float64) string { b, _ := json.Marshal(f); return string(b) }
