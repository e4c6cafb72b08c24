package pgstore_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/assessment/filestore"
	"github.com/ombudsman-ri/p4/assessment/pgstore"
	"github.com/ombudsman-ri/p4/pgtest"
	"github.com/ombudsman-ri/p4/scoring"
)

// clock is a settable clock for the service.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(day string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		panic(err)
	}
	c.t = t.Add(3 * time.Hour) // 10:00 WIB
}

// world is a small assessment: one province, one regency with two units,
// a second regency, users of every role, the 2022 method and an open period.
type world struct {
	t          *testing.T
	ctx        context.Context
	svc        *assessment.Service
	store      *pgstore.Store
	url        string
	clock      *clock
	method     *scoring.Method
	period     assessment.Period
	entity     assessment.Entity // Kabupaten Uji, 2 units
	other      assessment.Entity // Kabupaten Lain, 1 unit, other province
	uas        []assessment.UnitAssessment
	otherUA    assessment.UnitAssessment
	admin      assessment.Actor
	coord      assessment.Actor
	coordOther assessment.Actor
	assessor   assessment.Actor
	assessor2  assessment.Actor
	agency     assessment.Actor
	leadership assessment.Actor
	indicators []string
	dataDir    string
	gdb        *gorm.DB
}

func (w *world) storeDB() *gorm.DB { return w.gdb }

var (
	hashOnce sync.Once
	hashed   string
)

// testHash hashes the test password once per test binary: these tests are
// about records, not about password hashing (see password_test.go).
func testHash() string {
	hashOnce.Do(func() {
		var err error
		if hashed, err = assessment.HashPassword("rahasia-sekali"); err != nil {
			panic(err)
		}
	})
	return hashed
}

func day(s string) *time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return &t
}

func newWorld(t *testing.T) *world {
	t.Helper()
	ctx := context.Background()
	url := pgtest.New(t)
	gdb, err := pgstore.Open(ctx, url, 10, nil)
	if err != nil {
		t.Fatal(err)
	}
	sqlDB, _ := gdb.DB()
	t.Cleanup(func() { sqlDB.Close() })
	dir := t.TempDir()
	blobs, err := filestore.New(dir)
	if err != nil {
		t.Fatal(err)
	}
	w := &world{t: t, ctx: ctx, store: pgstore.New(gdb), url: url, clock: &clock{}, dataDir: dir, gdb: gdb}
	w.clock.set("2023-08-01")
	w.svc = assessment.NewService(w.store, assessment.WithClock(w.clock.now), assessment.WithBlobStore(blobs))
	sys := assessment.System
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(w.svc.CreateRegion(ctx, sys, &assessment.Region{Code: "17", Name: "Bengkulu", Level: "province"}, ""))
	must(w.svc.CreateRegion(ctx, sys, &assessment.Region{Code: "1704", Name: "Kaur", Level: "regency"}, "17"))
	must(w.svc.CreateRegion(ctx, sys, &assessment.Region{Code: "16", Name: "Sumatera Selatan", Level: "province"}, ""))
	prov, _ := w.store.RegionByCode(ctx, "17")
	prov2, _ := w.store.RegionByCode(ctx, "16")
	w.entity = assessment.Entity{Code: "uji", Name: "Kabupaten Uji", Kind: scoring.KindPemkab, ProvinceID: prov.ID,
		Units: []assessment.Unit{{Code: "dpmptsp", Name: "DPMPTSP", Kind: "dpmptsp"}, {Code: "disdukcapil", Name: "Disdukcapil", Kind: "disdukcapil"}}}
	must(w.svc.CreateEntity(ctx, sys, &w.entity))
	w.other = assessment.Entity{Code: "lain", Name: "Kabupaten Lain", Kind: scoring.KindPemkab, ProvinceID: prov2.ID,
		Units: []assessment.Unit{{Code: "dpmptsp", Name: "DPMPTSP", Kind: "dpmptsp"}}}
	must(w.svc.CreateEntity(ctx, sys, &w.other))

	user := func(email string, role assessment.Role, provID, entityID int64) assessment.Actor {
		u, err := w.svc.CreateUser(ctx, sys, assessment.NewUser{Email: email, Name: email, Role: role, ProvinceID: provID, EntityID: entityID, PasswordHash: testHash()})
		must(err)
		return u.Actor()
	}
	w.admin = user("admin@uji.test", assessment.RoleAdmin, 0, 0)
	w.coord = user("koordinator@uji.test", assessment.RoleCoordinator, prov.ID, 0)
	w.coordOther = user("koordinator2@uji.test", assessment.RoleCoordinator, prov2.ID, 0)
	w.assessor = user("penilai@uji.test", assessment.RoleAssessor, 0, 0)
	w.assessor2 = user("penilai2@uji.test", assessment.RoleAssessor, 0, 0)
	w.agency = user("instansi@uji.test", assessment.RoleAgency, 0, w.entity.ID)
	w.leadership = user("pimpinan@uji.test", assessment.RoleLeadership, 0, 0)

	file, err := scoring.PresetFile("2022")
	must(err)
	mv, err := w.svc.RegisterMethod(ctx, sys, file)
	must(err)
	w.method = mv.Method
	w.period, err = w.svc.CreatePeriod(ctx, sys, assessment.PeriodInput{Year: 2023, MethodID: mv.ID,
		Fieldwork: assessment.Window{From: day("2023-07-01"), To: day("2023-10-31")},
		Review:    assessment.Window{From: day("2023-07-15"), To: day("2023-11-30")},
		Objection: assessment.Window{From: day("2023-12-01"), To: day("2023-12-15")},
		PublishOn: day("2023-12-20")})
	must(err)
	must(w.svc.AddToLocus(ctx, sys, w.period.ID, w.entity.ID, true, ""))
	must(w.svc.AddToLocus(ctx, sys, w.period.ID, w.other.ID, true, ""))
	w.uas, err = w.store.UnitAssessments(ctx, w.period.ID, w.entity.ID)
	must(err)
	others, err := w.store.UnitAssessments(ctx, w.period.ID, w.other.ID)
	must(err)
	w.otherUA = others[0]
	for _, ua := range w.uas {
		must(w.svc.Assign(ctx, w.coord, ua.ID, w.assessor.UserID))
	}
	must(w.svc.Assign(ctx, w.coordOther, w.otherUA.ID, w.assessor2.UserID))
	must(w.svc.OpenPeriod(ctx, sys, w.period.ID))
	w.period, _ = w.store.Period(ctx, w.period.ID)
	for _, ind := range w.method.Indicators() {
		if len(ind.Kinds) == 0 || contains(ind.Kinds, scoring.KindPemkab) {
			w.indicators = append(w.indicators, ind.Code)
		}
	}
	return w
}

func contains(ks []scoring.Kind, k scoring.Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

func intp(v int) *int { return &v }

// fill answers every indicator of a unit with value v.
func (w *world) fill(a assessment.Actor, uaID int64, v int) {
	w.t.Helper()
	for _, code := range w.indicators {
		cur, err := w.store.Answer(w.ctx, uaID, code, false)
		base := 0
		if err == nil {
			base = cur.Version
		}
		if _, err := w.svc.SaveAnswer(w.ctx, a, uaID, code, assessment.AnswerInput{Value: intp(v)}, base); err != nil {
			w.t.Fatalf("save %s: %v", code, err)
		}
	}
}

// acceptAll fills, submits and accepts every unit of the entity.
func (w *world) acceptAll(v int) {
	w.t.Helper()
	for _, ua := range w.uas {
		w.fill(w.assessor, ua.ID, v)
		if _, err := w.svc.Submit(w.ctx, w.assessor, ua.ID); err != nil {
			w.t.Fatal(err)
		}
		if _, err := w.svc.Accept(w.ctx, w.coord, ua.ID); err != nil {
			w.t.Fatal(err)
		}
	}
}
