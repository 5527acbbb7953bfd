package security

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"catruc/scheduler"
)

// Draft is the report as the office files it, in Vietnamese, laid out once
// for both the printed page (web) and the Word file (WriteDocx): the heading,
// "BÁO CÁO" and its subject, the opening sentence, sections I–III, the
// closing sentence, "Nơi nhận" and the signature.
type Draft struct {
	Head       Head
	Title      string // "BÁO CÁO"
	Subject    string // "Kết quả công tác bảo vệ trụ sở cơ quan 6 tháng đầu năm 2026"
	Intro      string
	Sections   []Section
	Closing    string
	Recipients []string
	Signer     string // "CHÁNH VĂN PHÒNG"
}

// Section is one of I, II, III.
type Section struct {
	Heading string // "I. KẾT QUẢ THỰC HIỆN"
	Parts   []Part
	// Editable marks the text the office writes itself (III: the next
	// period's directions): the draft only proposes it.
	Editable bool
}

// Part is a numbered item of a section, or its body when Heading is empty.
type Part struct {
	Heading string // "1. Công tác trực bảo vệ"
	Paras   []string
	Table   *Table
	// Chart names the chart drawn after the paragraphs: ChartCoverage or
	// ChartIncidents; "" for none. The Word file leaves charts out (its
	// tables carry the same figures).
	Chart string
}

// Charts a part may carry.
const (
	ChartCoverage  = "coverage_by_month"
	ChartIncidents = "incidents_by_kind"
)

// Table is a table of figures: Head is the header row; Numeric marks the
// columns aligned right.
type Table struct {
	Head    []string
	Rows    [][]string
	Numeric []bool
}

// Cell is a cell of a table as a page lays it out.
type Cell struct {
	Text    string
	Numeric bool // aligned right
}

// Cells are the rows of t with each cell's alignment.
func (t *Table) Cells() [][]Cell {
	out := make([][]Cell, len(t.Rows))
	for i, row := range t.Rows {
		for j, v := range row {
			out[i] = append(out[i], Cell{Text: v, Numeric: j < len(t.Numeric) && t.Numeric[j]})
		}
	}
	return out
}

// alertKindsVI names the alert kinds.
var alertKindsVI = map[string]string{
	scheduler.AlertGap:       "Vọng gác thiếu người trực",
	scheduler.AlertViolation: "Bố trí ca vượt quy định giờ làm",
	scheduler.AlertNoShow:    "Bảo vệ không có mặt nhận ca",
}

// ruleNamesVI names the labour rules (as the violations page does).
var ruleNamesVI = map[string]string{
	"shift_length":        "Ca liên tục quá dài",
	"daily_hours":         "Quá giờ làm trong ngày",
	"rest_between_shifts": "Nghỉ giữa hai ca quá ngắn",
	"weekly_hours":        "Quá giờ làm trong tuần",
	"weekly_rest":         "Thiếu nghỉ hằng tuần",
	"overtime_month":      "Quá giờ làm thêm trong tháng",
	"overtime_year":       "Quá giờ làm thêm trong năm",
}

func nameOr(m map[string]string, k string) string {
	if v, ok := m[k]; ok {
		return v
	}
	return k
}

// AlertKindVI, RuleVI and IncidentKindVI name a kind in the report's words.
func AlertKindVI(k string) string    { return nameOr(alertKindsVI, k) }
func RuleVI(k string) string         { return nameOr(ruleNamesVI, k) }
func IncidentKindVI(k string) string { return scheduler.IncidentKindName("vi", k) }

// NumVI writes a number as Vietnamese documents do: at most 2 decimals after
// a comma, thousands grouped with dots ("1.234,5").
func NumVI(x float64) string {
	s := strconv.FormatFloat(x, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if frac != "" {
		out += "," + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

// minutesVI writes a median in minutes, or "—" when there is none.
func minutesVI(m *float64) string {
	if m == nil {
		return "—"
	}
	return NumVI(*m) + " phút"
}

// whenVI writes an instant "07:00 ngày 05/01/2026" in loc.
func whenVI(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	return t.Format("15:04") + " ngày " + t.Format("02/01/2006")
}

// NextPeriodVI names the period after [from, to): the second half after the
// first, the next year after the second half or a year, else "thời gian tới".
func NextPeriodVI(from, to time.Time, loc *time.Location) string {
	p := PeriodVI(from, to, loc)
	y := from.In(loc).Year()
	switch {
	case strings.HasPrefix(p, "6 tháng đầu"):
		return fmt.Sprintf("6 tháng cuối năm %d", y)
	case strings.HasPrefix(p, "6 tháng cuối"), strings.HasPrefix(p, "năm "):
		return fmt.Sprintf("năm %d", y+1)
	}
	return "thời gian tới"
}

// NewDraft lays out the report r of the office o, dated now.
func NewDraft(r Report, o scheduler.Office, now time.Time, loc *time.Location) Draft {
	period := PeriodVI(r.From, r.To, loc)
	office := o.Name
	d := Draft{
		Head:    Heading(o, now, loc),
		Title:   "BÁO CÁO",
		Subject: "Kết quả công tác bảo vệ trụ sở cơ quan " + period,
		Intro: fmt.Sprintf("Thực hiện nhiệm vụ bảo vệ trụ sở làm việc của cơ quan, %s báo cáo kết quả công tác bảo vệ %s như sau:",
			office, periodDates(period, r.From, r.To, loc)),
		Closing: fmt.Sprintf("Trên đây là báo cáo kết quả công tác bảo vệ trụ sở cơ quan %s của %s./.", period, office),
		Recipients: []string{"Lãnh đạo cơ quan (để báo cáo);", "Công an tỉnh (để phối hợp);",
			"Tiểu đội Cảnh sát bảo vệ mục tiêu;", "Lưu: VT."},
		Signer: "CHÁNH VĂN PHÒNG",
	}
	d.Sections = []Section{
		{Heading: "I. KẾT QUẢ THỰC HIỆN", Parts: resultParts(r, loc)},
		{Heading: "II. TỒN TẠI, HẠN CHẾ", Parts: []Part{{Paras: Shortcomings(r, loc)}}},
		{Heading: "III. PHƯƠNG HƯỚNG, NHIỆM VỤ " + strings.ToUpper(NextPeriodVI(r.From, r.To, loc)),
			Parts: []Part{{Paras: Directions(r)}}, Editable: true},
	}
	return d
}

// periodDates is the period's name followed by its dates, unless the name is
// the dates already.
func periodDates(period string, from, to time.Time, loc *time.Location) string {
	if strings.HasPrefix(period, "từ ngày") {
		return period
	}
	return fmt.Sprintf("%s (từ ngày %s đến ngày %s)", period, from.In(loc).Format("02/01/2006"),
		to.Add(-time.Nanosecond).In(loc).Format("02/01/2006"))
}
