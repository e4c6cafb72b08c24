package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// Routes added by h-portal: the objection queue, evidence removal and the
// list of one's exports.

// objectionQueue lists a period's objections for coordinators (their
// province), admin and leadership; ?state= keeps one state.
func (h *handlers) objectionQueue(c *gin.Context) {
	p, ok := h.yearParam(c)
	if !ok {
		return
	}
	state := c.Query("state")
	switch state {
	case "", "submitted", "accepted", "partly_accepted", "rejected":
	default:
		badParams(c, []FieldError{{Field: "state", Code: "invalid", Message: "state is submitted, accepted, partly_accepted or rejected"}})
		return
	}
	items, err := h.svc.ObjectionQueue(c.Request.Context(), actor(c), p.ID, state)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

// deleteEvidence removes an evidence file from an editable unit (its assessor).
func (h *handlers) deleteEvidence(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	if _, err := h.svc.DeleteEvidence(c.Request.Context(), actor(c), id); err != nil {
		h.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// listExports lists the signed-in user's background exports, newest first.
func (h *handlers) listExports(c *gin.Context) {
	jobs, err := h.svc.MyJobs(c.Request.Context(), actor(c))
	if err != nil {
		h.fail(c, err)
		return
	}
	out := make([]ExportView, len(jobs))
	for i, j := range jobs {
		out[i] = exportView(j)
	}
	c.JSON(http.StatusOK, gin.H{"items": out})
}
