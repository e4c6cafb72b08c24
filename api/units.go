package api

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/ombudsman-ri/p4/assessment"
)

func (h *handlers) work(c *gin.Context) {
	var errs []FieldError
	f := assessment.WorkFilter{State: c.Query("state")}
	f.Page.Limit = queryInt(c, "limit", assessment.DefaultLimit, 1, assessment.MaxLimit, &errs)
	f.Page.Offset = queryInt(c, "offset", 0, 0, 1<<30, &errs)
	f.Page.Sort = sortParam(c, "work", &errs)
	if y := queryInt(c, "year", 0, 2000, 2100, &errs); y != 0 {
		p, err := h.svc.Store().PeriodByYear(c.Request.Context(), y)
		if err != nil {
			h.fail(c, err)
			return
		}
		f.PeriodID = p.ID
	}
	f.EntityID = int64(queryInt(c, "entity_id", 0, 1, 1<<31-1, &errs))
	if f.State != "" && f.State != assessment.UnitDraft && f.State != assessment.UnitSubmitted && f.State != assessment.UnitReturned && f.State != assessment.UnitAccepted {
		errs = append(errs, FieldError{Field: "state", Code: "oneof", Message: "state must be draft, submitted, returned or accepted"})
	}
	if len(errs) > 0 {
		writeProblem(c, Problem{Type: "/problems/validation", Status: http.StatusUnprocessableEntity, Code: "validation", Title: "Some parameters are invalid", Errors: errs})
		return
	}
	items, total, err := h.svc.Work(c.Request.Context(), actor(c), f)
	if err != nil {
		h.fail(c, err)
		return
	}
	if items == nil {
		items = []assessment.WorkItem{}
	}
	c.JSON(http.StatusOK, gin.H{"items": items, "total": total, "limit": f.Page.Limit, "offset": f.Page.Offset})
}

func (h *handlers) getUnit(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	v, err := h.svc.Unit(c.Request.Context(), actor(c), id)
	if err != nil {
		h.fail(c, err)
		return
	}
	if v.Answers == nil {
		v.Answers = []assessment.Answer{}
	}
	if v.Evidence == nil {
		v.Evidence = []assessment.Evidence{}
	}
	if v.Comments == nil {
		v.Comments = []assessment.ReviewComment{}
	}
	c.Header("ETag", etag(v.Assessment.Version))
	c.JSON(http.StatusOK, v)
}

// unitScore is the live score preview of a unit from its current answers.
func (h *handlers) unitScore(c *gin.Context) { byID(c, h, h.svc.UnitScore) }

func etag(version int) string { return `"` + strconv.Itoa(version) + `"` }

// ifMatchVersion reads the version an edit is based on from If-Match: "3"
// (0 when the client saw no answer yet). A missing header is 428.
func ifMatchVersion(c *gin.Context) (int, bool) {
	h := strings.TrimSpace(c.GetHeader("If-Match"))
	if h == "" {
		writeProblem(c, Problem{Type: "/problems/precondition-required", Status: http.StatusPreconditionRequired, Code: "if_match_required",
			Title: "If-Match required", Detail: `send If-Match with the version your change starts from, e.g. "3" ("0" for a first answer)`})
		return 0, false
	}
	h = strings.Trim(strings.TrimPrefix(h, "W/"), `"`)
	v, err := strconv.Atoi(h)
	if err != nil || v < 0 {
		writeProblem(c, Problem{Type: "/problems/validation", Status: http.StatusBadRequest, Code: "bad_if_match", Title: "If-Match must be a version number"})
		return 0, false
	}
	return v, true
}

type answerRequest struct {
	Value    *int   `json:"value" validate:"omitempty,gte=0,lte=100"`
	NA       bool   `json:"na"`
	NAReason string `json:"na_reason" validate:"max=4000"`
	Note     string `json:"note" validate:"max=4000"`
}

func (h *handlers) saveAnswer(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	base, ok := ifMatchVersion(c)
	if !ok {
		return
	}
	var req answerRequest
	if !bindJSON(c, &req) {
		return
	}
	a, err := h.svc.SaveAnswer(c.Request.Context(), actor(c), id, c.Param("indicator"),
		assessment.AnswerInput{Value: req.Value, NA: req.NA, NAReason: req.NAReason, Note: req.Note}, base)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.Header("ETag", etag(a.Version))
	c.JSON(http.StatusOK, a)
}

func (h *handlers) submit(c *gin.Context) { byID(c, h, h.svc.Submit) }

type returnRequest struct {
	Reason   string               `json:"reason" validate:"required,max=4000"`
	Comments []assessment.Comment `json:"comments" validate:"max=200"`
}

func (h *handlers) returnUnit(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	var req returnRequest
	if !bindJSON(c, &req) {
		return
	}
	ua, err := h.svc.Return(c.Request.Context(), actor(c), id, req.Reason, req.Comments)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, ua)
}

func (h *handlers) accept(c *gin.Context) { byID(c, h, h.svc.Accept) }

type reasonRequest struct {
	Reason string `json:"reason" validate:"required,max=4000"`
}

func (h *handlers) reopen(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	var req reasonRequest
	if !bindJSON(c, &req) {
		return
	}
	ua, err := h.svc.Reopen(c.Request.Context(), actor(c), id, req.Reason)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, ua)
}

type assignRequest struct {
	UserID int64 `json:"user_id" validate:"required,gte=1"`
}

func (h *handlers) assign(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	var req assignRequest
	if !bindJSON(c, &req) {
		return
	}
	if err := h.svc.Assign(c.Request.Context(), actor(c), id, req.UserID); err != nil {
		h.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// unassign takes an assessor off a unit: DELETE
// /unit-assessments/:id/assessors/:user.
func (h *handlers) unassign(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	userID, ok := idParam(c, "user")
	if !ok {
		return
	}
	if err := h.svc.Unassign(c.Request.Context(), actor(c), id, userID); err != nil {
		h.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// uploadEvidence takes multipart/form-data with fields "indicator" and "file".
func (h *handlers) uploadEvidence(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	mr, err := c.Request.MultipartReader()
	if err != nil {
		writeProblem(c, Problem{Type: "/problems/unsupported-media-type", Status: http.StatusUnsupportedMediaType, Code: "unsupported_media_type",
			Title: "Send multipart/form-data", Detail: "fields: indicator, file"})
		return
	}
	var indicator string
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				writeProblem(c, decodeProblem(err))
				return
			}
			writeProblem(c, Problem{Type: "/problems/validation", Status: http.StatusBadRequest, Code: "malformed_multipart", Title: "Malformed upload"})
			return
		}
		switch part.FormName() {
		case "indicator":
			b, _ := io.ReadAll(io.LimitReader(part, 100))
			indicator = strings.TrimSpace(string(b))
		case "file":
			if indicator == "" {
				writeProblem(c, Problem{Type: "/problems/validation", Status: http.StatusUnprocessableEntity, Code: "validation", Title: "Some fields are invalid",
					Errors: []FieldError{{Field: "indicator", Code: "required", Message: "send the indicator field before the file"}}})
				return
			}
			ev, err := h.svc.AddEvidence(c.Request.Context(), actor(c), id, indicator, part.FileName(), part)
			if err != nil {
				var mbe *http.MaxBytesError
				if errors.As(err, &mbe) {
					writeProblem(c, decodeProblem(err))
					return
				}
				h.fail(c, err)
				return
			}
			c.JSON(http.StatusCreated, ev)
			return
		}
	}
	writeProblem(c, Problem{Type: "/problems/validation", Status: http.StatusUnprocessableEntity, Code: "validation", Title: "Some fields are invalid",
		Errors: []FieldError{{Field: "file", Code: "required", Message: "no file was sent"}}})
}

func (h *handlers) downloadEvidence(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	ev, rc, err := h.svc.OpenEvidence(c.Request.Context(), actor(c), id)
	if err != nil {
		h.fail(c, err)
		return
	}
	defer rc.Close()
	sendFile(c, ev.MediaType, ev.Size, fmt.Sprintf("evidence-%d", ev.ID), ev.OriginalName, rc)
}

// sendFile streams a stored file as an attachment.
func sendFile(c *gin.Context, mediaType string, size int64, fallback, name string, rc io.Reader) {
	c.Header("Content-Type", mediaType)
	c.Header("Content-Length", strconv.FormatInt(size, 10))
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, fallback, urlPathEscape(name)))
	c.Header("Cache-Control", "private, no-store")
	c.Status(http.StatusOK)
	_, _ = io.Copy(c.Writer, rc)
}

func urlPathEscape(s string) string {
	var b strings.Builder
	for _, r := range []byte(s) {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_' {
			b.WriteByte(r)
		} else {
			fmt.Fprintf(&b, "%%%02X", r)
		}
	}
	return b.String()
}

// multipartFile returns the "file" part of a multipart upload, or answers
// with a problem and returns false.
func multipartFile(c *gin.Context) (io.Reader, string, bool) {
	mr, err := c.Request.MultipartReader()
	if err != nil {
		writeProblem(c, Problem{Type: "/problems/unsupported-media-type", Status: http.StatusUnsupportedMediaType, Code: "unsupported_media_type",
			Title: "Send multipart/form-data", Detail: "field: file"})
		return nil, "", false
	}
	for {
		part, err := mr.NextPart()
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				writeProblem(c, decodeProblem(err))
				return nil, "", false
			}
			if errors.Is(err, io.EOF) {
				writeProblem(c, Problem{Type: "/problems/validation", Status: http.StatusUnprocessableEntity, Code: "validation", Title: "Some fields are invalid",
					Errors: []FieldError{{Field: "file", Code: "required", Message: "no file was sent"}}})
				return nil, "", false
			}
			writeProblem(c, Problem{Type: "/problems/validation", Status: http.StatusBadRequest, Code: "malformed_multipart", Title: "Malformed upload"})
			return nil, "", false
		}
		if part.FormName() == "file" {
			return part, part.FileName(), true
		}
	}
}
