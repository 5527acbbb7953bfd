package planner

import (
	"context"

	"catruc/scheduler"
)

// plan is replaced by the real planner in the next commits.
func plan(ctx context.Context, in Input) (*Result, error) {
	return nil, scheduler.Internal(nil)
}
