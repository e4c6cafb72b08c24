package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/scoring"
)

// PeriodView is a period as the API shows it.
type PeriodView struct {
	ID          int64          `json:"id"`
	Year        int            `json:"year"`
	Name        string         `json:"name"`
	Status      string         `json:"status"`
	Historical  bool           `json:"historical"`
	Windows     map[string]any `json:"windows"`
	PublishedAt any            `json:"published_at"`
	Method      MethodSummary  `json:"method"`
	Version     int            `json:"version"`
}

// MethodSummary is what a reader needs to understand scores: dimensions and bands.
type MethodSummary struct {
	ID         int64          `json:"id"`
	Code       string         `json:"code"`
	Name       string         `json:"name"`
	NameEn     string         `json:"name_en,omitempty"`
	Family     string         `json:"family"`
	Dimensions []DimensionSum `json:"dimensions"`
	Bands      []scoring.Band `json:"bands"`
}

// DimensionSum is a dimension and its weight in points of 100.
type DimensionSum struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	NameEn string `json:"name_en,omitempty"`
	Weight string `json:"weight"`
}

func methodSummary(id int64, m *scoring.Method) MethodSummary {
	s := MethodSummary{ID: id, Code: m.Code, Name: m.Name, NameEn: m.NameEn, Family: m.Family, Bands: m.Bands, Dimensions: []DimensionSum{}}
	if m.Instrument != nil {
		for _, d := range m.Instrument.Dimensions {
			w := ""
			if d.Weight != nil {
				w = d.Weight.FloatString(2)
			}
			s.Dimensions = append(s.Dimensions, DimensionSum{Code: d.Code, Name: d.Name, NameEn: d.NameEn, Weight: w})
		}
	}
	return s
}

func (h *handlers) periodView(c *gin.Context, p assessment.Period) (PeriodView, bool) {
	m, err := h.svc.MethodOf(c.Request.Context(), p)
	if err != nil {
		h.fail(c, err)
		return PeriodView{}, false
	}
	day := func(w assessment.Window) any {
		if w.From == nil {
			return nil
		}
		return map[string]string{"from": w.From.Format("2006-01-02"), "to": w.To.Format("2006-01-02")}
	}
	v := PeriodView{ID: p.ID, Year: p.Year, Name: p.Name, Status: p.Status, Historical: p.Historical, Version: p.Version,
		Windows: map[string]any{"fieldwork": day(p.Fieldwork), "review": day(p.Review), "objection": day(p.Objection)},
		Method:  methodSummary(p.MethodID, m)}
	if p.PublishOn != nil {
		v.Windows["publish_on"] = p.PublishOn.Format("2006-01-02")
	}
	if p.PublishedAt != nil {
		v.PublishedAt = p.PublishedAt
	}
	return v, true
}

func (h *handlers) listPeriods(c *gin.Context) {
	ps, err := h.svc.Periods(c.Request.Context(), false)
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
	c.JSON(http.StatusOK, gin.H{"items": items})
}

// yearParam reads :year and its period.
func (h *handlers) yearParam(c *gin.Context) (assessment.Period, bool) {
	y, err := strconv.Atoi(c.Param("year"))
	if err != nil || y < 2000 || y > 2100 {
		writeProblem(c, Problem{Type: "/problems/not-found", Status: http.StatusNotFound, Code: "not_found", Title: "Not found"})
		return assessment.Period{}, false
	}
	p, err := h.svc.Store().PeriodByYear(c.Request.Context(), y)
	if err != nil {
		h.fail(c, err)
		return p, false
	}
	return p, true
}

func (h *handlers) getPeriod(c *gin.Context) {
	p, ok := h.yearParam(c)
	if !ok {
		return
	}
	if v, ok := h.periodView(c, p); ok {
		c.JSON(http.StatusOK, v)
	}
}

// getMethod returns the period's whole method file (bands, rules, instrument).
func (h *handlers) getMethod(c *gin.Context) {
	p, ok := h.yearParam(c)
	if !ok {
		return
	}
	mv, err := h.svc.Store().Method(c.Request.Context(), p.MethodID)
	if err != nil {
		h.fail(c, err)
		return
	}
	// The method a period uses changes only with the period's version, which
	// is what PUT /periods/{year}/method takes in If-Match.
	c.Header("ETag", etag(p.Version))
	c.Data(http.StatusOK, "application/json", mv.Definition)
}

func (h *handlers) publishPreview(c *gin.Context) {
	p, ok := h.yearParam(c)
	if !ok {
		return
	}
	if actor(c).Role != assessment.RoleAdmin {
		h.fail(c, assessment.ErrForbidden)
		return
	}
	sum, err := h.svc.PublishPreview(c.Request.Context(), p.ID)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, sum)
}

func (h *handlers) publish(c *gin.Context) {
	p, ok := h.yearParam(c)
	if !ok {
		return
	}
	sum, err := h.svc.Publish(c.Request.Context(), actor(c), p.ID)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, sum)
}

// rankingBody encodes a ranking with its period and method summary.
func (h *handlers) rankingBody(c *gin.Context, v assessment.RankingView) ([]byte, bool) {
	pv, ok := h.periodView(c, v.Period)
	if !ok {
		return nil, false
	}
	items := v.Items
	if items == nil {
		items = []assessment.RankingRow{}
	}
	body := gin.H{"period": pv, "group": v.Group, "items": items,
		"distribution": gin.H{"zones": v.Zones, "categories": v.Categories}, "not_assessed": v.NotAssessed}
	if v.PreviousYear != 0 {
		body["previous_year"] = v.PreviousYear
	}
	b, err := json.Marshal(body)
	if err != nil {
		h.fail(c, err)
		return nil, false
	}
	return b, true
}

const jsonType = "application/json; charset=utf-8"

// cachedRanking answers an authorized, scoped ranking query from this
// instance's cache when it was built at the current results version, and
// builds and keeps it otherwise. cacheControl, if any, goes with a success.
func (h *handlers) cachedRanking(c *gin.Context, q assessment.RankingQuery, cacheControl string) {
	ctx := c.Request.Context()
	version, err := h.svc.Store().ResultsVersion(ctx)
	if err != nil {
		h.fail(c, err)
		return
	}
	body, _, ok := h.results.load(q.Key(), version, func() ([]byte, any, bool) {
		v, err := h.svc.RankingOf(ctx, q)
		if err != nil {
			h.fail(c, err)
			return nil, nil, false
		}
		b, ok := h.rankingBody(c, v)
		return b, nil, ok
	})
	if ok {
		if cacheControl != "" {
			c.Header("Cache-Control", cacheControl)
		}
		c.Data(http.StatusOK, jsonType, body)
	}
}

func (h *handlers) rankings(c *gin.Context) {
	y, err := strconv.Atoi(c.Param("year"))
	if err != nil {
		h.yearParam(c) // the not-found answer of a malformed year
		return
	}
	q, err := h.svc.RankingScope(c.Request.Context(), actor(c), y, c.Query("group"), c.Query("province"), false)
	if err != nil {
		// An unknown year is not found before anything else, as ever.
		if _, ok := h.yearParam(c); ok {
			h.fail(c, err)
		}
		return
	}
	h.cachedRanking(c, q, "") // an unknown year is not found when built
}

func (h *handlers) entityParam(c *gin.Context) (assessment.Period, int64, bool) {
	p, ok := h.yearParam(c)
	if !ok {
		return p, 0, false
	}
	id, ok := idParam(c, "id")
	return p, id, ok
}

// resultMeta is what deciding who may see a cached result takes.
type resultMeta struct {
	period assessment.Period
	entity assessment.Entity
	state  string
}

func (h *handlers) result(c *gin.Context) {
	a := actor(c)
	year, yerr := strconv.Atoi(c.Param("year"))
	id, ierr := strconv.ParseInt(c.Param("id"), 10, 64)
	if _, decided := assessment.ResultVisible(a, assessment.Period{}, assessment.Entity{}, "", false); yerr != nil || ierr != nil || id <= 0 || !decided {
		h.uncachedResult(c) // malformed parameters, or an assessor (whose access depends on assignments)
		return
	}
	ctx := c.Request.Context()
	version, err := h.svc.Store().ResultsVersion(ctx)
	if err != nil {
		h.fail(c, err)
		return
	}
	key := "result|" + strconv.Itoa(year) + "|" + strconv.FormatInt(id, 10)
	body, meta, ok := h.results.load(key, version, func() ([]byte, any, bool) {
		p, ok := h.yearParam(c)
		if !ok {
			return nil, nil, false
		}
		v, err := h.svc.Result(ctx, a, p.Year, id, false)
		if err != nil {
			h.fail(c, err)
			return nil, nil, false
		}
		b, err := json.Marshal(resultBody(v))
		if err != nil {
			h.fail(c, err)
			return nil, nil, false
		}
		return b, resultMeta{period: v.Period, entity: v.Entity, state: v.State}, true
	})
	if !ok {
		return
	}
	// Built by (or for) another caller: this one must be allowed to see it.
	m := meta.(resultMeta)
	if visible, _ := assessment.ResultVisible(a, m.period, m.entity, m.state, false); !visible {
		h.fail(c, assessment.ErrNotFound)
		return
	}
	c.Data(http.StatusOK, jsonType, body)
}

func resultBody(v assessment.ResultView) gin.H {
	return gin.H{"entity": v.Entity, "state": v.State, "result": v.Snapshot, "detail": v.Snapshot.Detail}
}

func (h *handlers) uncachedResult(c *gin.Context) {
	p, id, ok := h.entityParam(c)
	if !ok {
		return
	}
	v, err := h.svc.Result(c.Request.Context(), actor(c), p.Year, id, false)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, resultBody(v))
}

func (h *handlers) explanation(c *gin.Context) {
	p, id, ok := h.entityParam(c)
	if !ok {
		return
	}
	v, err := h.svc.Explain(c.Request.Context(), actor(c), p.Year, id)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, v)
}

type whatIfRequest struct {
	Changes []whatIfChange `json:"changes" validate:"max=1000,dive"`
}

type whatIfChange struct {
	UnitID    int64  `json:"unit_id" validate:"required,gte=1"`
	Indicator string `json:"indicator" validate:"required,max=100"`
	Value     *int   `json:"value" validate:"omitempty,gte=0,lte=100"`
	NA        bool   `json:"na"`
}

func (h *handlers) whatIf(c *gin.Context) {
	p, id, ok := h.entityParam(c)
	if !ok {
		return
	}
	var req whatIfRequest
	if !bindJSON(c, &req) {
		return
	}
	changes := make([]scoring.Change, len(req.Changes))
	for i, ch := range req.Changes {
		ans := scoring.Answer{NA: ch.NA}
		if ch.Value != nil {
			ans.Value = *ch.Value
		}
		changes[i] = scoring.Change{UnitID: strconv.FormatInt(ch.UnitID, 10), Indicator: ch.Indicator, Answer: ans}
	}
	res, err := h.svc.WhatIf(c.Request.Context(), actor(c), p.Year, id, changes)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, res)
}

func (h *handlers) verify(c *gin.Context) {
	p, id, ok := h.entityParam(c)
	if !ok {
		return
	}
	pe, err := h.svc.Verify(c.Request.Context(), actor(c), p.ID, id)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, pe)
}

func (h *handlers) finalize(c *gin.Context) {
	p, id, ok := h.entityParam(c)
	if !ok {
		return
	}
	pe, err := h.svc.Finalize(c.Request.Context(), actor(c), p.ID, id)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, pe)
}

func (h *handlers) listObjections(c *gin.Context) {
	p, id, ok := h.entityParam(c)
	if !ok {
		return
	}
	items, err := h.svc.Objections(c.Request.Context(), actor(c), p.ID, id)
	if err != nil {
		h.fail(c, err)
		return
	}
	if items == nil {
		items = []assessment.Objection{}
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

type objectionRequest struct {
	Statement string                          `json:"statement" validate:"required,max=4000"`
	Items     []assessment.ObjectionItemInput `json:"items" validate:"required,min=1,max=200"`
}

func (h *handlers) fileObjection(c *gin.Context) {
	p, id, ok := h.entityParam(c)
	if !ok {
		return
	}
	var req objectionRequest
	if !bindJSON(c, &req) {
		return
	}
	o, err := h.svc.FileObjection(c.Request.Context(), actor(c), p.ID, id, assessment.ObjectionInput{Statement: req.Statement, Items: req.Items})
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, o)
}

type decisionRequest struct {
	State  string                             `json:"state" validate:"required,oneof=accepted partly_accepted rejected"`
	Reason string                             `json:"reason" validate:"required,max=4000"`
	Items  []assessment.ObjectionItemDecision `json:"items" validate:"max=200"`
}

func (h *handlers) decideObjection(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	var req decisionRequest
	if !bindJSON(c, &req) {
		return
	}
	o, err := h.svc.DecideObjection(c.Request.Context(), actor(c), id, assessment.ObjectionDecision{State: req.State, Reason: req.Reason, Items: req.Items})
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, o)
}

// uploadObjectionEvidence takes multipart/form-data with a "file" field.
func (h *handlers) uploadObjectionEvidence(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	file, name, ok := multipartFile(c)
	if !ok {
		return
	}
	ev, err := h.svc.AddObjectionEvidence(c.Request.Context(), actor(c), id, name, file)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, ev)
}

func (h *handlers) listObjectionEvidence(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	files, err := h.svc.ObjectionFiles(c.Request.Context(), actor(c), id)
	if err != nil {
		h.fail(c, err)
		return
	}
	if files == nil {
		files = []assessment.ObjectionEvidence{}
	}
	c.JSON(http.StatusOK, gin.H{"items": files})
}

func (h *handlers) downloadObjectionEvidence(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	fileID, ok := idParam(c, "file")
	if !ok {
		return
	}
	f, rc, err := h.svc.OpenObjectionFile(c.Request.Context(), actor(c), id, fileID)
	if err != nil {
		h.fail(c, err)
		return
	}
	defer rc.Close()
	sendFile(c, f.MediaType, f.Size, fmt.Sprintf("objection-%d-%d", id, fileID), f.OriginalName, rc)
}
