package api

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/excel"
)

// maxImportBody is the request limit of an import: one workbook and the
// multipart framing around it.
const maxImportBody = excel.MaxUpload + 1<<20

// sendXLSX answers with a workbook as a download.
func sendXLSX(c *gin.Context, name string, data []byte) {
	c.Header("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	c.Data(http.StatusOK, excel.ContentType, data)
}

// workbook is the leadership workbook of one province, built in the
// request. The national one is too big for that: POST /exports.
func (h *handlers) workbook(c *gin.Context) {
	p, ok := h.yearParam(c)
	if !ok {
		return
	}
	a, province := actor(c), strings.TrimSpace(c.Query("province"))
	if province == "" && (a.Role == assessment.RoleAdmin || a.Role == assessment.RoleLeadership) {
		writeProblem(c, Problem{Type: "/problems/validation", Status: http.StatusUnprocessableEntity, Code: "validation", Title: "Some parameters are invalid",
			Errors: []FieldError{{Field: "province", Code: "required",
				Message: "give a province code; the national workbook is built in the background: POST /api/v1/exports"}}})
		return
	}
	wb, err := h.svc.Workbook(c.Request.Context(), a, p.Year, province)
	if err != nil {
		h.fail(c, err)
		return
	}
	var buf bytes.Buffer
	if err := excel.WriteLeadership(&buf, wb, nil); err != nil {
		h.fail(c, err)
		return
	}
	sendXLSX(c, workbookFileName(p.Year, wb.ProvinceCode), buf.Bytes())
}

func workbookFileName(year int, province string) string {
	if province == "" {
		province = "nasional"
	}
	return fmt.Sprintf("p4-%d-%s.xlsx", year, province)
}

// agencyReport is an entity's report card as a workbook.
func (h *handlers) agencyReport(c *gin.Context) {
	p, id, ok := h.entityParam(c)
	if !ok {
		return
	}
	r, err := h.svc.AgencyReport(c.Request.Context(), actor(c), p.Year, id)
	if err != nil {
		h.fail(c, err)
		return
	}
	var buf bytes.Buffer
	if err := excel.WriteAgencyReport(&buf, r); err != nil {
		h.fail(c, err)
		return
	}
	sendXLSX(c, fmt.Sprintf("rapor-p4-%d-%s.xlsx", p.Year, r.Result.Entity.Code), buf.Bytes())
}

// ExportView is a background export as the API shows it.
type ExportView struct {
	assessment.Job
	// FileURL is where the finished file is downloaded.
	FileURL string `json:"file_url,omitempty"`
}

func exportView(j assessment.Job) ExportView {
	v := ExportView{Job: j}
	if j.State == assessment.JobDone {
		v.FileURL = fmt.Sprintf("/api/v1/exports/%d/file", j.ID)
	}
	return v
}

type exportRequest struct {
	Kind     string `json:"kind" validate:"omitempty,oneof=workbook"`
	Year     int    `json:"year" validate:"required,gte=2000,lte=2100"`
	Province string `json:"province" validate:"max=10"`
}

// requestExport queues a workbook (usually the national one) for the job
// worker of any instance; the same request while one is pending returns it.
func (h *handlers) requestExport(c *gin.Context) {
	var req exportRequest
	if !bindJSON(c, &req) {
		return
	}
	j, _, err := h.svc.RequestWorkbook(c.Request.Context(), actor(c), req.Year, strings.TrimSpace(req.Province))
	if err != nil {
		h.fail(c, err)
		return
	}
	c.Header("Location", fmt.Sprintf("/api/v1/exports/%d", j.ID))
	c.JSON(http.StatusAccepted, exportView(j))
}

func (h *handlers) getExport(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	j, err := h.svc.Job(c.Request.Context(), actor(c), id)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, exportView(j))
}

// exportFile sends a finished export to its requester (or an admin).
func (h *handlers) exportFile(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	j, err := h.svc.Job(c.Request.Context(), actor(c), id)
	if err != nil {
		h.fail(c, err)
		return
	}
	switch j.State {
	case assessment.JobDone:
	case assessment.JobExpired:
		writeProblem(c, Problem{Type: "/problems/gone", Status: http.StatusGone, Code: "expired", Title: "The file was removed",
			Detail: fmt.Sprintf("exports are kept for %d days; request it again", int(exportRetention.Hours()/24))})
		return
	default:
		writeProblem(c, Problem{Type: "/problems/not-ready", Status: http.StatusConflict, Code: "not_ready", Title: "Not ready",
			Detail: fmt.Sprintf("the export is %s (%d%%); ask again later", j.State, j.Progress)})
		return
	}
	f, err := openExport(h.exportDir, j.ResultPath)
	if errors.Is(err, os.ErrNotExist) {
		writeProblem(c, Problem{Type: "/problems/gone", Status: http.StatusGone, Code: "expired", Title: "The file was removed", Detail: "request the export again"})
		return
	}
	if err != nil {
		h.fail(c, err)
		return
	}
	defer f.Close()
	c.Header("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": j.ResultName}))
	c.Header("Content-Type", excel.ContentType)
	var modified time.Time
	if j.FinishedAt != nil {
		modified = *j.FinishedAt
	}
	http.ServeContent(c.Writer, c.Request, j.ResultName, modified, f)
}

// openExport opens a job's file in the exports folder; the stored path is
// a plain file name, never a path that could leave the folder.
func openExport(dir, name string) (*os.File, error) {
	if dir == "" {
		return nil, errors.New("exports folder not configured (Deps.ExportDir)")
	}
	if name == "" || name != filepath.Base(name) || strings.HasPrefix(name, ".") {
		return nil, fmt.Errorf("export file name %q is not a plain name", name)
	}
	return os.Open(filepath.Join(dir, name))
}

// template sends an import template. The route is /templates/:kind.xlsx:
// gin names the parameter "kind.xlsx" and gives the whole segment.
func (h *handlers) template(c *gin.Context) {
	kind, ok := strings.CutSuffix(c.Param("kind.xlsx"), ".xlsx")
	var buf bytes.Buffer
	if ok {
		if err := excel.WriteTemplate(&buf, kind); err != nil {
			if !errors.Is(err, excel.ErrUnknownTemplate) {
				h.fail(c, err)
				return
			}
			ok = false
		}
	}
	if !ok {
		writeProblem(c, Problem{Type: "/problems/not-found", Status: http.StatusNotFound, Code: "not_found", Title: "Not found",
			Detail: "templates: instrument.xlsx, locus.xlsx, users.xlsx, results.xlsx"})
		return
	}
	sendXLSX(c, excel.TemplateFileName(kind), buf.Bytes())
}

// importFile takes a workbook as multipart/form-data (field "file") and
// imports it whole or not at all: 200 with what was created and unchanged,
// or 422 with every bad cell in errors[] and nothing changed.
func (h *handlers) importFile(c *gin.Context) {
	kind := c.Param("kind")
	switch kind {
	case excel.TemplateInstrument, excel.TemplateLocus, excel.TemplateUsers, excel.TemplateResults:
	default:
		writeProblem(c, Problem{Type: "/problems/not-found", Status: http.StatusNotFound, Code: "not_found", Title: "Not found",
			Detail: "imports: instrument, locus, users, results"})
		return
	}
	a := actor(c)
	if a.Role != assessment.RoleAdmin {
		h.fail(c, assessment.ErrForbidden) // before reading any upload
		return
	}
	year := 0
	if kind == excel.TemplateResults {
		var errs []FieldError
		if year = queryInt(c, "year", 0, 2000, 2100, &errs); year == 0 && len(errs) == 0 {
			errs = append(errs, FieldError{Field: "year", Code: "required", Message: "give the year of the historical period: ?year=2021"})
		}
		if badParams(c, errs) {
			return
		}
	}
	file, ok := uploadedFile(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	var sum assessment.ImportSummary
	var err error
	switch kind {
	case excel.TemplateInstrument:
		var method []byte
		if method, err = excel.ReadInstrument(file); err == nil {
			sum, err = h.svc.ImportMethod(ctx, a, method)
		}
	case excel.TemplateLocus:
		var in assessment.LocusImport
		if in, err = excel.ReadLocus(file); err == nil {
			sum, err = h.svc.ImportLocus(ctx, a, in)
		}
	case excel.TemplateUsers:
		var in assessment.UserImport
		if in, err = excel.ReadUsers(file); err == nil {
			sum, err = h.svc.ImportUsers(ctx, a, in)
		}
	case excel.TemplateResults:
		var in assessment.ResultImport
		if in, err = excel.ReadResults(file, year); err == nil {
			sum, err = h.svc.ImportResults(ctx, a, in)
		}
	}
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			writeProblem(c, decodeProblem(err))
			return
		}
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, sum)
}

// uploadedFile returns the "file" part of a multipart body, read whole
// (bounded by the route's body limit).
func uploadedFile(c *gin.Context) (io.Reader, bool) {
	mr, err := c.Request.MultipartReader()
	if err != nil {
		writeProblem(c, Problem{Type: "/problems/unsupported-media-type", Status: http.StatusUnsupportedMediaType, Code: "unsupported_media_type",
			Title: "Send multipart/form-data", Detail: "field: file (an .xlsx workbook)"})
		return nil, false
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				writeProblem(c, decodeProblem(err))
				return nil, false
			}
			writeProblem(c, Problem{Type: "/problems/validation", Status: http.StatusBadRequest, Code: "malformed_multipart", Title: "Malformed upload"})
			return nil, false
		}
		if part.FormName() != "file" {
			continue
		}
		data, err := io.ReadAll(part)
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				writeProblem(c, decodeProblem(err))
				return nil, false
			}
			writeProblem(c, Problem{Type: "/problems/validation", Status: http.StatusBadRequest, Code: "malformed_multipart", Title: "Malformed upload"})
			return nil, false
		}
		return bytes.NewReader(data), true
	}
	writeProblem(c, Problem{Type: "/problems/validation", Status: http.StatusUnprocessableEntity, Code: "validation", Title: "Some fields are invalid",
		Errors: []FieldError{{Field: "file", Code: "required", Message: "no file was sent (multipart field \"file\")"}}})
	return nil, false
}
