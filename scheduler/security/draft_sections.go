package security

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"catruc/scheduler"
)

// resultParts are the items of section I, one per part of the report.
func resultParts(r Report, loc *time.Location) []Part {
	return []Part{coveragePart(r, loc), incidentPart(r), eventPart(r), alertPart(r), trainingPart(r),
		breachPart(r), staffingPart(r)}
}

func coveragePart(r Report, loc *time.Location) Part {
	c := r.Coverage
	p := Part{Heading: "1. Công tác trực bảo vệ, canh gác trụ sở", Chart: ChartCoverage}
	p.Paras = append(p.Paras, fmt.Sprintf("Các vọng gác được bố trí trực theo lịch trực đã duyệt; thời gian có người trực đạt %s%% so với yêu cầu (tính theo giờ-người).",
		NumVI(c.Percent)))
	if c.GapCount == 0 {
		p.Paras = append(p.Paras, "Trong kỳ không có khoảng thời gian nào vọng gác thiếu người trực.")
	} else {
		s := fmt.Sprintf("Trong kỳ có %d khoảng thời gian vọng gác thiếu người trực, tổng cộng %s giờ", c.GapCount, NumVI(c.GapHours))
		if g := c.LongestGap; g != nil {
			s += fmt.Sprintf("; khoảng dài nhất %s giờ tại %s (từ %s đến %s)", NumVI(g.Hours), g.PostName,
				whenVI(g.Start, loc), whenVI(g.End, loc))
		}
		p.Paras = append(p.Paras, s+".")
	}
	t := &Table{Head: []string{"Vọng gác", "Giờ-người yêu cầu", "Giờ-người có trực", "Tỷ lệ (%)", "Số lần thiếu người", "Số giờ thiếu người"},
		Numeric: []bool{false, true, true, true, true, true}}
	for _, l := range c.ByPost {
		if l.NoRoster {
			t.Rows = append(t.Rows, []string{l.Name + " (chưa có lịch trực)", "", "", "", "", ""})
			continue
		}
		t.Rows = append(t.Rows, []string{l.Name, NumVI(l.RequiredHours), NumVI(l.CoveredHours), NumVI(l.Percent),
			fmt.Sprint(l.GapCount), NumVI(l.GapHours)})
		if l.RosterFrom != nil {
			p.Paras = append(p.Paras, fmt.Sprintf("Lịch trực của %s được lập từ ngày %s; số liệu của vọng gác này tính từ ngày đó.",
				l.Name, l.RosterFrom.In(loc).Format("02/01/2006")))
		}
	}
	t.Rows = append(t.Rows, []string{"Cộng", "", "", NumVI(c.Percent), fmt.Sprint(c.GapCount), NumVI(c.GapHours)})
	p.Table = t
	return p
}

func incidentPart(r Report) Part {
	in := r.Incidents
	p := Part{Heading: "2. Tình hình an ninh trật tự, xử lý vụ việc tại trụ sở"}
	if in.Count == 0 {
		p.Paras = []string{"Trong kỳ không xảy ra vụ việc phức tạp về an ninh trật tự tại trụ sở cơ quan."}
		return p
	}
	p.Chart = ChartIncidents
	p.Paras = append(p.Paras, fmt.Sprintf("Trong kỳ đã tiếp nhận và xử lý %d vụ việc. Thời gian từ khi báo động đến khi có người xác nhận tiếp nhận (trung vị): %s; lực lượng Công an xác nhận (trung vị): %s.",
		in.Count, minutesVI(in.MedianResponseMinutes), minutesVI(in.PoliceAckMedian)))
	if in.Escalated > 0 {
		p.Paras = append(p.Paras, fmt.Sprintf("Có %d vụ việc Công an chưa xác nhận trong thời hạn, đã báo cáo lãnh đạo.", in.Escalated))
	}
	t := &Table{Head: []string{"Loại vụ việc", "Số vụ"}, Numeric: []bool{false, true}}
	for _, k := range scheduler.IncidentKinds {
		if n := in.ByKind[k]; n > 0 {
			t.Rows = append(t.Rows, []string{IncidentKindVI(k), fmt.Sprint(n)})
		}
	}
	t.Rows = append(t.Rows, []string{"Cộng", fmt.Sprint(in.Count)})
	p.Table = t
	return p
}

func eventPart(r Report) Part {
	e := r.Events
	p := Part{Heading: "3. Phối hợp với lực lượng Công an, bảo vệ các sự kiện"}
	if e.Count == 0 {
		p.Paras = []string{"Trong kỳ không có sự kiện cần tăng cường lực lượng bảo vệ."}
		return p
	}
	p.Paras = []string{fmt.Sprintf("Trong kỳ có %d sự kiện, hội họp cần tăng cường bảo vệ, trong đó %d lượt đón tiếp khách; %d sự kiện đã thông báo cho Tiểu đội Cảnh sát bảo vệ mục tiêu để phối hợp (%d thông báo đã gửi).",
		e.Count, e.Delegations, e.PoliceNotified, e.NoticesSent)}
	return p
}

func alertPart(r Report) Part {
	a, n := r.Alerts, r.NoShows
	p := Part{Heading: "4. Cảnh báo và kiểm tra ca trực"}
	if a.Count == 0 {
		p.Paras = []string{"Trong kỳ hệ thống không phát sinh cảnh báo."}
	} else {
		s := fmt.Sprintf("Trong kỳ hệ thống phát sinh %d cảnh báo; %d cảnh báo đã được tiếp nhận, thời gian tiếp nhận (trung vị): %s.",
			a.Count, a.Acknowledged, minutesVI(a.MedianAckMinutes))
		if a.Acknowledged == 0 {
			s = fmt.Sprintf("Trong kỳ hệ thống phát sinh %d cảnh báo; chưa cảnh báo nào được xác nhận tiếp nhận trên hệ thống.", a.Count)
		}
		p.Paras = []string{s}
		t := &Table{Head: []string{"Loại cảnh báo", "Số lượng"}, Numeric: []bool{false, true}}
		for _, k := range sortedKeys(a.ByKind) {
			t.Rows = append(t.Rows, []string{AlertKindVI(k), fmt.Sprint(a.ByKind[k])})
		}
		p.Table = t
	}
	if n.Count == 0 {
		p.Paras = append(p.Paras, "Không có trường hợp bảo vệ vắng mặt khi nhận ca.")
	} else {
		p.Paras = append(p.Paras, fmt.Sprintf("Có %d trường hợp bảo vệ không có mặt nhận ca đúng giờ: %s.", n.Count, guardList(n.ByGuard, "lần")))
	}
	return p
}

func trainingPart(r Report) Part {
	t := r.Training
	p := Part{Heading: "5. Huấn luyện, bồi dưỡng nghiệp vụ"}
	if t.GuardDays == 0 {
		p.Paras = []string{"Trong kỳ chưa có bảo vệ được cử tham gia tập huấn nghiệp vụ."}
		return p
	}
	p.Paras = []string{fmt.Sprintf("Trong kỳ đã cử %d lượt bảo vệ tham gia tập huấn nghiệp vụ, tổng cộng %d ngày công: %s.",
		len(t.ByGuard), t.GuardDays, guardList(t.ByGuard, "ngày"))}
	return p
}

func breachPart(r Report) Part {
	b := r.Breaches
	p := Part{Heading: "6. Chấp hành quy định về thời giờ làm việc, thời giờ nghỉ ngơi"}
	if b.Count == 0 {
		p.Paras = []string{"Lịch trực trong kỳ bảo đảm quy định của Bộ luật Lao động về thời giờ làm việc, thời giờ nghỉ ngơi."}
		return p
	}
	p.Paras = []string{fmt.Sprintf("Lịch trực trong kỳ còn %d trường hợp chưa bảo đảm quy định của Bộ luật Lao động về thời giờ làm việc, thời giờ nghỉ ngơi.", b.Count)}
	t := &Table{Head: []string{"Quy định", "Số trường hợp"}, Numeric: []bool{false, true}}
	for _, k := range sortedKeys(b.ByRule) {
		t.Rows = append(t.Rows, []string{RuleVI(k), fmt.Sprint(b.ByRule[k])})
	}
	p.Table = t
	return p
}

func staffingPart(r Report) Part {
	p := Part{Heading: "7. Bố trí lực lượng bảo vệ"}
	for _, v := range r.Staffing.Verdicts {
		if v.Name != "" {
			p.Paras = append(p.Paras, "- "+v.Name+": "+v.VerdictVi)
		} else {
			p.Paras = append(p.Paras, "- "+v.VerdictVi)
		}
	}
	if len(p.Paras) == 0 {
		p.Paras = []string{"Không có vọng gác đang hoạt động."}
	}
	return p
}

// guardList writes "Nguyễn Văn A (2 ngày), Trần Văn B (1 ngày)".
func guardList(gs []GuardCount, unit string) string {
	var parts []string
	for _, g := range gs {
		parts = append(parts, fmt.Sprintf("%s (%d %s)", g.Name, g.Count, unit))
	}
	return strings.Join(parts, ", ")
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// SlowAckMinutes: a median acknowledgement slower than this is a shortcoming.
const SlowAckMinutes = 15

// Shortcomings are the paragraphs of section II, each drawn from a figure
// that fell short; one sentence saying so when none did.
func Shortcomings(r Report, loc *time.Location) []string {
	var out []string
	if c := r.Coverage; c.GapCount > 0 {
		out = append(out, fmt.Sprintf("- Việc bố trí người trực chưa kín: còn %d khoảng thời gian vọng gác thiếu người trực (tổng cộng %s giờ, thời gian có người trực đạt %s%% yêu cầu).",
			c.GapCount, NumVI(c.GapHours), NumVI(c.Percent)))
	}
	if n := r.NoShows.Count; n > 0 {
		out = append(out, fmt.Sprintf("- Ý thức chấp hành giờ giấc của một số bảo vệ chưa cao: %d trường hợp không có mặt nhận ca đúng giờ.", n))
	}
	if b := r.Breaches.Count; b > 0 {
		out = append(out, fmt.Sprintf("- Lịch trực còn %d trường hợp chưa bảo đảm thời giờ làm việc, nghỉ ngơi theo Bộ luật Lao động.", b))
	}
	if m := r.Alerts.MedianAckMinutes; m != nil && *m > SlowAckMinutes {
		out = append(out, fmt.Sprintf("- Việc tiếp nhận, xử lý cảnh báo còn chậm (trung vị %s).", minutesVI(m)))
	}
	if e := r.Incidents.Escalated; e > 0 {
		out = append(out, fmt.Sprintf("- Công tác phối hợp với lực lượng Công an khi có vụ việc có lúc chưa kịp thời (%d vụ việc chưa được xác nhận trong thời hạn).", e))
	}
	for _, v := range r.Staffing.Verdicts {
		if v.Short && v.Name != "" {
			out = append(out, fmt.Sprintf("- Vọng gác %s thiếu người: cần ít nhất %d người, hiện có %d.", v.Name, v.MinGuards, v.EligibleGuards))
		}
	}
	if len(out) == 0 {
		out = []string{"Trong kỳ không có tồn tại, hạn chế đáng kể trong công tác bảo vệ trụ sở cơ quan."}
	}
	return out
}

// Directions are the proposed paragraphs of section III (the office edits them).
func Directions(r Report) []string {
	out := []string{"1. Tiếp tục duy trì lực lượng bảo vệ chuyên trách làm nhiệm vụ theo ca trực bảo đảm trực 24/24, bảo vệ an toàn trụ sở, tài sản, tài liệu của cơ quan."}
	n := 2
	add := func(s string) {
		out = append(out, fmt.Sprintf("%d. %s", n, s))
		n++
	}
	if r.Coverage.GapCount > 0 || r.NoShows.Count > 0 {
		add("Rà soát, bố trí bổ sung người trực, khắc phục các khoảng thời gian vọng gác thiếu người; chấn chỉnh việc chấp hành giờ giấc nhận ca.")
	}
	if r.Breaches.Count > 0 {
		add("Điều chỉnh lịch trực bảo đảm thời giờ làm việc, thời giờ nghỉ ngơi theo quy định của Bộ luật Lao động.")
	}
	add("Cử bảo vệ chuyên trách tham gia các lớp huấn luyện nghiệp vụ do Công an tỉnh tổ chức.")
	add("Tăng cường phối hợp với Tiểu đội Cảnh sát bảo vệ mục tiêu và các lực lượng chức năng, bảo đảm an toàn về an ninh trật tự khu vực trụ sở trong mọi tình huống.")
	return out
}
