package api

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// opDoc describes one route for the OpenAPI document: what the route table
// does not say. Samples are values of the Go types the handler decodes or
// encodes (a typed nil is enough); a schema value is taken as it is.
type opDoc struct {
	id, tag, summary, desc string
	query                  []param
	body                   any // the request body's sample; nil: no body
	bodyMode               schemaMode
	bodyMedia              string // a non-JSON body's media type
	bodyOptional           bool
	answers                []answer
	errs                   []int // error statuses beyond those every route of its kind may give
}

// answer is one success answer: status, the body's sample (nil: no body) or
// a non-JSON media type, and the headers it sets.
type answer struct {
	status  int
	sample  any
	media   string
	desc    string
	headers map[string]string
}

// param is a query parameter.
type param struct {
	name, desc string
	schema     schema
	required   bool
}

// op starts the description of a route.
func op(id, tag, summary string) opDoc { return opDoc{id: id, tag: tag, summary: summary} }

// doc adds a longer description.
func (o opDoc) doc(text string) opDoc { o.desc = text; return o }

// q adds query parameters.
func (o opDoc) q(ps ...param) opDoc { o.query = append(o.query, ps...); return o }

// in sets the JSON body, accepted whole and strictly.
func (o opDoc) in(sample any) opDoc { o.body, o.bodyMode = sample, modeIn; return o }

// optIn sets a JSON body that may be left out.
func (o opDoc) optIn(sample any) opDoc { o = o.in(sample); o.bodyOptional = true; return o }

// patch sets a JSON merge patch (RFC 7396) of sample's type as the body.
func (o opDoc) patch(sample any) opDoc { o.body, o.bodyMode = sample, modePatch; return o }

// raw sets a non-JSON body.
func (o opDoc) raw(media string) opDoc {
	o.body, o.bodyMedia = schema{"type": "string"}, media
	return o
}

// ok, created and accepted add a JSON answer of that status.
func (o opDoc) ok(sample any) opDoc       { return o.answer(http.StatusOK, sample, "") }
func (o opDoc) created(sample any) opDoc  { return o.answer(http.StatusCreated, sample, "") }
func (o opDoc) accepted(sample any) opDoc { return o.answer(http.StatusAccepted, sample, "") }

// noContent adds the 204 answer.
func (o opDoc) noContent() opDoc { return o.answer(http.StatusNoContent, nil, "") }

// file adds a non-JSON answer.
func (o opDoc) file(status int, media string) opDoc { return o.answer(status, nil, media) }

// answer adds a success answer.
func (o opDoc) answer(status int, sample any, media string) opDoc {
	o.answers = append(o.answers, answer{status: status, sample: sample, media: media})
	return o
}

// says describes the last answer added.
func (o opDoc) says(desc string) opDoc { o.answers[len(o.answers)-1].desc = desc; return o }

// header adds a header to the last answer added.
func (o opDoc) header(name, desc string) opDoc {
	a := &o.answers[len(o.answers)-1]
	if a.headers == nil {
		a.headers = map[string]string{}
	}
	a.headers[name] = desc
	return o
}

// errors adds error statuses.
func (o opDoc) errors(statuses ...int) opDoc { o.errs = append(o.errs, statuses...); return o }

// Query parameter makers.
func qStr(name, desc string) param {
	return param{name: name, desc: desc, schema: schema{"type": "string"}}
}
func qID(name, desc string) param {
	return param{name: name, desc: desc, schema: schema{"type": "integer", "format": "int64", "minimum": 1}}
}
func qBool(name, desc string) param {
	return param{name: name, desc: desc, schema: schema{"type": "boolean"}}
}
func qInt(name, desc string, min, max int) param {
	return param{name: name, desc: desc, schema: schema{"type": "integer", "minimum": min, "maximum": max}}
}
func qEnum(name, desc string, values ...string) param {
	vs := make([]any, len(values))
	for i, v := range values {
		vs[i] = v
	}
	return param{name: name, desc: desc, schema: schema{"type": "string", "enum": vs}}
}

// qTime is an instant or a date in the office zone.
func qTime(name, desc string) param {
	return param{name: name, desc: desc + " (RFC 3339 instant, or YYYY-MM-DD: that day's start in the office zone)",
		schema: schema{"type": "string"}}
}

// qRange is from and to.
func qRange(what string) []param {
	return []param{qTime("from", "start of the window"+what), qTime("to", "end of the window, exclusive")}
}

// required marks a parameter required.
func (p param) must() param { p.required = true; return p }

// writes are the methods that change something.
func writes(method string) bool {
	return method == http.MethodPost || method == http.MethodPut || method == http.MethodPatch || method == http.MethodDelete
}

// operation is the OpenAPI operation of route r.
func (o opDoc) operation(ss *schemaSet, r route) schema {
	params := pathParams(r.path)
	for _, p := range o.query {
		q := schema{"name": p.name, "in": "query", "schema": p.schema}
		if p.desc != "" {
			q["description"] = p.desc
		}
		if p.required {
			q["required"] = true
		}
		params = append(params, q)
	}
	op := schema{"operationId": o.id, "summary": o.summary, "tags": []string{o.tag}}
	desc := o.desc
	if r.action == public {
		op["security"] = []any{}
		desc = strings.TrimSpace(desc + "\n\nPublic: no token.")
	} else {
		desc = strings.TrimSpace(desc + "\n\nRoles: " + strings.Join(rolesFor(r.action), ", ") + " (action `" + r.action + "`).")
		op["x-action"] = r.action
	}
	op["description"] = desc
	if len(params) > 0 {
		op["parameters"] = params
	}
	if o.body != nil {
		op["requestBody"] = o.requestBody(ss)
	}
	op["responses"] = o.responses(ss, r, len(params) > 0)
	return op
}

// pathParams describes the parameters of an Echo path.
func pathParams(path string) []any {
	var out []any
	for _, m := range echoParam.FindAllStringSubmatch(path, -1) {
		s := schema{"type": "string"}
		desc := ""
		switch m[1] {
		case "id":
			s, desc = schema{"type": "integer", "format": "int64", "minimum": 1}, "the id"
		case "date":
			s, desc = schema{"type": "string", "format": "date"}, "the day, YYYY-MM-DD"
		case "name":
			desc = "the job's name"
		case "file":
			desc = "the calendar's secret followed by .ics"
		}
		out = append(out, schema{"name": m[1], "in": "path", "required": true, "schema": s, "description": desc})
	}
	return out
}

// requestBody describes the body.
func (o opDoc) requestBody(ss *schemaSet) schema {
	media, s := "application/json", schemaOf(ss, o.body, o.bodyMode)
	if o.bodyMedia != "" {
		media = o.bodyMedia
	}
	if o.bodyMode == modePatch {
		s["description"] = "A JSON merge patch (RFC 7396): the members sent replace the current ones."
	}
	return schema{"required": !o.bodyOptional, "content": schema{media: schema{"schema": s}}}
}

// schemaOf is the schema of a sample.
func schemaOf(ss *schemaSet, sample any, m schemaMode) schema {
	if s, ok := sample.(schema); ok {
		return s
	}
	return ss.of(typeOf(sample), m)
}

// responses describes the success answers and the errors route r may give.
func (o opDoc) responses(ss *schemaSet, r route, hasParams bool) schema {
	out := schema{}
	for _, a := range o.answers {
		resp := schema{"description": a.desc}
		if a.desc == "" {
			resp["description"] = http.StatusText(a.status)
		}
		switch {
		case a.media != "":
			resp["content"] = schema{a.media: schema{"schema": schema{"type": "string"}}}
		case a.sample != nil:
			resp["content"] = schema{"application/json": schema{"schema": schemaOf(ss, a.sample, modeOut)}}
		}
		if len(a.headers) > 0 {
			hs := schema{}
			for n, d := range a.headers {
				hs[n] = schema{"description": d, "schema": schema{"type": "string"}}
			}
			resp["headers"] = hs
		}
		out[strconv.Itoa(a.status)] = resp
	}
	for _, st := range o.errorStatuses(r, hasParams) {
		if _, own := out[strconv.Itoa(st)]; !own {
			out[strconv.Itoa(st)] = schema{"$ref": "#/components/responses/" + errorName(st)}
		}
	}
	return out
}

// queriesID tells whether a query parameter names a row by id.
func (o opDoc) queriesID() bool {
	for _, p := range o.query {
		if strings.HasSuffix(p.name, "_id") {
			return true
		}
	}
	return false
}

// errorStatuses are the error statuses of route r: those every route of its
// kind may give, and the route's own.
func (o opDoc) errorStatuses(r route, hasParams bool) []int {
	set := map[int]bool{http.StatusInternalServerError: true, http.StatusServiceUnavailable: true}
	if r.action != public {
		set[http.StatusUnauthorized], set[http.StatusForbidden] = true, true
	}
	if hasParams || o.body != nil {
		set[http.StatusBadRequest] = true
	}
	if strings.Contains(r.path, ":") || o.queriesID() {
		set[http.StatusNotFound] = true // a path's id, or a query's *_id, that names nothing
	}
	if o.body != nil {
		set[http.StatusRequestEntityTooLarge] = true
	}
	if writes(r.method) {
		set[http.StatusBadRequest], set[http.StatusNotFound], set[http.StatusConflict] = true, true, true
	}
	for _, st := range o.errs {
		set[st] = true
	}
	var out []int
	for st := range set {
		out = append(out, st)
	}
	sort.Ints(out)
	return out
}
