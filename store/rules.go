package store

import (
	"context"
	"database/sql"

	"catruc/scheduler"
	"catruc/scheduler/labour"
)

const rulesKey = "rules"

// Rules returns the labour rules (the Labor Code defaults until changed).
func (s *Store) Rules(ctx context.Context) (labour.Rules, error) {
	return rulesIn(ctx, s.rdb)
}

func rulesIn(ctx context.Context, q queryer) (labour.Rules, error) {
	r := labour.Defaults()
	if _, err := getSetting(ctx, q, rulesKey, &r); err != nil {
		return r, err
	}
	if r.Enforcement == nil {
		r.Enforcement = map[string]string{}
	}
	return r, r.Validate()
}

// SetRules validates and stores the labour rules.
func (s *Store) SetRules(ctx context.Context, r labour.Rules) (labour.Rules, error) {
	if err := r.Validate(); err != nil {
		return r, err
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		before, err := rulesIn(ctx, tx)
		if err != nil {
			return err
		}
		return s.putSetting(ctx, tx, rulesKey, before, r)
	})
	return r, err
}

// labourCheck sets sh.Violations to the breaches that writing sh would add
// for its guard, and refuses with ECONFLICT if a rule set to block is among
// them. With onlyBlocking it does nothing unless some rule blocks.
func (s *Store) labourCheck(ctx context.Context, tx *sql.Tx, sh *scheduler.Shift, onlyBlocking bool, refs *refCache) error {
	sh.Violations = []scheduler.Violation{}
	if sh.GuardID == nil || sh.Status != scheduler.ShiftScheduled {
		return nil
	}
	rules, err := refs.labourRules(ctx, tx)
	if err != nil {
		return err
	}
	if onlyBlocking {
		blocks := false
		for _, m := range rules.Enforcement {
			blocks = blocks || m == labour.ModeBlock
		}
		if !blocks {
			return nil
		}
	}
	guard, err := refs.guard(ctx, s, tx, *sh.GuardID)
	if err != nil {
		return err
	}
	if err := s.fillAbsences(ctx, tx, []*scheduler.Shift{sh}); err != nil { // the candidate's, as they will be read
		return err
	}
	loc := s.Location()
	from, to := labour.LoadWindow(sh.Start, sh.End, loc)
	shifts, err := s.findShifts(ctx, tx, scheduler.ShiftFilter{GuardID: sh.GuardID, Status: scheduler.ShiftScheduled, From: &from, To: &to})
	if err != nil {
		return err
	}
	in := labour.Input{Rules: rules, Loc: loc, From: from, To: to, Guards: []*scheduler.Guard{guard}, Shifts: shifts}
	sh.Violations = labour.CheckShift(in, sh)
	if b := rules.Blocking(sh.Violations); len(b) > 0 {
		return scheduler.E(scheduler.ECONFLICT, "guard_id", "shift.breaks_blocking_rule", "rule", b[0].Rule,
			"message", scheduler.Sentence{EN: b[0].Message, VI: b[0].MessageVI})
	}
	return nil
}
