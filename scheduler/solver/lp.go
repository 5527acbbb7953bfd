package solver

import (
	"errors"
	"fmt"
	"math"
)

// lp is a small linear programme in equality form, min c·x subject to
// A x = b, x ≥ 0, solved by the revised primal simplex method with a dense
// basis inverse. It serves the column generation of colgen.go, whose master
// problems have a few hundred rows and a few thousand sparse columns; the
// caller supplies a feasible starting basis.
type lp struct {
	m     int
	b     []float64
	cols  []lpCol
	basic []int     // basic[i]: the column basic in row position i
	pos   []int     // pos[j]: the row position of column j, or -1
	binv  []float64 // the basis inverse, m×m, row-major
	xb    []float64 // values of the basic columns
	y     []float64 // duals (c_B B⁻¹), valid after solve
	alpha []float64
	since int // pivots since the last refactorisation
	nzA   []int
	nzI   []int
}

// lpCol is one sparse column: its cost and its nonzero entries.
type lpCol struct {
	cost float64
	rows []int32
	vals []float64
}

var errLP = errors.New("solver: linear programme failed")

func newLP(b []float64) *lp {
	m := len(b)
	return &lp{m: m, b: b, basic: make([]int, m), binv: make([]float64, m*m),
		xb: make([]float64, m), y: make([]float64, m), alpha: make([]float64, m)}
}

func (l *lp) add(c lpCol) int {
	l.cols = append(l.cols, c)
	l.pos = append(l.pos, -1)
	return len(l.cols) - 1
}

// start makes basic the starting basis (one column per row) and factorises
// it; false when it is singular or infeasible.
func (l *lp) start(basic []int) bool {
	copy(l.basic, basic)
	for j := range l.pos {
		l.pos[j] = -1
	}
	for i, j := range basic {
		l.pos[j] = i
	}
	if !l.refactor() {
		return false
	}
	for _, v := range l.xb {
		if v < -1e-7 {
			return false
		}
	}
	return true
}

// refactor inverts the basis afresh (Gauss–Jordan with partial pivoting) and
// recomputes the basic values.
func (l *lp) refactor() bool {
	m := l.m
	a := make([]float64, m*m)
	for i, j := range l.basic {
		c := &l.cols[j]
		for k, r := range c.rows {
			a[int(r)*m+i] = c.vals[k]
		}
	}
	inv := l.binv
	clear(inv)
	for i := 0; i < m; i++ {
		inv[i*m+i] = 1
	}
	for c := 0; c < m; c++ {
		p, best := -1, 1e-10
		for r := c; r < m; r++ {
			if v := math.Abs(a[r*m+c]); v > best {
				p, best = r, v
			}
		}
		if p < 0 {
			return false
		}
		if p != c {
			for k := 0; k < m; k++ {
				a[p*m+k], a[c*m+k] = a[c*m+k], a[p*m+k]
				inv[p*m+k], inv[c*m+k] = inv[c*m+k], inv[p*m+k]
			}
		}
		f := 1 / a[c*m+c]
		// the pivot row's nonzeros (the bases are sparse: mostly slacks)
		nzA, nzI := l.nzA[:0], l.nzI[:0]
		for k := 0; k < m; k++ {
			if a[c*m+k] != 0 {
				a[c*m+k] *= f
				nzA = append(nzA, k)
			}
			if inv[c*m+k] != 0 {
				inv[c*m+k] *= f
				nzI = append(nzI, k)
			}
		}
		l.nzA, l.nzI = nzA, nzI
		for r := 0; r < m; r++ {
			if r == c {
				continue
			}
			g := a[r*m+c]
			if g == 0 {
				continue
			}
			for _, k := range nzA {
				a[r*m+k] -= g * a[c*m+k]
			}
			for _, k := range nzI {
				inv[r*m+k] -= g * inv[c*m+k]
			}
		}
	}
	for i := 0; i < m; i++ {
		s := 0.0
		row := inv[i*m : (i+1)*m]
		for k, v := range row {
			s += v * l.b[k]
		}
		if s < 0 && s > -1e-9 {
			s = 0
		}
		l.xb[i] = s
	}
	l.since = 0
	return true
}

// duals computes y = c_B B⁻¹.
func (l *lp) duals() {
	m := l.m
	clear(l.y)
	for i, j := range l.basic {
		c := l.cols[j].cost
		if c == 0 {
			continue
		}
		row := l.binv[i*m : (i+1)*m]
		for k, v := range row {
			l.y[k] += c * v
		}
	}
}

// reduced is column j's reduced cost under the current duals.
func (l *lp) reduced(j int) float64 {
	c := &l.cols[j]
	d := c.cost
	for k, r := range c.rows {
		d -= l.y[r] * c.vals[k]
	}
	return d
}

// solve runs the simplex method from the current basis to an optimum, with
// at most maxPivots pivots (Dantzig's rule; Bland's after a long degenerate
// stretch, so that it cannot cycle). It leaves the duals in l.y.
func (l *lp) solve(maxPivots int) error {
	m := l.m
	degenerate := 0
	for it := 0; it < maxPivots; it++ {
		if l.since >= 128 && !l.refactor() {
			return fmt.Errorf("%w: singular basis after %d pivots", errLP, it)
		}
		l.duals()
		bland := degenerate > 20
		q, best := -1, -1e-7
		for j := range l.cols {
			if l.pos[j] >= 0 {
				continue
			}
			if d := l.reduced(j); d < best {
				q, best = j, d
				if bland {
					break
				}
			}
		}
		if q < 0 {
			return nil
		}
		clear(l.alpha)
		c := &l.cols[q]
		for i := 0; i < m; i++ {
			row := l.binv[i*m : (i+1)*m]
			s := 0.0
			for k, r := range c.rows {
				s += row[r] * c.vals[k]
			}
			l.alpha[i] = s
		}
		r, ratio := -1, math.Inf(1)
		for i := 0; i < m; i++ {
			a := l.alpha[i]
			if a <= 1e-7 {
				continue
			}
			t := l.xb[i] / a
			switch {
			case r < 0 || t < ratio-1e-12:
				r, ratio = i, t
			case t <= ratio+1e-12:
				if bland {
					if l.basic[i] < l.basic[r] {
						r, ratio = i, math.Min(t, ratio)
					}
				} else if a > l.alpha[r] {
					r, ratio = i, math.Min(t, ratio)
				}
			}
		}
		if r < 0 {
			return fmt.Errorf("%w: unbounded", errLP) // cannot happen with the master's costs
		}
		theta := math.Max(ratio, 0)
		if theta < 1e-9 {
			degenerate++
		} else {
			degenerate = 0
		}
		for i := 0; i < m; i++ {
			if i != r {
				l.xb[i] -= theta * l.alpha[i]
				if l.xb[i] < 0 && l.xb[i] > -1e-9 {
					l.xb[i] = 0
				}
			}
		}
		l.xb[r] = theta
		prow := l.binv[r*m : (r+1)*m]
		f := 1 / l.alpha[r]
		for k := range prow {
			prow[k] *= f
		}
		for i := 0; i < m; i++ {
			a := l.alpha[i]
			if i == r || a == 0 {
				continue
			}
			row := l.binv[i*m : (i+1)*m]
			for k, v := range prow {
				if v != 0 {
					row[k] -= a * v
				}
			}
		}
		l.pos[l.basic[r]] = -1
		l.basic[r] = q
		l.pos[q] = r
		l.since++
	}
	return fmt.Errorf("%w: %d pivots, %d columns", errLP, maxPivots, len(l.cols))
}

// value is column j's value in the current basic solution.
func (l *lp) value(j int) float64 {
	if p := l.pos[j]; p >= 0 {
		return l.xb[p]
	}
	return 0
}

// objective is c·x of the current basic solution.
func (l *lp) objective() float64 {
	s := 0.0
	for i, j := range l.basic {
		s += l.cols[j].cost * l.xb[i]
	}
	return s
}
