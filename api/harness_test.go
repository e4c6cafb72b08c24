package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/ombudsman-ri/p4/api"
	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/assessment/demo"
	"github.com/ombudsman-ri/p4/assessment/filestore"
	"github.com/ombudsman-ri/p4/assessment/pgstore"
	"github.com/ombudsman-ri/p4/pgtest"
	"github.com/ombudsman-ri/p4/scoring"
)

// seedDemo loads the Bengkulu demo data, plus one entity of another
// province (for "other province" cases), into a template database.
func seedDemo(url string) error {
	ctx := context.Background()
	gdb, err := pgstore.Open(ctx, url, 5, nil)
	if err != nil {
		return err
	}
	sqlDB, _ := gdb.DB()
	defer sqlDB.Close()
	dir, err := newTempDir()
	if err != nil {
		return err
	}
	blobs, err := filestore.New(dir)
	if err != nil {
		return err
	}
	ds, err := demo.Bengkulu()
	if err != nil {
		return err
	}
	st := pgstore.New(gdb)
	if err := demo.Load(ctx, st, blobs, ds); err != nil {
		return err
	}
	svc := assessment.NewService(st, assessment.WithClock(func() time.Time { return testNow }))
	if err := svc.CreateRegion(ctx, assessment.System, &assessment.Region{Code: "16", Name: "Sumatera Selatan", Level: "province"}, ""); err != nil {
		return err
	}
	prov, _ := st.RegionByCode(ctx, "16")
	e := assessment.Entity{Code: "pemkab-1601", Name: "Kabupaten Ogan Komering Ulu", Kind: scoring.KindPemkab, ProvinceID: prov.ID,
		Units: []assessment.Unit{{Code: "dpmptsp", Name: "DPMPTSP Ogan Komering Ulu", Kind: "dpmptsp"}}}
	if err := svc.CreateEntity(ctx, assessment.System, &e); err != nil {
		return err
	}
	p, err := st.PeriodByYear(ctx, 2023)
	if err != nil {
		return err
	}
	if err := svc.AddToLocus(ctx, assessment.System, p.ID, e.ID, true, ""); err != nil {
		return err
	}
	_, err = svc.CreateUser(ctx, assessment.System, assessment.NewUser{Email: "koordinator.sumsel@p4.demo", Name: "Koordinator Sumsel",
		Role: assessment.RoleCoordinator, ProvinceID: prov.ID, Password: demo.DemoPassword})
	return err
}

// testNow is inside the 2023 field work of the demo data (10:00 WIB).
var testNow = time.Date(2023, 8, 15, 3, 0, 0, 0, time.UTC)

type server struct {
	t     *testing.T
	url   string
	db    *gorm.DB
	store *pgstore.Store
	svc   *assessment.Service
	clock *mutableClock
	ts    *httptest.Server
	logs  *bytes.Buffer
	// exports is the folder background exports are written to (Deps.ExportDir).
	exports string
}

type mutableClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *mutableClock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *mutableClock) set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

func newServer(t *testing.T) *server {
	t.Helper()
	url := pgtest.NewSeeded(t, "demo4", seedDemo)
	return serverOn(t, url)
}

// serverOn starts a p4 API on an existing database (a second instance).
func serverOn(t *testing.T, url string) *server {
	t.Helper()
	ctx := context.Background()
	gdb, err := pgstore.Open(ctx, url, 10, nil)
	if err != nil {
		t.Fatal(err)
	}
	sqlDB, _ := gdb.DB()
	t.Cleanup(func() { sqlDB.Close() })
	blobs, err := filestore.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	// The demo's evidence files, content-addressed: the same bytes land at the same names.
	ds, err := demo.Bengkulu()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ds.Periods {
		for _, pe := range p.Entities {
			for _, pu := range pe.Units {
				for _, ev := range pu.Evidence {
					if _, _, err := blobs.Put(ctx, bytes.NewReader(ev.Data), assessment.MaxEvidenceSize); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
	s := &server{t: t, url: url, db: gdb, store: pgstore.New(gdb), clock: &mutableClock{t: testNow}, logs: &bytes.Buffer{}}
	s.svc = assessment.NewService(s.store, assessment.WithClock(s.clock.now), assessment.WithBlobStore(blobs))
	log := slog.New(slog.NewJSONHandler(&lockedWriter{w: s.logs}, nil))
	s.exports = t.TempDir()
	s.ts = httptest.NewServer(api.NewHandler(api.Deps{Log: log, Service: s.svc, Sessions: api.NewSessions(sqlDB, false),
		Ready: func(context.Context) error { return nil }, Version: "test", ExportDir: s.exports}))
	t.Cleanup(s.ts.Close)
	return s
}

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// client is one browser: a cookie jar on one server.
type client struct {
	s    *server
	base string
	hc   *http.Client
}

func (s *server) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{s: s, base: s.ts.URL, hc: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// signedIn returns a client signed in as email with the demo password.
func (s *server) signedIn(email string) *client {
	s.t.Helper()
	c := s.client()
	if email == "" {
		return c
	}
	res := c.do("POST", "/api/v1/session", map[string]string{"email": email, "password": demo.DemoPassword}, nil)
	if res.status != 200 {
		s.t.Fatalf("sign in %s: %d %s", email, res.status, res.body)
	}
	return c
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("response is not a JSON object: %v\n%s", err, r.body)
	}
	return m
}

func (c *client) do(method, path string, body any, header map[string]string) response {
	c.s.t.Helper()
	var rd io.Reader
	if body != nil {
		switch b := body.(type) {
		case []byte:
			rd = bytes.NewReader(b)
		case string:
			rd = strings.NewReader(b)
		default:
			j, _ := json.Marshal(b)
			rd = bytes.NewReader(j)
		}
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.s.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		c.s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{resp.StatusCode, resp.Header, b}
}

// ids of demo records the tests address.
type ids struct {
	kaur, kotaBengkulu, polresKaur, ogan int64
	kaurUA2023, kaurUA2022, oganUA       int64
	draftUA                              int64 // a 2023 draft unit
	draftAssessor                        string
	draftAssessorID                      int64
	draftProduct                         string
	submittedUA                          int64 // a 2023 submitted unit of Kaur
	evidenceKaur                         int64
	adminID, kaurUserID, penilai2        int64
	evidenceOther                        int64  // evidence of an entity penilai1 and kaur do not cover
	unanswered                           string // an indicator the draft unit has no answer for
	period2023Version                    int
	kaurUnit                             int64
	jobLeader, jobAdmin                  int64 // queued workbook exports requested by pimpinan and by admin
	method2021, method2022               int64
	presetFile                           []byte
	evidenceDraft                        int64 // evidence of Polres Seluma's 2023 draft, penilai1's unit
}

func (s *server) ids() ids {
	s.t.Helper()
	ctx := context.Background()
	var out ids
	ent := func(code string) int64 {
		e, err := s.store.EntityByCode(ctx, code)
		if err != nil {
			s.t.Fatalf("entity %s: %v", code, err)
		}
		return e.ID
	}
	out.kaur, out.kotaBengkulu, out.polresKaur, out.ogan = ent("pemkab-1704"), ent("pemkot-1771"), ent("polres-1704"), ent("pemkab-1601")
	q := func(dst any, sql string, args ...any) {
		if err := s.db.Raw(sql, args...).Scan(dst).Error; err != nil {
			s.t.Fatal(err)
		}
	}
	q(&out.kaurUA2023, `SELECT ua.id FROM unit_assessments ua JOIN periods p ON p.id = ua.period_id WHERE p.year = 2023 AND ua.entity_id = ? AND ua.state = 'accepted' ORDER BY ua.id LIMIT 1`, out.kaur)
	q(&out.submittedUA, `SELECT ua.id FROM unit_assessments ua JOIN periods p ON p.id = ua.period_id WHERE p.year = 2023 AND ua.entity_id = ? AND ua.state = 'submitted' ORDER BY ua.id LIMIT 1`, out.kaur)
	q(&out.kaurUA2022, `SELECT ua.id FROM unit_assessments ua JOIN periods p ON p.id = ua.period_id WHERE p.year = 2022 AND ua.entity_id = ? ORDER BY ua.id LIMIT 1`, out.kaur)
	q(&out.oganUA, `SELECT id FROM unit_assessments WHERE entity_id = ?`, out.ogan)
	q(&out.draftUA, `SELECT ua.id FROM unit_assessments ua JOIN periods p ON p.id = ua.period_id JOIN assignments a ON a.unit_assessment_id = ua.id WHERE p.year = 2023 AND ua.state = 'draft' ORDER BY ua.id LIMIT 1`)
	q(&out.draftAssessor, `SELECT u.email FROM assignments a JOIN users u ON u.id = a.user_id WHERE a.unit_assessment_id = ? ORDER BY u.id LIMIT 1`, out.draftUA)
	q(&out.draftAssessorID, `SELECT id FROM users WHERE email = ?`, out.draftAssessor)
	q(&out.draftProduct, `SELECT coalesce((SELECT p.name FROM service_products p JOIN unit_assessments ua ON ua.unit_id = p.unit_id WHERE ua.id = ? ORDER BY p.id LIMIT 1), '')`, out.draftUA)
	q(&out.evidenceKaur, `SELECT e.id FROM evidence e JOIN unit_assessments ua ON ua.id = e.unit_assessment_id JOIN periods p ON p.id = ua.period_id WHERE p.year = 2022 AND ua.entity_id = ? ORDER BY e.id LIMIT 1`, out.kaur)
	q(&out.adminID, `SELECT id FROM users WHERE email = 'admin@p4.demo'`)
	q(&out.kaurUserID, `SELECT id FROM users WHERE email = 'kaur@p4.demo'`)
	q(&out.penilai2, `SELECT id FROM users WHERE email = 'penilai2@p4.demo'`)
	q(&out.period2023Version, `SELECT version FROM periods WHERE year = 2023`)
	q(&out.kaurUnit, `SELECT id FROM units WHERE entity_id = ? ORDER BY id LIMIT 1`, out.kaur)
	q(&out.method2021, `SELECT method_id FROM periods WHERE year = 2021`)
	q(&out.method2022, `SELECT method_id FROM periods WHERE year = 2022`)
	q(&out.jobLeader, `INSERT INTO jobs (kind, params, requested_by) SELECT 'workbook', '{"year": 2022}', id FROM users WHERE email = 'pimpinan@p4.demo' RETURNING id`)
	q(&out.jobAdmin, `INSERT INTO jobs (kind, params, requested_by) VALUES ('workbook', '{"year": 2022, "province": "17"}', ?) RETURNING id`, out.adminID)
	var err error
	if out.presetFile, err = scoring.PresetFile("2022"); err != nil {
		s.t.Fatal(err)
	}
	q(&out.evidenceOther, `SELECT e.id FROM evidence e JOIN unit_assessments ua ON ua.id = e.unit_assessment_id JOIN entities en ON en.id = ua.entity_id
		WHERE en.code = 'pemkab-1709' ORDER BY e.id LIMIT 1`)
	q(&out.evidenceDraft, `SELECT e.id FROM evidence e JOIN unit_assessments ua ON ua.id = e.unit_assessment_id JOIN entities en ON en.id = ua.entity_id
		JOIN periods p ON p.id = ua.period_id WHERE en.code = 'polres-1705' AND p.year = 2023 AND ua.state = 'draft' ORDER BY e.id LIMIT 1`)
	var have []string
	q(&have, `SELECT indicator FROM answers WHERE unit_assessment_id = ?`, out.draftUA)
	m, err := scoring.Preset("2022")
	if err != nil {
		s.t.Fatal(err)
	}
	for _, ind := range m.Indicators() {
		if code := ind.Code; !slices.Contains(have, code) {
			out.unanswered = code
			break
		}
	}
	for name, v := range map[string]int64{"kaurUA2023": out.kaurUA2023, "submittedUA": out.submittedUA, "kaurUA2022": out.kaurUA2022, "oganUA": out.oganUA,
		"draftUA": out.draftUA, "evidenceKaur": out.evidenceKaur, "evidenceOther": out.evidenceOther, "evidenceDraft": out.evidenceDraft} {
		if v == 0 {
			s.t.Fatalf("demo data lacks %s", name)
		}
	}
	if out.unanswered == "" || out.draftAssessor != "penilai1@p4.demo" {
		s.t.Fatalf("demo draft unit: unanswered %q, assessor %q; the matrix expects penilai1 and an open indicator", out.unanswered, out.draftAssessor)
	}
	return out
}

func newTempDir() (string, error) { return osMkdirTemp() }
