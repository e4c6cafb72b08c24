package api

import (
	"bytes"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/excel"
)

// Setting up a period's instrument through the web app: a stored method
// version's file, a period's instrument as a workbook, and the mapping of
// its indicators to the previous period's.

// getMethodVersion returns a stored method version's file, e.g. the one an
// instrument workbook import just registered, so that it can be given to a
// period (PUT /periods/{year}/method) or compared.
func (h *handlers) getMethodVersion(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	if a := actor(c); a.Role != assessment.RoleAdmin && a.Role != assessment.RoleCoordinator && a.Role != assessment.RoleLeadership {
		h.fail(c, assessment.ErrForbidden)
		return
	}
	mv, err := h.svc.Store().Method(c.Request.Context(), id)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.Header("ETag", `"`+mv.SHA256+`"`)
	c.Data(http.StatusOK, "application/json", mv.Definition)
}

// instrumentWorkbook sends a period's instrument as the instrument workbook
// (the same sheets POST /imports/instrument reads).
func (h *handlers) instrumentWorkbook(c *gin.Context) {
	p, ok := h.yearParam(c)
	if !ok {
		return
	}
	m, err := h.svc.MethodOf(c.Request.Context(), p)
	if err != nil {
		h.fail(c, err)
		return
	}
	if m.Instrument == nil || len(m.Components) > 0 {
		h.fail(c, &assessment.StateError{Action: "instrument workbook", Kind: assessment.ErrState,
			Detail: "this method has no instrument, or is composite: export it as JSON (GET /periods/{year}/method)"})
		return
	}
	var buf bytes.Buffer
	if err := excel.WriteInstrumentWorkbook(&buf, m); err != nil {
		h.fail(c, err)
		return
	}
	sendXLSX(c, fmt.Sprintf("p4-instrumen-%d.xlsx", p.Year), buf.Bytes())
}

func (h *handlers) getIndicatorMapping(c *gin.Context) {
	p, ok := h.yearParam(c)
	if !ok {
		return
	}
	m, err := h.svc.IndicatorMapping(c.Request.Context(), actor(c), p.ID)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, m)
}

type mappingLine struct {
	Indicator string  `json:"indicator" validate:"required,max=100"`
	Previous  *string `json:"previous" validate:"omitempty,max=100"`
}

type mappingRequest struct {
	Items  []mappingLine `json:"items" validate:"required,max=2000,dive"`
	Reason string        `json:"reason" validate:"max=4000"`
}

func (h *handlers) setIndicatorMapping(c *gin.Context) {
	p, ok := h.yearParam(c)
	if !ok {
		return
	}
	if actor(c).Role != assessment.RoleAdmin {
		h.fail(c, assessment.ErrForbidden)
		return
	}
	var req mappingRequest
	if !bindJSON(c, &req) {
		return
	}
	in := make([]assessment.MappingInput, len(req.Items))
	for i, l := range req.Items {
		in[i] = assessment.MappingInput{Indicator: l.Indicator, Previous: l.Previous}
	}
	m, err := h.svc.SetIndicatorMapping(c.Request.Context(), actor(c), p.ID, in, req.Reason)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, m)
}
