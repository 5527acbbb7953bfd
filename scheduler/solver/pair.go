package solver

import "math"

// The pair move: two members re-rostered together over a short window of
// days, exactly. Every schedule of each member on the window (the rest of
// their days kept) is enumerated and checked against all their rules, and the
// best pair is chosen by its joint cost — the two members' request costs and
// the cover cost of the window with both of them on it. Unlike two single
// DPs in turn, it sees a coordinated change: one member leaving an
// over-covered day for a short one while the other takes the day the first
// gave up.

// pairLeaves caps (S+1)^W, the schedules a member may have on a window.
const pairLeaves = 4096

// pairWindowMax is the longest pair window for the model's shift types (0:
// the move is not worth making).
func pairWindowMax(S int) int {
	n, w := 1, 0
	for n*(S+1) <= pairLeaves {
		n *= S + 1
		w++
	}
	if w < 2 {
		return 0
	}
	return w
}

// pairCand is one window schedule of a member, at slab[off:off+W], and its
// cost alone.
type pairCand struct {
	off  int
	cost int64
}

// pairSide is the candidates of one member of a pair move.
type pairSide struct {
	cands []pairCand
	slab  []int
}

// pairStep makes one pair move, accepted or undone by late acceptance.
func (w *worker) pairStep() {
	D, nE, S := w.m.Days, len(w.m.Staff), w.S
	wmax := min(pairWindowMax(S), D)
	if nE < 2 || wmax < 2 {
		return
	}
	n := 2 + w.rng.Intn(wmax-1)
	a := w.rng.Intn(D - n + 1)
	e1 := w.rng.Intn(nE)
	if d, s, found := w.shortSlot(); found && w.rng.Intn(2) == 0 {
		a = max(0, min(D-n, d-w.rng.Intn(n)))
		for try := 0; try < 2*nE; try++ {
			if e := w.rng.Intn(nE); w.dps[e].allowed[d*(S+1)+s] && w.x[e][d] != s {
				e1 = e
				break
			}
		}
	}
	e2 := w.rng.Intn(nE - 1)
	if e2 >= e1 {
		e2++
	}
	b := a + n
	w.lah++
	before := w.obj
	w.undo = w.undo[:0]
	for _, e := range []int{e1, e2} {
		for d := a; d < b; d++ {
			if w.x[e][d] != Off {
				w.undo = append(w.undo, change{e, d, w.x[e][d]})
				w.setDay(e, d, Off)
			}
		}
	}
	p1, p2 := &w.pair[0], &w.pair[1]
	w.windowCands(e1, a, b, p1)
	w.windowCands(e2, a, b, p2)
	i1, i2 := w.bestPair(p1, p2, a, n)
	if i1 >= 0 {
		o1, o2 := p1.cands[i1].off, p2.cands[i2].off
		for i := 0; i < n; i++ {
			w.setDay(e1, a+i, p1.slab[o1+i])
			w.setDay(e2, a+i, p2.slab[o2+i])
		}
	}
	slot := w.lah % len(w.hist)
	if i1 >= 0 && (w.obj <= before || w.obj <= w.hist[slot]) {
		if w.obj < w.bestObj {
			w.saveBest()
		}
	} else {
		for d := a; d < b; d++ {
			w.setDay(e1, d, Off)
			w.setDay(e2, d, Off)
		}
		for _, u := range w.undo {
			w.setDay(u.e, u.d, u.x)
		}
	}
	w.hist[slot] = w.obj
}

// windowCands lists every schedule of member e on days [a, b) that keeps all
// of e's rules with its other days as they are, with its cost alone against
// the current counts (e and its partner off the window). e's window days are
// off on entry and on return.
func (w *worker) windowCands(e, a, b int, out *pairSide) {
	out.cands, out.slab = out.cands[:0], out.slab[:0]
	S, row := w.S, w.x[e]
	allowed := w.dps[e].allowed
	var rec func(d int, c int64)
	rec = func(d int, c int64) {
		if d == b {
			if w.okMember(e) {
				out.cands = append(out.cands, pairCand{off: len(out.slab), cost: c})
				out.slab = append(out.slab, row[a:b]...)
			}
			return
		}
		base := d * (S + 1)
		for x := 0; x <= S; x++ {
			if !allowed[base+x] {
				continue
			}
			s := x
			if x == S {
				s = Off
			}
			if s != Off && d > 0 && row[d-1] != Off && w.m.Forbidden[row[d-1]][s] {
				continue
			}
			dc := w.pref[e][base+x] - w.pref[e][base+S]
			if s != Off {
				cv, n := w.m.Cover[d][s], w.staffed[d][s]
				dc += int64(coverCost(cv, n+1) - coverCost(cv, n))
			}
			row[d] = s
			rec(d+1, c+dc)
		}
		row[d] = Off
	}
	rec(a, 0)
}

// bestPair picks the pair of window schedules (one of p1, one of p2) of
// least joint cost, -1 when either member has none (cannot happen: each
// member's own schedule is a candidate). Two members on the same shift the
// same day cost the cover of both, not twice the cover of one; as cover cost
// is convex in the count, that correction is never negative, so a pair whose
// costs alone already reach the best is skipped.
func (w *worker) bestPair(p1, p2 *pairSide, a, n int) (int, int) {
	bi, bj, best := -1, -1, int64(math.MaxInt64)
	for i, c1 := range p1.cands {
		d1 := p1.slab[c1.off : c1.off+n]
		for j, c2 := range p2.cands {
			c := c1.cost + c2.cost
			if c >= best {
				continue
			}
			d2 := p2.slab[c2.off : c2.off+n]
			for k, s := range d1 {
				if s != Off && s == d2[k] {
					cv, m := w.m.Cover[a+k][s], w.staffed[a+k][s]
					c += int64(coverCost(cv, m+2) - 2*coverCost(cv, m+1) + coverCost(cv, m))
				}
			}
			if c < best {
				bi, bj, best = i, j, c
			}
		}
	}
	return bi, bj
}
