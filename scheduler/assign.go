package scheduler

// The checks of a shift against what it refers to. They live once, here: the
// store applies them inside every write's transaction, and the roster
// service's preview ("what would this change break?") applies them before,
// to the same data read outside a transaction.

// CheckAssignment checks sh against its post and its guard: the post exists
// and, for a scheduled shift, is active; a scheduled shift's guard, if any,
// exists, is active, may hold the post and is free — holding no other
// scheduled shift that overlaps sh.
//
// post and guard are those of sh's ids, nil when there is none of that id;
// others are shifts of the guard around sh (sh itself, cancelled shifts and
// other guards' shifts among them are ignored). Errors: EINVALID (field
// post_id or guard_id) for a post or guard that is missing, inactive or not
// allowed; ECONFLICT (field guard_id) for an overlap.
func CheckAssignment(sh *Shift, post *Post, guard *Guard, others []*Shift) error {
	if post == nil {
		return E(EINVALID, "post_id", "assign.post_unknown", "post_id", sh.PostID)
	}
	if sh.Status == ShiftScheduled && !post.Active {
		return E(EINVALID, "post_id", "assign.post_inactive", "post", post.Name, "post_id", post.ID)
	}
	if sh.GuardID == nil || sh.Status == ShiftCancelled {
		return nil
	}
	if guard == nil {
		return E(EINVALID, "guard_id", "assign.guard_unknown", "guard_id", *sh.GuardID)
	}
	if !guard.Active {
		return E(EINVALID, "guard_id", "assign.guard_inactive", "guard", guard.Name, "guard_id", guard.ID)
	}
	if !guard.MayHold(post.ID) {
		return E(EINVALID, "guard_id", "assign.guard_not_allowed", "guard", guard.Name, "guard_id", guard.ID,
			"post", post.Name, "post_id", post.ID)
	}
	if o := Overlapping(sh, others); o != nil {
		return E(ECONFLICT, "guard_id", "assign.overlap", "guard", guard.Name, "guard_id", guard.ID,
			"shift_id", o.ID, "start", o.Start, "end", o.End)
	}
	return nil
}

// Overlapping returns the earliest of others that is scheduled, held by sh's
// guard, not sh itself (by id), and overlaps sh; nil when there is none or sh
// has no guard. A guard never holds two overlapping scheduled shifts.
func Overlapping(sh *Shift, others []*Shift) *Shift {
	if sh.GuardID == nil {
		return nil
	}
	var first *Shift
	for _, o := range others {
		if o.Status != ShiftScheduled || o.GuardID == nil || *o.GuardID != *sh.GuardID || (sh.ID != 0 && o.ID == sh.ID) {
			continue
		}
		if !Overlaps(o.Start, o.End, sh.Start, sh.End) {
			continue
		}
		if first == nil || o.Start.Before(first.Start) || (o.Start.Equal(first.Start) && o.ID < first.ID) {
			first = o
		}
	}
	return first
}

// CheckVersion refuses, with ECONFLICT (field version), a change made from
// version ifVersion of sh when sh is at another version by now (someone
// changed it meanwhile). ifVersion 0 accepts any version.
func CheckVersion(sh *Shift, ifVersion int) error {
	if ifVersion > 0 && ifVersion != sh.Version {
		return E(ECONFLICT, "version", "assign.stale", "shift_id", sh.ID, "version", sh.Version, "if_version", ifVersion)
	}
	return nil
}
