package solver_test

import (
	"context"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"catruc/scheduler/nrp"
	"catruc/scheduler/solver"
)

// TestExperiment is a tuning harness, not a test: with CATRUC_NRP_EXP set to
// "INSTANCE.txt" it solves that file for CATRUC_NRP_TIME (default 20s) with
// the options of CATRUC_NRP_OPT ("Seed=1,Workers=1,Window=50,...") and logs
// the objective. Skipped otherwise.
func TestExperiment(t *testing.T) {
	path := os.Getenv("CATRUC_NRP_EXP")
	if path == "" {
		t.Skip("CATRUC_NRP_EXP not set")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	m, err := nrp.Parse(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	opt := solver.Options{Seed: 1, Workers: 1}
	for _, kv := range strings.Split(os.Getenv("CATRUC_NRP_OPT"), ",") {
		k, v, _ := strings.Cut(kv, "=")
		n, _ := strconv.Atoi(v)
		switch k {
		case "Seed":
			opt.Seed = int64(n)
		case "Workers":
			opt.Workers = n
		case "Window":
			opt.Window = n
		case "Cheap":
			opt.Cheap = n
		case "History":
			opt.History = n
		case "MaxMembers":
			opt.MaxMembers = n
		case "Noise":
			opt.Noise = int64(n)
		case "PerKey":
			opt.PerKey = n
		case "Pairs":
			opt.Pairs = n
		case "Epoch":
			opt.Epoch = n
		case "Iterations":
			opt.Iterations = n
		case "ColGen":
			opt.ColGen = n
		case "ColGenAt":
			opt.ColGenAt = n
		case "ColGenFor":
			opt.ColGenFor = n
		case "Beam":
			opt.Beam = n
		}
	}
	d := 20 * time.Second
	if s := os.Getenv("CATRUC_NRP_TIME"); s != "" {
		d, _ = time.ParseDuration(s)
	}
	start := time.Now()
	cpu0 := cpuTime()
	// Branch and price's settings: CATRUC_CG_TAIL=gain/rounds/childRounds,
	// CATRUC_CG_EVERY=n, CATRUC_CG_FIX=v, CATRUC_CG_STALL=n,
	// CATRUC_CG_CYCLE=noise/polish/polishMax.
	if v := envNums("CATRUC_CG_TAIL", 3); v != nil {
		solver.SetCGTail(v[0], int(v[1]), int(v[2]))
	}
	if v := envNums("CATRUC_CG_EVERY", 1); v != nil {
		solver.SetCGLogEvery(int(v[0]))
	}
	if v := envNums("CATRUC_CG_FIX", 1); v != nil {
		solver.SetCGFixAt(v[0])
	}
	if v := envNums("CATRUC_CG_STALL", 1); v != nil {
		solver.SetCGStall(int(v[0]))
	}
	if v := envNums("CATRUC_CG_CYCLE", 3); v != nil {
		solver.SetCGCycle(v[0], int(v[1]), int(v[2]))
	}
	if os.Getenv("CATRUC_NRP_QUIET") != "" {
	} else if os.Getenv("CATRUC_NRP_VERBOSE") == "" {
		solver.SetCGLog(func(f string, a ...any) {
			if !strings.HasPrefix(f, "root") && !strings.HasPrefix(f, "node %d depth") {
				t.Logf("%6.1fs "+f, append([]any{time.Since(start).Seconds()}, a...)...)
			}
		})
	} else {
		solver.SetCGLog(func(f string, a ...any) { t.Logf("%6.1fs "+f, append([]any{time.Since(start).Seconds()}, a...)...) })
	}
	opt.Progress = func(el time.Duration, best int) {
		if os.Getenv("CATRUC_NRP_VERBOSE") != "" {
			t.Logf("%6.1fs best %d", el.Seconds(), best)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	res, err := solver.Solve(ctx, m, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("RESULT %s %+v objective %d iterations %d in %s", path, os.Getenv("CATRUC_NRP_OPT"), res.Objective, res.Iterations, time.Since(start).Round(time.Second))
	t.Logf("CPU %.1fs", (cpuTime() - cpu0).Seconds())
}

// envNums reads n slash-separated numbers from the variable name (nil when
// it is unset).
func envNums(name string, n int) []float64 {
	a := os.Getenv(name)
	if a == "" {
		return nil
	}
	p := strings.Split(a, "/")
	out := make([]float64, n)
	for i := range out {
		if i < len(p) {
			out[i], _ = strconv.ParseFloat(p[i], 64)
		}
	}
	return out
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
