package api

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/scoring"
)

// statusClientClosed is the status logged for a request whose client closed
// it before the answer was ready (nginx's 499; never sent to anyone).
const statusClientClosed = 499

// fail turns an error into a problem response; it is the only place that
// picks status codes for domain errors, and it logs unexpected failures once.
func fail(c *gin.Context, log *slog.Logger, err error) {
	var (
		ve  *assessment.ValidationError
		sve *scoring.ValidationError
		ce  *assessment.ConflictError
		se  *assessment.StateError
		rl  *assessment.RateLimitError
	)
	switch {
	case c.Request.Context().Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)):
		// The client went away (closed the tab, navigated on) before the
		// answer was ready: nothing failed here and nobody reads a body.
		c.AbortWithStatus(statusClientClosed)
	case errors.As(err, &ve):
		fields := make([]FieldError, len(ve.Fields))
		for i, f := range ve.Fields {
			fields[i] = FieldError(f)
		}
		writeProblem(c, Problem{Type: "/problems/validation", Status: http.StatusUnprocessableEntity, Code: "validation",
			Title: "Some fields are invalid", Errors: fields})
	case errors.As(err, &sve):
		fields := make([]FieldError, len(sve.Problems))
		for i, p := range sve.Problems {
			fields[i] = FieldError{Field: p.Path, Code: p.Code, Message: p.Message}
		}
		writeProblem(c, Problem{Type: "/problems/validation", Status: http.StatusUnprocessableEntity, Code: "validation",
			Title: "The file is invalid", Errors: fields})
	case errors.As(err, &ce):
		status := http.StatusConflict
		if c.GetHeader("If-Match") != "" {
			status = http.StatusPreconditionFailed
		}
		writeProblem(c, Problem{Type: "/problems/conflict", Status: status, Code: "version_conflict",
			Title: "Changed by someone else", Detail: ce.Error(), Current: ce.Current})
	case errors.As(err, &rl):
		c.Header("Retry-After", strconv.Itoa(int(rl.RetryAfter.Seconds()+0.999)))
		writeProblem(c, Problem{Type: "/problems/rate-limited", Status: http.StatusTooManyRequests, Code: "rate_limited",
			Title: "Too many attempts", Detail: rl.Error()})
	case errors.As(err, &se):
		code := "invalid_state"
		switch {
		case errors.Is(err, assessment.ErrLocked):
			code = "locked"
		case errors.Is(err, assessment.ErrWindow):
			code = "outside_window"
		}
		writeProblem(c, Problem{Type: "/problems/" + strings.ReplaceAll(code, "_", "-"), Status: http.StatusConflict, Code: code, Title: "Not allowed now", Detail: se.Error()})
	case errors.Is(err, assessment.ErrNotFound):
		writeProblem(c, Problem{Type: "/problems/not-found", Status: http.StatusNotFound, Code: "not_found", Title: "Not found"})
	case errors.Is(err, assessment.ErrForbidden):
		writeProblem(c, Problem{Type: "/problems/forbidden", Status: http.StatusForbidden, Code: "forbidden", Title: "Not allowed for your role"})
	case errors.Is(err, assessment.ErrUnauthenticated):
		writeProblem(c, Problem{Type: "/problems/unauthenticated", Status: http.StatusUnauthorized, Code: "invalid_credentials", Title: "Wrong email or password"})
	case errors.Is(err, assessment.ErrConflict):
		writeProblem(c, Problem{Type: "/problems/conflict", Status: http.StatusConflict, Code: "conflict", Title: "Conflict"})
	case errors.Is(err, assessment.ErrCorrupt):
		log.ErrorContext(c.Request.Context(), "corrupt stored file", "request_id", c.GetString("request_id"), "error", err)
		writeProblem(c, Problem{Type: "/problems/corrupt-file", Status: http.StatusInternalServerError, Code: "corrupt_file",
			Title: "The stored file is damaged", Detail: "The file's content no longer matches its fingerprint; it was not sent. The error was logged."})
	default:
		log.ErrorContext(c.Request.Context(), "request failed", "request_id", c.GetString("request_id"), "route", c.FullPath(), "error", err)
		writeProblem(c, Problem{Type: "/problems/internal", Status: http.StatusInternalServerError, Code: "internal",
			Title: "Internal server error", Detail: "The error was logged with request id " + c.GetString("request_id") + "."})
	}
}
