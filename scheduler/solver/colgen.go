package solver

import (
	"context"
	"math"
	"math/rand"
	"slices"
	"sync"
)

// Branch and price: the roster as a choice of one schedule per member,
// relaxed to a linear programme (the master) over a growing set of schedules.
// The master's duals price each (day, shift): a member's best new schedule
// against those prices is exactly what the member DP computes (pricing), so
// the DP that re-rosters a member in the search also generates the columns.
// A depth-first search then branches on one member's choice of one day (work
// that shift, or not), the branch the relaxation leans to first, and prunes
// a node whose bound cannot beat the best roster found. Its relaxation sees
// every member's runs at once, which the local search's moves of a few
// members at a time do not: instances 6 and 14 of the benchmark, whose best
// rosters need every weekend worked in full, are where this pays.
//
// Rows: one per member (its schedules sum to 1), one per (day, shift) whose
// cover weighs something (schedules + short − over = requirement). Columns:
// a short and an over slack per cover row, costing its weights; the
// schedules that keep the node's branching, costing their requests and
// fairness term; an artificial column per member (cost cgBigM) that makes
// the all-slack start feasible and marks a node where a member has no
// schedule left.

// cgTail: column generation at a node stops once its last cgTailRounds
// rounds gained less than cgTail.
var (
	cgTail        = 1.0
	cgTailRounds  = 10
	cgChildRounds = 3
	// at most this many rounds at the root and at other nodes
	cgRootMax, cgChildMax = 60, 10
	// cgFixAt: the branch that forces a choice also forces every choice
	// the relaxation holds at least this much (above 1: none)
	cgFixAt = 0.8
	// cgStall: a search ends after this many nodes without a better
	// roster (0: never)
	cgStall = 50
	// cgNoise: after the first search, a candidate's value is raised by up
	// to this share at random, so that each search dives another way
	cgNoise = 0.3
	// cgPolish: between two searches, the local search runs until this
	// many epochs in a row found nothing better
	cgPolish = 1
	// cgPolishMax: and for at most this many epochs (0: no limit)
	cgPolishMax = 4
)

// cgLog, when set (experiments), traces the search.
var (
	cgLog      func(format string, args ...any)
	cgLogEvery = 50
)

const (
	cgScale = 1000 // the duals become the DP's integer day costs ×cgScale
	cgBigM  = 1e7  // an artificial column's cost
	cgBan   = int64(1) << 50
)

type colgen struct {
	ctx    context.Context
	m      *Model
	S      int
	pref   [][]int64
	dps    [][]*memberDP // dps[g][e]: goroutine g's DP of member e
	costs  [][]int64     // per goroutine
	scheds [][]int       // per goroutine
	budget int           // DP calls left (pricing)
	// tiers: the pricing DP's PerKey bounds, tried in turn until one finds
	// a column (0: exact); the relaxation is solved when none does.
	tiers []int

	pool [][][]int // pool[e]: member e's schedules so far
	seen []map[string]bool
	// mask[e][d]: the choices (bit x; bit S is off) member e may take on
	// day d at this node
	mask [][]uint32

	lp    *lp
	slot  []int // slot[d*S+s]: the cover row of (d, s), or -1
	colOf []int // colOf[j]: the member of schedule column j, -1 for a slack or artificial
	colK  []int // colK[j]: the index into pool[colOf[j]]
	art   []int // art[e]: member e's artificial column

	best    Roster
	bestObj int64
	nodes   int
	gainAt  int  // the node of the last better roster
	cycle   int  // searches so far: after the first, branching is noisy
	proved  bool // the root's bound (exact pricing) reached the best roster
	// tol: how far the relaxation's value may lie above the true one, from
	// the perturbation and the rounding of the duals in pricing
	tol float64
	rng *rand.Rand
}

func newColgen(ctx context.Context, m *Model, ws []*worker, budget int, seed int64) *colgen {
	S := len(m.Shifts)
	g := &colgen{ctx: ctx, m: m, S: S, pref: ws[0].pref, budget: budget, rng: rand.New(rand.NewSource(seed))}
	for _, w := range ws {
		g.dps = append(g.dps, w.dps)
		g.costs = append(g.costs, make([]int64, m.Days*(S+1)))
		g.scheds = append(g.scheds, make([]int, m.Days))
	}
	g.tiers = []int{max(ws[0].dps[0].PerKey, 1), 32}
	if m.Days*S <= 100 {
		g.tiers = append(g.tiers, 0)
	}
	nE := len(m.Staff)
	g.pool = make([][][]int, nE)
	g.seen = make([]map[string]bool, nE)
	g.mask = make([][]uint32, nE)
	for e := range g.seen {
		g.seen[e] = map[string]bool{}
		g.mask[e] = make([]uint32, m.Days)
		for d := range g.mask[e] {
			g.mask[e][d] = 1<<(S+1) - 1
		}
	}
	g.slot = make([]int, m.Days*S)
	rows := nE
	for d := 0; d < m.Days; d++ {
		for s := 0; s < S; s++ {
			g.slot[d*S+s] = -1
			if cv := m.Cover[d][s]; cv.Under != 0 || cv.Over != 0 {
				g.slot[d*S+s] = rows
				rows++
			}
		}
	}
	return g
}

// addSchedule puts days in member e's pool unless it is there already.
func (g *colgen) addSchedule(e int, days []int) bool {
	key := make([]byte, len(days))
	for d, x := range days {
		key[d] = byte(x + 1)
	}
	if g.seen[e][string(key)] {
		return false
	}
	g.seen[e][string(key)] = true
	g.pool[e] = append(g.pool[e], append([]int(nil), days...))
	return true
}

// keeps reports whether schedule days of member e keeps the node's branching.
func (g *colgen) keeps(e int, days []int) bool {
	for d, x := range days {
		if x == Off {
			x = g.S
		}
		if g.mask[e][d]&(1<<x) == 0 {
			return false
		}
	}
	return true
}

// schedCost is the objective's part of member e's schedule alone: its
// requests and its fairness term.
func (g *colgen) schedCost(e int, days []int) float64 {
	S := g.S
	var c int64
	for d, x := range days {
		if x == Off {
			x = S
		}
		c += g.pref[e][d*(S+1)+x]
	}
	return float64(c + g.m.fairCost(e, g.m.workedMinutes(days)))
}

// build sets up the node's master: every pooled schedule that keeps the
// branching, the slacks, and an all-artificial starting basis.
func (g *colgen) build() bool {
	m, S := g.m, g.S
	nE := len(m.Staff)
	g.tol = 0
	b := make([]float64, nE, nE+m.Days*S)
	for e := range b {
		b[e] = 1
	}
	// The cover rows' right-hand sides are perturbed by a few millionths
	// (the same at every node), so that no basic value is exactly zero:
	// the masters are highly degenerate, and the simplex would stall.
	for d := 0; d < m.Days; d++ {
		for s := 0; s < S; s++ {
			if g.slot[d*S+s] >= 0 {
				cv := m.Cover[d][s]
				p := 1e-6 * float64(1+(d*7+s*13)%17)
				b = append(b, float64(cv.Requirement)+p)
				g.tol += p * float64(max(cv.Under, cv.Over))
			}
		}
	}
	g.tol += 1e-3 + float64(nE*m.Days)/cgScale
	g.lp = newLP(b)
	g.colOf, g.colK = g.colOf[:0], g.colK[:0]
	basic := make([]int, len(b))
	g.art = make([]int, nE)
	for e := 0; e < nE; e++ {
		g.art[e] = g.addCol(lpCol{cost: cgBigM, rows: []int32{int32(e)}, vals: []float64{1}}, -1, 0)
		basic[e] = g.art[e]
	}
	for d := 0; d < m.Days; d++ {
		for s := 0; s < S; s++ {
			r := g.slot[d*S+s]
			if r < 0 {
				continue
			}
			cv := m.Cover[d][s]
			ju := g.addCol(lpCol{cost: float64(cv.Under), rows: []int32{int32(r)}, vals: []float64{1}}, -1, 0)
			g.addCol(lpCol{cost: float64(cv.Over), rows: []int32{int32(r)}, vals: []float64{-1}}, -1, 0)
			basic[r] = ju
		}
	}
	// Start from the incumbent's schedules where they keep the branching:
	// the duals are then sensible from the first round.
	work := make([]float64, len(b))
	for e := 0; e < nE; e++ {
		for k, days := range g.pool[e] {
			if !g.keeps(e, days) {
				continue
			}
			j := g.addSchedCol(e, k)
			if basic[e] == g.art[e] && g.best != nil && slices.Equal(days, g.best[e]) {
				basic[e] = j
				for _, r := range g.lp.cols[j].rows[1:] {
					work[r]++
				}
			}
		}
	}
	for r := nE; r < len(b); r++ {
		if work[r] > b[r] {
			basic[r]++ // the over slack, added right after the short one
		}
	}
	return g.lp.start(basic)
}

func (g *colgen) addCol(c lpCol, e, k int) int {
	g.colOf = append(g.colOf, e)
	g.colK = append(g.colK, k)
	return g.lp.add(c)
}

// addSchedCol adds schedule pool[e][k] to the master.
func (g *colgen) addSchedCol(e, k int) int {
	S := g.S
	c := lpCol{cost: g.schedCost(e, g.pool[e][k]), rows: []int32{int32(e)}, vals: []float64{1}}
	for d, x := range g.pool[e][k] {
		if x != Off {
			if r := g.slot[d*S+x]; r >= 0 {
				c.rows = append(c.rows, int32(r))
				c.vals = append(c.vals, 1)
			}
		}
	}
	return g.addCol(c, e, k)
}

// price finds each member's best schedule against the duals (keeping the
// node's branching) and adds those with a negative reduced cost; it returns
// how many.
func (g *colgen) price(perKeyTier int) int {
	m, S := g.m, g.S
	nE := len(m.Staff)
	found := make([][]int, nE)
	var wg sync.WaitGroup
	G := len(g.dps)
	for gi := 0; gi < G; gi++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cost, sched := g.costs[gi], g.scheds[gi]
			for e := gi; e < nE; e += G {
				for d := 0; d < m.Days; d++ {
					base := d * (S + 1)
					mask := g.mask[e][d]
					for x := 0; x <= S; x++ {
						c := g.pref[e][base+x] * cgScale
						if x < S {
							if r := g.slot[d*S+x]; r >= 0 {
								c -= int64(math.Round(g.lp.y[r] * cgScale))
							}
						}
						if mask&(1<<x) == 0 {
							c += cgBan
						}
						cost[base+x] = c
					}
				}
				p := g.dps[gi][e]
				perKey, beam := p.PerKey, p.Beam
				p.fairScale = cgScale
				p.PerKey, p.Beam = perKeyTier, 0
				ub := int64(math.Floor(g.lp.y[e]*cgScale)) - 1
				_, ok := p.solve(cost, sched, ub)
				p.fairScale, p.PerKey, p.Beam = 0, perKey, beam
				if ok && g.keeps(e, sched) {
					found[e] = append([]int(nil), sched...)
				}
			}
		}()
	}
	wg.Wait()
	g.budget -= nE
	added := 0
	for e := 0; e < nE; e++ {
		if found[e] == nil || !g.addSchedule(e, found[e]) {
			continue
		}
		j := g.addSchedCol(e, len(g.pool[e])-1)
		if g.lp.reduced(j) < -1e-6 {
			added++
		}
	}
	return added
}

// relax solves the node's master by column generation; exact is false when
// the budget, ctx or the tailing-off rule cut the pricing short (the value
// is then no bound).
func (g *colgen) relax(depth int) (ok, exact bool) {
	var objs []float64
	maxRounds, rounds := cgRootMax, cgTailRounds
	if depth > 0 {
		maxRounds, rounds = cgChildMax, cgChildRounds
	}
	for {
		if err := g.lp.solve(100000); err != nil {
			if cgLog != nil {
				cgLog("%v", err)
			}
			return false, false
		}
		if g.ctx.Err() != nil || g.budget <= 0 {
			return true, false
		}
		if cgLog != nil && depth == 0 {
			cgLog("root: objective %.1f, %d columns, budget %d", g.lp.objective(), len(g.lp.cols), g.budget)
		}
		// Tailing off: the last rounds gained next to nothing, so the
		// relaxation is good enough to branch on.
		objs = append(objs, g.lp.objective())
		if n := len(objs); n > maxRounds || n > rounds && objs[n-1-rounds]-objs[n-1] < cgTail {
			return true, false
		}
		done := true
		for _, t := range g.tiers {
			if g.price(t) > 0 {
				done = false
				break
			}
		}
		if done {
			return true, true
		}
	}
}

// search is the depth-first branch and price from the current node.
func (g *colgen) search(depth int) {
	if g.ctx.Err() != nil || g.budget <= 0 || (cgStall > 0 && g.nodes-g.gainAt >= cgStall) {
		return
	}
	g.nodes++
	if !g.build() {
		if cgLog != nil {
			cgLog("node %d: the starting basis failed", g.nodes)
		}
		return
	}
	ok, exact := g.relax(depth)
	if cgLog != nil && g.nodes%cgLogEvery == 0 {
		cgLog("node %d depth %d: relaxation %.1f (exact %v), %d columns", g.nodes, depth, g.lp.objective(), exact, len(g.lp.cols))
	}
	if !ok {
		if cgLog != nil {
			cgLog("node %d: the master failed", g.nodes)
		}
		return
	}
	nE, S := len(g.m.Staff), g.S
	for e := 0; e < nE; e++ {
		if g.lp.value(g.art[e]) > 1e-4 {
			return // a member has no schedule keeping the branching
		}
	}
	bound := g.lp.objective()
	if int64(math.Ceil(bound-g.tol)) >= g.bestObj && (exact || depth > 0) {
		if exact && depth == 0 && g.cycle == 0 && g.tiers[len(g.tiers)-1] == 0 {
			g.proved = true // exact pricing at the unbranched root: a bound
		}
		return
	}
	// Rounding: each member's most-valued schedule.
	r := NewRoster(g.m)
	top := make([]float64, nE)
	for j, e := range g.colOf {
		if e < 0 {
			continue
		}
		if v := g.lp.value(j); v > top[e] {
			top[e] = v
			copy(r[e], g.pool[e][g.colK[j]])
		}
	}
	if obj := int64(g.m.Objective(r)); obj < g.bestObj {
		g.best, g.bestObj, g.gainAt = r, obj, g.nodes
		if cgLog != nil {
			cgLog("branch and price: %d at node %d, depth %d, bound %.1f", obj, g.nodes, depth, bound)
		}
	}
	if cgLog != nil && g.nodes%cgLogEvery == 0 {
		cgLog("node %d depth %d bound %.1f best %d budget %d", g.nodes, depth, bound, g.bestObj, g.budget)
	}
	// Branch on the (member, day, choice) the relaxation holds most
	// strongly short of certainty.
	val := make([]float64, g.m.Days*(S+1))
	be, bd, bx, bv := -1, 0, 0, 0.0
	type fix struct {
		e, d, x int
		mask    uint32 // the mask before
	}
	var also []fix // the choices held at cgFixAt or more, forced with the branch
	for e := 0; e < nE; e++ {
		clear(val)
		for j, ce := range g.colOf {
			if ce != e {
				continue
			}
			v := g.lp.value(j)
			if v <= 1e-9 {
				continue
			}
			for d, x := range g.pool[e][g.colK[j]] {
				if x == Off {
					x = S
				}
				val[d*(S+1)+x] += v
			}
		}
		for i, v := range val {
			if v > 1e-4 && v < 1-1e-4 {
				if g.cycle > 0 {
					v *= 1 + cgNoise*g.rng.Float64()
				}
				if v > bv {
					be, bd, bx, bv = e, i/(S+1), i%(S+1), v
				}
			}
			if d := i / (S + 1); v >= cgFixAt && g.mask[e][d] != 1<<(i%(S+1)) {
				also = append(also, fix{e, d, i % (S + 1), g.mask[e][d]})
			}
		}
	}
	if be < 0 {
		return // integral: the rounding was this node's optimum
	}
	saved := g.mask[be][bd]
	g.mask[be][bd] = 1 << bx
	for _, f := range also {
		g.mask[f.e][f.d] = 1 << f.x
	}
	g.search(depth + 1)
	for i := len(also) - 1; i >= 0; i-- {
		g.mask[also[i].e][also[i].d] = also[i].mask
	}
	g.mask[be][bd] = saved &^ (1 << bx)
	g.search(depth + 1)
	g.mask[be][bd] = saved
}
