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
// escapeText, before they are set, and the encoder's output is folded by fold.
func encode(cal *goical.Calendar) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(4096)
	if err := goical.NewEncoder(&buf).Encode(cal); err != nil {
		return nil, fmt.Errorf("ical: encode: %w", err)
	}
	return fold(buf.Bytes()), nil
}

// fold returns b, a sequence of CRLF-terminated content lines, with every line
// longer than 75 octets folded: cut before 75 octets and continued on the next
// line after one space (which counts towards that line's 75). A cut never falls
// inside a UTF-8 sequence, so each physical line is valid UTF-8 on its own.
func fold(b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/32)
	for len(b) > 0 {
		i := bytes.Index(b, []byte("\r\n"))
		var line []byte
		if i < 0 {
			line, b = b, nil
		} else {
			line, b = b[:i], b[i+2:]
		}
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
		out = append(out, "\r\n"...)
	}
	return out
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
	s = strings.ToValidUTF8(s, "\uFFFD")
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
				i++
				last = i
				continue // the LF that follows writes \n
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

// set puts one property with its wire-form value on c.
func set(c *goical.Component, name, value string) {
	c.Props[name] = []goical.Prop{prop(name, value)}
}

// setText puts one TEXT property on c, escaped.
func setText(c *goical.Component, name, text string) {
	set(c, name, escapeText(text))
}

// setUTC puts a UTC date-time ("…Z") on c.
func setUTC(c *goical.Component, name string, t time.Time) {
	set(c, name, t.UTC().Format(utcLayout))
}
