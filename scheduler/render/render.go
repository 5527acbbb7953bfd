// Package render writes the words of catruc's notifications: the email
// subject, its plain-text and HTML parts (Vietnamese first, then English) and
// the webhook payload's data, for each kind of message. It is pure: the
// engine and the store call it when they queue a notification, so that every
// retry sends the same thing.
package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"strings"
	"time"

	"catruc/scheduler"
)

// Message is a rendered notification's content.
type Message struct {
	Subject string
	Text    string
	HTML    string
	Data    json.RawMessage
}

var weekdaysVI = []string{"Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}

// WhenVI formats an instant the Vietnamese way in loc: "Thứ Năm, 03/12/2026 07:00".
func WhenVI(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	return fmt.Sprintf("%s, %s", weekdaysVI[t.Weekday()], t.Format("02/01/2006 15:04"))
}

// DayVI formats a date the Vietnamese way in loc: "Thứ Năm, 03/12/2026".
func DayVI(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	return fmt.Sprintf("%s, %s", weekdaysVI[t.Weekday()], t.Format("02/01/2006"))
}

// WhenEN formats an instant in English in loc: "Thu 03/12/2026 07:00".
func WhenEN(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("Mon 02/01/2006 15:04")
}

// SpanVI formats a stretch: "Thứ Năm, 03/12/2026 07:00 – 15:00" or across days.
func SpanVI(a, b time.Time, loc *time.Location) string {
	if a.In(loc).Format("20060102") == b.In(loc).Format("20060102") {
		return WhenVI(a, loc) + " – " + b.In(loc).Format("15:04")
	}
	return WhenVI(a, loc) + " – " + WhenVI(b, loc)
}

// SpanEN is SpanVI in English.
func SpanEN(a, b time.Time, loc *time.Location) string {
	if a.In(loc).Format("20060102") == b.In(loc).Format("20060102") {
		return WhenEN(a, loc) + " – " + b.In(loc).Format("15:04")
	}
	return WhenEN(a, loc) + " – " + WhenEN(b, loc)
}

// page lays out an email's HTML: a title and paragraphs or lists, escaped.
var page = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>{{.Title}}</title></head>
<body style="font-family:Arial,sans-serif;line-height:1.45;color:#111">
<h2 style="margin:0 0 .5em">{{.Title}}</h2>
{{range .Blocks}}{{if .Items}}<p style="margin:.6em 0 .2em"><strong>{{.Head}}</strong></p><ul>{{range .Items}}<li>{{.}}</li>{{end}}</ul>{{else}}<p>{{.Head}}</p>{{end}}{{end}}
<hr><p style="color:#555;font-size:90%">catruc – lịch trực bảo vệ</p>
</body></html>`))

// Block is a paragraph, or a heading with a list.
type Block struct {
	Head  string
	Items []string
}

// compose renders the text and HTML parts from the same blocks.
func compose(subject string, blocks []Block, data any) (Message, error) {
	var text strings.Builder
	text.WriteString(subject + "\n\n")
	for _, b := range blocks {
		if b.Items == nil {
			text.WriteString(b.Head + "\n\n")
			continue
		}
		text.WriteString(b.Head + "\n")
		for _, it := range b.Items {
			text.WriteString("  - " + it + "\n")
		}
		text.WriteString("\n")
	}
	text.WriteString("-- \ncatruc – lịch trực bảo vệ\n")
	var html bytes.Buffer
	if err := page.Execute(&html, map[string]any{"Title": subject, "Blocks": blocks}); err != nil {
		return Message{}, err
	}
	d, err := json.Marshal(data)
	if err != nil {
		return Message{}, err
	}
	return Message{Subject: subject, Text: text.String(), HTML: html.String(), Data: d}, nil
}

// Names resolves ids for messages.
type Names struct {
	Posts  map[int64]*scheduler.Post
	Guards map[int64]*scheduler.Guard
}

func (n Names) post(id *int64) string {
	if id == nil {
		return ""
	}
	if p, ok := n.Posts[*id]; ok {
		return p.Name
	}
	return fmt.Sprintf("vọng gác %d", *id)
}

func (n Names) guard(id *int64) string {
	if id == nil {
		return ""
	}
	if g, ok := n.Guards[*id]; ok {
		return g.Name
	}
	return fmt.Sprintf("bảo vệ %d", *id)
}

var severityVI = map[string]string{scheduler.SeverityCritical: "KHẨN", scheduler.SeverityHigh: "Cao", scheduler.SeverityNormal: "Thường"}

// Alert renders an alert notification of type typ (alert.opened, …).
func Alert(a *scheduler.Alert, typ string, names Names, loc *time.Location) (Message, error) {
	what := map[string]string{
		scheduler.TypeAlertOpened:    "Cảnh báo",
		scheduler.TypeAlertUpdated:   "Cập nhật cảnh báo",
		scheduler.TypeAlertEscalated: "CHUYỂN CẤP – chưa ai xác nhận",
		scheduler.TypeAlertResolved:  "Đã khắc phục",
	}[typ]
	var subject string
	if a.Kind == scheduler.AlertNoShow {
		subject = noShowSubject(a, what, typ, names, loc)
	} else if a.Kind == scheduler.AlertGap {
		subject = fmt.Sprintf("[%s] %s: %s thiếu %d người trực, %s", severityVI[a.Severity], what, names.post(a.PostID), a.Missing,
			SpanVI(a.Start, a.End, loc))
		if typ == scheduler.TypeAlertResolved {
			subject = fmt.Sprintf("%s: %s đã đủ người trực, %s", what, names.post(a.PostID), SpanVI(a.Start, a.End, loc))
		}
	} else {
		subject = fmt.Sprintf("[%s] %s: %s – vi phạm quy định giờ làm việc", severityVI[a.Severity], what, names.guard(a.GuardID))
		if typ == scheduler.TypeAlertResolved {
			subject = fmt.Sprintf("%s: %s – hết vi phạm quy định giờ làm việc", what, names.guard(a.GuardID))
		}
	}
	blocks := []Block{}
	if a.MessageVI != "" {
		blocks = append(blocks, Block{Head: a.MessageVI})
	}
	if (a.Kind == scheduler.AlertGap || a.Kind == scheduler.AlertNoShow) && typ != scheduler.TypeAlertResolved {
		blocks = append(blocks, Block{Head: fmt.Sprintf("Vọng gác: %s. Thời gian: %s. Thiếu: %d người. Mức độ: %s.",
			names.post(a.PostID), SpanVI(a.Start, a.End, loc), a.Missing, severityVI[a.Severity])})
		if len(a.Suggestions) > 0 {
			items := []string{}
			for _, s := range a.Suggestions {
				items = append(items, fmt.Sprintf("%s (%s)", s.Name, strings.Join(s.Reasons, "; ")))
			}
			blocks = append(blocks, Block{Head: "Có thể điều động / Who can take it:", Items: items})
		}
	}
	blocks = append(blocks, Block{Head: "English: " + a.Message}, Block{Head: fmt.Sprintf("Mã cảnh báo / Alert id: %d", a.ID)})
	return compose(subject, blocks, map[string]any{"alert": a})
}

// Reminder renders a reminder of a shift to its guard.
func Reminder(sh *scheduler.Shift, names Names, lead time.Duration, loc *time.Location) (Message, error) {
	post := names.Posts[sh.PostID]
	site := ""
	if post != nil && post.Site != "" {
		site = " (" + post.Site + ")"
	}
	// The hours the guard really works: the shift less its approved time off.
	start, end := sh.Start, sh.End
	if w := sh.Worked(); len(w) > 0 {
		start, end = w[0].Start, w[len(w)-1].End
	}
	subject := fmt.Sprintf("Nhắc ca trực: %s, %s", names.post(&sh.PostID), SpanVI(start, end, loc))
	blocks := []Block{
		{Head: fmt.Sprintf("Đồng chí %s có ca trực tại %s%s từ %s.", names.guard(sh.GuardID), names.post(&sh.PostID), site,
			SpanVI(start, end, loc))},
		{Head: fmt.Sprintf("English: %s, your shift at %s is %s (in %s).", names.guard(sh.GuardID), names.post(&sh.PostID),
			SpanEN(start, end, loc), humanLead(lead))},
	}
	for _, a := range sh.Absences {
		blocks = append(blocks, Block{Head: fmt.Sprintf("Nghỉ (%s) / Away (%s): %s.", scheduler.TimeOffKindVI(a.Kind), a.Kind,
			SpanVI(a.Start, a.End, loc))})
	}
	if sh.Note != "" {
		blocks = append(blocks, Block{Head: "Ghi chú / Note: " + sh.Note})
	}
	return compose(subject, blocks, map[string]any{"shift": sh, "lead_minutes": int(lead.Minutes())})
}

func humanLead(d time.Duration) string {
	if d >= time.Hour && d%time.Hour == 0 {
		return fmt.Sprintf("%d h", int(d.Hours()))
	}
	return fmt.Sprintf("%d min", int(d.Minutes()))
}

// ShiftChange renders the news of a change to a guard's own shift.
func ShiftChange(before, after *scheduler.Shift, guardID int64, names Names, loc *time.Location) (Message, error) {
	gid := guardID
	var head, en string
	switch {
	case before == nil:
		head = fmt.Sprintf("Đồng chí %s được phân công ca trực mới tại %s, %s.", names.guard(&gid), names.post(&after.PostID), SpanVI(after.Start, after.End, loc))
		en = fmt.Sprintf("New shift at %s, %s.", names.post(&after.PostID), SpanEN(after.Start, after.End, loc))
	case after.Status == scheduler.ShiftCancelled || after.GuardID == nil || *after.GuardID != guardID:
		head = fmt.Sprintf("Ca trực của đồng chí %s tại %s, %s đã được hủy hoặc chuyển cho người khác.", names.guard(&gid), names.post(&before.PostID), SpanVI(before.Start, before.End, loc))
		en = fmt.Sprintf("Your shift at %s, %s is cancelled or given to someone else.", names.post(&before.PostID), SpanEN(before.Start, before.End, loc))
	default:
		head = fmt.Sprintf("Ca trực của đồng chí %s đã thay đổi: nay là %s, %s (trước: %s, %s).", names.guard(&gid), names.post(&after.PostID),
			SpanVI(after.Start, after.End, loc), names.post(&before.PostID), SpanVI(before.Start, before.End, loc))
		en = fmt.Sprintf("Your shift changed: now %s, %s.", names.post(&after.PostID), SpanEN(after.Start, after.End, loc))
	}
	return compose("Thay đổi lịch trực / Roster change", []Block{{Head: head}, {Head: "English: " + en}},
		map[string]any{"before": before, "after": after, "guard_id": guardID})
}

// PoliceNotice renders the notice of an event to a police post. change is
// "new", "changed" or "cancelled"; onDuty names the office's guards on duty
// during the event, by post.
func PoliceNotice(e *scheduler.Event, change string, names Names, onDuty []string, loc *time.Location) (Message, error) {
	prefix := map[string]string{"new": "Thông báo", "changed": "THAY ĐỔI", "cancelled": "HỦY"}[change]
	subject := fmt.Sprintf("%s: %s, %s", prefix, e.Title, SpanVI(e.Start, e.End, loc))
	posts := []string{}
	for _, id := range e.PostIDs {
		id := id
		posts = append(posts, names.post(&id))
	}
	blocks := []Block{}
	if change == "cancelled" {
		blocks = append(blocks, Block{Head: fmt.Sprintf("Sự kiện \"%s\" (%s) đã được HỦY.", e.Title, SpanVI(e.Start, e.End, loc))})
	} else {
		if change == "changed" {
			blocks = append(blocks, Block{Head: "Sự kiện đã thay đổi; thông tin mới nhất như sau."})
		}
		blocks = append(blocks,
			Block{Head: fmt.Sprintf("Sự kiện: %s (%s).", e.Title, kindVI[e.Kind])},
			Block{Head: "Thời gian: " + SpanVI(e.Start, e.End, loc) + "."},
			Block{Head: "Vọng gác liên quan:", Items: orNone(posts)},
			Block{Head: fmt.Sprintf("Tăng cường: %d người mỗi vọng gác.", e.ExtraHeadcount)},
			Block{Head: "Bảo vệ của Văn phòng trực trong thời gian này:", Items: orNone(onDuty)})
		if e.Note != "" {
			blocks = append(blocks, Block{Head: "Ghi chú: " + e.Note})
		}
	}
	blocks = append(blocks, Block{Head: fmt.Sprintf("English: %s – %s, %s (%s).", map[string]string{"new": "Notice", "changed": "Changed",
		"cancelled": "Cancelled"}[change], e.Title, SpanEN(e.Start, e.End, loc), strings.Join(posts, ", "))})
	return compose(subject, blocks, map[string]any{"event": e, "change": change, "on_duty": onDuty})
}

var kindVI = map[string]string{"delegation": "đón đoàn khách", "conference": "hội nghị", "crowd": "khiếu kiện đông người",
	"drill": "diễn tập", "ceremony": "lễ", "other": "khác"}

func orNone(items []string) []string {
	if len(items) == 0 {
		return []string{"(không có / none)"}
	}
	return items
}

// ShiftLinesVI writes a shift as the digest lists it: "07:00–18:00 Nguyễn
// Văn An", and each part its guard is away as "18:00–07:00 Nguyễn Văn An
// vắng (nghỉ phép)" — the absent part is not on duty.
func ShiftLinesVI(sh *scheduler.Shift, names Names, loc *time.Location) []string {
	if sh.GuardID == nil {
		return []string{SpanVI(sh.Start, sh.End, loc) + " (trống / open)"}
	}
	who := names.guard(sh.GuardID)
	var out []string
	for _, p := range sh.Parts() {
		if p.Absent() {
			out = append(out, fmt.Sprintf("%s %s vắng (%s) – không có mặt", SpanVI(p.Start, p.End, loc), who,
				scheduler.TimeOffKindVI(p.Absence.Kind)))
			continue
		}
		out = append(out, SpanVI(p.Start, p.End, loc)+" "+who)
	}
	return out
}

// DigestPost is one post's roster of the day.
type DigestPost struct {
	Name  string
	Lines []string // "07:00–15:00 Nguyễn Văn An"
}

// Digest renders the managers' morning digest.
func Digest(day time.Time, posts []DigestPost, open []*scheduler.Alert, gaps []string, names Names, loc *time.Location) (Message, error) {
	subject := fmt.Sprintf("Lịch trực hôm nay, %s: %d cảnh báo, %d khoảng trống 7 ngày tới",
		DayVI(day, loc), len(open), len(gaps))
	blocks := []Block{}
	for _, p := range posts {
		blocks = append(blocks, Block{Head: p.Name, Items: orNone(p.Lines)})
	}
	alerts := []string{}
	for _, a := range open {
		alerts = append(alerts, fmt.Sprintf("[%s] %s", severityVI[a.Severity], a.MessageVI))
	}
	blocks = append(blocks, Block{Head: "Cảnh báo đang mở / Open alerts:", Items: orNone(alerts)},
		Block{Head: "Khoảng trống 7 ngày tới / Gaps in the next 7 days:", Items: orNone(gaps)})
	return compose(subject, blocks, map[string]any{"date": day.In(loc).Format(scheduler.DateLayout), "posts": posts,
		"open_alerts": len(open), "gaps": gaps})
}

// Test renders the test message of the settings page.
func Test(now time.Time, loc *time.Location) (Message, error) {
	return compose("catruc: thư thử nghiệm / test message", []Block{
		{Head: "Đây là thư thử nghiệm của catruc, gửi lúc " + WhenVI(now, loc) + ". Cấu hình thông báo hoạt động."},
		{Head: "English: this is a test message from catruc; notifications work."}}, map[string]any{"sent": now})
}
