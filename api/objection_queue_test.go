package api_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"testing"
	"time"
)

// Kantah Kaur's 2023 result is final in the demo and its objection window
// is open on the day the demo was loaded: its agency files an objection;
// the Bengkulu coordinator finds it in the queue with names, another
// province's coordinator does not; the decision names who decided.
func TestObjectionQueueWithNames(t *testing.T) {
	s := newServer(t)
	s.clock.set(time.Now())
	var kantah, ua int64
	s.db.Raw(`SELECT id FROM entities WHERE code = 'kantah-1704'`).Scan(&kantah)
	s.db.Raw(`SELECT ua.id FROM unit_assessments ua JOIN periods p ON p.id = ua.period_id WHERE p.year = 2023 AND ua.entity_id = ?`, kantah).Scan(&ua)
	agency := s.signedIn("kantah.kaur@p4.demo")
	body := map[string]any{"statement": "Standar pelayanan sudah dipublikasikan di papan informasi.", "items": []map[string]any{
		{"unit_assessment_id": ua, "indicator": "PR.ST.01", "requested_value": 3}}}
	res := agency.do("POST", "/api/v1/periods/2023/entities/"+itoa(kantah)+"/objections", body, nil)
	if res.status != 201 {
		t.Fatalf("file objection: %d %s", res.status, res.body)
	}
	var obj struct{ ID int64 }
	json.Unmarshal(res.body, &obj)

	type queued struct {
		ID            int64  `json:"id"`
		State         string `json:"state"`
		EntityName    string `json:"entity_name"`
		EntityKind    string `json:"entity_kind"`
		FiledByName   string `json:"filed_by_name"`
		DecidedByName string `json:"decided_by_name"`
	}
	queue := func(email, query string) (int, []queued) {
		r := s.signedIn(email).do("GET", "/api/v1/periods/2023/objections"+query, nil, nil)
		var out struct{ Items []queued }
		json.Unmarshal(r.body, &out)
		return r.status, out.Items
	}
	st, items := queue("koordinator@p4.demo", "?state=submitted")
	if st != 200 || len(items) != 1 || items[0].ID != obj.ID || items[0].EntityName == "" || items[0].EntityKind != "kantah" ||
		items[0].FiledByName != "Rina Marlina" || items[0].DecidedByName != "" {
		t.Fatalf("Bengkulu coordinator's queue: %d %+v", st, items)
	}
	if st, items := queue("koordinator.sumsel@p4.demo", ""); st != 200 || len(items) != 0 {
		t.Errorf("Sumsel coordinator's queue: %d %+v, want empty", st, items)
	}
	if st, _ := queue("penilai1@p4.demo", ""); st != 403 {
		t.Errorf("assessor's queue: %d, want 403", st)
	}
	if st, _ := queue("admin@p4.demo", "?state=bogus"); st != 422 {
		t.Errorf("unknown state: %d, want 422", st)
	}

	// Evidence lists carry the uploader's name.
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	fw, _ := w.CreateFormFile("file", "papan-informasi.png")
	fw.Write(pngBytes())
	w.Close()
	if up := agency.do("POST", "/api/v1/objections/"+itoa(obj.ID)+"/evidence", buf.Bytes(), map[string]string{"Content-Type": w.FormDataContentType()}); up.status != 201 {
		t.Fatalf("upload: %d %s", up.status, up.body)
	}
	coord := s.signedIn("koordinator@p4.demo")
	var files struct {
		Items []struct {
			UploadedByName string `json:"uploaded_by_name"`
		}
	}
	json.Unmarshal(coord.do("GET", "/api/v1/objections/"+itoa(obj.ID)+"/evidence", nil, nil).body, &files)
	if len(files.Items) != 1 || files.Items[0].UploadedByName != "Rina Marlina" {
		t.Errorf("objection files: %+v", files.Items)
	}

	dec := map[string]any{"state": "rejected", "reason": "Foto tidak menunjukkan standar pelayanan."}
	if r := coord.do("POST", "/api/v1/objections/"+itoa(obj.ID)+"/decision", dec, nil); r.status != 200 {
		t.Fatalf("decide: %d %s", r.status, r.body)
	}
	var coordName string
	s.db.Raw(`SELECT name FROM users WHERE email = 'koordinator@p4.demo'`).Scan(&coordName)
	if st, items := queue("admin@p4.demo", "?state=rejected"); st != 200 || len(items) != 1 || items[0].DecidedByName != coordName {
		t.Errorf("admin's queue of rejected objections: %d %+v, want decided by %s", st, items, coordName)
	}
	if st, items := queue("koordinator@p4.demo", "?state=submitted"); st != 200 || len(items) != 0 {
		t.Errorf("queue of submitted after the decision: %d %+v", st, items)
	}
}

// Each user lists only the exports they asked for, newest first, with the
// file's address once done.
func TestListExports(t *testing.T) {
	s := newServer(t)
	i := s.ids() // queues a 2022 workbook for pimpinan and one for admin
	leader := s.signedIn("pimpinan@p4.demo")
	res := leader.do("POST", "/api/v1/exports", map[string]any{"year": 2022, "province": "17"}, nil)
	if res.status != 202 {
		t.Fatalf("request: %d %s", res.status, res.body)
	}
	var mine struct {
		Items []struct {
			ID      int64  `json:"id"`
			State   string `json:"state"`
			FileURL string `json:"file_url"`
		}
	}
	r := leader.do("GET", "/api/v1/exports", nil, nil)
	json.Unmarshal(r.body, &mine)
	if r.status != 200 || len(mine.Items) != 2 || mine.Items[1].ID != i.jobLeader || mine.Items[0].ID <= mine.Items[1].ID {
		t.Fatalf("pimpinan's exports: %d %s", r.status, r.body)
	}
	for _, j := range mine.Items {
		if j.ID == i.jobAdmin {
			t.Errorf("pimpinan sees the admin's export")
		}
	}
	var none struct{ Items []any }
	r = s.signedIn("kaur@p4.demo").do("GET", "/api/v1/exports", nil, nil)
	if json.Unmarshal(r.body, &none); r.status != 200 || len(none.Items) != 0 || none.Items == nil {
		t.Errorf("an agency user's exports: %d %s, want an empty list", r.status, r.body)
	}
}
