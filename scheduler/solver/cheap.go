package solver

// The cheap neighbourhood: moves of one or two members on a few days, far
// cheaper than a member DP. Each move changes days through setDay (which keeps
// the cover counts and the objective exact, incrementally), checks only the
// members it touched (okMember, a scan of that member's days) and is undone
// when a rule breaks or late acceptance refuses it.

// setDay makes member e (placed on the counts) work x (or Off) on day d,
// updating the counts and the objective by the exact delta.
func (w *worker) setDay(e, d, x int) {
	old := w.x[e][d]
	if old == x {
		return
	}
	S := w.S
	po, pn := old, x
	if po == Off {
		po = S
	}
	if pn == Off {
		pn = S
	}
	w.obj += w.pref[e][d*(S+1)+pn] - w.pref[e][d*(S+1)+po]
	if old != Off {
		cv, n := w.m.Cover[d][old], w.staffed[d][old]
		w.obj += int64(coverCost(cv, n-1) - coverCost(cv, n))
		w.staffed[d][old]--
	}
	if x != Off {
		cv, n := w.m.Cover[d][x], w.staffed[d][x]
		w.obj += int64(coverCost(cv, n+1) - coverCost(cv, n))
		w.staffed[d][x]++
	}
	w.x[e][d] = x
	if w.m.Staff[e].FairWeight > 0 {
		mins := w.mins[e]
		if old != Off {
			mins -= w.m.Shifts[old].Minutes
		}
		if x != Off {
			mins += w.m.Shifts[x].Minutes
		}
		w.obj += w.m.fairCost(e, mins) - w.m.fairCost(e, w.mins[e])
		w.mins[e] = mins
	}
}

// syncMinutes recounts member e's worked minutes from w.x[e] (after its days
// were written other than through setDay); only members with a fairness term
// keep the count.
func (w *worker) syncMinutes(e int) {
	if w.m.Staff[e].FairWeight > 0 {
		w.mins[e] = w.m.workedMinutes(w.x[e])
	}
}

// fairOf is member e's fairness term for schedule days.
func (w *worker) fairOf(e int, days []int) int64 {
	if w.m.Staff[e].FairWeight == 0 {
		return 0
	}
	return w.m.fairCost(e, w.m.workedMinutes(days))
}

// okMember reports whether member e's days keep every hard rule: the same
// rules as memberViolations, without allocating.
func (w *worker) okMember(e int) bool {
	m, st, days := w.m, &w.m.Staff[e], w.x[e]
	S := w.S
	if len(w.cnt) < S {
		w.cnt = make([]int, S)
	}
	cnt := w.cnt[:S]
	clear(cnt)
	allowed := w.dps[e].allowed
	minutes, wk := 0, 0
	run, prev := 0, Off
	workRun := false
	for d, s := range days {
		x := s
		if x == Off {
			x = S
		}
		if !allowed[d*(S+1)+x] {
			return false
		}
		works := s != Off
		if d > 0 && works == workRun {
			run++
		} else {
			if d > 0 && !w.runOK(st, workRun, run, d-run == 0, false) {
				return false
			}
			run, workRun = 1, works
		}
		if works {
			cnt[s]++
			if cnt[s] > st.MaxShifts[s] {
				return false
			}
			minutes += m.Shifts[s].Minutes
			if prev != Off && m.Forbidden[prev][s] {
				return false
			}
			if w.dps[e].weekend[d] && !(w.dps[e].sunday[d] && prev != Off) {
				wk++
			}
		}
		prev = s
	}
	if !w.runOK(st, workRun, run, run == len(days), true) {
		return false
	}
	if st.MaxWeekends >= 0 && wk > st.MaxWeekends {
		return false
	}
	if minutes < st.MinMinutes || minutes > st.MaxMinutes {
		return false
	}
	return w.okExtensions(e, cnt)
}

// okExtensions checks member e's windows and groups (unavailable pairs are
// in the DP's allowed table, which okMember checks); cnt is the member's
// shifts per type.
func (w *worker) okExtensions(e int, cnt []int) bool {
	p, days := w.dps[e], w.x[e]
	for _, win := range p.wins {
		units, off := 0, 0
		for d := win.from; d < win.to; d++ {
			if days[d] == Off {
				off++
			} else {
				units += p.units[days[d]]
			}
		}
		if off < win.minOff || (win.maxU >= 0 && units > win.maxU) {
			return false
		}
	}
	for _, g := range w.m.Staff[e].Groups {
		n := 0
		for _, s := range g.Types {
			n += cnt[s]
		}
		if n > g.Max {
			return false
		}
	}
	return true
}

// runOK checks one maximal run; startEdge/endEdge say whether it touches the
// first/last day.
func (w *worker) runOK(st *Member, work bool, n int, startEdge, endEdge bool) bool {
	edge := startEdge || endEdge
	if work {
		if st.MaxConsecutive > 0 && n > st.MaxConsecutive {
			return false
		}
		return edge || n >= st.MinConsecutive
	}
	return edge || n >= st.MinConsecutiveOff
}

// cheapMove tries one random cheap move and keeps it if both touched members
// keep their rules and late acceptance takes it.
func (w *worker) cheapMove() {
	D, nE := w.m.Days, len(w.m.Staff)
	before := w.obj
	w.undo = w.undo[:0]
	set := func(e, d, x int) {
		if w.x[e][d] != x {
			w.undo = append(w.undo, change{e, d, w.x[e][d]})
			w.setDay(e, d, x)
		}
	}
	e1, e2 := w.rng.Intn(nE), -1
	if nE > 1 && w.rng.Intn(3) != 0 {
		// Swap a block of 1..7 days between two members.
		e2 = w.rng.Intn(nE - 1)
		if e2 >= e1 {
			e2++
		}
		a, n := w.pickBlock(e1, e2)
		for d := a; d < a+n; d++ {
			x1, x2 := w.x[e1][d], w.x[e2][d]
			set(e1, d, x2)
			set(e2, d, x1)
		}
	} else {
		d := w.rng.Intn(D)
		x := w.rng.Intn(w.S+1) - 1 // -1 is Off
		set(e1, d, x)
	}
	if len(w.undo) == 0 {
		return
	}
	w.lah++
	slot := w.lah % len(w.hist)
	ok := w.okMember(e1) && (e2 < 0 || w.okMember(e2))
	if ok && (w.obj <= before || w.obj <= w.hist[slot]) {
		if w.obj < w.bestObj {
			w.saveBest()
		}
	} else {
		for i := len(w.undo) - 1; i >= 0; i-- {
			u := w.undo[i]
			w.setDay(u.e, u.d, u.x)
		}
	}
	w.hist[slot] = w.obj
}

type change struct{ e, d, x int }

// saveBest copies the current roster into the worker's best.
func (w *worker) saveBest() {
	if w.best == nil {
		w.best = w.x.Clone()
	} else {
		for e := range w.x {
			copy(w.best[e], w.x[e])
		}
	}
	w.bestObj = w.obj
}

// pickBlock chooses days a..a+n-1 (n ≤ maxBlock) to swap between e1 and e2,
// preferring a block at whose both ends the two members are alike (both
// working or both off), so that their runs are likelier to stay legal.
func (w *worker) pickBlock(e1, e2 int) (a, n int) {
	D := w.m.Days
	same := func(d int) bool {
		return d < 0 || d >= D || (w.x[e1][d] == Off) == (w.x[e2][d] == Off)
	}
	for try := 0; try < 4; try++ {
		n = 1 + w.rng.Intn(min(maxBlock, D))
		a = w.rng.Intn(D - n + 1)
		if same(a-1) && same(a+n) {
			break
		}
	}
	return a, n
}

// maxBlock is the longest block of days a cheap swap exchanges.
const maxBlock = 7
