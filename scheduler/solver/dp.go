package solver

import "math"

// memberDP re-rosters one member optimally against given day costs by
// dynamic programming over the days. A label is one partial schedule of days
// 0..d, summarised by the state the member's rules need: the last day's shift
// (or off), the length of the current run of work or rest (capped where longer
// no longer matters), whether that run started on the first day (the
// benchmark's edge exception), minutes worked, weekends worked and, for the
// shift types and groups whose maximum can bind, the count of each, and, inside
// a window, the minutes and days off since the window's start. Labels with the
// same (last, run, edge, minutes) key keep a Pareto set over (cost, weekends,
// counts, window minutes, window days off); with PerKey = Beam = 0 the search
// is exact. The state of an extension a member does not use stays zero and
// costs nothing.
type memberDP struct {
	m  *Model
	e  int
	st *Member
	S  int // shift types; choice S is "off"

	unit       int   // gcd of the allowed shift lengths (minutes are counted in units)
	units      []int // shift length in units
	maxUnits   int
	bind       []int   // counter of a shift type's MaxShifts, or -1 when it cannot bind
	nb         int     // counters: binding shift types, then binding groups
	ng         int     // binding groups
	gOf        [][]int // gOf[s]: the counters of the binding groups holding s
	gMax       []int   // gMax[c-(nb-ng)]: the maximum of group counter c
	wins       []dpWindow
	winOf      []int  // winOf[d]: index into wins of the window holding day d, or -1
	allowed    []bool // allowed[d*(S+1)+x]
	maxRem     []int  // most minutes still workable after day d
	capW, capO int
	sunday     []bool
	weekend    []bool
	ns         int
	// trans[stateIdx(last, run, edge)*(S+1)+x] is move's answer on a day
	// after the first: the new run<<1 | edge, or -1 when not allowed.
	trans []int16
	ub    int64 // labels that cannot beat ub are pruned
	// fairScale multiplies the fairness term when the day costs are scaled
	// (column generation's pricing); 0 means 1.
	fairScale int64

	// Limits: PerKey caps each key's Pareto set, Beam the labels kept a day
	// (cheapest first); 0 = no cap.
	PerKey, Beam int

	*dpBuf // working storage, shared by the DPs of one worker
}

// dpBuf is the working storage of member DPs run one at a time.
type dpBuf struct {
	cur, nxt       []label
	curCnt, nxtCnt []uint16
	head           []int32
	touched        []int32
	histParent     [][]int32
	histLast       [][]int16
	h              []int64 // see bounds
	seen           []bool
	tmpCnt         []uint16 // a new label's counts when several counters grow
	bestOf, rest   []int32  // beam's working storage
}

// dpWindow is a member's Window clipped to the horizon, its minutes bound in
// units (-1: none).
type dpWindow struct {
	from, to     int
	maxU, minOff int
}

type label struct {
	cost    int64
	parent  int32
	minutes int32
	next    int32  // next label with the same key in nxt, -1 at the end
	wmin    int32  // units worked since the current window's start (0 outside windows)
	last    int16  // shift, or S for off
	woff    uint16 // days off since the current window's start, capped at its MinOff
	run     uint8
	edge    bool
	wk      uint8
	dead    bool
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// newMemberDP prepares the DP of member e.
func newMemberDP(m *Model, e int) *memberDP {
	st := &m.Staff[e]
	S := len(m.Shifts)
	p := &memberDP{m: m, e: e, st: st, S: S, PerKey: 0, Beam: 0}
	p.fillAllowed()
	availDays := make([]int, S)
	for d := 0; d < m.Days; d++ {
		for s := 0; s < S; s++ {
			if p.allowed[d*(S+1)+s] {
				availDays[s]++
			}
		}
	}
	maxLen := 0
	for s := 0; s < S; s++ {
		if st.MaxShifts[s] > 0 {
			p.unit = gcd(p.unit, m.Shifts[s].Minutes)
			maxLen = max(maxLen, m.Shifts[s].Minutes)
		}
	}
	if p.unit == 0 {
		p.unit = 1
	}
	p.units = make([]int, S)
	p.bind = make([]int, S)
	for s := 0; s < S; s++ {
		p.units[s] = m.Shifts[s].Minutes / p.unit
		p.bind[s] = -1
		if st.MaxShifts[s] > 0 && st.MaxShifts[s] < availDays[s] {
			p.bind[s] = p.nb
			p.nb++
		}
	}
	p.bindGroups()
	p.clipWindows()
	// More minutes than every day's longest shift cannot be worked: a looser
	// MaxMinutes only widens the key space.
	p.maxUnits = min(st.MaxMinutes, m.Days*maxLen) / p.unit
	p.capW = max(st.MaxConsecutive, st.MinConsecutive, 1)
	p.capO = max(st.MinConsecutiveOff, 1)
	p.maxRem = make([]int, m.Days)
	for d := 0; d < m.Days; d++ {
		n := m.Days - 1 - d
		w := n
		if st.MaxConsecutive > 0 {
			w = n - n/(st.MaxConsecutive+1)
		}
		p.maxRem[d] = w * maxLen
	}
	capR := max(p.capW, p.capO)
	p.trans = make([]int16, (S+1)*(capR+1)*2*(S+1))
	for last := 0; last <= S; last++ {
		for run := 0; run <= capR; run++ {
			for _, edge := range []bool{false, true} {
				base := p.stateIdx(last, run, edge) * (S + 1)
				for x := 0; x <= S; x++ {
					t := int16(-1)
					if nr, ne, ok := p.move(last, run, edge, 1, x); ok {
						t = int16(nr) << 1
						if ne {
							t |= 1
						}
					}
					p.trans[base+x] = t
				}
			}
		}
	}
	p.sunday = make([]bool, m.Days)
	p.weekend = make([]bool, m.Days)
	for d := 0; d < m.Days; d++ {
		p.weekend[d] = m.IsWeekend(d)
		p.sunday[d] = (m.FirstWeekday+d)%7 == 6 && d > 0
	}
	p.dpBuf = &dpBuf{}
	return p
}

// fillAllowed marks the choices member p.e may make each day: off always;
// shift s unless the day is a day off, the type is forbidden (MaxShifts 0 or
// a group with maximum 0) or the pair is unavailable.
func (p *memberDP) fillAllowed() {
	m, st, S := p.m, p.st, p.S
	off := make([]bool, m.Days)
	for _, d := range st.DaysOff {
		off[d] = true
	}
	never := make([]bool, S)
	for s := 0; s < S; s++ {
		never[s] = st.MaxShifts[s] <= 0
	}
	for _, g := range st.Groups {
		if g.Max == 0 {
			for _, s := range g.Types {
				never[s] = true
			}
		}
	}
	p.allowed = make([]bool, m.Days*(S+1))
	for d := 0; d < m.Days; d++ {
		p.allowed[d*(S+1)+S] = true
		for s := 0; s < S; s++ {
			p.allowed[d*(S+1)+s] = !off[d] && !never[s]
		}
	}
	for _, u := range st.Unavailable {
		p.allowed[u.Day*(S+1)+u.Shift] = false
	}
}

// bindGroups gives a counter to each group whose maximum can bind: below the
// number of days on which one of its types is allowed.
func (p *memberDP) bindGroups() {
	S := p.S
	p.gOf = make([][]int, S)
	for _, g := range p.st.Groups {
		days := 0
		for d := 0; d < p.m.Days; d++ {
			for _, s := range g.Types {
				if p.allowed[d*(S+1)+s] {
					days++
					break
				}
			}
		}
		if g.Max >= days {
			continue
		}
		for _, s := range g.Types {
			p.gOf[s] = append(p.gOf[s], p.nb)
		}
		p.gMax = append(p.gMax, g.Max)
		p.nb++
		p.ng++
	}
}

// clipWindows keeps the member's windows that bound something, clipped to the
// horizon, and indexes them by day.
func (p *memberDP) clipWindows() {
	p.winOf = make([]int, p.m.Days)
	for d := range p.winOf {
		p.winOf[d] = -1
	}
	for _, w := range p.st.Windows {
		from, to := p.m.clip(w)
		if from >= to || (w.MaxMinutes == 0 && w.MinOff == 0) {
			continue
		}
		dw := dpWindow{from: from, to: to, maxU: -1, minOff: w.MinOff}
		if w.MaxMinutes > 0 {
			dw.maxU = w.MaxMinutes / p.unit
		}
		for d := from; d < to; d++ {
			p.winOf[d] = len(p.wins)
		}
		p.wins = append(p.wins, dw)
	}
}

// windowStep sets the window state of n, the extension of l by choice x on
// day d; false when the window's bounds can no longer be kept.
func (p *memberDP) windowStep(n *label, l *label, d, x int) bool {
	wi := p.winOf[d]
	if wi < 0 {
		n.wmin, n.woff = 0, 0
		return true
	}
	w := &p.wins[wi]
	if d == w.from {
		n.wmin, n.woff = 0, 0
	} else {
		n.wmin, n.woff = l.wmin, l.woff
	}
	if x == p.S {
		if int(n.woff) < w.minOff {
			n.woff++
		}
	} else if w.maxU >= 0 {
		n.wmin += int32(p.units[x])
		if int(n.wmin) > w.maxU {
			return false
		}
	}
	return int(n.woff)+w.to-1-d >= w.minOff
}

// groupsOK reports whether label i (of the current day) may work shift x
// without a binding group going over its maximum.
func (p *memberDP) groupsOK(i int32, x int) bool {
	base := p.nb - p.ng
	for _, c := range p.gOf[x] {
		if int(p.curCnt[int(i)*p.nb+c]) >= p.gMax[c-base] {
			return false
		}
	}
	return true
}

func (p *memberDP) key(last, run int, edge bool, minutes int) int {
	capR := max(p.capW, p.capO)
	k := last*(capR+1) + run
	k *= 2
	if edge {
		k++
	}
	return k*(p.maxUnits+1) + minutes
}

// solve returns the cheapest schedule of the member (shift per day, Off for
// off) under cost[d*(S+1)+x] (x = S is off), and its cost; ok is false when
// the member has no feasible schedule within the DP's limits.
//
// ub, when not math.MaxInt64, is the cost of a known feasible schedule: the
// DP then prunes labels that cannot do at least as well.
func (p *memberDP) solve(cost []int64, out []int, ub int64) (int64, bool) {
	S, nb := p.S, p.nb
	if n := (S + 1) * (max(p.capW, p.capO) + 1) * 2 * (p.maxUnits + 1); len(p.head) < n {
		p.head = make([]int32, n)
		for i := range p.head {
			p.head[i] = -1
		}
	}
	if len(p.histParent) < p.m.Days {
		p.histParent = make([][]int32, p.m.Days)
		p.histLast = make([][]int16, p.m.Days)
	}
	p.ub = ub
	if ub != math.MaxInt64 {
		p.bounds(cost)
	}
	p.cur = append(p.cur[:0], label{last: int16(S), run: uint8(p.capO), edge: true, parent: -1})
	p.curCnt = p.curCnt[:0]
	for i := 0; i < nb; i++ {
		p.curCnt = append(p.curCnt, 0)
	}
	for d := 0; d < p.m.Days; d++ {
		p.nxt = p.nxt[:0]
		p.nxtCnt = p.nxtCnt[:0]
		for i := range p.cur {
			p.expand(d, int32(i), cost)
		}
		for _, k := range p.touched {
			p.head[k] = -1
		}
		p.touched = p.touched[:0]
		p.compact(d)
		if len(p.cur) == 0 {
			return 0, false
		}
	}
	best, bestCost := -1, int64(math.MaxInt64)
	fair := p.st.FairWeight > 0
	for i := range p.cur {
		l := &p.cur[i]
		if int(l.minutes)*p.unit < p.st.MinMinutes {
			continue
		}
		c := l.cost
		if fair {
			c += max(p.fairScale, 1) * p.m.fairCost(p.e, int(l.minutes)*p.unit)
		}
		if c < bestCost {
			best, bestCost = i, c
		}
	}
	if best < 0 {
		return 0, false
	}
	for d := p.m.Days - 1; d >= 0; d-- {
		x := int(p.histLast[d][best])
		if x == S {
			out[d] = Off
		} else {
			out[d] = x
		}
		best = int(p.histParent[d][best])
	}
	return bestCost, true
}

// move is the run part of a transition: from a day with choice last (S =
// off), a run of run days (capped) and edge, to choice x on day d. ok is false
// when a run bound or a succession forbids it.
func (p *memberDP) move(last, run int, edge bool, d, x int) (nrun int, nedge, ok bool) {
	S, st := p.S, p.st
	lastWorks := last != S
	if x == S {
		if lastWorks {
			if !edge && run < st.MinConsecutive {
				return 0, false, false
			}
			return 1, false, true
		}
		return min(run+1, p.capO), edge, true
	}
	if lastWorks {
		if p.m.Forbidden[last][x] {
			return 0, false, false
		}
		if st.MaxConsecutive > 0 && run+1 > st.MaxConsecutive {
			return 0, false, false
		}
		return min(run+1, p.capW), edge, true
	}
	if !edge && run < st.MinConsecutiveOff {
		return 0, false, false
	}
	return 1, d == 0, true
}

func (p *memberDP) stateIdx(last, run int, edge bool) int {
	k := (last*(max(p.capW, p.capO)+1) + run) * 2
	if edge {
		k++
	}
	return k
}

// bounds fills p.h: h[d*ns+state] is the least cost of days d+1.. from a
// state after day d, by a backward pass that ignores the resources (minutes,
// weekends, counts) — a lower bound for pruning.
func (p *memberDP) bounds(cost []int64) {
	S, D := p.S, p.m.Days
	capR := max(p.capW, p.capO)
	ns := (S + 1) * (capR + 1) * 2
	p.ns = ns
	if len(p.h) < D*ns {
		p.h = make([]int64, D*ns)
	}
	const inf = int64(math.MaxInt64 / 4)
	for i := (D - 1) * ns; i < D*ns; i++ {
		p.h[i] = 0
	}
	for d := D - 2; d >= 0; d-- {
		row, nrow := p.h[d*ns:(d+1)*ns], p.h[(d+1)*ns:(d+2)*ns]
		base := (d + 1) * (S + 1)
		for last := 0; last <= S; last++ {
			for run := 0; run <= capR; run++ {
				for e := 0; e < 2; e++ {
					edge := e == 1
					best := inf
					for x := 0; x <= S; x++ {
						if !p.allowed[base+x] {
							continue
						}
						nr, ne, ok := p.move(last, run, edge, d+1, x)
						if !ok {
							continue
						}
						if c := cost[base+x] + nrow[p.stateIdx(x, nr, ne)]; c < best {
							best = c
						}
					}
					row[p.stateIdx(last, run, edge)] = best
				}
			}
		}
	}
}

// expand extends label i of day d-1 by every choice of day d.
func (p *memberDP) expand(d int, i int32, cost []int64) {
	S, st := p.S, p.st
	l := p.cur[i]
	lastWorks := int(l.last) != S
	base := d * (S + 1)
	prune := p.ub != math.MaxInt64
	wins, groups := len(p.wins) > 0, p.ng > 0
	trans := p.trans[p.stateIdx(int(l.last), int(l.run), l.edge)*(S+1):]
	for x := 0; x <= S; x++ {
		if !p.allowed[base+x] {
			continue
		}
		var nr int
		var ne bool
		if d > 0 {
			t := trans[x]
			if t < 0 {
				continue
			}
			nr, ne = int(t>>1), t&1 == 1
		} else {
			var ok bool
			if nr, ne, ok = p.move(int(l.last), int(l.run), l.edge, d, x); !ok {
				continue
			}
		}
		c := l.cost + cost[base+x]
		if prune && c+p.h[d*p.ns+p.stateIdx(x, nr, ne)] > p.ub {
			continue
		}
		n := label{cost: c, parent: i, last: int16(x), minutes: l.minutes, wk: l.wk, next: -1, run: uint8(nr), edge: ne}
		if x != S {
			n.minutes += int32(p.units[x])
			if int(n.minutes) > p.maxUnits {
				continue
			}
			if p.weekend[d] && !(p.sunday[d] && lastWorks) {
				n.wk++
				if st.MaxWeekends >= 0 && int(n.wk) > st.MaxWeekends {
					continue
				}
			}
			if b := p.bind[x]; b >= 0 && int(p.curCnt[int(i)*p.nb+b]) >= st.MaxShifts[x] {
				continue
			}
			if groups && !p.groupsOK(i, x) {
				continue
			}
		}
		if int(n.minutes)*p.unit+p.maxRem[d] < st.MinMinutes {
			continue
		}
		if wins && !p.windowStep(&n, &l, d, x) {
			continue
		}
		p.insert(n, i, x)
	}
}

// insert adds n (with the counts of its parent plus choice x) to the day's
// labels unless a label of the same key dominates it.
func (p *memberDP) insert(n label, parent int32, x int) {
	nb := p.nb
	cnt := p.curCnt[int(parent)*nb : int(parent)*nb+nb]
	b := -1
	if x < p.S {
		b = p.bind[x]
		if p.ng > 0 && len(p.gOf[x]) > 0 {
			// Several counters grow: compare with the new counts themselves.
			p.tmpCnt = append(p.tmpCnt[:0], cnt...)
			if b >= 0 {
				p.tmpCnt[b]++
			}
			for _, c := range p.gOf[x] {
				p.tmpCnt[c]++
			}
			cnt, b = p.tmpCnt, -1
		}
	}
	k := p.key(int(n.last), int(n.run), n.edge, int(n.minutes))
	size := 0
	worst, worstPrev, worstCost := int32(-1), int32(-1), int64(math.MinInt64)
	prev := int32(-1)
	for j := p.head[k]; j >= 0; j = p.nxt[j].next {
		o := &p.nxt[j]
		oc := p.nxtCnt[int(j)*nb : int(j)*nb+nb]
		if o.cost <= n.cost && o.wk <= n.wk && o.wmin <= n.wmin && o.woff >= n.woff && cntLE(oc, cnt, -1, b) {
			return
		}
		if n.cost <= o.cost && n.wk <= o.wk && n.wmin <= o.wmin && n.woff >= o.woff && cntLE(cnt, oc, b, -1) {
			// Dominated: dead, and off the key's list.
			o.dead = true
			p.unlink(k, prev, j)
			continue
		}
		size++
		if o.cost > worstCost {
			worst, worstPrev, worstCost = j, prev, o.cost
		}
		prev = j
	}
	if p.PerKey > 0 && size >= p.PerKey {
		if worstCost <= n.cost {
			return
		}
		p.nxt[worst].dead = true
		p.unlink(k, worstPrev, worst)
	}
	if p.head[k] < 0 {
		p.touched = append(p.touched, int32(k))
	}
	n.next = p.head[k]
	p.head[k] = int32(len(p.nxt))
	p.nxt = append(p.nxt, n)
	p.nxtCnt = append(p.nxtCnt, cnt...)
	if b >= 0 {
		p.nxtCnt[len(p.nxtCnt)-nb+b]++
	}
}

// unlink takes label j, whose predecessor on key k's list is prev (-1: j is
// the head), off that list.
func (p *memberDP) unlink(k int, prev, j int32) {
	if prev < 0 {
		p.head[k] = p.nxt[j].next
	} else {
		p.nxt[prev].next = p.nxt[j].next
	}
}

// cntLE reports a ≤ b componentwise, where a has one more at index ia and b
// one more at index ib (-1: none).
func cntLE(a, b []uint16, ia, ib int) bool {
	for i := range a {
		va, vb := int(a[i]), int(b[i])
		if i == ia {
			va++
		}
		if i == ib {
			vb++
		}
		if va > vb {
			return false
		}
	}
	return true
}

// compact keeps the live labels of the day just built (at most Beam of them,
// cheapest first), records their history and makes them the current ones.
func (p *memberDP) compact(d int) {
	nb := p.nb
	idx := make([]int32, 0, len(p.nxt))
	for j := range p.nxt {
		if !p.nxt[j].dead {
			idx = append(idx, int32(j))
		}
	}
	if p.Beam > 0 && len(idx) > p.Beam {
		idx = p.beam(idx)
	}
	p.cur = p.cur[:0]
	p.curCnt = p.curCnt[:0]
	par := p.histParent[d][:0]
	last := p.histLast[d][:0]
	for _, j := range idx {
		l := p.nxt[j]
		par = append(par, l.parent)
		last = append(last, l.last)
		p.cur = append(p.cur, l)
		p.curCnt = append(p.curCnt, p.nxtCnt[int(j)*nb:int(j)*nb+nb]...)
	}
	p.histParent[d], p.histLast[d] = par, last
}
