package nrpcheck

import (
	"bufio"
	"fmt"
	"io"
)

// Report is the evaluation of a roster: its hard violations and the four
// terms of the objective (docs/nrp.md §4), each with what it counts.
type Report struct {
	Violations []Violation

	OnRequests int // Σ weights of on requests not met (off, or on another shift)
	OnUnmet    int // how many on requests are not met
	OnTotal    int // how many on requests the instance has

	OffRequests int // Σ weights of off requests met (that shift worked that day)
	OffMet      int
	OffTotal    int

	CoverUnder int // Σ (requirement − staffed) × weight for under, where short
	Short      int // Σ (requirement − staffed), where short
	CoverOver  int // Σ (staffed − requirement) × weight for over, where over
	Extra      int // Σ (staffed − requirement), where over
}

// Objective is the benchmark's objective: the four terms summed.
func (r Report) Objective() int {
	return r.OnRequests + r.OffRequests + r.CoverUnder + r.CoverOver
}

// Feasible is true when no hard constraint is broken.
func (r Report) Feasible() bool { return len(r.Violations) == 0 }

// objective fills the four terms.
func (r *Report) objective(in *Instance, ro Roster) {
	r.OnTotal, r.OffTotal = len(in.OnRequests), len(in.OffRequests)
	for _, q := range in.OnRequests {
		if ro[q.Staff][q.Day] != q.Shift {
			r.OnRequests += q.Weight
			r.OnUnmet++
		}
	}
	for _, q := range in.OffRequests {
		if ro[q.Staff][q.Day] == q.Shift {
			r.OffRequests += q.Weight
			r.OffMet++
		}
	}
	for _, c := range in.Cover {
		staffed := 0
		for m := range ro {
			if ro[m][c.Day] == c.Shift {
				staffed++
			}
		}
		switch {
		case staffed < c.Requirement:
			r.Short += c.Requirement - staffed
			r.CoverUnder += (c.Requirement - staffed) * c.Under
		case staffed > c.Requirement:
			r.Extra += staffed - c.Requirement
			r.CoverOver += (staffed - c.Requirement) * c.Over
		}
	}
}

// Write prints the report as `catruc nrp check` does (docs/nrp.md §5): every
// violation, the breakdown, and "objective N" as the last line.
func (r Report) Write(w io.Writer) error {
	b := bufio.NewWriter(w)
	for _, v := range r.Violations {
		fmt.Fprintln(b, v)
	}
	fmt.Fprintf(b, "hard violations: %d\n", len(r.Violations))
	fmt.Fprintf(b, "on requests: %d (%d of %d unmet)\n", r.OnRequests, r.OnUnmet, r.OnTotal)
	fmt.Fprintf(b, "off requests: %d (%d of %d met)\n", r.OffRequests, r.OffMet, r.OffTotal)
	fmt.Fprintf(b, "cover under: %d (%d short)\n", r.CoverUnder, r.Short)
	fmt.Fprintf(b, "cover over: %d (%d extra)\n", r.CoverOver, r.Extra)
	fmt.Fprintf(b, "objective %d\n", r.Objective())
	return b.Flush()
}
