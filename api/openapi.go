package api

import (
	_ "embed"
	"net/http"

	"github.com/gin-gonic/gin"
)

// openAPISpec is the hand-written OpenAPI 3.1 description of /api/v1; a test
// checks that it documents every registered route and nothing else.
//
//go:embed openapi.json
var openAPISpec []byte

func openAPI(c *gin.Context) {
	c.Header("Cache-Control", "public, max-age=300")
	c.Data(http.StatusOK, "application/json", openAPISpec)
}
