package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// Ensure the settings page shows the heading of the printed documents (the
// demo's: parent body, place, document number symbol) to an administrator,
// who saves new values (Vietnamese intact) that the print then carries; a
// value too long is refused beside its input and changes nothing.
func TestAdminSettingsOfficeHeading(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	a := admAdmin(t, s)
	_, body, _ := a.get("/settings")
	contains(t, body, "Cơ quan chủ quản", `id="parent_body" name="parent_body" type="text" value="UBND tỉnh Quảng Ngãi"`,
		"Địa danh", `id="place" name="place" type="text" value="Quảng Ngãi"`,
		"Ký hiệu số văn bản", `id="doc_number_prefix" name="doc_number_prefix" type="text" value="/LT-VP"`)
	form := url.Values{"office_name": {"Văn phòng Đoàn ĐBQH và HĐND tỉnh"}, "timezone": {"Asia/Ho_Chi_Minh"},
		"parent_body": {"HĐND tỉnh Quảng Ngãi"}, "place": {"Quảng Ngãi"}, "doc_number_prefix": {"/LT-VPĐĐBQH"}}
	bad := url.Values{}
	for k, v := range form {
		bad[k] = v
	}
	bad.Set("parent_body", strings.Repeat("Ủ", 201))
	code, body, _ := a.post("/settings/office", bad)
	admWant(t, "too long", code, http.StatusBadRequest, body)
	contains(t, body, `id="parent_body-err"`, `aria-invalid="true" aria-describedby="parent_body-err"`)
	if o, _ := s.st.Office(ctx); o.ParentBody != "UBND tỉnh Quảng Ngãi" {
		t.Fatalf("a refused form changed the office: %+v", o)
	}
	code, _, _ = a.post("/settings/office", form)
	admWant(t, "save", code, http.StatusSeeOther, "")
	o, _ := s.st.Office(ctx)
	if o.Name != "Văn phòng Đoàn ĐBQH và HĐND tỉnh" || o.ParentBody != "HĐND tỉnh Quảng Ngãi" || o.Place != "Quảng Ngãi" || o.DocNumberPrefix != "/LT-VPĐĐBQH" {
		t.Fatalf("office %+v", o)
	}
	_, body, _ = a.get("/roster/print?month=2026-12")
	contains(t, body, `<p class="parent-body">HĐND TỈNH QUẢNG NGÃI</p>`, `<p class="agency-name">VĂN PHÒNG ĐOÀN ĐBQH VÀ HĐND TỈNH</p>`,
		"/LT-VPĐĐBQH</p>", "<em>Quảng Ngãi, ngày 01 tháng 12 năm 2026</em>")
	// In English the labels are English.
	a.post("/lang", url.Values{"lang": {"en"}, "back": {"/settings"}})
	_, body, _ = a.get("/settings")
	contains(t, body, "Parent body", "Place", "Document number symbol")
}
