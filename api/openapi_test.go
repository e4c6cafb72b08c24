package api

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/ombudsman-ri/p4/assessment"
)

// The OpenAPI tests need no database: the router is built over a service
// without a store, and requests that reach the store are never made (or, for
// the security check, end in a recovered panic, which is fine).

// openAPIDeps are the router's dependencies with every route registered.
// NewSessions(nil, …) starts postgresstore's cleanup goroutine, whose first
// run is 30 minutes away, so a nil *sql.DB is never touched by these tests.
func openAPIDeps() Deps {
	return Deps{
		Log:      slog.New(slog.NewTextHandler(io.Discard, nil)),
		Service:  assessment.NewService(nil),
		Sessions: NewSessions(nil, false),
	}
}

// openAPIDoc is the parsed embedded description.
type openAPIDoc struct {
	OpenAPI    string                                `json:"openapi"`
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components map[string]map[string]json.RawMessage `json:"components"`
}

type openAPIOperation struct {
	OperationID string            `json:"operationId"`
	Summary     string            `json:"summary"`
	Tags        []string          `json:"tags"`
	Security    *[]map[string]any `json:"security"`
	Parameters  []json.RawMessage `json:"parameters"`
	Responses   map[string]any    `json:"responses"`
}

var httpMethods = map[string]bool{"get": true, "put": true, "post": true, "delete": true, "options": true, "head": true, "patch": true, "trace": true}

func parseOpenAPI(t *testing.T) (openAPIDoc, any) {
	t.Helper()
	var doc openAPIDoc
	if err := json.Unmarshal(openAPISpec, &doc); err != nil {
		t.Fatalf("api/openapi.json is not valid JSON: %v", err)
	}
	var tree any
	if err := json.Unmarshal(openAPISpec, &tree); err != nil {
		t.Fatal(err)
	}
	return doc, tree
}

// operations returns "METHOD /path" → operation for every documented operation.
func operations(t *testing.T, doc openAPIDoc) map[string]openAPIOperation {
	t.Helper()
	ops := map[string]openAPIOperation{}
	for path, item := range doc.Paths {
		for method, raw := range item {
			if !httpMethods[method] {
				continue // path-level parameters, summary, …
			}
			var op openAPIOperation
			if err := json.Unmarshal(raw, &op); err != nil {
				t.Fatalf("%s %s: %v", method, path, err)
			}
			ops[strings.ToUpper(method)+" "+path] = op
		}
	}
	return ops
}

var ginParam = regexp.MustCompile(`[:*]([A-Za-z_][A-Za-z0-9_]*)`)

// registeredRoutes returns "METHOD /path" (OpenAPI templating) of every route under /api/v1.
func registeredRoutes(r *gin.Engine) map[string]gin.RouteInfo {
	out := map[string]gin.RouteInfo{}
	for _, ri := range r.Routes() {
		if !strings.HasPrefix(ri.Path, "/api/v1/") {
			continue
		}
		out[ri.Method+" "+ginParam.ReplaceAllString(ri.Path, "{$1}")] = ri
	}
	return out
}

func TestOpenAPIDocumentsEveryRoute(t *testing.T) {
	doc, _ := parseOpenAPI(t)
	ops := operations(t, doc)
	registered := registeredRoutes(NewRouter(openAPIDeps()))
	if len(registered) < 40 {
		t.Fatalf("only %d routes registered under /api/v1; did NewRouter skip routes()?", len(registered))
	}

	var undocumented, unregistered []string
	for k := range registered {
		if _, ok := ops[k]; !ok {
			undocumented = append(undocumented, k)
		}
	}
	for k := range ops {
		if _, ok := registered[k]; !ok {
			unregistered = append(unregistered, k)
		}
	}
	sort.Strings(undocumented)
	sort.Strings(unregistered)
	if len(undocumented) > 0 {
		t.Errorf("routes missing from api/openapi.json: %v", undocumented)
	}
	if len(unregistered) > 0 {
		t.Errorf("api/openapi.json documents operations the router does not have: %v", unregistered)
	}
}

func TestOpenAPIIsWellFormed(t *testing.T) {
	doc, tree := parseOpenAPI(t)
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi = %q, want 3.1.0", doc.OpenAPI)
	}
	if !bytes.HasPrefix(openAPISpec, []byte("{\n  \"openapi\"")) {
		t.Error("api/openapi.json is not pretty-printed (two-space indent, openapi first)")
	}

	ops := operations(t, doc)
	ids := map[string]string{}
	for k, op := range ops {
		switch {
		case op.OperationID == "":
			t.Errorf("%s has no operationId", k)
		case ids[op.OperationID] != "":
			t.Errorf("operationId %q is used by %s and %s", op.OperationID, ids[op.OperationID], k)
		}
		ids[op.OperationID] = k
		if op.Summary == "" || len(op.Tags) == 0 {
			t.Errorf("%s needs a summary and a tag", k)
		}
		if len(op.Responses) == 0 {
			t.Errorf("%s documents no response", k)
		}
		// Every {param} of the path is declared as a path parameter.
		path := strings.SplitN(k, " ", 2)[1]
		declared := map[string]bool{}
		for _, raw := range op.Parameters {
			var p struct {
				Ref  string `json:"$ref"`
				Name string `json:"name"`
				In   string `json:"in"`
			}
			_ = json.Unmarshal(raw, &p)
			if p.Ref != "" {
				if v, ok := resolvePointer(tree, p.Ref); ok {
					b, _ := json.Marshal(v)
					_ = json.Unmarshal(b, &p)
				}
			}
			if p.In == "path" {
				declared[p.Name] = true
			}
		}
		for _, m := range regexp.MustCompile(`\{([^}]+)\}`).FindAllStringSubmatch(path, -1) {
			if !declared[m[1]] {
				t.Errorf("%s: path parameter %q is not declared", k, m[1])
			}
		}
	}

	// Every $ref points at something that exists in this document.
	refs := 0
	walkRefs(tree, func(ref string) {
		refs++
		if _, ok := resolvePointer(tree, ref); !ok {
			t.Errorf("$ref %q does not resolve", ref)
		}
	})
	if refs == 0 {
		t.Error("no $ref at all: the shared Problem schema should be referenced")
	}
	if _, ok := resolvePointer(tree, "#/components/schemas/Problem"); !ok {
		t.Error("components.schemas.Problem is missing")
	}
	if _, ok := resolvePointer(tree, "#/components/securitySchemes/sessionCookie"); !ok {
		t.Error("components.securitySchemes.sessionCookie is missing")
	}
}

// The security of each operation matches the router: a request without a
// session gets 401 exactly on the routes the description marks as signed-in
// (which document 401); public ones declare `security: []`.
func TestOpenAPISecurityMatchesRouter(t *testing.T) {
	doc, _ := parseOpenAPI(t)
	ops := operations(t, doc)
	d := openAPIDeps()
	h := NewHandler(d)
	for k, ri := range registeredRoutes(NewRouter(d)) {
		op, ok := ops[k]
		if !ok {
			continue // reported by TestOpenAPIDocumentsEveryRoute
		}
		path := ginParam.ReplaceAllStringFunc(ri.Path, func(p string) string {
			switch p[1:] {
			case "year":
				return "2022"
			case "indicator":
				return "IN.KP.01"
			}
			return "1"
		})
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(ri.Method, path, nil))
		signedIn := rec.Code == http.StatusUnauthorized
		public := op.Security != nil && len(*op.Security) == 0
		_, has401 := op.Responses["401"]
		switch {
		case signedIn && public:
			t.Errorf("%s needs a session (got 401) but is documented with security: []", k)
		case !signedIn && !public:
			t.Errorf("%s answers without a session (got %d) but is not documented with security: []", k, rec.Code)
		case signedIn && !has401:
			t.Errorf("%s needs a session but documents no 401", k)
		}
		if ri.Method != http.MethodGet {
			if _, ok := op.Responses["403"]; !ok {
				t.Errorf("%s is an unsafe method but documents no 403 (cross_origin)", k)
			}
		}
	}
}

// The route serves exactly the embedded file.
func TestOpenAPIServed(t *testing.T) {
	rec := httptest.NewRecorder()
	NewRouter(Deps{Log: slog.New(slog.NewTextHandler(io.Discard, nil))}).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/openapi.json", nil))
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		t.Fatalf("got %d %s, want 200 application/json", rec.Code, rec.Header().Get("Content-Type"))
	}
	if !bytes.Equal(rec.Body.Bytes(), openAPISpec) {
		t.Error("GET /api/v1/openapi.json does not serve api/openapi.json")
	}
}

func walkRefs(v any, f func(string)) {
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			if s, ok := c.(string); ok && k == "$ref" {
				f(s)
				continue
			}
			walkRefs(c, f)
		}
	case []any:
		for _, c := range x {
			walkRefs(c, f)
		}
	}
}

// resolvePointer follows a local reference ("#/components/schemas/Problem").
func resolvePointer(root any, ref string) (any, bool) {
	if !strings.HasPrefix(ref, "#/") {
		return nil, false // the description is self-contained
	}
	cur := root
	for _, tok := range strings.Split(ref[2:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = m[tok]; !ok {
			return nil, false
		}
	}
	return cur, true
}
