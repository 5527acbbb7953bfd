package ical

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"
)

// maxLine is the longest physical line RFC 5545 §3.1 allows, in octets, not
// counting the CRLF.
const maxLine = 75

// The errors for what cannot be put on a content line: the first two are
// go-ical's encoder's.
var (
	errParamQuote = errors.New("ical: failed to encode param value: contains a double-quote")
	errValueCRLF  = errors.New("ical: failed to encode property value: contains a CR or LF")
	// go-ical writes these as they are, making a broken line.
	errNameCRLF  = errors.New("ical: failed to encode name: contains a CR or LF")
	errParamCRLF = errors.New("ical: failed to encode param value: contains a CR or LF")
)

// encode writes cal, a go-ical component tree, byte for byte as go-ical's
// encoder does, with its lines folded, into one buffer of about sizeHint
// octets.
//
// It walks the tree as (*goical.Encoder).Encode does: BEGIN:<name>; the
// properties by map key in byte order, the props under one key in their
// order, each written with its own Prop.Name, its parameters by name in byte
// order, a parameter's values joined by commas and each put in double quotes
// when it holds ';', ':' or ','; then the children in order and END:<name>.
// Like go-ical it writes values verbatim (text is escaped by escapeText when
// it is set: go-ical's encoder neither escapes nor folds) and refuses a
// parameter value with a double quote and a value or component name with a
// CR or LF; it also refuses a CR or LF in a property or parameter name or a
// parameter value, which go-ical would write as it is, breaking the line.
// go-ical's checks of which properties a component must have are left out:
// the trees Build makes pass them by construction. encode_test.go holds the
// output to go-ical's encoder's, folded, byte for byte.
//
// Lines are folded as they are written (see serializer.fold). go-ical's
// encoder, with the folding of its output afterwards, took over half the
// time of a feed: it checks and sorts every component's and property's
// names anew, and copies each line through a buffer of its own.
func encode(cal *goical.Calendar, sizeHint int) ([]byte, error) {
	var s serializer
	s.buf.Grow(sizeHint)
	s.line = s.buf.AvailableBuffer()
	if err := s.component(cal.Component); err != nil {
		return nil, fmt.Errorf("ical: encode: %w", err)
	}
	return s.buf.Bytes(), nil
}

// encodeFeed writes a feed's tree as encode does, with its VEVENTs (and the
// like) from entries, in their order, after the tree's first child (the
// VTIMEZONE): an entry's component, a shift's VEVENT written by b straight
// from its item (shiftEvent), or its text copied with stamp, the build's
// DTSTAMP, put in. It returns where each entry lies in the output.
func encodeFeed(cal *goical.Calendar, b *builder, entries []entry, sizeHint int, stamp string) ([]byte, [][2]int, error) {
	var s serializer
	s.buf.Grow(sizeHint)
	s.line = s.buf.AvailableBuffer()
	c := cal.Component
	if err := s.begin("BEGIN", c.Name); err != nil {
		return nil, nil, fmt.Errorf("ical: encode: %w", err)
	}
	for _, props := range s.sorted(c.Props) {
		for i := range props {
			if err := s.prop(&props[i]); err != nil {
				return nil, nil, fmt.Errorf("ical: encode: %w", err)
			}
		}
	}
	if len(c.Children) > 0 {
		if err := s.component(c.Children[0]); err != nil {
			return nil, nil, fmt.Errorf("ical: encode: %w", err)
		}
	}
	spans := make([][2]int, len(entries))
	for i := range entries {
		e := &entries[i]
		at := s.buf.Len()
		if e.item != nil {
			if err := s.shiftEvent(b, e); err != nil {
				return nil, nil, fmt.Errorf("ical: encode: %w", err)
			}
		} else if e.comp != nil {
			if err := s.component(e.comp); err != nil {
				return nil, nil, fmt.Errorf("ical: encode: %w", err)
			}
		} else {
			s.buf.Write(e.text)
			copy(s.buf.Bytes()[at+e.stamp:], stamp)
			s.line = s.buf.AvailableBuffer()
		}
		spans[i] = [2]int{at, s.buf.Len()}
	}
	if err := s.begin("END", c.Name); err != nil {
		return nil, nil, fmt.Errorf("ical: encode: %w", err)
	}
	return s.buf.Bytes(), spans, nil
}

// maxOrders bounds the sets of property names a serializer remembers.
const maxOrders = 16

// serializer writes content lines into buf, folding them as it goes. A line
// is put together in line, which is buf's free room (buf.AvailableBuffer)
// as long as the line fits there, and handed to buf when it ends.
type serializer struct {
	buf  bytes.Buffer
	line []byte // the line being written, folded so far
	last int    // where its last physical line begins in line: at a continuation's space, or 0

	vals   [][]goical.Prop // the current component's properties, in the order written
	names  []string        // parameter names, to sort
	orders [][]string      // sorted sets of property names met so far
	next   int             // the next of orders to replace once it is full
	num    []byte          // where a number or a date-time is put together (shiftEvent)
}

func (s *serializer) component(c *goical.Component) error {
	if err := s.begin("BEGIN", c.Name); err != nil {
		return err
	}
	for _, props := range s.sorted(c.Props) {
		for i := range props {
			if err := s.prop(&props[i]); err != nil {
				return err
			}
		}
	}
	// s.vals is free again: the children may use it.
	for _, child := range c.Children {
		if err := s.component(child); err != nil {
			return err
		}
	}
	return s.begin("END", c.Name)
}

// sorted returns the values of props in the order of their keys, in s.vals.
//
// The components of a feed have a few sets of property names between them
// (a shift's VEVENT, its VALARM, an event's VEVENT…), so the sorted sets met
// so far are tried first: one whose every name is a key of props, and which
// has as many names as props has keys, is the sorted set of props's keys.
// The look-ups that check it give the values.
func (s *serializer) sorted(props goical.Props) [][]goical.Prop {
	n := len(props)
	for _, order := range s.orders {
		if len(order) != n {
			continue
		}
		s.vals = s.vals[:0]
		for _, name := range order {
			v, ok := props[name]
			if !ok {
				break
			}
			s.vals = append(s.vals, v)
		}
		if len(s.vals) == n {
			return s.vals
		}
	}
	order := make([]string, 0, n)
	for name := range props {
		order = append(order, name)
	}
	slices.Sort(order) // as sort.Strings, which go-ical uses
	s.vals = s.vals[:0]
	for _, name := range order {
		s.vals = append(s.vals, props[name])
	}
	if len(s.orders) < maxOrders {
		s.orders = append(s.orders, order)
	} else {
		s.orders[s.next] = order
		s.next = (s.next + 1) % maxOrders
	}
	return s.vals
}

// begin writes "BEGIN:<component>" or "END:<component>".
func (s *serializer) begin(name, component string) error {
	if hasCRLF(component) {
		return errValueCRLF
	}
	s.str(name)
	s.str(":")
	s.str(component)
	s.crlf()
	return nil
}

func (s *serializer) prop(p *goical.Prop) error {
	if hasCRLF(p.Name) {
		return errNameCRLF
	}
	s.str(p.Name)
	if len(p.Params) == 1 { // the usual case (TZID, VALUE): nothing to sort
		for name, values := range p.Params {
			if err := s.param(name, values); err != nil {
				return err
			}
		}
	} else if len(p.Params) > 1 {
		names := s.names[:0]
		for name := range p.Params {
			names = append(names, name)
		}
		slices.Sort(names)
		s.names = names
		for _, name := range names {
			if err := s.param(name, p.Params[name]); err != nil {
				return err
			}
		}
	}
	if hasCRLF(p.Value) {
		return errValueCRLF
	}
	s.str(":")
	s.str(p.Value)
	s.crlf()
	return nil
}

func (s *serializer) param(name string, values []string) error {
	if hasCRLF(name) {
		return errNameCRLF
	}
	s.str(";")
	s.str(name)
	s.str("=")
	for i, v := range values {
		if i > 0 {
			s.str(",")
		}
		quote := false
		for j := 0; j < len(v); j++ {
			switch v[j] {
			case '"':
				return errParamQuote
			case '\r', '\n':
				return errParamCRLF
			case ';', ':', ',':
				quote = true
			}
		}
		if quote {
			s.str(`"`)
			s.str(v)
			s.str(`"`)
		} else {
			s.str(v)
		}
	}
	return nil
}

// hasCRLF reports whether v holds a CR or an LF.
func hasCRLF(v string) bool {
	if len(v) < 16 {
		for i := 0; i < len(v); i++ {
			if v[i] == '\n' || v[i] == '\r' {
				return true
			}
		}
		return false
	}
	return strings.IndexByte(v, '\n') >= 0 || strings.IndexByte(v, '\r') >= 0
}

// str writes v on the current line.
func (s *serializer) str(v string) {
	if len(s.line)-s.last+len(v) > maxLine {
		s.fold(v)
		return
	}
	s.line = append(s.line, v...)
}

// crlf ends the line and hands it to buf.
func (s *serializer) crlf() {
	s.buf.Write(append(s.line, "\r\n"...))
	s.line, s.last = s.buf.AvailableBuffer(), 0
}

// fold writes v, which does not fit on the current physical line, folding
// the line as RFC 5545 §3.1 says: a line longer than 75 octets is cut before
// 75 octets and goes on on the next line after one space (which counts
// towards that line's 75). A cut never falls inside a UTF-8 sequence, so each
// physical line is valid UTF-8 on its own: when the 76th octet continues a
// character, the cut moves back to where that character starts, which may
// be in what is already written on the line (then its first octets move down
// to the next line). A line is only cut when an octet comes that would be its
// 76th, so one of exactly 75 octets is not.
//
// Only in a line that is not UTF-8, where the 74 or 75 octets after its
// start (or after the last cut) all continue characters, is there no place
// to cut: it is then cut after the 75th octet.
func (s *serializer) fold(v string) {
	for {
		col := len(s.line) - s.last // octets on this physical line
		if len(v) <= maxLine-col {
			break
		}
		start := s.last // where this line's text begins
		if start > 0 {
			start++ // after the space
		}
		room := maxLine - col // v[room] would be the 76th octet
		cut := room
		for cut > 0 && !utf8.RuneStart(v[cut]) {
			cut--
		}
		carry := 0
		if cut == 0 && !utf8.RuneStart(v[0]) {
			// The character began before v: find its start on this line.
			i := len(s.line) - 1
			for i > start && !utf8.RuneStart(s.line[i]) {
				i--
			}
			if i > start {
				carry = len(s.line) - i
			} else {
				cut = room // nowhere to cut
			}
		} else if cut == 0 && len(s.line) == start {
			cut = room // nowhere to cut: v is all this line has
		}
		s.line = append(s.line, v[:cut]...)
		s.line = append(s.line, "\r\n "...)
		if carry > 0 { // move the "\r\n " before the carried octets
			n := len(s.line)
			copy(s.line[n-carry:], s.line[n-3-carry:n-3])
			copy(s.line[n-3-carry:], "\r\n ")
		}
		s.last = len(s.line) - 1 - carry
		v = v[cut:]
	}
	s.line = append(s.line, v...)
}

// fold returns b, a sequence of CRLF-terminated content lines (the last may
// lack its CRLF), folded.
func fold(b []byte) []byte {
	var s serializer
	s.buf.Grow(len(b) + len(b)/32)
	s.line = s.buf.AvailableBuffer()
	for len(b) > 0 {
		line, rest, _ := bytes.Cut(b, []byte("\r\n"))
		s.str(string(line))
		s.crlf()
		b = rest
	}
	return s.buf.Bytes()
}

// escapeText escapes s as an RFC 5545 TEXT value: backslash, semicolon and
// comma get a backslash, a line break becomes \n. It first makes s safe to
// put on one content line: invalid UTF-8 becomes U+FFFD, CR LF and lone CRs
// become line breaks, and other control characters but tab are dropped.
func escapeText(s string) string {
	if isPlainText(s) {
		return s
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	var sb strings.Builder
	sb.Grow(len(s) + 8)
	last := 0 // s[last:i] is still to be written as it is
	for i := 0; i < len(s); i++ {
		c := s[i]
		var rep string
		switch {
		case c == '\\':
			rep = `\\`
		case c == ';':
			rep = `\;`
		case c == ',':
			rep = `\,`
		case c == '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				sb.WriteString(s[last:i])
				last = i + 1
				continue // the CR goes; the LF that follows writes \n
			}
			rep = `\n`
		case c == '\n':
			rep = `\n`
		case c == '\t' || c >= 0x20 && c != 0x7f:
			continue
		default:
			rep = "" // dropped: RFC 5545 TEXT allows no other control character
		}
		sb.WriteString(s[last:i])
		sb.WriteString(rep)
		last = i + 1
	}
	sb.WriteString(s[last:])
	return sb.String()
}

// isPlainText reports whether escapeText leaves s as it is.
func isPlainText(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 0x20 && c != 0x7f && c != '\\' && c != ';' && c != ',' || c == '\t') {
			return false
		}
	}
	return utf8.ValidString(s)
}

// formatDuration writes d as an RFC 5545 duration of hours, minutes and
// seconds ("PT1H", "PT1H30M", "-PT15M", "PT0S"); sub-second parts are dropped.
func formatDuration(d time.Duration) string {
	b := make([]byte, 0, 24)
	if d < 0 {
		b = append(b, '-')
		d = -d
	}
	b = append(b, "PT"...)
	s := int64(d / time.Second)
	h, m, sec := s/3600, s/60%60, s%60
	if h > 0 {
		b = append(strconv.AppendInt(b, h, 10), 'H')
	}
	if m > 0 {
		b = append(strconv.AppendInt(b, m, 10), 'M')
	}
	if sec > 0 || s == 0 {
		b = append(strconv.AppendInt(b, sec, 10), 'S')
	}
	return string(b)
}

// formatOffset writes a UTC offset in seconds as RFC 5545 UTC-OFFSET: "+0700",
// "-0500", "+053728" when there are seconds; zero is "+0000".
func formatOffset(sec int) string {
	sign := byte('+')
	if sec < 0 {
		sign = '-'
		sec = -sec
	}
	h, m, s := sec/3600, sec/60%60, sec%60
	b := append(make([]byte, 0, 12), sign)
	b = append2(append2(b, h), m)
	if s != 0 {
		b = append2(b, s)
	}
	return string(b)
}

// append2 appends v in decimal, in at least two digits (as "%02d").
func append2(b []byte, v int) []byte {
	if v >= 0 && v < 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(v), 10)
}

const (
	localLayout = "20060102T150405"
	utcLayout   = "20060102T150405Z"
	dateLayout  = "20060102"
)

// appendWall appends the wall-clock time of the instant sec seconds after
// 1970-01-01T00:00:00 (in whatever zone sec was counted) in localLayout:
// time.Time.AppendFormat's bytes, without its layout parsing.
func appendWall(b []byte, sec int64) []byte {
	t := time.Unix(sec, 0).UTC()
	year, month, day := t.Date()
	if year < 0 || year > 9999 {
		return t.AppendFormat(b, localLayout)
	}
	hour, min, s := t.Clock()
	return append(b,
		byte('0'+year/1000), byte('0'+year/100%10), byte('0'+year/10%10), byte('0'+year%10),
		byte('0'+month/10), byte('0'+month%10), byte('0'+day/10), byte('0'+day%10), 'T',
		byte('0'+hour/10), byte('0'+hour%10), byte('0'+min/10), byte('0'+min%10), byte('0'+s/10), byte('0'+s%10))
}

// prop makes a property with a value that is already in its wire form and
// no parameters (a nil map: the encoder only ranges over it).
func prop(name, value string) goical.Prop {
	return goical.Prop{Name: name, Value: value}
}

// component makes an empty component with room for n properties.
func component(name string, n int) *goical.Component {
	return &goical.Component{Name: name, Props: make(goical.Props, n)}
}

// set puts one property with its wire-form value on c.
func set(c *goical.Component, name, value string) {
	c.Props[name] = []goical.Prop{prop(name, value)}
}

// setText puts one TEXT property on c, escaped.
func setText(c *goical.Component, name, text string) {
	set(c, name, escapeText(text))
}
