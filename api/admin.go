package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/scoring"
)

func (h *handlers) listRegions(c *gin.Context) {
	rs, err := h.svc.Store().Regions(c.Request.Context())
	if err != nil {
		h.fail(c, err)
		return
	}
	if rs == nil {
		rs = []assessment.Region{}
	}
	c.JSON(http.StatusOK, gin.H{"items": rs})
}

type createRegionRequest struct {
	Code       string `json:"code" validate:"required,max=20"`
	Name       string `json:"name" validate:"required,max=200"`
	Level      string `json:"level" validate:"required,oneof=province regency city"`
	ParentCode string `json:"parent_code" validate:"max=20"`
}

// createRegion adds a province, regency or city (admin), so that entities
// of a new province can be set up.
func (h *handlers) createRegion(c *gin.Context) {
	var req createRegionRequest
	if !bindJSON(c, &req) {
		return
	}
	r := assessment.Region{Code: req.Code, Name: req.Name, Level: req.Level}
	if err := h.svc.CreateRegion(c.Request.Context(), actor(c), &r, req.ParentCode); err != nil {
		switch {
		case errors.Is(err, assessment.ErrConflict):
			err = &assessment.ValidationError{Fields: []assessment.FieldError{{Field: "code", Code: "taken", Message: "a region with this code exists"}}}
		case errors.Is(err, assessment.ErrNotFound):
			err = &assessment.ValidationError{Fields: []assessment.FieldError{{Field: "parent_code", Code: "unknown", Message: "no region with this code"}}}
		}
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, r)
}

func badParams(c *gin.Context, errs []FieldError) bool {
	if len(errs) == 0 {
		return false
	}
	writeProblem(c, Problem{Type: "/problems/validation", Status: http.StatusUnprocessableEntity, Code: "validation", Title: "Some parameters are invalid", Errors: errs})
	return true
}

func (h *handlers) listEntities(c *gin.Context) {
	var errs []FieldError
	f := assessment.EntityFilter{ProvinceCode: c.Query("province"), Kind: c.Query("kind"), Query: c.Query("q")}
	f.Page.Limit = queryInt(c, "limit", assessment.DefaultLimit, 1, assessment.MaxLimit, &errs)
	f.Page.Offset = queryInt(c, "offset", 0, 0, 1<<30, &errs)
	f.Page.Sort = sortParam(c, "entities", &errs)
	if badParams(c, errs) {
		return
	}
	items, total, err := h.svc.Entities(c.Request.Context(), actor(c), f)
	if err != nil {
		h.fail(c, err)
		return
	}
	if items == nil {
		items = []assessment.EntitySummary{}
	}
	c.JSON(http.StatusOK, gin.H{"items": items, "total": total, "limit": f.Page.Limit, "offset": f.Page.Offset})
}

func (h *handlers) getEntity(c *gin.Context) { byID(c, h, h.svc.EntityFor) }

func (h *handlers) listUsers(c *gin.Context) {
	var errs []FieldError
	f := assessment.UserFilter{Role: c.Query("role"), Query: c.Query("q")}
	f.EntityID = int64(queryInt(c, "entity_id", 0, 1, 1<<31-1, &errs))
	f.Page.Limit = queryInt(c, "limit", assessment.DefaultLimit, 1, assessment.MaxLimit, &errs)
	f.Page.Offset = queryInt(c, "offset", 0, 0, 1<<30, &errs)
	f.Page.Sort = sortParam(c, "users", &errs)
	if badParams(c, errs) {
		return
	}
	us, total, err := h.svc.Users(c.Request.Context(), actor(c), f)
	if err != nil {
		h.fail(c, err)
		return
	}
	items := make([]UserView, len(us))
	for i, u := range us {
		items[i] = h.userView(c, u)
	}
	c.JSON(http.StatusOK, gin.H{"items": items, "total": total, "limit": f.Page.Limit, "offset": f.Page.Offset})
}

type createUserRequest struct {
	Email      string `json:"email" validate:"required,email,max=254"`
	Name       string `json:"name" validate:"required,max=200"`
	Role       string `json:"role" validate:"required,oneof=admin coordinator assessor agency leadership"`
	ProvinceID int64  `json:"province_id" validate:"gte=0"`
	EntityID   int64  `json:"entity_id" validate:"gte=0"`
	Password   string `json:"password" validate:"required,min=10,max=1000"`
}

func (h *handlers) createUser(c *gin.Context) {
	var req createUserRequest
	if !bindJSON(c, &req) {
		return
	}
	u, err := h.svc.CreateUser(c.Request.Context(), actor(c), assessment.NewUser{Email: req.Email, Name: req.Name, Role: assessment.Role(req.Role),
		ProvinceID: req.ProvinceID, EntityID: req.EntityID, Password: req.Password})
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, h.userView(c, u))
}

type updateUserRequest struct {
	Name       *string `json:"name" validate:"omitempty,min=1,max=200"`
	Role       *string `json:"role" validate:"omitempty,oneof=admin coordinator assessor agency leadership"`
	ProvinceID *int64  `json:"province_id" validate:"omitempty,gte=0"`
	EntityID   *int64  `json:"entity_id" validate:"omitempty,gte=0"`
	Active     *bool   `json:"active"`
}

func (h *handlers) updateUser(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	var req updateUserRequest
	if !bindJSON(c, &req) {
		return
	}
	p := assessment.UserPatch{Name: req.Name, ProvinceID: req.ProvinceID, EntityID: req.EntityID, Active: req.Active}
	if req.Role != nil {
		r := assessment.Role(*req.Role)
		p.Role = &r
	}
	u, err := h.svc.UpdateUser(c.Request.Context(), actor(c), id, p)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, h.userView(c, u))
}

type resetPasswordRequest struct {
	NewPassword string `json:"new_password" validate:"required,min=10,max=1000"`
}

func (h *handlers) resetPassword(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	var req resetPasswordRequest
	if !bindJSON(c, &req) {
		return
	}
	if _, err := h.svc.ResetPassword(c.Request.Context(), actor(c), id, req.NewPassword); err != nil {
		h.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// AuditView is an audit row with its values as JSON.
type AuditView struct {
	ID         int64           `json:"id"`
	At         time.Time       `json:"at"`
	ActorID    int64           `json:"actor_id,omitempty"`
	Actor      string          `json:"actor"`
	Action     string          `json:"action"`
	ObjectType string          `json:"object_type"`
	ObjectID   string          `json:"object_id"`
	PeriodID   int64           `json:"period_id,omitempty"`
	EntityID   int64           `json:"entity_id,omitempty"`
	Entity     string          `json:"entity,omitempty"` // the entity's name
	Year       int             `json:"year,omitempty"`   // the period's year
	Old        json.RawMessage `json:"old,omitempty"`
	New        json.RawMessage `json:"new,omitempty"`
	Reason     string          `json:"reason,omitempty"`
	Hash       string          `json:"hash"`
}

func (h *handlers) listAudit(c *gin.Context) {
	var errs []FieldError
	f := assessment.AuditFilter{Action: c.Query("action")}
	f.EntityID = int64(queryInt(c, "entity_id", 0, 1, 1<<31-1, &errs))
	f.ActorID = int64(queryInt(c, "user_id", 0, 1, 1<<31-1, &errs))
	if y := queryInt(c, "year", 0, 2000, 2100, &errs); y != 0 {
		p, err := h.svc.Store().PeriodByYear(c.Request.Context(), y)
		if err == nil {
			f.PeriodID = p.ID
		} else {
			f.PeriodID = -1
		}
	}
	f.Page.Limit = queryInt(c, "limit", assessment.DefaultLimit, 1, assessment.MaxLimit, &errs)
	f.Page.Offset = queryInt(c, "offset", 0, 0, 1<<30, &errs)
	if badParams(c, errs) {
		return
	}
	rows, total, err := h.svc.Audit(c.Request.Context(), actor(c), f)
	if err != nil {
		h.fail(c, err)
		return
	}
	items := make([]AuditView, len(rows))
	for i, r := range rows {
		items[i] = AuditView{ID: r.ID, At: r.At, ActorID: r.ActorID, Actor: r.Actor, Action: r.Action, ObjectType: r.ObjectType, ObjectID: r.ObjectID,
			PeriodID: r.PeriodID, EntityID: r.EntityID, Entity: r.Entity, Year: r.Year, Old: r.Old, New: r.New, Reason: r.Reason, Hash: r.Hash}
	}
	c.JSON(http.StatusOK, gin.H{"items": items, "total": total, "limit": f.Page.Limit, "offset": f.Page.Offset})
}

// sortParam reads ?sort= for a list, checked against its sort keys.
func sortParam(c *gin.Context, list string, errs *[]FieldError) string {
	s := c.Query("sort")
	if err := assessment.CheckSort(list, s); err != nil {
		for _, f := range err.(*assessment.ValidationError).Fields {
			*errs = append(*errs, FieldError(f))
		}
		return ""
	}
	return s
}

type unitRequest struct {
	Code     string   `json:"code" validate:"required,max=100"`
	Name     string   `json:"name" validate:"required,max=300"`
	Kind     string   `json:"kind" validate:"required,max=100"`
	Products []string `json:"products" validate:"max=100,dive,min=1,max=300"`
}

type createEntityRequest struct {
	Code         string        `json:"code" validate:"required,max=100"`
	Name         string        `json:"name" validate:"required,max=300"`
	Kind         string        `json:"kind" validate:"required,oneof=pemprov pemkab pemkot kantah polres kementerian lembaga"`
	ProvinceCode string        `json:"province_code" validate:"max=20"`
	RegionCode   string        `json:"region_code" validate:"max=20"`
	Units        []unitRequest `json:"units" validate:"required,min=1,max=50,dive"`
}

func (h *handlers) createEntity(c *gin.Context) {
	var req createEntityRequest
	if !bindJSON(c, &req) {
		return
	}
	ctx := c.Request.Context()
	e := assessment.Entity{Code: req.Code, Name: req.Name, Kind: scoring.Kind(req.Kind)}
	var errs []FieldError
	if req.ProvinceCode != "" {
		if r, err := h.svc.Store().RegionByCode(ctx, req.ProvinceCode); err == nil && r.Level == "province" {
			e.ProvinceID = r.ID
		} else {
			errs = append(errs, FieldError{Field: "province_code", Code: "unknown", Message: "no province with this code"})
		}
	}
	if req.RegionCode != "" {
		if r, err := h.svc.Store().RegionByCode(ctx, req.RegionCode); err == nil {
			e.RegionID = r.ID
		} else {
			errs = append(errs, FieldError{Field: "region_code", Code: "unknown", Message: "no region with this code"})
		}
	}
	if badParams(c, errs) {
		return
	}
	for _, u := range req.Units {
		e.Units = append(e.Units, assessment.Unit{Code: u.Code, Name: u.Name, Kind: u.Kind, Products: u.Products})
	}
	if err := h.svc.CreateEntity(ctx, actor(c), &e); err != nil {
		if errors.Is(err, assessment.ErrConflict) {
			err = &assessment.ValidationError{Fields: []assessment.FieldError{{Field: "code", Code: "taken", Message: "an entity with this code exists"}}}
		}
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, e)
}

type patchRequest struct {
	Name   *string `json:"name" validate:"omitempty,min=1,max=300"`
	Active *bool   `json:"active"`
}

func (h *handlers) updateEntity(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	var req patchRequest
	if !bindJSON(c, &req) {
		return
	}
	e, err := h.svc.UpdateEntity(c.Request.Context(), actor(c), id, assessment.EntityPatch{Name: req.Name, Active: req.Active})
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, e)
}

func (h *handlers) addUnit(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	var req unitRequest
	if !bindJSON(c, &req) {
		return
	}
	u, err := h.svc.AddUnit(c.Request.Context(), actor(c), id, assessment.Unit{Code: req.Code, Name: req.Name, Kind: req.Kind, Products: req.Products})
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, u)
}

func (h *handlers) updateUnit(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	unitID, ok := idParam(c, "unit")
	if !ok {
		return
	}
	var req patchRequest
	if !bindJSON(c, &req) {
		return
	}
	u, err := h.svc.UpdateUnit(c.Request.Context(), actor(c), id, unitID, assessment.UnitPatch{Name: req.Name, Active: req.Active})
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, u)
}
