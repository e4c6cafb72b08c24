package api

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
)

// A panic becomes a problem+json 500 that reveals nothing inside, with the
// same security headers as every other response.
func TestPanicIsAProblemWithoutInternals(t *testing.T) {
	var logs strings.Builder
	r := NewRouter(Deps{Log: slog.New(slog.NewTextHandler(&logs, nil))})
	r.GET("/api/v1/boom", func(*gin.Context) { panic("pq: relation \"secret_table\" does not exist at /srv/p4/api/x.go:12") })
	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/boom", nil))
	if rec.Code != 500 || rec.Header().Get("Content-Type") != ProblemContentType {
		t.Fatalf("got %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	body, _ := io.ReadAll(rec.Body)
	for _, leak := range []string{"secret_table", "pq:", "/srv/", ".go", "goroutine"} {
		if strings.Contains(string(body), leak) {
			t.Errorf("500 body leaks %q: %s", leak, body)
		}
	}
	var p Problem
	if err := json.Unmarshal(body, &p); err != nil || p.Code != "internal" || p.Status != 500 {
		t.Fatalf("problem body %s", body)
	}
	for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"} {
		if rec.Header().Get(h) == "" {
			t.Errorf("500 lacks %s", h)
		}
	}
	if !strings.Contains(logs.String(), "secret_table") {
		t.Error("the panic was not logged")
	}
}
