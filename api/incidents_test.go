package api_test

import (
	"context"
	"testing"

	"catruc/scheduler"
)

// Ensure the teams, the incident plans and the incidents answer bad input
// with a 400 naming the field (and change nothing), and follow the policy:
// managers write teams, the administrator the plans, guards and managers
// declare, managers update and close, every role reads.
func TestIncidentsRolesAndBadInput(t *testing.T) {
	en := newEnv(t)
	hq, _, an, _ := en.seedOffice()
	guard, _, err := en.st.CreateToken(context.Background(), "an-token", scheduler.RoleGuard, &an)
	if err != nil {
		t.Fatal(err)
	}
	en.tokens["guard"] = guard
	team := map[string]any{"name": "Trung đội tự vệ", "kind": "self_defence",
		"members": []map[string]any{{"name": "Lê Quang Vinh", "phone": "0905 333 401", "email": "vinh@vpubnd.example.vn"}}}

	for _, tc := range []struct {
		name, role, method, path string
		body                     any
		status                   int
		field                    string
	}{
		{"guard may not create a team", "guard", "POST", "/api/v1/teams", team, 403, ""},
		{"viewer may not create a team", "viewer", "POST", "/api/v1/teams", team, 403, ""},
		{"team kind", "manager", "POST", "/api/v1/teams", map[string]any{"name": "Đội X", "kind": "navy"}, 400, "kind"},
		{"team name", "manager", "POST", "/api/v1/teams", map[string]any{"name": " ", "kind": "fire"}, 400, "name"},
		{"member email", "manager", "POST", "/api/v1/teams", map[string]any{"name": "Đội PCCC", "kind": "fire",
			"members": []map[string]any{{"name": "Hòa", "email": "không-phải-email"}}}, 400, "members[0].email"},
		{"member phone", "manager", "POST", "/api/v1/teams", map[string]any{"name": "Đội PCCC", "kind": "fire",
			"members": []map[string]any{{"name": "Hòa", "phone": "gọi tôi"}}}, 400, "members[0].phone"},
		{"member guard", "manager", "POST", "/api/v1/teams", map[string]any{"name": "Đội PCCC", "kind": "fire",
			"members": []map[string]any{{"name": "Hòa", "guard_id": 999}}}, 400, "members[0].guard_id"},
		{"unknown member field", "manager", "POST", "/api/v1/teams", map[string]any{"name": "Đội", "kind": "fire",
			"members": []map[string]any{{"name": "Hòa", "zalo": "x"}}}, 400, "zalo"},
		{"manager creates a team", "manager", "POST", "/api/v1/teams", team, 201, ""},
		{"guard reads teams", "guard", "GET", "/api/v1/teams/1", nil, 200, ""},
		{"manager may not set plans", "manager", "PUT", "/api/v1/settings/incidents", []any{}, 403, ""},
		{"plan kind", "admin", "PUT", "/api/v1/settings/incidents", []map[string]any{{"kind": "riot", "ack_within_minutes": 5}}, 400, "[0].kind"},
		{"plan team", "admin", "PUT", "/api/v1/settings/incidents", []map[string]any{{"kind": "fire", "ack_within_minutes": 5,
			"responders": map[string]any{"team_ids": []int{7}}}}, 400, "[0].responders.team_ids[0]"},
		{"plan minutes", "admin", "PUT", "/api/v1/settings/incidents", []map[string]any{{"kind": "fire", "ack_within_minutes": 0}}, 400, "[0].ack_within_minutes"},
		{"plan checklist", "admin", "PUT", "/api/v1/settings/incidents", []map[string]any{{"kind": "fire", "ack_within_minutes": 5,
			"checklist": []string{"Gọi 114", "  "}}}, 400, "[0].checklist[1]"},
		{"viewer may not declare", "viewer", "POST", "/api/v1/incidents", map[string]any{"kind": "fire", "post_id": hq, "title": "Cháy"}, 403, ""},
		{"incident kind", "guard", "POST", "/api/v1/incidents", map[string]any{"kind": "riot", "post_id": hq, "title": "x"}, 400, "kind"},
		{"incident post", "guard", "POST", "/api/v1/incidents", map[string]any{"kind": "fire", "post_id": 999, "title": "x"}, 400, "post_id"},
		{"incident title", "guard", "POST", "/api/v1/incidents", map[string]any{"kind": "fire", "post_id": hq, "title": " "}, 400, "title"},
		{"incident headcount", "guard", "POST", "/api/v1/incidents", map[string]any{"kind": "crowd", "post_id": hq, "title": "Đông người", "headcount": -3}, 400, "headcount"},
		{"incident headcount type", "guard", "POST", "/api/v1/incidents", map[string]any{"kind": "crowd", "post_id": hq, "title": "Đông người", "headcount": "40"}, 400, "headcount"},
		{"list status", "viewer", "GET", "/api/v1/incidents?status=done", nil, 400, "status"},
		{"list kind", "viewer", "GET", "/api/v1/incidents?kind=riot", nil, 400, "kind"},
		{"list from", "viewer", "GET", "/api/v1/incidents?from=01/12/2026", nil, 400, "from"},
		{"unknown incident", "viewer", "GET", "/api/v1/incidents/99", nil, 404, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := en.do(tc.role, tc.method, tc.path, tc.body)
			if r.Status != tc.status || (tc.field != "" && r.errField() != tc.field) {
				t.Errorf("%s %s as %s: %d field %q, want %d field %q (%s)", tc.method, tc.path, tc.role, r.Status, r.errField(),
					tc.status, tc.field, r.Raw)
			}
		})
	}
	if n, _ := en.st.FindIncidents(context.Background(), scheduler.IncidentFilter{}); len(n) != 0 {
		t.Errorf("refused declarations stored %d incidents", len(n))
	}

	// The default plans call the new platoon for a crowd and a fire; a team a stored plan calls cannot go.
	plans := en.must(200, en.do("viewer", "GET", "/api/v1/settings/incidents", nil)).list()
	if len(plans) != 6 {
		t.Fatalf("plans %v, want one per kind", plans)
	}
	crowd := plans[0].(map[string]any)
	resp := crowd["responders"].(map[string]any)
	if crowd["kind"] != "crowd" || resp["police_post"] != true || resp["on_duty"] != true || resp["managers"] != true ||
		len(resp["team_ids"].([]any)) != 1 || crowd["ack_within_minutes"] != 10.0 {
		t.Errorf("default crowd plan %v", crowd)
	}
	en.must(200, en.do("admin", "PUT", "/api/v1/settings/incidents", []map[string]any{{"kind": "fire", "ack_within_minutes": 3,
		"responders": map[string]any{"police_post": true, "team_ids": []int{1}}, "checklist": []string{"Gọi 114"}}}))
	if r := en.do("manager", "DELETE", "/api/v1/teams/1", nil); r.Status != 409 {
		t.Errorf("deleting a team a plan calls: %d %s, want 409", r.Status, r.Raw)
	}
	// A guard declares; a manager updates; a guard may not close.
	inc := en.must(201, en.do("guard", "POST", "/api/v1/incidents", map[string]any{"kind": "fire", "post_id": hq,
		"title": "Chập điện phòng máy"})).obj()
	if inc["ack_within_minutes"] != 3.0 || inc["status"] != "open" || len(inc["checklist"].([]any)) != 1 {
		t.Errorf("declared %v", inc)
	}
	if r := en.do("guard", "POST", "/api/v1/incidents/1/close", map[string]any{"outcome": "x"}); r.Status != 403 {
		t.Errorf("guard closes: %d", r.Status)
	}
	if r := en.do("manager", "POST", "/api/v1/incidents/1/updates", map[string]any{"note": " "}); r.Status != 400 || r.errField() != "note" {
		t.Errorf("empty update: %d %s", r.Status, r.Raw)
	}
	if l := en.must(200, en.do("viewer", "GET", "/api/v1/incidents?status=open&kind=fire&from=2026-12-01&to=2026-12-02", nil)).list(); len(l) != 1 {
		t.Errorf("filtered list %v, want the fire", l)
	}
	if l := en.must(200, en.do("viewer", "GET", "/api/v1/incidents?kind=crowd", nil)).list(); len(l) != 0 {
		t.Errorf("crowd list %v, want none", l)
	}
}
