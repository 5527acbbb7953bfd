package ical

import (
	"time"

	goical "github.com/emersion/go-ical"

	"catruc/scheduler"
)

// shiftEvent writes the VEVENT of a shift entry (e.item) straight into the
// output: byte for byte what the component b.shift makes is encoded to
// (TestEncodeLikeGoical holds Build, which writes this way, to go-ical's
// encoder of calendar's tree), without the tree — no component, map or
// property per shift, nothing to sort: the properties are written in the
// byte order of their names, as the encoder orders them.
func (s *serializer) shiftEvent(b *builder, e *entry) error {
	it := e.item
	sh := it.Shift
	cancelled := sh.Status == scheduler.ShiftCancelled
	start, end, away := shownTimes(sh)
	off := cancelled || away
	if err := s.begin("BEGIN", goical.CompEvent); err != nil {
		return err
	}
	var err error
	put := func(name, value string) {
		if err == nil {
			err = s.value(name, value)
		}
	}
	if !sh.CreatedAt.IsZero() && !b.personal {
		put(goical.PropCreated, b.utcValue(sh.CreatedAt))
	}
	if d := b.shiftDescription(it, cancelled, away); d != "" {
		put(goical.PropDescription, d)
	}
	if err == nil {
		err = s.when(b, goical.PropDateTimeEnd, end)
	}
	put(goical.PropDateTimeStamp, b.stamp)
	if err == nil {
		err = s.when(b, goical.PropDateTimeStart, start)
	}
	if !sh.UpdatedAt.IsZero() && !b.personal {
		put(goical.PropLastModified, b.utcValue(sh.UpdatedAt))
	}
	if it.Site != "" && !b.personal {
		put(goical.PropLocation, b.textValue(it.Site))
	}
	if seq := max(sh.Version-1, 0); seq > 0 || !b.personal {
		s.num = appendInt(s.num[:0], seq)
		put(goical.PropSequence, string(s.num))
	}
	status, transp := "", ""
	if off {
		status, transp = string(goical.EventCancelled), "TRANSPARENT"
	} else if !b.personal {
		status, transp = string(goical.EventConfirmed), "OPAQUE"
	}
	if status != "" {
		put(goical.PropStatus, status)
	}
	sum := b.shiftSummary(it, away)
	put(goical.PropSummary, sum.summary)
	if transp != "" {
		put(goical.PropTransparency, transp)
	}
	if b.hostPlain {
		put(goical.PropUID, e.uid) // escapeText(uid) is uid
	} else {
		put(goical.PropUID, escapeText(e.uid))
	}
	if err != nil {
		return err
	}
	if e.alarm > 0 {
		if err := s.begin("BEGIN", goical.CompAlarm); err != nil {
			return err
		}
		put(goical.PropAction, "DISPLAY")
		put(goical.PropDescription, sum.alarm)
		put(goical.PropTrigger, b.trigger)
		if err != nil {
			return err
		}
		if err := s.begin("END", goical.CompAlarm); err != nil {
			return err
		}
	}
	return s.begin("END", goical.CompEvent)
}

// value writes the property name:value with no parameter, as prop does.
func (s *serializer) value(name, value string) error {
	if hasCRLF(value) {
		return errValueCRLF
	}
	s.str(name)
	s.str(":")
	s.str(value)
	s.crlf()
	return nil
}

// when writes a date-time as b.when sets it: in the office zone with its
// TZID, or in UTC when the local time would be read as another instant.
func (s *serializer) when(b *builder, name string, t time.Time) error {
	sec := t.Unix()
	if sec < b.plainFrom || sec >= b.plainTo {
		b.zone(t)
	}
	var v []byte
	if sec >= b.plainFrom && sec < b.plainTo {
		v = b.appendLocal(s.num[:0], sec+b.zoneOff)
	} else { // within 3 hours after a change of offset
		if ambiguous(t, b.loc) {
			return s.value(name, b.utcValue(t))
		}
		v = t.In(b.loc).AppendFormat(s.num[:0], localLayout)
	}
	s.num = v
	s.str(name)
	if err := s.param(goical.PropTimezoneID, b.tzid[goical.PropTimezoneID]); err != nil {
		return err
	}
	s.str(":")
	s.bytes(v) // a date-time holds no CR or LF
	s.crlf()
	return nil
}

// bytes writes v on the current line, as str does.
func (s *serializer) bytes(v []byte) {
	if len(s.line)-s.last+len(v) > maxLine {
		s.fold(string(v))
		return
	}
	s.line = append(s.line, v...)
}

// appendInt appends the decimal digits of n ≥ 0.
func appendInt(dst []byte, n int) []byte {
	if n >= 10 {
		dst = appendInt(dst, n/10)
	}
	return append(dst, byte('0'+n%10))
}
