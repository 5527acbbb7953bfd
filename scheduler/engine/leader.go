package engine

import "context"

// Several instances on one database: only the cron leader runs the
// scheduled jobs (Config.Leader). A follower's cron still ticks, and each
// tick asks; an instance that stops leading cancels its scheduled runs in
// flight (LeaderChanged), so that the new leader's runs never overlap them
// for long.

// isLeader asks Config.Leader (nil: this instance always leads).
func (e *Engine) isLeader() bool { return e.leader == nil || e.leader() }

// IsLeader reports whether this instance runs the scheduled jobs now.
func (e *Engine) IsLeader() bool { return e.isLeader() }

// leadContext is the context of a scheduled run.
func (e *Engine) leadContext() context.Context {
	e.leadMu.Lock()
	defer e.leadMu.Unlock()
	return e.lead
}

// LeaderChanged tells the engine that this instance became the cron leader
// (lead) or stopped being it: then the scheduled runs in flight are
// cancelled (runs by hand go on) and later ticks run nothing until it leads again.
func (e *Engine) LeaderChanged(lead bool) {
	if lead {
		return
	}
	e.leadMu.Lock()
	defer e.leadMu.Unlock()
	e.leadCancel()
	e.lead, e.leadCancel = context.WithCancel(context.Background())
}
