package api_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"catruc/scheduler"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

// The contract check: every request the API's tests send and every answer
// they get go through contract(), which validates them against the OpenAPI
// document the server itself serves (kin-openapi, JSON Schema 2020-12 as
// OpenAPI 3.1 has it). A request the server accepted (2xx) must keep to the
// contract; one it refused (the tests send malformed ones on purpose) need
// not, but the refusal must. Streams, feeds and downloads are checked for
// status and media type only.

// contractDoc is the document and its router, loaded once per test binary
// (the document is the same for every server).
var contractDoc struct {
	once   sync.Once
	doc    *openapi3.T
	router routers.Router
	err    error
}

// loadContract loads the document from h.
func loadContract(h http.Handler) (*openapi3.T, routers.Router, error) {
	contractDoc.once.Do(func() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/openapi.json", nil))
		if rec.Code != http.StatusOK {
			contractDoc.err = fmt.Errorf("openapi.json: status %d: %s", rec.Code, rec.Body)
			return
		}
		doc, err := openapi3.NewLoader().LoadFromData(rec.Body.Bytes())
		if err != nil {
			contractDoc.err = err
			return
		}
		if err := doc.Validate(context.Background()); err != nil {
			contractDoc.err = err
			return
		}
		contractDoc.doc = doc
		contractDoc.router, contractDoc.err = legacy.NewRouter(doc)
	})
	return contractDoc.doc, contractDoc.router, contractDoc.err
}

// contract wraps h so that every exchange is checked against the document;
// a breach fails tb.
func contract(tb testing.TB, h http.Handler) http.Handler {
	tb.Helper()
	return contractTo(tb, h, func(msg string) { tb.Errorf("%s", msg) })
}

// contractTo wraps h so that every exchange is checked against the
// document; each breach is reported (once the answer is written).
func contractTo(tb testing.TB, h http.Handler, report func(string)) http.Handler {
	tb.Helper()
	_, router, err := loadContract(h)
	if err != nil {
		tb.Fatal(err)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		rec := &teeWriter{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(rec, r)
		if msg := checkExchange(router, r, body, rec); msg != "" {
			report(fmt.Sprintf("contract: %s %s → %d: %s", r.Method, r.URL.RequestURI(), rec.status, msg))
		}
	})
}

// checkExchange validates one request and its answer; "" when they keep to the contract.
func checkExchange(router routers.Router, r *http.Request, body []byte, rec *teeWriter) string {
	if rec.status == scheduler.StatusClientClosed {
		return "" // the client went away: nothing was answered
	}
	vr := r.Clone(context.Background())
	vr.Body = io.NopCloser(bytes.NewReader(body))
	route, params, err := router.FindRoute(vr)
	if err != nil {
		if rec.status == http.StatusNotFound || rec.status == http.StatusMethodNotAllowed {
			return "" // no such route, and the server says so
		}
		return "the route is not described: " + err.Error()
	}
	resp := route.Operation.Responses.Status(rec.status)
	if resp == nil {
		return "the status is not described"
	}
	documented := mediaTypes(resp.Value.Content)
	jsonAnswer := documented["application/json"]
	if ct := rec.Header().Get("Content-Type"); len(documented) > 0 && (rec.size > 0 || ct != "") {
		mt, _, _ := mime.ParseMediaType(ct)
		if !documented[mt] {
			return fmt.Sprintf("media type %q is not described (%v)", ct, keys(documented))
		}
	}
	in := &openapi3filter.RequestValidationInput{Request: vr, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
			ExcludeRequestBody: !jsonBody(route)}}
	if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil && rec.status < 300 {
		return "the request was accepted but breaks the contract: " + err.Error()
	}
	if !jsonAnswer || r.Method == http.MethodHead || rec.truncated {
		return ""
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: rec.status, Header: rec.Header(),
		Body: io.NopCloser(bytes.NewReader(rec.buf.Bytes())), Options: &openapi3filter.Options{IncludeResponseStatus: true}}
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		b := rec.buf.String()
		if len(b) > 600 {
			b = b[:600] + "…"
		}
		return "the answer breaks the contract: " + err.Error() + "\nbody: " + b
	}
	return ""
}

// jsonBody tells whether the route's request body, if any, is JSON.
func jsonBody(route *routers.Route) bool {
	rb := route.Operation.RequestBody
	if rb == nil || rb.Value == nil {
		return true
	}
	return rb.Value.Content.Get("application/json") != nil
}

func mediaTypes(c openapi3.Content) map[string]bool {
	out := map[string]bool{}
	for k := range c {
		out[k] = true
	}
	return out
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// teeWriter passes an answer through and keeps a copy of its first maxTee bytes.
type teeWriter struct {
	http.ResponseWriter
	status    int
	size      int
	buf       bytes.Buffer
	truncated bool
	wrote     bool
}

const maxTee = 32 << 20

func (w *teeWriter) WriteHeader(status int) {
	if !w.wrote {
		w.status, w.wrote = status, true
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *teeWriter) Write(b []byte) (int, error) {
	w.wrote = true
	w.size += len(b)
	if w.buf.Len()+len(b) <= maxTee {
		w.buf.Write(b)
	} else {
		w.truncated = true
	}
	return w.ResponseWriter.Write(b)
}

func (w *teeWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (w *teeWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
