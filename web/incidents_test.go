package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"catruc/scheduler"
)

var ackPathRE = regexp.MustCompile(`/ack/[A-Za-z0-9_-]{43}`)

// Ensure a guard reports a crowd from their phone page with the short form
// (a refused form says why in Vietnamese and keeps what was typed), the
// incident page shows the checklist, who was called and the timeline; the
// dashboard shows the open incident first; a manager adds an update and
// closes it; the ack link of the callout email works without a login; a
// viewer may not report.
func TestIncidentPages(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	g := s.browser()
	g.login("an", guardPass)
	_, me, _ := g.get("/me")
	contains(t, me, `href="/incidents/new"`, "Báo sự cố")
	code, form, _ := g.get("/incidents/new")
	if code != http.StatusOK {
		t.Fatalf("form: %d", code)
	}
	contains(t, form, "Khiếu kiện đông người", "Trụ sở HĐND, UBND tỉnh", "GỬI BÁO ĐỘNG")

	code, page, _ := g.post("/incidents", url.Values{"kind": {"crowd"}, "post_id": {"1"}, "title": {"  "}, "headcount": {"40"}})
	if code != http.StatusBadRequest {
		t.Fatalf("empty title: %d", code)
	}
	contains(t, page, `id="inc-title" name="title" required`, `aria-invalid="true"`, `value="40"`)
	code, _, loc := g.post("/incidents", url.Values{"kind": {"crowd"}, "post_id": {"1"},
		"title": {"Khoảng 40 người dân tập trung trước cổng chính"}, "headcount": {"40"}})
	if code != http.StatusSeeOther || loc != "/incidents/1" {
		t.Fatalf("report: %d %q", code, loc)
	}
	_, page, _ = g.get(loc)
	contains(t, page, "Đã báo sự cố và gửi thông báo.", "Khoảng 40 người dân tập trung trước cổng chính", "Khoảng 40 người",
		"Đóng cổng chính, giữ lối đi riêng cho cán bộ và xe công vụ", "Tiểu đội Cảnh sát bảo vệ mục tiêu Trụ sở UBND tỉnh (PK20)",
		"Lê Quang Vinh (trung đội trưởng)", `href="tel:0905%20333%20402"`, "Chưa xác nhận", "Báo sự cố", "Đã gửi thông báo",
		"Người báo: Nguyễn Văn An",          // by the guard's name rather than the login
		`data-delivery="pending">đang gửi…`) // the outbox has not run yet
	if strings.Contains(page, `action="/incidents/1/close"`) {
		t.Error("a guard is offered to close the incident")
	}

	// The callout email's link, followed on a phone without a login.
	ns, _ := s.st.FindNotifications(ctx, "", 100)
	var link string
	for _, n := range ns {
		if n.Type == scheduler.TypeIncidentCallout && n.Recipient == "tieudoi.pk20@congan.example.vn" {
			link = ackPathRE.FindString(n.BodyText)
			if !strings.Contains(n.BodyText, "https://lichtruc.example.vn"+link) {
				t.Errorf("the link is not on the public address: %s", n.BodyText)
			}
		}
	}
	if link == "" {
		t.Fatal("no callout email to the police post")
	}
	// Fetching the link (as a mail scanner does) shows the callout and the
	// form the page sends at once, and acknowledges nothing.
	phone := s.browser()
	code, ack, _ := phone.get(link)
	if code != http.StatusOK {
		t.Fatalf("ack page: %d", code)
	}
	contains(t, ack, "Đang gửi xác nhận đồng chí đã nhận tin…", `data-autosubmit`, "Xác nhận đã nhận tin",
		"Khoảng 40 người dân tập trung trước cổng chính")
	if inc, err := s.st.FindIncidentByID(ctx, 1); err != nil {
		t.Fatal(err)
	} else {
		for _, r := range inc.Responders {
			if r.AckedAt != nil {
				t.Fatalf("fetching the link acknowledged %s's callout", r.Name)
			}
		}
	}
	// The form (sent by the page's script, or the button) acknowledges.
	code, ack, _ = phone.post(link, url.Values{})
	if code != http.StatusOK {
		t.Fatalf("ack: %d", code)
	}
	contains(t, ack, "Đã xác nhận. Cảm ơn đồng chí!", "Khoảng 40 người dân tập trung trước cổng chính")
	if _, again, _ := phone.post(link, url.Values{}); !strings.Contains(again, "Tin này đã được xác nhận trước đó.") {
		t.Errorf("a second acknowledgement: %s", again)
	}

	m := s.browser()
	m.login("quanly", managerPass)
	_, dash, _ := m.get("/")
	first, duty := strings.Index(dash, "Sự cố đang xử lý"), strings.Index(dash, "Đang trực")
	if first < 0 || duty < 0 || first > duty || !strings.Contains(dash[first:duty], "Khoảng 40 người dân tập trung trước cổng chính") {
		t.Errorf("the dashboard does not show the open incident first")
	}
	if code, _, _ := m.post("/incidents/1/updates", url.Values{"note": {"Đã mời 5 đại diện vào phòng tiếp dân"}}); code != http.StatusSeeOther {
		t.Fatalf("update: %d", code)
	}
	if code, _, _ := m.post("/incidents/1/close", url.Values{"outcome": {"Người dân giải tán"}}); code != http.StatusSeeOther {
		t.Fatalf("close: %d", code)
	}
	_, page, _ = m.get("/incidents/1")
	contains(t, page, "Đã kết thúc sự cố.", "Đã mời 5 đại diện vào phòng tiếp dân", "Người dân giải tán", "Công an xác nhận", "1/")
	_, list, _ := m.get("/incidents?status=closed")
	contains(t, list, `href="/incidents/1"`, "Đã kết thúc")

	v := s.browser()
	v.login("congan", viewerPass)
	if code, _, _ := v.get("/incidents/new"); code != http.StatusForbidden {
		t.Errorf("viewer opens the report form: %d", code)
	}
}
