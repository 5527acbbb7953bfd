package nrpcheck

import (
	"fmt"
	"io"
	"strings"
)

// ParseError is malformed input: the file, the line (1-based; 0 when the
// fault is not on one line, e.g. a missing section) and what is wrong.
type ParseError struct {
	File string
	Line int
	Msg  string
}

func (e *ParseError) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// line is one line of a file with its 1-based number.
type line struct {
	n    int
	text string
}

// readLines splits r into lines: "\n" ends a line, a "\r" before it is
// dropped, and the last line needs no newline (an empty last piece after a
// final newline is not a line).
func readLines(r io.Reader) ([]line, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	parts := strings.Split(string(b), "\n")
	if len(parts) > 0 && parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1]
	}
	out := make([]line, len(parts))
	for i, p := range parts {
		out[i] = line{n: i + 1, text: strings.TrimSuffix(p, "\r")}
	}
	return out, nil
}
