package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

// readBody reads the whole request body, mapping an over-long one to 413.
func readBody(c echo.Context) ([]byte, error) {
	b, err := io.ReadAll(c.Request().Body)
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return nil, scheduler.E(scheduler.ETOOLARGE, "", "body.too_large", "max", MaxBodyBytes)
	}
	if err != nil {
		return nil, scheduler.E(scheduler.EINVALID, "", "body.unreadable")
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, scheduler.E(scheduler.EINVALID, "", "body.required")
	}
	if !utf8.Valid(b) {
		return nil, scheduler.E(scheduler.EINVALID, "", "body.not_utf8")
	}
	return b, nil
}

// bind decodes the request body strictly into v: unknown fields, wrong types,
// trailing data and malformed JSON are 400s that name the field.
func bind(c echo.Context, v any) error {
	b, err := readBody(c)
	if err != nil {
		return err
	}
	return decodeStrict(b, v)
}

// decodeStrict decodes b into v; on a failure the error names the first
// member of the body (in the order sent) that is wrong on its own, with that
// member's own message.
func decodeStrict(b []byte, v any) error {
	err := decodeOnce(b, v)
	if err == nil {
		return nil
	}
	if bad := firstBadMember(b, v); bad != nil {
		return bad
	}
	return err
}

// decodeOnce decodes b strictly into v and explains a failure.
func decodeOnce(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return decodeError(b, v, err)
	}
	if _, err := d.Token(); err != io.EOF {
		return scheduler.E(scheduler.EINVALID, "", "body.trailing_data")
	}
	return nil
}

// member is one top-level member of a JSON object, as sent.
type member struct {
	Key string
	Raw json.RawMessage
}

// objectMembers lists the members of a JSON object in the order they were
// sent (false when b is not one well-formed object).
func objectMembers(b []byte) ([]member, bool) {
	d := json.NewDecoder(bytes.NewReader(b))
	if t, err := d.Token(); err != nil || t != json.Delim('{') {
		return nil, false
	}
	var ms []member
	for d.More() {
		t, err := d.Token()
		if err != nil {
			return nil, false
		}
		k, _ := t.(string)
		var raw json.RawMessage
		if err := d.Decode(&raw); err != nil {
			return nil, false
		}
		ms = append(ms, member{k, raw})
	}
	if t, err := d.Token(); err != nil || t != json.Delim('}') {
		return nil, false
	}
	return ms, true
}

// firstBadMember decodes each member of the object b alone into a fresh
// value of v's type, in the order sent, and returns the error of the first
// that fails (nil when none fails alone). encoding/json, by contrast, stops at
// a failing field decoder (a time) but only notes a wrong type and goes on,
// so its error need not be the first wrong member's.
func firstBadMember(b []byte, v any) error {
	ms, ok := objectMembers(b)
	t := reflect.TypeOf(v)
	if !ok || t.Kind() != reflect.Pointer {
		return nil
	}
	for _, m := range ms {
		if err := memberError(m, t.Elem()); err != nil {
			return err
		}
	}
	return nil
}

// memberError decodes one member alone into a fresh value of type t.
func memberError(m member, t reflect.Type) error {
	one, err := json.Marshal(map[string]json.RawMessage{m.Key: m.Raw})
	if err != nil {
		return nil
	}
	return decodeOnce(one, reflect.New(t).Interface())
}

// decodeError turns an encoding/json error into an EINVALID naming the field.
func decodeError(b []byte, v any, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return scheduler.E(scheduler.EINVALID, "", "body.malformed", "offset", se.Offset, "detail", se.Error())
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return scheduler.E(scheduler.EINVALID, "", "body.truncated")
	case errors.As(err, &te):
		if te.Field == "" {
			return scheduler.E(scheduler.EINVALID, "", "body.wrong_kind", "kind", jsonKind(reflect.TypeOf(v)))
		}
		return scheduler.E(scheduler.EINVALID, te.Field, "body.wrong_type", "want", describeType(te.Type), "got", te.Value)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		f, _ := strconv.Unquote(strings.TrimPrefix(err.Error(), "json: unknown field "))
		return scheduler.E(scheduler.EINVALID, f, "body.unknown_field")
	}
	// A field's own decoder failed (times, for one): find which field.
	field := failingField(b, v)
	switch {
	case field != "" && fieldType(v, field) == reflect.TypeOf(time.Time{}):
		return scheduler.E(scheduler.EINVALID, field, "body.not_instant")
	case field != "":
		return scheduler.E(scheduler.EINVALID, field, "body.wrong_value", "detail", err.Error())
	}
	return scheduler.E(scheduler.EINVALID, "", "body.undecodable", "detail", err.Error())
}

func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return "array"
	case reflect.Map, reflect.Struct:
		return "object"
	}
	return t.Kind().String()
}

func describeType(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "an array"
	}
	return "an object"
}

// failingField decodes each top-level member of the body into its own field
// to find the one that fails.
func failingField(b []byte, v any) string {
	var m map[string]json.RawMessage
	if json.Unmarshal(b, &m) != nil {
		return ""
	}
	for k, raw := range m {
		t := fieldType(v, k)
		if t == nil {
			continue
		}
		if json.Unmarshal(raw, reflect.New(t).Interface()) != nil {
			return k
		}
	}
	return ""
}

// fieldType returns the type of the struct field of v whose JSON name is name.
func fieldType(v any, name string) reflect.Type {
	t := reflect.TypeOf(v)
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct {
		return nil
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if tag == name || (tag == "" && strings.EqualFold(f.Name, name)) {
			return f.Type
		}
	}
	return nil
}

// mergePatch applies a JSON merge patch (RFC 7396) to dst: the body's members
// replace dst's, null removes a member (back to its zero value), objects
// merge recursively. The result is decoded strictly, so unknown fields and
// wrong types are 400s as in bind. readOnly members may appear only with
// their current value.
func mergePatch(c echo.Context, dst any, readOnly ...string) error {
	b, err := readBody(c)
	if err != nil {
		return err
	}
	return applyMergePatch(b, dst, readOnly...)
}

func applyMergePatch(patch []byte, dst any, readOnly ...string) error {
	var p any
	dp := json.NewDecoder(bytes.NewReader(patch))
	dp.UseNumber()
	if err := dp.Decode(&p); err != nil {
		return decodeError(patch, dst, err)
	}
	if _, err := dp.Token(); err != io.EOF {
		return scheduler.E(scheduler.EINVALID, "", "body.trailing_data")
	}
	pm, ok := p.(map[string]any)
	if !ok {
		return scheduler.E(scheduler.EINVALID, "", "body.not_object")
	}
	cur, err := json.Marshal(dst)
	if err != nil {
		return err
	}
	var cm map[string]any
	dc := json.NewDecoder(bytes.NewReader(cur))
	dc.UseNumber()
	if err := dc.Decode(&cm); err != nil {
		return err
	}
	// Each member on its own, in the order sent: the first wrong one is named.
	ms, _ := objectMembers(patch)
	for _, m := range ms {
		if slices.Contains(readOnly, m.Key) {
			if fmt.Sprint(pm[m.Key]) != fmt.Sprint(cm[m.Key]) {
				return scheduler.E(scheduler.EINVALID, m.Key, "body.read_only")
			}
			continue
		}
		if err := memberError(m, reflect.TypeOf(dst).Elem()); err != nil {
			return err
		}
	}
	merged := merge(cm, pm)
	mb, err := json.Marshal(merged)
	if err != nil {
		return err
	}
	// Decode into a zero value, so that removed members become zero.
	rv := reflect.ValueOf(dst).Elem()
	rv.Set(reflect.Zero(rv.Type()))
	if err := decodeStrict(mb, dst); err != nil {
		// Name the field as the client sent it.
		return err
	}
	return nil
}

func merge(target, patch any) any {
	pm, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	tm, ok := target.(map[string]any)
	if !ok {
		tm = map[string]any{}
	}
	for k, v := range pm {
		if v == nil {
			delete(tm, k)
			continue
		}
		tm[k] = merge(tm[k], v)
	}
	return tm
}

// pathID reads the :id path parameter.
func pathID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, scheduler.E(scheduler.EINVALID, "id", "api.not_id", "value", c.Param("id"))
	}
	return id, nil
}

// queryID reads an optional positive integer query parameter.
func queryID(c echo.Context, name string) (*int64, error) {
	s := c.QueryParam(name)
	if s == "" {
		return nil, nil
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return nil, scheduler.E(scheduler.EINVALID, name, "api.not_positive_int", "value", s)
	}
	return &id, nil
}

// queryTime reads an optional instant (RFC 3339) or date (YYYY-MM-DD, office zone).
func (s *Server) queryTime(c echo.Context, name string) (*time.Time, error) {
	v := c.QueryParam(name)
	if v == "" {
		return nil, nil
	}
	t, err := scheduler.ParseInstant(v, s.store.Location())
	if err != nil {
		return nil, scheduler.AtField(err, name)
	}
	return &t, nil
}

// queryRange reads from and to and checks their order.
func (s *Server) queryRange(c echo.Context) (from, to *time.Time, err error) {
	if from, err = s.queryTime(c, "from"); err != nil {
		return nil, nil, err
	}
	if to, err = s.queryTime(c, "to"); err != nil {
		return nil, nil, err
	}
	if from != nil && to != nil && !to.After(*from) {
		return nil, nil, scheduler.E(scheduler.EINVALID, "to", "api.to_before_from")
	}
	return from, to, nil
}

// queryBool reads an optional true/false query parameter.
func queryBool(c echo.Context, name string) (*bool, error) {
	v := c.QueryParam(name)
	if v == "" {
		return nil, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return nil, scheduler.E(scheduler.EINVALID, name, "api.not_bool")
	}
	return &b, nil
}
