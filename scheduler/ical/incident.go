package ical

import (
	"strconv"
	"time"

	goical "github.com/emersion/go-ical"

	"catruc/scheduler"
)

// IncidentItem is an incident with the name of its post, for the feeds of
// the police post, of the whole office and of its post.
type IncidentItem struct {
	Incident *scheduler.Incident
	PostName string
}

// incidentOpenFor is how long an open incident's event lasts in a feed
// (a closed one ends when it closed).
const incidentOpenFor = 2 * time.Hour

// incidentSpan is the stretch an incident's event covers.
func incidentSpan(inc *scheduler.Incident) (time.Time, time.Time) {
	end := inc.DeclaredAt.Add(incidentOpenFor)
	if inc.ClosedAt != nil && inc.ClosedAt.After(inc.DeclaredAt) {
		end = *inc.ClosedAt
	}
	return inc.DeclaredAt, end
}

// incident writes the event of an incident: "[SỰ CỐ] <kind>: <title>" at its
// post, its status, size, note and outcome; its SEQUENCE grows when it
// escalates and when it closes.
func (b *builder) incident(uid string, it IncidentItem) *goical.Component {
	inc := it.Incident
	c := b.parts.component(goical.CompEvent, 12)
	start, end := incidentSpan(inc)
	version := 1
	if inc.EscalatedAt != nil {
		version++
	}
	if inc.Status == scheduler.IncidentClosed {
		version++
	}
	b.common(c, uid, start, end, version, inc.DeclaredAt, time.Time{}, false)
	b.setText(c, goical.PropSummary, "[SỰ CỐ] "+scheduler.IncidentKindName("vi", inc.Kind)+": "+inc.Title)
	if it.PostName != "" {
		b.setText(c, goical.PropLocation, it.PostName)
	}
	d := b.text[:0]
	if inc.Status == scheduler.IncidentClosed {
		d = appendLine(d, "Đã kết thúc: ", inc.Outcome)
	} else {
		d = appendLine(d, "Đang xử lý", "")
	}
	if inc.Headcount > 0 {
		d = strconv.AppendInt(appendLine(d, "Số người: khoảng ", ""), int64(inc.Headcount), 10)
	}
	if inc.Note != "" {
		d = appendLine(d, "Ghi chú: ", inc.Note)
	}
	if inc.DeclaredBy != "" {
		d = appendLine(d, "Người báo: ", inc.DeclaredBy)
	}
	b.text = d
	b.set(c, goical.PropDescription, b.escape(d))
	return c
}
