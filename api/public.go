package api

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/ombudsman-ri/p4/assessment"
)

// public is the actor of unauthenticated reads.
var public = assessment.Actor{Name: "public"}

func (h *handlers) publicPeriods(c *gin.Context) {
	ps, err := h.svc.Periods(c.Request.Context(), true)
	if err != nil {
		h.fail(c, err)
		return
	}
	items := []PeriodView{}
	for _, p := range ps {
		v, ok := h.periodView(c, p)
		if !ok {
			return
		}
		items = append(items, v)
	}
	c.Header("Cache-Control", "public, max-age=60")
	c.JSON(http.StatusOK, gin.H{"items": items})
}

func (h *handlers) publicProvinces(c *gin.Context) {
	regions, err := h.svc.Store().Regions(c.Request.Context())
	if err != nil {
		h.fail(c, err)
		return
	}
	items := []gin.H{}
	for _, r := range regions {
		if r.Level == "province" {
			items = append(items, gin.H{"code": r.Code, "name": r.Name})
		}
	}
	c.Header("Cache-Control", "public, max-age=300")
	c.JSON(http.StatusOK, gin.H{"items": items})
}

// publicRankings serves published rankings only; an unpublished or unknown
// year is 404, whatever it holds.
func (h *handlers) publicRankings(c *gin.Context) {
	year, err := strconv.Atoi(c.Query("year"))
	if err != nil || year < 2000 || year > 2100 {
		writeProblem(c, Problem{Type: "/problems/validation", Status: http.StatusUnprocessableEntity, Code: "validation", Title: "Some parameters are invalid",
			Errors: []FieldError{{Field: "year", Code: "required", Message: "give the year of a published period"}}})
		return
	}
	q, err := h.svc.RankingScope(c.Request.Context(), public, year, c.Query("group"), c.Query("province"), true)
	if err != nil {
		h.fail(c, err)
		return
	}
	h.cachedRanking(c, q, "public, max-age=60")
}

// publicEntity serves an entity's published results across years.
func (h *handlers) publicEntity(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	ctx := c.Request.Context()
	ps, err := h.svc.Periods(ctx, true)
	if err != nil {
		h.fail(c, err)
		return
	}
	history := []gin.H{}
	var entity *assessment.Entity
	for _, p := range ps {
		v, err := h.svc.Result(ctx, public, p.Year, id, true)
		if errors.Is(err, assessment.ErrNotFound) {
			continue
		}
		if err != nil {
			h.fail(c, err)
			return
		}
		if entity == nil {
			e := v.Entity
			entity = &e
		}
		pv, ok := h.periodView(c, p)
		if !ok {
			return
		}
		history = append(history, gin.H{"year": p.Year, "method": pv.Method, "score": v.Snapshot.Score, "category": v.Snapshot.Category,
			"opinion": v.Snapshot.Opinion, "zone": v.Snapshot.Zone, "ranks": v.Snapshot.Ranks, "dimensions": entityDims(v.Snapshot)})
	}
	if entity == nil {
		h.fail(c, assessment.ErrNotFound)
		return
	}
	c.Header("Cache-Control", "public, max-age=60")
	c.JSON(http.StatusOK, gin.H{"entity": gin.H{"id": entity.ID, "name": entity.Name, "kind": entity.Kind, "province_code": entity.ProvinceCode}, "history": history})
}

func entityDims(s assessment.Snapshot) []assessment.SnapshotDimension {
	out := []assessment.SnapshotDimension{}
	for _, d := range s.Dimensions {
		if d.UnitID == 0 {
			out = append(out, d)
		}
	}
	return out
}
