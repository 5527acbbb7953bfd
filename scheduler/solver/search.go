package solver

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand"
	"runtime"
	"sync"
	"time"
)

// ErrInfeasible: some member has no schedule keeping all their hard rules
// (within the DP's limits), so no roster was found.
var ErrInfeasible = errors.New("solver: no feasible roster found")

// Options tune Solve. The zero value searches until ctx ends with one worker
// per CPU.
type Options struct {
	Seed int64
	// Workers: parallel searches (default runtime.NumCPU()).
	Workers int
	// Iterations: the budget of each worker (0 = until ctx ends). With a
	// budget and an uncancelled ctx, the result depends only on the seed.
	Iterations int
	// Epoch: iterations between two exchanges of the best roster (and two
	// progress reports): default 200, fewer on a large model, where an
	// iteration is slow (instance 24: 11, about a few seconds).
	Epoch int
	// History: the late-acceptance list length (default from the model's
	// size: long for small models, where iterations are cheap).
	History int
	// MaxMembers: at most this many members are re-rostered by one move
	// (default 4).
	MaxMembers int
	// Noise: the largest random change of a day's cost in a noisy move
	// (default 30 % of the largest cover weight); -1 for none.
	Noise int64
	// PerKey and Beam limit the member DP (see memberDP); 0 picks a default
	// from the model's size, -1 means no limit (exact).
	PerKey, Beam int
	// Cheap: cheap moves (cheap.go) made by every other iteration instead of
	// a DP move (default 15 × days × members, which takes about as long as
	// a DP move); -1 for none.
	Cheap int
	// Pairs: pair moves (pair.go) made by every cheap iteration after its
	// cheap moves (default 0: none; in trials on instances 6 and 14 they
	// did not help).
	Pairs int
	// Window: percent of the DP iterations that are windowed moves
	// (window.go) rather than whole-horizon ones (default 50 on a large
	// model, where a whole-horizon DP is slow, none on a small one); -1 for
	// none.
	Window int
	// ColGen: the member DPs that branch and price (colgen.go) may run
	// (default from the model's size, none on a large model); -1 for none.
	// It runs after ColGenAt percent of the time (or of the iterations)
	// and for at most ColGenFor percent of the time, from the local
	// search's best roster and the schedules it tried; the local search
	// then goes on from what it found.
	ColGen, ColGenAt, ColGenFor int
	// Progress, when set, is called (from the coordinating goroutine) each
	// time the best objective improves.
	Progress func(elapsed time.Duration, best int)
	// Patience, when set and there is no iteration budget, ends the search
	// once it has found nothing better for that long (checked between
	// epochs): a plan that cannot get better need not wait out its limit.
	Patience time.Duration
}

func defaults(m *Model, opt Options) Options {
	if opt.Workers <= 0 {
		opt.Workers = runtime.NumCPU()
	}
	if opt.Epoch <= 0 {
		size := max(1, m.Days*len(m.Staff)*len(m.Shifts))
		opt.Epoch = min(200, max(10, 20000000/size))
	}
	if opt.History <= 0 {
		size := max(1, m.Days*len(m.Staff)*len(m.Shifts))
		opt.History = min(10000, max(3000, 12000000/size))
	}
	if opt.Cheap == 0 {
		opt.Cheap = 15 * m.Days * len(m.Staff)
	}
	if opt.Window == 0 && m.large() {
		opt.Window = 50
	}
	if opt.ColGen == 0 && !m.large() {
		opt.ColGen = 5000 * len(m.Staff)
	}
	if opt.ColGenAt <= 0 {
		opt.ColGenAt = 20
	}
	if opt.ColGenFor <= 0 {
		opt.ColGenFor = 50
	}
	if opt.MaxMembers <= 0 {
		opt.MaxMembers = 4
	}
	if opt.Noise == 0 {
		wmax := 0
		for _, row := range m.Cover {
			for _, c := range row {
				wmax = max(wmax, c.Under, c.Over)
			}
		}
		opt.Noise = int64(max(1, wmax*3/10))
	}
	return opt
}

// Result is the best roster found.
type Result struct {
	Roster     Roster
	Objective  int
	Iterations int // over all workers
}

// Solve builds a feasible roster, then improves it until the iteration budget
// is spent or ctx ends, and returns the best roster found. It returns
// ErrInfeasible when no feasible roster could be built; a returned roster
// always keeps every hard rule.
func Solve(ctx context.Context, m *Model, opt Options) (Result, error) {
	if err := m.Validate(); err != nil {
		return Result{}, err
	}
	start := time.Now()
	opt = defaults(m, opt)
	ws := make([]*worker, opt.Workers)
	for i := range ws {
		ws[i] = newWorker(m, opt, opt.Seed*1000003+int64(i)*7919+1)
	}
	if err := ws[0].construct(); err != nil {
		return Result{}, err
	}
	for _, w := range ws[1:] {
		w.adopt(ws[0].best, ws[0].bestObj)
	}
	best, bestObj := ws[0].best.Clone(), ws[0].bestObj
	if opt.Progress != nil {
		opt.Progress(time.Since(start), int(bestObj))
	}
	done := 0
	lastGain := time.Now()
	proved := false // branch and price proved the best roster optimal
	patient := func() bool {
		return opt.Patience > 0 && opt.Iterations == 0 && time.Since(lastGain) >= opt.Patience
	}
	// epochs runs the workers epoch by epoch, exchanging the best roster,
	// until the budget, ctx or stop ends it.
	epochs := func(stop func() bool) {
		for ctx.Err() == nil && (opt.Iterations == 0 || done < opt.Iterations) && bestObj > 0 && !stop() {
			n := opt.Epoch
			if opt.Iterations > 0 {
				n = min(n, opt.Iterations-done)
			}
			var wg sync.WaitGroup
			for _, w := range ws {
				wg.Add(1)
				go func() { defer wg.Done(); w.run(ctx, n) }()
			}
			wg.Wait()
			done += n
			bi, wi := 0, 0
			for i, w := range ws {
				if w.bestObj < ws[bi].bestObj {
					bi = i
				}
				if w.bestObj > ws[wi].bestObj {
					wi = i
				}
			}
			if ws[bi].bestObj < bestObj {
				best, bestObj = ws[bi].best.Clone(), ws[bi].bestObj
				lastGain = time.Now()
				if opt.Progress != nil {
					opt.Progress(time.Since(start), int(bestObj))
				}
			}
			if wi != bi && ws[wi].bestObj > bestObj {
				ws[wi].adopt(best, bestObj)
			}
		}
	}
	if opt.ColGen > 0 && bestObj > 0 {
		// Local search first (its schedules seed the columns), then branch
		// and price from its best roster, then local search again.
		share := func(pct int) func() bool {
			if opt.Iterations > 0 {
				return func() bool { return done >= opt.Iterations*pct/100 }
			}
			dl, ok := ctx.Deadline()
			if !ok {
				return func() bool { return done >= 2000*pct/100 }
			}
			at := start.Add(dl.Sub(start) * time.Duration(pct) / 100)
			return func() bool { return time.Now().After(at) }
		}
		for _, w := range ws {
			w.record = true
		}
		first := share(opt.ColGenAt)
		epochs(func() bool { return first() || patient() })
		cctx, cancel := ctx, context.CancelFunc(func() {})
		if dl, ok := ctx.Deadline(); ok && opt.Iterations == 0 {
			cctx, cancel = context.WithDeadline(ctx, start.Add(dl.Sub(start)*time.Duration(opt.ColGenAt+opt.ColGenFor)/100))
		}
		cgOver := func() bool { return cctx.Err() != nil }
		g := newColgen(cctx, m, ws, opt.ColGen, opt.Seed)
		for cycle := 0; ; cycle++ {
			for _, w := range ws {
				for i, e := range w.recE {
					g.addSchedule(e, w.rec[i])
				}
				w.rec, w.recE = w.rec[:0], w.recE[:0]
			}
			for e := range m.Staff {
				g.addSchedule(e, best[e])
			}
			g.best, g.bestObj, g.gainAt, g.cycle = best, bestObj, g.nodes, cycle
			g.search(0)
			if g.bestObj < bestObj && m.Violations(g.best) == nil {
				best, bestObj = g.best.Clone(), g.bestObj
				lastGain = time.Now()
				for _, w := range ws {
					w.adopt(best, bestObj)
				}
				if opt.Progress != nil {
					opt.Progress(time.Since(start), int(bestObj))
				}
			}
			if g.proved {
				proved = true
			}
			if proved || cgOver() || g.budget <= 0 || bestObj == 0 || patient() || (opt.Iterations > 0 && done >= opt.Iterations) {
				break
			}
			// Polish the roster by local search until it stalls, then
			// branch and price again from the better roster.
			last, still, ran := bestObj, 0, 0
			epochs(func() bool {
				if bestObj < last {
					last, still = bestObj, 0
				} else {
					still++
				}
				ran++
				return still > cgPolish || (cgPolishMax > 0 && ran > cgPolishMax) || cgOver() || patient()
			})
		}
		cancel()
		for _, w := range ws {
			w.record = false
			w.rec, w.recE = nil, nil
		}
	}
	if !proved {
		epochs(patient)
	}
	total := 0
	for _, w := range ws {
		total += w.iters
	}
	if v := m.Violations(best); len(v) > 0 {
		return Result{}, fmt.Errorf("solver: internal error, the best roster breaks %s", v[0])
	}
	return Result{Roster: best, Objective: m.Objective(best), Iterations: total}, nil
}

// worker is one search: a current roster with its cover counts and
// objective, a late-acceptance history and the best roster it has seen.
type worker struct {
	m       *Model
	S       int
	rng     *rand.Rand
	dps     []*memberDP
	pref    [][]int64 // pref[e][d*(S+1)+x]: request cost of choice x
	x       Roster
	staffed [][]int // staffed[d][s]
	obj     int64
	best    Roster
	bestObj int64
	hist    []int64
	maxK    int
	noise   int64
	iters   int
	cost    []int64
	sched   []int
	saved   [][]int
	cheap   int // cheap moves per cheap iteration (0: none)
	window  int // percent of DP iterations that are windowed
	pairs   int // pair moves per cheap iteration
	pair    [2]pairSide
	lah     int      // moves so far, cheap or not: the history's clock
	cnt     []int    // okMember's counts
	undo    []change // the current cheap move's changes
	mins    []int    // worked minutes per member (for the fairness terms)
	costFor int      // the member whose day costs w.cost holds
	// record: keep the schedules of accepted DP moves (rec, recE: the
	// schedule and its member) for column generation
	record bool
	rec    [][]int
	recE   []int
}

func newWorker(m *Model, opt Options, seed int64) *worker {
	S := len(m.Shifts)
	w := &worker{m: m, S: S, rng: rand.New(rand.NewSource(seed))}
	perKey, beam := opt.PerKey, opt.Beam
	big := m.large()
	if perKey == 0 {
		perKey = 6
		if big {
			perKey = 2
		}
	}
	if beam == 0 {
		beam = -1
		if big {
			beam = 2000
		}
	}
	w.dps = make([]*memberDP, len(m.Staff))
	w.pref = make([][]int64, len(m.Staff))
	buf := &dpBuf{}
	for e := range m.Staff {
		p := newMemberDP(m, e)
		p.dpBuf = buf
		p.PerKey, p.Beam = max(perKey, 0), max(beam, 0)
		w.dps[e] = p
		w.pref[e] = m.prefCosts(e)
	}
	w.x = NewRoster(m)
	w.mins = make([]int, len(m.Staff))
	w.staffed = make([][]int, m.Days)
	for d := range w.staffed {
		w.staffed[d] = make([]int, S)
	}
	w.cost = make([]int64, m.Days*(S+1))
	w.sched = make([]int, m.Days)
	w.hist = make([]int64, opt.History)
	w.maxK, w.noise = opt.MaxMembers, opt.Noise
	w.cheap = max(opt.Cheap, 0)
	w.window = max(opt.Window, 0)
	w.pairs = max(opt.Pairs, 0)
	return w
}

// prefCosts is the request cost of each choice of member e: pref[d*(S+1)+x].
func (m *Model) prefCosts(e int) []int64 {
	S := len(m.Shifts)
	p := make([]int64, m.Days*(S+1))
	st := &m.Staff[e]
	for _, rq := range st.OnRequests {
		for x := 0; x <= S; x++ {
			if x != rq.Shift {
				p[rq.Day*(S+1)+x] += int64(rq.Weight)
			}
		}
	}
	for _, rq := range st.OffRequests {
		p[rq.Day*(S+1)+rq.Shift] += int64(rq.Weight)
	}
	return p
}

// large: a model of more than 1,000 day-shifts, where a whole-horizon DP is
// slow: the DP is bounded, half the DP moves are windowed and there is no
// branch and price.
func (m *Model) large() bool { return m.Days*len(m.Shifts) > 1000 }

// constructBeam is the DP's beam while building the first roster of a large
// model.
const constructBeam = 200

// construct rosters every member in turn against the others so far.
func (w *worker) construct() error {
	w.obj = 0
	for d := range w.staffed {
		for s := range w.staffed[d] {
			w.obj += int64(coverCost(w.m.Cover[d][s], 0))
		}
	}
	for e := range w.m.Staff {
		for d := 0; d < w.m.Days; d++ {
			w.obj += w.pref[e][d*(w.S+1)+w.S]
		}
		w.obj += w.m.fairCost(e, 0)
	}
	for _, e := range w.rng.Perm(len(w.m.Staff)) {
		w.remove(e)
		w.fillCosts(e, 0)
		ok := false
		if p := w.dps[e]; p.Beam > constructBeam {
			// A large model: a narrower beam builds the first roster
			// several times faster; the search re-rosters everyone anyway.
			beam := p.Beam
			p.Beam = constructBeam
			_, ok = p.solve(w.cost, w.sched, math.MaxInt64)
			p.Beam = beam
		}
		if !ok {
			_, ok = w.dps[e].solve(w.cost, w.sched, math.MaxInt64)
		}
		if p := w.dps[e]; !ok && (p.Beam > 0 || p.PerKey > 0) {
			// A bounded DP can lose every feasible label chasing cover
			// (instance 14, seed 4: PerKey 6 did); any feasible schedule
			// will do for a start, first with the same bounds, then with
			// no bound on a key's labels.
			clear(w.cost)
			if _, ok = p.solve(w.cost, w.sched, math.MaxInt64); !ok {
				perKey := p.PerKey
				p.PerKey = 0
				_, ok = p.solve(w.cost, w.sched, math.MaxInt64)
				p.PerKey = perKey
			}
		}
		if ok {
			w.place(e, w.sched)
		} else {
			w.place(e, w.x[e])
		}
		if !ok {
			return fmt.Errorf("%w: member %s has no schedule keeping their rules", ErrInfeasible, w.m.Staff[e].ID)
		}
	}
	w.best, w.bestObj = w.x.Clone(), w.obj
	for i := range w.hist {
		w.hist[i] = w.obj
	}
	return nil
}

// adopt makes r the worker's current and best roster.
func (w *worker) adopt(r Roster, obj int64) {
	w.x = r.Clone()
	for d := range w.staffed {
		clear(w.staffed[d])
	}
	for e := range w.x {
		for d, s := range w.x[e] {
			if s != Off {
				w.staffed[d][s]++
			}
		}
		w.syncMinutes(e)
	}
	w.obj = obj
	w.best, w.bestObj = r.Clone(), obj
	for i := range w.hist {
		w.hist[i] = obj
	}
}

// marginal is what member e currently adds to the objective, given the others.
func (w *worker) marginal(e int) int64 {
	S := w.S
	var c int64
	for d, s := range w.x[e] {
		if s == Off {
			c += w.pref[e][d*(S+1)+S]
			continue
		}
		c += w.pref[e][d*(S+1)+s]
		cv := w.m.Cover[d][s]
		n := w.staffed[d][s]
		c += int64(coverCost(cv, n) - coverCost(cv, n-1))
	}
	return c + w.fairOf(e, w.x[e])
}

// remove takes member e off the cover counts (its days stay in w.x).
func (w *worker) remove(e int) {
	w.obj -= w.marginal(e)
	for d, s := range w.x[e] {
		if s != Off {
			w.staffed[d][s]--
		}
	}
}

// place puts days as member e's schedule and back on the counts.
func (w *worker) place(e int, days []int) {
	copy(w.x[e], days)
	for d, s := range days {
		if s != Off {
			w.staffed[d][s]++
		}
	}
	w.syncMinutes(e)
	w.obj += w.marginal(e)
}

// reroster gives member e (currently placed) its best schedule against the
// others; false (nothing changed) when the DP finds none.
func (w *worker) reroster(e int) bool {
	w.remove(e)
	w.fillCosts(e, 0)
	if _, ok := w.dps[e].solve(w.cost, w.sched, w.costOf(w.x[e])); !ok {
		w.place(e, w.x[e])
		return false
	}
	w.place(e, w.sched)
	return true
}

// fillCosts writes the day costs of member e (removed from the counts) into
// w.cost, with a random noise of up to ±noise on working choices.
func (w *worker) fillCosts(e int, noise int64) {
	S := w.S
	w.costFor = e
	for d := 0; d < w.m.Days; d++ {
		base := d * (S + 1)
		for s := 0; s < S; s++ {
			cv := w.m.Cover[d][s]
			n := w.staffed[d][s]
			c := w.pref[e][base+s] + int64(coverCost(cv, n+1)-coverCost(cv, n))
			if noise > 0 {
				c += w.rng.Int63n(2*noise+1) - noise
			}
			w.cost[base+s] = c
		}
		w.cost[base+S] = w.pref[e][base+S]
	}
}

// costOf is the cost of schedule days under w.cost, with its fairness term
// (as the member DP counts it).
func (w *worker) costOf(days []int) int64 {
	S := w.S
	var c int64
	for d, s := range days {
		if s == Off {
			s = S
		}
		c += w.cost[d*(S+1)+s]
	}
	return c + w.fairOf(w.costFor, days)
}

// run performs n iterations (fewer if ctx ends).
func (w *worker) run(ctx context.Context, n int) {
	for i := 0; i < n; i++ {
		if ctx.Err() != nil {
			return
		}
		w.step()
	}
}

// step is one large-neighbourhood move: take k members off, put them back
// one by one optimally against the rest, then accept or undo.
func (w *worker) step() {
	w.iters++
	if w.cheap > 0 && w.rng.Intn(2) == 0 {
		for i := 0; i < w.cheap; i++ {
			w.cheapMove()
		}
		for i := 0; i < w.pairs; i++ {
			w.pairStep()
		}
		return
	}
	if w.window > 0 && w.rng.Intn(100) < w.window {
		w.windowStep()
		return
	}
	w.lah++
	nE := len(w.m.Staff)
	k := 1 + w.rng.Intn(min(w.maxK, nE))
	members := w.pick(k)
	if len(w.saved) < k {
		w.saved = append(w.saved, make([][]int, k-len(w.saved))...)
	}
	before := w.obj
	for i, e := range members {
		w.saved[i] = append(w.saved[i][:0], w.x[e]...)
		w.remove(e)
		for d := range w.x[e] {
			w.x[e][d] = Off
		}
		w.place(e, w.x[e]) // all off: feasibility is restored below or undone
	}
	ok := true
	noise := int64(0)
	if w.noise > 0 && w.rng.Intn(2) == 0 {
		noise = 1 + w.rng.Int63n(w.noise)
	}
	for i, e := range members {
		w.remove(e)
		w.fillCosts(e, noise)
		if _, found := w.dps[e].solve(w.cost, w.sched, w.costOf(w.saved[i])); !found {
			w.place(e, w.x[e])
			ok = false
			break
		}
		w.place(e, w.sched)
	}
	if ok && k > 1 {
		for _, e := range members {
			w.reroster(e)
		}
	}
	slot := w.lah % len(w.hist)
	if ok && (w.obj <= before || w.obj <= w.hist[slot]) {
		if w.record {
			for _, e := range members {
				w.rec = append(w.rec, append([]int(nil), w.x[e]...))
				w.recE = append(w.recE, e)
			}
		}
		if w.obj < w.bestObj {
			w.best, w.bestObj = w.x.Clone(), w.obj
		}
	} else {
		for i, e := range members {
			w.remove(e)
			w.place(e, w.saved[i])
		}
	}
	w.hist[slot] = w.obj
}

// pick chooses k distinct members.
func (w *worker) pick(k int) []int {
	nE := len(w.m.Staff)
	out := make([]int, 0, k)
	for len(out) < k {
		e := w.rng.Intn(nE)
		dup := false
		for _, o := range out {
			dup = dup || o == e
		}
		if !dup {
			out = append(out, e)
		}
	}
	return out
}
