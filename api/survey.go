package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/ombudsman-ri/p4/assessment"
)

// The service-user survey (docs/SURVEY.md): a period's settings, a unit's
// sampling plan, respondents, aggregation into answers, quality flags, the
// coordinator's override, and the public self-completion link.

type surveySettingsRequest struct {
	Version  *int                       `json:"version" validate:"required,gte=0"`
	Settings *assessment.SurveySettings `json:"settings" validate:"required"`
	Reason   string                     `json:"reason" validate:"max=4000"`
}

func (h *handlers) getSurveySettings(c *gin.Context) {
	p, ok := h.yearParam(c)
	if !ok {
		return
	}
	v, err := h.svc.SurveySettings(c.Request.Context(), actor(c), p.ID)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, v)
}

func (h *handlers) setSurveySettings(c *gin.Context) {
	p, ok := h.yearParam(c)
	if !ok {
		return
	}
	var req surveySettingsRequest
	if !bindJSON(c, &req) {
		return
	}
	v, err := h.svc.SetSurveySettings(c.Request.Context(), actor(c), p.ID, *req.Version, *req.Settings, req.Reason)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, v)
}

func (h *handlers) getSurvey(c *gin.Context) { byID(c, h, h.svc.Survey) }

type surveyQuotaJSON struct {
	Product string `json:"product" validate:"required,max=200"`
	Target  int    `json:"target" validate:"gte=1,lte=10000"`
}

type surveyPlanRequest struct {
	Version int               `json:"version" validate:"gte=0"`
	Target  *int              `json:"target" validate:"omitempty,gte=1,lte=10000"`
	Quotas  []surveyQuotaJSON `json:"quotas" validate:"max=200,dive"`
	Link    bool              `json:"link"`
}

func (r surveyPlanRequest) toInput() assessment.SurveyPlanInput {
	in := assessment.SurveyPlanInput{Version: r.Version, Target: r.Target, Link: r.Link, Quotas: make([]assessment.SurveyQuota, len(r.Quotas))}
	for i, q := range r.Quotas {
		in.Quotas[i] = assessment.SurveyQuota(q)
	}
	return in
}

func (h *handlers) setSurveyPlan(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	var req surveyPlanRequest
	if !bindJSON(c, &req) {
		return
	}
	v, err := h.svc.SetSurveyPlan(c.Request.Context(), actor(c), id, req.toInput())
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, v)
}

func (h *handlers) listRespondents(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	rs, err := h.svc.Respondents(c.Request.Context(), actor(c), id)
	if err != nil {
		h.fail(c, err)
		return
	}
	if rs == nil {
		rs = []assessment.Respondent{}
	}
	c.JSON(http.StatusOK, gin.H{"items": rs})
}

type contactJSON struct {
	Name  string `json:"name" validate:"max=200"`
	Phone string `json:"phone" validate:"max=40"`
}

type respondentRequest struct {
	ClientKey   string            `json:"client_key" validate:"required,max=100"`
	Product     string            `json:"product" validate:"max=200"`
	Answers     map[string]string `json:"answers" validate:"required,max=100"`
	Comment     string            `json:"comment" validate:"max=2000"`
	CollectedAt string            `json:"collected_at" validate:"omitempty,datetime=2006-01-02T15:04:05Z07:00"`
	Contact     *contactJSON      `json:"contact"`
}

func (r respondentRequest) toInput() assessment.RespondentInput {
	in := assessment.RespondentInput{ClientKey: r.ClientKey, Product: r.Product, Answers: r.Answers, Comment: r.Comment}
	if t, err := time.Parse(time.RFC3339, r.CollectedAt); err == nil {
		in.CollectedAt = &t
	}
	if r.Contact != nil {
		in.Contact = &assessment.Contact{Name: r.Contact.Name, Phone: r.Contact.Phone}
	}
	return in
}

// createRespondent is idempotent on client_key: 201 when stored now, 200
// with the stored respondent when it was already.
func (h *handlers) createRespondent(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	var req respondentRequest
	if !bindJSON(c, &req) {
		return
	}
	r, created, err := h.svc.RecordRespondent(c.Request.Context(), actor(c), id, req.toInput())
	if err != nil {
		h.fail(c, err)
		return
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	c.JSON(status, r)
}

func (h *handlers) deleteContact(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	rid, ok := idParam(c, "respondent")
	if !ok {
		return
	}
	if err := h.svc.DeleteContact(c.Request.Context(), actor(c), id, rid); err != nil {
		h.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (h *handlers) aggregateSurvey(c *gin.Context) { byID(c, h, h.svc.AggregateSurvey) }

func (h *handlers) surveyFlags(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	fs, err := h.svc.SurveyFlags(c.Request.Context(), actor(c), id)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": fs})
}

func (h *handlers) overrideSurvey(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	var req reasonRequest
	if !bindJSON(c, &req) {
		return
	}
	v, err := h.svc.OverrideSurveyTarget(c.Request.Context(), actor(c), id, req.Reason)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, v)
}

// surveyForm is the public self-completion form of a unit's link.
func (h *handlers) surveyForm(c *gin.Context) {
	f, err := h.svc.SurveyForm(c.Request.Context(), c.Param("token"), c.ClientIP())
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, f)
}

type selfResponseRequest struct {
	Challenge string            `json:"challenge" validate:"required,max=200"`
	Product   string            `json:"product" validate:"max=200"`
	Answers   map[string]string `json:"answers" validate:"required,max=100"`
	Comment   string            `json:"comment" validate:"max=2000"`
}

// surveyRespond takes a self-completed answer: 201 when stored, 200 when
// the same answer to the same form was stored before.
func (h *handlers) surveyRespond(c *gin.Context) {
	var req selfResponseRequest
	if !bindJSON(c, &req) {
		return
	}
	created, err := h.svc.SubmitSurveyForm(c.Request.Context(), c.Param("token"), c.ClientIP(),
		assessment.SelfResponse{Challenge: req.Challenge, Product: req.Product, Answers: req.Answers, Comment: req.Comment})
	if err != nil {
		h.fail(c, err)
		return
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	c.JSON(status, gin.H{"received": true})
}
