package api

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/labstack/echo/v4"
)

// Ensure a route added to the table without a description still gets a
// valid document, marked x-undescribed (which TestOpenAPIDescribesEveryRoute
// refuses), and that the descriptions kept ready for routes not yet in the
// table (readiness, metrics) make a valid document too.
func TestOpenAPIUndescribedAndReadyRoutes(t *testing.T) {
	h := func(echo.Context) error { return nil }
	doc, err := buildOpenAPI([]route{
		{http.MethodGet, "/api/v1/new-thing/:id", h, "read", nil},
		{http.MethodGet, "/readyz", h, public, nil},
		{http.MethodGet, "/metrics", h, "read", nil},
	})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	d, err := openapi3.NewLoader().LoadFromData(b)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Validate(context.Background()); err != nil {
		t.Fatal(err)
	}
	if op := d.Paths.Find("/api/v1/new-thing/{id}").Get; op.Extensions["x-undescribed"] != true {
		t.Errorf("the undescribed route is not marked: %v", op.Extensions)
	}
	if op := d.Paths.Find("/readyz").Get; op.OperationID != "ready" || op.Responses.Value("503") == nil {
		t.Errorf("GET /readyz: %+v", op)
	}
}
