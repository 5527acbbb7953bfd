package scheduler

// messagesDuty are the messages of the duty desk (duty.go, scheduler/duty):
// check-in, check-out, the handover log, the check-in sheet. See messages.go.
var messagesDuty = map[string]string{
	"duty.grace_range":          "checkin_grace_minutes must be from {min} to {max}",
	"duty.not_your_shift":       "shift {shift_id} is not yours: a guard checks in and out of their own shifts only",
	"duty.at_manager_only":      "only a manager may give at (a paper record); a guard checks in now",
	"duty.at_future":            "at may not be in the future",
	"duty.method_manager":       "a manager's check-in is recorded with method manager",
	"duty.method_guard":         "method manager is for managers; a guard checks in with app or qr",
	"duty.method_unknown":       "method must be app, qr or manager, not {value}",
	"duty.code_only_qr":         "code goes with method qr",
	"duty.qr_needs_code":        "method qr needs the code of the post's check-in sheet",
	"duty.cancelled":            "shift {shift_id} is cancelled",
	"duty.open_shift":           "shift {shift_id} has no guard",
	"duty.already_in":           "shift {shift_id} was checked in at {at} already",
	"duty.too_early":            "check-in opens {minutes} minutes before the start, at {opens}",
	"duty.shift_over":           "shift {shift_id} ended at {end}: it can no longer be checked in to",
	"duty.not_checked_in":       "shift {shift_id} is not checked in: check in before checking out",
	"duty.already_out":          "shift {shift_id} was checked out at {at} already",
	"duty.out_before_in":        "the check-out may not be before the check-in at {at}",
	"duty.checklist_too_long":   "a checklist has at most {max} items",
	"duty.checklist_item_empty": "checklist item {index} has no name",
	"duty.handover_not_yours":   "the handover of shift {shift_id} is for the next guard of its post",
	"duty.handover_acked":       "the handover was acknowledged already, by {by}",
	"duty.qr_unknown":           "this check-in code is not valid any more (the sheet was replaced); scan the sheet now at the post",
	"duty.qr_wrong_post":        "this check-in code is for another post than shift {shift_id}",
	"duty.qr_no_shift":          "you have no shift at {post} to check in to now (check-in opens {minutes} minutes before the start)",
	"duty.qr_guard_only":        "the check-in sheet is for guards: log in with your guard account",
}
