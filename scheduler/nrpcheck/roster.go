package nrpcheck

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// Off is a day off in a Roster.
const Off = -1

// Roster is what each member works: Roster[m][d] is an index into
// Instance.Shifts, or Off. Members are in the instance's staff order.
type Roster [][]int

// ReadRoster parses the roster file at path against in; errors name the path
// and line.
func ReadRoster(path string, in *Instance) (Roster, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ParseRoster(path, f, in)
}

// ParseRoster parses a roster (docs/nrp.md §2): one line per member in the
// instance's staff order, the member's ID then one token per day — a shift ID
// or "-" — separated by single spaces. name is the file name errors give.
func ParseRoster(name string, r io.Reader, in *Instance) (Roster, error) {
	lines, err := readLines(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	bad := func(n int, format string, args ...any) error {
		return &ParseError{File: name, Line: n, Msg: fmt.Sprintf(format, args...)}
	}
	if len(lines) < len(in.Staff) {
		return nil, bad(0, "%s, want one per staff member (%d)", plural(len(lines), "line"), len(in.Staff))
	}
	ro := make(Roster, len(in.Staff))
	for m, l := range lines {
		if m >= len(in.Staff) {
			return nil, bad(l.n, "a line after the last staff member (%s, want %d)", plural(len(lines), "line"), len(in.Staff))
		}
		if l.text == "" {
			return nil, bad(l.n, "blank line, want staff %s", in.Staff[m].ID)
		}
		tokens := strings.Split(l.text, " ")
		if tokens[0] != in.Staff[m].ID {
			return nil, bad(l.n, "staff %s expected (the instance's order), found %q", in.Staff[m].ID, tokens[0])
		}
		days := tokens[1:]
		if len(days) != in.Horizon {
			return nil, bad(l.n, "staff %s: %d days, want %d (tokens separated by single spaces)", in.Staff[m].ID, len(days), in.Horizon)
		}
		ro[m] = make([]int, in.Horizon)
		for d, tok := range days {
			switch t, ok := in.shiftIndex[tok]; {
			case tok == "-":
				ro[m][d] = Off
			case ok:
				ro[m][d] = t
			case tok == "":
				return nil, bad(l.n, "staff %s: day %d is empty (two spaces, or a space at an end)", in.Staff[m].ID, d)
			default:
				return nil, bad(l.n, "staff %s: day %d: unknown shift %q", in.Staff[m].ID, d, tok)
			}
		}
	}
	return ro, nil
}

// plural is "1 line", "3 lines".
func plural(n int, what string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", what)
	}
	return fmt.Sprintf("%d %ss", n, what)
}
