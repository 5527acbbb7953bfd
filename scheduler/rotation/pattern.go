// Package rotation turns a rotation (a pattern of shifts that repeats among
// the members of a post) into the shifts it wants: the built-in presets, the
// validation of rotations and patterns, and Expand, which lays the pattern on
// the calendar of a time zone, daylight-saving transitions included.
package rotation

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"catruc/scheduler"
)

const (
	// MaxCycleDays bounds the length of a pattern's cycle.
	MaxCycleDays = 366
	// MaxNameLength bounds a rotation's name, in characters.
	MaxNameLength = 200

	minutesPerDay = 24 * 60
)

// presetMembers is how many members each preset takes.
var presetMembers = map[string]int{
	scheduler.Preset2424:     2,
	scheduler.Preset2448:     3,
	scheduler.PresetPanama:   4,
	scheduler.Preset4on4off:  4,
	scheduler.Preset8h3shift: 4,
}

// presets lists every valid value of Rotation.Preset, for messages.
var presets = []string{
	scheduler.Preset2424, scheduler.Preset2448, scheduler.PresetPanama,
	scheduler.Preset4on4off, scheduler.Preset8h3shift, scheduler.PresetCustom,
}

// panama is the 2-2-3 rhythm over 14 days: true where the pattern's member
// works (members 0 and 2), false where the complement does (members 1 and 3).
var panama = [14]bool{
	true, true, false, false, true, true, true,
	false, false, true, true, false, false, false,
}

// PresetMembers returns how many members preset takes, and false for
// PresetCustom or an unknown preset.
func PresetMembers(preset string) (int, bool) {
	n, ok := presetMembers[preset]
	return n, ok
}

// PresetPattern returns the pattern of a preset for a handover time "HH:MM"
// and a number of members, which must be exactly the preset's count.
//
// Every slot starts at handover plus a whole number of hours. When that sum
// passes midnight the slot starts on the next day of the cycle at the wrapped
// clock time (e.g. 8h-3shift with handover 22:00: the afternoon shift of day d
// is the slot on day d+1 at 06:00), so that coverage stays continuous; the last
// day of the cycle wraps onto day 0. Slots are listed in order of the
// conceptual day and then of the shift (day shift before night shift; ca 1,
// ca 2, ca 3), and that order is part of the keys of planned shifts, so it must
// never change.
//
// Errors are EINVALID naming "preset", "handover" or "members". PresetCustom
// is an error too: a custom rotation gives its pattern itself.
func PresetPattern(preset, handover string, members int) (scheduler.Pattern, error) {
	if preset == scheduler.PresetCustom {
		return scheduler.Pattern{}, scheduler.E(scheduler.EINVALID, "preset", "rotation.custom_needs_pattern", "preset", preset)
	}
	want, ok := presetMembers[preset]
	if !ok {
		return scheduler.Pattern{}, scheduler.E(scheduler.EINVALID, "preset", "rotation.preset_unknown", "presets", presets)
	}
	h, err := scheduler.ParseClock(handover)
	if err != nil {
		return scheduler.Pattern{}, scheduler.AtField(err, "handover")
	}
	if members != want {
		return scheduler.Pattern{}, scheduler.E(scheduler.EINVALID, "members", "rotation.members_count",
			"preset", preset, "want", want, "got", members)
	}
	b := builder{handover: h}
	switch preset {
	case scheduler.Preset2424, scheduler.Preset2448:
		// One 24 h shift a day, members in turn.
		b.cycle = want
		for d := range want {
			b.add(d, 0, 24, d)
		}
	case scheduler.PresetPanama:
		b.cycle = len(panama)
		for d, on := range panama {
			day, night := 1, 3
			if on {
				day, night = 0, 2
			}
			b.add(d, 0, 12, day)
			b.add(d, 12, 12, night)
		}
	case scheduler.Preset4on4off:
		b.cycle = 8
		for d := range 8 {
			day, night := 0, 2
			if d >= 4 {
				day, night = 1, 3
			}
			b.add(d, 0, 12, day)
			b.add(d, 12, 12, night)
		}
	case scheduler.Preset8h3shift:
		// Member m is at position (d-2m) mod 8 of M M A A N N off off on
		// cycle day d. The four positions of a day have the parity of d, so
		// exactly one member holds each of the three shifts.
		b.cycle = 8
		for d := range 8 {
			var shift [3]int
			for m := range 4 {
				if p := ((d-2*m)%8 + 8) % 8; p < 6 {
					shift[p/2] = m
				}
			}
			for k, m := range shift {
				b.add(d, 8*k, 8, m)
			}
		}
	}
	return scheduler.Pattern{CycleDays: b.cycle, Slots: b.slots}, nil
}

// builder lays out the slots of a preset.
type builder struct {
	handover int // minutes after midnight
	cycle    int
	slots    []scheduler.Slot
}

// add appends a slot of the given hours for member, starting offset hours
// after the handover of cycle day day.
func (b *builder) add(day, offset, hours, member int) {
	t := b.handover + offset*60
	b.slots = append(b.slots, scheduler.Slot{
		Day:    (day + t/minutesPerDay) % b.cycle,
		Start:  scheduler.FormatClock(t % minutesPerDay),
		Hours:  float64(hours),
		Member: member,
	})
}

// slotMinutes returns the length of a slot in minutes, and false unless hours
// is in (0, 24] and a whole number of minutes.
func slotMinutes(hours float64) (int, bool) {
	if !(hours > 0 && hours <= 24) { // also rejects NaN
		return 0, false
	}
	m := hours * 60
	r := math.Round(m)
	if math.Abs(m-r) > 1e-6 || r < 1 {
		return 0, false
	}
	return int(r), true
}

// span is a slot as minutes within the cycle.
type span struct {
	index, member, start, length int
}

// ValidatePattern checks a pattern for a rotation of members members:
// cycle_days in 1…MaxCycleDays, at least one slot, and for each slot a day of
// the cycle, a clock time "HH:MM", hours in (0, 24] that are a whole number of
// minutes, and a member index in [0, members). Slots of one member must not
// overlap, also across the end of the cycle into the next one. Errors are
// EINVALID naming e.g. "pattern.slots[2].hours".
func ValidatePattern(p scheduler.Pattern, members int) error {
	if p.CycleDays < 1 || p.CycleDays > MaxCycleDays {
		return scheduler.E(scheduler.EINVALID, "pattern.cycle_days", "rotation.cycle_days_range", "max", MaxCycleDays)
	}
	if len(p.Slots) == 0 {
		return scheduler.E(scheduler.EINVALID, "pattern.slots", "rotation.no_slots")
	}
	spans := make([]span, len(p.Slots))
	for i, s := range p.Slots {
		f := fmt.Sprintf("pattern.slots[%d]", i)
		if s.Day < 0 || s.Day >= p.CycleDays {
			return scheduler.E(scheduler.EINVALID, f+".day", "rotation.slot_day_range", "max", p.CycleDays-1)
		}
		start, err := scheduler.ParseClock(s.Start)
		if err != nil {
			return scheduler.AtField(err, f+".start")
		}
		length, ok := slotMinutes(s.Hours)
		if !ok {
			return scheduler.E(scheduler.EINVALID, f+".hours", "rotation.slot_hours")
		}
		if s.Member < 0 || s.Member >= members {
			if members == 0 {
				return scheduler.E(scheduler.EINVALID, f+".member", "rotation.no_members")
			}
			return scheduler.E(scheduler.EINVALID, f+".member", "rotation.slot_member_range", "max", members-1)
		}
		spans[i] = span{index: i, member: s.Member, start: s.Day*minutesPerDay + start, length: length}
	}
	return checkOverlaps(spans, p.CycleDays*minutesPerDay)
}

// checkOverlaps reports two slots of one member that share time within a
// cycle of length minutes or across its end.
func checkOverlaps(spans []span, length int) error {
	slices.SortFunc(spans, func(a, b span) int {
		if a.member != b.member {
			return a.member - b.member
		}
		if a.start != b.start {
			return a.start - b.start
		}
		return a.index - b.index
	})
	for lo := 0; lo < len(spans); {
		hi := lo
		for hi < len(spans) && spans[hi].member == spans[lo].member {
			hi++
		}
		// Sorted by start, a clash shows as a start before the latest end so far.
		maxEnd, maxIdx := -1, -1
		for _, s := range spans[lo:hi] {
			if s.start < maxEnd {
				return overlapError(s.index, maxIdx)
			}
			if end := s.start + s.length; end > maxEnd {
				maxEnd, maxIdx = end, s.index
			}
		}
		// The latest end running past the cycle clashes with the first slot
		// of the next cycle. It is never that slot itself (length ≤ 24 h ≤ cycle).
		if maxEnd-length > spans[lo].start {
			return overlapError(spans[lo].index, maxIdx)
		}
		lo = hi
	}
	return nil
}

func overlapError(a, b int) error {
	a, b = max(a, b), min(a, b)
	return scheduler.E(scheduler.EINVALID, fmt.Sprintf("pattern.slots[%d]", a), "rotation.slot_overlap", "slot", a, "other", b)
}

// ValidateRotation checks a rotation as it would be stored: a name (at most
// MaxNameLength characters, trimmed), a preset among the Preset* constants, a
// handover "HH:MM", a start_date "YYYY-MM-DD", and members that are positive,
// distinct guard ids, at least one. For a preset other than PresetCustom it
// sets r.Pattern to PresetPattern's (overwriting what was given), which also
// requires exactly the preset's number of members; then it checks the pattern
// with ValidatePattern. Errors are EINVALID naming the field.
func ValidateRotation(r *scheduler.Rotation) error {
	r.Name = strings.TrimSpace(r.Name)
	if r.Name == "" {
		return scheduler.E(scheduler.EINVALID, "name", "common.required")
	}
	if !utf8.ValidString(r.Name) {
		return scheduler.E(scheduler.EINVALID, "name", "common.not_utf8")
	}
	if utf8.RuneCountInString(r.Name) > MaxNameLength {
		return scheduler.E(scheduler.EINVALID, "name", "common.too_long", "max", MaxNameLength)
	}
	for _, c := range r.Name {
		if c < 0x20 || c == 0x7f {
			return scheduler.E(scheduler.EINVALID, "name", "common.control_char")
		}
	}
	if !slices.Contains(presets, r.Preset) {
		return scheduler.E(scheduler.EINVALID, "preset", "rotation.preset_unknown", "presets", presets)
	}
	if _, err := scheduler.ParseClock(r.Handover); err != nil {
		return scheduler.AtField(err, "handover")
	}
	if _, err := civilDate(r.StartDate); err != nil {
		return scheduler.AtField(err, "start_date")
	}
	if err := validateMembers("members", r.Members, false); err != nil {
		return err
	}
	if r.Preset != scheduler.PresetCustom {
		p, err := PresetPattern(r.Preset, r.Handover, len(r.Members))
		if err != nil {
			return err
		}
		r.Pattern = p
	}
	return ValidatePattern(r.Pattern, len(r.Members))
}

// validateMembers checks a list of guard ids: positive and distinct, and
// non-empty unless emptyOK.
func validateMembers(field string, ids []int64, emptyOK bool) error {
	if len(ids) == 0 && !emptyOK {
		return scheduler.E(scheduler.EINVALID, field, "rotation.members_empty")
	}
	seen := make(map[int64]bool, len(ids))
	for i, id := range ids {
		if id <= 0 {
			return scheduler.E(scheduler.EINVALID, field, "rotation.member_bad_id", "index", i, "guard_id", id)
		}
		if seen[id] {
			return scheduler.E(scheduler.EINVALID, field, "rotation.member_twice", "index", i, "guard_id", id)
		}
		seen[id] = true
	}
	return nil
}
