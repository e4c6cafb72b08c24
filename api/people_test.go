package api_test

import (
	"encoding/json"
	"fmt"
	"testing"
)

// The people screens of the web app: reassigning an assessor, the assessor
// list for coordinators, and an audit log that names entities and years and
// keeps a coordinator to their province.
func TestPeopleScreens(t *testing.T) {
	s := newServer(t)
	i := s.ids()
	admin, coord := s.signedIn("admin@p4.demo"), s.signedIn("koordinator@p4.demo")

	// Reassign the draft unit: penilai2 on, the first assessor off.
	ua := fmt.Sprint(i.draftUA)
	if r := coord.do("POST", "/api/v1/unit-assessments/"+ua+"/assessors", map[string]any{"user_id": i.penilai2}, nil); r.status != 204 {
		t.Fatalf("assign: got %d, want 204: %s", r.status, r.body)
	}
	path := fmt.Sprintf("/api/v1/unit-assessments/%s/assessors/%d", ua, i.draftAssessorID)
	if r := coord.do("DELETE", path, nil, nil); r.status != 204 {
		t.Fatalf("unassign: got %d, want 204: %s", r.status, r.body)
	}
	var assessors []int64
	if err := s.db.Raw(`SELECT user_id FROM assignments WHERE unit_assessment_id = ? ORDER BY user_id`, i.draftUA).Scan(&assessors).Error; err != nil {
		t.Fatal(err)
	}
	if len(assessors) != 1 || assessors[0] != i.penilai2 {
		t.Errorf("assessors after reassignment: got %v, want [%d]", assessors, i.penilai2)
	}
	if r := coord.do("DELETE", path, nil, nil); r.status != 404 {
		t.Errorf("unassign again: got %d, want 404", r.status)
	}

	// Coordinators list assessors, and nothing else.
	r := coord.do("GET", "/api/v1/users?role=assessor&limit=100", nil, nil)
	if r.status != 200 {
		t.Fatalf("assessors as coordinator: got %d: %s", r.status, r.body)
	}
	var users struct {
		Items []struct{ Role string } `json:"items"`
	}
	if err := json.Unmarshal(r.body, &users); err != nil {
		t.Fatal(err)
	}
	if len(users.Items) < 4 {
		t.Errorf("assessors: got %d, want the 4 demo assessors at least", len(users.Items))
	}
	for _, u := range users.Items {
		if u.Role != "assessor" {
			t.Errorf("coordinator's user list has role %q", u.Role)
		}
	}
	if r := coord.do("GET", "/api/v1/users?role=agency", nil, nil); r.status != 403 {
		t.Errorf("agency users as coordinator: got %d, want 403", r.status)
	}

	// The audit rows name the entity and the year.
	type auditList struct {
		Total int `json:"total"`
		Items []struct {
			Action   string `json:"action"`
			EntityID int64  `json:"entity_id"`
			Entity   string `json:"entity"`
			Year     int    `json:"year"`
			Old      any    `json:"old"`
		} `json:"items"`
	}
	read := func(c *client, q string) auditList {
		t.Helper()
		r := c.do("GET", "/api/v1/audit?"+q, nil, nil)
		if r.status != 200 {
			t.Fatalf("audit %s: got %d: %s", q, r.status, r.body)
		}
		var l auditList
		if err := json.Unmarshal(r.body, &l); err != nil {
			t.Fatal(err)
		}
		return l
	}
	l := read(admin, "action=assignment.remove&year=2023")
	if len(l.Items) != 1 {
		t.Fatalf("assignment.remove rows: got %d, want 1", len(l.Items))
	}
	var entity string
	if err := s.db.Raw(`SELECT e.name FROM entities e JOIN unit_assessments ua ON ua.entity_id = e.id WHERE ua.id = ?`, i.draftUA).Scan(&entity).Error; err != nil {
		t.Fatal(err)
	}
	if got := l.Items[0]; got.Entity != entity || got.Year != 2023 || got.Old == nil {
		t.Errorf("audit row: got entity %q year %d old %v, want %q 2023 and the old assessor", got.Entity, got.Year, got.Old, entity)
	}

	// A coordinator sees their province's rows only; Ogan is in another.
	if l := read(coord, fmt.Sprintf("entity_id=%d", i.ogan)); l.Total != 0 {
		t.Errorf("coordinator's audit rows about Ogan: got %d, want 0", l.Total)
	}
	if l := read(admin, fmt.Sprintf("entity_id=%d", i.ogan)); l.Total == 0 {
		t.Errorf("admin's audit rows about Ogan: got 0, want some (the test needs them to mean anything)")
	}
	all, mine := read(admin, "limit=1"), read(coord, "limit=500")
	if mine.Total == 0 || mine.Total >= all.Total {
		t.Errorf("coordinator's audit rows: got %d of %d, want some but not all", mine.Total, all.Total)
	}
	for _, it := range mine.Items {
		if it.EntityID == i.ogan || it.EntityID == 0 {
			t.Errorf("coordinator sees row %s about entity %d", it.Action, it.EntityID)
		}
	}
}
