package web

// How the pages show a shift whose guard is on approved time off for some or
// all of it: the absent part struck through, with the kind of time off, and
// the part still worked. The rule of what is absent lives in the domain
// (scheduler.Shift.Absences, Parts, Worked); this file only words it.

import (
	"slices"
	"strings"
	"time"

	"catruc/scheduler"
)

// wordsAbsence are words of the pages (key → {Vietnamese, English}); pageWords lists them all.
var wordsAbsence = map[string][2]string{
	"absence.leave":    {"nghỉ phép", "on leave"},
	"absence.sick":     {"ốm", "sick"},
	"absence.training": {"tập huấn", "training"},
	"absence.other":    {"khác", "other absence"},
	"absence.away":     {"vắng", "away"},
	"absence.busy":     {"bận", "busy"}, // another guard's time off, to guards and viewers (scheduler.TimeOffBusy)
	"absence.worked":   {"trực %s", "on duty %s"},
	"me.timeoff.times": {"Thời gian", "Time"},
	"absence.whole":    {"Nghỉ cả ca: %s", "Away for the whole shift: %s"},
	"absence.legend":   {"chữ gạch ngang: phần ca người trực nghỉ (nghỉ phép, ốm, tập huấn…), không tính là có người trực", "struck-through text: the part of a shift its guard is away (leave, sick, training…), not counted as on duty"},
}

// absenceKind names a kind of time off in the page's language ("nghỉ phép").
func absenceKind(l, kind string) string {
	if hasMessage("absence." + kind) {
		return tr(l, "absence."+kind)
	}
	return kind
}

// shiftPiece is a worked or absent part of a shift as a page shows it.
type shiftPiece struct {
	Start, End time.Time
	Times      string // as the page writes times: "18:00–07:00"
	Absent     bool
	Kind       string // for an absent part: the time off's kind in the page's language
}

// shiftPieces cuts sh into its worked and absent parts, each with its times
// written by times; nil when the guard is away for none of it (the page then
// shows the shift as it always did).
func shiftPieces(l string, sh *scheduler.Shift, times func(a, b time.Time) string) []shiftPiece {
	if len(sh.Absences) == 0 {
		return nil
	}
	var out []shiftPiece
	for _, p := range sh.Parts() {
		sp := shiftPiece{Start: p.Start, End: p.End, Times: times(p.Start, p.End), Absent: p.Absent()}
		if p.Absent() {
			sp.Kind = absenceKind(l, p.Absence.Kind)
		}
		out = append(out, sp)
	}
	return out
}

// awayKinds names the kinds of time off that take the guard away from the
// whole of sh ("tập huấn"), or "" when some of it is worked.
func awayKinds(l string, sh *scheduler.Shift) string {
	if !sh.WhollyAbsent() {
		return ""
	}
	var kinds []string
	for _, a := range sh.Absences {
		kinds = append(kinds, absenceKind(l, a.Kind))
	}
	return joinKinds(kinds)
}

// joinKinds lists kinds once each, in their order: "nghỉ phép, ốm".
func joinKinds(kinds []string) string {
	var out []string
	for _, k := range kinds {
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return strings.Join(out, ", ")
}

// dayPieces keeps the pieces of a shift continued from the day before that
// fall in day (the hours of the day before are that day's cell); when the
// guard is away for all of them, the entry reads as away with their kinds
// (the night after a leave starts shows the guard struck through, not the
// hours worked the day before).
func dayPieces(pieces []shiftPiece, day *rosterDay) ([]shiftPiece, string) {
	var in []shiftPiece
	var kinds []string
	worked := false
	for _, p := range pieces {
		if !scheduler.Overlaps(p.Start, p.End, day.Start, day.End) {
			continue
		}
		in = append(in, p)
		if p.Absent {
			kinds = append(kinds, p.Kind)
		} else {
			worked = true
		}
	}
	switch {
	case len(in) == 0:
		return pieces, ""
	case worked:
		return in, ""
	}
	return in, joinKinds(kinds)
}

// Pieces are the worked and absent parts of a shift of the cell editor, with dates where they cross midnight.
func (cs rosterCellShift) Pieces(l string, loc *time.Location) []shiftPiece {
	return shiftPieces(l, cs.Shift, func(a, b time.Time) string { return fmtSpan(a, b, loc) })
}

// AwayText is the kinds of time off that take the guard away from the whole shift, or "".
func (cs rosterCellShift) AwayText(l string) string { return awayKinds(l, cs.Shift) }

// dutyNow is who holds each post at now: those working, and apart those
// whose shift runs now but who are away on time off (shown struck through,
// not as on duty).
func dutyNow(l string, posts []*scheduler.Post, cur []*scheduler.Shift, gn names, now time.Time) []onDuty {
	var out []onDuty
	for _, p := range posts {
		d := onDuty{Post: p}
		for _, sh := range cur {
			if sh.PostID != p.ID {
				continue
			}
			v := shiftView{Shift: sh, GuardName: gn.name(sh.GuardID)}
			if a := sh.AbsentAt(now); a != nil {
				v.AwayKind = absenceKind(l, a.Kind)
				v.AwayFrom, v.AwayTo = a.Start, a.End
				d.Away = append(d.Away, v)
				continue
			}
			d.Shifts = append(d.Shifts, v)
		}
		out = append(out, d)
	}
	return out
}
