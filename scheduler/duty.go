package scheduler

// The duty desk (issue 12 §1, §2): guards check in and out of their shifts,
// the outgoing guard writes the handover (sổ giao ca) and the incoming one
// acknowledges it, and a shift nobody checked in to raises a no-show alert.
// The rules live here, once; the doors (api, web) call them through the duty
// service (scheduler/duty), the store applies them inside its transactions.

import (
	"context"
	"strings"
	"time"
)

// AlertNoShow is the kind of the alert of a shift whose guard has not checked in.
const AlertNoShow = "no_show"

// Check-in methods.
const (
	CheckInApp     = "app"     // the guard's phone (/me or the API)
	CheckInQR      = "qr"      // the post's check-in sheet, scanned
	CheckInManager = "manager" // recorded by a manager (a paper record)
)

// CheckInOpens is how long before its start a shift may be checked in to.
const CheckInOpens = 30 * time.Minute

// NoShowLookback bounds the no-show sweep: only shifts that started within
// this long are looked at, so that a database that gains the duty desk (or a
// demo loaded with past shifts) does not raise an alert for every past shift.
const NoShowLookback = 24 * time.Hour

// The longest handover texts and lists.
const (
	MaxHandoverNote    = 2000 // characters
	MaxChecklistItems  = 20
	MaxChecklistItem   = 100 // characters of an item's name
	MaxChecklistRemark = 300 // characters of an item's note
)

// DefaultChecklist is the handover checklist of a post that has none of its own.
func DefaultChecklist() []string {
	return []string{"Chìa khóa", "Trang thiết bị", "Khách còn trong cơ quan", "Việc cần theo dõi"}
}

// ChecklistItem is one line of a handover's checklist: the item, whether it
// was handed over in order, and a remark.
type ChecklistItem struct {
	Item string `json:"item"`
	OK   bool   `json:"ok"`
	Note string `json:"note"`
}

// Handover is what the outgoing guard of a shift handed over at check-out,
// and who of the next shift acknowledged having read it.
type Handover struct {
	ShiftID   int64           `json:"shift_id"`
	PostID    int64           `json:"post_id"`
	GuardID   *int64          `json:"guard_id"`
	Note      string          `json:"note"`
	Checklist []ChecklistItem `json:"checklist"`
	WrittenAt time.Time       `json:"written_at"`
	// AcknowledgedBy is who acknowledged it (a login name or token name);
	// "" until then. AcknowledgedGuardID is the guard, when a guard did.
	AcknowledgedBy      string     `json:"acknowledged_by"`
	AcknowledgedGuardID *int64     `json:"acknowledged_guard_id"`
	AcknowledgedAt      *time.Time `json:"acknowledged_at"`
}

// HandoverFilter selects handovers; zero fields select all. From/To bound
// when they were written, [From, To).
type HandoverFilter struct {
	PostID  *int64
	ShiftID *int64
	From    *time.Time
	To      *time.Time
	Limit   int // 0: 500
}

// DutySettings are the duty desk's settings.
type DutySettings struct {
	// CheckinGraceMinutes is how long after its start a shift may stay
	// without check-in before it raises a no-show alert. Default 15.
	CheckinGraceMinutes int `json:"checkin_grace_minutes"`
	// CheckinPolice makes the police squad's posts raise no-shows too
	// (default false: the squad keeps its own roll call).
	CheckinPolice bool `json:"checkin_police"`
	// NoShowSince: only shifts starting at or after it raise no-shows. Unset,
	// it is when the duty desk was installed (the database gained it).
	NoShowSince *time.Time `json:"no_show_since"`
}

// DefaultDutySettings are the settings until someone changes them.
func DefaultDutySettings() DutySettings { return DutySettings{CheckinGraceMinutes: 15} }

// Validate checks the settings; errors name the JSON field.
func (d *DutySettings) Validate() error {
	if d.CheckinGraceMinutes < 1 || d.CheckinGraceMinutes > 240 {
		return E(EINVALID, "checkin_grace_minutes", "duty.grace_range", "min", 1, "max", 240)
	}
	return nil
}

// CheckInRequest is the body of a check-in. Code is the post's check-in
// code, needed (and only allowed) with method qr.
type CheckInRequest struct {
	Method string     `json:"method"`
	At     *time.Time `json:"at"`
	Code   string     `json:"code"`
}

// CheckOutRequest is the body of a check-out: the handover and, for a
// manager's paper record, when.
type CheckOutRequest struct {
	HandoverNote string          `json:"handover_note"`
	Checklist    []ChecklistItem `json:"checklist"`
	At           *time.Time      `json:"at"`
}

// CheckIn is a decided check-in, as the store writes it.
type CheckIn struct {
	At     time.Time
	Method string
}

// LateMinutes is how many whole minutes after start a check-in at in was.
func LateMinutes(start, in time.Time) int {
	if !in.After(start) {
		return 0
	}
	return int(in.Sub(start) / time.Minute)
}

// mayActOn checks that p may check sh in or out: a guard their own shift, a
// manager anyone's.
func mayActOn(p Principal, sh *Shift) error {
	if p.Can(ActionRosterWrite) {
		return nil
	}
	if !p.Can(ActionCheckIn) {
		return p.Require(ActionCheckIn)
	}
	gid, _ := p.OwnGuard()
	if sh.GuardID == nil || gid == 0 || *sh.GuardID != gid {
		return E(EFORBIDDEN, "shift_id", "duty.not_your_shift", "shift_id", sh.ID)
	}
	return nil
}

// checkTime is when a check-in or check-out happens: now, or for a manager
// the at of a paper record, which may not lie in the future.
func checkTime(p Principal, at *time.Time, now time.Time) (time.Time, error) {
	if at == nil {
		return now, nil
	}
	if !p.Can(ActionRosterWrite) {
		return time.Time{}, E(EFORBIDDEN, "at", "duty.at_manager_only")
	}
	if at.After(now) {
		return time.Time{}, E(EINVALID, "at", "duty.at_future")
	}
	return at.Truncate(time.Second), nil
}

// checkInMethod is the method a check-in records: a manager's is always
// manager; a guard's app (the default) or qr (with the post's code, checked
// by the caller).
func checkInMethod(p Principal, req CheckInRequest) (string, error) {
	m := strings.TrimSpace(req.Method)
	if p.Can(ActionRosterWrite) {
		if m != "" && m != CheckInManager {
			return "", E(EINVALID, "method", "duty.method_manager")
		}
		return CheckInManager, nil
	}
	switch m {
	case "", CheckInApp:
		if req.Code != "" {
			return "", E(EINVALID, "code", "duty.code_only_qr")
		}
		return CheckInApp, nil
	case CheckInQR:
		if req.Code == "" {
			return "", E(EINVALID, "code", "duty.qr_needs_code")
		}
		return CheckInQR, nil
	case CheckInManager:
		return "", E(EFORBIDDEN, "method", "duty.method_guard")
	}
	return "", E(EINVALID, "method", "duty.method_unknown", "value", m)
}

// PlanCheckIn decides the check-in of sh by p at now: who may, which method,
// and when. It refuses a cancelled or open shift, a second check-in, one
// more than CheckInOpens before the start and one after the end.
func PlanCheckIn(p Principal, sh *Shift, req CheckInRequest, now time.Time) (CheckIn, error) {
	if err := mayActOn(p, sh); err != nil {
		return CheckIn{}, err
	}
	method, err := checkInMethod(p, req)
	if err != nil {
		return CheckIn{}, err
	}
	at, err := checkTime(p, req.At, now)
	if err != nil {
		return CheckIn{}, err
	}
	switch {
	case sh.Status == ShiftCancelled:
		return CheckIn{}, E(ECONFLICT, "status", "duty.cancelled", "shift_id", sh.ID)
	case sh.GuardID == nil:
		return CheckIn{}, E(ECONFLICT, "guard_id", "duty.open_shift", "shift_id", sh.ID)
	case sh.CheckInAt != nil:
		return CheckIn{}, E(ECONFLICT, "check_in_at", "duty.already_in", "shift_id", sh.ID, "at", *sh.CheckInAt)
	case at.Before(sh.Start.Add(-CheckInOpens)):
		return CheckIn{}, E(ECONFLICT, "check_in_at", "duty.too_early", "opens", sh.Start.Add(-CheckInOpens),
			"minutes", int(CheckInOpens/time.Minute))
	case !at.Before(sh.End):
		return CheckIn{}, E(ECONFLICT, "check_in_at", "duty.shift_over", "shift_id", sh.ID, "end", sh.End)
	}
	return CheckIn{At: at, Method: method}, nil
}

// PlanCheckOut decides the check-out of sh by p at now, and the handover it
// writes: the shift must be checked in and not yet out.
func PlanCheckOut(p Principal, sh *Shift, req CheckOutRequest, now time.Time) (time.Time, *Handover, error) {
	if err := mayActOn(p, sh); err != nil {
		return time.Time{}, nil, err
	}
	at, err := checkTime(p, req.At, now)
	if err != nil {
		return time.Time{}, nil, err
	}
	switch {
	case sh.CheckInAt == nil:
		return time.Time{}, nil, E(ECONFLICT, "check_in_at", "duty.not_checked_in", "shift_id", sh.ID)
	case sh.CheckOutAt != nil:
		return time.Time{}, nil, E(ECONFLICT, "check_out_at", "duty.already_out", "shift_id", sh.ID, "at", *sh.CheckOutAt)
	case at.Before(*sh.CheckInAt):
		return time.Time{}, nil, E(EINVALID, "at", "duty.out_before_in", "at", *sh.CheckInAt)
	}
	h := &Handover{ShiftID: sh.ID, PostID: sh.PostID, GuardID: sh.GuardID, Note: strings.TrimSpace(req.HandoverNote),
		Checklist: req.Checklist, WrittenAt: at}
	if err := h.Validate(); err != nil {
		return time.Time{}, nil, err
	}
	return at, h, nil
}

// Validate checks the handover's texts (trimming them).
func (h *Handover) Validate() error {
	h.Note = strings.TrimSpace(h.Note)
	if err := validateText("handover_note", h.Note, false, MaxHandoverNote); err != nil {
		return err
	}
	if h.Checklist == nil {
		h.Checklist = []ChecklistItem{}
	}
	if len(h.Checklist) > MaxChecklistItems {
		return E(EINVALID, "checklist", "duty.checklist_too_long", "max", MaxChecklistItems)
	}
	for i := range h.Checklist {
		it := &h.Checklist[i]
		it.Item, it.Note = strings.TrimSpace(it.Item), strings.TrimSpace(it.Note)
		if it.Item == "" {
			return E(EINVALID, "checklist", "duty.checklist_item_empty", "index", i)
		}
		if err := validateLine("checklist", it.Item, MaxChecklistItem); err != nil {
			return err
		}
		if err := validateLine("checklist", it.Note, MaxChecklistRemark); err != nil {
			return err
		}
	}
	return nil
}

// ValidateChecklist checks (trimming) the items of a post's checklist.
func ValidateChecklist(items []string) ([]string, error) {
	if len(items) > MaxChecklistItems {
		return nil, E(EINVALID, "items", "duty.checklist_too_long", "max", MaxChecklistItems)
	}
	out := []string{}
	for i, it := range items {
		it = strings.TrimSpace(it)
		if it == "" {
			return nil, E(EINVALID, "items", "duty.checklist_item_empty", "index", i)
		}
		if err := validateLine("items", it, MaxChecklistItem); err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, nil
}

// CheckInWindow reports whether sh can be checked in to at now: scheduled,
// with a guard, not yet checked in, from CheckInOpens before its start to its end.
func CheckInWindow(sh *Shift, now time.Time) bool {
	return sh.Status == ShiftScheduled && sh.GuardID != nil && sh.CheckInAt == nil &&
		!now.Before(sh.Start.Add(-CheckInOpens)) && now.Before(sh.End)
}

// CurrentDutyShift is the shift of guardID that the duty desk is about at
// now, among shifts: one checked in and not out, else the earliest one open
// for check-in; nil when none.
func CurrentDutyShift(shifts []*Shift, guardID int64, now time.Time) *Shift {
	var open *Shift
	for _, sh := range shifts {
		if sh.GuardID == nil || *sh.GuardID != guardID || sh.Status != ShiftScheduled {
			continue
		}
		if sh.CheckInAt != nil && sh.CheckOutAt == nil {
			return sh
		}
		if open == nil && CheckInWindow(sh, now) {
			open = sh
		}
	}
	return open
}

// HandoverFor picks, among the handovers of a post, the one the guard of
// incoming reads: the latest written for a shift that started before it.
func HandoverFor(incoming *Shift, hs []*Handover, starts map[int64]time.Time) *Handover {
	var best *Handover
	for _, h := range hs {
		st, ok := starts[h.ShiftID]
		if h.PostID != incoming.PostID || h.ShiftID == incoming.ID || !ok || !st.Before(incoming.Start) {
			continue
		}
		if best == nil || h.WrittenAt.After(best.WrittenAt) {
			best = h
		}
	}
	return best
}

// MayAcknowledge checks that p may acknowledge h as the guard of incoming (a
// guard, their own shift at the handover's post; a manager anyone's).
func MayAcknowledge(p Principal, h *Handover, incoming *Shift) error {
	if incoming == nil || incoming.PostID != h.PostID || incoming.ID == h.ShiftID {
		return E(ECONFLICT, "shift_id", "duty.handover_not_yours", "shift_id", h.ShiftID)
	}
	if err := mayActOn(p, incoming); err != nil {
		return err
	}
	if h.AcknowledgedAt != nil {
		return E(ECONFLICT, "acknowledged_at", "duty.handover_acked", "by", h.AcknowledgedBy)
	}
	return nil
}

// NoShowDue reports whether sh, at post, is a no-show at now: scheduled with
// a guard, not checked in CheckinGraceMinutes after its start, not over,
// started within NoShowLookback and not before NoShowSince; police posts
// only when CheckinPolice.
func NoShowDue(sh *Shift, post *Post, ds DutySettings, now time.Time) bool {
	if sh.Status != ShiftScheduled || sh.GuardID == nil || sh.CheckInAt != nil || post == nil || !post.Active {
		return false
	}
	if post.Kind == PostKindPolice && !ds.CheckinPolice {
		return false
	}
	if ds.NoShowSince != nil && sh.Start.Before(*ds.NoShowSince) {
		return false
	}
	grace := time.Duration(ds.CheckinGraceMinutes) * time.Minute
	return !now.Before(sh.Start.Add(grace)) && now.Before(sh.End) && now.Sub(sh.Start) <= NoShowLookback
}

// DutyService keeps check-ins, handovers, checklists and check-in codes.
type DutyService interface {
	// RecordCheckIn loads the shift (ENOTFOUND), lets decide check it, and
	// writes the check-in, in one transaction.
	RecordCheckIn(ctx context.Context, shiftID int64, decide func(*Shift) (CheckIn, error)) (*Shift, error)
	// RecordCheckOut does the same for the check-out and writes its handover.
	RecordCheckOut(ctx context.Context, shiftID int64, decide func(*Shift) (time.Time, *Handover, error)) (*Shift, *Handover, error)
	FindHandovers(ctx context.Context, f HandoverFilter) ([]*Handover, error)
	// AcknowledgeHandover loads the handover of shiftID (ENOTFOUND), lets
	// check refuse, and records who acknowledged it, in one transaction.
	AcknowledgeHandover(ctx context.Context, shiftID int64, guardID *int64, check func(*Handover) error) (*Handover, error)
	// PostChecklist is a post's checklist (DefaultChecklist until set).
	PostChecklist(ctx context.Context, postID int64) ([]string, error)
	SetPostChecklist(ctx context.Context, postID int64, items []string) ([]string, error)
	// RotateCheckInCode makes a new check-in code for a post and returns it
	// (only its hash is kept; the old code stops working).
	RotateCheckInCode(ctx context.Context, postID int64) (string, error)
	// CheckInCodePost is the post whose current code is code; EINVALID
	// (field code) when none is.
	CheckInCodePost(ctx context.Context, code string) (int64, error)
	// CheckInCodeCreated is when the post's code was made (nil: none yet).
	CheckInCodeCreated(ctx context.Context, postID int64) (*time.Time, error)
	DutySettings(ctx context.Context) (DutySettings, error)
	SetDutySettings(ctx context.Context, d DutySettings) (DutySettings, error)
}

// DutyLogIncident is one incident of a post's day as the duty log prints it.
// The incidents' store (issue 12 §3) offers them through DutyLogIncidents;
// without it the log's incident section says there were none.
type DutyLogIncident struct {
	At      time.Time
	Kind    string // crowd, fire, flood, intrusion, medical, other
	Title   string
	Note    string
	Outcome string // "" while open
}
