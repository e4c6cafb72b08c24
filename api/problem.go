package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// Problem is an RFC 9457 problem details body. Code is a stable machine code
// the web app translates; Errors lists every bad field at once.
type Problem struct {
	Type     string       `json:"type"`
	Title    string       `json:"title"`
	Status   int          `json:"status"`
	Detail   string       `json:"detail,omitempty"`
	Instance string       `json:"instance,omitempty"`
	Code     string       `json:"code,omitempty"`
	Errors   []FieldError `json:"errors,omitempty"`
	// Current carries the current state of a resource on a version conflict.
	Current any `json:"current,omitempty"`
}

// FieldError is one invalid input field.
type FieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// ProblemContentType is the media type of problem bodies.
const ProblemContentType = "application/problem+json"

// writeProblem sends p and stops the handler chain.
func writeProblem(c *gin.Context, p Problem) {
	if p.Type == "" {
		p.Type = "about:blank"
	}
	if p.Title == "" {
		p.Title = http.StatusText(p.Status)
	}
	if p.Instance == "" && c.Request != nil {
		p.Instance = c.Request.URL.Path
	}
	c.Header("Content-Type", ProblemContentType)
	c.AbortWithStatusJSON(p.Status, p)
	// gin sets application/json in AbortWithStatusJSON; restore ours.
	c.Writer.Header().Set("Content-Type", ProblemContentType)
}
