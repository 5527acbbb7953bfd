package solver

// The windowed move: re-roster a few members over a window of days, the rest
// of their days fixed, each one exactly (the member DP) against the marginal
// cover costs of everyone else. It is the DP move made cheap: outside the
// window a member's days are pinned, so the DP keeps one label a day there and
// branches only inside the window, and it can take more members at a time.
// Pinning is done through the day costs alone (a choice other than the
// member's current one outside the window costs pinned), so every hard rule —
// runs crossing the window's edges, minutes, weekends, counts over the whole
// horizon — stays the DP's exact business.

// pinned is the cost of changing a day outside the window: more than any
// schedule's real cost can save, small enough that a horizon of them does not
// overflow.
const pinned = int64(1) << 40

// windowStep takes k members off a window of days, puts them back one by one
// optimally against the rest (twice round), then accepts or undoes the whole
// change by late acceptance.
func (w *worker) windowStep() {
	w.lah++
	a, b, members := w.pickWindow()
	k := len(members)
	if len(w.saved) < k {
		w.saved = append(w.saved, make([][]int, k-len(w.saved))...)
	}
	before := w.obj
	for i, e := range members {
		w.saved[i] = append(w.saved[i][:0], w.x[e]...)
		for d := a; d < b; d++ {
			w.setDay(e, d, Off) // feasibility is restored below or undone
		}
	}
	noise := int64(0)
	if w.noise > 0 && w.rng.Intn(2) == 0 {
		noise = 1 + w.rng.Int63n(w.noise)
	}
	ok := true
	for round := 0; round < 2 && ok; round++ {
		for i, e := range members {
			ub := w.saved[i]
			if round > 0 {
				ub = w.x[e]
			}
			if !w.rerosterWindow(e, a, b, noise, ub) {
				ok = false
				break
			}
		}
		noise = 0
	}
	slot := w.lah % len(w.hist)
	if ok && (w.obj <= before || w.obj <= w.hist[slot]) {
		if w.obj < w.bestObj {
			w.saveBest()
		}
	} else {
		for i, e := range members {
			w.remove(e)
			w.place(e, w.saved[i])
		}
	}
	w.hist[slot] = w.obj
}

// rerosterWindow gives member e its best schedule that keeps its days outside
// [a, b), against the others and a noise of up to ±noise; ub is a feasible
// schedule agreeing with e's days outside the window (its cost bounds the
// DP). False, with e's days as they were, when the DP finds none (only
// possible with a bounded DP).
func (w *worker) rerosterWindow(e, a, b int, noise int64, ub []int) bool {
	w.remove(e)
	w.fillCosts(e, noise)
	S := w.S
	for d, cur := range w.x[e] {
		if d >= a && d < b {
			continue
		}
		if cur == Off {
			cur = S
		}
		row := w.cost[d*(S+1) : (d+1)*(S+1)]
		for x := range row {
			if x != cur {
				row[x] = pinned
			}
		}
	}
	if _, found := w.dps[e].solve(w.cost, w.sched, w.costOf(ub)); !found {
		w.place(e, w.x[e])
		return false
	}
	w.place(e, w.sched)
	return true
}

// pickWindow chooses the window [a, b) and the members to re-roster. Half the
// time the window is centred on a slot short of cover and half the members
// are ones allowed to work that slot; otherwise all is random.
func (w *worker) pickWindow() (a, b int, members []int) {
	D, nE, S := w.m.Days, len(w.m.Staff), w.S
	n := min(D, 4+w.rng.Intn(11))
	k := min(nE, 2+w.rng.Intn(max(1, 2*w.maxK-1)))
	a = w.rng.Intn(D - n + 1)
	members = make([]int, 0, k)
	if w.rng.Intn(2) == 0 {
		if d, s, found := w.shortSlot(); found {
			a = max(0, min(D-n, d-w.rng.Intn(n)))
			for try := 0; try < 4*nE && len(members) < (k+1)/2; try++ {
				e := w.rng.Intn(nE)
				if w.dps[e].allowed[d*(S+1)+s] && w.x[e][d] != s && !contains(members, e) {
					members = append(members, e)
				}
			}
		}
	}
	for len(members) < k {
		if e := w.rng.Intn(nE); !contains(members, e) {
			members = append(members, e)
		}
	}
	return a, a + n, members
}

// shortSlot picks a random (day, shift) whose cover is short, by sampling.
func (w *worker) shortSlot() (d, s int, found bool) {
	D, S := w.m.Days, w.S
	for try := 0; try < 64; try++ {
		d, s = w.rng.Intn(D), w.rng.Intn(S)
		if w.staffed[d][s] < w.m.Cover[d][s].Requirement && w.m.Cover[d][s].Under > 0 {
			return d, s, true
		}
	}
	return 0, 0, false
}

func contains(xs []int, v int) bool {
	for _, x := range xs {
		if x == v {
			return true
		}
	}
	return false
}
