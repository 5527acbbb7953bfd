package api

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

// The API reference page: the OpenAPI document rendered on the server into
// one HTML page with its style sheet inlined — no script, no CDN, a few
// hundred kilobytes built once.

//go:embed docs/reference.html docs/reference.css
var docsFS embed.FS

// GET /api/docs — no auth: the rendered reference.
func (s *Server) apiDocs(c echo.Context) error {
	s.docs.once.Do(func() {
		if _, err := s.openAPI(); err != nil {
			s.docs.err = err
			return
		}
		s.docs.html, s.docs.csp, s.docs.err = renderDocs(s.oas.doc)
	})
	if s.docs.err != nil {
		return s.docs.err
	}
	h := c.Response().Header()
	h.Set("Cache-Control", "public, max-age=300")
	h.Set("Content-Security-Policy", s.docs.csp)
	h.Set("X-Content-Type-Options", "nosniff")
	return c.HTMLBlob(http.StatusOK, s.docs.html)
}

// docsCache keeps the page once rendered.
type docsCache struct {
	once sync.Once
	html []byte
	csp  string // the page's policy: its one inline style sheet, by hash, and nothing else
	err  error
}

// docOp is one operation as the page shows it.
type docOp struct {
	Method, Path, ID, Summary, Description string
	Public                                 bool
	Params                                 []docParam
	Body                                   *docBody
	Responses                              []docResponse
}

type docParam struct {
	Name, In, Description string
	Type                  template.HTML
	Required              bool
}

type docBody struct {
	Media    string
	Type     template.HTML
	Required bool
}

type docResponse struct {
	Status, Description, Media string
	Type                       template.HTML
}

type docTag struct {
	Name, Description string
	Ops               []docOp
}

type docSchema struct {
	Name  string
	Type  template.HTML
	Props []docProp
}

type docProp struct {
	Name     string
	Type     template.HTML
	Required bool
}

// renderDocs renders the page of doc and its Content-Security-Policy.
func renderDocs(doc schema) ([]byte, string, error) {
	css, err := docsFS.ReadFile("docs/reference.css")
	if err != nil {
		return nil, "", err
	}
	t, err := template.New("reference.html").Funcs(template.FuncMap{"lower": strings.ToLower, "md": inlineCode}).ParseFS(docsFS, "docs/reference.html")
	if err != nil {
		return nil, "", err
	}
	info, _ := doc["info"].(schema)
	data := map[string]any{
		"Title": info["title"], "Version": info["version"], "OpenAPI": doc["openapi"],
		"Description": info["description"], "CSS": template.CSS(css),
		"Tags": docTags(doc), "Schemas": docSchemas(doc),
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return nil, "", scheduler.Internal(err)
	}
	sum := sha256.Sum256(css)
	csp := "default-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) +
		"'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
	return buf.Bytes(), csp, nil
}

// methodOrder orders the operations of a path.
var methodOrder = []string{"get", "head", "post", "put", "patch", "delete"}

// docTags groups the operations by tag, in path order.
func docTags(doc schema) []docTag {
	paths, _ := doc["paths"].(schema)
	var ps []string
	for p := range paths {
		ps = append(ps, p)
	}
	sort.Strings(ps)
	byTag := map[string]*docTag{}
	var out []*docTag
	for _, t := range doc["tags"].([]any) {
		tg := t.(schema)
		d, _ := tg["description"].(string)
		dt := &docTag{Name: tg["name"].(string), Description: d}
		byTag[dt.Name] = dt
		out = append(out, dt)
	}
	for _, p := range ps {
		item := paths[p].(schema)
		for _, m := range methodOrder {
			o, ok := item[m].(schema)
			if !ok {
				continue
			}
			tag := o["tags"].([]string)[0]
			byTag[tag].Ops = append(byTag[tag].Ops, docOperation(strings.ToUpper(m), p, o))
		}
	}
	tags := make([]docTag, len(out))
	for i, t := range out {
		tags[i] = *t
	}
	return tags
}

// docOperation is one operation as the page shows it.
func docOperation(method, path string, o schema) docOp {
	d := docOp{Method: method, Path: path, ID: str(o["operationId"]), Summary: str(o["summary"]),
		Description: str(o["description"])}
	if sec, ok := o["security"].([]any); ok && len(sec) == 0 {
		d.Public = true
	}
	params, _ := o["parameters"].([]any)
	for _, p := range params {
		ps := p.(schema)
		req, _ := ps["required"].(bool)
		d.Params = append(d.Params, docParam{Name: str(ps["name"]), In: str(ps["in"]), Type: typeHTML(ps["schema"].(schema)),
			Description: str(ps["description"]), Required: req})
	}
	if rb, ok := o["requestBody"].(schema); ok {
		for media, c := range rb["content"].(schema) {
			req, _ := rb["required"].(bool)
			d.Body = &docBody{Media: media, Type: typeHTML(c.(schema)["schema"].(schema)), Required: req}
		}
	}
	resps := o["responses"].(schema)
	var codes []string
	for c := range resps {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		r := resps[c].(schema)
		dr := docResponse{Status: c}
		if _, ok := r["$ref"].(string); ok {
			code, _ := strconv.Atoi(c)
			dr.Description, dr.Media, dr.Type = errorStatuses[code], "application/json", typeHTML(schema{"$ref": "#/components/schemas/Error"})
		} else {
			dr.Description = str(r["description"])
			if content, ok := r["content"].(schema); ok {
				for media, mc := range content {
					dr.Media, dr.Type = media, typeHTML(mc.(schema)["schema"].(schema))
				}
			}
		}
		d.Responses = append(d.Responses, dr)
	}
	return d
}

// docSchemas lists the components with their members.
func docSchemas(doc schema) []docSchema {
	comps := doc["components"].(schema)["schemas"].(map[string]schema)
	var names []string
	for n := range comps {
		names = append(names, n)
	}
	sort.Strings(names)
	var out []docSchema
	for _, n := range names {
		s := comps[n]
		ds := docSchema{Name: n, Type: typeHTML(s)}
		req := map[string]bool{}
		if rs, ok := s["required"].([]string); ok {
			for _, r := range rs {
				req[r] = true
			}
		}
		props, _ := s["properties"].(schema)
		var pn []string
		for p := range props {
			pn = append(pn, p)
		}
		sort.Strings(pn)
		for _, p := range pn {
			ds.Props = append(ds.Props, docProp{Name: p, Type: typeHTML(props[p].(schema)), Required: req[p]})
		}
		out = append(out, ds)
	}
	return out
}

func str(v any) string { s, _ := v.(string); return s }

func refName(ref string) string { return ref[strings.LastIndexByte(ref, '/')+1:] }

// typeText says a schema's type in a few words: integer, string (date-time),
// array of Shift, Shift | null.
func typeText(s schema) string {
	if ref, ok := s["$ref"].(string); ok {
		return refName(ref)
	}
	if any, ok := s["anyOf"].([]any); ok {
		var parts []string
		for _, a := range any {
			parts = append(parts, typeText(a.(schema)))
		}
		return strings.Join(parts, " | ")
	}
	var types []string
	switch t := s["type"].(type) {
	case string:
		types = []string{t}
	case []any:
		for _, x := range t {
			types = append(types, x.(string))
		}
	}
	if d, ok := s["description"].(string); ok && d == "any JSON value" {
		return "any"
	}
	for i, t := range types {
		switch t {
		case "array":
			if items, ok := s["items"].(schema); ok {
				types[i] = "array of " + typeText(items)
			}
		case "object":
			if ap, ok := s["additionalProperties"].(schema); ok {
				types[i] = "map of " + typeText(ap)
			}
		case "string", "integer":
			if f, ok := s["format"].(string); ok {
				types[i] = fmt.Sprintf("%s (%s)", t, f)
			}
		}
	}
	if e, ok := s["enum"].([]any); ok {
		var vs []string
		for _, v := range e {
			vs = append(vs, fmt.Sprint(v))
		}
		return strings.Join(types, " | ") + ": " + strings.Join(vs, ", ")
	}
	if len(types) == 0 {
		return "any"
	}
	return strings.Join(types, " | ")
}

// componentWord is a component's name in a type's words (the JSON types are lower case).
var componentWord = regexp.MustCompile(`\b[A-Z][A-Za-z0-9]*\b`)

// typeHTML is typeText with the component names linked to their entries.
func typeHTML(s schema) template.HTML {
	t := template.HTMLEscapeString(typeText(s))
	return template.HTML(componentWord.ReplaceAllStringFunc(t, func(w string) string {
		return `<a href="#schema-` + w + `">` + w + `</a>`
	}))
}

// inlineCode renders a description's `code spans` (the CommonMark of
// OpenAPI descriptions that the reference uses) as <code>, escaping the rest.
func inlineCode(s string) template.HTML {
	var b strings.Builder
	for i, part := range strings.Split(s, "`") {
		if i%2 == 1 {
			b.WriteString("<code>" + template.HTMLEscapeString(part) + "</code>")
		} else {
			b.WriteString(template.HTMLEscapeString(part))
		}
	}
	return template.HTML(b.String())
}
