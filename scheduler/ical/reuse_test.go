package ical

import (
	"bytes"
	"testing"
	"time"

	"catruc/scheduler"
)

// Ensure a feed built with a Reuse is, after every kind of change, byte for
// byte the feed built without one: a new DTSTAMP, a shift replaced, a
// name, a colleague or the police contact changed, a shift added or gone, a
// feed that turns personal or whose reminder changes; and that the VEVENTs
// of unchanged shifts are indeed copied.
func TestBuildWithReuseIsBuildWithout(t *testing.T) {
	f := rosterFeed(t, 40, true)
	r := &Reuse{}
	check := func(name string, f Feed) {
		t.Helper()
		want, err := Build(f)
		if err != nil {
			t.Fatal(err)
		}
		f.Reuse = r
		got, err := Build(f)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the feed built with a Reuse differs:\n%s", name, diffLines(string(want), string(got)))
		}
	}
	check("first build", f)
	if r.Bytes() == 0 {
		t.Fatal("the Reuse holds nothing after a build")
	}
	f.Now = f.Now.Add(90 * time.Minute)
	check("an hour and a half later", f)
	sh := *f.Shifts[5].Shift
	sh.Version++
	sh.Note = "Kiểm tra camera cổng chính"
	f.Shifts[5].Shift = &sh
	check("a shift replaced", f)
	f.Shifts[6].GuardName = "Võ Thị Hạnh"
	check("a guard's name", f)
	f.Shifts[7].Others = f.Shifts[7].Others[:1]
	check("a colleague less", f)
	f.Shifts[8].Site = "Cổng phụ"
	check("a site", f)
	f.Shifts[9].Contact = "Trực ban công an: 0255 3822 999"
	check("the police contact", f)
	cancelled := *f.Shifts[10].Shift
	cancelled.Status, cancelled.Version = scheduler.ShiftCancelled, cancelled.Version+1
	f.Shifts[10].Shift = &cancelled
	check("a shift cancelled", f)
	f.Shifts = append(f.Shifts[:20:20], f.Shifts[21:]...)
	check("a shift gone", f)
	f.Host = "lich.quangngai.gov.vn"
	check("another host", f)
	f.Alarm = 30 * time.Minute
	check("another reminder", f)
	f.Personal = true
	check("a personal feed", f)

	// The copies: a feed of unchanged shifts writes no VEVENT of a shift.
	f.Reuse = r
	p := getParts()
	defer p.release()
	r.mu.Lock()
	_, err := calendar(f, p, r.events)
	r.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range p.entries {
		if e.shift != nil && e.comp != nil {
			t.Fatalf("shift %d's VEVENT was written again, not copied", e.shift.ID)
		}
	}
}
