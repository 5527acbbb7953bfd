package scheduler

// messagesRoster: shifts, swaps, time off, rotations, events, alerts,
// coverage and violations. See messages.go.
var messagesRoster = map[string]string{
	"shift.bad_guard_id":         "guard_id must be a guard's id or null for an open shift",
	"shift.end_before_start":     "end must be after start",
	"shift.too_long":             "a shift lasts at most {hours} hours",
	"shift.status_unknown":       "status must be \"scheduled\" or \"cancelled\"",
	"shift.breaks_blocking_rule": "this would break a labour rule set to block: {message}",

	"timeoff.end_before_start": "end must be after start",
	"timeoff.too_long":         "time off lasts at most {days} days; split longer absences",
	"timeoff.kind_unknown":     "kind must be one of {kinds}",
	"timeoff.status_unknown":   "status must be requested, approved or declined",

	"event.kind_unknown":          "kind must be one of {kinds}",
	"event.end_before_start":      "end must be after start",
	"event.too_long":              "an event lasts at most {days} days",
	"event.extra_headcount_range": "extra_headcount must be between {min} and {max}",
	"event.status_unknown":        "status must be \"scheduled\" or \"cancelled\"",
	"event.new_not_scheduled":     "a new event is \"scheduled\"",

	"rotation.custom_needs_pattern": "preset \"{preset}\" has no built-in pattern: give the pattern (cycle_days and slots) yourself",
	"rotation.preset_unknown":       "preset must be one of {presets}",
	"rotation.members_count":        "preset \"{preset}\" takes exactly {want} members, not {got}",
	"rotation.cycle_days_range":     "cycle_days must be between 1 and {max}",
	"rotation.no_slots":             "a pattern needs at least one slot",
	"rotation.slot_day_range":       "day must be between 0 and {max} (days of the cycle count from 0)",
	"rotation.slot_hours":           "hours must be more than 0 and at most 24, in whole minutes",
	"rotation.no_members":           "the rotation has no members",
	"rotation.slot_member_range":    "member must be between 0 and {max} (an index into members)",
	"rotation.slot_overlap":         "slot {slot} overlaps slot {other} of the same member (counting the repeat of the cycle)",
	"rotation.members_empty":        "members must list at least one guard",
	"rotation.member_bad_id":        "member {index}: {guard_id} is not a guard id",
	"rotation.member_twice":         "member {index}: guard {guard_id} is listed twice",
	"rotation.expand_too_long":      "at most {days} days can be expanded at once",
	"rotation.start_date_range":     "start_date must be a date between {min} and {max}",
	"rotation.post_fixed":           "a rotation stays at its post; create another rotation for another post",
	"rotation.start_date_fixed":     "start_date cannot change once shifts were generated; use effective_from to change members or pattern",
	"rotation.until_too_far":        "until may be at most {days} days ahead ({date})",
	"rotation.inactive":             "rotation {rotation_id} is not active",

	"alert.resolved": "alert {alert_id} is already resolved",
}
