package engine_test

import (
	"io"
	"mime/quotedprintable"
	"strings"
)

// decodeParts undoes quoted-printable in a raw MIME body, enough to search its text.
func decodeParts(raw string) string {
	b, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(raw)))
	if err != nil {
		return raw
	}
	return string(b)
}
