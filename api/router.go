// Package api is P4's HTTP interface: the gin router with every route
// declared in one place, sign-in and sessions, middleware, and RFC 9457
// problem details. Handlers are thin over the assessment service; api never
// sees gorm.
package api

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/gin-gonic/gin"

	"github.com/ombudsman-ri/p4/assessment"
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
	// Service is the assessment domain.
	Service *assessment.Service
	// Sessions keeps sign-in sessions (in PostgreSQL).
	Sessions *scs.SessionManager
	// TrustedProxies are the addresses (IPs or CIDRs) of reverse proxies
	// whose X-Forwarded-For is believed; none by default, so a client cannot
	// pick the address that rate limits and logs see.
	TrustedProxies []string
	// ExportDir is the folder finished background exports are written to
	// and downloaded from: P4_DATA_DIR/exports, shared by every instance.
	ExportDir string
	// JobPoll is how often an idle job worker (StartJobs) looks for work;
	// 2 seconds when zero.
	JobPoll time.Duration
}

// Body size limits.
const (
	maxJSONBody   = 1 << 20
	maxUploadBody = assessment.MaxEvidenceSize + 1<<20
)

func init() { gin.SetMode(gin.ReleaseMode) }

type handlers struct {
	log       *slog.Logger
	svc       *assessment.Service
	sessions  *scs.SessionManager
	exportDir string
	results   *resultCache // encoded rankings and results (api/resultcache.go)
}

func (h *handlers) fail(c *gin.Context, err error) { fail(c, h.log, err) }

// NewHandler returns the complete HTTP handler: cross-origin protection for
// unsafe methods, sessions, and the router.
func NewHandler(d Deps) http.Handler {
	r := NewRouter(d)
	var h http.Handler = r
	if d.Sessions != nil {
		h = d.Sessions.LoadAndSave(h)
	}
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Type", ProblemContentType)
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write([]byte(`{"type":"/problems/cross-origin","title":"Cross-origin request refused","status":403,"code":"cross_origin"}`))
	}))
	return cop.Handler(h)
}

// NewRouter returns the gin engine with every route of P4.
func NewRouter(d Deps) *gin.Engine {
	r := gin.New()
	if err := r.SetTrustedProxies(d.TrustedProxies); err != nil {
		panic(fmt.Sprintf("trusted proxies: %v", err)) // checked when the configuration is loaded
	}
	r.HandleMethodNotAllowed = true
	r.ContextWithFallback = false
	r.Use(requestID(), securityHeaders(), accessLog(d.Log), recovery(d.Log), bodyLimit())

	r.GET("/healthz", healthz)
	r.GET("/readyz", readyz(d.Ready))

	h := &handlers{log: d.Log, svc: d.Service, sessions: d.Sessions, exportDir: d.ExportDir, results: newResultCache(4096, 64<<20)}
	v1 := r.Group("/api/v1")
	v1.GET("/version", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"version": d.Version}) })
	v1.GET("/openapi.json", openAPI)
	if d.Service != nil {
		v1.GET("/ping", func(c *gin.Context) {
			if err := d.Service.Ping(c.Request.Context()); err != nil {
				fail(c, d.Log, err)
				return
			}
			c.JSON(http.StatusOK, gin.H{"status": "ok"})
		})
	}
	if d.Service != nil && d.Sessions != nil {
		routes(v1, h)
	}

	r.NoMethod(func(c *gin.Context) {
		writeProblem(c, Problem{Status: http.StatusMethodNotAllowed, Code: "method_not_allowed"})
	})
	r.NoRoute(func(c *gin.Context) {
		p := c.Request.URL.Path
		if strings.HasPrefix(p, "/api/") || p == "/api" || d.Frontend == nil {
			writeProblem(c, Problem{Type: "/problems/not-found", Status: http.StatusNotFound, Code: "not_found", Title: "Not found"})
			return
		}
		d.Frontend.ServeHTTP(c.Writer, c.Request)
	})
	return r
}

// routes declares every API route. Each one appears in the OpenAPI
// description and in the authorization matrix test.
func routes(v1 *gin.RouterGroup, h *handlers) {
	// Public: published results only, no sign-in.
	pub := v1.Group("/public")
	pub.GET("/periods", h.publicPeriods)
	pub.GET("/provinces", h.publicProvinces)
	pub.GET("/rankings", h.publicRankings)
	pub.GET("/entities/:id", h.publicEntity)

	// Sign-in.
	v1.POST("/session", h.signIn)

	// Self-completion survey: a unit's link, answered anonymously, limited
	// per client address and per link (api/survey.go).
	v1.GET("/survey/:token", h.surveyForm)
	v1.POST("/survey/:token", h.surveyRespond)

	auth := v1.Group("", h.requireUser)
	auth.GET("/session", h.session)
	auth.DELETE("/session", h.signOut)
	auth.PUT("/session/password", h.changePassword)

	auth.GET("/regions", h.listRegions)
	auth.GET("/entities", h.listEntities)
	auth.POST("/entities", h.createEntity)
	auth.GET("/entities/:id", h.getEntity)
	auth.PATCH("/entities/:id", h.updateEntity)
	auth.POST("/entities/:id/units", h.addUnit)
	auth.PATCH("/entities/:id/units/:unit", h.updateUnit)

	auth.GET("/periods", h.listPeriods)
	auth.POST("/periods", h.createPeriod)
	auth.GET("/periods/:year", h.getPeriod)
	auth.PUT("/periods/:year/schedule", h.setSchedule)
	auth.POST("/periods/:year/open", h.openPeriod)
	auth.POST("/periods/:year/close", h.closePeriod)
	auth.GET("/periods/:year/method", h.getMethod)
	auth.PUT("/periods/:year/method", h.replaceMethod)
	auth.GET("/methods/compare", h.compareMethods)
	auth.GET("/periods/:year/locus", h.locus)
	auth.POST("/periods/:year/locus", h.addLocus)
	auth.PATCH("/periods/:year/locus/:id", h.setLocus)
	auth.POST("/periods/:year/entities/:id/assessors", h.assignAll)
	auth.GET("/periods/:year/publication", h.publishPreview)
	auth.POST("/periods/:year/publication", h.publish)
	auth.GET("/periods/:year/rankings", h.rankings)
	auth.GET("/periods/:year/entities/:id/result", h.result)
	auth.GET("/periods/:year/entities/:id/explanation", h.explanation)
	auth.POST("/periods/:year/entities/:id/what-if", h.whatIf)
	auth.POST("/periods/:year/entities/:id/verify", h.verify)
	auth.POST("/periods/:year/entities/:id/finalize", h.finalize)
	auth.GET("/periods/:year/entities/:id/objections", h.listObjections)
	auth.POST("/periods/:year/entities/:id/objections", h.fileObjection)
	auth.POST("/objections/:id/decision", h.decideObjection)
	auth.GET("/objections/:id/evidence", h.listObjectionEvidence)
	auth.POST("/objections/:id/evidence", h.uploadObjectionEvidence)
	auth.GET("/objections/:id/evidence/:file", h.downloadObjectionEvidence)
	// Objection queue, evidence removal, one's exports (h-portal).
	auth.GET("/periods/:year/objections", h.objectionQueue)
	auth.DELETE("/evidence/:id", h.deleteEvidence)
	auth.GET("/exports", h.listExports)

	auth.GET("/work", h.work)
	auth.GET("/unit-assessments/:id", h.getUnit)
	auth.GET("/unit-assessments/:id/score", h.unitScore)
	auth.PUT("/unit-assessments/:id/answers/:indicator", h.saveAnswer)
	auth.POST("/unit-assessments/:id/submit", h.submit)
	auth.POST("/unit-assessments/:id/return", h.returnUnit)
	auth.POST("/unit-assessments/:id/accept", h.accept)
	auth.POST("/unit-assessments/:id/reopen", h.reopen)
	auth.POST("/unit-assessments/:id/assessors", h.assign)
	auth.POST("/unit-assessments/:id/evidence", h.uploadEvidence)
	auth.GET("/evidence/:id", h.downloadEvidence)

	auth.GET("/users", h.listUsers)
	auth.POST("/users", h.createUser)
	auth.PATCH("/users/:id", h.updateUser)
	auth.POST("/users/:id/password", h.resetPassword)
	auth.GET("/audit", h.listAudit)

	// Web app II, people: taking an assessor off a unit (reassignment);
	// adding a province, regency or city.
	auth.DELETE("/unit-assessments/:id/assessors/:user", h.unassign)
	auth.POST("/regions", h.createRegion)

	// Workbooks: leadership workbook, agency report card, background
	// exports, import templates and imports (api/excel.go).
	auth.GET("/periods/:year/workbook.xlsx", h.workbook)
	auth.GET("/periods/:year/entities/:id/report.xlsx", h.agencyReport)
	auth.POST("/exports", h.requestExport)
	auth.GET("/exports/:id", h.getExport)
	auth.GET("/exports/:id/file", h.exportFile)
	auth.GET("/templates/:kind.xlsx", h.template) // gin names the parameter "kind.xlsx"
	auth.POST("/imports/:kind", h.importFile)

	// Service-user survey: settings, sampling plan, respondents, aggregation
	// into answers, quality flags, override (api/survey.go).
	auth.GET("/periods/:year/survey", h.getSurveySettings)
	auth.PUT("/periods/:year/survey", h.setSurveySettings)
	auth.GET("/unit-assessments/:id/survey", h.getSurvey)
	auth.PUT("/unit-assessments/:id/survey/plan", h.setSurveyPlan)
	auth.GET("/unit-assessments/:id/survey/respondents", h.listRespondents)
	auth.POST("/unit-assessments/:id/survey/respondents", h.createRespondent)
	auth.DELETE("/unit-assessments/:id/survey/respondents/:respondent/contact", h.deleteContact)
	auth.POST("/unit-assessments/:id/survey/aggregate", h.aggregateSurvey)
	auth.GET("/unit-assessments/:id/survey/flags", h.surveyFlags)
	auth.POST("/unit-assessments/:id/survey/override", h.overrideSurvey)

	// Setting up a period's instrument: a stored method version, the
	// instrument as a workbook, the indicator mapping to the previous
	// period (api/mapping.go).
	auth.GET("/methods/:id", h.getMethodVersion)
	auth.GET("/periods/:year/instrument.xlsx", h.instrumentWorkbook)
	auth.GET("/periods/:year/indicator-mapping", h.getIndicatorMapping)
	auth.PUT("/periods/:year/indicator-mapping", h.setIndicatorMapping)
}

// bodyLimit caps request bodies: uploads get room for one evidence file.
func bodyLimit() gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.Request.Body != nil {
			limit := int64(maxJSONBody)
			if strings.HasSuffix(c.Request.URL.Path, "/evidence") {
				limit = maxUploadBody
			}
			if strings.HasPrefix(c.Request.URL.Path, "/api/v1/imports/") {
				limit = maxImportBody
			}
			c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
		}
		c.Next()
	}
}
