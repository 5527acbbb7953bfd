package planning

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"

	"catruc/scheduler"
)

// Fingerprint sums up a roster (PlanRoster): the ids, versions, statuses,
// guards and times of its shifts. Any write to one of them (a change, a
// cancel, a new shift) changes it.
func Fingerprint(shifts []*scheduler.Shift) string {
	lines := make([]string, 0, len(shifts))
	for _, sh := range shifts {
		g := int64(0)
		if sh.GuardID != nil {
			g = *sh.GuardID
		}
		lines = append(lines, fmt.Sprintf("%d:%d:%s:%d:%d:%d:%d", sh.ID, sh.Version, sh.Status, sh.PostID, g,
			sh.Start.Unix(), sh.End.Unix()))
	}
	sort.Strings(lines)
	h := sha256.New()
	for _, l := range lines {
		fmt.Fprintln(h, l)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Apply writes a done plan to the roster in one transaction (with the audit
// and the news of each shift changed) and hands its window over from the
// rotations of its posts. A plan applies once. Errors: ENOTFOUND, EFORBIDDEN,
// ECONFLICT when the plan is not done (running, failed, applied, discarded)
// or when the roster of its posts or guards in its window changed since it
// started (plan it again), or when a write breaks a rule set to block.
func (s *Service) Apply(ctx context.Context, who scheduler.Principal, id int64) (scheduler.PlanApplyResult, error) {
	if err := who.Require(scheduler.ActionPlan); err != nil {
		return scheduler.PlanApplyResult{}, err
	}
	return s.store.ApplyPlan(ctx, id, func(p *scheduler.Plan, roster []*scheduler.Shift) error {
		if err := Appliable(p); err != nil {
			return err
		}
		if Fingerprint(roster) != p.RosterVersion {
			return scheduler.E(scheduler.ECONFLICT, "", "plan.roster_changed", "plan_id", p.ID)
		}
		return nil
	})
}

// Appliable says why plan p cannot be applied, or nil: only a done plan can.
func Appliable(p *scheduler.Plan) error {
	switch p.Status {
	case scheduler.PlanDone:
		return nil
	case scheduler.PlanApplied:
		return scheduler.E(scheduler.ECONFLICT, "status", "plan.applied", "plan_id", p.ID)
	case scheduler.PlanDiscarded:
		return scheduler.E(scheduler.ECONFLICT, "status", "plan.discarded", "plan_id", p.ID)
	case scheduler.PlanRunning:
		return scheduler.E(scheduler.ECONFLICT, "status", "plan.running", "plan_id", p.ID)
	default:
		return scheduler.E(scheduler.ECONFLICT, "status", "plan.failed", "plan_id", p.ID)
	}
}
