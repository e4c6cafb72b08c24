package api_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"testing"
	"time"
)

// An agency files an objection with evidence within the window; the
// coordinator sees it with the evidence, decides, and the result changes.
func TestObjectionFlowOverHTTP(t *testing.T) {
	s := newServer(t)
	i := s.ids()
	var kota int64 = i.kotaBengkulu
	admin := s.signedIn("admin@p4.demo")
	coord := s.signedIn("koordinator@p4.demo")
	agency := s.signedIn("kotabengkulu@p4.demo")

	// Head office fixes Kota Bengkulu's verified 2023 result, and sets the
	// objection window to December 2023.
	if res := admin.do("POST", "/api/v1/periods/2023/entities/"+itoa(kota)+"/finalize", nil, nil); res.status != 200 {
		t.Fatalf("finalize: %d %s", res.status, res.body)
	}
	var per struct{ Version int }
	json.Unmarshal(admin.do("GET", "/api/v1/periods/2023", nil, nil).body, &per)
	sched := map[string]any{"fieldwork": map[string]string{"from": "2023-07-01", "to": "2023-10-31"}, "review": map[string]string{"from": "2023-07-15", "to": "2023-11-30"},
		"objection": map[string]string{"from": "2023-12-01", "to": "2023-12-15"}, "publish_on": "2023-12-20"}
	if res := admin.do("PUT", "/api/v1/periods/2023/schedule", map[string]any{"version": per.Version, "schedule": sched, "reason": "jadwal sanggahan"}, nil); res.status != 200 {
		t.Fatalf("schedule: %d %s", res.status, res.body)
	}
	before := agency.do("GET", "/api/v1/periods/2023/entities/"+itoa(kota)+"/result", nil, nil)
	if before.status != 200 {
		t.Fatalf("agency reads its final result: %d %s", before.status, before.body)
	}
	var res0 struct {
		Result struct {
			ID    int64
			Score float64
		}
	}
	json.Unmarshal(before.body, &res0)

	// The lowest answer of one unit is contested.
	var target struct {
		UA        int64
		Indicator string
		Value     int
	}
	s.db.Raw(`SELECT a.unit_assessment_id AS ua, a.indicator, a.value FROM answers a JOIN unit_assessments ua ON ua.id = a.unit_assessment_id
		JOIN periods p ON p.id = ua.period_id WHERE p.year = 2023 AND ua.entity_id = ? AND a.value < 3 ORDER BY a.value, a.id LIMIT 1`, kota).Scan(&target)
	body := map[string]any{"statement": "Maklumat pelayanan sudah ditandatangani; lihat foto.", "items": []map[string]any{
		{"unit_assessment_id": target.UA, "indicator": target.Indicator, "requested_value": 3}}}
	path := "/api/v1/periods/2023/entities/" + itoa(kota) + "/objections"
	if res := agency.do("POST", path, body, nil); res.status != 409 {
		t.Fatalf("objection outside the window: got %d, want 409 (%s)", res.status, res.body)
	}
	s.clock.set(time.Date(2023, 12, 5, 3, 0, 0, 0, time.UTC))
	res := agency.do("POST", path, body, nil)
	if res.status != 201 {
		t.Fatalf("file objection: %d %s", res.status, res.body)
	}
	var obj struct {
		ID    int64
		Items []struct{ ID int64 }
	}
	json.Unmarshal(res.body, &obj)

	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	fw, _ := w.CreateFormFile("file", "maklumat.png")
	fw.Write(pngBytes())
	w.Close()
	up := agency.do("POST", "/api/v1/objections/"+itoa(obj.ID)+"/evidence", buf.Bytes(), map[string]string{"Content-Type": w.FormDataContentType()})
	if up.status != 201 {
		t.Fatalf("objection evidence: %d %s", up.status, up.body)
	}
	var file struct{ ID int64 }
	json.Unmarshal(up.body, &file)
	// Another agency cannot see it; the coordinator can, with the file.
	other := s.signedIn("kaur@p4.demo")
	if r := other.do("GET", "/api/v1/objections/"+itoa(obj.ID)+"/evidence", nil, nil); r.status != 404 {
		t.Fatalf("another agency lists the files: %d", r.status)
	}
	if r := coord.do("GET", "/api/v1/objections/"+itoa(obj.ID)+"/evidence/"+itoa(file.ID), nil, nil); r.status != 200 || !bytes.Equal(r.body, pngBytes()) {
		t.Fatalf("coordinator downloads the evidence: %d", r.status)
	}
	dec := map[string]any{"state": "accepted", "reason": "Bukti sah."}
	if r := coord.do("POST", "/api/v1/objections/"+itoa(obj.ID)+"/decision", dec, nil); r.status != 200 {
		t.Fatalf("decide: %d %s", r.status, r.body)
	}
	after := agency.do("GET", "/api/v1/periods/2023/entities/"+itoa(kota)+"/result", nil, nil)
	var res1 struct {
		Result struct {
			ID     int64
			Score  float64
			Source string
		}
	}
	json.Unmarshal(after.body, &res1)
	if res1.Result.ID == res0.Result.ID || res1.Result.Source != "objection" || res1.Result.Score <= res0.Result.Score {
		t.Fatalf("result after an accepted objection: %+v, before %+v", res1.Result, res0.Result)
	}
	list := agency.do("GET", path, nil, nil)
	var objs struct {
		Items []struct {
			State          string `json:"state"`
			DecisionReason string `json:"decision_reason"`
		}
	}
	json.Unmarshal(list.body, &objs)
	if len(objs.Items) != 1 || objs.Items[0].State != "accepted" {
		t.Fatalf("agency's objections after the decision: %s", list.body)
	}
}
