package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"
	"testing"

	"github.com/ombudsman-ri/p4/assessment"
)

// rankingRows decodes a ranking body into entity id -> row.
func rankingRows(t *testing.T, r response) (map[int64]map[string]any, map[string]any) {
	t.Helper()
	if r.status != 200 {
		t.Fatalf("ranking: %d %s", r.status, trim(r.body))
	}
	body := r.json(t)
	rows := map[int64]map[string]any{}
	for _, it := range body["items"].([]any) {
		row := it.(map[string]any)
		rows[int64(row["entity_id"].(float64))] = row
	}
	return rows, body
}

func (s *server) resultsVersion(t *testing.T) int64 {
	t.Helper()
	v, err := s.store.ResultsVersion(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Several p4 instances on one database: each keeps encoded rankings and
// results, and none serves one that a change through another instance (or
// straight in the database) has made stale — recompute, an entity's new
// name, the locus, publication.
func TestCachedRankingsAndResultsFollowChangesAcrossInstances(t *testing.T) {
	ctx := context.Background()
	s1 := newServer(t)
	s2 := serverOn(t, s1.url) // a second instance on the same database
	i := s1.ids()
	a1, a2 := s1.signedIn("admin@p4.demo"), s2.signedIn("admin@p4.demo")
	const rank = "/api/v1/periods/2023/rankings?group=pemkot"
	result := "/api/v1/periods/2023/entities/" + itoa(i.kotaBengkulu) + "/result"
	var period2023 int64
	s1.db.Raw(`SELECT id FROM periods WHERE year = 2023`).Scan(&period2023)

	// Both instances build and keep the same answer; asked again, each
	// serves exactly what it served.
	first2 := a2.do("GET", rank, nil, nil)
	before, _ := rankingRows(t, first2)
	if got := a1.do("GET", rank, nil, nil); !bytes.Equal(got.body, first2.body) {
		t.Fatalf("the two instances disagree on the same ranking")
	}
	if again := a2.do("GET", rank, nil, nil); again.status != 200 || !bytes.Equal(again.body, first2.body) {
		t.Fatalf("a repeated read changed: %d", again.status)
	}
	oldResult := a2.do("GET", result, nil, nil)
	if oldResult.status != 200 {
		t.Fatalf("result: %d %s", oldResult.status, trim(oldResult.body))
	}
	row, ok := before[i.kotaBengkulu]
	if !ok {
		t.Fatalf("Kota Bengkulu is not in the 2023 pemkot ranking")
	}
	oldScore := row["score"]

	// Answers are not what rankings read (a result changes at recompute):
	// changing them leaves the version, and the cached answer, as they are.
	v := s1.resultsVersion(t)
	if err := s1.db.Exec(`UPDATE answers SET value = 0 WHERE value IS NOT NULL AND value <> 0 AND unit_assessment_id IN
		(SELECT id FROM unit_assessments WHERE period_id = ? AND entity_id = ?)`, period2023, i.kotaBengkulu).Error; err != nil {
		t.Fatal(err)
	}
	if got := s1.resultsVersion(t); got != v {
		t.Fatalf("changing answers moved the results version %d -> %d", v, got)
	}

	// Recompute through instance 1: instance 2 serves the new score at once.
	snap, err := s1.svc.Recompute(ctx, assessment.System, period2023, i.kotaBengkulu)
	if err != nil {
		t.Fatal(err)
	}
	if s1.resultsVersion(t) == v {
		t.Fatalf("a recompute did not move the results version")
	}
	after, _ := rankingRows(t, a2.do("GET", rank, nil, nil))
	newScore := after[i.kotaBengkulu]["score"]
	want, _ := strconv.ParseFloat(snap.Score.String(), 64)
	if newScore == oldScore || newScore != want {
		t.Fatalf("instance 2 after the recompute: Kota Bengkulu's score %v, was %v, recomputed %s", newScore, oldScore, snap.Score)
	}
	if got := a1.do("GET", rank, nil, nil); !bytes.Equal(got.body, a2.do("GET", rank, nil, nil).body) {
		t.Fatalf("the instances disagree after the recompute")
	}
	res := a2.do("GET", result, nil, nil).json(t)
	if got := res["result"].(map[string]any)["score"]; got != want {
		t.Fatalf("instance 2's result of Kaur: score %v, recomputed %s", got, snap.Score)
	}

	// A new name through instance 1's API.
	if r := a1.do("PATCH", "/api/v1/entities/"+itoa(i.kotaBengkulu), map[string]any{"name": "Kota Bengkulu (nama baru)"}, nil); r.status != 200 {
		t.Fatalf("rename: %d %s", r.status, trim(r.body))
	}
	renamed, _ := rankingRows(t, a2.do("GET", rank, nil, nil))
	if got := renamed[i.kotaBengkulu]["entity"]; got != "Kota Bengkulu (nama baru)" {
		t.Fatalf("instance 2's ranking names Kota Bengkulu %v after the rename", got)
	}
	if got := a2.do("GET", result, nil, nil).json(t)["entity"].(map[string]any)["name"]; got != "Kota Bengkulu (nama baru)" {
		t.Fatalf("instance 2's result names Kota Bengkulu %v after the rename", got)
	}

	// A change straight in the database (a script, a hand fix) counts too:
	// the ranking's peer-group table rewritten by SQL.
	if err := s1.db.Exec(`UPDATE rankings SET rank = rank + 1000 WHERE period_id = ? AND peer_group = 'pemkot' AND entity_id = ?`, period2023, i.kotaBengkulu).Error; err != nil {
		t.Fatal(err)
	}
	bySQL, _ := rankingRows(t, a2.do("GET", rank, nil, nil))
	if got := bySQL[i.kotaBengkulu]["rank"].(float64); got < 1000 {
		t.Fatalf("instance 2 serves rank %v after the SQL change", got)
	}
	if err := s1.db.Exec(`UPDATE rankings SET rank = rank - 1000 WHERE period_id = ? AND peer_group = 'pemkot' AND entity_id = ?`, period2023, i.kotaBengkulu).Error; err != nil {
		t.Fatal(err)
	}

	// Publication through instance 1: the public ranking of 2023 was not
	// found on instance 2 (not kept) and is served after.
	pub := "/api/v1/public/rankings?year=2023&group=pemkot"
	anon2 := s2.client()
	if r := anon2.do("GET", pub, nil, nil); r.status != 404 {
		t.Fatalf("public 2023 ranking before publication: %d", r.status)
	}
	if err := s1.db.Exec(`UPDATE period_entities SET state = 'final' WHERE period_id = ? AND assessed`, period2023).Error; err != nil {
		t.Fatal(err)
	}
	_, body := rankingRows(t, a2.do("GET", rank, nil, nil))
	if st := body["period"].(map[string]any)["status"]; st == "published" {
		t.Fatalf("2023 is already published")
	}
	if r := a1.do("POST", "/api/v1/periods/2023/publication", nil, nil); r.status != 200 {
		t.Fatalf("publish: %d %s", r.status, trim(r.body))
	}
	_, body = rankingRows(t, a2.do("GET", rank, nil, nil))
	if st := body["period"].(map[string]any)["status"]; st != "published" {
		t.Fatalf("instance 2's ranking shows 2023 %v after publication", st)
	}
	pubRows, _ := rankingRows(t, anon2.do("GET", pub, nil, nil))
	if _, ok := pubRows[i.kotaBengkulu]; !ok {
		t.Fatalf("the published ranking on instance 2 lacks Kota Bengkulu")
	}
}

// The cache sits after authorization and scoping: an answer kept for one
// caller is never served to another who may not see it, and a coordinator's
// national ranking stays their province's.
func TestCachedRankingsAndResultsKeepScopes(t *testing.T) {
	s := newServer(t)
	i := s.ids()
	admin, coord := s.signedIn("admin@p4.demo"), s.signedIn("koordinator@p4.demo")
	kaurUser, assessor := s.signedIn("kaur@p4.demo"), s.signedIn("penilai1@p4.demo")

	// The admin's national ranking, kept, covers more than one province
	// once a pemkab of Bengkulu is moved to South Sumatra (16); the
	// coordinator of Bengkulu asking the same gets their own province only.
	var moved int64
	s.db.Raw(`SELECT k.entity_id FROM rankings k JOIN periods p ON p.id = k.period_id WHERE p.year = 2022 AND k.peer_group = 'pemkab' AND k.entity_id <> ?
		ORDER BY k.rank LIMIT 1`, i.kaur).Scan(&moved)
	if err := s.db.Exec(`UPDATE entities SET province_id = (SELECT id FROM regions WHERE code = '16') WHERE id = ?`, moved).Error; err != nil {
		t.Fatal(err)
	}
	national, _ := rankingRows(t, admin.do("GET", "/api/v1/periods/2022/rankings?group=pemkab", nil, nil))
	provinces := map[any]bool{}
	for _, r := range national {
		provinces[r["province_code"]] = true
	}
	if len(provinces) < 2 {
		t.Fatalf("the national pemkab ranking has provinces %v; the test needs two", provinces)
	}
	own, _ := rankingRows(t, coord.do("GET", "/api/v1/periods/2022/rankings?group=pemkab", nil, nil))
	if len(own) == 0 || len(own) >= len(national) {
		t.Fatalf("coordinator's ranking has %d rows, national %d", len(own), len(national))
	}
	for id, r := range own {
		if r["province_code"] != "17" {
			t.Fatalf("coordinator sees entity %d of province %v", id, r["province_code"])
		}
	}
	// Another province, kept for the admin, is still not found for them.
	if r := admin.do("GET", "/api/v1/periods/2022/rankings?group=pemda&province=16", nil, nil); r.status != 200 {
		t.Fatalf("admin, province 16: %d", r.status)
	}
	if r := coord.do("GET", "/api/v1/periods/2022/rankings?group=pemda&province=16", nil, nil); r.status != 404 {
		t.Fatalf("coordinator, province 16 (kept for the admin): %d, want 404", r.status)
	}
	if r := kaurUser.do("GET", "/api/v1/periods/2022/rankings?group=pemkab", nil, nil); r.status != 403 {
		t.Fatalf("agency user, ranking kept for the admin: %d, want 403", r.status)
	}

	// Results: kept for the admin, an entity outside the coordinator's
	// province and another entity's result stay not found.
	movedResult := "/api/v1/periods/2022/entities/" + itoa(moved) + "/result" // now in province 16
	kotaBengkulu := "/api/v1/periods/2022/entities/" + itoa(i.kotaBengkulu) + "/result"
	kaur := "/api/v1/periods/2022/entities/" + itoa(i.kaur) + "/result"
	for _, p := range []string{movedResult, kotaBengkulu, kaur} {
		if r := admin.do("GET", p, nil, nil); r.status != 200 {
			t.Fatalf("admin %s: %d %s", p, r.status, trim(r.body))
		}
	}
	if r := coord.do("GET", movedResult, nil, nil); r.status != 404 {
		t.Fatalf("coordinator, the moved entity's result (kept for the admin): %d, want 404", r.status)
	}
	if r := coord.do("GET", kaur, nil, nil); r.status != 200 {
		t.Fatalf("coordinator, Kaur's result: %d", r.status)
	}
	if r := kaurUser.do("GET", kotaBengkulu, nil, nil); r.status != 404 {
		t.Fatalf("Kaur's agency user, Kota Bengkulu's result (kept for the admin): %d, want 404", r.status)
	}
	if r := kaurUser.do("GET", kaur, nil, nil); r.status != 200 {
		t.Fatalf("Kaur's agency user, own published result: %d %s", r.status, trim(r.body))
	}
	// An assessor sees only the entities they assess, kept or not.
	var assessed, notAssessed int64
	s.db.Raw(`SELECT ua.entity_id FROM unit_assessments ua JOIN assignments x ON x.unit_assessment_id = ua.id JOIN users u ON u.id = x.user_id
		JOIN periods p ON p.id = ua.period_id JOIN current_results c ON c.period_id = p.id AND c.entity_id = ua.entity_id
		WHERE p.year = 2022 AND u.email = 'penilai1@p4.demo' ORDER BY 1 LIMIT 1`).Scan(&assessed)
	s.db.Raw(`SELECT c.entity_id FROM current_results c JOIN periods p ON p.id = c.period_id WHERE p.year = 2022 AND NOT EXISTS
		(SELECT 1 FROM unit_assessments ua JOIN assignments x ON x.unit_assessment_id = ua.id JOIN users u ON u.id = x.user_id
		 WHERE ua.period_id = p.id AND ua.entity_id = c.entity_id AND u.email = 'penilai1@p4.demo') ORDER BY 1 LIMIT 1`).Scan(&notAssessed)
	if assessed == 0 || notAssessed == 0 {
		t.Fatalf("demo data: penilai1 assesses %d, not %d", assessed, notAssessed)
	}
	for id, want := range map[int64]int{assessed: 200, notAssessed: 404} {
		p := "/api/v1/periods/2022/entities/" + itoa(id) + "/result"
		if r := admin.do("GET", p, nil, nil); r.status != 200 {
			t.Fatalf("admin %s: %d", p, r.status)
		}
		if r := assessor.do("GET", p, nil, nil); r.status != want {
			t.Fatalf("assessor %s (kept for the admin): %d, want %d", p, r.status, want)
		}
	}
	// Kept answers are the same bytes a fresh instance builds.
	fresh := serverOn(t, s.url).signedIn("admin@p4.demo")
	for _, p := range []string{kaur, "/api/v1/periods/2022/rankings?group=pemkab"} {
		kept, built := admin.do("GET", p, nil, nil), fresh.do("GET", p, nil, nil)
		if !bytes.Equal(kept.body, built.body) || !json.Valid(kept.body) {
			t.Fatalf("%s: the kept answer differs from a fresh build", p)
		}
	}
}
