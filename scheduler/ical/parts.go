package ical

import (
	"sync"
	"time"

	"catruc/scheduler"

	goical "github.com/emersion/go-ical"
)

// parts are the VEVENTs, VALARMs and properties of the trees of feeds,
// kept from one Build to the next (in partsPool): a roster's feed has
// thousands of VEVENTs, each with its map of properties, and making them
// anew, and collecting them, took about half the time of building the tree.
// A tree made of parts is only encoded, then given back (parts.release)
// with every map and property cleared, so nothing of one feed is seen in
// another.
type parts struct {
	events, alarms []*goical.Component // free, with no properties or children
	lent           []*goical.Component // in the tree being built
	chunk          []goical.Prop       // the chunk properties are taken from
	full, spare    [][]goical.Prop     // chunks in use, and free
	children       []*goical.Component // the VCALENDAR's children
	entries        []entry
}

// entry is a VEVENT of a feed, with what it is sorted by: its component,
// or the text of a shift's VEVENT copied from the last build (Reuse).
type entry struct {
	start time.Time
	uid   string
	comp  *goical.Component
	shift *scheduler.Shift // a shift's VEVENT, when the feed has a Reuse
	names string           // its item's reuseNames
	text  []byte           // when copied: the text, with DTSTAMP's value at stamp
	stamp int
	// item, when set, is a shift's to be written by shiftEvent (Build's
	// way), with its reminder alarm; there is then no comp.
	item  *ShiftItem
	alarm time.Duration
}

// propChunk is how many properties a chunk holds.
const propChunk = 512

var partsPool = sync.Pool{New: func() any { return new(parts) }}

func getParts() *parts { return partsPool.Get().(*parts) }

// component returns an empty VEVENT or VALARM (name) with room for about n
// properties.
func (p *parts) component(name string, n int) *goical.Component {
	free := &p.events
	if name == goical.CompAlarm {
		free = &p.alarms
	}
	var c *goical.Component
	if k := len(*free); k > 0 {
		c = (*free)[k-1]
		*free = (*free)[:k-1]
	} else {
		c = component(name, n)
	}
	p.lent = append(p.lent, c)
	return c
}

// one returns a slice of the one property pr, whose array it shares with
// other properties (its capacity is 1: it cannot be appended to in place).
func (p *parts) one(pr goical.Prop) []goical.Prop {
	if len(p.chunk) == cap(p.chunk) {
		if p.chunk != nil {
			p.full = append(p.full, p.chunk)
		}
		if k := len(p.spare); k > 0 {
			p.chunk = p.spare[k-1]
			p.spare = p.spare[:k-1]
		} else {
			p.chunk = make([]goical.Prop, 0, propChunk)
		}
	}
	p.chunk = append(p.chunk, pr)
	n := len(p.chunk)
	return p.chunk[n-1 : n : n]
}

// release clears every part lent and puts p back in the pool; the trees
// made of them must not be used any more.
func (p *parts) release() {
	for i, c := range p.lent {
		clear(c.Props)
		clear(c.Children)
		c.Children = c.Children[:0]
		if c.Name == goical.CompAlarm {
			p.alarms = append(p.alarms, c)
		} else {
			p.events = append(p.events, c)
		}
		p.lent[i] = nil
	}
	p.lent = p.lent[:0]
	if p.chunk != nil {
		p.full = append(p.full, p.chunk)
		p.chunk = nil
	}
	for i, c := range p.full {
		clear(c)
		p.spare = append(p.spare, c[:0])
		p.full[i] = nil
	}
	p.full = p.full[:0]
	clear(p.children)
	p.children = p.children[:0]
	clear(p.entries)
	p.entries = p.entries[:0]
	partsPool.Put(p)
}
