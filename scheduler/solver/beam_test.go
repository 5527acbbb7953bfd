package solver

import (
	"math/rand"
	"slices"
	"testing"
)

// beamBySort is the beam's definition written plainly: sort by cost (stable,
// so ties keep the earlier label), keep the first label of each minutes value,
// then the first others up to Beam, in the original order.
func beamBySort(p *memberDP, idx []int32) []int32 {
	idx = slices.Clone(idx)
	slices.SortStableFunc(idx, func(a, b int32) int {
		ca, cb := p.nxt[a].cost, p.nxt[b].cost
		switch {
		case ca < cb:
			return -1
		case ca > cb:
			return 1
		}
		return 0
	})
	seen := map[int32]bool{}
	var keep, rest []int32
	for _, j := range idx {
		if mu := p.nxt[j].minutes; !seen[mu] {
			seen[mu] = true
			keep = append(keep, j)
		} else {
			rest = append(rest, j)
		}
	}
	keep = append(keep, rest[:max(0, min(len(rest), p.Beam-len(keep)))]...)
	slices.Sort(keep)
	return keep
}

// Ensure the linear-time beam keeps exactly the labels the sorting
// definition keeps, ties and repeated costs included.
func TestBeamKeepsTheCheapestLabels(t *testing.T) {
	rng := rand.New(rand.NewSource(9))
	for trial := 0; trial < 2000; trial++ {
		p := &memberDP{maxUnits: 1 + rng.Intn(30), dpBuf: &dpBuf{}}
		n := 1 + rng.Intn(400)
		p.Beam = 1 + rng.Intn(n+5)
		p.nxt = make([]label, n)
		var idx []int32
		for j := range p.nxt {
			p.nxt[j] = label{cost: int64(rng.Intn(1 + rng.Intn(60))), minutes: int32(rng.Intn(p.maxUnits + 1))}
			if rng.Intn(5) != 0 {
				idx = append(idx, int32(j))
			}
		}
		if len(idx) == 0 {
			continue
		}
		want := beamBySort(p, idx)
		got := p.beam(slices.Clone(idx))
		if !slices.Equal(got, want) {
			t.Fatalf("trial %d (beam %d of %d): kept %v, want %v", trial, p.Beam, len(idx), got, want)
		}
	}
}
