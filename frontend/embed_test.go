package frontend

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/fstest"
)

func TestHandler(t *testing.T) {
	files := fstest.MapFS{
		"index.html":         {Data: []byte("<!doctype html><title>P4</title>")},
		"assets/app-abc1.js": {Data: []byte("console.log(1)")},
		"favicon.svg":        {Data: []byte("<svg/>")},
	}
	h := handler(files)
	cases := []struct {
		name, method, path string
		status             int
		cache, body        string
	}{
		{"root is the app", "GET", "/", 200, "no-cache", "<!doctype html><title>P4</title>"},
		{"client route falls back to index", "GET", "/peringkat/2022", 200, "no-cache", "<!doctype html><title>P4</title>"},
		{"hashed asset cached long", "GET", "/assets/app-abc1.js", 200, "public, max-age=31536000, immutable", "console.log(1)"},
		{"missing asset is 404, not html", "GET", "/assets/gone.js", 404, "", ""},
		{"missing file with extension is 404", "GET", "/robots.txt", 404, "", ""},
		{"other file", "GET", "/favicon.svg", 200, "no-cache", "<svg/>"},
		{"post refused", "POST", "/", 405, "", ""},
		{"traversal stays inside", "GET", "/../../etc/passwd", 200, "no-cache", "<!doctype html><title>P4</title>"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(tc.method, "http://p4"+tc.path, nil))
			if rec.Code != tc.status {
				t.Fatalf("status: got %d, want %d", rec.Code, tc.status)
			}
			if tc.cache != "" && rec.Header().Get("Cache-Control") != tc.cache {
				t.Errorf("Cache-Control: got %q, want %q", rec.Header().Get("Cache-Control"), tc.cache)
			}
			if tc.body != "" && rec.Body.String() != tc.body {
				t.Errorf("body: got %q, want %q", rec.Body.String(), tc.body)
			}
		})
	}
}

func TestEmbeddedAppIsBuilt(t *testing.T) {
	rec := httptest.NewRecorder()
	Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("embedded app: got status %d, want 200 (was `npm run build` run before the Go build?)", rec.Code)
	}
}
