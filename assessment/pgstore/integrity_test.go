package pgstore_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/scoring"
)

// Many goroutines save the same answer, each from the version it last saw.
// Exactly one save wins per version; the others get a conflict carrying the
// current answer; the final value is the last accepted save; nothing is lost.
func TestConcurrentSavesOfOneAnswer(t *testing.T) {
	w := newWorld(t)
	ua, ind := w.uas[0].ID, w.indicators[0]
	const writers, rounds = 8, 5
	type win struct{ version, value int }
	var mu sync.Mutex
	var wins []win
	conflicts := 0
	var wg sync.WaitGroup
	for g := 0; g < writers; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			base := 0
			for r := 0; r < rounds; r++ {
				v := (g + r) % 4
				note := fmt.Sprintf("penulis %d putaran %d", g, r)
				got, err := w.svc.SaveAnswer(w.ctx, w.assessor, ua, ind, assessment.AnswerInput{Value: intp(v), Note: note}, base)
				var ce *assessment.ConflictError
				switch {
				case err == nil:
					mu.Lock()
					wins = append(wins, win{got.Version, v})
					mu.Unlock()
					base = got.Version
				case errors.As(err, &ce):
					cur, ok := ce.Current.(assessment.Answer)
					if !ok {
						t.Errorf("conflict without the current answer: %#v", ce.Current)
						return
					}
					mu.Lock()
					conflicts++
					mu.Unlock()
					base = cur.Version
				default:
					t.Errorf("save: %v", err)
					return
				}
			}
		}()
	}
	wg.Wait()
	seen := map[int]bool{}
	last := win{}
	for _, x := range wins {
		if seen[x.version] {
			t.Fatalf("two saves won version %d", x.version)
		}
		seen[x.version] = true
		if x.version > last.version {
			last = x
		}
	}
	final, err := w.store.Answer(w.ctx, ua, ind, false)
	if err != nil {
		t.Fatal(err)
	}
	if final.Version != len(wins) || final.Version != last.version || *final.Value != last.value {
		t.Fatalf("final answer version %d value %d; want version %d (= %d wins) value %d", final.Version, *final.Value, last.version, len(wins), last.value)
	}
	if conflicts == 0 {
		t.Fatal("no conflicts at all: the test did not race")
	}
	// Every accepted save is in the audit log.
	var n int64
	w.storeDB().Raw(`SELECT count(*) FROM audit_log WHERE action = 'answer.save' AND chain = ?`, fmt.Sprintf("ua:%d", ua)).Scan(&n)
	if int(n) != len(wins) {
		t.Fatalf("audit rows for the answer: got %d, want %d", n, len(wins))
	}
}

// failingStore injects a failure in the middle of a recompute.
type failingStore struct {
	assessment.Store
}

func (f failingStore) InTx(ctx context.Context, fn func(tx assessment.Store) error) error {
	return f.Store.InTx(ctx, func(tx assessment.Store) error { return fn(failingStore{tx}) })
}

func (f failingStore) ReplaceRankings(context.Context, int64, string, []assessment.Ranking) error {
	return errors.New("injected failure while ranking")
}

func TestRecomputeIsAtomic(t *testing.T) {
	w := newWorld(t)
	w.acceptAll(3)
	if _, err := w.svc.Verify(w.ctx, w.coord, w.period.ID, w.entity.ID); err != nil {
		t.Fatal(err)
	}
	before, err := w.store.CurrentSnapshot(w.ctx, w.period.ID, w.entity.ID)
	if err != nil {
		t.Fatal(err)
	}
	// Change an answer behind the workflow's back, then recompute with a store that fails mid-way.
	w.withSQL(`UPDATE answers SET value = 0 WHERE unit_assessment_id = $1`, w.uas[0].ID)
	broken := assessment.NewService(failingStore{w.store}, assessment.WithClock(w.clock.now))
	if _, err := broken.Recompute(w.ctx, assessment.System, w.period.ID, w.entity.ID); err == nil {
		t.Fatal("recompute with an injected failure succeeded")
	}
	after, err := w.store.CurrentSnapshot(w.ctx, w.period.ID, w.entity.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.ID != before.ID || after.Score != before.Score || len(after.Units) != len(before.Units) || after.Ranks["pemkab"] != 1 {
		t.Fatalf("after a failed recompute: snapshot %d score %s; want the previous snapshot %d score %s whole", after.ID, after.Score, before.ID, before.Score)
	}
	var snaps int64
	w.storeDB().Raw(`SELECT count(*) FROM result_snapshots WHERE entity_id = ?`, w.entity.ID).Scan(&snaps)
	if snaps != 1 {
		t.Fatalf("snapshots after a failed recompute: got %d, want 1", snaps)
	}
	// A working recompute gives the new, lower result.
	snap, err := w.svc.Recompute(w.ctx, assessment.System, w.period.ID, w.entity.ID)
	if err != nil {
		t.Fatal(err)
	}
	if snap.Score.String() != "50.00" {
		t.Fatalf("recomputed score: got %s, want 50.00 (one of two units at 0)", snap.Score)
	}
}

func TestAuditVerifyDetectsTampering(t *testing.T) {
	w := newWorld(t)
	w.acceptAll(2)
	n, problem, err := w.svc.VerifyAudit(w.ctx)
	if err != nil || problem != nil || n < 50 {
		t.Fatalf("verify clean log: %d rows, %v, %v", n, problem, err)
	}
	// Rows cannot be changed through SQL while the trigger stands.
	if err := w.storeDB().Exec(`UPDATE audit_log SET reason = 'x' WHERE id = 10`).Error; err == nil {
		t.Fatal("audit_log accepted an UPDATE")
	}
	if err := w.storeDB().Exec(`DELETE FROM audit_log WHERE id = 10`).Error; err == nil {
		t.Fatal("audit_log accepted a DELETE")
	}
	// A database owner who disables the trigger is still caught by the hashes.
	var target int64
	w.storeDB().Raw(`SELECT id FROM audit_log WHERE action = 'answer.save' ORDER BY id LIMIT 1 OFFSET 3`).Scan(&target)
	w.withSQL(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`)
	w.withSQL(`UPDATE audit_log SET new_value = jsonb_set(new_value, '{value}', '0') WHERE id = $1`, target)
	w.withSQL(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`)
	_, problem, err = w.svc.VerifyAudit(w.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if problem == nil || problem.ID != target {
		t.Fatalf("verify after altering row %d: got %v, want that row reported", target, problem)
	}
}

func pngBytes(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	img.Set(1, 1, color.RGBA{200, 0, 0, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestEvidence(t *testing.T) {
	w := newWorld(t)
	ua, ind := w.uas[0].ID, w.indicators[0]
	photo := pngBytes(t)
	ev, err := w.svc.AddEvidence(w.ctx, w.assessor, ua, ind, `C:\Users\penilai\..\foto maklumat.png`, bytes.NewReader(photo))
	if err != nil {
		t.Fatal(err)
	}
	if ev.MediaType != "image/png" || ev.OriginalName != "foto maklumat.png" || ev.Size != int64(len(photo)) {
		t.Fatalf("evidence record: %+v", ev)
	}
	// The same bytes again are stored once.
	ev2, err := w.svc.AddEvidence(w.ctx, w.assessor, ua, ind, "lagi.png", bytes.NewReader(photo))
	if err != nil || ev2.SHA256 != ev.SHA256 {
		t.Fatalf("second upload: %v, sha %s vs %s", err, ev2.SHA256, ev.SHA256)
	}
	var blobs int64
	w.storeDB().Raw(`SELECT count(*) FROM blobs`).Scan(&blobs)
	if blobs != 1 {
		t.Fatalf("blobs: got %d, want 1 (deduplicated)", blobs)
	}
	// Refused: wrong type, empty, a script named .png, another entity's assessor.
	refusals := []struct {
		name  string
		actor assessment.Actor
		data  []byte
		want  string
	}{
		{"text named png", w.assessor, []byte("#!/bin/sh\nrm -rf /\n"), "unsupported_type"},
		{"html polyglot", w.assessor, []byte("<html><script>alert(1)</script></html>"), "unsupported_type"},
		{"empty", w.assessor, nil, "empty"},
	}
	for _, r := range refusals {
		_, err := w.svc.AddEvidence(w.ctx, r.actor, ua, ind, "x.png", bytes.NewReader(r.data))
		var ve *assessment.ValidationError
		if !errors.As(err, &ve) || ve.Fields[0].Code != r.want {
			t.Errorf("%s: got %v, want %s", r.name, err, r.want)
		}
	}
	if _, err := w.svc.AddEvidence(w.ctx, w.assessor2, ua, ind, "x.png", bytes.NewReader(photo)); !errors.Is(err, assessment.ErrNotFound) {
		t.Errorf("unassigned assessor uploads: got %v, want ErrNotFound", err)
	}
	// Read back, then corrupt the stored bytes: reported corrupt, not served.
	_, rc, err := w.svc.OpenEvidence(w.ctx, w.coord, ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(rc)
	rc.Close()
	if !bytes.Equal(got, photo) {
		t.Fatal("evidence read back differs")
	}
	if _, _, err := w.svc.OpenEvidence(w.ctx, w.agency, ev.ID); !errors.Is(err, assessment.ErrNotFound) {
		t.Fatalf("agency reads evidence before results are shared: got %v, want ErrNotFound", err)
	}
	p := filepath.Join(w.dataDir, "blobs", ev.SHA256[:2], ev.SHA256)
	os.Chmod(p, 0o640)
	corrupt := append([]byte{}, photo...)
	corrupt[len(corrupt)-5] ^= 0xff
	if err := os.WriteFile(p, corrupt, 0o640); err != nil {
		t.Fatal(err)
	}
	if _, _, err := w.svc.OpenEvidence(w.ctx, w.coord, ev.ID); !errors.Is(err, assessment.ErrCorrupt) {
		t.Fatalf("corrupt evidence: got %v, want ErrCorrupt", err)
	}
}

func TestObjectionChangesResultAndIsAudited(t *testing.T) {
	w := newWorld(t)
	w.acceptAll(2)
	if _, err := w.svc.Verify(w.ctx, w.coord, w.period.ID, w.entity.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.Finalize(w.ctx, assessment.System, w.period.ID, w.entity.ID); err != nil {
		t.Fatal(err)
	}
	before, _ := w.store.CurrentSnapshot(w.ctx, w.period.ID, w.entity.ID)
	in := assessment.ObjectionInput{Statement: "Maklumat sudah ditandatangani, lihat foto.", Items: []assessment.ObjectionItemInput{
		{UnitAssessmentID: w.uas[0].ID, Indicator: w.indicators[0], RequestedValue: 3},
		{UnitAssessmentID: w.uas[0].ID, Indicator: w.indicators[1], RequestedValue: 3},
	}}
	if _, err := w.svc.FileObjection(w.ctx, w.agency, w.period.ID, w.entity.ID, in); !errors.Is(err, assessment.ErrWindow) {
		t.Fatalf("objection outside the window: got %v, want ErrWindow", err)
	}
	w.clock.set("2023-12-05")
	if _, err := w.svc.FileObjection(w.ctx, w.agency, w.period.ID, w.other.ID, in); !errors.Is(err, assessment.ErrForbidden) {
		t.Fatalf("objection for another entity: got %v, want ErrForbidden", err)
	}
	o, err := w.svc.FileObjection(w.ctx, w.agency, w.period.ID, w.entity.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.DecideObjection(w.ctx, w.coordOther, o.ID, assessment.ObjectionDecision{State: "rejected", Reason: "x"}); !errors.Is(err, assessment.ErrForbidden) {
		t.Fatalf("other province decides: got %v, want ErrForbidden", err)
	}
	dec := assessment.ObjectionDecision{State: assessment.ObjectionPartlyAccepted, Reason: "Bukti foto sah untuk indikator pertama saja",
		Items: []assessment.ObjectionItemDecision{{ItemID: o.Items[0].ID, Accepted: true}, {ItemID: o.Items[1].ID, Accepted: false}}}
	o, err = w.svc.DecideObjection(w.ctx, w.coord, o.ID, dec)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := w.store.CurrentSnapshot(w.ctx, w.period.ID, w.entity.ID)
	if after.ID == before.ID || after.Source != assessment.SourceObjection || after.Score <= before.Score {
		t.Fatalf("after objection: snapshot %d (%s, %s), before %d (%s)", after.ID, after.Source, after.Score, before.ID, before.Score)
	}
	a0, _ := w.store.Answer(w.ctx, w.uas[0].ID, w.indicators[0], false)
	a1, _ := w.store.Answer(w.ctx, w.uas[0].ID, w.indicators[1], false)
	if *a0.Value != 3 || *a1.Value != 2 {
		t.Fatalf("answers after decision: %d, %d; want 3 (accepted) and 2 (rejected)", *a0.Value, *a1.Value)
	}
	if _, err := w.svc.DecideObjection(w.ctx, w.coord, o.ID, dec); !errors.Is(err, assessment.ErrState) {
		t.Fatalf("deciding twice: got %v, want ErrState", err)
	}
	var audited int64
	w.storeDB().Raw(`SELECT count(*) FROM audit_log WHERE action IN ('answer.objection', 'objection.decide', 'result.objection')`).Scan(&audited)
	if audited != 3 {
		t.Fatalf("audit rows of the decision: got %d, want 3", audited)
	}
	_ = scoring.KindPemkab
}
