// Package scheduler is the domain of catruc: the types of the duty roster, their
// validation, coded errors, and the pure logic that plans and checks a roster.
// It imports none of store/, api/ or web/; where it needs persistence it
// declares the interface it uses (see service.go).
package scheduler

import (
	"errors"
	"fmt"
)

// Error codes. Each maps to exactly one HTTP status at the edge (api/).
const (
	ECONFLICT     = "conflict"     // 409: the change clashes with the current state
	EINTERNAL     = "internal"     // 500: a bug or an outage; never caused by input
	EINVALID      = "invalid"      // 400: the input is wrong; Field names what
	ENOTFOUND     = "not_found"    // 404
	EUNAUTHORIZED = "unauthorized" // 401: no or bad credentials
	EFORBIDDEN    = "forbidden"    // 403: the credentials do not allow this
	ETOOLARGE     = "too_large"    // 413: the request body is over the limit
)

// Error is the one error type of the domain: a code, a human message and,
// for invalid input, the JSON field at fault (dotted path, e.g.
// "requirements.0.start").
type Error struct {
	Code    string
	Field   string
	Message string
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("catruc: %s: %s: %s", e.Code, e.Field, e.Message)
	}
	return fmt.Sprintf("catruc: %s: %s", e.Code, e.Message)
}

// Errorf returns an *Error with code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns an EINVALID error naming field.
func Invalid(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Conflict returns an ECONFLICT error naming field (which may be empty).
func Conflict(field, format string, args ...any) *Error {
	return &Error{Code: ECONFLICT, Field: field, Message: fmt.Sprintf(format, args...)}
}

// NotFound returns an ENOTFOUND error for an entity.
func NotFound(entity string, id int64) *Error {
	return &Error{Code: ENOTFOUND, Message: fmt.Sprintf("%s %d not found", entity, id)}
}

// ErrorCode returns the code of err, EINTERNAL for any error that is not an
// *Error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorField returns the field of an *Error, or "".
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

// ErrorMessage returns the message of an *Error, or "internal error" for
// any other error, so that internals never reach a client.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
