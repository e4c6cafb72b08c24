package api

import (
	"context"
	"io"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/ombudsman-ri/p4/assessment"
)

type windowJSON struct {
	From string `json:"from" validate:"omitempty,datetime=2006-01-02"`
	To   string `json:"to" validate:"omitempty,datetime=2006-01-02"`
}

type scheduleJSON struct {
	Fieldwork windowJSON `json:"fieldwork"`
	Review    windowJSON `json:"review"`
	Objection windowJSON `json:"objection"`
	PublishOn string     `json:"publish_on" validate:"omitempty,datetime=2006-01-02"`
}

func parseDay(s string) *time.Time {
	if s == "" {
		return nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return nil
	}
	return &t
}

func (s scheduleJSON) toSchedule() assessment.Schedule {
	w := func(x windowJSON) assessment.Window {
		return assessment.Window{From: parseDay(x.From), To: parseDay(x.To)}
	}
	return assessment.Schedule{Fieldwork: w(s.Fieldwork), Review: w(s.Review), Objection: w(s.Objection), PublishOn: parseDay(s.PublishOn)}
}

type createPeriodRequest struct {
	Year         int          `json:"year" validate:"required,gte=2000,lte=2100"`
	Name         string       `json:"name" validate:"max=200"`
	MethodPreset string       `json:"method_preset" validate:"omitempty,oneof=2021 2022 2025"`
	MethodID     int64        `json:"method_id" validate:"gte=0"`
	CopyFromYear int          `json:"copy_from_year" validate:"omitempty,gte=2000,lte=2100"`
	Schedule     scheduleJSON `json:"schedule"`
}

func (h *handlers) createPeriod(c *gin.Context) {
	var req createPeriodRequest
	if !bindJSON(c, &req) {
		return
	}
	p, err := h.svc.PlanPeriod(c.Request.Context(), actor(c), assessment.NewPeriod{Year: req.Year, Name: req.Name, MethodPreset: req.MethodPreset,
		MethodID: req.MethodID, CopyFromYear: req.CopyFromYear, Schedule: req.Schedule.toSchedule()})
	if err != nil {
		h.fail(c, err)
		return
	}
	if v, ok := h.periodView(c, p); ok {
		c.JSON(http.StatusCreated, v)
	}
}

type scheduleRequest struct {
	Version  int          `json:"version" validate:"required,gte=1"`
	Schedule scheduleJSON `json:"schedule"`
	Reason   string       `json:"reason" validate:"max=4000"`
}

func (h *handlers) setSchedule(c *gin.Context) {
	p, ok := h.yearParam(c)
	if !ok {
		return
	}
	var req scheduleRequest
	if !bindJSON(c, &req) {
		return
	}
	np, err := h.svc.SetSchedule(c.Request.Context(), actor(c), p.ID, req.Version, req.Schedule.toSchedule(), req.Reason)
	if err != nil {
		h.fail(c, err)
		return
	}
	if v, ok := h.periodView(c, np); ok {
		c.JSON(http.StatusOK, v)
	}
}

func (h *handlers) openPeriod(c *gin.Context)  { h.periodStatus(c, h.svc.OpenPeriod) }
func (h *handlers) closePeriod(c *gin.Context) { h.periodStatus(c, h.svc.ClosePeriod) }

func (h *handlers) periodStatus(c *gin.Context, fn func(ctx context.Context, a assessment.Actor, id int64) error) {
	p, ok := h.yearParam(c)
	if !ok {
		return
	}
	if err := fn(c.Request.Context(), actor(c), p.ID); err != nil {
		h.fail(c, err)
		return
	}
	np, err := h.svc.Store().Period(c.Request.Context(), p.ID)
	if err != nil {
		h.fail(c, err)
		return
	}
	if v, ok := h.periodView(c, np); ok {
		c.JSON(http.StatusOK, v)
	}
}

// replaceMethod takes a p4-method/1 file as the body; If-Match carries the
// period's version.
func (h *handlers) replaceMethod(c *gin.Context) {
	p, ok := h.yearParam(c)
	if !ok {
		return
	}
	version, ok := ifMatchVersion(c)
	if !ok {
		return
	}
	if c.ContentType() != "application/json" {
		writeProblem(c, Problem{Type: "/problems/unsupported-media-type", Status: http.StatusUnsupportedMediaType, Code: "unsupported_media_type", Title: "Send the method file as JSON"})
		return
	}
	body, err := io.ReadAll(c.Request.Body)
	if err != nil {
		writeProblem(c, decodeProblem(err))
		return
	}
	np, err := h.svc.ReplaceMethod(c.Request.Context(), actor(c), p.ID, version, body)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.Header("ETag", etag(np.Version))
	if v, ok := h.periodView(c, np); ok {
		c.JSON(http.StatusOK, v)
	}
}

func (h *handlers) compareMethods(c *gin.Context) {
	var errs []FieldError
	from := queryInt(c, "from", 0, 1, 1<<31-1, &errs)
	to := queryInt(c, "to", 0, 1, 1<<31-1, &errs)
	if from == 0 || to == 0 {
		errs = append(errs, FieldError{Field: "from", Code: "required", Message: "give the method ids from and to"})
	}
	if badParams(c, errs) {
		return
	}
	if a := actor(c); a.Role != assessment.RoleAdmin && a.Role != assessment.RoleCoordinator && a.Role != assessment.RoleLeadership {
		h.fail(c, assessment.ErrForbidden)
		return
	}
	d, err := h.svc.CompareMethods(c.Request.Context(), int64(from), int64(to))
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, d)
}

func (h *handlers) locus(c *gin.Context) {
	p, ok := h.yearParam(c)
	if !ok {
		return
	}
	rows, err := h.svc.Locus(c.Request.Context(), actor(c), p.ID)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": rows})
}

type addLocusRequest struct {
	EntityID          int64  `json:"entity_id" validate:"required,gte=1"`
	Assessed          *bool  `json:"assessed" validate:"required"`
	NotAssessedReason string `json:"not_assessed_reason" validate:"max=4000"`
}

func (h *handlers) addLocus(c *gin.Context) {
	p, ok := h.yearParam(c)
	if !ok {
		return
	}
	var req addLocusRequest
	if !bindJSON(c, &req) {
		return
	}
	if err := h.svc.AddToLocus(c.Request.Context(), actor(c), p.ID, req.EntityID, *req.Assessed, req.NotAssessedReason); err != nil {
		h.fail(c, err)
		return
	}
	c.Status(http.StatusCreated)
}

type setLocusRequest struct {
	Assessed          *bool  `json:"assessed" validate:"required"`
	NotAssessedReason string `json:"not_assessed_reason" validate:"max=4000"`
}

func (h *handlers) setLocus(c *gin.Context) {
	p, id, ok := h.entityParam(c)
	if !ok {
		return
	}
	var req setLocusRequest
	if !bindJSON(c, &req) {
		return
	}
	pe, err := h.svc.SetAssessed(c.Request.Context(), actor(c), p.ID, id, *req.Assessed, req.NotAssessedReason)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, pe)
}

type assignAllRequest struct {
	UserIDs []int64 `json:"user_ids" validate:"required,min=1,max=20,dive,gte=1"`
}

func (h *handlers) assignAll(c *gin.Context) {
	p, id, ok := h.entityParam(c)
	if !ok {
		return
	}
	var req assignAllRequest
	if !bindJSON(c, &req) {
		return
	}
	n, err := h.svc.AssignAll(c.Request.Context(), actor(c), p.ID, id, req.UserIDs)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"assignments": n})
}
