package store

import (
	"bytes"
	"encoding/json"
	"slices"
	"time"

	"catruc/scheduler"
)

// An update that changes nothing stores nothing: the version and updated_at
// stay, no audit entry is written, no news is queued; the caller gets the
// value as it was. These say whether an update changes anything, once the
// record's bookkeeping (id, version, created/updated times) is put aside,
// instants are compared as instants, and lists of ids as sets.

// unchanged reports whether before and after hold the same values once norm
// has put both in a comparable form (norm gets copies; it must not change
// what their slices point to, only replace them).
func unchanged[T any](before, after T, norm func(*T)) bool {
	norm(&before)
	norm(&after)
	a, errA := json.Marshal(before)
	b, errB := json.Marshal(after)
	return errA == nil && errB == nil && bytes.Equal(a, b)
}

// idSet is ids sorted, nil when empty.
func idSet(ids []int64) []int64 {
	if len(ids) == 0 {
		return nil
	}
	return slices.Sorted(slices.Values(ids))
}

// sameShift: post, guard, times, status and note.
func sameShift(a, b *scheduler.Shift) bool {
	return unchanged(*a, *b, func(s *scheduler.Shift) {
		s.ID, s.Version, s.CreatedAt, s.UpdatedAt, s.Violations = 0, 0, time.Time{}, time.Time{}, nil
		s.Start, s.End = s.Start.UTC(), s.End.UTC()
	})
}

func samePost(a, b *scheduler.Post) bool {
	return unchanged(*a, *b, func(p *scheduler.Post) {
		p.ID, p.CreatedAt, p.UpdatedAt = 0, time.Time{}, time.Time{}
		if len(p.Requirements) == 0 {
			p.Requirements = nil
		}
		if len(p.ShiftTemplates) == 0 {
			p.ShiftTemplates = nil
		}
	})
}

func sameGuard(a, b *scheduler.Guard) bool {
	return unchanged(*a, *b, func(g *scheduler.Guard) {
		g.ID, g.CreatedAt, g.UpdatedAt = 0, time.Time{}, time.Time{}
		g.PostIDs = idSet(g.PostIDs)
		if len(g.Skills) == 0 {
			g.Skills = nil
		}
	})
}

func sameEvent(a, b *scheduler.Event) bool {
	return unchanged(*a, *b, func(e *scheduler.Event) {
		e.ID, e.Version, e.CreatedAt, e.UpdatedAt = 0, 0, time.Time{}, time.Time{}
		e.Start, e.End = e.Start.UTC(), e.End.UTC()
		e.PostIDs = idSet(e.PostIDs)
	})
}

func sameRotation(a, b *scheduler.Rotation) bool {
	return unchanged(*a, *b, func(r *scheduler.Rotation) {
		r.ID, r.CreatedAt, r.UpdatedAt = 0, time.Time{}, time.Time{}
		if len(r.Members) == 0 {
			r.Members = nil
		}
		if len(r.MemberPeriods) == 0 {
			r.MemberPeriods = nil
		}
		if len(r.Pattern.Slots) == 0 {
			r.Pattern.Slots = nil
		}
	})
}
