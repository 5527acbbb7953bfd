package scheduler

import (
	"fmt"
	"strings"
	"time"
)

// Incident kinds.
const (
	IncidentCrowd     = "crowd" // khiếu kiện đông người
	IncidentFire      = "fire"
	IncidentFlood     = "flood" // flood and storm
	IncidentIntrusion = "intrusion"
	IncidentMedical   = "medical"
	IncidentOther     = "other"
)

// IncidentKinds lists the incident kinds in display order.
var IncidentKinds = []string{IncidentCrowd, IncidentFire, IncidentFlood, IncidentIntrusion, IncidentMedical, IncidentOther}

// Incident statuses.
const (
	IncidentOpen   = "open"
	IncidentClosed = "closed"
)

// Responder kinds.
const (
	ResponderPolice  = "police_post"
	ResponderGuard   = "guard"
	ResponderManager = "manager"
	ResponderTeam    = "team_member"
)

// Responder channels: how a responder was reached. A responder with an
// email gets an email; every webhook that wants incident.callout gets one
// payload per responder (an SMS or chat relay reaches those without email);
// one reached by neither is to be called by phone, or has no contact at all.
const (
	ChannelPhone = "phone"
	ChannelNone  = "none"
)

// Timeline entry kinds of an incident.
const (
	TimelineDeclared     = "declared"
	TimelineNotified     = "notified"
	TimelineAcknowledged = "acknowledged"
	TimelineUpdate       = "update"
	TimelineEscalated    = "escalated"
	TimelineClosed       = "closed"
)

// Notification types of incidents (webhook "type").
const (
	TypeIncidentCallout   = "incident.callout"   // the callout to one responder, with its ack link
	TypeIncidentEscalated = "incident.escalated" // the police post did not acknowledge in time
)

// AckTokenTTL is how long an acknowledge link works.
const AckTokenTTL = 24 * time.Hour

// The bounds of an incident's and a plan's texts and numbers.
const (
	MaxIncidentTitle     = 200
	MaxIncidentNote      = 2000
	MaxIncidentHeadcount = 100000
	MaxIncidentChecklist = 30
	MaxIncidentCheckItem = 300
	MaxAckWithinMinutes  = 24 * 60
)

// IncidentResponders says whom a kind of incident calls out.
type IncidentResponders struct {
	PolicePost bool    `json:"police_post"` // the police post(s), through their contact
	OnDuty     bool    `json:"on_duty"`     // the office's guards on duty at the moment of the callout
	Managers   bool    `json:"managers"`    // the managers of the notification settings
	TeamIDs    []int64 `json:"team_ids"`    // every member of these reserve teams
}

// IncidentPlan is what happens when an incident of Kind is declared.
type IncidentPlan struct {
	Kind       string             `json:"kind"`
	Responders IncidentResponders `json:"responders"`
	// AckWithinMinutes: if the police post has not acknowledged this long
	// after the callout, it escalates once to the managers and is sent again.
	AckWithinMinutes int      `json:"ack_within_minutes"`
	Checklist        []string `json:"checklist"`
}

// DefaultIncidentPlans are the plans until someone changes them: every
// kind calls the guards on duty and the managers; a crowd, an intrusion, a
// fire and a flood call the police post and the self-defence platoon too; a
// fire adds the fire team, a flood the flood team. teams are the teams that
// exist (the plans name them by id).
func DefaultIncidentPlans(teams []*Team) []IncidentPlan {
	ofKind := func(kinds ...string) []int64 {
		out := []int64{}
		for _, t := range teams {
			if oneOf(t.Kind, kinds) {
				out = append(out, t.ID)
			}
		}
		return out
	}
	plan := func(kind string, police bool, ack int, teams []int64, checklist ...string) IncidentPlan {
		return IncidentPlan{Kind: kind, Responders: IncidentResponders{PolicePost: police, OnDuty: true, Managers: true,
			TeamIDs: teams}, AckWithinMinutes: ack, Checklist: checklist}
	}
	return []IncidentPlan{
		plan(IncidentCrowd, true, 10, ofKind(TeamSelfDefence),
			"Đóng cổng chính, giữ lối đi riêng cho cán bộ và xe công vụ",
			"Mời đại diện (không quá 5 người) vào phòng tiếp công dân; không để đám đông vào trụ sở",
			"Báo Ban Tiếp công dân và lãnh đạo Văn phòng",
			"Ghi nhận số người, băng rôn, phương tiện; quay phim, chụp ảnh làm chứng cứ",
			"Phối hợp công an giữ trật tự, không để xảy ra xô xát"),
		plan(IncidentFire, true, 5, ofKind(TeamSelfDefence, TeamFire),
			"Gọi 114 (Cảnh sát PCCC và CNCH)",
			"Ngắt điện khu vực cháy",
			"Dùng bình chữa cháy, họng nước tại chỗ",
			"Hướng dẫn mọi người thoát nạn theo lối thoát hiểm",
			"Di chuyển hồ sơ, tài sản quan trọng; giữ lối cho xe chữa cháy"),
		plan(IncidentFlood, true, 15, ofKind(TeamSelfDefence, TeamFlood),
			"Chằng chống cửa, mái tôn, cây xanh quanh trụ sở",
			"Kê cao hoặc di chuyển hồ sơ, thiết bị ở tầng trệt",
			"Kiểm tra máy phát điện, bơm nước, đèn pin",
			"Ngắt điện khu vực bị ngập",
			"Theo dõi bản tin thời tiết, báo cáo lãnh đạo Văn phòng"),
		plan(IncidentIntrusion, true, 5, ofKind(TeamSelfDefence),
			"Giữ nguyên hiện trường, không để người lạ rời đi",
			"Kiểm tra camera, các cửa ra vào và kho",
			"Báo công an lập biên bản"),
		plan(IncidentMedical, false, 10, []int64{},
			"Gọi 115 (cấp cứu)",
			"Sơ cứu tại chỗ; không di chuyển người bị thương nặng",
			"Báo gia đình và lãnh đạo đơn vị của người bị nạn"),
		plan(IncidentOther, true, 15, []int64{},
			"Xác minh sự việc, báo cáo lãnh đạo Văn phòng"),
	}
}

// ValidateIncidentPlans checks plans as PUT gives them and returns the full
// set, one per kind in IncidentKinds order: kinds missing from plans keep
// those of current. teamExists tells whether a team id exists.
func ValidateIncidentPlans(plans, current []IncidentPlan, teamExists func(int64) bool) ([]IncidentPlan, error) {
	byKind := map[string]IncidentPlan{}
	for _, p := range current {
		byKind[p.Kind] = p
	}
	seen := map[string]bool{}
	for i := range plans {
		p := &plans[i]
		f := fmt.Sprintf("[%d]", i)
		if !oneOf(p.Kind, IncidentKinds) {
			return nil, E(EINVALID, f+".kind", "incident.kind_unknown", "kinds", IncidentKinds)
		}
		if seen[p.Kind] {
			return nil, E(EINVALID, f+".kind", "incident.plan_twice", "kind", p.Kind)
		}
		seen[p.Kind] = true
		if err := p.validate(f, teamExists); err != nil {
			return nil, err
		}
		byKind[p.Kind] = *p
	}
	out := make([]IncidentPlan, 0, len(IncidentKinds))
	for _, k := range IncidentKinds {
		out = append(out, byKind[k])
	}
	return out, nil
}

func (p *IncidentPlan) validate(f string, teamExists func(int64) bool) error {
	if p.AckWithinMinutes < 1 || p.AckWithinMinutes > MaxAckWithinMinutes {
		return E(EINVALID, f+".ack_within_minutes", "common.range", "min", 1, "max", MaxAckWithinMinutes)
	}
	if p.Responders.TeamIDs == nil {
		p.Responders.TeamIDs = []int64{}
	}
	seen := map[int64]bool{}
	for j, id := range p.Responders.TeamIDs {
		tf := fmt.Sprintf("%s.responders.team_ids[%d]", f, j)
		if !teamExists(id) {
			return E(EINVALID, tf, "team.unknown", "team_id", id)
		}
		if seen[id] {
			return E(EINVALID, tf, "incident.team_twice", "team_id", id)
		}
		seen[id] = true
	}
	if p.Checklist == nil {
		p.Checklist = []string{}
	}
	if len(p.Checklist) > MaxIncidentChecklist {
		return E(EINVALID, f+".checklist", "incident.checklist_too_long", "max", MaxIncidentChecklist)
	}
	for j := range p.Checklist {
		p.Checklist[j] = strings.TrimSpace(p.Checklist[j])
		cf := fmt.Sprintf("%s.checklist[%d]", f, j)
		if p.Checklist[j] == "" {
			return E(EINVALID, cf, "common.required")
		}
		if err := validateLine(cf, p.Checklist[j], MaxIncidentCheckItem); err != nil {
			return err
		}
	}
	return nil
}

// PlanFor returns the plan of kind among plans (the zero plan if none).
func PlanFor(plans []IncidentPlan, kind string) IncidentPlan {
	for _, p := range plans {
		if p.Kind == kind {
			return p
		}
	}
	return IncidentPlan{Kind: kind, AckWithinMinutes: 10, Checklist: []string{}, Responders: IncidentResponders{TeamIDs: []int64{}}}
}

// incidentKindNames are the kinds' names: Vietnamese, English.
var incidentKindNames = map[string][2]string{
	IncidentCrowd:     {"Khiếu kiện đông người", "Crowd of complainants"},
	IncidentFire:      {"Cháy", "Fire"},
	IncidentFlood:     {"Lụt, bão", "Flood or storm"},
	IncidentIntrusion: {"Đột nhập", "Intrusion"},
	IncidentMedical:   {"Cấp cứu y tế", "Medical emergency"},
	IncidentOther:     {"Sự cố khác", "Other incident"},
}

// IncidentKindName names an incident kind in lang ("vi" or "en"); an
// unknown kind is itself.
func IncidentKindName(lang, kind string) string {
	n, ok := incidentKindNames[kind]
	if !ok {
		return kind
	}
	if lang == "en" {
		return n[1]
	}
	return n[0]
}
