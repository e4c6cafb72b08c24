package api_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The security sweep of the national-scale proof (docs/SECURITY.md): ids of
// records outside the caller's scope in body and query fields (the path ids
// are the "other" column of the authorization matrix), fields a caller may
// not set, the workflow taken out of order, hostile uploads, and error bodies
// that must not leak internals.

// finalizeKotaWithObjectionWindow makes Kota Bengkulu's 2023 result final and
// moves the clock into an objection window, so that its agency user may file
// objections (as in TestObjectionFlowOverHTTP).
func finalizeKotaWithObjectionWindow(t *testing.T, s *server, i ids) {
	t.Helper()
	admin := s.signedIn("admin@p4.demo")
	if res := admin.do("POST", "/api/v1/periods/2023/entities/"+itoa(i.kotaBengkulu)+"/finalize", nil, nil); res.status != 200 {
		t.Fatalf("finalize: %d %s", res.status, res.body)
	}
	var per struct{ Version int }
	json.Unmarshal(admin.do("GET", "/api/v1/periods/2023", nil, nil).body, &per)
	sched := map[string]any{"fieldwork": map[string]string{"from": "2023-07-01", "to": "2023-10-31"}, "review": map[string]string{"from": "2023-07-15", "to": "2023-11-30"},
		"objection": map[string]string{"from": "2023-12-01", "to": "2023-12-15"}, "publish_on": "2023-12-20"}
	if res := admin.do("PUT", "/api/v1/periods/2023/schedule", map[string]any{"version": per.Version, "schedule": sched, "reason": "jadwal sanggahan"}, nil); res.status != 200 {
		t.Fatalf("schedule: %d %s", res.status, res.body)
	}
	s.clock.set(time.Date(2023, 12, 5, 3, 0, 0, 0, time.UTC))
}

// Every body and query field that names a record is checked against the
// caller's scope: another entity's or province's id is refused (or filtered
// out), and nothing is written.
func TestIDORInBodyAndQueryFields(t *testing.T) {
	s := newServer(t)
	i := s.ids()
	finalizeKotaWithObjectionWindow(t, s, i)
	var kotaUA, kaurUnitOf2022, kotaUnitOf2022 int64
	s.db.Raw(`SELECT ua.id FROM unit_assessments ua JOIN periods p ON p.id = ua.period_id WHERE p.year = 2023 AND ua.entity_id = ? ORDER BY ua.id LIMIT 1`, i.kotaBengkulu).Scan(&kotaUA)
	s.db.Raw(`SELECT ua.unit_id FROM unit_assessments ua JOIN periods p ON p.id = ua.period_id WHERE p.year = 2022 AND ua.entity_id = ? ORDER BY ua.id LIMIT 1`, i.kaur).Scan(&kaurUnitOf2022)
	s.db.Raw(`SELECT ua.unit_id FROM unit_assessments ua JOIN periods p ON p.id = ua.period_id WHERE p.year = 2022 AND ua.entity_id = ? ORDER BY ua.id LIMIT 1`, i.kotaBengkulu).Scan(&kotaUnitOf2022)
	var coordSumsel, agencyUser int64
	s.db.Raw(`SELECT id FROM users WHERE email = 'koordinator.sumsel@p4.demo'`).Scan(&coordSumsel)
	s.db.Raw(`SELECT id FROM users WHERE email = 'kotabengkulu@p4.demo'`).Scan(&agencyUser)

	kota := s.signedIn("kotabengkulu@p4.demo")
	kaur := s.signedIn("kaur@p4.demo")
	coord := s.signedIn("koordinator@p4.demo")
	assessor := s.signedIn("penilai1@p4.demo")
	leader := s.signedIn("pimpinan@p4.demo")
	objection := func(ua int64) map[string]any {
		return map[string]any{"statement": "Mohon ditinjau", "items": []map[string]any{{"unit_assessment_id": ua, "indicator": "IN.KP.01", "requested_value": 3}}}
	}
	cases := []struct {
		name   string
		c      *client
		method string
		path   string
		body   any
		// refused lists acceptable statuses; none of them is a success.
		refused []int
	}{
		{"objection item naming another entity's unit", kota, "POST", "/api/v1/periods/2023/entities/" + itoa(i.kotaBengkulu) + "/objections", objection(i.kaurUA2023), []int{404, 422}},
		{"objection item naming another province's unit", kota, "POST", "/api/v1/periods/2023/entities/" + itoa(i.kotaBengkulu) + "/objections", objection(i.oganUA), []int{404, 422}},
		{"objection item naming a unit of another year", kota, "POST", "/api/v1/periods/2023/entities/" + itoa(i.kotaBengkulu) + "/objections", objection(i.kaurUA2022), []int{404, 422}},
		{"what-if changing another entity's unit", kaur, "POST", "/api/v1/periods/2022/entities/" + itoa(i.kaur) + "/what-if",
			map[string]any{"changes": []map[string]any{{"unit_id": kotaUnitOf2022, "indicator": "IN.KP.01", "value": 3}}}, []int{404, 422}},
		{"assign an agency user to a unit", coord, "POST", "/api/v1/unit-assessments/" + itoa(i.draftUA) + "/assessors", map[string]any{"user_id": agencyUser}, []int{422}},
		{"assign another province's coordinator", coord, "POST", "/api/v1/unit-assessments/" + itoa(i.draftUA) + "/assessors", map[string]any{"user_id": coordSumsel}, []int{422}},
		{"assign the admin to a whole entity", coord, "POST", "/api/v1/periods/2023/entities/" + itoa(i.kaur) + "/assessors", map[string]any{"user_ids": []int64{i.penilai2, i.adminID}}, []int{422}},
		{"export of another province", coord, "POST", "/api/v1/exports", map[string]any{"year": 2022, "province": "16"}, []int{404}},
		{"work list of another entity (agency)", kaur, "GET", "/api/v1/work?entity_id=" + itoa(i.kotaBengkulu), nil, []int{403}},
		{"users of an entity (assessor)", assessor, "GET", "/api/v1/users?entity_id=" + itoa(i.kaur), nil, []int{403}},
		{"workbook of another province", coord, "GET", "/api/v1/periods/2022/workbook.xlsx?province=16", nil, []int{404}},
		{"ranking of another province", coord, "GET", "/api/v1/periods/2023/rankings?group=pemda&province=16", nil, []int{404}},
		{"method comparison (agency)", kaur, "GET", fmt.Sprintf("/api/v1/methods/compare?from=%d&to=%d", i.method2021, i.method2022), nil, []int{403}},
	}
	before := s.fingerprint()
	var objections int64
	for _, tc := range cases {
		res := tc.c.send(tc.method, tc.path, tc.body, nil)
		ok := false
		for _, st := range tc.refused {
			ok = ok || res.status == st
		}
		if !ok {
			t.Errorf("%s: %s %s: got %d, want one of %v: %s", tc.name, tc.method, tc.path, res.status, tc.refused, trim(res.body))
		}
		if res.status == 200 && strings.Contains(string(res.body), "Bengkulu") && tc.c == kaur {
			t.Errorf("%s: the answer names another entity: %s", tc.name, trim(res.body))
		}
	}
	// A coordinator reads the audit log of their own province only: asking
	// for another province's entity finds nothing (GET /audit is a filter).
	if res := coord.send("GET", "/api/v1/audit?entity_id="+itoa(i.ogan), nil, nil); res.status != 200 || !strings.Contains(string(res.body), `"total":0`) {
		t.Errorf("audit of another entity (coordinator): got %d %s, want 200 with no rows", res.status, trim(res.body))
	}
	s.db.Raw(`SELECT count(*) FROM objections`).Scan(&objections)
	if objections != 0 {
		t.Errorf("refused objections were stored: %d", objections)
	}
	if after := s.fingerprint(); after != before {
		t.Errorf("refused requests changed the data: %s → %s", before, after)
	}

	// Filters that name another scope return nothing of it (200, filtered).
	filtered := []struct {
		name   string
		c      *client
		path   string
		absent string
	}{
		{"coordinator's work list filtered on another province's entity", coord, "/api/v1/work?limit=500&entity_id=" + itoa(i.ogan), "Ogan"},
		{"assessor's work list filtered on an unassigned entity", assessor, "/api/v1/work?limit=500&entity_id=" + itoa(i.ogan), "Ogan"},
		{"agency's entity search for another entity", kaur, "/api/v1/entities?q=Bengkulu", "Kota Bengkulu"},
		{"leadership's work list never shows contact data", leader, "/api/v1/work?limit=5", "contact"},
	}
	for _, f := range filtered {
		res := f.c.do("GET", f.path, nil, nil)
		if res.status != 200 || strings.Contains(string(res.body), f.absent) {
			t.Errorf("%s: got %d, want 200 without %q: %s", f.name, res.status, f.absent, trim(res.body))
		}
	}

	// The same requests with the caller's own ids succeed: the refusals above
	// are about the foreign ids, not a broken request.
	if res := kota.do("POST", "/api/v1/periods/2023/entities/"+itoa(i.kotaBengkulu)+"/objections", objection(kotaUA), nil); res.status != 201 {
		t.Errorf("objection on its own unit: got %d, want 201: %s", res.status, trim(res.body))
	}
	if res := kaur.do("POST", "/api/v1/periods/2022/entities/"+itoa(i.kaur)+"/what-if",
		map[string]any{"changes": []map[string]any{{"unit_id": kaurUnitOf2022, "indicator": "IN.KP.01", "value": 3}}}, nil); res.status != 200 {
		t.Errorf("what-if on its own unit: got %d, want 200: %s", res.status, trim(res.body))
	}

	// Objection routes with an objection of another entity in the path.
	var objID, fileID int64
	s.db.Raw(`SELECT id FROM objections ORDER BY id DESC LIMIT 1`).Scan(&objID)
	up := kota.send("POST", "/api/v1/objections/"+itoa(objID)+"/evidence", multipartFile{nil, "bukti.png", pngBytes()}, nil)
	if up.status != 201 {
		t.Fatalf("objection evidence: %d %s", up.status, up.body)
	}
	json.Unmarshal(up.body, &struct{ ID *int64 }{&fileID})
	for _, c := range []struct {
		who            string
		c              *client
		method, path   string
		body           any
		wantOwn, other int
	}{
		{"kaur", kaur, "GET", "/api/v1/objections/" + itoa(objID) + "/evidence", nil, 0, 404},
		{"kaur", kaur, "GET", "/api/v1/objections/" + itoa(objID) + "/evidence/" + itoa(fileID), nil, 0, 404},
		{"kaur", kaur, "POST", "/api/v1/objections/" + itoa(objID) + "/evidence", multipartFile{nil, "x.png", pngBytes()}, 0, 404},
		{"kaur", kaur, "POST", "/api/v1/objections/" + itoa(objID) + "/decision", map[string]string{"state": "accepted", "reason": "x"}, 0, 403},
		{"assessor", assessor, "POST", "/api/v1/objections/" + itoa(objID) + "/decision", map[string]string{"state": "accepted", "reason": "x"}, 0, 403},
		{"kota", kota, "POST", "/api/v1/objections/" + itoa(objID) + "/decision", map[string]string{"state": "accepted", "reason": "x"}, 0, 403},
	} {
		res := c.c.send(c.method, c.path, c.body, nil)
		if res.status != c.other && !(c.other == 403 && res.status == 404) {
			t.Errorf("%s %s as %s: got %d, want %d: %s", c.method, c.path, c.who, res.status, c.other, trim(res.body))
		}
	}
	var state string
	s.db.Raw(`SELECT state FROM objections WHERE id = ?`, objID).Scan(&state)
	if state != "submitted" {
		t.Errorf("objection state after refused decisions: %q", state)
	}
}

// forbiddenFields are fields a client must never set: they are computed or
// owned by the server. Sent in any write body that does not declare them,
// they are refused (422 unknown_field), never silently applied.
var forbiddenFields = map[string]any{
	"id": 1, "score": 100, "category": "A", "state": "accepted", "entity_id": 1, "province_id": 1,
	"version": 999, "role": "admin", "user_id": 1, "created_by": 1, "created_at": "2020-01-01T00:00:00Z",
	"published": true, "status": "published", "password_hash": "x", "sha256": "00", "rank": 1,
}

// declared lists, per route, the fields of forbiddenFields that are real
// inputs of that route (checked by its own rules: the matrix, the
// workflow tests, the version tests).
var declared = map[string][]string{
	"POST /api/v1/users":                                   {"role", "entity_id", "province_id"},
	"PATCH /api/v1/users/:id":                              {"role", "entity_id", "province_id"},
	"POST /api/v1/periods/:year/locus":                     {"entity_id"},
	"PUT /api/v1/periods/:year/schedule":                   {"version"},
	"PUT /api/v1/periods/:year/survey":                     {"version"},
	"PUT /api/v1/unit-assessments/:id/survey/plan":         {"version"},
	"POST /api/v1/unit-assessments/:id/assessors":          {"user_id"},
	"POST /api/v1/objections/:id/decision":                 {"state"},
	"POST /api/v1/periods/:year/entities/:id/what-if":      {},
	"PATCH /api/v1/entities/:id":                           {},
	"POST /api/v1/periods":                                 {},
	"POST /api/v1/session":                                 {},
	"PUT /api/v1/unit-assessments/:id/answers/:indicator":  {},
	"POST /api/v1/periods/:year/entities/:id/objections":   {},
	"POST /api/v1/unit-assessments/:id/survey/respondents": {},
}

// Mass assignment: every JSON write of the matrix, sent by a role that may
// make it, with each server-owned field added, is refused with a field error
// naming it, and changes nothing. Nested objects are decoded as strictly.
func TestMassAssignmentIsRefused(t *testing.T) {
	s := newServer(t)
	i := s.ids()
	clients := map[int]*client{}
	for ri, ro := range roles {
		clients[ri] = s.signedIn(ro.email)
	}
	before := s.fingerprint()
	checked := 0
	for _, rw := range matrix() {
		if rw.method == "GET" || rw.method == "DELETE" {
			continue
		}
		tg := rw.own(i)
		body, ok := tg.body.(map[string]any)
		if !ok {
			if sb, isStr := tg.body.(map[string]string); isStr {
				body = map[string]any{}
				for k, v := range sb {
					body[k] = v
				}
			} else {
				continue // no body (the route reads none: TestBodylessWritesIgnoreBodies), multipart or a method file
			}
		}
		// The role that may make this write (or, for refused-only rows, any signed-in one).
		who := 1
		for ri := 1; ri < len(roles); ri++ {
			if tg.want[ri] >= 200 && tg.want[ri] < 300 {
				who = ri
				break
			}
		}
		if rw.route == "/api/v1/session" {
			who = 0
		}
		for field, val := range forbiddenFields {
			if _, has := body[field]; has || contains(declared[rw.method+" "+rw.route], field) {
				continue
			}
			b := map[string]any{}
			for k, v := range body {
				b[k] = v
			}
			b[field] = val
			res := clients[who].do(rw.method, tg.path, b, tg.hdr)
			checked++
			if res.status != 422 || !strings.Contains(string(res.body), `"code":"unknown_field"`) || !strings.Contains(string(res.body), `"field":"`+field+`"`) {
				t.Errorf("%s %s as %s with %q: got %d, want 422 unknown_field: %s", rw.method, tg.path, roles[who].name, field, res.status, trim(res.body))
			}
		}
	}
	// Nested objects: an objection item, a what-if change, a schedule window.
	kota := s.signedIn("kotabengkulu@p4.demo")
	nested := []struct {
		c          *client
		path, note string
		body       any
	}{
		{kota, "/api/v1/periods/2023/entities/" + itoa(i.kotaBengkulu) + "/objections", "objection item with a score",
			map[string]any{"statement": "x", "items": []map[string]any{{"unit_assessment_id": 1, "indicator": "IN.KP.01", "requested_value": 3, "score": 100}}}},
		{clients[4], "/api/v1/periods/2022/entities/" + itoa(i.kaur) + "/what-if", "what-if change with an entity",
			map[string]any{"changes": []map[string]any{{"unit_id": 1, "indicator": "IN.KP.01", "value": 3, "entity_id": i.ogan}}}},
		{clients[1], "/api/v1/periods/2023/schedule", "schedule window with a state",
			map[string]any{"version": i.period2023Version, "schedule": map[string]any{"fieldwork": map[string]string{"from": "2023-07-01", "to": "2099-12-31", "state": "open"}}}},
	}
	for _, n := range nested {
		res := n.c.do("POST", n.path, n.body, nil)
		if strings.HasSuffix(n.path, "/schedule") {
			res = n.c.do("PUT", n.path, n.body, nil)
		}
		checked++
		if res.status != 422 || !strings.Contains(string(res.body), "unknown_field") {
			t.Errorf("%s: got %d, want 422 unknown_field: %s", n.note, res.status, trim(res.body))
		}
	}
	if after := s.fingerprint(); after != before {
		t.Errorf("refused writes changed the data: %s → %s", before, after)
	}
	t.Logf("%d writes with a server-owned field checked", checked)

	// A declared field is still bounded by the caller's rights: an agency
	// user cannot make itself admin, a coordinator cannot create an admin.
	agency := s.signedIn("kaur@p4.demo")
	if res := agency.do("PATCH", "/api/v1/users/"+itoa(i.kaurUserID), map[string]any{"role": "admin"}, nil); res.status != 403 {
		t.Errorf("agency user promotes itself: got %d, want 403", res.status)
	}
	if res := s.signedIn("koordinator@p4.demo").do("POST", "/api/v1/users", map[string]any{"email": "x@p4.demo", "name": "X", "role": "admin", "password": "0123456789ab"}, nil); res.status != 403 {
		t.Errorf("coordinator creates an admin: got %d, want 403", res.status)
	}
	var role string
	s.db.Raw(`SELECT role FROM users WHERE id = ?`, i.kaurUserID).Scan(&role)
	if role != "agency" {
		t.Errorf("agency user's role is now %q", role)
	}
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// The workflow cannot be taken out of order or by the wrong role: each
// attempt is refused with the documented status and changes no state.
func TestWorkflowBypassIsRefused(t *testing.T) {
	s := newServer(t)
	i := s.ids()
	var acceptedOfPenilai1, kaurAssessorUA int64
	s.db.Raw(`SELECT ua.id FROM unit_assessments ua JOIN periods p ON p.id = ua.period_id JOIN assignments a ON a.unit_assessment_id = ua.id
		JOIN users u ON u.id = a.user_id WHERE p.year = 2023 AND ua.state = 'accepted' AND u.email = 'penilai1@p4.demo' ORDER BY ua.id LIMIT 1`).Scan(&acceptedOfPenilai1)
	s.db.Raw(`SELECT ua.id FROM unit_assessments ua JOIN periods p ON p.id = ua.period_id JOIN assignments a ON a.unit_assessment_id = ua.id
		JOIN users u ON u.id = a.user_id WHERE p.year = 2022 AND u.email = 'penilai1@p4.demo' ORDER BY ua.id LIMIT 1`).Scan(&kaurAssessorUA)
	if acceptedOfPenilai1 == 0 || kaurAssessorUA == 0 {
		t.Fatal("demo data lacks an accepted 2023 unit or a 2022 unit of penilai1")
	}
	admin := s.signedIn("admin@p4.demo")
	coord := s.signedIn("koordinator@p4.demo")
	assessor := s.signedIn("penilai1@p4.demo")
	agency := s.signedIn("kaur@p4.demo")
	leader := s.signedIn("pimpinan@p4.demo")
	ua := func(id int64, action string) string { return "/api/v1/unit-assessments/" + itoa(id) + action }
	answer := map[string]any{"value": 1}
	cases := []struct {
		name         string
		c            *client
		method, path string
		body         any
		hdr          map[string]string
		want         int
	}{
		{"accept a draft", coord, "POST", ua(i.draftUA, "/accept"), nil, nil, 409},
		{"return a draft", coord, "POST", ua(i.draftUA, "/return"), map[string]any{"reason": "x"}, nil, 409},
		{"reopen a draft", coord, "POST", ua(i.draftUA, "/reopen"), map[string]any{"reason": "x"}, nil, 409},
		{"submit an incomplete draft", assessor, "POST", ua(i.draftUA, "/submit"), nil, nil, 422},
		{"submit an accepted unit", assessor, "POST", ua(acceptedOfPenilai1, "/submit"), nil, nil, 409},
		{"answer an accepted unit", assessor, "PUT", ua(acceptedOfPenilai1, "/answers/IN.KP.01"), answer, map[string]string{"If-Match": `"1"`}, 409},
		{"evidence on an accepted unit", assessor, "POST", ua(acceptedOfPenilai1, "/evidence"), multipartFile{map[string]string{"indicator": "IN.KP.01"}, "foto.png", pngBytes()}, nil, 409},
		{"answer a unit of a published period", assessor, "PUT", ua(kaurAssessorUA, "/answers/IN.KP.01"), answer, map[string]string{"If-Match": `"1"`}, 409},
		{"reopen a unit of a published period", admin, "POST", ua(i.kaurUA2022, "/reopen"), map[string]any{"reason": "x"}, nil, 409},
		{"accept one's own submitted unit as assessor", assessor, "POST", ua(i.submittedUA, "/accept"), nil, nil, 403},
		{"accept as leadership", leader, "POST", ua(i.submittedUA, "/accept"), nil, nil, 403},
		{"accept as the agency assessed", agency, "POST", ua(i.submittedUA, "/accept"), nil, nil, 404},
		{"submit as coordinator", coord, "POST", ua(i.draftUA, "/submit"), nil, nil, 403},
		{"answer as coordinator", coord, "PUT", ua(i.draftUA, "/answers/"+i.unanswered), answer, map[string]string{"If-Match": `"0"`}, 403},
		{"verify with a unit still submitted", coord, "POST", "/api/v1/periods/2023/entities/" + itoa(i.kaur) + "/verify", nil, nil, 422},
		{"verify as assessor", assessor, "POST", "/api/v1/periods/2023/entities/" + itoa(i.kaur) + "/verify", nil, nil, 403},
		{"finalize before verify", admin, "POST", "/api/v1/periods/2023/entities/" + itoa(i.kaur) + "/finalize", nil, nil, 409},
		{"finalize as coordinator", coord, "POST", "/api/v1/periods/2023/entities/" + itoa(i.kotaBengkulu) + "/finalize", nil, nil, 403},
		{"publish before every result is final", admin, "POST", "/api/v1/periods/2023/publication", nil, nil, 422},
		{"publish as leadership", leader, "POST", "/api/v1/periods/2023/publication", nil, nil, 403},
		{"publish a published period again (changes nothing)", admin, "POST", "/api/v1/periods/2022/publication", nil, nil, 200},
		{"objection before the result is final", s.signedIn("kaur@p4.demo"), "POST", "/api/v1/periods/2023/entities/" + itoa(i.kaur) + "/objections",
			map[string]any{"statement": "x", "items": []map[string]any{{"unit_assessment_id": i.kaurUA2023, "indicator": "IN.KP.01", "requested_value": 3}}}, nil, 409},
		{"close a published period", admin, "POST", "/api/v1/periods/2022/close", nil, nil, 409},
		{"replace the method of an open period", admin, "PUT", "/api/v1/periods/2023/method", i.presetFile, map[string]string{"If-Match": `"` + itoa(int64(i.period2023Version)) + `"`}, 409},
	}
	before := s.fingerprint()
	var statesBefore string
	s.db.Raw(`SELECT string_agg(id || ':' || state, ',' ORDER BY id) FROM unit_assessments`).Scan(&statesBefore)
	for _, tc := range cases {
		res := tc.c.send(tc.method, tc.path, tc.body, tc.hdr)
		if res.status != tc.want {
			t.Errorf("%s: %s %s: got %d, want %d: %s", tc.name, tc.method, tc.path, res.status, tc.want, trim(res.body))
		}
	}
	var statesAfter string
	s.db.Raw(`SELECT string_agg(id || ':' || state, ',' ORDER BY id) FROM unit_assessments`).Scan(&statesAfter)
	if statesAfter != statesBefore {
		t.Error("refused workflow steps changed a unit's state")
	}
	if after := s.fingerprint(); after != before {
		t.Errorf("refused workflow steps changed the data: %s → %s", before, after)
	}
	// Outside the field-work window an assessor can no longer answer, even an
	// assigned draft.
	s.clock.set(time.Date(2100, 1, 1, 3, 0, 0, 0, time.UTC))
	if res := assessor.do("PUT", ua(i.draftUA, "/answers/"+i.unanswered), answer, map[string]string{"If-Match": `"0"`}); res.status != 409 || !strings.Contains(string(res.body), "outside_window") {
		t.Errorf("answer after field work: got %d %s, want 409 outside_window", res.status, trim(res.body))
	}
}

// zipBomb is an .xlsx-shaped zip whose sheet's header declares declared
// bytes and whose deflated data inflates to actual bytes of spaces. A
// truthful bomb has declared == actual; the workbook reader refuses it from
// the declared sizes before inflating anything, so the test sends the
// header of a 260 MiB sheet with a small body instead of spending seconds
// deflating 260 MiB. A lying header (small declared, large actual) is
// caught while inflating: archive/zip stops past the declared size.
func zipBomb(t *testing.T, declared, actual int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Lokus" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
	} {
		w, _ := zw.Create(f.name)
		w.Write([]byte(f.body))
	}
	sheet := append([]byte(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`), bytes.Repeat([]byte(" "), actual)...)
	sheet = append(sheet, `</sheetData></worksheet>`...)
	var deflated bytes.Buffer
	fw, _ := flate.NewWriter(&deflated, flate.BestCompression)
	fw.Write(sheet)
	fw.Close()
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(sheet),
		CompressedSize64: uint64(deflated.Len()), UncompressedSize64: uint64(declared)})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(deflated.Bytes())
	zw.Close()
	return buf.Bytes()
}

// Hostile uploads: the bytes decide the type (never the name), names cannot
// climb out of the store, sizes are bounded before and after unpacking, and
// what is accepted is served back inert.
func TestUploadAttacks(t *testing.T) {
	s := newServer(t)
	i := s.ids()
	assessor := s.signedIn("penilai1@p4.demo")
	admin := s.signedIn("admin@p4.demo")
	evidence := "/api/v1/unit-assessments/" + itoa(i.draftUA) + "/evidence"
	field := map[string]string{"indicator": "IN.KP.01"}
	html := []byte("<!DOCTYPE html><html><script>fetch('/api/v1/users')</script></html>")
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>`)
	exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"), bytes.Repeat([]byte{0}, 200)...)
	zipFile := func() []byte {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		w, _ := zw.Create("evil.sh")
		w.Write([]byte("#!/bin/sh\nrm -rf /\n"))
		zw.Close()
		return b.Bytes()
	}()
	before := s.fingerprint()
	for _, tc := range []struct {
		name string
		file multipartFile
		want int
		code string
	}{
		{"HTML named as a photo", multipartFile{field, "foto.png", html}, 422, "unsupported_type"},
		{"SVG with script", multipartFile{field, "foto.svg", svg}, 422, "unsupported_type"},
		{"Windows program named as a PDF", multipartFile{field, "laporan.pdf", exe}, 422, "unsupported_type"},
		{"plain zip named as a Word file", multipartFile{field, "laporan.docx", zipFile}, 422, "unsupported_type"},
		{"empty file", multipartFile{field, "kosong.png", nil}, 422, "empty"},
		{"one byte over the limit", multipartFile{field, "besar.png", append(pngBytes(), make([]byte, 20<<20)...)}, 422, "too_large"},
		{"far over the limit (refused once the limit is read)", multipartFile{field, "besar.png", make([]byte, 23<<20)}, 422, "too_large"},
	} {
		res := assessor.send("POST", evidence, tc.file, nil)
		if res.status != tc.want || !strings.Contains(string(res.body), tc.code) {
			t.Errorf("%s: got %d, want %d %s: %s", tc.name, res.status, tc.want, tc.code, trim(res.body))
		}
	}
	if after := s.fingerprint(); after != before {
		t.Errorf("refused uploads stored something: %s → %s", before, after)
	}

	// A polyglot (valid PNG bytes followed by HTML) is a PNG: it is kept, and
	// served as an attachment of type image/png that browsers do not sniff,
	// under a name without any path.
	poly := append(pngBytes(), html...)
	for _, name := range []string{"../../../../etc/passwd.png", `..\..\windows\win.ini.png`, "/abs/path.png", "a\x00b.png", ".."} {
		res := assessor.send("POST", evidence, multipartFile{field, name, poly}, nil)
		if strings.Contains(name, "\x00") && res.status == 400 {
			continue // the multipart reader refuses such a header outright
		}
		if res.status != 201 {
			t.Fatalf("polyglot named %q: %d %s", name, res.status, res.body)
		}
		var ev struct {
			ID        int64  `json:"id"`
			Name      string `json:"name"`
			MediaType string `json:"media_type"`
		}
		json.Unmarshal(res.body, &ev)
		var stored string
		s.db.Raw(`SELECT original_name FROM evidence WHERE id = ?`, ev.ID).Scan(&stored)
		if strings.ContainsAny(stored, `/\`) || strings.Contains(stored, "\x00") || stored == ".." || stored == "" {
			t.Errorf("name %q stored as %q", name, stored)
		}
		dl := assessor.do("GET", "/api/v1/evidence/"+itoa(ev.ID), nil, nil)
		cd := dl.header.Get("Content-Disposition")
		if dl.status != 200 || dl.header.Get("Content-Type") != "image/png" || dl.header.Get("X-Content-Type-Options") != "nosniff" ||
			!strings.HasPrefix(cd, "attachment;") || strings.Contains(cd, "/") || !bytes.Equal(dl.body, poly) {
			t.Errorf("download of %q: %d, type %q, nosniff %q, disposition %q", name, dl.status, dl.header.Get("Content-Type"), dl.header.Get("X-Content-Type-Options"), cd)
		}
		if csp := dl.header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src") {
			t.Errorf("download of %q without a content security policy: %q", name, csp)
		}
	}

	// Imports: not a workbook, a zip bomb, too large a body.
	before = s.fingerprint()
	for _, tc := range []struct {
		name string
		data []byte
		want int
		code string
	}{
		{"CSV named .xlsx", []byte("kode,nama\npemkab-1,X\n"), 422, "not_xlsx"},
		{"old .xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...), 422, "not_xlsx"},
		{"zip, not a workbook", zipFile, 422, "not_xlsx"},
		{"zip bomb (a sheet of 260 MiB)", zipBomb(t, 260<<20, 1<<10), 422, "too_large"},
		// archive/zip stops at the declared size: the reader sees a cut sheet.
		{"zip bomb with a lying header (1 KiB declared, 24 MiB inside)", zipBomb(t, 1<<10, 24<<20), 422, `"code":"validation"`},
		{"body over the limit", make([]byte, 22<<20), 413, "too_large"},
	} {
		res := admin.send("POST", "/api/v1/imports/locus", multipartFile{nil, "lokus.xlsx", tc.data}, nil)
		if res.status != tc.want || !strings.Contains(string(res.body), tc.code) {
			t.Errorf("import %s: got %d, want %d %s: %s", tc.name, res.status, tc.want, tc.code, res.body)
		}
	}
	if after := s.fingerprint(); after != before {
		t.Errorf("refused imports changed the data: %s → %s", before, after)
	}
	// Objection evidence follows the same rules.
	finalizeKotaWithObjectionWindow(t, s, i)
	kota := s.signedIn("kotabengkulu@p4.demo")
	var kotaUA int64
	s.db.Raw(`SELECT ua.id FROM unit_assessments ua JOIN periods p ON p.id = ua.period_id WHERE p.year = 2023 AND ua.entity_id = ? ORDER BY ua.id LIMIT 1`, i.kotaBengkulu).Scan(&kotaUA)
	res := kota.do("POST", "/api/v1/periods/2023/entities/"+itoa(i.kotaBengkulu)+"/objections",
		map[string]any{"statement": "x", "items": []map[string]any{{"unit_assessment_id": kotaUA, "indicator": "IN.KP.01", "requested_value": 3}}}, nil)
	var obj struct{ ID int64 }
	json.Unmarshal(res.body, &obj)
	if res := kota.send("POST", "/api/v1/objections/"+itoa(obj.ID)+"/evidence", multipartFile{nil, "bukti.png", html}, nil); res.status != 422 || !strings.Contains(string(res.body), "unsupported_type") {
		t.Errorf("HTML as objection evidence: got %d %s", res.status, trim(res.body))
	}
}

// leaks are what an error body must never contain: SQL, driver messages,
// stack traces, file paths of the source.
var leaks = regexp.MustCompile(`(?i)SQLSTATE|pgx|pgconn|gorm|syntax error at or near|relation "|violates|duplicate key|goroutine \d|panic|runtime error|\.go:\d+|/home/|/root/|/work/|select .* from|insert into|update .* set`)

// hostile values for path ids, query parameters and body fields.
var hostileIDs = []string{"99999999999999999999", "-1", "0", "1e3", "0x1F", "1%20OR%201=1", "%27%3B--", "%00", "1.5", "%E2%80%AE1"}

var hostileQuery = "sort=%27%3BDROP%20TABLE%20users%3B--&limit=abc&offset=-5&year=99999&province=%27%20OR%20%271%27=%271&group=%00&q=%00%25%27%20OR%201=1--&entity_id=1e99&state=%F0%9F%92%A5&role=admin%27--&from=x&to=-1&action=%27"

var hostileBodies = []string{
	`{"x":`, `[]`, `null`, `"a"`, `{"value":"9"}`, `{"value":1e400}`, `{"value":-1,"note":"\u0000"}`,
	`{"name":"\u0000","email":"a\u0000@b"}`, `{"statement":"` + strings.Repeat("x", 5000) + `"}`,
	strings.Repeat(`{"a":`, 10000) + `1` + strings.Repeat(`}`, 10000), `{"year":2147483648,"version":-9223372036854775809}`,
	`{"reason":"'; DROP TABLE users; --","state":"accepted'--"}`, `{"items":[{"unit_assessment_id":9223372036854775807,"indicator":"'","requested_value":-2147483649}]}`,
	`{"changes":[{"unit_id":-1,"indicator":"\ud800","value":101}]}`, `{"user_ids":[0,-1,9223372036854775807]}`,
	`{"value":1,"note":"a\u0000b"}`, `{"name":"Nama\u0000"}`, `{"reason":"alasan\u0000","statement":"x\u0000"}`,
}

// Every route, with hostile ids, query parameters and bodies, as admin (who
// reaches deepest) and as an agency user: no 5xx, and no error body holds
// SQL, driver messages or stack traces.
func TestErrorBodiesLeakNothing(t *testing.T) {
	s := newServer(t)
	i := s.ids()
	who := []*client{s.signedIn("admin@p4.demo"), s.signedIn("kaur@p4.demo"), s.signedIn("penilai1@p4.demo")}
	param := regexp.MustCompile(`:[a-z]+(\.xlsx)?`)
	sent := 0
	check := func(method, path string, body any, hdr map[string]string, c *client) {
		res := c.send(method, path, body, hdr)
		sent++
		if res.status >= 500 {
			t.Errorf("%s %s %s: got %d: %s", method, path, trimBody(body), res.status, trim(res.body))
		}
		if res.status >= 400 && leaks.Match(res.body) {
			t.Errorf("%s %s: error body leaks internals: %s", method, path, trim(res.body))
		}
	}
	for _, rw := range matrix() {
		if rw.route == "/api/v1/session" && rw.method == "DELETE" {
			continue // signs the client out
		}
		own := rw.own(i)
		for _, c := range who {
			// Hostile path ids.
			if strings.Contains(rw.route, ":") {
				for _, h := range hostileIDs {
					p := param.ReplaceAllStringFunc(rw.route, func(m string) string {
						if strings.HasSuffix(m, ".xlsx") {
							return h + ".xlsx"
						}
						return h
					})
					check(rw.method, p, own.body, own.hdr, c)
				}
			}
			// Hostile query parameters on the real path.
			sep := "?"
			if strings.Contains(own.path, "?") {
				sep = "&"
			}
			check(rw.method, own.path+sep+hostileQuery, own.body, own.hdr, c)
			// Hostile bodies on writes.
			if rw.method != "GET" {
				for _, b := range hostileBodies {
					check(rw.method, own.path, []byte(b), map[string]string{"If-Match": `"0"`}, c)
				}
				check(rw.method, own.path, []byte(`{}`), map[string]string{"If-Match": `"abc'--"`, "Content-Type": "application/json; charset=utf-16"}, c)
			}
		}
	}
	// Malformed multipart bodies on the upload routes.
	for _, p := range []string{"/api/v1/unit-assessments/" + itoa(i.draftUA) + "/evidence", "/api/v1/imports/locus", "/api/v1/objections/1/evidence"} {
		for _, ct := range []string{"multipart/form-data", "multipart/form-data; boundary=x", "multipart/form-data; boundary=" + strings.Repeat("b", 100)} {
			for _, c := range who {
				check("POST", p, []byte("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../a\"\r\n\r\nab"), map[string]string{"Content-Type": ct}, c)
			}
		}
	}
	t.Logf("%d hostile requests sent", sent)
	// The access log records failures without request bodies.
	if strings.Contains(s.logs.String(), "DROP TABLE") {
		t.Error("the access log holds a request body")
	}
}

func trimBody(b any) string {
	if bs, ok := b.([]byte); ok {
		if len(bs) > 60 {
			bs = bs[:60]
		}
		return url.QueryEscape(string(bs))
	}
	return ""
}

// Sessions end everywhere: after sign-out the token fails on a second
// instance too, and an admin's password reset ends every session of that
// user. (Sign-out, disabling and one's own password change on one instance:
// TestSessionReuseAfterSignOutFails, TestDisabledUserSessionStops,
// TestPasswordChangeEndsOtherSessions.)
func TestSessionsEndOnEveryInstance(t *testing.T) {
	s := newServer(t)
	i := s.ids()
	other := serverOn(t, s.url)
	c := s.signedIn("kaur@p4.demo")
	token := sessionCookie(c)
	hdr := map[string]string{"Cookie": "p4_session=" + token}
	if res := other.client().do("GET", "/api/v1/session", nil, hdr); res.status != 200 {
		t.Fatalf("session on the second instance: %d", res.status)
	}
	c.do("DELETE", "/api/v1/session", nil, nil)
	if res := other.client().do("GET", "/api/v1/session", nil, hdr); res.status != 401 {
		t.Fatalf("signed-out token on the second instance: got %d, want 401", res.status)
	}

	victim := s.signedIn("kaur@p4.demo")
	vt := map[string]string{"Cookie": "p4_session=" + sessionCookie(victim)}
	if res := s.signedIn("admin@p4.demo").do("POST", "/api/v1/users/"+itoa(i.kaurUserID)+"/password", map[string]any{"new_password": "kata-sandi-admin-1"}, nil); res.status != 204 {
		t.Fatalf("admin reset: %d %s", res.status, res.body)
	}
	for _, srv := range []*server{s, other} {
		if res := srv.client().do("GET", "/api/v1/work", nil, vt); res.status != 401 {
			t.Errorf("session after an admin's password reset: got %d, want 401", res.status)
		}
	}
	// A disabled user's session is refused on writes too, not only on reads.
	w := s.signedIn("penilai1@p4.demo")
	var penilai1 int64
	s.db.Raw(`SELECT id FROM users WHERE email = 'penilai1@p4.demo'`).Scan(&penilai1)
	if res := s.signedIn("admin@p4.demo").do("PATCH", "/api/v1/users/"+itoa(penilai1), map[string]any{"active": false}, nil); res.status != 200 {
		t.Fatalf("disable: %d", res.status)
	}
	before := s.fingerprint()
	if res := w.do("PUT", "/api/v1/unit-assessments/"+itoa(i.draftUA)+"/answers/"+i.unanswered, map[string]any{"value": 1}, map[string]string{"If-Match": `"0"`}); res.status != 401 {
		t.Errorf("disabled assessor saves an answer: got %d, want 401", res.status)
	}
	if after := s.fingerprint(); after != before {
		t.Errorf("a disabled user's write changed data")
	}
}

// Routes that take no body ignore one: a body naming a state, score or
// category changes nothing beyond the route's own action.
func TestBodylessWritesIgnoreBodies(t *testing.T) {
	s := newServer(t)
	i := s.ids()
	admin := s.signedIn("admin@p4.demo")
	coord := s.signedIn("koordinator@p4.demo")
	scoreOf := func() string {
		var v string
		s.db.Raw(`SELECT r.score::text || r.category FROM current_results c JOIN result_snapshots r ON r.id = c.snapshot_id JOIN periods p ON p.id = c.period_id
			WHERE p.year = 2023 AND c.entity_id = ?`, i.kotaBengkulu).Scan(&v)
		return v
	}
	before := scoreOf()
	body := map[string]any{"state": "published", "score": 100, "category": "A", "published": true}
	res := admin.do("POST", "/api/v1/periods/2023/entities/"+itoa(i.kotaBengkulu)+"/finalize", body, nil)
	if res.status != 200 || res.json(t)["state"] != "final" {
		t.Fatalf("finalize with a body: %d %s", res.status, res.body)
	}
	if after := scoreOf(); after != before || before == "" {
		t.Errorf("result after finalize with a score in the body: %q, before %q", after, before)
	}
	res = coord.do("POST", "/api/v1/unit-assessments/"+itoa(i.submittedUA)+"/accept", map[string]any{"state": "draft", "version": 1}, nil)
	if res.status != 200 || res.json(t)["state"] != "accepted" {
		t.Fatalf("accept with a body: %d %s", res.status, res.body)
	}
}
