package ical

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"catruc/scheduler"
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
		name, value, err := contentLine(line, start)
		if err != nil {
			return err
		}
		switch name {
		case "BEGIN":
			comp := strings.ToUpper(value)
			n := &node{name: comp, line: start, props: map[string][]int{}}
			if len(stack) == 0 {
				if comp != "VCALENDAR" {
					return scheduler.E(scheduler.EINVALID, "body", "ical.expected_vcalendar", "line", start, "got", "BEGIN:"+value)
				}
				roots = append(roots, n)
			} else {
				top := stack[len(stack)-1]
				top.children = append(top.children, n)
			}
			stack = append(stack, n)
		case "END":
			if len(stack) == 0 {
				return scheduler.E(scheduler.EINVALID, "body", "ical.end_without_begin", "line", start, "component", value)
			}
			top := stack[len(stack)-1]
			if !strings.EqualFold(value, top.name) {
				return scheduler.E(scheduler.EINVALID, "body", "ical.wrong_end", "line", start, "want", top.name, "begin_line", top.line, "got", value)
			}
			stack = stack[:len(stack)-1]
		default:
			if len(stack) == 0 {
				return scheduler.E(scheduler.EINVALID, "body", "ical.expected_vcalendar", "line", start, "got", name)
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
			return nil, scheduler.E(scheduler.EINVALID, "body", "ical.not_utf8", "line", n)
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
		return nil, scheduler.E(scheduler.EINVALID, "body", "ical.never_closed", "line", top.line, "component", top.name)
	}
	if len(roots) == 0 {
		return nil, scheduler.E(scheduler.EINVALID, "body", "ical.no_calendar", "line", max(n, 1))
	}
	return roots, nil
}

// contentLine checks one unfolded line, the line-th of the file, against
// go-ical's grammar (name *(";" param) ":" value) and returns its upper-cased
// name and value.
func contentLine(s string, line int) (name, value string, err error) {
	i := strings.IndexAny(s, ";:")
	if i < 0 {
		return "", "", scheduler.E(scheduler.EINVALID, "body", "ical.no_colon", "line", line, "text", clip(s))
	}
	if i == 0 {
		return "", "", scheduler.E(scheduler.EINVALID, "body", "ical.no_name", "line", line, "text", clip(s))
	}
	name = strings.ToUpper(s[:i])
	s = s[i:]
	for len(s) > 0 && s[0] == ';' {
		s = s[1:]
		j := strings.IndexByte(s, '=')
		if j < 0 {
			return "", "", scheduler.E(scheduler.EINVALID, "body", "ical.param_no_equals", "line", line, "property", name, "text", clip(s))
		}
		if j == 0 {
			return "", "", scheduler.E(scheduler.EINVALID, "body", "ical.param_no_name", "line", line, "property", name)
		}
		s = s[j+1:]
		for {
			if len(s) > 0 && s[0] == '"' {
				k := strings.IndexByte(s[1:], '"')
				if k < 0 {
					return "", "", scheduler.E(scheduler.EINVALID, "body", "ical.param_quote_open", "line", line, "property", name)
				}
				s = s[k+2:]
			} else {
				k := strings.IndexAny(s, "\";,:")
				if k < 0 {
					s = ""
				} else if s[k] == '"' {
					return "", "", scheduler.E(scheduler.EINVALID, "body", "ical.param_quote_inside", "line", line, "property", name)
				} else {
					s = s[k:]
				}
			}
			if len(s) == 0 {
				return "", "", scheduler.E(scheduler.EINVALID, "body", "ical.param_no_colon", "line", line, "property", name)
			}
			if s[0] == ',' {
				s = s[1:]
				continue
			}
			if s[0] != ';' && s[0] != ':' {
				return "", "", scheduler.E(scheduler.EINVALID, "body", "ical.param_unexpected", "line", line, "property", name, "char", fmt.Sprintf("%q", s[0]))
			}
			break
		}
	}
	if len(s) == 0 || s[0] != ':' {
		return "", "", scheduler.E(scheduler.EINVALID, "body", "ical.param_no_colon", "line", line, "property", name)
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
