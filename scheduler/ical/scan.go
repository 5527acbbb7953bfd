package ical

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// node mirrors one component as go-ical decodes it, with the line numbers
// go-ical does not keep: the line of its BEGIN and, for each property name,
// the lines of its properties in the order go-ical keeps them.
type node struct {
	name     string
	line     int
	props    map[string][]int
	children []*node
}

// propLine returns the line of the i-th property called name, or the line of
// the component's BEGIN if there is no such property.
func (n *node) propLine(name string, i int) int {
	if l := n.props[name]; i < len(l) {
		return l[i]
	}
	return n.line
}

// lineError is a problem at a line of the file.
type lineError struct {
	line int
	msg  string
}

func (e *lineError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

func errAt(line int, format string, args ...any) *lineError {
	return &lineError{line: line, msg: fmt.Sprintf(format, args...)}
}

// scan reads data as go-ical's decoder does — lines split at LF with one
// trailing CR dropped, a line starting with a space or tab continuing the one
// before, empty lines skipped, the same grammar of content lines — and
// returns the top-level components with their line numbers, or the first
// problem with the line where it is. It checks at least everything go-ical
// checks (go-ical panics on some malformed parameters and never says where),
// so that a file scan accepts decodes.
func scan(data []byte) ([]*node, error) {
	var (
		roots []*node
		stack []*node
		cur   strings.Builder
		start int // line of the logical line in cur
	)
	flush := func() error {
		if cur.Len() == 0 {
			return nil
		}
		line := cur.String()
		cur.Reset()
		name, value, err := contentLine(line)
		if err != nil {
			return errAt(start, "%s", err)
		}
		switch name {
		case "BEGIN":
			comp := strings.ToUpper(value)
			n := &node{name: comp, line: start, props: map[string][]int{}}
			if len(stack) == 0 {
				if comp != "VCALENDAR" {
					return errAt(start, "expected BEGIN:VCALENDAR, got BEGIN:%s", value)
				}
				roots = append(roots, n)
			} else {
				top := stack[len(stack)-1]
				top.children = append(top.children, n)
			}
			stack = append(stack, n)
		case "END":
			if len(stack) == 0 {
				return errAt(start, "END:%s without a BEGIN", value)
			}
			top := stack[len(stack)-1]
			if !strings.EqualFold(value, top.name) {
				return errAt(start, "expected END:%s (for BEGIN:%s on line %d), got END:%s", top.name, top.name, top.line, value)
			}
			stack = stack[:len(stack)-1]
		default:
			if len(stack) == 0 {
				return errAt(start, "expected BEGIN:VCALENDAR, got %s", name)
			}
			top := stack[len(stack)-1]
			top.props[name] = append(top.props[name], start)
		}
		return nil
	}

	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	n := 0
	for len(data) > 0 {
		var raw []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			raw, data = data[:i], data[i+1:]
		} else {
			raw, data = data, nil
		}
		n++
		raw = bytes.TrimSuffix(raw, []byte("\r"))
		if !utf8.Valid(raw) {
			return nil, errAt(n, "the text is not valid UTF-8")
		}
		if len(raw) > 0 && (raw[0] == ' ' || raw[0] == '\t') && n > 1 {
			cur.Write(raw[1:])
			continue
		}
		if err := flush(); err != nil {
			return nil, err
		}
		start = n
		cur.Write(raw)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	if len(stack) > 0 {
		top := stack[len(stack)-1]
		return nil, errAt(top.line, "BEGIN:%s is never closed by END:%s", top.name, top.name)
	}
	if len(roots) == 0 {
		return nil, errAt(max(n, 1), "no calendar: expected BEGIN:VCALENDAR")
	}
	return roots, nil
}

// contentLine checks one unfolded line against go-ical's grammar
// (name *(";" param) ":" value) and returns its upper-cased name and value.
func contentLine(s string) (name, value string, err error) {
	i := strings.IndexAny(s, ";:")
	if i < 0 {
		return "", "", fmt.Errorf("malformed line %q: no colon", clip(s))
	}
	if i == 0 {
		return "", "", fmt.Errorf("malformed line %q: no property name", clip(s))
	}
	name = strings.ToUpper(s[:i])
	s = s[i:]
	for len(s) > 0 && s[0] == ';' {
		s = s[1:]
		j := strings.IndexByte(s, '=')
		if j < 0 {
			return "", "", fmt.Errorf("%s: parameter %q has no '='", name, clip(s))
		}
		if j == 0 {
			return "", "", fmt.Errorf("%s: a parameter has no name", name)
		}
		s = s[j+1:]
		for {
			if len(s) > 0 && s[0] == '"' {
				k := strings.IndexByte(s[1:], '"')
				if k < 0 {
					return "", "", fmt.Errorf("%s: a quoted parameter value is not closed", name)
				}
				s = s[k+2:]
			} else {
				k := strings.IndexAny(s, "\";,:")
				if k < 0 {
					s = ""
				} else if s[k] == '"' {
					return "", "", fmt.Errorf("%s: a double quote inside a parameter value", name)
				} else {
					s = s[k:]
				}
			}
			if len(s) == 0 {
				return "", "", fmt.Errorf("%s: no colon after the parameters", name)
			}
			if s[0] == ',' {
				s = s[1:]
				continue
			}
			if s[0] != ';' && s[0] != ':' {
				return "", "", fmt.Errorf("%s: unexpected %q after a quoted parameter value", name, s[0])
			}
			break
		}
	}
	if len(s) == 0 || s[0] != ':' {
		return "", "", fmt.Errorf("%s: no colon after the parameters", name)
	}
	return name, s[1:], nil
}

// clip shortens s for a message.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	r := []rune(s)
	return string(r[:40]) + "…"
}
