package ical

import (
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"
)

// maxLine is the longest physical line RFC 5545 §3.1 allows, in octets, not
// counting the CRLF.
const maxLine = 75

// encode writes cal with go-ical and folds the result.
//
// go-ical's encoder writes every property on one line ended by CRLF and
// writes property values verbatim: it neither escapes text nor folds long
// lines (its Prop.SetText escapes, but also adds VALUE=TEXT to properties it
// does not know, such as X-WR-CALNAME). So the values are escaped here, by
// escapeText, before they are set, and the encoder's output is folded as it
// comes, line by line, by a foldWriter.
func encode(cal *goical.Calendar, sizeHint int) ([]byte, error) {
	w := &foldWriter{out: make([]byte, 0, sizeHint)}
	if err := goical.NewEncoder(w).Encode(cal); err != nil {
		return nil, fmt.Errorf("ical: encode: %w", err)
	}
	return w.flush(), nil
}

// foldWriter folds the CRLF-terminated lines written to it into out.
type foldWriter struct {
	out     []byte
	pending []byte // the start of a line not yet ended by CRLF
}

func (w *foldWriter) Write(p []byte) (int, error) {
	n := len(p)
	if len(w.pending) > 0 {
		w.pending = append(w.pending, p...)
		p, w.pending = w.pending, w.pending[:0]
	}
	for {
		i := bytes.Index(p, []byte("\r\n"))
		if i < 0 {
			w.pending = append(w.pending, p...)
			return n, nil
		}
		w.out = foldLine(w.out, p[:i])
		p = p[i+2:]
	}
}

// flush ends a last line without CRLF and returns the output.
func (w *foldWriter) flush() []byte {
	if len(w.pending) > 0 {
		w.out = foldLine(w.out, w.pending)
		w.pending = w.pending[:0]
	}
	return w.out
}

// fold returns b, a sequence of CRLF-terminated content lines, folded.
func fold(b []byte) []byte {
	w := &foldWriter{out: make([]byte, 0, len(b)+len(b)/32)}
	w.Write(b)
	return w.flush()
}

// foldLine appends line to out with CRLF, folded if it is longer than 75
// octets: cut before 75 octets and continued on the next line after one
// space (which counts towards that line's 75). A cut never falls inside a
// UTF-8 sequence, so each physical line is valid UTF-8 on its own.
func foldLine(out, line []byte) []byte {
	width := maxLine
	for len(line) > width {
		cut := width
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		out = append(out, line[:cut]...)
		out = append(out, "\r\n "...)
		line = line[cut:]
		width = maxLine - 1
	}
	out = append(out, line...)
	return append(out, "\r\n"...)
}

// escapeText escapes s as an RFC 5545 TEXT value: backslash, semicolon and
// comma get a backslash, a line break becomes \n. It first makes s safe to
// put on one content line: invalid UTF-8 becomes U+FFFD, CR LF and lone CRs
// become line breaks, and other control characters but tab are dropped.
func escapeText(s string) string {
	clean := true
	for i := 0; i < len(s) && clean; i++ {
		c := s[i]
		clean = c >= 0x20 && c != 0x7f && c != '\\' && c != ';' && c != ',' || c == '\t'
	}
	if clean && utf8.ValidString(s) {
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

// formatDuration writes d as an RFC 5545 duration of hours, minutes and
// seconds ("PT1H", "PT1H30M", "-PT15M", "PT0S"); sub-second parts are dropped.
func formatDuration(d time.Duration) string {
	var sb strings.Builder
	if d < 0 {
		sb.WriteByte('-')
		d = -d
	}
	sb.WriteString("PT")
	s := int64(d / time.Second)
	h, m, sec := s/3600, s/60%60, s%60
	if h > 0 {
		fmt.Fprintf(&sb, "%dH", h)
	}
	if m > 0 {
		fmt.Fprintf(&sb, "%dM", m)
	}
	if sec > 0 || s == 0 {
		fmt.Fprintf(&sb, "%dS", sec)
	}
	return sb.String()
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
	if s != 0 {
		return fmt.Sprintf("%c%02d%02d%02d", sign, h, m, s)
	}
	return fmt.Sprintf("%c%02d%02d", sign, h, m)
}

const (
	localLayout = "20060102T150405"
	utcLayout   = "20060102T150405Z"
	dateLayout  = "20060102"
)

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

// propArena hands out one-property slices from a shared backing array, to
// spare an allocation per property.
type propArena []goical.Prop

func (a *propArena) one(p goical.Prop) []goical.Prop {
	if len(*a) == cap(*a) {
		*a = make([]goical.Prop, 0, 64)
	}
	*a = append(*a, p)
	n := len(*a)
	return (*a)[n-1 : n : n]
}

// setText puts one TEXT property on c, escaped.
func setText(c *goical.Component, name, text string) {
	set(c, name, escapeText(text))
}

// setUTC puts a UTC date-time ("…Z") on c.
func setUTC(c *goical.Component, name string, t time.Time) {
	set(c, name, t.UTC().Format(utcLayout))
}
