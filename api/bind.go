package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
	"github.com/go-playground/validator/v10"
	"github.com/ombudsman-ri/p4/assessment"
)

var (
	validateOnce sync.Once
	validate     *validator.Validate
)

func validatorInstance() *validator.Validate {
	validateOnce.Do(func() {
		validate = validator.New(validator.WithRequiredStructEnabled())
		validate.RegisterTagNameFunc(func(f reflect.StructField) string {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" {
				return ""
			}
			return name
		})
	})
	return validate
}

// messages of validator tags, for humans; the UI translates by code.
var tagMessages = map[string]string{
	"required": "is required",
	"email":    "must be an email address",
	"min":      "is too short or too small",
	"max":      "is too long or too large",
	"oneof":    "is not one of the allowed values",
	"gte":      "is too small",
	"lte":      "is too large",
}

// bindJSON decodes the body strictly into dst and validates it; on failure
// it writes a problem with every bad field and returns false.
func bindJSON(c *gin.Context, dst any) bool {
	if ct := c.ContentType(); ct != "application/json" {
		writeProblem(c, Problem{Type: "/problems/unsupported-media-type", Status: http.StatusUnsupportedMediaType, Code: "unsupported_media_type",
			Title: "Send JSON", Detail: "the body must be application/json"})
		return false
	}
	dec := json.NewDecoder(c.Request.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		writeProblem(c, decodeProblem(err))
		return false
	}
	if dec.More() {
		writeProblem(c, Problem{Type: "/problems/validation", Status: http.StatusBadRequest, Code: "malformed_json", Title: "Malformed JSON", Detail: "the body holds more than one JSON value"})
		return false
	}
	if f, bad := nulField(reflect.ValueOf(dst), ""); bad {
		// PostgreSQL text cannot hold U+0000; refused here rather than failing in the database.
		writeProblem(c, Problem{Type: "/problems/validation", Status: http.StatusUnprocessableEntity, Code: "validation", Title: "Some fields are invalid",
			Errors: []FieldError{{Field: f, Code: "invalid_character", Message: f + " must not contain the NUL character"}}})
		return false
	}
	if err := validatorInstance().Struct(dst); err != nil {
		var ves validator.ValidationErrors
		if !errors.As(err, &ves) {
			writeProblem(c, Problem{Status: http.StatusBadRequest, Code: "malformed_json", Title: "Malformed request"})
			return false
		}
		fields := make([]FieldError, 0, len(ves))
		for _, fe := range ves {
			path := fe.Namespace()
			if i := strings.Index(path, "."); i >= 0 {
				path = path[i+1:]
			}
			msg := tagMessages[fe.Tag()]
			if msg == "" {
				msg = "is invalid"
			}
			if fe.Param() != "" {
				msg += " (" + fe.Tag() + " " + fe.Param() + ")"
			}
			fields = append(fields, FieldError{Field: path, Code: fe.Tag(), Message: path + " " + msg})
		}
		writeProblem(c, Problem{Type: "/problems/validation", Status: http.StatusUnprocessableEntity, Code: "validation", Title: "Some fields are invalid", Errors: fields})
		return false
	}
	return true
}

func decodeProblem(err error) Problem {
	var (
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
		mbe *http.MaxBytesError
	)
	switch {
	case errors.As(err, &mbe):
		return Problem{Type: "/problems/too-large", Status: http.StatusRequestEntityTooLarge, Code: "too_large", Title: "Request too large",
			Detail: fmt.Sprintf("the body may be at most %d bytes", mbe.Limit)}
	case errors.As(err, &syn):
		return Problem{Type: "/problems/validation", Status: http.StatusBadRequest, Code: "malformed_json", Title: "Malformed JSON", Detail: fmt.Sprintf("syntax error at byte %d", syn.Offset)}
	case errors.As(err, &typ):
		return Problem{Type: "/problems/validation", Status: http.StatusUnprocessableEntity, Code: "validation", Title: "Some fields are invalid",
			Errors: []FieldError{{Field: typ.Field, Code: "type", Message: typ.Field + " must be " + typ.Type.String()}}}
	case errors.Is(err, io.EOF):
		return Problem{Type: "/problems/validation", Status: http.StatusBadRequest, Code: "malformed_json", Title: "Empty body"}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		f := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return Problem{Type: "/problems/validation", Status: http.StatusUnprocessableEntity, Code: "validation", Title: "Some fields are invalid",
			Errors: []FieldError{{Field: f, Code: "unknown_field", Message: f + " is not a field of this request"}}}
	}
	return Problem{Type: "/problems/validation", Status: http.StatusBadRequest, Code: "malformed_json", Title: "Malformed JSON"}
}

// idParam parses a positive integer path parameter; on failure it answers 404.
func idParam(c *gin.Context, name string) (int64, bool) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		writeProblem(c, Problem{Type: "/problems/not-found", Status: http.StatusNotFound, Code: "not_found", Title: "Not found"})
		return 0, false
	}
	return id, true
}

// byID answers a request about the one resource named by the path's :id
// with what a single service call returns (200), or its error.
func byID[T any](c *gin.Context, h *handlers, call func(context.Context, assessment.Actor, int64) (T, error)) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	v, err := call(c.Request.Context(), actor(c), id)
	if err != nil {
		h.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, v)
}

// queryInt parses an optional integer query parameter within [min, max].
func queryInt(c *gin.Context, name string, def, min, max int, errs *[]FieldError) int {
	s := c.Query(name)
	if s == "" {
		return def
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < min || v > max {
		*errs = append(*errs, FieldError{Field: name, Code: "out_of_range", Message: fmt.Sprintf("%s must be a whole number from %d to %d", name, min, max)})
		return def
	}
	return v
}

// nulField reports the first string in v (a decoded request) that holds the
// NUL character, with its JSON path.
func nulField(v reflect.Value, path string) (string, bool) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return nulField(v.Elem(), path)
		}
	case reflect.String:
		if strings.ContainsRune(v.String(), 0) {
			return path, true
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < v.NumField(); i++ {
			if !t.Field(i).IsExported() {
				continue
			}
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
			if name == "" {
				name = t.Field(i).Name
			}
			if path != "" {
				name = path + "." + name
			}
			if f, bad := nulField(v.Field(i), name); bad {
				return f, true
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			return "", false // raw bytes (json.RawMessage)
		}
		for i := 0; i < v.Len(); i++ {
			if f, bad := nulField(v.Index(i), fmt.Sprintf("%s[%d]", path, i)); bad {
				return f, true
			}
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			k := fmt.Sprint(iter.Key().Interface())
			if strings.ContainsRune(k, 0) {
				return path, true
			}
			if f, bad := nulField(iter.Value(), path+"."+k); bad {
				return f, true
			}
		}
	}
	return "", false
}
