// Package api is P4's HTTP interface: the gin router with every route
// declared in one place, middleware, and problem details. Handlers are thin
// over the assessment service; api never sees gorm.
package api

import (
	"context"
	"log/slog"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// Deps is what the router needs from the rest of the program.
type Deps struct {
	Log *slog.Logger
	// Ready reports whether the database answers and its schema is current.
	Ready func(context.Context) error
	// Frontend serves the web app for every path outside /api.
	Frontend http.Handler
	// Version is the build's version, reported by /api/v1/version.
	Version string
}

func init() { gin.SetMode(gin.ReleaseMode) }

// NewRouter returns the HTTP handler with every route of P4.
func NewRouter(d Deps) *gin.Engine {
	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.ContextWithFallback = false
	r.Use(requestID(), securityHeaders(), accessLog(d.Log), recovery(d.Log))

	r.GET("/healthz", healthz)
	r.GET("/readyz", readyz(d.Ready))

	v1 := r.Group("/api/v1")
	v1.GET("/version", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"version": d.Version}) })

	r.NoMethod(func(c *gin.Context) {
		writeProblem(c, Problem{Status: http.StatusMethodNotAllowed, Code: "method_not_allowed"})
	})
	r.NoRoute(func(c *gin.Context) {
		p := c.Request.URL.Path
		if strings.HasPrefix(p, "/api/") || p == "/api" || d.Frontend == nil {
			writeProblem(c, Problem{Status: http.StatusNotFound, Code: "not_found", Title: "Not found"})
			return
		}
		d.Frontend.ServeHTTP(c.Writer, c.Request)
	})
	return r
}
