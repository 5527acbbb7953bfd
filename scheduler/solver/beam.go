package solver

import "slices"

// beam keeps p.Beam of the labels idx: first the cheapest of each minutes
// value (so that the minute bounds stay reachable), then the cheapest others;
// ties go to the earlier label. It runs in linear time (a selection, not a
// sort: on instance 24 sorting every day's labels was most of the DP's time)
// and returns the kept labels in their original order.
func (p *memberDP) beam(idx []int32) []int32 {
	if len(p.seen) != p.maxUnits+1 {
		p.seen = make([]bool, p.maxUnits+1)
		p.bestOf = make([]int32, p.maxUnits+1)
	}
	less := func(a, b int32) bool {
		ca, cb := p.nxt[a].cost, p.nxt[b].cost
		return ca < cb || ca == cb && a < b
	}
	keep := make([]int32, 0, p.Beam)
	for _, j := range idx {
		mu := p.nxt[j].minutes
		if !p.seen[mu] {
			p.seen[mu] = true
			p.bestOf[mu] = j
			keep = append(keep, j)
		} else if less(j, p.bestOf[mu]) {
			p.bestOf[mu] = j
		}
	}
	for i, j := range keep {
		mu := p.nxt[j].minutes
		keep[i] = p.bestOf[mu]
		p.seen[mu] = false
	}
	need := p.Beam - len(keep)
	if need > 0 {
		rest := p.rest[:0]
		for _, j := range idx {
			if p.bestOf[p.nxt[j].minutes] != j {
				rest = append(rest, j)
			}
		}
		if need < len(rest) {
			selectSmallest(rest, need, less)
			rest = rest[:need]
		}
		keep = append(keep, rest...)
		p.rest = rest
	}
	slices.Sort(keep)
	return keep
}

// selectSmallest reorders xs so that its first n elements are the n least
// under less (a strict total order), in no particular order.
func selectSmallest(xs []int32, n int, less func(a, b int32) bool) {
	lo, hi := 0, len(xs) // the n-th least is in xs[lo:hi]
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		// Median of three as the pivot, moved to hi-1.
		a, b, c := lo, mid, hi-1
		if less(xs[b], xs[a]) {
			a, b = b, a
		}
		if less(xs[c], xs[b]) {
			b = c
			if less(xs[b], xs[a]) {
				b = a
			}
		}
		xs[b], xs[hi-1] = xs[hi-1], xs[b]
		pv := xs[hi-1]
		st := lo
		for i := lo; i < hi-1; i++ {
			if less(xs[i], pv) {
				xs[i], xs[st] = xs[st], xs[i]
				st++
			}
		}
		xs[st], xs[hi-1] = xs[hi-1], xs[st]
		switch {
		case st == n || st == n-1:
			return
		case st < n:
			lo = st + 1
		default:
			hi = st
		}
	}
}
