package render

import (
	"fmt"
	"time"

	"catruc/scheduler"
)

// IncidentCall is one callout message: to whom, about what, and the link
// that acknowledges it.
type IncidentCall struct {
	Incident  *scheduler.Incident
	Responder *scheduler.Responder
	PostName  string
	Site      string
	AckURL    string // "" for a message without a link (a manager told of an escalation who was called already)
	// Escalation marks the second sending, after the police post did not
	// acknowledge in time.
	Escalation bool
}

var responderKindVI = map[string]string{
	scheduler.ResponderPolice:  "công an",
	scheduler.ResponderGuard:   "bảo vệ đang trực",
	scheduler.ResponderManager: "lãnh đạo, quản lý",
	scheduler.ResponderTeam:    "lực lượng dự bị",
}

// IncidentCallout renders the callout of an incident to one responder:
// Vietnamese first, the acknowledge link, the plan's checklist, then English.
func IncidentCallout(c IncidentCall, loc *time.Location) (Message, error) {
	inc, r := c.Incident, c.Responder
	kind := scheduler.IncidentKindName("vi", inc.Kind)
	subject := fmt.Sprintf("[SỰ CỐ] %s tại %s: %s", kind, c.PostName, inc.Title)
	if c.Escalation {
		subject = fmt.Sprintf("[CHUYỂN CẤP – CÔNG AN CHƯA XÁC NHẬN] %s tại %s: %s", kind, c.PostName, inc.Title)
	}
	where := c.PostName
	if c.Site != "" {
		where += " (" + c.Site + ")"
	}
	blocks := []Block{
		{Head: fmt.Sprintf("Kính gửi %s (%s).", r.Name, responderKindVI[r.Kind])},
		{Head: fmt.Sprintf("Sự cố: %s – %s.", kind, inc.Title)},
		{Head: fmt.Sprintf("Địa điểm: %s. Thời điểm báo: %s.", where, WhenVI(inc.DeclaredAt, loc))},
	}
	if c.Escalation {
		blocks = append(blocks, Block{Head: fmt.Sprintf("Công an chưa xác nhận sau %d phút: đề nghị lãnh đạo chỉ đạo, liên hệ trực tiếp.",
			inc.AckWithinMinutes)})
	}
	if inc.Headcount > 0 {
		blocks = append(blocks, Block{Head: fmt.Sprintf("Số người: khoảng %d.", inc.Headcount)})
	}
	if inc.Note != "" {
		blocks = append(blocks, Block{Head: "Ghi chú: " + inc.Note})
	}
	if c.AckURL != "" {
		blocks = append(blocks, Block{Head: "BẤM ĐỂ XÁC NHẬN ĐÃ NHẬN TIN (dùng một lần, trong 24 giờ): " + c.AckURL})
	}
	if len(inc.Checklist) > 0 {
		blocks = append(blocks, Block{Head: "Việc cần làm:", Items: inc.Checklist})
	}
	en := fmt.Sprintf("English: incident – %s at %s: %s, declared %s.", scheduler.IncidentKindName("en", inc.Kind), c.PostName,
		inc.Title, WhenEN(inc.DeclaredAt, loc))
	if c.AckURL != "" {
		en += " Acknowledge: " + c.AckURL
	}
	blocks = append(blocks, Block{Head: en}, Block{Head: fmt.Sprintf("Mã sự cố / Incident id: %d", inc.ID)})
	data := map[string]any{"incident": incidentData(inc), "post": c.PostName, "escalation": c.Escalation,
		"responder": map[string]any{"id": r.ID, "name": r.Name, "kind": r.Kind, "phone": r.Phone, "email": r.Email},
		"ack_url":   c.AckURL}
	return compose(subject, blocks, data)
}

// incidentData is the incident as a webhook payload carries it: without
// the responders and the timeline, which change afterwards.
func incidentData(inc *scheduler.Incident) map[string]any {
	return map[string]any{"id": inc.ID, "kind": inc.Kind, "post_id": inc.PostID, "title": inc.Title, "note": inc.Note,
		"headcount": inc.Headcount, "declared_at": inc.DeclaredAt, "declared_by": inc.DeclaredBy,
		"ack_within_minutes": inc.AckWithinMinutes, "checklist": inc.Checklist}
}
