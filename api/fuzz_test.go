package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/ombudsman-ri/p4/assessment"
)

// decodeAs runs bindJSON on body into a fresh T, the way a handler does.
func decodeAs[T any](body []byte) (T, *httptest.ResponseRecorder, bool) {
	var dst T
	w := httptest.NewRecorder()
	c, _ := gin.CreateTestContext(w)
	c.Request = httptest.NewRequest("POST", "/api/v1/x", bytes.NewReader(body))
	c.Request.Header.Set("Content-Type", "application/json")
	c.Request.Body = http.MaxBytesReader(w, c.Request.Body, maxJSONBody)
	ok := bindJSON(c, &dst)
	return dst, w, ok
}

// checkRefusal: a refused body is a 4xx problem+json that says why.
func checkRefusal(t *testing.T, w *httptest.ResponseRecorder) {
	t.Helper()
	var p Problem
	if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil || w.Code < 400 || w.Code >= 500 || p.Code == "" {
		t.Fatalf("refusal: %d %s", w.Code, w.Body)
	}
}

// FuzzJSONBodies decodes arbitrary bytes as the answer body (autosave), an
// objection and a what-if, as their handlers do. A body is either refused
// with a 4xx problem, or accepted with every field within its bounds.
//
//fuzz:short
func FuzzJSONBodies(f *testing.F) {
	for _, s := range []string{
		`{"value":2,"note":"catatan"}`, `{"na":true,"na_reason":"tidak ada layanan"}`, `{"value":null}`, `{"value":101}`, `{"value":-1}`,
		`{"value":"2"}`, `{"value":2,"score":100}`, `{"value":2} {}`, `{"note":"a\u0000b"}`, `{"value":1e400}`, `[]`, ``, `{`,
		`{"statement":"x","items":[{"unit_assessment_id":1,"indicator":"IN.KP.01","requested_value":3}]}`,
		`{"changes":[{"unit_id":1,"indicator":"IN.KP.01","value":3,"na":false}]}`,
		strings.Repeat(`[`, 5000),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		if a, w, ok := decodeAs[answerRequest](body); ok {
			if a.Value != nil && (*a.Value < 0 || *a.Value > 100) || len(a.Note) > 4000*4 || strings.ContainsRune(a.Note+a.NAReason, 0) {
				t.Fatalf("accepted answer out of bounds: %+v", a)
			}
		} else {
			checkRefusal(t, w)
		}
		if o, w, ok := decodeAs[objectionRequest](body); ok {
			if o.Statement == "" || len(o.Items) == 0 || len(o.Items) > 200 {
				t.Fatalf("accepted objection out of bounds: %+v", o)
			}
		} else {
			checkRefusal(t, w)
		}
		if wi, w, ok := decodeAs[whatIfRequest](body); ok {
			for _, ch := range wi.Changes {
				if ch.UnitID < 1 || ch.Indicator == "" || ch.Value != nil && (*ch.Value < 0 || *ch.Value > 100) {
					t.Fatalf("accepted what-if change out of bounds: %+v", ch)
				}
			}
		} else {
			checkRefusal(t, w)
		}
	})
}

// FuzzQueryParams runs the parsers of path ids, query parameters, sort keys
// and If-Match on arbitrary strings: each value is refused with a 4xx
// problem or parsed within its bounds.
//
//fuzz:short
func FuzzQueryParams(f *testing.F) {
	for _, s := range []string{"1", "0", "-1", "50", "500", "99999999999999999999", "1e3", " 7", "name", "-name", "--name", "'", "\x00", `"3"`, `W/"3"`, `"-1"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		w := httptest.NewRecorder()
		c, _ := gin.CreateTestContext(w)
		c.Request = httptest.NewRequest("GET", "/api/v1/x?"+url.Values{"limit": {v}, "sort": {v}}.Encode(), nil)
		c.Request.Header.Set("If-Match", strings.Map(func(r rune) rune {
			if r < ' ' || r == 0x7f {
				return -1
			}
			return r
		}, v))
		c.Params = gin.Params{{Key: "id", Value: v}}
		if id, ok := idParam(c, "id"); ok {
			if id <= 0 {
				t.Fatalf("id %q parsed as %d", v, id)
			}
		} else if w.Code != 404 {
			t.Fatalf("bad id %q: %d", v, w.Code)
		}
		var errs []FieldError
		if n := queryInt(c, "limit", assessment.DefaultLimit, 1, assessment.MaxLimit, &errs); n < 1 || n > assessment.MaxLimit {
			t.Fatalf("limit %q parsed as %d", v, n)
		}
		for list := range assessment.SortKeys {
			errs = nil
			s := sortParam(c, list, &errs)
			if s != "" && len(errs) > 0 || len(errs) > 0 && errs[0].Field != "sort" {
				t.Fatalf("sort %q on %s: %q, %v", v, list, s, errs)
			}
			if s != "" && !strings.HasPrefix(s, "-") && !contains(assessment.SortKeys[list], s) || strings.HasPrefix(s, "-") && !contains(assessment.SortKeys[list], s[1:]) {
				t.Fatalf("sort %q on %s accepted as an unknown key %q", v, list, s)
			}
		}
		w2 := httptest.NewRecorder()
		c2, _ := gin.CreateTestContext(w2)
		c2.Request = c.Request
		if ver, ok := ifMatchVersion(c2); ok && ver < 0 {
			t.Fatalf("If-Match %q parsed as %d", v, ver)
		} else if !ok && (w2.Code < 400 || w2.Code >= 500) {
			t.Fatalf("bad If-Match %q: %d", v, w2.Code)
		}
	})
}

func contains(xs []string, x string) bool {
	for _, s := range xs {
		if s == x {
			return true
		}
	}
	return false
}
