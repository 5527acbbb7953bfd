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
	EUNAVAILABLE  = "unavailable"  // 503: try again later
)

// Error is the one error type of the domain: a code, a stable message key with
// named arguments, the English message made from them, and, for invalid input,
// the JSON field at fault (dotted path, e.g. "requirements.0.start").
//
// The key and its arguments are the contract: each door renders the key in its
// user's language (see messages.go); nobody parses Message.
type Error struct {
	Code  string
	Field string
	// Key names the message in the catalogue (e.g. "post.code_taken"); Args
	// are its named arguments (e.g. {"post": "Trụ sở", "code": "hq"}).
	Key  string
	Args map[string]any
	// Message is the English text of Key with Args.
	Message string
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("catruc: %s: %s: %s", e.Code, e.Field, e.Message)
	}
	return fmt.Sprintf("catruc: %s: %s", e.Code, e.Message)
}

// E returns an *Error with code, field (may be ""), a catalogue key and its
// named arguments given as name, value pairs:
//
//	E(EINVALID, "code", "post.code_taken", "code", p.Code, "post", other.Name)
//
// An unknown key or an odd argument list is a programming error and panics in
// tests (see TestMessageCatalogue); at run time the key itself is the message.
func E(code, field, key string, kv ...any) *Error {
	args := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		name, _ := kv[i].(string)
		args[name] = kv[i+1]
	}
	if field != "" {
		if _, ok := args["field"]; !ok {
			args["field"] = field
		}
	}
	return &Error{Code: code, Field: field, Key: key, Args: args, Message: RenderMessage(MessageEN(key), args, FormatArgEN)}
}

// AtField returns err naming field as the input at fault: a copy of an
// *Error with Field and its "field" argument set (a parser such as ParseClock
// does not know which field it reads); any other error, nil included, comes
// back as it is.
func AtField(err error, field string) error {
	var e *Error
	if !errors.As(err, &e) {
		return err
	}
	c := *e
	c.Field = field
	c.Args = make(map[string]any, len(e.Args)+1)
	for k, v := range e.Args {
		c.Args[k] = v
	}
	c.Args["field"] = field
	if c.Key != "" && c.Code != EINTERNAL {
		c.Message = RenderMessage(MessageEN(c.Key), c.Args, FormatArgEN)
	}
	return &c
}

// NotFound returns an ENOTFOUND error for an entity ("shift", "post", …).
func NotFound(entity string, id int64) *Error {
	return E(ENOTFOUND, "", "common.not_found", "entity", entity, "id", id)
}

// Internal wraps an unexpected failure; its details never reach a client.
func Internal(err error) *Error {
	return &Error{Code: EINTERNAL, Key: "common.internal", Message: "internal error: " + err.Error()}
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

// ErrorKey returns the message key of an *Error ("common.internal" for
// EINTERNAL and for any other error).
func ErrorKey(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != EINTERNAL {
		return e.Key
	}
	return "common.internal"
}

// ErrorArgs returns the arguments of an *Error's key, or nil.
func ErrorArgs(err error) map[string]any {
	var e *Error
	if errors.As(err, &e) {
		return e.Args
	}
	return nil
}

// ErrorMessage returns the English message of an *Error, or "internal error"
// for any other error (and for EINTERNAL), so that internals never reach a client.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != EINTERNAL {
		return e.Message
	}
	return "internal error"
}
