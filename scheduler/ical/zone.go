package ical

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	goical "github.com/emersion/go-ical"

	"catruc/scheduler"
)

// A zone turns wall-clock times into instants. Wall-clock times are carried
// as time.Time values in UTC whose fields are the local fields.
type zone interface {
	// offset is the UTC offset in seconds in force at the instant t.
	offset(t time.Time) int
}

// instant returns the instant that the wall-clock time w names in z, as RFC
// 5545 §3.3.5 reads it: of a time that happens twice, the first; a time that
// does not happen (skipped when clocks go forward) with the offset before
// the gap.
func instant(z zone, w time.Time) time.Time {
	if z == nil {
		return w
	}
	var cands []int
	add := func(o int) {
		for _, c := range cands {
			if c == o {
				return
			}
		}
		cands = append(cands, o)
	}
	add(z.offset(w))
	add(z.offset(w.Add(-30 * time.Hour)))
	add(z.offset(w.Add(30 * time.Hour)))
	for i := 0; i < len(cands) && i < 8; i++ {
		add(z.offset(w.Add(-time.Duration(cands[i]) * time.Second)))
	}
	var best time.Time
	for _, o := range cands {
		t := w.Add(-time.Duration(o) * time.Second)
		if z.offset(t) == o && (best.IsZero() || t.Before(best)) {
			best = t
		}
	}
	if !best.IsZero() {
		return best
	}
	// In a gap: the offset before it is the smaller one.
	lo := cands[0]
	for _, o := range cands {
		lo = min(lo, o)
	}
	return w.Add(-time.Duration(lo) * time.Second)
}

// wall returns the wall-clock time of the instant t in z.
func wall(z zone, t time.Time) time.Time {
	if z == nil {
		return t.UTC()
	}
	return t.UTC().Add(time.Duration(z.offset(t)) * time.Second)
}

// goZone is a zone from Go's zone data.
type goZone struct{ loc *time.Location }

func (z goZone) offset(t time.Time) int {
	_, o := t.In(z.loc).Zone()
	return o
}

// tableZone is a zone defined by a VTIMEZONE: the offset before the first
// transition and the transitions, sorted.
type tableZone struct {
	initial int
	at      []time.Time // instants of the transitions
	to      []int       // offsets from each
}

func (z *tableZone) offset(t time.Time) int {
	i := sort.Search(len(z.at), func(i int) bool { return z.at[i].After(t) })
	if i == 0 {
		return z.initial
	}
	return z.to[i-1]
}

// zoneHorizon bounds the expansion of RRULEs when nothing nearer does.
var zoneHorizon = time.Date(2201, 1, 1, 0, 0, 0, 0, time.UTC)

// maxTransitions bounds the transitions of one VTIMEZONE.
const maxTransitions = 20000

// tableFromVTimezone reads a VTIMEZONE's STANDARD and DAYLIGHT observances.
// Its RRULEs are expanded up to horizon, a wall-clock time past every
// instant that matters.
func tableFromVTimezone(c *goical.Component, n *node, horizon time.Time, b *budget) (*tableZone, error) {
	type onset struct {
		at       time.Time
		from, to int
	}
	var onsets []onset
	for ci, sub := range c.Children {
		sn := n.children[ci]
		if sub.Name != goical.CompTimezoneStandard && sub.Name != goical.CompTimezoneDaylight {
			continue
		}
		from, err := offsetProp(sub, sn, goical.PropTimezoneOffsetFrom)
		if err != nil {
			return nil, err
		}
		to, err := offsetProp(sub, sn, goical.PropTimezoneOffsetTo)
		if err != nil {
			return nil, err
		}
		dp := sub.Props.Get(goical.PropDateTimeStart)
		if dp == nil {
			return nil, scheduler.E(scheduler.EINVALID, "body", "ical.observance_missing", "line", sn.line, "component", sub.Name, "property", "DTSTART")
		}
		start, isDate, err := parseWall(dp.Value)
		if err != nil || isDate {
			return nil, scheduler.E(scheduler.EINVALID, "body", "ical.observance_dtstart", "line", sn.propLine(goical.PropDateTimeStart, 0), "value", dp.Value)
		}
		walls := []time.Time{start}
		for ri, rp := range sub.Props[goical.PropRecurrenceDates] {
			for _, v := range strings.Split(rp.Value, ",") {
				if i := strings.IndexByte(v, '/'); i >= 0 { // PERIOD: its start
					v = v[:i]
				}
				w, isDate, err := parseWall(v)
				if err != nil {
					return nil, scheduler.E(scheduler.EINVALID, "body", "ical.bad_date", "line", sn.propLine(goical.PropRecurrenceDates, ri), "property", "RDATE", "value", v)
				}
				if isDate {
					w = w.Add(time.Duration(start.Hour())*time.Hour + time.Duration(start.Minute())*time.Minute + time.Duration(start.Second())*time.Second)
				}
				if strings.HasSuffix(v, "Z") { // an instant: back to the wall clock before it
					w = w.Add(time.Duration(from) * time.Second)
				}
				walls = append(walls, w)
			}
		}
		for ri, rp := range sub.Props[goical.PropRecurrenceRule] {
			line := sn.propLine(goical.PropRecurrenceRule, ri)
			if b.late() {
				return nil, scheduler.E(scheduler.EINVALID, "body", "ical.rrule_slow", "line", line)
			}
			rule, err := newRule(rp.Value, start, func(u time.Time) time.Time { return u.Add(time.Duration(from) * time.Second) }, horizon, time.Time{})
			if err != nil {
				return nil, scheduler.E(scheduler.EINVALID, "body", "ical.bad_rrule", "line", line, "detail", err.Error())
			}
			next := rule.Iterator()
			for {
				w, ok := next()
				if !ok || !w.Before(horizon) {
					break
				}
				if b.over() {
					return nil, scheduler.E(scheduler.EINVALID, "body", "ical.rrule_slow", "line", line)
				}
				if len(onsets)+len(walls) > maxTransitions {
					return nil, scheduler.E(scheduler.EINVALID, "body", "ical.rrule_too_many_transitions", "line", line, "max", maxTransitions)
				}
				walls = append(walls, w)
			}
		}
		for _, w := range walls {
			onsets = append(onsets, onset{w.Add(-time.Duration(from) * time.Second), from, to})
		}
		if len(onsets) > maxTransitions {
			return nil, scheduler.E(scheduler.EINVALID, "body", "ical.too_many_transitions", "line", sn.line, "max", maxTransitions)
		}
	}
	if len(onsets) == 0 {
		return nil, scheduler.E(scheduler.EINVALID, "body", "ical.no_observance", "line", n.line)
	}
	sort.SliceStable(onsets, func(i, j int) bool { return onsets[i].at.Before(onsets[j].at) })
	z := &tableZone{initial: onsets[0].from}
	for _, o := range onsets {
		if k := len(z.at); k > 0 && z.at[k-1].Equal(o.at) {
			z.to[k-1] = o.to
			continue
		}
		z.at = append(z.at, o.at)
		z.to = append(z.to, o.to)
	}
	return z, nil
}

func offsetProp(c *goical.Component, n *node, name string) (int, error) {
	p := c.Props.Get(name)
	if p == nil {
		return 0, scheduler.E(scheduler.EINVALID, "body", "ical.observance_missing", "line", n.line, "component", c.Name, "property", name)
	}
	o, err := parseOffset(p.Value)
	if err != nil {
		return 0, scheduler.E(scheduler.EINVALID, "body", "ical.bad_offset", "line", n.propLine(name, 0), "property", name, "value", p.Value)
	}
	return o, nil
}

// parseOffset reads a UTC-OFFSET: ("+" / "-") HHMM [SS].
func parseOffset(s string) (int, error) {
	if (len(s) != 5 && len(s) != 7) || (s[0] != '+' && s[0] != '-') {
		return 0, fmt.Errorf("bad offset")
	}
	n := 0
	for i, f := range []int{3600, 60, 1} {
		if 1+2*i >= len(s) {
			break
		}
		v, err := strconv.Atoi(s[1+2*i : 3+2*i])
		if err != nil || v < 0 || (i > 0 && v > 59) || (i == 0 && v > 23) {
			return 0, fmt.Errorf("bad offset")
		}
		n += v * f
	}
	if s[0] == '-' {
		n = -n
	}
	return n, nil
}

// parseWall reads a DATE ("20261201"), a local DATE-TIME ("20261201T070000")
// or a UTC one ("…Z") into its fields, carried in UTC.
func parseWall(v string) (t time.Time, isDate bool, err error) {
	v = strings.TrimSpace(v)
	switch len(v) {
	case len(dateLayout):
		t, err = time.Parse(dateLayout, v)
		return t, true, err
	case len(localLayout):
		t, err = time.Parse(localLayout, v)
		return t, false, err
	case len(utcLayout):
		if v[len(v)-1] == 'Z' || v[len(v)-1] == 'z' {
			t, err = time.Parse(localLayout, v[:len(v)-1])
			return t, false, err
		}
	}
	return time.Time{}, false, fmt.Errorf("not a date (YYYYMMDD) or a date-time (YYYYMMDDTHHMMSS)")
}

// budget bounds the time Parse spends expanding rules: a rule that matches
// nothing (FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30) costs a step per day from
// its start to the horizon without yielding anything the step count sees.
type budget struct {
	deadline time.Time
	n        int
}

// expandTime is the budget of one Parse.
var expandTime = 5 * time.Second

// over counts a step and reports whether the time is up.
func (b *budget) over() bool {
	if b == nil {
		return false
	}
	b.n++
	return b.n%64 == 0 && b.late()
}

// late reports whether the time is up.
func (b *budget) late() bool { return b != nil && time.Now().After(b.deadline) }
