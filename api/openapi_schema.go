package api

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"time"
	"unicode"
)

// The schemas of the OpenAPI document are derived from the Go types the
// handlers encode and decode, by the rules of encoding/json: json tags name
// the members; omitempty (or omitzero) members are optional, every other
// member is always sent; a pointer may be null (type [X, "null"]); a slice or
// map without omitempty may be null (a nil one is encoded so); time.Time is a
// date-time string. Named structs become components; where the JSON of a
// member says more than its Go type (a date, an enum), schemaOverrides says so.

// schema is one JSON Schema (2020-12, as OpenAPI 3.1 has it).
type schema = map[string]any

// schemaMode is what a schema describes: an answer the server sends, a body
// it accepts whole (POST, PUT: strict, unknown members refused), or a JSON
// merge patch (every member optional, null resets it).
type schemaMode int

const (
	modeOut schemaMode = iota
	modeIn
	modePatch
)

// suffix is the component name suffix of a mode.
func (m schemaMode) suffix() string {
	switch m {
	case modeIn:
		return "Input"
	case modePatch:
		return "Patch"
	}
	return ""
}

// schemaSet builds and keeps the component schemas.
type schemaSet struct {
	components map[string]schema
	names      map[reflect.Type]string // a named type's component base name
	taken      map[string]reflect.Type // base name → its type
}

func newSchemaSet() *schemaSet {
	return &schemaSet{components: map[string]schema{}, names: map[reflect.Type]string{}, taken: map[string]reflect.Type{}}
}

var (
	timeType       = reflect.TypeOf(time.Time{})
	durationType   = reflect.TypeOf(time.Duration(0))
	rawMessageType = reflect.TypeOf(json.RawMessage(nil))
)

// of returns the schema of t in mode m: a $ref for a named struct, inline otherwise.
func (ss *schemaSet) of(t reflect.Type, m schemaMode) schema {
	switch t {
	case timeType:
		return schema{"type": "string", "format": "date-time"}
	case durationType:
		return schema{"type": "integer", "format": "int64", "description": "nanoseconds"}
	case rawMessageType:
		return anyJSON()
	}
	switch t.Kind() {
	case reflect.Pointer:
		return nullable(ss.of(t.Elem(), m))
	case reflect.Bool:
		return schema{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32:
		return schema{"type": "integer"}
	case reflect.Int64, reflect.Uint64:
		return schema{"type": "integer", "format": "int64"}
	case reflect.Float32, reflect.Float64:
		return schema{"type": "number"}
	case reflect.String:
		return schema{"type": "string"}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return schema{"type": "string", "contentEncoding": "base64"}
		}
		return schema{"type": "array", "items": ss.of(t.Elem(), m)}
	case reflect.Array:
		return schema{"type": "array", "items": ss.of(t.Elem(), m), "minItems": t.Len(), "maxItems": t.Len()}
	case reflect.Map:
		return schema{"type": "object", "additionalProperties": ss.of(t.Elem(), m)}
	case reflect.Struct:
		if t.Name() == "" {
			return ss.object(t, m)
		}
		return ss.ref(t, m)
	}
	return anyJSON() // an interface
}

// anyJSON is any JSON value, null included. (Spelled out: kin-openapi's
// validator refuses null for an empty schema inside a referenced component.)
func anyJSON() schema {
	return schema{"type": []any{"object", "array", "string", "number", "boolean", "null"}, "description": "any JSON value"}
}

// ref registers the named struct t as a component and refers to it.
func (ss *schemaSet) ref(t reflect.Type, m schemaMode) schema {
	name := ss.baseName(t)
	if !strings.HasSuffix(name, m.suffix()) {
		name += m.suffix()
	}
	if _, ok := ss.components[name]; !ok {
		ss.components[name] = schema{} // a placeholder against recursion
		ss.components[name] = ss.object(t, m)
	}
	return schema{"$ref": "#/components/schemas/" + name}
}

// baseName is the component name of a named type: its Go name, or its
// package's and its own when another package has a type of that name.
func (ss *schemaSet) baseName(t reflect.Type) string {
	if n, ok := ss.names[t]; ok {
		return n
	}
	if n, ok := componentNames[t]; ok {
		ss.names[t], ss.taken[n] = n, t
		return n
	}
	n := t.Name()
	if i := strings.IndexByte(n, '['); i >= 0 { // a generic type's instance
		n = n[:i]
	}
	if other, ok := ss.taken[n]; ok && other != t {
		pkg := t.PkgPath()[strings.LastIndexByte(t.PkgPath(), '/')+1:]
		n = string(unicode.ToUpper(rune(pkg[0]))) + pkg[1:] + n
	}
	n = string(unicode.ToUpper(rune(n[0]))) + n[1:]
	ss.names[t], ss.taken[n] = n, t
	return n
}

// field is one member of a struct as encoding/json encodes it.
type field struct {
	name      string
	t         reflect.Type
	optional  bool // omitempty / omitzero
	asString  bool // ,string
	ownerName string
}

// fields lists the members of struct t, embedded structs flattened, the
// shallower member winning a name, as encoding/json does.
func fields(t reflect.Type) []field {
	var out []field
	seen := map[string]bool{}
	level := []reflect.Type{t}
	for depth := 0; len(level) > 0 && depth < 8; depth++ {
		var next []reflect.Type
		var found []field
		for _, lt := range level {
			for i := 0; i < lt.NumField(); i++ {
				f := lt.Field(i)
				tag := f.Tag.Get("json")
				if tag == "-" {
					continue
				}
				name, opts, _ := strings.Cut(tag, ",")
				ft := f.Type
				if f.Anonymous && name == "" {
					if ft.Kind() == reflect.Pointer {
						ft = ft.Elem()
					}
					if ft.Kind() == reflect.Struct {
						next = append(next, ft)
						continue
					}
				}
				if !f.IsExported() {
					continue
				}
				if name == "" {
					name = f.Name
				}
				found = append(found, field{name: name, t: f.Type, ownerName: lt.Name(),
					optional: hasOpt(opts, "omitempty") || hasOpt(opts, "omitzero"), asString: hasOpt(opts, "string")})
			}
		}
		for _, f := range found {
			if !seen[f.name] {
				seen[f.name] = true
				out = append(out, f)
			}
		}
		level = next
	}
	return out
}

func hasOpt(opts, want string) bool {
	for _, o := range strings.Split(opts, ",") {
		if o == want {
			return true
		}
	}
	return false
}

// object is the schema of struct t's members in mode m.
func (ss *schemaSet) object(t reflect.Type, m schemaMode) schema {
	props := schema{}
	var required []string
	for _, f := range fields(t) {
		p := ss.of(f.t, m)
		if f.asString {
			p = schema{"type": "string"}
		}
		k := f.t.Kind()
		if !f.optional && (k == reflect.Slice && f.t.Elem().Kind() != reflect.Uint8 || k == reflect.Map) {
			p = nullable(p) // a nil slice or map is sent as null
		}
		if o, ok := schemaOverrides[t.Name()+"."+f.name]; ok && m == modeOut && f.t.Kind() == reflect.String {
			p = o(p)
		}
		if m == modePatch {
			p = nullable(p)
		}
		props[f.name] = p
		if m == modeOut && !f.optional {
			required = append(required, f.name)
		}
	}
	s := schema{"type": "object", "properties": props}
	if len(required) > 0 {
		sort.Strings(required)
		s["required"] = required
	}
	if m != modeOut {
		s["additionalProperties"] = false // the strict decoder refuses unknown members
	}
	return s
}

// nullable lets s be null too.
func nullable(s schema) schema {
	switch ty := s["type"].(type) {
	case string:
		out := schema{}
		for k, v := range s {
			out[k] = v
		}
		if ty != "null" {
			out["type"] = []any{ty, "null"}
		}
		return out
	case []any:
		for _, v := range ty {
			if v == "null" {
				return s
			}
		}
		out := schema{}
		for k, v := range s {
			out[k] = v
		}
		out["type"] = append(append([]any{}, ty...), "null")
		return out
	}
	if len(s) == 0 {
		return s // any value, null included
	}
	if any, ok := s["anyOf"].([]any); ok {
		for _, a := range any {
			if a.(schema)["type"] == "null" {
				return s
			}
		}
	}
	return schema{"anyOf": []any{s, schema{"type": "null"}}}
}
