package ical

import (
	"bytes"
	"strconv"
	"sync"

	"catruc/scheduler"
)

// Reuse keeps the VEVENTs of a feed's shifts as its last Build wrote them,
// so that its next Build copies those whose shift and names have not
// changed (with DTSTAMP set to the new build's time) instead of writing
// them again: after one shift of a year's roster changes, a feed writes one
// VEVENT and copies the others. It relies on the shifts of an unchanged
// shift being the same *scheduler.Shift from one build to the next, and
// never changed (store.FeedShifts hands them out so); with other shifts it
// only misses. A Reuse belongs to one calendar; Build uses it one at a time.
type Reuse struct {
	mu     sync.Mutex
	consts string                        // what the VEVENTs depend on besides their items (feedConsts)
	events map[*scheduler.Shift]reusable // by shift: holds the shift, so its address is not reused
	bytes  int                           // the text held (the last build's body, shared with it)
	last   int                           // the length of the last body (a size hint for the next)
}

// reusable is a shift's VEVENT as written, from BEGIN to END and its CRLF.
type reusable struct {
	names string // reuseNames of its item when it was written
	text  []byte // a slice of the body it was written in
	stamp int    // where DTSTAMP's value begins in text
}

// Bytes is how much of the last body the Reuse holds.
func (r *Reuse) Bytes() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.bytes
}

// feedConsts is what every shift's VEVENT of f depends on besides its own
// item (DTSTAMP, which is set on copy, aside).
func feedConsts(f *Feed) string {
	return f.Loc.String() + "\x00" + f.Host + "\x00" + strconv.FormatInt(int64(f.Alarm), 10) + "\x00" +
		strconv.FormatBool(f.Personal)
}

// reuseNames appends to dst what a shift's VEVENT says besides its shift:
// the names of its item (not the site in a personal feed, which leaves it out).
func reuseNames(dst []byte, it *ShiftItem, personal bool) []byte {
	dst = append(append(dst, it.PostName...), 0)
	if !personal {
		dst = append(append(dst, it.Site...), 0)
	}
	dst = append(append(dst, it.GuardName...), 0)
	dst = append(append(dst, it.Contact...), 0)
	for _, o := range it.Others {
		dst = append(append(dst, o...), 1)
	}
	return dst
}

// stampLine is what DTSTAMP's value follows in a VEVENT: DTSTAMP is a short
// line of its own, never folded, in UTC (16 octets, utcLayout).
var stampLine = []byte("\r\nDTSTAMP:")

// keep sets r to hold the shifts' VEVENTs of entries, which spans locate in
// out, the body just built.
func (r *Reuse) keep(entries []entry, spans [][2]int, out []byte) {
	events := make(map[*scheduler.Shift]reusable, len(r.events)+8)
	held := 0
	for i, e := range entries {
		if e.shift == nil {
			continue
		}
		text := out[spans[i][0]:spans[i][1]:spans[i][1]]
		stamp := e.stamp
		if e.text == nil { // written now
			j := bytes.Index(text, stampLine)
			if j < 0 || j+len(stampLine)+len(utcLayout)+1 > len(text) {
				continue
			}
			stamp = j + len(stampLine)
		}
		events[e.shift] = reusable{names: e.names, text: text, stamp: stamp}
		held += len(text)
	}
	r.events, r.bytes, r.last = events, held, len(out)
}
