package solver

func DebugDP(m *Model, e, perKey, beam int, ub int64) (int64, bool) {
	p := newMemberDP(m, e)
	p.PerKey, p.Beam = perKey, beam
	cost := make([]int64, m.Days*(len(m.Shifts)+1))
	out := make([]int, m.Days)
	return p.solve(cost, out, ub)
}
