package api_test

import (
	"encoding/json"
	"testing"
)

// An assessor removes an evidence file from their draft unit: it is no
// longer listed or served, the removal is audited, and a second removal
// finds nothing. Files of submitted or accepted units stay (409).
func TestDeleteEvidence(t *testing.T) {
	s := newServer(t)
	i := s.ids()
	assessor := s.signedIn("penilai1@p4.demo")
	path := "/api/v1/evidence/" + itoa(i.evidenceDraft)
	if r := assessor.do("DELETE", path, nil, nil); r.status != 204 {
		t.Fatalf("delete: %d %s", r.status, r.body)
	}
	if r := assessor.do("GET", path, nil, nil); r.status != 404 {
		t.Errorf("download after delete: %d, want 404", r.status)
	}
	if r := assessor.do("DELETE", path, nil, nil); r.status != 404 {
		t.Errorf("second delete: %d, want 404", r.status)
	}
	var ua int64
	s.db.Raw(`SELECT unit_assessment_id FROM evidence WHERE id = ?`, i.evidenceDraft).Scan(&ua)
	var unit struct {
		Evidence []struct{ ID int64 } `json:"evidence"`
	}
	json.Unmarshal(assessor.do("GET", "/api/v1/unit-assessments/"+itoa(ua), nil, nil).body, &unit)
	for _, ev := range unit.Evidence {
		if ev.ID == i.evidenceDraft {
			t.Errorf("the unit still lists the removed file")
		}
	}
	var audit struct {
		N       int
		ActorID int64
	}
	s.db.Raw(`SELECT count(*) AS n, max(a.actor_id) AS actor_id FROM audit_log a WHERE action = 'evidence.delete' AND object_id = ?`, itoa(i.evidenceDraft)).Scan(&audit)
	var penilai1 int64
	s.db.Raw(`SELECT id FROM users WHERE email = 'penilai1@p4.demo'`).Scan(&penilai1)
	if audit.N != 1 || audit.ActorID != penilai1 {
		t.Errorf("audit of the removal: %+v, want one row by penilai1 (%d)", audit, penilai1)
	}

	// Kaur 2023: an accepted unit's file and a submitted unit's file stay.
	for _, state := range []string{"accepted", "submitted"} {
		var ev int64
		s.db.Raw(`SELECT e.id FROM evidence e JOIN unit_assessments ua ON ua.id = e.unit_assessment_id JOIN periods p ON p.id = ua.period_id
			WHERE p.year = 2023 AND ua.entity_id = ? AND ua.state = ? ORDER BY e.id LIMIT 1`, i.kaur, state).Scan(&ev)
		if ev == 0 {
			t.Fatalf("demo data lacks evidence of a %s Kaur unit", state)
		}
		r := assessor.do("DELETE", "/api/v1/evidence/"+itoa(ev), nil, nil)
		if r.status != 409 {
			t.Errorf("delete from a %s unit: %d %s, want 409", state, r.status, r.body)
		}
		if g := assessor.do("GET", "/api/v1/evidence/"+itoa(ev), nil, nil); g.status != 200 {
			t.Errorf("the %s unit's file after a refused delete: %d", state, g.status)
		}
	}
}

// A unit's answers and files name who changed and uploaded them.
func TestUnitViewNames(t *testing.T) {
	s := newServer(t)
	i := s.ids()
	var ua int64
	s.db.Raw(`SELECT unit_assessment_id FROM evidence WHERE id = ?`, i.evidenceDraft).Scan(&ua)
	var want string
	s.db.Raw(`SELECT name FROM users WHERE email = 'penilai1@p4.demo'`).Scan(&want)
	r := s.signedIn("koordinator@p4.demo").do("GET", "/api/v1/unit-assessments/"+itoa(ua), nil, nil)
	var v struct {
		Answers []struct {
			UpdatedBy     int64  `json:"updated_by"`
			UpdatedByName string `json:"updated_by_name"`
		} `json:"answers"`
		Evidence []struct {
			UploadedByName string `json:"uploaded_by_name"`
		} `json:"evidence"`
	}
	if err := json.Unmarshal(r.body, &v); err != nil || r.status != 200 || len(v.Answers) == 0 || len(v.Evidence) == 0 {
		t.Fatalf("unit: %d %v, %d answers, %d files", r.status, err, len(v.Answers), len(v.Evidence))
	}
	for _, a := range v.Answers {
		if a.UpdatedByName != want {
			t.Fatalf("answer by %d named %q, want %q", a.UpdatedBy, a.UpdatedByName, want)
		}
	}
	if v.Evidence[0].UploadedByName != want {
		t.Errorf("file uploaded by %q, want %q", v.Evidence[0].UploadedByName, want)
	}
}

// A version conflict names who saved the answer in between.
func TestAnswerConflictNamesWhoSaved(t *testing.T) {
	s := newServer(t)
	i := s.ids()
	a := s.signedIn("penilai1@p4.demo")
	path := "/api/v1/unit-assessments/" + itoa(i.draftUA) + "/answers/" + i.unanswered
	if res := a.do("PUT", path, map[string]any{"value": 1}, map[string]string{"If-Match": `"0"`}); res.status != 200 {
		t.Fatalf("first save: %d %s", res.status, res.body)
	}
	res := a.do("PUT", path, map[string]any{"value": 2}, map[string]string{"If-Match": `"0"`})
	if res.status != 412 {
		t.Fatalf("stale save: got %d, want 412", res.status)
	}
	var want string
	s.db.Raw(`SELECT name FROM users WHERE email = 'penilai1@p4.demo'`).Scan(&want)
	if cur := res.json(t)["current"].(map[string]any); cur["updated_by_name"] != want {
		t.Fatalf("conflict's current answer: %v, want updated_by_name %q", cur, want)
	}
}

// A returned unit names the reviewer who returned it.
func TestReturnedUnitNamesReviewer(t *testing.T) {
	s := newServer(t)
	var ua int64
	s.db.Raw(`SELECT ua.id FROM unit_assessments ua JOIN entities e ON e.id = ua.entity_id JOIN periods p ON p.id = ua.period_id
		WHERE e.code = 'kantah-1703' AND p.year = 2023`).Scan(&ua)
	var want string
	s.db.Raw(`SELECT name FROM users WHERE email = 'koordinator@p4.demo'`).Scan(&want)
	r := s.signedIn("penilai1@p4.demo").do("GET", "/api/v1/unit-assessments/"+itoa(ua), nil, nil)
	var v struct {
		Assessment struct {
			State         string `json:"state"`
			DecidedBy     int64  `json:"decided_by"`
			DecidedByName string `json:"decided_by_name"`
		} `json:"assessment"`
	}
	if err := json.Unmarshal(r.body, &v); err != nil || r.status != 200 {
		t.Fatalf("unit: %d %v", r.status, err)
	}
	if v.Assessment.State != "returned" || v.Assessment.DecidedBy == 0 || v.Assessment.DecidedByName != want {
		t.Fatalf("returned unit: %+v, want returned by %s", v.Assessment, want)
	}
}
