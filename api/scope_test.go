package api_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// Lists and filters never return data outside the caller's scope, whatever
// ids or filters the caller puts in the query.
func TestListsStayInScope(t *testing.T) {
	s := newServer(t)
	i := s.ids()
	agency := s.signedIn("kaur@p4.demo")
	for _, q := range []string{"/api/v1/entities", "/api/v1/entities?province=16", "/api/v1/entities?q=Ogan", "/api/v1/entities?kind=polres&limit=500"} {
		res := agency.do("GET", q, nil, nil)
		var body struct {
			Items []struct{ ID int64 } `json:"items"`
		}
		if err := json.Unmarshal(res.body, &body); err != nil || res.status != 200 {
			t.Fatalf("%s: %d %s", q, res.status, res.body)
		}
		for _, it := range body.Items {
			if it.ID != i.kaur {
				t.Errorf("agency %s lists entity %d, not its own %d", q, it.ID, i.kaur)
			}
		}
	}
	coord := s.signedIn("koordinator@p4.demo")
	res := coord.do("GET", "/api/v1/work?limit=500&entity_id="+itoa(i.ogan), nil, nil)
	if res.status != 200 || strings.Contains(string(res.body), "Ogan") {
		t.Errorf("coordinator's work list with another province's entity_id: %d %s", res.status, trim(res.body))
	}
	assessor := s.signedIn("penilai1@p4.demo")
	res = assessor.do("GET", "/api/v1/work?limit=500", nil, nil)
	var work struct {
		Items []struct {
			Assessors []int64 `json:"assessors"`
			Entity    string  `json:"entity"`
		} `json:"items"`
		Total int `json:"total"`
	}
	if err := json.Unmarshal(res.body, &work); err != nil || res.status != 200 || work.Total == 0 {
		t.Fatalf("assessor work: %d %s", res.status, trim(res.body))
	}
	var me struct{ User struct{ ID int64 } }
	json.Unmarshal(assessor.do("GET", "/api/v1/session", nil, nil).body, &me)
	for _, it := range work.Items {
		found := false
		for _, a := range it.Assessors {
			found = found || a == me.User.ID
		}
		if !found {
			t.Errorf("assessor's work list holds a unit of %s not assigned to them", it.Entity)
		}
	}
	// Coordinators see their own province's ranking only, even when naming another.
	res = coord.do("GET", "/api/v1/periods/2023/rankings?group=pemkab", nil, nil)
	if res.status != 200 || strings.Contains(string(res.body), "Ogan") {
		t.Errorf("coordinator's national pemkab ranking shows another province: %d", res.status)
	}
}

// Saving with a stale If-Match is refused with the current answer in the
// body; nothing is overwritten.
func TestAnswerVersionConflictOverHTTP(t *testing.T) {
	s := newServer(t)
	i := s.ids()
	a := s.signedIn("penilai1@p4.demo")
	path := "/api/v1/unit-assessments/" + itoa(i.draftUA) + "/answers/" + i.unanswered
	res := a.do("PUT", path, map[string]any{"value": 1, "note": "dari tablet"}, nil)
	if res.status != 428 {
		t.Fatalf("save without If-Match: got %d, want 428", res.status)
	}
	res = a.do("PUT", path, map[string]any{"value": 1, "note": "dari tablet"}, map[string]string{"If-Match": `"0"`})
	if res.status != 200 || res.header.Get("ETag") != `"1"` {
		t.Fatalf("first save: %d %s etag %s", res.status, res.body, res.header.Get("ETag"))
	}
	res = a.do("PUT", path, map[string]any{"value": 3, "note": "dari laptop"}, map[string]string{"If-Match": `"1"`})
	if res.status != 200 || res.header.Get("ETag") != `"2"` {
		t.Fatalf("second save: %d %s", res.status, res.body)
	}
	res = a.do("PUT", path, map[string]any{"value": 0, "note": "tablet, basi"}, map[string]string{"If-Match": `"1"`})
	if res.status != 412 {
		t.Fatalf("stale save: got %d, want 412", res.status)
	}
	cur := res.json(t)["current"].(map[string]any)
	if cur["value"] != float64(3) || cur["note"] != "dari laptop" || cur["version"] != float64(2) {
		t.Fatalf("conflict body's current answer: %v", cur)
	}
	res = a.do("PUT", path, map[string]any{"value": 9}, map[string]string{"If-Match": `"2"`})
	if res.status != 422 || !strings.Contains(string(res.body), "out_of_range") {
		t.Fatalf("value 9: %d %s", res.status, res.body)
	}
}

func TestListPaginationAndSorting(t *testing.T) {
	s := newServer(t)
	admin := s.signedIn("admin@p4.demo")
	var page struct {
		Items []struct{ Name string } `json:"items"`
		Total int                     `json:"total"`
		Limit int                     `json:"limit"`
	}
	res := admin.do("GET", "/api/v1/entities?province=17&sort=-name&limit=5&offset=0", nil, nil)
	if err := json.Unmarshal(res.body, &page); err != nil || res.status != 200 {
		t.Fatalf("%d %s", res.status, res.body)
	}
	if page.Total != 31 || page.Limit != 5 || len(page.Items) != 5 {
		t.Fatalf("page: total %d limit %d items %d; want 31 entities of Bengkulu, 5 shown", page.Total, page.Limit, len(page.Items))
	}
	for i := 1; i < len(page.Items); i++ {
		if page.Items[i-1].Name < page.Items[i].Name {
			t.Fatalf("not sorted by name descending: %v", page.Items)
		}
	}
	for _, bad := range []string{"sort=password", "limit=0", "limit=501", "offset=-1"} {
		res := admin.do("GET", "/api/v1/entities?"+bad, nil, nil)
		if res.status != 422 {
			t.Errorf("%s: got %d, want 422", bad, res.status)
		}
	}
}
