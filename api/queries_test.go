package api_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"gorm.io/gorm"
)

// countStatements counts every statement gorm sends while f runs (requests
// are sent one at a time, so nothing else runs meanwhile).
func countStatements(t *testing.T, db *gorm.DB) func(f func()) int64 {
	t.Helper()
	var n atomic.Int64
	var on atomic.Bool
	count := func(*gorm.DB) {
		if on.Load() {
			n.Add(1)
		}
	}
	cb := db.Callback()
	for name, err := range map[string]error{
		"query":  cb.Query().After("gorm:query").Register("test:count_query", count),
		"row":    cb.Row().After("gorm:row").Register("test:count_row", count),
		"raw":    cb.Raw().After("gorm:raw").Register("test:count_raw", count),
		"create": cb.Create().After("gorm:create").Register("test:count_create", count),
		"update": cb.Update().After("gorm:update").Register("test:count_update", count),
		"delete": cb.Delete().After("gorm:delete").Register("test:count_delete", count),
	} {
		if err != nil {
			t.Fatalf("register %s callback: %v", name, err)
		}
	}
	return func(f func()) int64 {
		n.Store(0)
		on.Store(true)
		f()
		on.Store(false)
		return n.Load()
	}
}

// No N+1: the number of statements a read sends does not grow with what it
// reads. The questionnaire of a unit with no answers, with some, and with
// every answer and evidence files costs the same statements; so do rankings
// of small and large peer groups and work lists of few and many units.
func TestReadsSendAFixedNumberOfStatements(t *testing.T) {
	s := newServer(t)
	i := s.ids()
	var empty, full int64
	s.db.Raw(`SELECT ua.id FROM unit_assessments ua WHERE NOT EXISTS (SELECT 1 FROM answers a WHERE a.unit_assessment_id = ua.id) ORDER BY ua.id LIMIT 1`).Scan(&empty)
	s.db.Raw(`SELECT ua.id FROM unit_assessments ua JOIN answers a ON a.unit_assessment_id = ua.id JOIN evidence e ON e.unit_assessment_id = ua.id
		GROUP BY ua.id ORDER BY count(DISTINCT a.indicator) DESC, count(DISTINCT e.id) DESC LIMIT 1`).Scan(&full)
	if empty == 0 || full == 0 {
		t.Fatalf("demo data lacks a unit without answers (%d) or one with answers and evidence (%d)", empty, full)
	}
	var answersFull, evidenceFull, answersDraft int64
	s.db.Raw(`SELECT count(*) FROM answers WHERE unit_assessment_id = ?`, full).Scan(&answersFull)
	s.db.Raw(`SELECT count(*) FROM evidence WHERE unit_assessment_id = ?`, full).Scan(&evidenceFull)
	s.db.Raw(`SELECT count(*) FROM answers WHERE unit_assessment_id = ?`, i.draftUA).Scan(&answersDraft)
	admin := s.signedIn("admin@p4.demo")
	coord := s.signedIn("koordinator@p4.demo")
	measure := countStatements(t, s.db)
	cost := func(c *client, path string) int64 {
		t.Helper()
		var res response
		n := measure(func() { res = c.do("GET", path, nil, nil) })
		if res.status != 200 {
			t.Fatalf("%s: %d %s", path, res.status, trim(res.body))
		}
		return n
	}
	groups := []struct {
		what  string
		cases map[string]string
		as    *client
	}{
		{"questionnaire read", map[string]string{
			"no answers":                    "/api/v1/unit-assessments/" + itoa(empty),
			itoa(answersDraft) + " answers": "/api/v1/unit-assessments/" + itoa(i.draftUA),
			itoa(answersFull) + " answers and " + itoa(evidenceFull) + " files": "/api/v1/unit-assessments/" + itoa(full),
		}, admin},
		{"ranking", map[string]string{
			"pemkab, one province": "/api/v1/periods/2022/rankings?group=pemkab&province=17",
			"pemkab, national":     "/api/v1/periods/2022/rankings?group=pemkab",
		}, admin},
		{"entity result", map[string]string{
			"Kantah (1 unit)":     "/api/v1/periods/2022/entities/" + itoa(i.polresKaur) + "/result",
			"Kabupaten (7 units)": "/api/v1/periods/2022/entities/" + itoa(i.kaur) + "/result",
		}, admin},
		{"work list", map[string]string{
			"2 units":   "/api/v1/work?year=2023&limit=2",
			"20 units":  "/api/v1/work?year=2023&limit=20",
			"200 units": "/api/v1/work?year=2023&limit=200",
		}, coord},
	}
	for _, g := range groups {
		seen, kept := map[int64][]string{}, map[int64][]string{}
		for name, path := range g.cases {
			cost(g.as, path) // warm: the method is cached after its first read
			// Rankings and results are kept per results version: move it so
			// that the read is built again, then read it kept.
			if err := s.db.Exec(`UPDATE results_version SET version = version + 1`).Error; err != nil {
				t.Fatal(err)
			}
			n := cost(g.as, path)
			seen[n] = append(seen[n], name)
			k := cost(g.as, path)
			kept[k] = append(kept[k], name)
		}
		if len(seen) != 1 || len(kept) != 1 {
			t.Errorf("%s: the statement count depends on the size read: built %v, kept %v", g.what, seen, kept)
		}
		for n, names := range seen {
			t.Logf("%s: %d statements for each of %v", g.what, n, names)
		}
		if g.what == "ranking" || g.what == "entity result" {
			// A kept ranking or result costs two statements: the caller's
			// account (as every signed-in request) and the results version.
			for k, names := range kept {
				if k != 2 {
					t.Errorf("%s kept: %d statements for %v, want 2 (the account and the results version)", g.what, k, names)
				}
			}
		}
	}
}

// An answer autosave costs a fixed, small number of statements: the
// caller's account (as every signed-in request), the unit with its entity,
// period and assessors, the version-checked write of the answer (which also
// takes the unit's audit chain lock) and the hash-chained audit row — four,
// for a first answer and for a change. A re-save of the same content and a
// stale version read the stored answer instead of writing (and a conflict
// names who saved). The session store's statements are not gorm's and are
// not counted here.
func TestAutosaveSendsAFixedNumberOfStatements(t *testing.T) {
	s := newServer(t)
	i := s.ids()
	assessor := s.signedIn(i.draftAssessor)
	measure := countStatements(t, s.db)
	path := "/api/v1/unit-assessments/" + itoa(i.draftUA) + "/answers/" + i.unanswered
	auditRows := func() (n int64) {
		s.db.Raw(`SELECT count(*) FROM audit_log WHERE chain = ?`, "ua:"+itoa(i.draftUA)).Scan(&n)
		return n
	}
	save := func(what string, body map[string]any, ifMatch string, status, statements int) response {
		t.Helper()
		var res response
		n := measure(func() { res = assessor.do("PUT", path, body, map[string]string{"If-Match": ifMatch}) })
		if res.status != status {
			t.Fatalf("%s: %d %s, want %d", what, res.status, trim(res.body), status)
		}
		if n != int64(statements) {
			t.Errorf("%s: %d statements, want %d", what, n, statements)
		}
		return res
	}
	// Warm: the period's method is parsed once per instance, on first use.
	if res := assessor.do("GET", "/api/v1/unit-assessments/"+itoa(i.draftUA)+"/score", nil, nil); res.status != 200 {
		t.Fatalf("score preview: %d %s", res.status, trim(res.body))
	}
	before := auditRows()
	save("first answer", map[string]any{"value": 1, "note": "pertama"}, `"0"`, 200, 4)
	save("change", map[string]any{"value": 2, "note": "kedua"}, `"1"`, 200, 4)
	if got := auditRows() - before; got != 2 {
		t.Errorf("audit rows for two saves: %d, want 2", got)
	}
	// The same content again, from the version it already has or an older
	// one: nothing written, no audit row, the stored answer back.
	for _, base := range []string{`"2"`, `"1"`} {
		res := save("re-save from "+base, map[string]any{"value": 2, "note": "kedua"}, base, 200, 4)
		if res.header.Get("ETag") != `"2"` {
			t.Errorf("re-save from %s: ETag %q, want \"2\"", base, res.header.Get("ETag"))
		}
	}
	if got := auditRows() - before; got != 2 {
		t.Errorf("audit rows after re-saves: %d, want 2", got)
	}
	// A stale version: 412 naming who saved, one statement more for the name.
	res := save("stale version", map[string]any{"value": 3}, `"1"`, 412, 5)
	if !strings.Contains(string(res.body), `"version":2`) || !strings.Contains(string(res.body), `"updated_by_name"`) {
		t.Errorf("conflict does not carry the current answer and who saved it: %s", trim(res.body))
	}
	var stored struct {
		Value   int
		Note    string
		Version int
	}
	s.db.Raw(`SELECT value, note, version FROM answers WHERE unit_assessment_id = ? AND indicator = ?`, i.draftUA, i.unanswered).Scan(&stored)
	if stored.Value != 2 || stored.Note != "kedua" || stored.Version != 2 {
		t.Errorf("stored answer %+v, want value 2, note kedua, version 2", stored)
	}
	var old, new string
	s.db.Raw(`SELECT coalesce(old_value::text, ''), new_value::text FROM audit_log WHERE chain = ? ORDER BY id DESC LIMIT 1`, "ua:"+itoa(i.draftUA)).Row().Scan(&old, &new)
	if !strings.Contains(old, `"note": "pertama"`) || !strings.Contains(new, `"note": "kedua"`) || !strings.Contains(new, `"version": 2`) {
		t.Errorf("audit of the change: old %s, new %s", old, new)
	}
	if n, p, err := s.svc.VerifyAudit(context.Background()); err != nil || p != nil {
		t.Fatalf("audit log after autosaves (%d rows): %v %v", n, p, err)
	}
}
