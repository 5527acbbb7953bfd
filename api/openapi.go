package api

import (
	"encoding/json"
	"net/http"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

// The API's contract: an OpenAPI 3.1 document of every route of routes(),
// built once from the route table (method, path, who may call it), the
// description of each route in openapiRoutes (openapi_routes.go), and the
// schemas reflected from the Go types the handlers send and accept
// (openapi_schema.go). A route without a description fails the build of the
// document, and a test (openapi_test.go) checks that every route registered
// is described and that every request and answer of the API's tests keeps to it.

// OpenAPIVersion is the OpenAPI version of the document.
const OpenAPIVersion = "3.1.0"

// GET /api/v1/openapi.json — no auth: the contract, built once.
func (s *Server) openAPIJSON(c echo.Context) error {
	b, err := s.openAPI()
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "public, max-age=300")
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, b)
}

// openAPI returns the document's bytes, built on first use.
func (s *Server) openAPI() ([]byte, error) {
	s.oas.once.Do(func() {
		doc, err := buildOpenAPI(s.routes())
		if err != nil {
			s.oas.err = scheduler.Internal(err)
			return
		}
		s.oas.doc = doc
		s.oas.json, s.oas.err = json.Marshal(doc)
	})
	return s.oas.json, s.oas.err
}

// oasCache keeps the document once built.
type oasCache struct {
	once sync.Once
	doc  schema
	json []byte
	err  error
}

// OpenAPI returns the API's OpenAPI 3.1 document as JSON.
func (s *Server) OpenAPI() ([]byte, error) { return s.openAPI() }

// echoParam matches an Echo path parameter (:id).
var echoParam = regexp.MustCompile(`:([A-Za-z_]+)`)

// oasPath is the OpenAPI form of an Echo path: /posts/:id → /posts/{id}.
func oasPath(p string) string { return echoParam.ReplaceAllString(p, "{$1}") }

// routeKey names a route in openapiRoutes: "GET /api/v1/posts/:id".
func routeKey(method, path string) string { return method + " " + path }

// buildOpenAPI builds the document of the routes. A route without a line in
// openapiRoutes is listed with x-undescribed (and its test fails), rather
// than failing the document.
func buildOpenAPI(routes []route) (schema, error) {
	ss := newSchemaSet()
	paths := schema{}
	tags := map[string]bool{}
	for _, r := range routes {
		d, ok := openapiRoutes[routeKey(r.method, r.path)]
		if !ok {
			d = undescribed(r) // the document is still served; its test fails
		}
		op := d.operation(ss, r)
		if !ok {
			op["x-undescribed"] = true
			op["responses"] = schema{"default": schema{"description": "not described yet"}}
		}
		p := oasPath(r.path)
		item, _ := paths[p].(schema)
		if item == nil {
			item = schema{}
			paths[p] = item
		}
		item[strings.ToLower(r.method)] = op
		tags[d.tag] = true
	}
	ss.components["Error"] = errorSchema()
	return schema{
		"openapi": OpenAPIVersion,
		"info": schema{
			"title":   "catruc API",
			"version": "v1",
			"description": "The JSON API of catruc, the duty roster of an office's security guards. " +
				"Every route under /api/v1 needs `Authorization: Bearer <token>` (tokens are made with `catruc token`), " +
				"except the health check, this document and the calendar feeds, whose secret URL is their credential. " +
				"Instants are RFC 3339 in the office's time zone; dates are YYYY-MM-DD; clock times HH:MM. " +
				"Every error answers {\"error\":{\"code\",\"key\",\"message\",\"field\",\"args\"}}: code follows the HTTP status, " +
				"key is the stable message key, field the member or parameter at fault. A rendered reference is at /api/docs.",
		},
		"paths":    paths,
		"tags":     tagList(tags),
		"security": []any{schema{"bearer": []any{}}},
		"components": schema{
			"schemas":   ss.components,
			"responses": errorResponses(),
			"securitySchemes": schema{
				"bearer": schema{"type": "http", "scheme": "bearer",
					"description": "An API token (`catruc token create`); its role decides which routes it may call."},
			},
		},
	}, nil
}

// undescribed stands for a route added to the table without its line in
// openapiRoutes: TestOpenAPIDescribesEveryRoute refuses it.
func undescribed(r route) opDoc {
	id := strings.ToLower(r.method) + strings.NewReplacer("/", "_", ":", "", ".", "_", "-", "_").Replace(r.path)
	return op(id, "undescribed", "Not described yet")
}

// tagList lists the tags in order, each with its description.
func tagList(used map[string]bool) []any {
	var names []string
	for t := range used {
		names = append(names, t)
	}
	sort.Strings(names)
	out := []any{}
	for _, n := range names {
		t := schema{"name": n}
		if d := tagDescriptions[n]; d != "" {
			t["description"] = d
		}
		out = append(out, t)
	}
	return out
}

// errorSchema is the shape of every error answer.
func errorSchema() schema {
	str := schema{"type": "string"}
	return schema{
		"type":     "object",
		"required": []string{"error"},
		"properties": schema{"error": schema{
			"type":     "object",
			"required": []string{"code", "key", "message"},
			"properties": schema{
				"code":    schema{"type": "string", "description": "one per HTTP status: invalid, unauthorized, forbidden, not_found, conflict, too_large, unavailable, internal, …"},
				"key":     schema{"type": "string", "description": "the stable key of the message in the catalogue, e.g. shift.overlap"},
				"message": str,
				"field":   schema{"type": "string", "description": "the member, parameter or header at fault"},
				"args":    schema{"type": "object", "description": "the named arguments of the message"},
			},
		}},
	}
}

// errorStatuses are the error answers described once, by status.
var errorStatuses = map[int]string{
	400: "The request is invalid: the field names the member or parameter at fault.",
	401: "No token, or not a valid one (WWW-Authenticate: Bearer).",
	403: "The token's role may not do this.",
	404: "Not found.",
	405: "The path does not take this method.",
	409: "A conflict: a stale version (If-Match), an overlap, or a state that does not allow it.",
	413: "The body is larger than 1 MiB.",
	500: "An internal error (logged; no details are returned).",
	503: "The database is busy or unreachable: retry after Retry-After seconds.",
}

// errorResponses are the components of the error answers.
func errorResponses() schema {
	out := schema{}
	for status, desc := range errorStatuses {
		r := schema{"description": desc, "content": schema{"application/json": schema{
			"schema": schema{"$ref": "#/components/schemas/Error"}}}}
		if status == 503 {
			r["headers"] = schema{"Retry-After": schema{"schema": schema{"type": "integer"}, "description": "seconds"}}
		}
		out[errorName(status)] = r
	}
	return out
}

// errorName is the component name of an error status.
func errorName(status int) string {
	return strings.ReplaceAll(http.StatusText(status), " ", "")
}

// rolesFor lists the roles the policy allows action.
func rolesFor(action string) []string {
	var out []string
	for _, r := range scheduler.Roles {
		if scheduler.Can(r, action) {
			out = append(out, r)
		}
	}
	return out
}

// typeOf is the reflect type of a sample value (a nil pointer names its type).
func typeOf(v any) reflect.Type { return reflect.TypeOf(v) }
