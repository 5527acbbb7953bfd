package solver

func DebugDP(m *Model, e, perKey, beam int, ub int64) (int64, bool) {
	p := newMemberDP(m, e)
	p.PerKey, p.Beam = perKey, beam
	cost := make([]int64, m.Days*(len(m.Shifts)+1))
	out := make([]int, m.Days)
	return p.solve(cost, out, ub)
}

// SetCGLog traces column generation (experiments).
func SetCGLog(f func(format string, args ...any)) { cgLog = f }

// SetCGTail sets the tailing-off rule (experiments).
func SetCGTail(gain float64, rounds, child int) {
	cgTail, cgTailRounds, cgChildRounds = gain, rounds, child
}

// SetCGLogEvery sets how often nodes are traced (experiments).
func SetCGLogEvery(n int) { cgLogEvery = n }

// SetCGFixAt sets the dive's threshold (experiments).
func SetCGFixAt(v float64) { cgFixAt = v }

// SetCGStall sets the node limit without a gain (experiments).
func SetCGStall(n int) { cgStall = n }

// SetCGCycle sets the branching noise and the polish between searches
// (experiments).
func SetCGCycle(noise float64, polish, polishMax int) {
	cgNoise, cgPolish, cgPolishMax = noise, polish, polishMax
}
