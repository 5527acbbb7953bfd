package api_test

import (
	"context"
	"os"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// Ensure the document is a valid OpenAPI 3.1 document that kin-openapi loads.
func TestOpenAPIDocumentValid(t *testing.T) {
	en := newEnv(t)
	r := en.must(200, en.do("", "GET", "/api/v1/openapi.json", nil))
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(r.Raw)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestOpenAPIDump(t *testing.T) {
	en := newEnv(t)
	r := en.must(200, en.do("", "GET", "/api/v1/openapi.json", nil))
	_ = os.WriteFile("/tmp/oasC/openapi.json", r.Raw, 0o644)
}
