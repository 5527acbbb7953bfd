package ical

import (
	"runtime"
	"syscall"
	"testing"
	"time"
)

func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestZZCPU(t *testing.T) {
	runtime.GOMAXPROCS(1)
	for _, tc := range []struct{ name string; f Feed; n int }{{"guard", rosterFeed(t, 210, false), 2000}, {"roster", rosterFeed(t, 210, true), 100}} {
		Build(tc.f)
		c0, w0 := cpuNow(), time.Now()
		for i := 0; i < tc.n; i++ {
			Build(tc.f)
		}
		t.Logf("%s: cpu %v/op wall %v/op", tc.name, (cpuNow()-c0)/time.Duration(tc.n), time.Since(w0)/time.Duration(tc.n))
	}
}
